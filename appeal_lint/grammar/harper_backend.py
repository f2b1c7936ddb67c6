"""Harper through harper-py: offline, in-process, about 30 ms for a 200-word letter.

The Linter is built once (about a second) on a dedicated thread, because a harper
Linter must not be used from two threads at once; the engine starts that thread before
it loads spaCy, so the two load side by side, and lints while spaCy parses.
"""

from __future__ import annotations

from ..errors import AppealLintError
from . import Issue, ThreadedBackend, snake

DIALECTS = ("american", "british", "australian", "canadian", "indian")


class HarperBackend(ThreadedBackend):
    name = "harper"

    def __init__(self, dialect: str, words: list[str], options: dict):
        if dialect not in DIALECTS:
            raise AppealLintError("usage", f"unknown dialect {dialect!r} (one of: {', '.join(DIALECTS)})")
        self._start(dialect, list(words), list(options.get("disable", ())))

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
        return linter

    def _check(self, text: str, markdown: bool) -> list[Issue]:
        linter = self._client.result()
        lints = linter.lint(text, language="markdown" if markdown else "plaintext")
        out = []
        for lint in lints:
            suggestions = []
            for s in lint.suggestions:
                if int(s.kind) == 0:  # replace
                    suggestions.append(s.replacement_text)
                elif int(s.kind) == 1:  # remove
                    suggestions.append("")
                else:  # insert after
                    suggestions.append(lint.problem_text + s.replacement_text)
            out.append(Issue(lint.span.start, lint.span.end, snake(lint.lint_kind), lint.message, [s for s in suggestions if s][:5], lint.lint_kind))
        return out
