"""Reading drafts: paths to decoded text, with every bad input turned into an InputError.

The decoded text is never rewritten (no newline or Unicode normalisation), so every
offset a finding carries indexes the text exactly as decoded from the file.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .encodings import guess_legacy
from .errors import InputError

DRAFT_SUFFIXES = (".txt", ".md", ".markdown", ".docx")
DEFAULT_MAX_BYTES = 1_000_000  # ~150,000 words: far beyond any real appeal

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Source:
    """One draft: where it came from, its decoded text and the encoding used."""

    path: str
    text: str
    encoding: str = "utf-8"
    paragraphs: object = None  # word.ParagraphMap for a .docx draft
    notice: str | None = None  # the text of Amazon's notice this draft answers, if given with it

    @property
    def is_stdin(self) -> bool:
        return self.path == "-"


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: ASCII text leaves every other byte NUL."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, name: str = "<text>") -> tuple[str, str]:
    """Decode draft bytes to ``(text, encoding)``.

    Order: a byte-order mark; BOM-less UTF-16; strict UTF-8; then the most plausible of
    GB18030 (a superset of GBK and GB2312, Chinese Windows editors), Big5 and
    Windows-1252 (:mod:`appeal_lint.encodings`). A NUL byte in what is left means the
    file is binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError("decode", f"{name}: starts with a {encoding} byte-order mark but is not valid {encoding} ({exc.reason} at byte {exc.start})") from None
    utf16 = _guess_utf16(data[:4096])
    if utf16:
        try:
            return data.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError("binary", f"{name}: not a text file (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    guessed = guess_legacy(data)
    if guessed is None:
        raise InputError(
            "decode",
            f"{name}: not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) nor GB18030/GBK, Big5 or Windows-1252; save the draft as UTF-8",
        )
    return guessed


def _check_text(text: str, name: str) -> None:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if controls > max(8, len(text[:4096]) // 20):
        raise InputError("binary", f"{name}: not a text file (too many control characters)")
    if not text.strip():
        raise InputError("empty", f"{name}: the draft is empty")


def read_bytes(data: bytes, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    if max_bytes and len(data) > max_bytes:
        raise InputError("too-large", f"{name}: {len(data):,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
    text, encoding = decode(data, name)
    _check_text(text, name)
    return Source(name, text, encoding)


def read_path(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read one draft file; ``-`` reads standard input."""
    if path == "-":
        stream = sys.stdin.buffer if sys.stdin is not None else None
        if stream is None:
            raise InputError("unreadable", "-: standard input is closed")
        try:
            data = stream.read(max_bytes + 1 if max_bytes else -1)
        except (OSError, ValueError) as exc:
            raise InputError("unreadable", f"-: cannot read standard input ({exc})") from None
        return read_bytes(data, "-", max_bytes)
    p = Path(path)
    if p.suffix.lower() == ".docx" and p.is_file():
        return _read_word(p, path, max_bytes)
    if not p.exists():
        raise InputError("not-found", f"{path}: no such file")
    if p.is_dir():
        raise InputError("is-directory", f"{path}: is a directory with no .txt or .md drafts in it")
    try:
        st = p.stat()
        if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) or stat.S_ISSOCK(st.st_mode):
            raise InputError("unreadable", f"{path}: not a regular file (a device or socket); pass text on standard input instead")
        size = st.st_size
        if max_bytes and size > max_bytes:
            raise InputError("too-large", f"{path}: {size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
        with _open_without_waiting(path) as fh:
            data = fh.read(max_bytes + 1 if max_bytes else -1)
    except InputError:
        raise
    except OSError as exc:
        raise InputError("unreadable", f"{path}: cannot read ({exc.strerror or exc})") from None
    return read_bytes(data, path, max_bytes)


def _is_notice(name: str) -> bool:
    from .notice import is_notice_path

    return is_notice_path(name)


def _read_word(p: Path, path: str, max_bytes: int) -> Source:
    try:
        size = p.stat().st_size
        if max_bytes and size > max_bytes:
            raise InputError("too-large", f"{path}: {size:,} bytes is over the limit of {max_bytes:,} (raise it with --max-bytes)")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError("unreadable", f"{path}: cannot read ({exc.strerror or exc})") from None
    return word_source(data, path)


def word_source(data: bytes, name: str) -> Source:
    """A Source from the bytes of a .docx file."""
    from .word import extract

    text, paragraphs = extract(data, name)
    if not text.strip():
        raise InputError("empty", f"{name}: the Word document has no text")
    return Source(name, text, "docx", paragraphs)


def _open_without_waiting(path: str):
    """Open for reading without blocking on a named pipe that no program writes to
    (its read then ends at once, as an empty draft); then read as usual."""
    nonblocking = getattr(os, "O_NONBLOCK", 0)
    fh = open(path, "rb", opener=lambda name, flags: os.open(name, flags | nonblocking))
    if nonblocking:
        os.set_blocking(fh.fileno(), True)
    return fh


def expand_paths(paths: list[str]) -> list[str]:
    """Files as given, directories expanded to their drafts (recursive, sorted).

    Hidden folders (``.git``) and anything but regular files (named pipes, sockets)
    are skipped. A directory without drafts is passed on
    as it is, for :func:`read_path` to report.
    """
    out: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(DRAFT_SUFFIXES) and not name.startswith((".", "~$")) and not _is_notice(name) and os.path.isfile(os.path.join(root, name)):  # ~$: Word's lock files
                        found.append(os.path.join(root, name))
            if found:
                out.extend(found)
            else:
                out.append(path)
        else:
            out.append(path)
    return out
