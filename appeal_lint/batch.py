"""Batches of drafts: a progress bar on standard error, and the summary of a batch.

The bar (rich) is drawn only when standard error is a terminal, and disappears when the
batch is done, so logs, pipes and CI output never see it.
"""

from __future__ import annotations

import sys
from collections import Counter

GRADES = ("A", "B", "C", "D", "F")
LOWEST = 5


class ProgressBar:
    """``with ProgressBar() as bar: lint_paths(..., progress=bar)``."""

    def __init__(self, stream=None, label: str = "linting", min_total: int = 2):
        self.stream = stream if stream is not None else sys.stderr
        self.label = label
        self.min_total = min_total
        self._progress = None
        self._task = None

    @property
    def enabled(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError):
            return False

    def total(self, n: int) -> None:
        if n < self.min_total or not self.enabled:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        console = Console(file=self.stream)
        self._progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("left"), TimeRemainingColumn(), console=console, transient=True,
        )
        self._progress.start()
        self._task = self._progress.add_task(self.label, total=n)

    def __call__(self, done: int = 1) -> None:
        if self._progress is not None:
            self._progress.advance(self._task, done)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        return False


def summary(report) -> dict:
    """The batch at a glance: how many letters got each grade, the lowest ones."""
    linted = [f for f in report.files if f.ok and f.grade is not None]
    counts = Counter(f.grade.letter for f in linted)
    lowest = sorted(linted, key=lambda f: (f.grade.score, f.path))[:LOWEST]
    to_revise = sum(1 for f in linted if f.grade.verdict == "revise before sending")
    return {
        "grades": {g: counts.get(g, 0) for g in GRADES},
        "to_revise": to_revise,
        "lowest": [{"path": f.path, "grade": f.grade.letter, "score": f.grade.score} for f in lowest],
    }


def statistics(report) -> list[dict]:
    """Findings counted per rule, most frequent first."""
    counts = Counter((f.code, f.rule, f.severity) for f in report.findings())
    letters = Counter()
    for file in report.files:
        for key in {(f.code, f.rule, f.severity) for f in file.findings}:
            letters[key] += 1
    return [
        {"code": code, "rule": rule, "severity": severity, "count": n, "letters": letters[(code, rule, severity)]}
        for (code, rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    ]
