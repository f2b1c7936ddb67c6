"""--jobs: worker processes give the report one process gives, and grammar is checked
once, in the parent, not again in each worker."""

from __future__ import annotations

import os
from pathlib import Path

from appeal_lint.engine import Engine
from appeal_lint.grammar.harper_backend import HarperBackend
from appeal_lint.parallel import lint_parallel, tasks
from appeal_lint.settings import Settings
from appeal_lint.source import Source

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def drafts() -> list[Source]:
    out = [Source(p.name, p.read_text(encoding="utf-8")) for p in sorted(EXAMPLES.iterdir())]
    # grammar errors, an ID and a duplicate draft, which is checked once
    broken = "We has reviewed order 112-4455667-1234567. Their was a error in the the title of ASIN B0CX12ABCD.\n"
    return out + [Source("broken-1.txt", broken), Source("broken-2.txt", broken)]


def findings(report) -> list[list[tuple]]:
    return [[(f.rule, f.start, f.end, f.severity, f.message) for f in file.findings] for file in report.files]


def test_jobs_with_grammar_give_the_same_report(tmp_path, monkeypatch):
    calls = tmp_path / "grammar-calls"
    real_submit = HarperBackend.submit

    def submit(self, text, markdown):
        with calls.open("a") as out:  # appended to by whichever process checks a draft
            out.write(f"{os.getpid()}\n")
        return real_submit(self, text, markdown)

    monkeypatch.setattr(HarperBackend, "submit", submit)
    items = drafts()
    one = Engine(Settings()).lint_sources(items)
    calls.unlink()
    two = lint_parallel(Engine(Settings()), items, 2)
    assert findings(two) == findings(one)
    assert any(f.rule.startswith("grammar.harper.") for f in two.files[-1].findings)
    checked_by = calls.read_text().split()
    assert set(checked_by) == {str(os.getpid())}  # the parent, never a worker
    assert len(checked_by) == len(items) - 1


def test_batches_cover_every_draft_once_and_start_small():
    items = [Source(f"{n}.txt", "x" * (n * 37 % 101 + 1)) for n in range(50)]
    batches = tasks(items, 2)
    flat = [i for batch in batches for i in batch]
    assert sorted(flat) == list(range(50))
    assert [len(b) for b in batches[:2]] == [1, 1]
    sizes = [len(b) for b in batches[2:]]
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] == 1
    lengths = [len(items[i].text) for i in flat]
    assert lengths == sorted(lengths, reverse=True)


def test_jobs_with_a_languagetool_server_send_each_draft_once():
    from fake_languagetool import FakeLanguageTool

    items = [Source(f"{n}.txt", f"Letter {n}: we has recieved the the parcel on day {n}.\n") for n in range(6)]
    with FakeLanguageTool() as lt:
        settings = dict(languagetool_url=lt.url, grammar_backend="languagetool")
        one = Engine(Settings(**settings)).lint_sources(items)
        sent_by_one = len(lt.requests)
        two = lint_parallel(Engine(Settings(**settings)), items, 2)
        assert len(lt.requests) - sent_by_one == sent_by_one == len(items)
    assert findings(two) == findings(one)
    assert all(any(f.rule == "grammar.languagetool.spelling" for f in file.findings) for file in two.files)
