"""``type: require`` — the letter must mention at least one of these (reason packs).

    any:
      - supplier invoice                      # a phrase (attr: LOWER by default, or LEMMA)
      - [{LEMMA: invoice}, {LOWER: from}]     # or a token pattern
    min_hits: 1

A missing topic is reported once, at the top of the letter.
"""

from __future__ import annotations

from typing import Iterable

from ..typed import is_whole
from .base import Context, Hit


class RequireRunner:
    def __init__(self, rule, keys, min_hits):
        self.rule, self.keys, self.min_hits = rule, keys, min_hits

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        found = sum(len(matches.get(k, ())) for k in self.keys)
        if found < self.min_hits:
            start, end = ctx.letter_anchor()
            yield Hit(start, end, {"value": found, "min": self.min_hits, "text": ctx.text[start:end]}, letter=True)


def compile(rule, bank, nlp):
    items = rule.options["any"]
    if not isinstance(items, list) or not items:
        raise rule.error("any must be a non-empty list of phrases or token patterns", "any")
    phrases = [i for i in items if isinstance(i, str)]
    patterns = [i for i in items if isinstance(i, list)]
    if len(phrases) + len(patterns) != len(items):
        raise rule.error("each item of any must be a phrase or a token pattern", "any")
    keys = []
    if phrases:
        bank.add_phrases(rule, f"{rule.id}#p", phrases, rule.options.get("attr", "LOWER"), what="any")
        keys.append(f"{rule.id}#p")
    if patterns:
        bank.add_tokens(rule, f"{rule.id}#t", patterns, what="any")
        keys.append(f"{rule.id}#t")
    min_hits = rule.options.get("min_hits", 1)
    if not is_whole(min_hits, 1):
        raise rule.error("min_hits must be a whole number of at least 1", "min_hits")
    return RequireRunner(rule, keys, min_hits)
