"""Filling in a rule's message template, and showing a template without its values.

* :func:`render` fills ``{text}``, ``{replacement}``, ``{value}``...; a sentence whose
  placeholder has nothing to show (no replacement, say) is left out, so no message
  ever ends in ``Write "".``
* :func:`plain` turns a template into a readable summary for rule listings
  (``The letter has {value} words`` -> ``The letter has N words``).
"""

from __future__ import annotations

import re
import string

# A sentence ends at . ! ? followed by white space, or right after a Chinese full stop.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])")
_FIELDS = string.Formatter()


class _Values(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _fields(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in _FIELDS.parse(template) if name}
    except ValueError:
        return set()


def render(template: str, values: dict) -> str:
    """``template.format`` with the values; unknown placeholders stay as they are, and
    sentences whose placeholders are all given as empty strings are dropped."""
    empty = {k for k, v in values.items() if v == "" or v is None}
    if empty and _fields(template) & empty:
        parts = _SENTENCE_END.split(template)
        kept = [p for p in parts if not (_fields(p) & empty)]
        if kept:
            template = " ".join(p.strip() for p in kept if p.strip())
    try:
        return template.format_map(_Values(values))
    except (ValueError, IndexError):
        return template


# What each placeholder reads as in a listing (the value is only known on a real letter).
PLAIN = {
    "text": "…",
    "replacement": "…",
    "value": "N",
    "min": "N",
    "max": "N",
    "target": "N",
    "metric": "A metric's",
    "role": "X",
    "after": "Y",
    "other": "another policy",
    "reason": "the letter's reason",
    "codepoint": "U+…",
    "selectors": "…",
    "backend_message": "Grammar or spelling (Harper, or LanguageTool when configured).",
}
PLAIN_ZH = {
    "metric": "某指标",
    "other": "其他政策",
    "reason": "本信的申诉原因",
    "backend_message": "Harper（或配置的 LanguageTool）发现的问题。",
}


def plain(template: str, lang: str = "en", first_line: bool = True) -> str:
    """The template (its first line by default) with placeholders shown as readable stand-ins."""
    text = template.strip()
    if first_line and text:
        text = text.splitlines()[0]
    if not _fields(text):
        return text
    table = {**PLAIN, **PLAIN_ZH} if lang == "zh" else PLAIN
    try:
        return text.format_map(_Values(table))
    except (ValueError, IndexError):
        return text


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word if n == 1 else (words or word + 's')}"
