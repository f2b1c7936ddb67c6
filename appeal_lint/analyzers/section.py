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

    def _missing(self, ctx: Context):
        role = self.opts["role"]
        if role not in ctx.roles:
            start, end = ctx.letter_anchor()
            yield Hit(start, end, {"role": role.replace("_", " "), "text": ctx.text[start:end]}, letter=True)

    def _thin(self, ctx: Context):
        role = self.opts["role"]
        indices = [i for i, r in enumerate(ctx.roles) if r == role and ctx.blocks[i].kind != "heading"]
        words = sum(ctx.blocks[i].words for i in indices)
        if indices and words < self.opts.get("min_words", 20):
            start, end = ctx.block_anchor(indices[0])
            yield Hit(start, end, {"role": role.replace("_", " "), "value": words, "min": self.opts.get("min_words", 20), "text": ctx.text[start:end]})

    def _order(self, ctx: Context):
        order = self.opts["order"]
        firsts = []
        for role in order:
            if role in ctx.roles:
                firsts.append((ctx.roles.index(role), role))
        best = -1
        for index, role in firsts:
            if index < best:
                start, end = ctx.block_anchor(index)
                expected_after = order[order.index(role) - 1] if order.index(role) else role
                yield Hit(start, end, {"role": role.replace("_", " "), "after": expected_after.replace("_", " "), "text": ctx.text[start:end]})
                return
            best = max(best, index)

    def _future_actions(self, ctx: Context):
        indices = [i for i, r in enumerate(ctx.roles) if r == "actions_taken" and ctx.blocks[i].kind != "heading"]
        if not indices:
            return
        future = sum(ctx.tenses[i]["future"] for i in indices)
        past = sum(ctx.tenses[i]["past"] for i in indices)
        if future and not past:
            start, end = ctx.block_anchor(indices[0])
            yield Hit(start, end, {"value": future, "text": ctx.text[start:end]})

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
