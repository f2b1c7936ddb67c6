"""Word drafts (``.docx``), read with python-docx.

The letter's text is extracted paragraph by paragraph: a blank line between paragraphs,
list paragraphs as ``- `` bullets (one per line), Word headings as Markdown headings, so
that the rest of appeal-lint sees the letter's layout as a writer meant it. Every
finding is then also located by Word paragraph (1-based, counting the document's
paragraphs as Word does, empty ones included) and character offset within it.

The ``.docx`` file itself is never written: ``--fix`` refuses it.
"""

from __future__ import annotations

import bisect
import io
import zipfile
from dataclasses import dataclass

from .errors import InputError

WORD_SUFFIXES = (".docx",)


def is_word(path: str) -> bool:
    return path.lower().endswith(WORD_SUFFIXES)


@dataclass(frozen=True)
class ParagraphMap:
    """Where each Word paragraph landed in the extracted text."""

    starts: tuple[int, ...]  # offset of the paragraph's first character (after any prefix)
    numbers: tuple[int, ...]  # its 1-based number among the document's paragraphs
    lengths: tuple[int, ...]

    def locate(self, offset: int) -> tuple[int, int] | None:
        """``(paragraph number, 0-based offset within it)`` of a text offset, or None
        when the offset falls in a prefix or between paragraphs."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        within = offset - self.starts[i]
        if within > self.lengths[i]:
            return None
        return self.numbers[i], within


def _kind(paragraph) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered.startswith("heading") or lowered == "title":
        return "heading"
    ppr = paragraph._p.pPr
    if lowered.startswith("list") or (ppr is not None and ppr.numPr is not None):
        return "bullet"
    return "paragraph"


def extract(data: bytes, name: str) -> tuple[str, ParagraphMap]:
    """The text of a .docx file's body paragraphs, and where each paragraph went."""
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise InputError("decode", f"{name}: reading Word files needs python-docx ({exc})") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError("decode", f"{name}: not a readable Word (.docx) document ({exc or type(exc).__name__})") from None
    except Exception as exc:  # python-docx raises its own types for broken packages
        raise InputError("decode", f"{name}: not a readable Word (.docx) document ({type(exc).__name__}: {exc})") from None
    parts: list[str] = []
    starts, numbers, lengths = [], [], []
    pos = 0
    previous = None
    for number, paragraph in enumerate(document.paragraphs, start=1):
        text = paragraph.text.replace("\r", "").replace("\n", " ").replace("\t", " ")
        if not text.strip():
            previous = None
            continue
        kind = _kind(paragraph)
        sep = "" if not parts else ("\n" if kind == "bullet" and previous == "bullet" else "\n\n")
        prefix = {"heading": "## ", "bullet": "- "}.get(kind, "")
        parts.append(sep + prefix)
        pos += len(sep) + len(prefix)
        starts.append(pos)
        numbers.append(number)
        lengths.append(len(text))
        parts.append(text)
        pos += len(text)
        previous = kind
    return "".join(parts) + ("\n" if parts else ""), ParagraphMap(tuple(starts), tuple(numbers), tuple(lengths))


def annotate(file_report, paragraphs: ParagraphMap) -> None:
    """Give each finding of a Word draft its paragraph and offset within it."""
    file_report.paragraphs = paragraphs
    for f in file_report.findings:
        where = paragraphs.locate(f.start)
        if where is None and f.scope == "letter" and paragraphs.starts:
            where = (paragraphs.numbers[0], 0)
        f.paragraph = where
