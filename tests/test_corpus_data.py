"""The labelled corpus (corpus/): its size and spread, no duplicates, letters that parse,
and how appeal-lint reads the letters: the same results whatever the line endings or
wrapping, no "missing section" on a strong letter, roles right on the held-out letters.

bench/quality.py prints the full figures; these tests hold the lines that must not move.
"""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
from collections import Counter

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))
from corpus import dedup, load  # noqa: E402

SENTENCES = load.sentences()
TUNING = [s for s in SENTENCES if s["split"] != "heldout"]
LETTERS = load.letters()
VOICES = set(load.VOICES)
KINDS = {category: set(kinds) for category, kinds in load.KINDS.items()}
MISSING = ("structure.missing-root-cause", "structure.missing-actions", "structure.missing-prevention")


def test_sentence_fields_are_valid():
    for s in SENTENCES:
        assert load.sentence_problem(s) is None, (s["where"], load.sentence_problem(s))


def test_sentence_corpus_size_and_spread():
    assert len(TUNING) >= 6000
    by_cat = Counter(s["category"] for s in TUNING)
    for cat in ("ownership", "tone", "specificity", "focus", "language"):
        assert by_cat[cat] >= 500, cat
        voices = Counter(s["voice"] for s in TUNING if s["category"] == cat)
        assert len([v for v, n in voices.items() if n >= 20]) >= 4, (cat, voices)
        kinds = Counter(s["kind"] for s in TUNING if s["category"] == cat)
        assert set(kinds) == KINDS[cat], (cat, kinds)
    clean = [s for s in TUNING if s["category"] == "clean"]
    assert len(clean) >= 2500
    assert sum(s["kind"].startswith("hard_") for s in clean) >= 1000
    defective = [s for s in TUNING if s["category"] != "clean"]
    assert sum(s["subtle"] for s in defective) >= len(defective) / 3
    assert set(s["voice"] for s in TUNING) == VOICES


def test_no_exact_or_near_duplicate_sentences():
    texts = [s["text"] for s in SENTENCES]
    pairs = dedup.near_duplicates(texts)
    assert not pairs, [(SENTENCES[i]["where"], SENTENCES[j]["where"]) for i, j, _ in pairs[:10]]


def test_near_duplicate_check_finds_a_swapped_word():
    pairs = dedup.near_duplicates(["We refunded all the buyers on 3 May and closed the listing.",
                                   "We refunded all the buyers on 9 June and closed the listing.",
                                   "Our courier picks up at four every weekday."])
    assert [(i, j) for i, j, _ in pairs] == [(0, 1)]


def test_letter_corpus_size_and_spread():
    from appeal_lint.ruleset import REASONS

    letters = [x for x in LETTERS if x.split != "heldout"]
    assert len(letters) >= 150
    for reason in REASONS:
        if reason == "other":
            continue
        qualities = {x.quality for x in letters if x.reason == reason}
        assert {"strong", "weak"} <= qualities, reason
    assert {x.quality for x in letters} == {"strong", "mediocre", "weak"}
    assert len({x.layout for x in letters}) >= 8
    for x in LETTERS:
        words = len(x.text.split())
        assert 240 <= words <= 950, (x.id, words)
        assert x.units and all(u.role in load.ROLE_CODES.values() for u in x.units), x.id


def test_tags_cover_every_sentence_of_a_letter():
    """Tagged letters: the text between tags holds no untagged sentence (a tag was not forgotten)."""
    for x in LETTERS[:60]:
        covered = sorted((u.start, u.end) for u in x.units)
        gaps = []
        pos = 0
        for start, end in covered:
            gaps.append(x.text[pos:start])
            pos = max(pos, end)
        gaps.append(x.text[pos:])
        for gap in gaps:
            assert not re.search(r"[a-z]{3,}[^.!?]*[a-z]{3,}[.!?]", gap), (x.id, gap[:80])


def _variants(text: str) -> dict[str, str]:
    return {"crlf": text.replace("\n", "\r\n"), "cr": text.replace("\n", "\r")}


def _wrapped(text: str, layout: str = "") -> str:
    """The letter as a mail client would send it: every line longer than 72 columns
    hard-wrapped at 72, list items too (letters written hard-wrapped are left as they are:
    wrapping them again at another width makes ragged text, a harder case than this test's)."""
    if layout == "hard-wrapped":
        return text
    out = []
    for line in text.split("\n"):
        # table rows are left as they are
        if len(line) > 72 and line.count("|") < 2 and "\t" not in line:
            out.append(textwrap.fill(line, 72, break_long_words=False, break_on_hyphens=False))
        else:
            out.append(line)
    return "\n".join(out)


