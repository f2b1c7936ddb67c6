"""Which suspension reason a letter answers: from the option, the config, or the text."""

from __future__ import annotations

import re
from functools import lru_cache

from .ruleset import REASONS, load_lexicon


@lru_cache(maxsize=1)
def _cues() -> dict[str, list[tuple[re.Pattern, float]]]:
    data = load_lexicon("reasons")
    out = {}
    for reason, spec in data["reasons"].items():
        assert reason in REASONS, reason
        out[reason] = [(re.compile(c["re"], re.I), float(c.get("w", 1))) for c in spec["cues"]]
    return out


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    data = load_lexicon("reasons")
    return {reason: spec["name"] for reason, spec in data["reasons"].items()}


def scores(text: str) -> dict[str, float]:
    return {reason: sum(w * len(p.findall(text)) for p, w in cues) for reason, cues in _cues().items()}


MARGIN = 1.25  # the best reason must score this many times the next one


def candidates(text: str, n: int = 2) -> list[str]:
    """The reasons whose cues score highest, best first (those that score at all)."""
    scored = scores(text)
    return [r for r in sorted(scored, key=lambda r: -scored[r])[:n] if scored[r] > 0]


def detect(text: str, threshold: float = 3.0) -> str | None:
    """The reason whose cues score highest, if it scores at least ``threshold`` and
    clearly more than the next one; None when unsure (the letter then says so)."""
    scored = scores(text)
    best = max(scored, key=scored.get)
    ranked = sorted(scored.values(), reverse=True)
    if ranked[0] >= threshold and ranked[0] >= MARGIN * ranked[1]:
        return best
    return None


OTHER_NAMES = {"en": "Other reason", "zh": "其他原因"}


@lru_cache(maxsize=1)
def _zh_names() -> dict[str, str]:
    data = load_lexicon("reasons")
    return {reason: spec.get("name_zh", spec["name"]) for reason, spec in data["reasons"].items()}


def display_name(reason: str | None, lang: str = "en") -> str:
    """The reason's name for people: "Late Shipment Rate", or in Chinese 迟发率."""
    if reason is None:
        return ""
    table = _zh_names() if lang == "zh" else names()
    if reason in table:
        return table[reason]
    return OTHER_NAMES.get(lang, OTHER_NAMES["en"]) if reason == "other" else reason
