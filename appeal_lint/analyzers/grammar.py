"""``type: grammar`` — findings from a grammar backend (Harper by default).

    type: grammar
    kinds:                      # backend kind -> code, and optionally severity
      spelling: AL901
      style: {code: AL908, severity: info}
    disable: [UseTitleCase]     # Harper rules to turn off

    drop: [style, formatting]   # kinds not reported at all

Finding ids are ``grammar.<backend>.<kind>``. Order IDs, ASINs, tracking numbers, URLs
and e-mail addresses are masked; terms of the trade from ``rules/_lexicons/vocabulary.yaml``
and the user's ``words``, list markers ("a.", "b)", "3、") and person names (after Mr,
Ms, Dr..., after a greeting, under a sign-off, and the same names elsewhere) raise no
finding of any kind; a capitalised word inside a sentence is taken as a name and not
spell-checked; another English dialect's spelling is not an error. An unknown word that
does not look like a typo of a known one (no suggestion of a typo's shape) is reported
as kind ``unknown_word``, not ``spelling`` (see ``appeal_lint/grammar/precision.py``). The backend runs on its own thread: the engine
hands it every draft before spaCy parses, and collects the results afterwards.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from ..messages import kind_zh
from ..grammar.precision import DraftFacts, after_abbreviation, foreign_lines, not_an_article, production_lot, typo_shaped
from ..limits import grammar_view, long_words
from ..model import SEVERITIES
from .base import Context, Hit

MASK = re.compile(
    r"\b\d{3}-\d{7}-\d{7}\b|\bB0[0-9A-Z]{8}\b|\b1Z[0-9A-Z]{16}\b|\b[A-Z]{2}\d{9}[A-Z]{2}\b|\b\d{12,22}\b"
    r"|https?://\S+|www\.\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+\b|\b[A-Z0-9]{2,}(?:-[A-Z0-9]+)+\b"
    r"|\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,}\b"  # merchant tokens, SKUs, tracking IDs
)


@lru_cache(maxsize=1)
def _lexicon() -> tuple[frozenset[str], tuple[str, ...]]:
    from ..ruleset import load_lexicon

    data = load_lexicon("vocabulary")
    terms = [str(t) for group in data.values() for t in group]
    return frozenset(t.lower() for t in terms), tuple(t for t in terms if re.search(r"[\s.-]", t))


def vocabulary() -> frozenset[str]:
    """Every term of the trade, lower-cased (words and phrases)."""
    return _lexicon()[0]


def vocabulary_phrases(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The terms with a space, dot or hyphen in them, found in the draft by position."""
    return _lexicon()[1] + tuple(w for w in extra if re.search(r"[\s.-]", w))


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
# British and American spellings of one word map to the same key: a word that a
# suggestion matches this way is another dialect's spelling, not an error.
_DIALECT_PAIRS = (
    ("ogue", "og"), ("our", "or"), ("ise", "ize"), ("isi", "izi"), ("isa", "iza"), ("yse", "yze"), ("ysi", "yzi"),
    ("tre", "ter"), ("ence", "ense"), ("lled", "led"), ("lling", "ling"), ("ller", "ler"), ("mme", "m"), ("ae", "e"), ("oe", "e"),
)


def _dialect_key(word: str) -> str:
    key = word.lower()
    for uk, us in _DIALECT_PAIRS:
        key = key.replace(uk, us)
    return key


def _other_dialect(word: str, suggestions: list[str]) -> bool:
    key = _dialect_key(word)
    return any(_dialect_key(s) == key and s.lower() != word.lower() for s in suggestions)


def names_in(text: str) -> frozenset[str]:
    """Capitalised words that appear inside a sentence somewhere in the draft: names."""
    found = set()
    for m in _WORD.finditer(text):
        word = m.group()
        if word[:1].isupper() and not word.isupper():
            before = text[: m.start()].rstrip(" \t\"'(")
            if before and before[-1] not in ".!?:\n\r" and not before.endswith(("-", "*", "#")):
                found.add(word)
    return frozenset(found)


def _is_name_like(text: str, start: int, end: int, word: str, names: frozenset[str]) -> bool:
    """An acronym or unit (SKU, mW), a capitalised word inside a sentence, a capitalised
    word used as a name elsewhere in the draft, or one followed by another capitalised
    word ("Haiyue Trading")."""
    if (word.isupper() and len(word) <= 8) or (not word.islower() and not word.istitle()):
        return True
    if not word[:1].isupper():
        return False
    if word in names:
        return True
    if text[end : end + 1] == " " and text[end + 1 : end + 2].isupper():
        return True  # "Haiyue Trading"
    before = text[:start].rstrip(" \t\"'(")
    return bool(before) and before[-1] not in ".!?:\n\r" and not before.endswith(("-", "*", "#"))


