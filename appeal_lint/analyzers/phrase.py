"""``type: phrase`` — word sequences matched on LOWER (default), LEMMA or ORTH.

    phrases: [try our best, do our best]
    attr: LEMMA     # "tried their best" matches "try our best"? no: LEMMA of "their" is "their"
"""

from __future__ import annotations

from .tokens import TokenRunner


def compile(rule, bank, nlp):
    key = rule.id
    bank.add_phrases(rule, key, rule.options["phrases"], rule.options.get("attr", "LOWER"))
    return TokenRunner(rule, bank, [key])