def _summary(file):
    # a finding anchored on a paragraph's first line quotes less of a wrapped paragraph: compare its start
    return (file.grade.score, sorted((f.rule, " ".join(f.text.split()[:6])) for f in file.findings),
            [s.role for s in file.sentences])


# Which letters are linted wrapped and with CRLF and CR endings. Every letter that wrapping
# changes was checked until round 32, when the check alone took half of CI's time and grew with
# every letter set. Now, by default, one letter per writer (three until round 38, when the corpus's
# 2,952 letters made CI's run 19 minutes on a slow machine), in the layout least checked so far,
# every letter of a rare layout and every known difference; APPEAL_LINT_ALL_LETTERS=1 checks every
# letter, as a round that adds letters does (a wrapped line can open with "10)" or "- " and read as
# a list: a sample missed five letters in round 22, so the full check stays in the round's steps).
_LF_LETTERS = [x for x in LETTERS if "\r" not in x.text]
_ALL = os.environ.get("APPEAL_LINT_ALL_LETTERS", "") not in ("", "0")
_RARE = {layout for layout, n in Counter(x.layout for x in _LF_LETTERS).items() if n < 10}


def _sample(letters, per_writer: int = 1) -> set[str]:
    """Each writer's letters in up to per_writer layouts, the layout least checked so far first,
    so every common layout is checked across many writers; every letter of a rare layout."""
    chosen = {x.id for x in letters if x.layout in _RARE}
    checked = Counter()
    by_writer: dict[str, list] = {}
    for x in sorted(letters, key=lambda x: x.id):
        by_writer.setdefault(x.id.rsplit("-", 1)[0], []).append(x)
    for writer in sorted(by_writer):
        layouts: set[str] = set()
        for _ in range(per_writer):
            left = [x for x in by_writer[writer] if x.layout not in layouts and x.layout not in _RARE]
            if not left:
                break
            x = min(left, key=lambda x: (checked[x.layout], x.id))
            chosen.add(x.id)
            layouts.add(x.layout)
            checked[x.layout] += 1
    return chosen
# Known, and shown: when a writer ends each sentence with a line break and no blank line,
# hard-wrapping makes it ambiguous, since a break after a long line reads as the mail
# client's, and such lines join into one paragraph (their roles or a paragraph-length
# finding change); a Markdown heading longer than the width is cut in two; a space-aligned
# table wider than the width wraps into pieces, one read as a heading. Strict xfail,
# so a fix shows: round 40's models read nine that were here the same wrapped or not (m2-010,
# ku2-009, kw6-009, ld6-006, le3-010, lg1-002, lg6-004, lh6-004, lh6-005).
_WRAP_KNOWN = {
    # held-out-63 (round 39)
    "lg6-005": "one line per sentence: wrapped, the lines join and the letter is told it has no layout (info; one point lower)",
    "hh2-011": "one line per sentence: lines join into a paragraph over 180 words",
    "ke4-010": "a numbered question heading longer than 72 columns is cut in two, and its first line is no question",
    "jr1-012": "a space-aligned table wider than 72 columns: a piece of its wrapped header row reads as an empty heading",
    "kk1-004": "wrapped Markdown paragraphs: a sentence's last word alone on its line ('batch.') is read as a sentence of its own",
    "tr3-008": "a numbered item ('3.3 On the same day ...') wrapped: its number is read apart from its sentence",
    "ts2-004": "a numbered item ('2.4 The balance ...') wrapped: its number is read apart from its sentence",
    "km1-001": "e-mail header lines: a 'From:' line that fills the width is joined to the 'To:' line below it once wrapped",
    "kq4-005": "a numbered item ('3.4 The ODR will be ...') wrapped: its number is read apart from its sentence",
    "kr3-004": "a numbered item ('2.4 Of the 212 late orders ...') wrapped: its number is read apart from its sentence",
    "kq6-006": "a subject line ending 'Co., Ltd.' wrapped before '– Amazon.com': the dash opens a list item",
    # held-out-53 and -54 (round 37; findings and grade the same wrapped or not)
    "kw1-010": "one line per sentence: wrapped, the lines join into a paragraph and a blaming sentence reads as off-topic",
    "kx6-006": "e-mail header lines: a Subject line longer than 72 columns wrapped, its second line is read as a line of its own",
    # held-out-59 and -60 (round 38), two terse writers
    "lc6-004": "an inline label ('Background: ... sells on Amazon since 2017') wrapped: language.present-since reads its sentence only once wrapped",
    "ld6-003": "one line per item before the sign-off: wrapped, 'Supplier contract updated 26 Apr:' joins the next line and the closing lines' roles shift (findings and grade the same)",
    # held-out-65 to -68 (rounds 40 and 41)
    "li1-007": "a slip ('These kid pyjama are our best ...') is reported by the model unwrapped and by language.agreement once wrapped (grade the same)",
    "li5-001": "a closing line ('... so Monday mornings are always covered.') reads as prevention once wrapped (findings and grade the same)",
    "li6-005": "one line per note: 'Notice did not name the account, ...' reads as acknowledgement once wrapped, root cause before (findings and grade the same)",
    "li6-006": "a protest in the closing ('Our engineers work day and night on this frame, ...') reads as off-topic once wrapped (findings and grade the same)",
    "lj3-009": "one line per sentence: 'Complaint ID is 14829301 ...' reads as acknowledgement once wrapped, root cause before (findings and grade the same)",
    "lj6-006": "terse inline-label notes wrapped: the lines join and the roles shift by one from the root cause on; a model ownership finding goes (one point higher)",
    "lk2-003": "the company line under the sign-off ('Vembanad Coir Crafts') reads as an empty heading unwrapped, not once wrapped (three points higher wrapped)",
    "ll6-010": "a line ending in a colon before a table ('Here list of everything we sent until now:') reads as root cause once wrapped (findings and grade the same)",
}


