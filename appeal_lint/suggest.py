"""A rule's better wordings: one list for every letter, or one list per suspension reason.

    suggest: "Root cause: ..."                 # one wording
    suggest: ["...", "..."]                    # several
    suggest:                                   # by reason; "default" for every other reason
      default: "Root cause: our handling time was 1 day ..."
      ip: "Root cause: we listed the ASIN without checking the brand's trademark ..."

``zh.suggest`` mirrors ``suggest`` (same keys, same number of wordings): it is a Chinese
gloss shown beside the English wording, never a wording to paste into the letter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEFAULT = "default"


@dataclass
class Suggestions:
    by_reason: dict[str, list[str]] = field(default_factory=dict)  # DEFAULT and reason keys
    zh_by_reason: dict[str, list[str]] = field(default_factory=dict)

    def english(self, reason: str | None) -> list[str]:
        return list(self.by_reason.get(reason or DEFAULT) or self.by_reason.get(DEFAULT, []))

    def pairs(self, reason: str | None) -> list[tuple[str, str | None]]:
        """``(English wording, Chinese gloss or None)`` for a letter of this reason."""
        key = reason if reason in self.by_reason else DEFAULT
        english = self.by_reason.get(key, [])
        glosses = self.zh_by_reason.get(key, [])
        return [(e, glosses[i] if i < len(glosses) else None) for i, e in enumerate(english)]


def _str_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def parse(value: Any, reasons: tuple[str, ...], what: str = "suggest") -> dict[str, list[str]]:
    """``suggest`` (or ``zh.suggest``) as ``{key: [wordings]}``; ValueError says what is wrong."""
    if value is None:
        return {}
    plain = _str_list(value)
    if plain is not None:
        return {DEFAULT: plain}
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be a string, a list of strings, or a mapping of reason -> wordings")
    out = {}
    for key, item in value.items():
        if key != DEFAULT and key not in reasons:
            raise ValueError(f"{what}: unknown reason {key!r} (one of: {DEFAULT}, {', '.join(reasons)})")
        wordings = _str_list(item)
        if wordings is None:
            raise ValueError(f"{what}.{key} must be a string or a list of strings")
        out[str(key)] = wordings
    if DEFAULT not in out:
        raise ValueError(f"{what} by reason needs a 'default' entry for the other reasons")
    return out


def check_gloss(english: dict[str, list[str]], zh: dict[str, list[str]]) -> str | None:
    """Why ``zh.suggest`` does not mirror ``suggest``, or None."""
    if not zh:
        return None
    if set(zh) != set(english):
        return f"zh.suggest has keys {sorted(zh)} but suggest has {sorted(english)}"
    for key, items in zh.items():
        if len(items) != len(english[key]):
            where = "" if key == DEFAULT and len(english) == 1 else f" for {key}"
            return f"zh.suggest has {len(items)} wording(s){where} but suggest has {len(english[key])}"
    return None
