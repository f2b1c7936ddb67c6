"""The data appeal-lint produces: findings, per-file reports and the run's report.

These types are the library's public contract; the JSON output is their ``to_dict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
CATEGORIES = ("structure", "ownership", "tone", "specificity", "focus", "language", "hygiene", "reason")
ROLES = (
    "greeting",
    "acknowledgement",
    "root_cause",
    "actions_taken",
    "preventive_measures",
    "closing",
    "signature",
    "off_topic",
    "other",
)
JSON_SCHEMA = "appeal-lint/1"


@dataclass
class Fix:
    """Replace ``text[start:end]`` with ``replacement``; ``safe`` fixes are applied by --fix."""

    start: int
    end: int
    replacement: str
    safe: bool = False


@dataclass
class Finding:
    code: str
    rule: str
    category: str
    severity: str
    message: str
    why: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    text: str
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    role: str | None = None
    replacements: list[str] = field(default_factory=list)  # drop-in replacements for text (quick fixes)
    scope: str = "text"  # "letter": about the whole letter, anchored at its first line
    origin: str = ""  # the YAML rule that produced it (grammar findings carry their own ids)
    glosses: dict[str, str] = field(default_factory=dict)  # suggestion -> its Chinese gloss (--lang zh)
    paragraph: tuple[int, int] | None = None  # Word drafts: (paragraph number, offset within it)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "why": self.why,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "replacements": list(self.replacements),
            "scope": self.scope,
            "paragraph": None if self.paragraph is None else {"number": self.paragraph[0], "offset": self.paragraph[1]},
            "fix": None
            if self.fix is None
            else {"start": self.fix.start, "end": self.fix.end, "replacement": self.fix.replacement, "safe": self.fix.safe},
        }


@dataclass
class RoleSpan:
    role: str
    start: int
    end: int
    line: int
    end_line: int
    kind: str = "paragraph"

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "start": self.start, "end": self.end, "line": self.line, "end_line": self.end_line}


@dataclass
class Grade:
    score: int
    letter: str
    verdict: str
    categories: dict[str, dict[str, int]]
    capped_by: list[str] = field(default_factory=list)


@dataclass
class FileReport:
    path: str
    text: str = ""
    encoding: str | None = None
    error: dict[str, str] | None = None
    reason: str | None = None
    reason_source: str | None = None  # "option" | "config" | "detected"
    findings: list[Finding] = field(default_factory=list)
    roles: list[RoleSpan] = field(default_factory=list)  # one per block
    sentences: list[RoleSpan] = field(default_factory=list)  # one per sentence (a heading is one)
    grade: Grade | None = None
    words: int = 0
    notice: dict[str, Any] | None = None  # what was read from Amazon's notice, and the checklist
    paragraphs: Any = None  # word.ParagraphMap for a Word draft

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        g = self.grade
        return {
            "path": self.path,
            "error": self.error,
            "encoding": self.encoding,
            "reason": self.reason,
            "reason_source": self.reason_source,
            "words": self.words,
            "score": g.score if g else 0,
            "grade": g.letter if g else "F",
            "verdict": g.verdict if g else "not linted",
            "categories": g.categories if g else {},
            "capped_by": g.capped_by if g else [],
            "roles": [r.to_dict() for r in self.roles],
            "sentences": [r.to_dict() for r in self.sentences],
            "findings": [f.to_dict() for f in self.findings],
            "notice": self.notice,
        }


@dataclass
class Report:
    files: list[FileReport] = field(default_factory=list)

    def findings(self):
        for f in self.files:
            yield from f.findings

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]

    def worst_severity(self) -> str | None:
        ranks = [SEVERITY_RANK[f.severity] for f in self.findings()]
        if not ranks:
            return None
        best = max(ranks)
        return next(k for k, v in SEVERITY_RANK.items() if v == best)

    def summary(self) -> dict[str, Any]:
        counts = {s: 0 for s in SEVERITIES}
        for f in self.findings():
            counts[f.severity] += 1
        linted = [f for f in self.files if f.ok]
        return {
            "files": len(self.files),
            "linted": len(linted),
            "errors": len(self.errors),
            "findings": sum(counts.values()),
            "by_severity": counts,
            "average_score": round(sum(f.grade.score for f in linted) / len(linted), 1) if linted else None,
        }

    def to_dict(self) -> dict[str, Any]:
        return {"schema": JSON_SCHEMA, "files": [f.to_dict() for f in self.files], "summary": self.summary()}
