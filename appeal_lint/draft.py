"""The layout of a draft: lines, blocks (headings, bullets, paragraphs) and offsets.

Nothing here knows about spaCy. A :class:`Draft` keeps the decoded text untouched;
every block records where it starts and ends in that text, so findings made on a
block map back to exact file offsets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

_NEWLINE = re.compile(r"\r\n|\r|\n")
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(?P<t>[^*_\n]{1,80}?)(?::)?(\*\*|__)[ \t]*:?[ \t]*$")
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*+\u2022\u25cf\u25aa\u2023\u2043]|\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-hA-H][.)]|(?:step|Step|STEP)\s+\d{1,2}\s*[:.)-])[ \t]+(?=\S)"
)
_VALEDICTION = re.compile(
    r"^[ \t]*(sincerely( yours)?|yours (sincerely|faithfully|truly)|((best|kind|warm|warmest) )?regards|respectfully( yours)?"
    r"|best wishes|best|cheers|thanks( a lot| again| and regards)?|thank you( again| very much)?|many thanks|with thanks)[ \t]*[,.!]*[ \t]*$",
    re.I,
)
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z0-9 /&'()\-]{1,60}?)[ \t]*[:\uff1a][ \t]*(?=\S)")


@dataclass(frozen=True)
class Block:
    """A heading, a bullet item or a paragraph.

    ``start``/``end`` span the whole block in the draft text; ``content_start`` skips
    a bullet marker or heading hashes so that parsing starts at the words.
    """

    index: int
    kind: str  # "heading" | "bullet" | "paragraph"
    start: int
    end: int
    content_start: int
    line: int
    end_line: int
    text: str = field(repr=False)

    @property
    def content(self) -> str:
        return self.text[self.content_start - self.start :]

    @property
    def words(self) -> int:
        return len(self.content.split())


class LineIndex:
    """Offsets to 1-based (line, column), columns in code points."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.text = text

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def _lines(text: str):
    """Yield ``(start, end)`` of each line, without its line break."""
    pos = 0
    for m in _NEWLINE.finditer(text):
        yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def first_line_span(text: str, base: int = 0) -> tuple[int, int]:
    """The first line of ``text`` with something on it, stripped, as offsets from ``base``."""
    for start, end in _lines(text):
        line = text[start:end]
        if line.strip():
            return base + start + len(line) - len(line.lstrip()), base + start + len(line.rstrip())
    return base, base


def heading_text(line: str) -> str | None:
    """The words of a line that is marked as a heading, else None."""
    m = _MD_HEADING.match(line)
    if m:
        return m.group(2).strip()
    m = _BOLD_LINE.match(line)
    if m:
        return m.group("t").strip()
    stripped = line.strip()
    if stripped.endswith((":", "\uff1a")) and 0 < len(stripped.split()) <= 12:
        return stripped.rstrip(":\uff1a").strip()
    return None


def inline_label(text: str) -> str | None:
    """``Root cause: we ...`` -> ``Root cause``: a label opening a paragraph."""
    m = _LABEL.match(text)
    if m and len(m.group("label").split()) <= 6:
        return m.group("label").strip()
    return None


class Draft:
    """A draft split into blocks, with a line index for positions."""

    def __init__(self, text: str):
        self.text = text
        self.lines = LineIndex(text)
        self.blocks: list[Block] = self._split()

    def _split(self) -> list[Block]:
        blocks: list[Block] = []
        current: list[tuple[int, int]] = []  # line spans of the block being built
        kind = "paragraph"
        content_start = 0

        def flush():
            nonlocal current
            if current:
                start, end = current[0][0], current[-1][1]
                line, _ = self.lines.position(start)
                end_line, _ = self.lines.position(end)
                blocks.append(Block(len(blocks), kind, start, end, content_start, line, end_line, self.text[start:end]))
            current = []

        for start, end in _lines(self.text):
            line = self.text[start:end]
            if not line.strip() or _COMMENT_LINE.match(line):
                flush()  # blank lines and whole-line HTML comments separate blocks
                continue
            lead = len(line) - len(line.lstrip())
            md = _MD_HEADING.match(line)
            if heading_text(line) is not None:
                flush()
                kind = "heading"
                content_start = start + (md.start(2) if md else lead)
                current = [(start, end)]
                flush()
                continue
            if _VALEDICTION.match(line):
                flush()  # "Sincerely," opens the signature even without a blank line
            bullet = _BULLET.match(line)
            if bullet:
                flush()
                kind = "bullet"
                content_start = start + bullet.end()
                current = [(start, end)]
                continue
            if not current:
                kind = "paragraph"
                content_start = start + lead
            current.append((start, end))
        flush()
        return blocks

    @cached_property
    def word_count(self) -> int:
        return sum(b.words for b in self.blocks)
