"""bench/quality.py's scoring of sentences inside their letters: each labelled sentence is
found in its letter and judged by the findings that touch it there, not elsewhere."""

from __future__ import annotations

import importlib.util

from conftest import ROOT
from corpus.load import parse_letter

LETTER = """---
reason: late_shipment
quality: weak
layout: plain-headings
voice: uk
defects: [ownership]
---
[[G]]Dear Seller Performance Team,

[[H]]Root cause
[[R]]The courier lost our parcels and it was entirely their fault, not ours.
[[R]]Our warehouse shipped 42 orders after the handling time between 3 and 9 May.

[[H]]Actions taken
- [[T]]On 12 May we moved the dispatch cut-off from 16:00 to 13:00.
"""


def quality_module():
    spec = importlib.util.spec_from_file_location("bench_quality", ROOT / "bench" / "quality.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def item(text, letter="x1-001", category="clean"):
    return {"text": text, "letter": letter, "category": category,
            "labels": set() if category == "clean" else {category}}


def test_sentences_are_judged_where_they_stand_in_their_letter(engine):
    quality = quality_module()
    letter = parse_letter(LETTER, "x1-001.txt")
    items = [
        item("The courier lost our parcels and it was  entirely their fault, not ours.", category="ownership"),
        item("Our warehouse shipped 42 orders after the handling time between 3 and 9 May."),
        item("On 12 May we moved the dispatch cut-off from 16:00 to 13:00."),
        item("A sentence that is not in the letter at all."),
        item("Our warehouse shipped 42 orders after the handling time.", letter="x1-999"),
    ]
    index, preds = quality.in_letter_preds(engine, items, [letter])
    assert index == [0, 1, 2]  # whitespace is not compared; a missing text or letter is left out
    assert "ownership" in preds[0]
    assert "ownership" not in preds[1] and "ownership" not in preds[2]
