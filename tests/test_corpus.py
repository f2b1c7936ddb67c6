"""The labelled development corpus as regression tests: strong letters stay A or B with no
errors, weak ones stay C or below, clean sentences stay clean, roles stay right.
bench/quality.py prints the full figures (precision and recall per category)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent / "corpus"
LETTERS = yaml.safe_load((CORPUS / "letters.yaml").read_text(encoding="utf-8"))
SENTENCES = yaml.safe_load((CORPUS / "sentences.yaml").read_text(encoding="utf-8"))
ROLE_CODES = {"G": "greeting", "A": "acknowledgement", "R": "root_cause", "T": "actions_taken", "P": "preventive_measures",
              "C": "closing", "S": "signature", "O": "off_topic", "X": "other"}


def test_corpus_size():
    assert len(LETTERS) >= 40
    assert sum(len(v) for v in SENTENCES.values()) >= 200
    assert len(SENTENCES["clean"]) >= 80
    reasons = {l["reason"] for l in LETTERS.values()}
    for reason in reasons:
        qualities = {l["quality"] for l in LETTERS.values() if l["reason"] == reason}
        assert qualities == {"strong", "weak"}, reason


@pytest.mark.parametrize("name", sorted(LETTERS))
def test_letter_grade_class(lint, name):
    label = LETTERS[name]
    report = lint((CORPUS / "letters" / name).read_text(encoding="utf-8"), reason=label["reason"], path=name)
    if label["quality"] == "strong":
        assert report.grade.letter in ("A", "B"), [(f.rule, f.text) for f in report.findings]
        assert not [f for f in report.findings if f.severity == "error"]
    else:
        assert report.grade.letter in ("C", "D", "F")


def test_clean_sentences_stay_clean(engine):
    from appeal_lint.source import Source

    texts = [s["text"] for s in SENTENCES["clean"]]
    report = engine.lint_sources([Source("s.txt", t) for t in texts])
    flagged = [t for t, f in zip(texts, report.files) if any(x.scope == "text" and x.severity != "info" for x in f.findings)]
    assert len(flagged) <= 0.05 * len(texts), flagged


def test_role_accuracy(lint):
    right = total = 0
    for name, label in LETTERS.items():
        report = lint((CORPUS / "letters" / name).read_text(encoding="utf-8"), reason=label["reason"], path=name)
        want = [ROLE_CODES[r] for r in label["roles"].split()]
        got = [r.role for r in report.roles]
        assert len(want) == len(got), name
        right += sum(a == b for a, b in zip(want, got))
        total += len(want)
    assert right / total >= 0.9, right / total
