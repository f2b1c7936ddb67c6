"""One spaCy Matcher, PhraseMatchers and DependencyMatcher for all rules.

Analyzers register patterns under string keys; the bank runs every matcher once per
block Doc and hands each key its matches. Patterns are validated by spaCy
(``validate=True``) and a bad one is reported against its rule file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .base import Match


class MatchBank:
    def __init__(self, nlp):
        from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

        self.nlp = nlp
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.phrases = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("LOWER", "LEMMA", "ORTH")}
        self.dependency = DependencyMatcher(nlp.vocab, validate=True)
        self._used = set()

    def add_tokens(self, rule, key: str, patterns: list, what: str = "patterns") -> None:
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, list) and p for p in patterns):
            raise rule.error(f"{what} must be a list of token patterns (each a non-empty list of token dicts)", what)
        try:
            self.matcher.add(key, patterns, greedy="LONGEST")
        except Exception as exc:  # spaCy raises ValueError/MatchPatternError with details
            raise _error(rule, what, f"invalid token pattern: {_one_line(exc)}", patterns) from None
        self._used.add("matcher")

    def add_phrases(self, rule, key: str, phrases: list, attr: str = "LOWER", what: str = "phrases") -> None:
        attr = attr.upper()
        if attr not in self.phrases:
            raise rule.error(f"attr must be LOWER, LEMMA or ORTH, not {attr!r}", "attr")
        if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise rule.error(f"{what} must be a non-empty list of strings", what)
        if attr == "LEMMA":
            docs = list(self.nlp.pipe(phrases))
        else:
            docs = [self.nlp.make_doc(p) for p in phrases]
        self.phrases[attr].add(key, docs)
        self._used.add(attr)

    def add_dependency(self, rule, key: str, patterns: list) -> None:
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, list) and p for p in patterns):
            raise rule.error("patterns must be a list of dependency patterns (each a list of node dicts)", "patterns")
        try:
            self.dependency.add(key, patterns)
        except Exception as exc:
            raise _error(rule, "patterns", f"invalid dependency pattern: {_one_line(exc)}", patterns) from None
        self._used.add("dependency")

    def run(self, block: int, doc) -> dict[str, list[Match]]:
        strings = self.nlp.vocab.strings
        out: dict[str, list[Match]] = defaultdict(list)
        if "matcher" in self._used:
            for match_id, start, end in self.matcher(doc):
                out[strings[match_id]].append(Match(block, start, end))
        for attr, matcher in self.phrases.items():
            if attr in self._used:
                for match_id, start, end in matcher(doc):
                    out[strings[match_id]].append(Match(block, start, end))
        if "dependency" in self._used:
            for match_id, token_ids in self.dependency(doc):
                tokens = tuple(token_ids)
                out[strings[match_id]].append(Match(block, min(tokens), max(tokens) + 1, tokens))
        return out


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    text = re.sub(r" for matcher rule '[^']*'", "", text)
    text = re.sub(r"Pattern \d+: (?=Pattern \d+:|$)", "", text).strip()
    if "valid string" in text:
        text += " (unquoted true, false and null are not strings in YAML: quote them)"
    return text[:500]


def _error(rule, what: str, message: str, patterns) -> Exception:
    """Point at the first pattern's own line when YAML told us where it is."""
    from ..errors import RuleError

    lines = [getattr(p, "line", 0) for p in patterns if isinstance(p, list)]
    if len(patterns) == 1 and lines and lines[0]:
        return RuleError(rule.path, lines[0], f"rule {rule.id}: {message}")
    return rule.error(message, what)
