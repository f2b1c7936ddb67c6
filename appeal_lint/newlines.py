"""One analysis for CR, LF and CRLF: drafts are linted with LF line breaks and the
results mapped back to the offsets of the text as it was read.

Windows drafts end lines with CRLF, old Mac exports with CR. Parsing each of them as
it stands gives spaCy different whitespace tokens and so, now and then, a different
parse. Instead the engine lints ``normalize(text)`` and moves every offset back with
:meth:`OffsetMap.to_original`, so positions, fixes and quoted text still refer to the
user's own bytes.
"""

from __future__ import annotations

import bisect
import re

_CR = re.compile(r"\r\n?")


class OffsetMap:
    """Offsets in the normalised text -> offsets in the original text."""

    def __init__(self, removed_at: list[int]):
        # removed_at[k]: the normalised offset just past the "\n" of the k-th CRLF
        self._removed_at = removed_at

    def to_original(self, offset: int) -> int:
        # every CRLF whose "\n" lies before this point has lost its "\r"
        return offset + bisect.bisect_right(self._removed_at, offset)


def normalize(text: str) -> tuple[str, OffsetMap | None]:
    """``text`` with CRLF and CR turned into LF, and the map back (None when unchanged)."""
    if "\r" not in text:
        return text, None
    removed: list[int] = []
    parts: list[str] = []
    pos = 0
    shift = 0
    for m in _CR.finditer(text):
        parts.append(text[pos : m.start()])
        parts.append("\n")
        if m.end() - m.start() == 2:
            # "\r\n" -> "\n": the "\n" at normalised offset (m.start() - shift) stands for two characters
            removed.append(m.start() - shift + 1)
            shift += 1
        pos = m.end()
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(removed)
