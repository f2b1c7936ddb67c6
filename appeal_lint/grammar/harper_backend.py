"""Harper through harper-py: offline, in-process, about 30 ms for a 200-word letter.

The Linter is built once (about a second) on a dedicated thread, because a harper
Linter must not be used from two threads at once; the engine starts that thread before
it loads spaCy, so the two load side by side, and lints while spaCy parses.
"""

from __future__ import annotations

from ..errors import AppealLintError
from . import Issue, ThreadedBackend, snake

DIALECTS = ("american", "british", "australian", "canadian", "indian")


# Harper keeps what it learns of every unknown word it meets (an ASIN, a name, a typo)
# for the life of its Linter: in a language server that runs all day this grows by
# about 100 MB over the first thousand edits of a draft full of new words. A fresh
# Linter, built on the same thread, starts empty and reuses the memory the old one
# freed; on a thread that has built one before this takes about 0.04 s.
RENEW_EVERY = 300


class HarperBackend(ThreadedBackend):
    name = "harper"

    def __init__(self, dialect: str, words: list[str], options: dict):
        if dialect not in DIALECTS:
            raise AppealLintError("usage", f"unknown dialect {dialect!r} (one of: {', '.join(DIALECTS)})")
        self._args = (dialect, list(words), list(options.get("disable", ())))
        self._checks = 0
        self._start(*self._args)

    def _renew(self) -> None:
        """A fresh Linter on the checking thread (see RENEW_EVERY)."""
        from concurrent.futures import Future

        fresh: Future = Future()
        fresh.set_result(self._build(*self._args))
        self._client = fresh
        self._checks = 0

    @staticmethod
    def _build(dialect: str, words: list[str], disable: list[str]):
        try:
            import harper
        except ImportError as exc:  # pragma: no cover - harper-py is a dependency
            raise AppealLintError("grammar", f"harper-py is not installed ({exc}); pip install harper-py or use --no-grammar") from None
        linter = harper.Linter(getattr(harper.Dialect, dialect.upper()))
        if words:
            linter.import_words(words)
        if disable:
            config = linter.get_lint_config()
            unknown = [d for d in disable if d not in config]
            if unknown:
                raise AppealLintError("rule", f"unknown Harper rule(s) to disable: {', '.join(unknown)}")
            config.update({d: False for d in disable})
            linter.set_lint_config(config)
        # Warm up here, on the thread that will do the checking, not on the first draft:
        # the first unknown word a thread meets costs Harper about two seconds of
        # set-up (measured; once per thread), so the warm-up sentence carries one.
        linter.lint("We has a error in the the title of Qzxvbnmwk.", language="plaintext")
        # The other dialects' dictionaries, to tell "fulfilment" or "mould" (right in
        # British, Australian or Canadian English) from a misspelling; they share
        # Harper's word list, so they cost about 5 ms to build, and are set up like the
        # main one. Indian English is left out: its words ("prepone") puzzle reviewers
        # elsewhere.
        others = [harper.Linter(getattr(harper.Dialect, d.upper())) for d in DIALECTS if d not in (dialect, "indian")]
        for other in others:
            if words:
                other.import_words(words)
            if disable:
                other.set_lint_config(linter.get_lint_config())
        return linter, others

    def _check(self, text: str, markdown: bool) -> list[Issue]:
        self._checks += 1
        if self._checks > RENEW_EVERY:
            self._renew()
        linter, others = self._client.result()
        # organized_lints gives the same lints as lint(), keyed by the Harper rule that
        # raised them: findings carry the rule's name, and precision is measured per rule.
        found = linter.organized_lints(text, language="markdown" if markdown else "plaintext")
        lints = sorted(((lint, name) for name, group in found.items() for lint in group), key=lambda p: (p[0].span.start, p[0].span.end))
        elsewhere = _other_dialects_spell(linter, others, {lint.problem_text for lint, rule_name in lints if rule_name == "SpellCheck"})
        out = []
        for lint, rule_name in lints:
            if rule_name == "SpellCheck" and lint.problem_text in elsewhere:
                continue
            suggestions = []
            for s in lint.suggestions:
                if int(s.kind) == 0:  # replace
                    suggestions.append(s.replacement_text)
                elif int(s.kind) == 1:  # remove
                    suggestions.append("")
                else:  # insert after
                    suggestions.append(lint.problem_text + s.replacement_text)
            out.append(Issue(lint.span.start, lint.span.end, snake(lint.lint_kind), lint.message, [s for s in suggestions if s][:5], rule_name))
        return out


def _flagged(linter, words: list[str]) -> set[str]:
    """The words Harper calls misspelt, each checked on its own (one call for all)."""
    text = "\n\n".join(words)
    starts = {}
    pos = 0
    for w in words:
        starts[pos] = w
        pos += len(w) + 2
    return {starts[x.span.start] for x in linter.lint(text, language="plaintext") if x.lint_kind == "Spelling" and x.span.start in starts}


def _other_dialects_spell(linter, others, words: set[str]) -> set[str]:
    """The words another English dialect spells this way ("fulfilment", "grey").

    ``is_likely_english`` answers in a microsecond whether a word is in any of Harper's
    dictionaries; only those words are linted again, in the other dialects, because
    linting an unknown word costs Harper about 0.1 s of suggestions. A word only the
    Indian dictionary knows ("prepone") is not accepted."""
    candidates = sorted(w for w in words if w and not any(c.isspace() for c in w) and linter.is_likely_english(w))
    if not candidates or not others:
        return set()
    rejected_everywhere = set(candidates)
    for other in others:
        rejected_everywhere &= _flagged(other, candidates)
        if not rejected_everywhere:
            break
    return set(candidates) - rejected_everywhere