def hit_for_issue(ctx: Context, issue, backend: str, kinds: dict, rule, words: frozenset[str], names: frozenset[str] = frozenset(),
                  facts: DraftFacts | None = None, drop: frozenset[str] = frozenset()) -> Hit | None:
    text = ctx.draft.flowed  # as the backend read it (same offsets as ctx.text)
    word = text[issue.start : issue.end]
    bare = word.lower().strip(".,")
    if bare in words or re.sub(r"['\u2019]s$", "", bare) in words:
        return None  # a known term, whatever the backend calls it (spelling, typo, boundary)
    kind = issue.kind
    if facts is not None:
        if facts.in_marker(issue.start, issue.end) or facts.in_term(issue.start, issue.end) or facts.in_name(issue.start, issue.end, word):
            return None  # "a." "b)" are list markers; "Ms Zhou Min", "latex gloves"
        if kind == "repetition" and "\n" in word:
            return None  # "Sam Whitfield" above "Whitfield Trading Ltd"
    if kind == "capitalization" and word[:1].islower() and after_abbreviation(text, issue.start):
        return None  # "Haiyue Trading Co., Ltd. dated 2 May": not a new sentence
    if kind == "spelling":
        if _is_name_like(text, issue.start, issue.end, word, names) or _other_dialect(word, issue.suggestions):
            return None
        if facts is not None and not any(typo_shaped(word, s) for s in issue.suggestions[:2]):
            kind = "unknown_word"  # a term the dictionary lacks, more likely than a typo
    if kind in drop:
        return None
    if word.lower() in ("a", "an") and re.match(r"\s+[A-Z0-9]{2,}\b", text[issue.end : issue.end + 12]):
        return None  # "a SKU" or "an SKU": it depends on how the acronym is said
    if word.lower() in ("a", "an") and not_an_article(text, issue.start, issue.end):
        return None
    if issue.source_rule == "QuantifierNeedsOf" and production_lot(text, issue.end):
        return None  # "a unit from a lot we had bought": a production lot, not "a lot of"
    for m in MASK.finditer(text, max(0, issue.start - 40), min(len(text), issue.end + 40)):
        if m.start() < issue.end and issue.start < m.end():
            return None
    spec = kinds.get(kind, {})
    message = issue.message
    if kind == "unknown_word":
        message = f"`{word}` is not in the dictionary; if it is a product or trade term, add it to `words:` in your config."
    hit = Hit(issue.start, issue.end, {"text": word, "kind": kind.replace("_", " "), "kind_zh": kind_zh(kind), "backend_message": message, "backend_rule": issue.source_rule})
    hit.suggestions = [s for s in issue.suggestions if s != word]
    hit.rule_id = f"grammar.{backend}.{kind}"
    hit.code = spec.get("code", rule.code)
    hit.severity = spec.get("severity")
    hit.message = message
    return hit


class GrammarRunner:
    def __init__(self, rule, kinds, options, drop: frozenset[str] = frozenset()):
        self.rule = rule
        self.kinds = kinds
        self.drop = drop  # kinds not reported
        self.options = options
        self.pending: dict[str, object] = {}  # draft text -> Future of its issues
        self.provided: dict[str, list] = {}  # draft text -> issues checked elsewhere (--jobs)
        self.backend = None

    def warm_up(self, settings) -> None:
        from ..grammar import get_backend

        if settings.grammar and self.backend is None:
            self.backend = get_backend(settings, self.options)

    def start(self, drafts: list[tuple[str, str]], settings) -> None:
        """Queue every draft on the backend's thread before spaCy starts parsing (drafts
        whose issues were provided are not checked again)."""
        self.pending = {}
        if not settings.grammar:
            return
        self.warm_up(settings)
        for path, text in drafts:
            if text not in self.pending and text not in self.provided:
                # overlong words are not sent (limits.py): same length, so offsets hold
                self.pending[text] = self.backend.submit(grammar_view(text), path.lower().endswith((".md", ".markdown")))

    def issues(self, text: str) -> list:
        """The backend's issues for a draft queued by :meth:`start` (waits for them)."""
        return self.pending[text].result()

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        text = ctx.draft.flowed  # what the backend was given: wrapped lines flowed (draft.checker_text)
        if text in self.provided:
            issues = self.provided[text]
        else:
            future = self.pending.get(text)
            if future is None:
                if not ctx.settings.grammar:
                    return []
                self.start([(ctx.path, text)], ctx.settings)
                future = self.pending[text]
            issues = future.result()
        if not issues:
            return []
        words = vocabulary() | frozenset(w.lower() for w in ctx.settings.words)
        if not issues:
            return []
        names = names_in(text)
        masked = long_words(ctx.text)
        if masked:  # nothing is said about words the backend did not see
            issues = [i for i in issues if not any(a < i.end and i.start < b for a, b in masked)]
        facts = DraftFacts.of(ctx.text, vocabulary_phrases(ctx.settings.words))
        foreign = foreign_lines(ctx.text, [(i.start, i.end) for i in issues if i.kind == "spelling"])
        if foreign:
            issues = [i for i in issues if not (i.kind == "spelling" and any(s <= i.start < e for s, e in foreign))]
        hits = (hit_for_issue(ctx, issue, self.backend.name, self.kinds, self.rule, words, names, facts, self.drop) for issue in issues)
        return [h for h in hits if h is not None]


def compile(rule, bank, nlp):
    kinds = {}
    for kind, spec in (rule.options.get("kinds") or {}).items():
        spec = {"code": spec} if isinstance(spec, str) else dict(spec)
        if spec.get("severity") not in (None, *SEVERITIES):
            raise rule.error(f"kind {kind}: severity must be one of {', '.join(SEVERITIES)}", "kinds")
        kinds[kind] = spec
    drop = rule.options.get("drop") or []
    if not isinstance(drop, list) or not all(isinstance(k, str) for k in drop):
        raise rule.error("drop must be a list of kinds", "drop")
    return GrammarRunner(rule, kinds, {k: v for k, v in rule.options.items() if k not in ("kinds", "drop", "__raw__")}, frozenset(drop))
