"""The public library API used by the CLI, the language server and the tests."""

from __future__ import annotations

from .engine import Engine
from .errors import InputError
from .model import FileReport, Report
from .settings import Settings
from .source import Source, expand_paths, read_path

Linter = Engine


def lint_text(text: str, path: str = "<text>", settings: Settings | None = None, engine: Engine | None = None,
              notice: str | None = None) -> FileReport:
    """Lint one draft given as a string; ``notice`` is the text of Amazon's notice it answers."""
    engine = engine or Engine(settings)
    return engine.lint_sources([Source(path, text, notice=notice)]).files[0]


def read_sources(paths: list[str], max_bytes: int) -> list[Source | InputError]:
    from .notice import draft_paths

    out: list[Source | InputError] = []
    for path in draft_paths(expand_paths(paths))[0]:
        try:
            out.append(read_path(path, max_bytes))
        except InputError as exc:
            exc.path = path
            out.append(exc)
    return out


def lint_paths(paths: list[str], settings: Settings | None = None, engine: Engine | None = None, jobs: int = 1, progress=None) -> Report:
    """Lint files and directories (recursive .txt/.md); ``-`` is standard input.

    A file that cannot be read becomes a report entry with an ``error``; the others
    are still linted. ``jobs`` > 1 spreads the drafts over worker processes (0: one
    per CPU). ``progress``, if given, gets ``progress.total(n)`` once with the number of
    drafts, then ``progress(k)`` as each k drafts finish (see batch.ProgressBar).
    """
    engine = engine or Engine(settings)
    items = read_sources(paths, engine.settings.max_bytes)
    if progress:
        progress.total(len(items))
    if jobs != 1 and len(items) > 1:
        from .parallel import lint_parallel

        return lint_parallel(engine, items, jobs, progress)
    return engine.lint_sources(items, progress)
