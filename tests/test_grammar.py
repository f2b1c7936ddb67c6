"""Grammar checking: Harper for real, offline; LanguageTool through its HTTP API.

LanguageTool cannot be installed here (it needs Java and a ~250 MB download, and there
is no server to reach), so the LanguageTool adapter is tested against a local stand-in
server (tests/fake_languagetool.py) that answers the /v2/check format. Set
APPEAL_LINT_LANGUAGETOOL_URL to a real server to run test_real_languagetool_server too.
"""

from __future__ import annotations

import os
import socket

import pytest

from appeal_lint.engine import Engine
from appeal_lint.settings import Settings
from appeal_lint.source import Source
from conftest import assert_offsets
from fake_languagetool import FakeLanguageTool

BROKEN = "We has reviewed every listing. Their was a error in the the title."


@pytest.fixture
def no_network(monkeypatch):
    """Fail any attempt to open a socket to anything but this machine."""
    real = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "::1", "localhost"):
            raise AssertionError(f"network access to {host}")
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def grammar_findings(report):
    return [f for f in report.findings if f.rule.startswith("grammar.")]


def test_harper_finds_three_errors_offline(lint, no_network):
    report = lint(BROKEN)
    found = grammar_findings(report)
    assert len(found) >= 3
    assert all(f.rule.startswith("grammar.harper.") and f.category == "language" for f in found)
    assert {"has", "Their", "the the"} <= {f.text for f in found}
    assert any("have" in f.suggestions for f in found)
    assert_offsets(report)


def test_amazon_terms_and_ids_are_not_spelling_errors(lint):
    text = (
        "We shipped order 112-4455667-1234567 of ASIN B0CX12ABCD with FBA and Buy Shipping. "
        "Our A-to-z claims and chargebacks fell, and SKUs now sync every hour in Seller Central."
    )
    assert grammar_findings(lint(text)) == []


def test_a_term_cut_by_a_line_break_is_still_a_term(lint):
    # a mail client's hard wrap may end a line inside a company form or a term of the trade
    text = (
        "We write for our client, Kemuning Home Appliances Sdn.\nBhd. of Johor Bahru, about the notice.\n"
        "All 41 orders were refunded in Seller\nCentral on 3 May."
    )
    assert [f.text for f in grammar_findings(lint(text))] == []


def test_names_are_not_spelling_errors(lint):
    report = lint("We stopped buying from Jinhua Trading and now buy from Hangzhou Lotus Supply.\n\nSincerely,\nZhao Min")
    assert grammar_findings(report) == []


def test_builtin_rule_wins_overlap(lint):
    report = lint("Our staffs checked the orders，and i signed the report.")
    rules = [f.rule for f in report.findings]
    assert "language.uncountable-plural" in rules and "hygiene.fullwidth-punctuation" in rules and "hygiene.lowercase-i" in rules
    spans = [(f.start, f.end) for f in report.findings if f.rule.startswith("grammar.")]
    own = [(f.start, f.end) for f in report.findings if not f.rule.startswith("grammar.")]
    assert not any(a < d and c < b for a, b in spans for c, d in own)


def test_user_words_and_ignore_by_kind():
    engine = Engine(Settings(words=["Quixotica"], ignore=["grammar.harper.repetition"]))
    report = engine.lint_sources([Source("d.txt", "Quixotica refunded the the buyer.")]).files[0]
    assert grammar_findings(report) == []


def test_no_grammar_switch():
    engine = Engine(Settings(grammar=False))
    assert grammar_findings(engine.lint_sources([Source("d.txt", BROKEN)]).files[0]) == []


def test_grammar_findings_are_warnings_by_default(lint):
    assert {f.severity for f in grammar_findings(lint(BROKEN))} == {"warning"}


def test_languagetool_adapter_against_local_server(no_network):
    with FakeLanguageTool() as lt:
        engine = Engine(Settings(languagetool_url=lt.url, grammar_backend="languagetool"))
        text = "\U0001F600 We has recieved the the parcel."
        report = engine.lint_sources([Source("d.txt", text)]).files[0]
        found = {f.rule: f for f in grammar_findings(report)}
        assert set(found) == {"grammar.languagetool.grammar", "grammar.languagetool.spelling", "grammar.languagetool.miscellaneous"}
        assert found["grammar.languagetool.spelling"].text == "recieved"
        assert found["grammar.languagetool.spelling"].suggestions == ["received"]
        assert found["grammar.languagetool.grammar"].code == "AL903"
        assert_offsets(report)  # the emoji before them is one code point, two UTF-16 units
        assert lt.requests and lt.requests[0]["language"] == ["en-US"]


def test_unreachable_languagetool_is_a_clear_error(capsys):
    from appeal_lint.cli import main

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    code = main(["--languagetool-url", f"http://127.0.0.1:{port}", "--select", "grammar", "examples/strong-odr.txt"])
    err = capsys.readouterr().err
    assert code == 2
    assert "LanguageTool" in err and "Traceback" not in err


def test_remote_languagetool_warns_that_drafts_leave(monkeypatch, capsys):
    from appeal_lint.grammar.languagetool_backend import LanguageToolBackend

    monkeypatch.setattr(LanguageToolBackend, "_build", lambda self, local: None)
    LanguageToolBackend("https://api.languagetool.org", False, [], {})
    assert "public LanguageTool API" in capsys.readouterr().err
    LanguageToolBackend("http://127.0.0.1:8081", False, [], {})
    assert capsys.readouterr().err == ""


@pytest.mark.skipif(not os.environ.get("APPEAL_LINT_LANGUAGETOOL_URL"), reason="set APPEAL_LINT_LANGUAGETOOL_URL to test a real LanguageTool server")
def test_real_languagetool_server():
    engine = Engine(Settings(languagetool_url=os.environ["APPEAL_LINT_LANGUAGETOOL_URL"], grammar_backend="languagetool"))
    report = engine.lint_sources([Source("d.txt", BROKEN)]).files[0]
    assert len(grammar_findings(report)) >= 3


def test_harper_starts_a_fresh_linter_now_and_then(monkeypatch):
    """A long-running server must not keep every unknown word Harper ever met: the
    linter is rebuilt on its thread after RENEW_EVERY checks, and finds the same."""
    from appeal_lint.grammar import harper_backend

    monkeypatch.setattr(harper_backend, "RENEW_EVERY", 2)
    backend = harper_backend.HarperBackend("american", [], {})
    text = "We has checked the the order on 4 May."
    first = backend._client.result()
    found = [backend.submit(text, False).result() for _ in range(3)]
    assert backend._client.result() is not first
    assert found[0] == found[1] == found[2] and found[0]
