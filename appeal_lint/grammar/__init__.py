"""Grammar backends: Harper (offline, in-process, the default) and LanguageTool (a server
the user runs or names). Both return :class:`Issue` objects with code-point offsets.

Nothing here sends a draft anywhere unless the user configured a LanguageTool URL or
asked for language-tool-python's local mode.
"""

from __future__ import annotations

import re
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


_BACKENDS: dict[tuple, object] = {}


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
