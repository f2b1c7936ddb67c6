"""One spaCy Matcher, PhraseMatchers and DependencyMatcher for all rules.

Analyzers register patterns under string keys; the bank runs every matcher once per
block Doc and hands each key its matches. Patterns are validated by spaCy
(``validate=True``) and a bad one is reported against its rule file and line.
"""

from __future__ import annotations

import re
from collections import defaultdict

from ..errors import AppealLintError
from ..limits import check_repeats, timed_token_patterns
from .base import Match


REQUIRED_OPS = (None, "+", "1")
ANCHOR_ATTRS = ("LOWER", "LEMMA", "ORTH", "TEXT")


def _values(spec) -> set | None:
    """The literal values a token constraint allows (a string or an IN list), else None."""
    if isinstance(spec, str):
        return {spec}
    if isinstance(spec, dict) and set(spec) == {"IN"} and all(isinstance(v, str) for v in spec["IN"]):
        return set(spec["IN"])
    return None


def _token_anchor(token: dict) -> tuple[str, frozenset] | None:
    for attr in ANCHOR_ATTRS:
        if attr in token:
            values = _values(token[attr])
            if values is not None:
                attr = "ORTH" if attr == "TEXT" else attr
                return attr, frozenset(v.lower() for v in values) if attr == "LOWER" else frozenset(values)
    return None


def pattern_anchors(pattern: list) -> list[tuple[str, frozenset]] | None:
    """Constraints every match of a token pattern must meet: one required token's words."""
    for token in pattern:
        if not isinstance(token, dict):
            return None
        op = token.get("OP")
        if op in REQUIRED_OPS or (isinstance(op, str) and op.startswith("{") and not op.startswith(("{0", "{,"))):
            anchor = _token_anchor(token)
            if anchor:
                return [anchor]
    return None


def dependency_anchors(pattern: list) -> list[tuple[str, frozenset]] | None:
    """Every node of a dependency pattern must be present: all their literal constraints."""
    anchors = [a for node in pattern if isinstance(node, dict) and (a := _token_anchor(node.get("RIGHT_ATTRS", {})))]
    return anchors or None


class _Vocab:
    """The words of one Doc, for anchor checks."""

    def __init__(self, doc):
        self.sets = {"LOWER": {t.lower_ for t in doc}, "LEMMA": {t.lemma_ for t in doc}, "ORTH": {t.text for t in doc}}

    def allows(self, anchors) -> bool:
        return all(not self.sets[attr].isdisjoint(values) for attr, values in anchors)


class MatchBank:
    """Each token-pattern key gets its own Matcher, run on a Doc only when the Doc has
    the words its patterns require (their anchors). spaCy's Matcher tries every pattern
    at every token, so skipping the rules that cannot match is most of the speed."""

    def __init__(self, nlp):
        from spacy.matcher import PhraseMatcher

        self.nlp = nlp
        self.phrases = {attr: PhraseMatcher(nlp.vocab, attr=attr) for attr in ("LOWER", "LEMMA", "ORTH")}
        self.token_keys: list[tuple[str, object, list | None]] = []  # key, Matcher, anchor alternatives
        self.dep_keys: list[tuple[str, object, list | None]] = []
        self._used = set()

    def add_tokens(self, rule, key: str, patterns: list, what: str = "patterns") -> None:
        from spacy.matcher import Matcher

        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, list) and p for p in patterns):
            raise rule.error(f"{what} must be a list of token patterns (each a non-empty list of token dicts)", what)
        check_repeats(patterns, rule, what)
        matcher = Matcher(self.nlp.vocab, validate=True)
        try:
            matcher.add(key, timed_token_patterns(patterns, rule, what), greedy="LONGEST")
        except AppealLintError:
            raise
        except Exception as exc:  # spaCy raises ValueError/MatchPatternError with details
            raise _error(rule, what, f"invalid token pattern: {_one_line(exc)}", patterns) from None
        alternatives = [pattern_anchors(p) for p in patterns]
        self.token_keys.append((key, matcher, None if any(a is None for a in alternatives) else alternatives))

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
        from spacy.matcher import DependencyMatcher

        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, list) and p for p in patterns):
            raise rule.error("patterns must be a list of dependency patterns (each a list of node dicts)", "patterns")
        matcher = DependencyMatcher(self.nlp.vocab, validate=True)
        try:
            matcher.add(key, timed_token_patterns(patterns, rule))
        except AppealLintError:
            raise
        except Exception as exc:
            raise _error(rule, "patterns", f"invalid dependency pattern: {_one_line(exc)}", patterns) from None
        alternatives = [dependency_anchors(p) for p in patterns]
        self.dep_keys.append((key, matcher, None if any(a is None for a in alternatives) else alternatives))

    def run(self, block: int, doc) -> dict[str, list[Match]]:
        strings = self.nlp.vocab.strings
        out: dict[str, list[Match]] = defaultdict(list)
        words = _Vocab(doc)
        for key, matcher, alternatives in self.token_keys:
            if alternatives is None or any(words.allows(a) for a in alternatives):
                for _, start, end in matcher(doc):
                    out[key].append(Match(block, start, end))
        for attr, matcher in self.phrases.items():
            if attr in self._used:
                for match_id, start, end in matcher(doc):
                    out[strings[match_id]].append(Match(block, start, end))
        for key, matcher, alternatives in self.dep_keys:
            if alternatives is None or any(words.allows(a) for a in alternatives):
                for _, token_ids in matcher(doc):
                    tokens = tuple(token_ids)
                    out[key].append(Match(block, min(tokens), max(tokens) + 1, tokens))
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
