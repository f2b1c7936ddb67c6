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
  grammar finding on them is dropped. Harper sees punctuation runs cut the same way,
  their tails as zeros (blanks would be spacing mistakes).

The language server's cache of parsed paragraphs is bounded by the length of the
text it holds (:class:`SizedCache`), not by a count of paragraphs.

The rule types that read the raw text (``regex``) still see the draft exactly as it is,
so "!!!!!!" is still reported where it stands.
"""

from __future__ import annotations

import os
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


def _zero_tail(m: re.Match) -> str:
    run = m.group()
    return run[:PUNCT_RUN] + "0" * (len(run) - PUNCT_RUN)


def grammar_view(text: str) -> str:
    """The draft as the grammar backend should see it: overlong words as zeros, and
    punctuation runs cut after their start with zeros too (same length: blanks would be
    reported as spacing mistakes, and Harper took 10 s over 100,000 "!"; it reads a
    run of zeros as a number and says nothing), no more than the first
    :data:`GRAMMAR_MAX_CHARS` characters."""
    text = _LONG_WORD.sub(lambda m: "0" * len(m.group()), text[:GRAMMAR_MAX_CHARS])
    return _PUNCT_RUN.sub(_zero_tail, text)


def long_words(text: str) -> list[tuple[int, int]]:
    """Spans of words too long to be checked for grammar and spelling."""
    return [m.span() for m in _LONG_WORD.finditer(text)]


ENTRY_OVERHEAD = 300  # what an entry costs beyond its text, in characters' worth


class SizedCache(OrderedDict):
    """Least recently used first out, bounded by the size of what it holds rather than
    by a count: a language server's cache of parsed paragraphs must hold about as much
    memory after 2,000 edits as after ten, however long the paragraphs are. An entry
    costs its key's length (the paragraph; a spaCy Doc grows with it) plus
    :data:`ENTRY_OVERHEAD` (a Doc of a short paragraph is not free: ~70 KB measured
    for 115 characters, 3 KB or so per token)."""

    def __init__(self, max_chars: int):
        super().__init__()
        self.max_chars = max_chars
        self.chars = 0

    def __setitem__(self, key: str, value) -> None:
        if key in self:
            self.chars -= len(key) + ENTRY_OVERHEAD
        super().__setitem__(key, value)
        self.chars += len(key) + ENTRY_OVERHEAD

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.chars -= len(key) + ENTRY_OVERHEAD

    def popitem(self, last: bool = True):
        key, value = super().popitem(last=last)
        self.chars -= len(key) + ENTRY_OVERHEAD
        return key, value

    def trim(self, keep: int = 0) -> None:
        """Drop the least recently used entries until the bound holds (the ``keep``
        most recent stay whatever their size: the draft being linted)."""
        while self.chars > self.max_chars and len(self) > keep:
            self.popitem(last=False)


# -- regular expressions from rule files ------------------------------------------------
# Every pattern a rule file supplies runs on the ``regex`` engine with a time limit,
# whatever rule type carries it: ``type: regex``, a ``REGEX`` in a token or dependency
# pattern, a pattern in a script rule's options. A pattern that backtracks without end
# ("^(a|aa)+$" on a long word) stops the run with the rule's file and line instead of
# hanging it.
REGEX_SECONDS = 1.0  # per call; one word or one sentence, never the whole batch


def timed_regex(pattern: str, ignorecase: bool = False):
    """A compiled ``regex`` pattern whose ``search``/``finditer``/``match`` stop after
    :data:`REGEX_SECONDS` with TimeoutError."""
    import regex

    compiled = regex.compile(pattern, regex.IGNORECASE if ignorecase else 0)
    return _Timed(compiled)


def _twice(call, text, *args):
    """``call`` with the time limit, tried once more if it runs out. The limit is wall-clock time:
    a busy machine or a garbage-collector pause can stop a trivial pattern for a second on one word
    (seen twice in a run over 80,000 sentences, round 39). A pattern that really backtracks runs out
    of time again; a stalled one does not."""
    try:
        return call(text, *args, timeout=REGEX_SECONDS)
    except TimeoutError:
        return call(text, *args, timeout=REGEX_SECONDS)


class _Timed:
    def __init__(self, compiled):
        self.compiled = compiled
        self.pattern = compiled.pattern

    def search(self, text, *args):
        return _twice(self.compiled.search, text, *args)

    def match(self, text, *args):
        return _twice(self.compiled.match, text, *args)

    def finditer(self, text, *args):
        return self.compiled.finditer(text, *args, timeout=REGEX_SECONDS)


_TOKEN_TEXT = {
    "ORTH": "text", "TEXT": "text", "LOWER": "lower_", "LEMMA": "lemma_", "NORM": "norm_", "POS": "pos_",
    "TAG": "tag_", "DEP": "dep_", "SHAPE": "shape_", "PREFIX": "prefix_", "SUFFIX": "suffix_",
    "ENT_TYPE": "ent_type_", "ENT_IOB": "ent_iob_", "ENT_ID": "ent_id_", "ENT_KB_ID": "ent_kb_id_",
    "LANG": "lang_", "MORPH": "morph",
}


# A token with OP "{n,m}" is expanded by spaCy's Matcher into m tokens, each after the
# n-th optional, and every optional one doubles the partial matches it keeps: a wildcard
# "{1,20}" after a common word made every lint of a letter 3.5 times slower (round 13).
MAX_REPEAT = 8


def check_repeats(patterns, rule, what: str = "patterns") -> None:
    """Refuse a token pattern whose ``{n,m}`` repeat goes above :data:`MAX_REPEAT`."""
    import re

    for pattern in patterns:
        for token in pattern if isinstance(pattern, list) else ():
            op = token.get("OP") if isinstance(token, dict) else None
            m = re.fullmatch(r"\{\s*(\d*)\s*,\s*(\d*)\s*\}", op) if isinstance(op, str) else None
            if m and (not m.group(2) or int(m.group(2)) > MAX_REPEAT):
                raise rule.error(f"OP {op!r} in {what} repeats a token up to {m.group(2) or 'any'} times, which slows every "
                                 f"lint; use at most {{0,{MAX_REPEAT}}}, or \"*\" / \"+\"", what)


def timed_token_patterns(patterns, rule, what: str = "patterns"):
    """Token (or dependency) patterns with each ``{ATTR: {REGEX: ...}}`` replaced by a
    custom token attribute that runs the same search on the ``regex`` engine with a
    time limit (spaCy runs REGEX with Python's ``re``, which cannot be stopped).
    Returns the patterns unchanged when they hold no REGEX."""
    if "REGEX" not in repr(patterns).upper():
        return patterns
    return [_timed_pattern(p, rule, what) if isinstance(p, list) else p for p in patterns]


def _timed_pattern(pattern: list, rule, what: str) -> list:
    out = []
    for token in pattern:
        if not isinstance(token, dict):
            out.append(token)
            continue
        token = dict(token)
        for holder in ("RIGHT_ATTRS",) if "RIGHT_ATTRS" in token else (None,):
            attrs = dict(token[holder]) if holder else token
            if not isinstance(attrs, dict):
                continue
            for key in list(attrs):
                value = attrs[key]
                attr = str(key).upper()
                if attr in _TOKEN_TEXT and isinstance(value, dict) and any(str(k).upper() == "REGEX" for k in value):
                    rest = {k: v for k, v in value.items() if str(k).upper() != "REGEX"}
                    source = next(v for k, v in value.items() if str(k).upper() == "REGEX")
                    name = _token_extension(attr, source, rule, what)
                    if rest:
                        attrs[key] = rest
                    else:
                        del attrs[key]
                    attrs["_"] = {**(attrs.get("_") or {}), name: True}
            if holder:
                token[holder] = attrs
        out.append(token)
    return out


def _token_extension(attr: str, source, rule, what: str) -> str:
    """A boolean token attribute: does the REGEX match this token's ``attr``?"""
    import hashlib

    import regex
    from spacy.tokens import Token

    from .errors import AppealLintError

    if not isinstance(source, str):
        raise rule.error(f"a REGEX in {what} must be a string, not {source!r}", what)
    try:
        compiled = timed_regex(source)
    except regex.error as exc:
        raise rule.error(f"invalid REGEX {source!r} in {what}: {exc}", what) from None
    name = "al_re_" + hashlib.sha1(f"{attr}\0{source}\0{rule.id}".encode()).hexdigest()[:16]
    field = _TOKEN_TEXT[attr]

    def getter(token) -> bool:
        try:
            return compiled.search(str(getattr(token, field))) is not None
        except TimeoutError:
            raise AppealLintError(
                "rule",
                f"{rule.path}:{rule.line}: rule {rule.id}: REGEX {source!r} took over {REGEX_SECONDS:g}s on one word "
                "(catastrophic backtracking?)",
            ) from None

    if not Token.has_extension(name):
        Token.set_extension(name, getter=getter)
    return name


# -- a budget per draft ------------------------------------------------------------------
# A draft far beyond any letter (a book pasted in, 100,000 one-word bullets) is refused
# with a clear per-file error, and the other drafts of the batch go on. Checked before
# parsing (shape) and while linting (time).
MAX_BLOCKS = 1_000  # paragraphs, headings and bullets; a long appeal has under 100
MAX_BLOCK_CHARS = 50_000  # one paragraph; a long appeal's longest is under 3,000
# (100 KB of "a.b," in one paragraph took 1.1 GB in spaCy's parser)
DRAFT_SECONDS = 6.0  # parsing and rules, per draft (a 2,000-word letter takes ~0.3 s);
# APPEAL_LINT_TIME_LIMIT=SECONDS changes it, 0 turns it off
GRAMMAR_MAX_CHARS = 100_000  # what the grammar backend reads of one draft (~1.5 s of Harper)


def too_complex(path: str, draft):
    """An InputError (code ``too-complex``) for a draft whose shape is beyond the budget, else None."""
    from .errors import InputError

    if len(draft.blocks) > MAX_BLOCKS:
        problem = f"{len(draft.blocks):,} paragraphs, headings and bullets, over the limit of {MAX_BLOCKS:,}"
    else:
        longest = max((b.end - b.start for b in draft.blocks), default=0)
        if longest <= MAX_BLOCK_CHARS:
            return None
        problem = f"a paragraph of {longest:,} characters, over the limit of {MAX_BLOCK_CHARS:,}"
    error = InputError("too-complex", f"{path}: not linted: {problem} (an appeal letter is far shorter; split the file)")
    error.path = path
    return error


class Deadline:
    """The time one draft may take; :meth:`check` raises InputError (code ``timeout``) past it."""

    def __init__(self, path: str, seconds: float | None = None):
        import time

        self.path = path
        if seconds is None:
            try:
                seconds = float(os.environ.get("APPEAL_LINT_TIME_LIMIT", DRAFT_SECONDS))
            except ValueError:
                seconds = DRAFT_SECONDS
        self.seconds = seconds
        self._clock = time.monotonic
        self.end = self._clock() + seconds if seconds > 0 else float("inf")

    def passed(self) -> bool:
        return self._clock() > self.end

    def error(self):
        from .errors import InputError

        error = InputError("timeout", f"{self.path}: not linted: it took over {self.seconds:g} s, the time limit per draft (is it really one letter?)")
        error.path = self.path
        return error

    def check(self) -> None:
        if self.passed():
            raise self.error()
