"""``type: metric`` — numbers measured over the draft, checked against ``min``/``max``.

Letter metrics: ``words``, ``paragraphs``, ``specific_facts``, ``passive_share`` (percent),
``layout_marks`` (headings, bullets, labels). ``min_words`` skips letters shorter than that.
Per-part metrics: ``sentence_words`` (each sentence), ``block_words`` (each paragraph).
The message may use ``{value}``, ``{min}`` and ``{max}``. Thresholds live in the YAML
and are guidance, not Amazon rules.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..typed import is_number, is_whole
from .base import Context, Hit

BODY_ROLES_EXCLUDED = ("greeting", "signature")
# Specific facts a reviewer can check: order IDs, ASINs, dates, times, amounts, counts. A date's
# day and month may stand on two lines of a hard-wrapped draft ("on 2" / "October 2025"): any
# white space between them counts (round 37).
FACT = re.compile(
    r"\b\d{3}-\d{7}-\d{7}\b"  # order ID
    r"|\bB0[0-9A-Z]{8}\b"  # ASIN
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}\b"
    r"|\b\d{1,2}\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"  # numeric dates
    r"|\b(?:19|20)\d{2}\b"  # years
    r"|\b\d+(?:\.\d+)?\s?%"  # percentages
    r"|[$€£¥]\s?\d[\d,]*(?:\.\d+)?"  # amounts
    r"|\b\d+(?:\.\d+)?\s?(?:hours?|hrs?|days?|business\sdays|weeks?|minutes?|units?|orders?|listings?|ASINs?|SKUs?|items?|pieces?|pcs|times)\b",
    re.I,
)


def _body(ctx: Context):
    return [i for i, r in enumerate(ctx.roles) if r not in BODY_ROLES_EXCLUDED]


LETTER = None  # the block index of letter-level values


def _words(ctx: Context):
    value = sum(ctx.blocks[i].words for i in _body(ctx))
    yield (*ctx.letter_anchor(), value, LETTER)


def _paragraphs(ctx: Context):
    value = sum(1 for i in _body(ctx) if ctx.blocks[i].kind != "heading")
    yield (*ctx.letter_anchor(), value, LETTER)


def _specific_facts(ctx: Context):
    yield (*ctx.letter_anchor(), len(FACT.findall(ctx.text)), LETTER)


def _passive_share(ctx: Context):
    total = passive = 0
    for i in _body(ctx):
        for sent in ctx.docs[i].sents:
            total += 1
            passive += any(t.dep_ in ("auxpass", "nsubjpass") for t in sent)
    if total >= 5:
        yield (*ctx.letter_anchor(), round(100 * passive / total), LETTER)


def _layout_marks(ctx: Context):
    """Headings, bullets and "Label:" openings: the signposts a reviewer scans for."""
    from ..draft import inline_label

    marks = sum(1 for b in ctx.blocks if b.kind in ("heading", "bullet") or inline_label(b.content))
    yield (*ctx.letter_anchor(), marks, LETTER)


def _sentence_words(ctx: Context):
    for i in _body(ctx):
        base = ctx.offset(i)
        for sent in ctx.docs[i].sents:
            words = sum(1 for t in sent if not (t.is_punct or t.is_space))
            yield base + sent.start_char, base + sent.end_char, words, i


def _block_words(ctx: Context):
    for i in _body(ctx):
        if ctx.blocks[i].kind != "heading":
            start, end = ctx.block_anchor(i)
            yield start, end, ctx.blocks[i].words, i


METRICS = {
    "words": _words,
    "paragraphs": _paragraphs,
    "specific_facts": _specific_facts,
    "passive_share": _passive_share,
    "layout_marks": _layout_marks,
    "sentence_words": _sentence_words,
    "block_words": _block_words,
}


class MetricRunner:
    def __init__(self, rule, fn, low, high, min_words=None):
        self.rule, self.fn, self.low, self.high = rule, fn, low, high
        self.min_words = min_words  # only letters at least this long are measured

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        if self.min_words and sum(ctx.blocks[i].words for i in _body(ctx)) < self.min_words:
            return
        low, high = self.low, self.high
        if self.fn is _words:  # the config's length limits replace the rule's
            if low is not None and ctx.settings.min_words is not None:
                low = ctx.settings.min_words
            if high is not None and ctx.settings.max_words is not None:
                high = ctx.settings.max_words
        for start, end, value, block in self.fn(ctx):
            if (low is not None and value < low) or (high is not None and value > high):
                values = {"value": value, "min": low, "max": high, "text": ctx.text[start:end]}
                yield Hit(start, end, values, letter=block is LETTER)


def compile(rule, bank, nlp):
    name = rule.options["metric"]
    if name not in METRICS:
        raise rule.error(f"unknown metric {name!r} (one of: {', '.join(METRICS)})", "metric")
    low, high = rule.options.get("min"), rule.options.get("max")
    for key, value in (("min", low), ("max", high)):
        if value is not None and not is_number(value):
            raise rule.error(f"{key} must be a number", key)
    if low is None and high is None:
        raise rule.error("a metric rule needs min or max", "metric")
    min_words = rule.options.get("min_words")
    if min_words is not None and not is_whole(min_words):
        raise rule.error("min_words must be a whole number", "min_words")
    return MetricRunner(rule, METRICS[name], low, high, min_words)
