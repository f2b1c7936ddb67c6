"""Hostile drafts, configs and rule files: nothing may hang, exhaust memory or crash.

Memory and time are measured by ``bench/hostile.py``, not asserted here; these tests
check the mechanisms that bound them (what reaches spaCy and the grammar backend, what
the YAML loader refuses, how values are typed).
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from appeal_lint.cli import main
from appeal_lint.limits import MAX_WORD, PUNCT_RUN
from appeal_lint.source import Source
from conftest import assert_offsets

GOOD = "Root cause: we did not check stock before listing 3 items.\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def error_lines(err):
    return [l for l in err.splitlines() if l.startswith("appeal-lint: error:")]


# -- spies on what reaches the back ends -----------------------------------------------


@pytest.fixture
def sent_to_grammar(engine, monkeypatch):
    """Every text the grammar backend is asked to check."""
    runner = next(r for _, r in engine.compile() if getattr(r, "backend", None) is not None)
    backend = runner.backend
    real = backend.submit
    seen: list[str] = []

    def spy(text, markdown):
        seen.append(text)
        return real(text, markdown)

    monkeypatch.setattr(backend, "submit", spy)
    return seen


@pytest.fixture
def sent_to_spacy(engine, monkeypatch):
    """Every text spaCy is asked to parse."""
    nlp = engine.nlp
    real = nlp.pipe
    seen: list[str] = []

    def spy(texts, *args, **kwargs):
        texts = list(texts)
        seen.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    return seen


def longest_word(text: str) -> int:
    """Letters in the longest run of letters (the zeros that replace a long word are no word)."""
    return max((len(w) for w in re.findall(r"[^\W\d_]+", text)), default=0)


def longest_punctuation_run(text: str) -> int:
    return max((len(r) for r in re.findall(r"[^\w\s]+", text)), default=0)


# -- (1) one long "word" ----------------------------------------------------------------


def test_a_long_word_never_reaches_the_grammar_backend(lint, sent_to_grammar):
    # 300 letters cost Harper ~180 MB, 1,000 ~500 MB, 200,000 aborted the process
    word = "".join("qwertyuiopasdfghjklzxcvbnm"[i * 7 % 26] for i in range(300))
    text = f"The buyer lied about the damage. {word} We has a error in the listing.\n"
    report = lint(text)
    assert sent_to_grammar and all(len(t) == len(text) for t in sent_to_grammar)  # offsets hold
    assert all(longest_word(t) <= MAX_WORD for t in sent_to_grammar)
    rules = {f.rule for f in report.findings}
    assert "ownership.blames-buyer" in rules
    assert [f.text for f in report.findings if f.rule == "hygiene.overlong-word"] == [word]  # said once, in the open
    assert any(f.rule.startswith("grammar.harper.") and f.text == "has" for f in report.findings)  # the rest is still checked
    assert not any(f.rule.startswith("grammar.") and word in f.text for f in report.findings)
    assert_offsets(report)


def test_a_word_of_ordinary_length_is_still_spell_checked(lint, sent_to_grammar):
    report = lint("We have reviewed every listng and refunded the buyer.\n")
    assert any(f.rule == "grammar.harper.spelling" and f.text == "listng" for f in report.findings)
    assert "listng" in sent_to_grammar[-1]


# -- (3) punctuation runs ---------------------------------------------------------------


@pytest.mark.parametrize("run_of", ["!", "，", "$", ":)", "'", "…"])
def test_punctuation_runs_are_cut_for_parsing_and_offsets_hold(lint, sent_to_spacy, run_of):
    text = "We apologize" + run_of * 1500 + " The buyer lied about the damage.\n"
    report = lint(text)
    assert sent_to_spacy, "nothing was parsed"
    assert max(longest_punctuation_run(t) for t in sent_to_spacy) <= PUNCT_RUN
    assert sum(len(t) for t in sent_to_spacy) == len(text.strip())  # character for character
    blame = next(f for f in report.findings if f.rule == "ownership.blames-buyer")
    assert text[blame.start : blame.end] == blame.text and blame.text.startswith("buyer")
    if run_of == "!":  # the raw-text rules still see the whole run
        mark = next(f for f in report.findings if f.rule == "tone.exclamation")
        assert mark.text == "!" * 1500
    assert_offsets(report)


words = st.sampled_from(["We", "refunded", "the", "buyer", "lied", "Root cause:", "\n\n", "- ", "，", "。"])
long_words = st.text(alphabet="abcdefghij", min_size=MAX_WORD + 1, max_size=400)
runs = st.builds(lambda c, n: c * n, st.sampled_from(list("!?.,，。！$'\"()-*#…") + [":)", "?!"]), st.integers(4, 300))
hostile = st.lists(st.one_of(words, long_words, runs, st.just(" ")), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=hostile)
def test_long_words_and_punctuation_runs_keep_offsets_and_bounds(engine, sent_to_spacy, sent_to_grammar, text):
    sent_to_spacy.clear()
    sent_to_grammar.clear()
    file = engine.lint_sources([Source("draft.md", text)]).files[0]
    if not text.strip():
        return
    assert_offsets(file)
    assert all(longest_punctuation_run(t) <= PUNCT_RUN for t in sent_to_spacy)
    assert all(longest_word(t) <= MAX_WORD for t in sent_to_grammar)
    assert json.loads(json.dumps(file.to_dict()))["path"] == "draft.md"


# -- (7) booleans only from booleans, numbers only from numbers ---------------------------


@pytest.mark.parametrize(
    "config,fragment",
    [
        ("grammar: {enabled: no}\n", "'grammar.enabled' must be true or false, not 'no'"),
        ("grammar: {languagetool-local: no}\n", "'grammar.languagetool-local' must be true or false"),
        ("grammar: off\n", "'grammar' must be true, false or a mapping"),
        ("max-bytes: true\n", "'max-bytes' must be a whole number"),
        ("length: {min-words: yes}\n", "length.min-words must be a whole number"),
    ],
)
def test_config_flags_and_numbers_are_typed(tmp_path, capsys, config, fragment):
    (tmp_path / ".appeal-lint.yaml").write_text("lang: en\n" + config, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, str(draft))
    assert code == 2
    (line,) = error_lines(err)
    assert f"{tmp_path / '.appeal-lint.yaml'}:2:" in line and fragment in line


def test_config_booleans_still_work(tmp_path, capsys):
    (tmp_path / ".appeal-lint.yaml").write_text("grammar: {enabled: false}\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text("We has a error in the the listing.\n", encoding="utf-8")
    code, out, err = run(capsys, "--format", "json", str(draft))
    assert not any(f["rule"].startswith("grammar.") for f in json.loads(out)["files"][0]["findings"])


def user_rules(tmp_path, body: str):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "r.yaml").write_text(
        "id: agency.typed\ncode: AG950\ncategory: hygiene\nseverity: info\n"
        "message: x\nwhy: A user rule written for this test of typed values in rule files.\n"
        "examples: {bad: [a], good: [b]}\n" + body,
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    "body,line,fragment",
    [
        ("type: regex\npattern: 'teh'\nreplace: the\nsafe: no\n", 11, "'safe' must be true or false, not 'no'"),
        ("type: regex\npattern: 'teh'\nmax_per_letter: lots\n", 10, "'max_per_letter' must be a whole number"),
        ("type: regex\npattern: '(t)eh'\ngroup: true\n", 10, "group True is not a group"),
        ("type: phrase\nphrases: [teh]\nenabled: no\n", 10, "'enabled' must be true or false, not 'no'"),
        ("type: substitution\nswaps:\n  - {phrase: teh, replace: the, safe: off}\n", 10, "'safe' must be true or false, not 'off'"),
        ("type: phrase\nphrases: [teh]\nmin_count: true\n", 10, "min_count must be a whole number"),
        ("type: phrase\nphrases: [teh]\nlead_ins: drop\n", 10, "lead_ins must be keep or skip"),
        ("type: pattern\npatterns: [[{LOWER: teh}]]\nskip_headings: maybe\n", 10, "'skip_headings' must be true or false, not 'maybe'"),
    ],
)
def test_rule_flags_and_numbers_are_typed(tmp_path, capsys, body, line, fragment):
    folder = user_rules(tmp_path, body)
    draft = tmp_path / "draft.txt"
    draft.write_text("We fixed teh listing.\n", encoding="utf-8")
    code, out, err = run(capsys, "--rules", str(folder), str(draft))
    assert code == 2, err
    (message,) = error_lines(err)
    assert f"{folder / 'r.yaml'}:{line}:" in message and fragment in message


def test_safe_false_fix_is_not_applied(tmp_path, capsys):
    folder = user_rules(tmp_path, "type: regex\npattern: 'teh'\nreplace: the\nsafe: false\n")
    draft = tmp_path / "draft.txt"
    draft.write_text("We fixed teh listing.\n", encoding="utf-8")
    run(capsys, "--rules", str(folder), "--fix", str(draft))
    assert draft.read_text(encoding="utf-8") == "We fixed teh listing.\n"


# -- (2) YAML alias bombs ---------------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_in_a_config_is_refused_with_its_line(tmp_path, capsys):
    # nine levels: 387 million strings once copied (gigabytes); refused before that
    (tmp_path / ".appeal-lint.yaml").write_text("words: [Acme]\n" + alias_bomb(), encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, str(draft))
    assert code == 2
    (line,) = error_lines(err)
    assert f"{tmp_path / '.appeal-lint.yaml'}:6:" in line and "alias" in line


def test_alias_bomb_in_a_rule_file_is_refused_with_its_line(tmp_path, capsys):
    folder = user_rules(tmp_path, "type: phrase\nphrases: [teh]\ndescription:\n" + "".join("  " + l + "\n" for l in alias_bomb().splitlines()))
    code, out, err = run(capsys, "--rules", str(folder), "examples/strong-odr.txt")
    assert code == 2
    (line,) = error_lines(err)
    assert f"{folder / 'r.yaml'}:15:" in line and "alias" in line


def test_modest_anchors_and_aliases_still_load(tmp_path, capsys):
    (tmp_path / ".appeal-lint.yaml").write_text(
        "ignore: &quiet [AL606, AL301]\nper-file:\n  - {files: ['uk/*'], ignore: *quiet}\n  - {files: ['us/*'], ignore: *quiet}\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, str(draft))
    assert not error_lines(err)


# -- (8) a config found next to a draft may not send it away ------------------------------


def test_a_found_config_cannot_send_drafts_away_but_the_command_line_can(tmp_path, capsys, monkeypatch):
    from fake_languagetool import FakeLanguageTool

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user-config"))
    with FakeLanguageTool() as lt:
        # "127.1" is this machine, spelled so that appeal-lint must treat it as remote
        remote = lt.url.replace("127.0.0.1", "127.1")
        config = tmp_path / ".appeal-lint.yaml"
        config.write_text(f"grammar:\n  languagetool-url: '{remote}'\n", encoding="utf-8")
        draft = tmp_path / "draft.txt"
        draft.write_text("We has checked the listing and refunded the buyer.\n", encoding="utf-8")
        code, out, err = run(capsys, "--format", "json", str(draft))
        assert lt.requests == []
        assert f"appeal-lint: warning: {config}: this config sends drafts to 127.1" in err and "--languagetool-url" in err
        assert any(f["rule"].startswith("grammar.harper.") for f in json.loads(out)["files"][0]["findings"])
        # the same config named with --config is the user's choice: it is used
        code, out, err = run(capsys, "--config", str(config), "--format", "json", str(draft))
        assert len(lt.requests) == 1 and "may not" not in err
        assert any(f["rule"].startswith("grammar.languagetool.") for f in json.loads(out)["files"][0]["findings"])


def test_a_found_config_cannot_start_a_downloaded_languagetool(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-user-config"))
    (tmp_path / ".appeal-lint.yaml").write_text("grammar: {languagetool-local: true}\n", encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, str(draft))
    assert "downloads and starts LanguageTool" in err and not error_lines(err)


def test_the_users_own_config_applies_when_no_project_config_is_found(tmp_path, capsys, monkeypatch):
    user = tmp_path / "home-config" / "appeal-lint"
    user.mkdir(parents=True)
    (user / "config.yaml").write_text("ignore: [ownership]\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "home-config"))
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "draft.txt"
    draft.write_text("The buyer lied about the damage.\n", encoding="utf-8")
    monkeypatch.chdir(folder)
    code, out, err = run(capsys, "--format", "json", str(draft))
    assert not any(f["category"] == "ownership" for f in json.loads(out)["files"][0]["findings"])


# -- (9) the language server's cache is bounded by size -----------------------------------


def test_the_paragraph_cache_is_bounded_by_text_length(monkeypatch):
    import appeal_lint.engine as engine_mod
    from appeal_lint.engine import Engine
    from appeal_lint.settings import Settings

    monkeypatch.setattr(engine_mod, "DOC_CACHE_CHARS", 20_000, raising=False)
    server_engine = Engine(Settings(cache_docs=True, grammar=False))
    paragraph = "We refunded order {n} in full and checked every listing for the same fault before shipping again. " * 10
    for draft in range(6):  # 60 distinct paragraphs of ~1,000 characters
        text = "\n\n".join(paragraph.format(n=f"{draft}-{i}") for i in range(10))
        server_engine.lint_sources([Source("d.md", text)])
    for cache in (server_engine._cache, server_engine._analysis):
        assert 0 < sum(len(k) for k in cache) <= 20_000 + 10_500  # the bound, plus the draft just linted
        assert len(cache) < 60


# -- (10) every regular expression from a rule file is time-limited -----------------------


@pytest.mark.parametrize(
    "body",
    [
        "type: pattern\npatterns: [[{TEXT: {REGEX: '^(a|aa)+$'}}]]\n",
        "type: pattern\npatterns: [[{LOWER: {REGEX: '^(a|aa)+$', NOT_IN: [b]}}]]\n",
        "type: dependency\npatterns:\n  - - {RIGHT_ID: w, RIGHT_ATTRS: {ORTH: {REGEX: '^(a|aa)+$'}}}\n",
        "type: script\nfunction: symptom_as_cause\noptions: {symptom: '^(a|aa)+$', cause: 'zz'}\n",
    ],
)
def test_catastrophic_regex_in_any_rule_type_is_stopped(tmp_path, capsys, body):
    folder = user_rules(tmp_path, body)
    draft = tmp_path / "draft.txt"
    # ~20 s under Python's re; three paragraphs, so that the symptom_as_cause script has a letter to judge
    draft.write_text("Dear team,\n\nRoot cause:\n" + "a" * 36 + "b\n\nWe refunded every buyer.\n\nWe check orders daily.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-grammar", "--rules", str(folder), str(draft))
    assert code == 2
    (line,) = error_lines(err)
    assert f"{folder / 'r.yaml'}:1: rule agency.typed:" in line and "catastrophic backtracking" in line


def test_token_regex_still_matches(tmp_path, capsys):
    folder = user_rules(tmp_path, "type: pattern\npatterns: [[{LOWER: {REGEX: '^te+h$'}}, {LOWER: listing}]]\nexamples: {bad: [teeh listing], good: [the listing]}\n".replace("examples: {bad: [teeh listing], good: [the listing]}\n", ""))
    draft = tmp_path / "draft.txt"
    draft.write_text("We fixed TEEH listing and the other listing.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-grammar", "--format", "json", "--rules", str(folder), str(draft))
    found = [f for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "agency.typed"]
    assert [f["text"] for f in found] == ["TEEH listing"]


# -- (11) the smaller ones -----------------------------------------------------------------


def test_message_templates_substitute_names_only(tmp_path, capsys):
    folder = user_rules(tmp_path, "type: phrase\nphrases: [teh]\n")
    rule = folder / "r.yaml"
    rule.write_text(rule.read_text().replace("message: x", "message: '{text} {text.__class__} {text:>50000000} {{text}} {nope}'"))
    draft = tmp_path / "draft.txt"
    draft.write_text("We fixed teh listing.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-grammar", "--format", "json", "--rules", str(folder), str(draft))
    (found,) = [f for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "agency.typed"]
    assert found["message"] == "teh {text.__class__} {text:>50000000} {text} {nope}"


def test_max_bytes_zero_lifts_spacys_limit_too():
    from appeal_lint.engine import Engine
    from appeal_lint.settings import Settings

    assert Engine(Settings(max_bytes=0, grammar=False)).nlp.max_length >= 10**9
    assert Engine(Settings(max_bytes=3_000_000, grammar=False)).nlp.max_length >= 3_000_000


def test_sigterm_to_a_parallel_run_ends_its_workers_quietly(tmp_path):
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from conftest import EXAMPLES

    letters = sorted(EXAMPLES.glob("*.txt"))
    for i in range(120):
        (tmp_path / f"d{i}.txt").write_text(letters[i % len(letters)].read_text(encoding="utf-8") + f"\nRef {i}.\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "appeal_lint", "-j", "2", "--no-grammar", str(tmp_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    children_file = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline, workers = time.monotonic() + 120, []
    while time.monotonic() < deadline and proc.poll() is None:
        workers = [int(p) for p in children_file.read_text().split()] if children_file.exists() else []
        if len(workers) >= 2:
            break
        time.sleep(0.05)
    assert len(workers) >= 2, "the workers never started"
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    err = proc.communicate(timeout=60)[1]
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in err and "terminated" in err
    time.sleep(1)
    alive = [pid for pid in workers if Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]]
    assert alive == []


# -- a budget per draft: a book is not a letter, and the batch goes on --------------------


def test_a_draft_of_thousands_of_bullets_is_refused_and_the_batch_goes_on(tmp_path, capsys):
    # 100,000 one-word bullets took 278 s (work that grows with the square of the count)
    bullets = tmp_path / "a-bullets.md"
    bullets.write_text("- x\n" * 3000, encoding="utf-8")
    letter = tmp_path / "b-letter.txt"
    letter.write_text("The buyer lied about the damage.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-grammar", "--format", "json", str(bullets), str(letter))
    files = json.loads(out)["files"]
    assert code == 2 and files[0]["error"]["code"] == "too-complex"
    assert "3,000 paragraphs, headings and bullets, over the limit of 1,000" in files[0]["error"]["message"]
    assert files[1]["error"] is None and any(f["rule"] == "ownership.blames-buyer" for f in files[1]["findings"])


def test_a_draft_over_the_time_limit_is_an_error_and_the_batch_goes_on(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("APPEAL_LINT_TIME_LIMIT", "1")
    big = tmp_path / "a-big.txt"  # ~180 KB of prose: several seconds of parsing
    big.write_text("\n\n".join(["We refunded the buyer on May 4 and checked every listing for the same fault. " * 5] * 500), encoding="utf-8")
    letter = tmp_path / "b-letter.txt"
    letter.write_text("The buyer lied about the damage.\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-grammar", "--format", "json", str(big), str(letter))
    files = json.loads(out)["files"]
    assert code == 2 and files[0]["error"]["code"] == "timeout"
    assert f"{big}: not linted: it took over 1 s, the time limit per draft" in err
    assert files[1]["error"] is None and any(f["rule"] == "ownership.blames-buyer" for f in files[1]["findings"])


@settings(max_examples=60, deadline=None)
@given(width=st.integers(2, 12), depth=st.integers(1, 9))
def test_any_alias_fan_out_loads_small_or_is_refused_early(width, depth):
    from appeal_lint.yamlio import YamlError, load_all

    lines = ["a0: &a0 [" + ", ".join(["x"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, depth + 1)]
    text = "\n".join(lines) + "\n"
    values = width ** (depth + 1)  # strings once every alias is copied
    try:
        load_all(text)
    except YamlError as exc:
        assert values > 5_000 and exc.line and "alias" in exc.message  # (the bound counts the lists too)
    else:
        assert values < 100_000


def test_a_paragraph_longer_than_any_letter_is_refused(tmp_path, capsys):
    # 100 KB of "a.b," in one paragraph took 1.1 GB in the parser
    draft = tmp_path / "draft.md"
    draft.write_text("a.b," * 15_000 + "\n", encoding="utf-8")
    code, out, err = run(capsys, "--no-grammar", str(draft))
    assert code == 2
    (line,) = error_lines(err)
    assert "not linted: a paragraph of 60,000 characters, over the limit of 50,000" in line


def test_the_budget_holds_in_worker_processes_too(tmp_path, capsys):
    bullets = tmp_path / "a-bullets.md"
    bullets.write_text("- x\n" * 1500, encoding="utf-8")
    letters = []
    for i in range(3):
        letters.append(tmp_path / f"b{i}.txt")
        letters[-1].write_text(f"The buyer lied about order {i}.\n", encoding="utf-8")
    code, out, err = run(capsys, "-j", "2", "--no-grammar", "--format", "json", str(bullets), *map(str, letters))
    files = json.loads(out)["files"]
    assert code == 2 and files[0]["error"]["code"] == "too-complex"
    assert all(f["error"] is None and any(x["rule"] == "ownership.blames-buyer" for x in f["findings"]) for f in files[1:])
