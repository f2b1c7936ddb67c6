"""Grammar backends: Harper (offline, in-process, the default) and LanguageTool (a server
the user runs or names). Both return :class:`Issue` objects with code-point offsets.

Nothing here sends a draft anywhere unless the user configured a LanguageTool URL or
asked for language-tool-python's local mode.
"""

from __future__ import annotations

import re
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from ..errors import AppealLintError


@dataclass
class Issue:
    start: int
    end: int
    kind: str  # spelling, agreement, grammar, punctuation, ... (snake case)
    message: str
    suggestions: list[str] = field(default_factory=list)
    source_rule: str = ""  # the backend's own rule name


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace(" ", "_").replace("-", "_").lower()


class ThreadedBackend:
    """A backend whose client is built, and used, on one thread of its own: a Harper
    linter must not be used from two threads, and building it (or connecting to a
    server) overlaps spaCy's start-up. Subclasses define ``_build`` and ``_check``."""

    name = ""

    def _start(self, *args) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"appeal-lint-{self.name}")
        self._client: Future = self._executor.submit(self._build, *args)

    def submit(self, text: str, markdown: bool) -> Future:
        return self._executor.submit(self._check, text, markdown)

    def wait(self) -> None:
        """Block until the client is built. Called before a fork, so that no thread is
        copied in the middle of building it."""
        self._client.result()

    def after_fork(self) -> None:
        """In a forked worker: the built client was copied with the process, its thread
        was not. A new thread uses the copy, so workers neither rebuild nor reconnect."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"appeal-lint-{self.name}")


_BACKENDS: dict[tuple, ThreadedBackend] = {}


def get_backend(settings, options: dict):
    """One backend per configuration and process (Harper's dictionary takes a second to build)."""
    name = "languagetool" if (settings.languagetool_url or settings.languagetool_local or settings.grammar_backend == "languagetool") else "harper"
    key = (name, settings.languagetool_url, settings.languagetool_local, settings.dialect, tuple(settings.words), tuple(options.get("disable", ())))
    if key not in _BACKENDS:
        if name == "harper":
            from .harper_backend import HarperBackend

            _BACKENDS[key] = HarperBackend(settings.dialect, settings.words, options)
        else:
            from .languagetool_backend import LanguageToolBackend

            if not (settings.languagetool_url or settings.languagetool_local):
                raise AppealLintError("usage", "the LanguageTool backend needs --languagetool-url URL (or languagetool_local: true in config)")
            _BACKENDS[key] = LanguageToolBackend(settings.languagetool_url, settings.languagetool_local, settings.words, options)
    return _BACKENDS[key]
