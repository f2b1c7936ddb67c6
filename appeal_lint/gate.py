"""The gate: which letters make ``appeal-lint`` exit 1.

Two checks, either of which fails a letter:

* findings: any finding at or above ``--fail-on`` (default ``error``);
* the grade: by default a letter whose verdict is "revise before sending" fails, so an
  F letter with only warnings does not slip through. ``--fail-under`` replaces that
  with a score (``75``) or a grade (``C``: fail below C), or ``never``.

``--fail-on never`` without ``--fail-under`` turns both off (a report-only run).
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import SEVERITY_RANK, FileReport

GRADE_ORDER = "ABCDF"
REVISE = "revise before sending"


def parse_fail_under(value: str | int | None) -> str | None:
    """Normalise a ``--fail-under`` value: ``None``, ``"never"``, a grade letter or a
    score "0".."100"; raise ValueError with a one-line reason otherwise."""
    if value is None:
        return None
    text = str(value).strip()
    if text.lower() in ("never", "none", "off"):
        return "never"
    if text.upper() in GRADE_ORDER and len(text) == 1:
        return text.upper()
    if text.isdigit() and 0 <= int(text) <= 100:
        return str(int(text))
    raise ValueError(f"{value!r} is not a score from 0 to 100, a grade (A, B, C, D, F) or 'never'")


@dataclass(frozen=True)
class Gate:
    fail_on: str = "error"  # a severity or "never"
    fail_under: str | None = None  # None: the verdict; "never"; a grade letter; a score

    def grade_failure(self, file: FileReport) -> str | None:
        """Why the letter's grade fails the gate, or None."""
        g = file.grade
        if g is None:
            return None
        rule = self.fail_under
        if rule is None:
            if self.fail_on == "never" or g.verdict != REVISE:
                return None
            return f"grade {g.letter} ({g.score}/100), {g.verdict}"
        if rule == "never":
            return None
        if rule.isdigit():
            return f"score {g.score} is under {rule}" if g.score < int(rule) else None
        if GRADE_ORDER.index(g.letter) > GRADE_ORDER.index(rule):
            return f"grade {g.letter} is under {rule}"
        return None

    def finding_failure(self, file: FileReport) -> str | None:
        if self.fail_on == "never":
            return None
        level = SEVERITY_RANK[self.fail_on]
        worst = [f for f in file.findings if SEVERITY_RANK[f.severity] >= level]
        if not worst:
            return None
        n = len(worst)
        return f"{n} finding{'s' if n != 1 else ''} at or above {self.fail_on}"

    def failures(self, report) -> list[tuple[str, str]]:
        """``(path, why)`` for every linted letter the gate stops."""
        out = []
        for file in report.files:
            if file.error:
                continue
            reasons = [r for r in (self.finding_failure(file), self.grade_failure(file)) if r]
            if reasons:
                out.append((file.path, "; ".join(reasons)))
        return out