def _param(i: int, x):
    known = _WRAP_KNOWN.get(x.id)
    marks = [pytest.mark.xfail(reason=known, strict=True)] if known else []
    return pytest.param(x, i % 3 == 0, id=x.id, marks=marks)


# CRLF and CR endings are checked on every third letter (by its place in the corpus), the
# wrapped text on every letter checked: line endings are normalised before any layout is read,
# and checking them on every sampled letter took a third of the suite's time (round 37).
_SAMPLE = _sample(_LF_LETTERS) | set(_WRAP_KNOWN)
_CHECKED = [_param(i, x) for i, x in enumerate(_LF_LETTERS)
            if (i % 3 == 0 or _wrapped(x.text, x.layout) != x.text) and (_ALL or x.id in _SAMPLE)]


@pytest.mark.parametrize("letter,endings", _CHECKED)
def test_line_endings_and_wrapping_do_not_change_the_result(engine, letter, endings):
    from appeal_lint.source import Source

    texts = {"lf": letter.text, **(_variants(letter.text) if endings else {})}
    wrapped = _wrapped(letter.text, letter.layout)
    if wrapped != letter.text:
        texts["wrapped"] = wrapped
    engine.settings.reason = letter.reason
    try:
        files = dict(zip(texts, engine.lint_sources([Source("l.txt", t) for t in texts.values()]).files))
    finally:
        engine.settings.reason = None
    base = _summary(files["lf"])
    for name, file in files.items():
        assert _summary(file) == base, (letter.id, name)


def test_strong_letters_never_miss_a_section(engine):
    from appeal_lint.source import Source

    # every other strong letter by name (about 500; all of them took a fifth of CI's run on a slow
    # machine in round 38); bench/quality.py reports the same on every held-out set
    strong = [x for x in LETTERS if x.quality == "strong"][::2]
    report = engine.lint_sources([Source(x.id + ".txt", x.text) for x in strong])
    wrong = [(x.id, f.rule) for x, file in zip(strong, report.files) for f in file.findings if f.rule in MISSING]
    assert not wrong


HEADINGS = {
    "plain": ("Root cause", "Actions taken", "Preventive measures"),
    "colon": ("Root cause:", "Actions taken:", "Preventive measures:"),
    "caps": ("ROOT CAUSE", "CORRECTIVE ACTIONS", "PREVENTIVE MEASURES"),
    "markdown": ("## Root cause", "## Actions we have taken", "## Prevention"),
    "numbered": ("1) Root Cause", "2) Corrective actions", "3) Preventive measures"),
    "underlined": ("Why it happened\n---------------", "What we did\n===========", "Going forward\n-------------"),
    "bold": ("**Root cause**", "**Immediate actions**", "**Long-term measures**"),
    "questions": ("Why did this happen?", "What have we done about it?", "How will we stop it happening again?"),
}


