"""``type: section`` — the letter's parts, from paragraph roles.

    check: missing          # role: root_cause   (no paragraph has that role)
    check: thin             # role: root_cause, min_words: 25   (the part exists but says little)
    check: order            # order: [root_cause, actions_taken, preventive_measures]
    check: future-actions   # every sentence under "actions taken" is a promise
    check: empty            # a heading with nothing under it
"""

from __future__ import annotations

from typing import Iterable

from ..model import ROLES
from .base import Context, Hit

CHECKS = ("missing", "thin", "order", "future-actions", "empty")


class SectionRunner:
    def __init__(self, rule, check):
        self.rule = rule
        self.check = check
        self.opts = rule.options

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        return getattr(self, "_" + self.check.replace("-", "_"))(ctx)

    @staticmethod
    def _spoken(ctx: Context, role: str):
        """The sentences (not headings) that play ``role``."""
        return [c for c, r in ctx.sentences if r == role and c.kind != "heading"]

    @staticmethod
    def _headed(ctx: Context, role: str) -> bool:
        """Whether a heading names the part and a sentence stands under it: the writer wrote
        the part, however weak ("Root cause" over a blame of the buyer is a weak root cause,
        not a missing one; the sentence may read as another part)."""
        under = False
        for c, r in ctx.sentences:
            if c.kind == "heading":
                under = c.hard and r == role
            elif under and c.zone is None:
                return True
        return False

    def _missing(self, ctx: Context):
        role = self.opts["role"]
        present = self._spoken(ctx, role) if ctx.sentences else [r for r in ctx.roles if r == role]
        if not present and not (ctx.sentences and self._headed(ctx, role)):
            start, end = ctx.letter_anchor()
            yield Hit(start, end, {"role": role.replace("_", " "), "text": ctx.text[start:end]}, letter=True)

    def _thin(self, ctx: Context):
        role = self.opts["role"]
        spoken = self._spoken(ctx, role)
        words = sum(len(ctx.text[c.start : c.end].split()) for c in spoken)
        if spoken and words < self.opts.get("min_words", 20):
            start, end = spoken[0].start, spoken[0].end
            yield Hit(start, end, {"role": role.replace("_", " "), "value": words, "min": self.opts.get("min_words", 20), "text": ctx.text[start:end]})

    def _order(self, ctx: Context):
        """Parts out of order. Judged on the headings and labels when the letter names its
        parts, else on the roles of its paragraphs; only the first of each part counts (a
        letter with two root causes, each with its actions, is in order)."""
        order = self.opts["order"]
        headed = [(c.start, c.end, r) for c, r in ctx.sentences
                  if r in order and ((c.kind == "heading" and c.hard) or (c.label and c.first_in_block))]
        if len({r for _, _, r in headed}) >= 2:
            parts = headed  # the letter names its parts: judge their order
        else:
            parts = [(*ctx.block_anchor(i), r) for i, r in enumerate(ctx.roles) if r in order and ctx.blocks[i].kind != "heading"]
        firsts = {}
        for start, end, role in parts:
            firsts.setdefault(role, (start, end, role))  # a second root cause with its own actions is not disorder
        best = -1
        for start, end, role in sorted(firsts.values()):
            rank = order.index(role)
            if rank < best:
                early = order[best]  # came first, belongs after this part
                yield Hit(start, end, {"role": early.replace("_", " "), "after": role.replace("_", " "), "text": ctx.text[start:end]})
                return
            best = max(best, rank)

    def _future_actions(self, ctx: Context):
        spoken = self._spoken(ctx, "actions_taken")
        if not spoken:
            return
        future = [c for c in spoken if c.tense == "future"]
        past = [c for c in spoken if c.tense == "past"]
        if future and not past:
            start, end = future[0].start, future[0].end
            yield Hit(start, end, {"value": len(future), "text": ctx.text[start:end]})

    def _empty(self, ctx: Context):
        blocks = ctx.blocks
        for i, block in enumerate(blocks):
            if block.kind != "heading":
                continue
            nxt = blocks[i + 1] if i + 1 < len(blocks) else None
            if nxt is None or nxt.kind == "heading":
                start, end = ctx.block_anchor(i)
                yield Hit(start, end, {"text": ctx.text[start:end]})


def compile(rule, bank, nlp):
    check = rule.options["check"]
    if check not in CHECKS:
        raise rule.error(f"check {check!r} is not one of {', '.join(CHECKS)}", "check")
    if check in ("missing", "thin") and rule.options.get("role") not in ROLES:
        raise rule.error(f"check '{check}' needs a role (one of: {', '.join(ROLES)})", "role")
    if check == "order":
        order = rule.options.get("order")
        if not isinstance(order, list) or len(order) < 2 or any(r not in ROLES for r in order):
            raise rule.error("check 'order' needs 'order': a list of two or more roles", "order")
    return SectionRunner(rule, check)
