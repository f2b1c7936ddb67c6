"""What every analyzer shares: the per-draft context, hits and small helpers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

from ..draft import Block, Draft, first_line_span
from ..model import Fix


@dataclass
class Hit:
    """One match of a rule: absolute offsets and values for the message template."""

    start: int
    end: int
    values: dict[str, Any] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    letter: bool = False  # about the whole letter (a missing part, a word count)
    # set by rule types that report under their own ids (grammar.harper.spelling):
    rule_id: str | None = None
    code: str | None = None
    severity: str | None = None
    message: str | None = None


@dataclass
class Match:
    """A token match inside one block's Doc."""

    block: int
    start: int  # token index
    end: int  # token index, exclusive
    tokens: tuple[int, ...] = ()  # dependency matches: the matched token indices


@dataclass
class Context:
    """A draft with its parsed blocks, roles and settings, as the analyzers see it."""

    draft: Draft
    docs: list[Any]  # one spaCy Doc per block, parsed from the block's content
    roles: list[str]  # one role per block
    reason: str | None
    settings: Any
    tenses: list[dict[str, int]] = field(default_factory=list)
    path: str = "<text>"
    unused_suppressions: list = field(default_factory=list)  # set after suppressions are applied
    sentences: list = field(default_factory=list)  # (roles.SentenceContext, role) for every sentence, in order
    cache: dict = field(default_factory=dict)  # per-draft results that several rules share (model scores)
    notice: Any = None  # notice.Attached: Amazon's notice for this draft, if any
    checklist: Any = None  # notice.Checklist: the letter against a usable notice

    def sentence_roles(self) -> set[str]:
        return {role for _, role in self.sentences}

    @property
    def text(self) -> str:
        return self.draft.text

    @property
    def blocks(self) -> list[Block]:
        return self.draft.blocks

    def offset(self, block: int) -> int:
        return self.draft.blocks[block].content_start

    def span_offsets(self, m: Match) -> tuple[int, int]:
        doc = self.docs[m.block]
        base = self.offset(m.block)
        if m.tokens:
            first, last = min(m.tokens), max(m.tokens)
        else:
            first, last = m.start, m.end - 1
        return base + doc[first].idx, base + doc[last].idx + len(doc[last])

    def sentence_of(self, m: Match):
        doc = self.docs[m.block]
        index = min(m.tokens) if m.tokens else m.start
        return doc[index].sent

    def letter_anchor(self) -> tuple[int, int]:
        """Where letter-level findings point: the first line with text."""
        for block in self.draft.blocks:
            return first_line_span(block.text, block.start)
        return 0, 0

    def block_anchor(self, index: int) -> tuple[int, int]:
        block = self.draft.blocks[index]
        return first_line_span(block.content, block.content_start)

    def prose_sentences(self):
        """(doc, offset of its block, sentence) for every sentence outside headings, list items
        and table rows, where notes are the norm and whole-sentence grammar is not judged."""
        for index, doc in enumerate(self.docs):
            if self.blocks[index].kind in ("heading", "bullet"):
                continue
            base = self.offset(index)
            for sent in doc.sents:
                if "\t" not in sent.text and "|" not in sent.text:  # a table's row
                    yield doc, base, sent


def word_lists(rule, keys) -> dict[str, set[str]]:
    """A rule's word-list options, lower-cased; a value that is not a list of words is a rule error."""
    lists = {}
    for key in keys:
        words = rule.options.get(key, [])
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise rule.error(f"{key} must be a list of words", key)
        lists[key] = {w.lower() for w in words}
    return lists


def keep_longest(hits: Iterable[Hit]) -> list[Hit]:
    """Drop hits that overlap a longer hit of the same rule."""
    ordered = sorted(hits, key=lambda h: (h.end - h.start, -h.start), reverse=True)
    kept: list[Hit] = []
    for hit in ordered:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def match_case(original: str, replacement: str) -> str:
    """Carry the capital of the matched text over to its replacement."""
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement
