"""appeal-lint: a linter for Amazon seller appeal letters.

The public API is imported lazily so that ``appeal-lint --help`` and ``--version``
never pay for spaCy::

    from appeal_lint import lint_text, lint_paths, Finding, Report
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "lint_text", "lint_paths", "Finding", "Report", "FileReport", "Linter"]


def __getattr__(name: str):
    if name in ("lint_text", "lint_paths", "Linter"):
        from . import api

        return getattr(api, name)
    if name in ("Finding", "Report", "FileReport"):
        from . import model

        return getattr(model, name)
    raise AttributeError(f"module 'appeal_lint' has no attribute {name!r}")