@pytest.mark.parametrize("style", sorted(HEADINGS))
def test_a_heading_with_content_is_never_missing(lint, style):
    cause, actions, prevention = HEADINGS[style]
    text = (f"Dear Seller Performance Team,\n\nWe received your notice of 3 May about our late shipment rate of 6.1%.\n\n"
            f"{cause}\n- Our handling time was one day, but the warehouse ships only on weekdays.\n"
            f"- Nobody checked unshipped orders on Fridays.\n\n"
            f"{actions}\n- On 4 May we set the handling time to two days.\n- We shipped all 23 open orders on 4 May.\n\n"
            f"{prevention}\n- Every weekday at 14:00 our warehouse lead checks unshipped orders.\n"
            f"- The owner reviews the late shipment rate every Monday.\n\nSincerely,\nLi Wei\n")
    report = lint(text, reason="late_shipment")
    assert not [f.rule for f in report.findings if f.rule in MISSING], style


HELDOUT = [x for x in LETTERS if x.split == "heldout"]
# Roles are measured on letters the role model never saw: the held-out set, or between
# held-out rounds (when the last one has joined the training pool) the dev split.
# (every third dev letter, sorted by name: about 190, enough for a floor; every other until round 38)
ROLE_LETTERS = HELDOUT or [x for x in LETTERS if x.split == "dev"][::3]


def test_role_accuracy_on_unseen_letters(engine):
    """A regression floor, not the target (0.93): on held-out-1 to held-out-9 sentence roles
    were right 0.927, 0.909, 0.901, 0.920, 0.921, 0.917, 0.955, 0.937 and 0.965; the README's figures are bench/quality.py's."""
    from appeal_lint.source import Source

    right = total = 0
    report = engine.lint_sources([Source(x.id + ".txt", x.text) for x in ROLE_LETTERS])
    for letter, file in zip(ROLE_LETTERS, report.files):
        for u in letter.units:
            if u.role == "heading":
                continue
            overlaps = [(min(u.end, s.end) - max(u.start, s.start), s.role) for s in file.sentences]
            best = max(overlaps, default=(0, "none"))[1]
            right += best == u.role
            total += 1
    assert total and right / total >= 0.88, right / total


def test_adding_a_writer_checks_fields_and_leaves_out_duplicates(tmp_path, capsys):
    from corpus import add

    pooled = next(s for s in TUNING if s["category"] == "clean" and any(c.isdigit() for c in s["text"]))
    fresh = {"text": "Our night-shift lead now re-weighs every carton of garden twine before the 6 pm collection.",
             "category": "clean", "kind": "plain", "voice": "uk", "subtle": False, "section": "preventive_measures"}
    again = dict(fresh, text=fresh["text"].replace("6 pm", "7 pm"))  # the same frame, a number swapped
    echo = dict(fresh, text=re.sub(r"\d+", lambda m: str(int(m.group()) + 1), pooled["text"]))  # a pooled sentence, renumbered
    new = tmp_path / "zz9-sentences.jsonl"
    new.write_text("".join(json.dumps(x) + "\n" for x in (fresh, again, echo)), encoding="utf-8")
    assert add.main([str(new), "--into", str(tmp_path / "corpus")]) == 0
    written = [json.loads(line) for line in (tmp_path / "corpus" / new.name).read_text(encoding="utf-8").splitlines()]
    assert [x["text"] for x in written] == [fresh["text"]]
    assert "2 duplicates left out" in capsys.readouterr().out

    # a wrong field stops the run with the file and line, and nothing is written
    bad = tmp_path / "zz8-sentences.jsonl"
    bad.write_text(json.dumps(fresh) + "\n" + json.dumps(dict(fresh, text="We apologise for the delay.", kind="grammar")) + "\n", encoding="utf-8")
    assert add.main([str(bad), "--into", str(tmp_path / "corpus")]) == 2
    assert f"{bad}:2: kind 'grammar' is not a kind of clean" in capsys.readouterr().err
    assert not (tmp_path / "corpus" / bad.name).exists()

    # a writer's file is never overwritten
    assert add.main([str(new), "--into", str(tmp_path / "corpus")]) == 2
    assert "already exists" in capsys.readouterr().err
