"""``type: pattern`` — spaCy Matcher token patterns (LEMMA, LOWER, POS, MORPH, operators)."""

from __future__ import annotations

from .tokens import TokenRunner


def compile(rule, bank, nlp):
    key = rule.id
    bank.add_tokens(rule, key, rule.options["patterns"])
    return TokenRunner(rule, bank, [key])
