"""Shared fixtures: one Engine (and so one spaCy pipeline) for the whole session."""

from __future__ import annotations

from pathlib import Path

import pytest

from appeal_lint.engine import Engine
from appeal_lint.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def engine() -> Engine:
    eng = Engine(Settings())
    eng.compile()
    return eng


@pytest.fixture
def lint(engine):
    """Lint a text with the shared engine; ``reason=`` sets the suspension reason,
    ``notice=`` gives the text of Amazon's notice the letter answers."""
    from appeal_lint.source import Source

    def run(text: str, reason: str | None = None, path: str = "draft.txt", notice: str | None = None):
        old = engine.settings.reason
        engine.settings.reason = reason
        try:
            return engine.lint_sources([Source(path, text, notice=notice)]).files[0]
        finally:
            engine.settings.reason = old

    return run


def assert_offsets(report_file) -> None:
    """Every finding's offsets, line and column agree with the text."""
    import re

    text = report_file.text
    # lines end at \n, \r\n or \r only (as in LSP), not at U+2028 or form feeds
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    for f in report_file.findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert text[f.start : f.end] == f.text, f
        assert starts[f.line - 1] + f.column - 1 == f.start, f
        assert starts[f.end_line - 1] + f.end_column - 1 == f.end, f
