"""Limits that keep hostile or careless drafts from hanging a run or exhausting memory.

Everything here rewrites text *for a back end only* (spaCy, the grammar checker),
character for character, so that every offset still indexes the draft as decoded:

* **punctuation runs** ("!!!!!!…", "，，，，", "$$$$", ":):):)") are cut to their first
  few characters, the rest blanked: spaCy's tokenizer peels such runs off one
  character at a time, in time that grows with the square of the run (16,000 "!"
  took 38 s);
* **overlong words** (no real word has 64 letters) are not sent to the grammar
  backend: Harper's spelling suggestions use memory that grows with the word's length
  (a 1,000-letter word cost 500 MB, a 200,000-letter one aborted the process). They
  become a run of zeros, which Harper reads as a number and leaves alone, and a
  grammar finding on them is dropped.

The language server's cache of parsed paragraphs is bounded by the length of the
text it holds (:class:`SizedCache`), not by a count of paragraphs.

The rule types that read the raw text (``regex``) still see the draft exactly as it is,
so "!!!!!!" is still reported where it stands.
"""

from __future__ import annotations

import re
from collections import OrderedDict

PUNCT_RUN = 3  # characters of a punctuation run that spaCy sees
MAX_WORD = 64  # letters of a word that the grammar backend sees

_PUNCT_RUN = re.compile(r"[^\w\s]{%d,}" % (PUNCT_RUN + 1))
_LONG_WORD = re.compile(r"[\w'\u2019-]{%d,}" % (MAX_WORD + 1))


def _cut_run(m: re.Match) -> str:
    run = m.group()
    return run[:PUNCT_RUN] + " " * (len(run) - PUNCT_RUN)


def collapse_punctuation(text: str) -> str:
    """Punctuation runs longer than :data:`PUNCT_RUN` blanked after their start (same length)."""
    return _PUNCT_RUN.sub(_cut_run, text)


def grammar_view(text: str) -> str:
    """The draft as the grammar backend should see it (same length): overlong words as
    zeros. (Harper reads punctuation runs in linear time, and blanks would be reported
    as spacing mistakes, so runs stay.)"""
    return _LONG_WORD.sub(lambda m: "0" * len(m.group()), text)


def long_words(text: str) -> list[tuple[int, int]]:
    """Spans of words too long to be checked for grammar and spelling."""
    return [m.span() for m in _LONG_WORD.finditer(text)]


class SizedCache(OrderedDict):
    """Least recently used first out, bounded by the total length of its keys (the
    paragraph texts) rather than by their count: a language server's cache of parsed
    paragraphs must hold about as much memory after 2,000 edits as after ten, however
    long the paragraphs are. Values are assumed to grow with their key (spaCy Docs)."""

    def __init__(self, max_chars: int):
        super().__init__()
        self.max_chars = max_chars
        self.chars = 0

    def __setitem__(self, key: str, value) -> None:
        if key in self:
            self.chars -= len(key)
        super().__setitem__(key, value)
        self.chars += len(key)

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.chars -= len(key)

    def popitem(self, last: bool = True):
        key, value = super().popitem(last=last)
        self.chars -= len(key)
        return key, value

    def trim(self, keep: int = 0) -> None:
        """Drop the least recently used entries until the bound holds (the ``keep``
        most recent stay whatever their size: the draft being linted)."""
        while self.chars > self.max_chars and len(self) > keep:
            self.popitem(last=False)
