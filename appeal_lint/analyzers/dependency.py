"""``type: dependency`` — spaCy DependencyMatcher patterns: who does what to whom.

Each pattern is a list of nodes (``RIGHT_ID``, ``RIGHT_ATTRS``, ``LEFT_ID``,
``REL_OP``). The finding covers the matched tokens from first to last, or only the
nodes named in ``highlight``.
"""

from __future__ import annotations

from .base import Context, Hit, Match
from .tokens import TokenRunner


class DependencyRunner(TokenRunner):
    def __init__(self, rule, bank, keys, names_by_key):
        super().__init__(rule, bank, keys)
        self.names_by_key = names_by_key
        self.highlight = rule.options.get("highlight")

    def hit_for(self, ctx: Context, key: str, m: Match) -> Hit:
        if self.highlight and m.tokens:
            names = self.names_by_key[key]
            chosen = tuple(t for name, t in zip(names, m.tokens) if name in self.highlight)
            if chosen:
                m = Match(m.block, min(chosen), max(chosen) + 1, chosen)
        return super().hit_for(ctx, key, m)


def compile(rule, bank, nlp):
    patterns = rule.options["patterns"]
    if not isinstance(patterns, list) or not patterns:
        raise rule.error("patterns must be a non-empty list of dependency patterns", "patterns")
    highlight = rule.options.get("highlight")
    if highlight is not None and not (isinstance(highlight, list) and all(isinstance(h, str) for h in highlight)):
        raise rule.error("highlight must be a list of node names (RIGHT_ID values)", "highlight")
    keys, names_by_key = [], {}
    for i, pattern in enumerate(patterns):
        key = f"{rule.id}#dep{i}"
        bank.add_dependency(rule, key, [pattern])
        keys.append(key)
        names_by_key[key] = [node.get("RIGHT_ID") for node in pattern if isinstance(node, dict)]
    if highlight:
        known = {n for names in names_by_key.values() for n in names}
        unknown = [h for h in highlight if h not in known]
        if unknown:
            raise rule.error(f"highlight names {unknown} are not RIGHT_IDs of any pattern", "highlight")
    return DependencyRunner(rule, bank, keys, names_by_key)
