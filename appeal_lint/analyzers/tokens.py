"""The runner shared by token-level rule types (phrase, pattern, dependency, substitution)."""

from __future__ import annotations

from typing import Iterable

from ..typed import flag, is_whole
from .base import Context, Hit, Match, keep_longest


class TokenRunner:
    """Turns a rule's token matches into hits.

    ``min_count`` reports a rule only when it matches that many times in the letter.

    ``unless`` (a list of token patterns) drops a match when one of those patterns
    matches in the same sentence: "the buyer was right" is no blame when the sentence
    also says "we sent the wrong size".

    ``lead_ins: skip`` drops a match in a sentence that ends with a colon: "To make sure
    this does not happen again, we have done the following:" introduces the list below
    it, and the list is what is judged.

    ``skip_headings: true`` drops a match in a heading: "How we will prevent this in the
    future" names the part below it and promises nothing.
    """

    def __init__(self, rule, bank, keys: list[str]):
        self.rule = rule
        self.keys = keys
        self.min_count = rule.options.get("min_count", 1)
        if not is_whole(self.min_count, 1):
            raise rule.error("min_count must be a whole number of at least 1", "min_count")
        lead_ins = rule.options.get("lead_ins", "keep")
        if lead_ins not in ("keep", "skip"):
            raise rule.error("lead_ins must be keep or skip", "lead_ins")
        self.skip_lead_ins = lead_ins == "skip"
        self.skip_headings = flag(rule.options, "skip_headings", False, lambda message: rule.error(message, "skip_headings"))
        self.unless_key = None
        if rule.unless:
            self.unless_key = f"{rule.id}#unless"
            bank.add_tokens(rule, self.unless_key, rule.unless, what="unless")

    def hit_for(self, ctx: Context, key: str, m: Match) -> Hit:
        start, end = ctx.span_offsets(m)
        return Hit(start, end, {"text": ctx.text[start:end]})

    def run(self, ctx: Context, matches: dict[str, list[Match]]) -> Iterable[Hit]:
        blocked = set()
        if self.unless_key:
            for m in matches.get(self.unless_key, ()):
                sent = ctx.sentence_of(m)
                blocked.add((m.block, sent.start))
        hits = []
        for key in self.keys:
            for m in matches.get(key, ()):
                if blocked and (m.block, ctx.sentence_of(m).start) in blocked:
                    continue
                if self.skip_lead_ins and ctx.sentence_of(m).text.rstrip().endswith(":"):
                    continue
                if self.skip_headings and ctx.blocks[m.block].kind == "heading":
                    continue
                hits.append(self.hit_for(ctx, key, m))
        hits = keep_longest(hits)
        # min_count: only a habit counts ("sorry" once is fine, five times is not);
        # the hits from the min_count-th on are reported
        return hits[self.min_count - 1 :] if len(hits) >= self.min_count else []
