"""Drafts that are not Unicode: which legacy encoding wrote them.

After byte-order marks, UTF-16 and UTF-8 (see :func:`appeal_lint.source.decode`), a
draft is one of three: **GB18030/GBK** (Chinese Windows editors), **Big5** (Taiwan and
Hong Kong editors), or **Windows-1252** (Western Windows editors: curly quotes, "Müller",
"café"). The same bytes often decode without error in several of them (GB18030 accepts
nearly anything), so each decoding is scored for how plausible its text is and the
best one wins:

* a common Chinese character of that encoding (GB2312 level 1 for GB18030, the
  frequently used set for Big5) counts for the decoding; a rare one is neutral; an ideograph wedged inside a Latin word
  ("M黮ler") or a private-use character counts against it;
* Chinese punctuation and full-width forms count for it, and so do curly quotes,
  dashes and the euro sign;
* a Latin letter with an accent next to plain letters ("Müller", "café") counts for it;
* anything else outside ASCII (Bopomofo, "£¬", "¡£", box drawing, C1 controls) counts
  against it.

charset-normalizer was measured on the same drafts first: on short, mostly-English
drafts it chose Big5 for GB18030 text and Windows-1250 for Windows-1252 text (6 of 18
wrong even with the candidates limited to these three), because a letter gives it
too few non-ASCII bytes to judge; this scoring is right on all of them (tests/test_source.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

CANDIDATES = ("gb18030", "big5", "cp1252")  # ties go to the first
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WESTERN_PUNCTUATION = set("\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u20ac\u2022\u00b7\u00a0\u00b0\u00ae\u00a9\u2122")


@lru_cache(maxsize=None)
def common_chinese(encoding: str) -> frozenset[str]:
    """The common characters of a Chinese encoding, from its own table: GB2312 level 1
    (3,755 simplified characters, lead bytes B0-D7) for GB18030, Big5's frequently used
    set (5,401 traditional characters, lead bytes A4-C6) for Big5."""
    if encoding == "big5":
        codec, leads, trails = "big5", range(0xA4, 0xC7), [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    elif encoding == "gb18030":
        codec, leads, trails = "gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF)
    else:
        return frozenset()
    chars = set()
    for lead in leads:
        for trail in trails:
            try:
                chars.add(bytes((lead, trail)).decode(codec))
            except UnicodeDecodeError:
                pass
    return frozenset(chars)


def _latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def plausibility(text: str, encoding: str) -> int:
    """Higher is more like a real draft written in ``encoding``; only characters
    outside ASCII count."""
    common = common_chinese(encoding)
    score = 0
    for m in _NON_ASCII.finditer(text):
        i, ch = m.start(), m.group()
        o = ord(ch)
        left = text[i - 1] if i else " "
        right = text[i + 1] if i + 1 < len(text) else " "
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            if _latin_letter(left) and _latin_letter(right):
                score -= 3  # "M黮ler": a Latin word cut by a two-byte character
            elif ch in common:
                score += 2
        elif 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E:
            score += 1  # Chinese punctuation, full-width forms
        elif ch in _WESTERN_PUNCTUATION:
            score += 1
        elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            score += 1 if (_latin_letter(left) or _latin_letter(right)) else -1
        else:
            score -= 2
    return score


def guess_legacy(data: bytes) -> tuple[str, str] | None:
    """``(text, encoding)`` for the most plausible legacy encoding, or None when none decodes."""
    best = None
    for encoding in CANDIDATES:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text, encoding)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    return (best[1], best[2]) if best else None
