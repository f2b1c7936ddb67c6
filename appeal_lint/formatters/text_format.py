"""``--format text``: ``path:line:col: CODE severity message``, the line with a caret,
the better wording, then each letter's grade. Colour only on a terminal (rich decides,
and honours NO_COLOR / FORCE_COLOR)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..draft import LineIndex
from ..model import CATEGORIES

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "F": "bold red"}
MAX_SNIPPET = 160


def _snippet(lines: LineIndex, finding) -> tuple[str, int, int]:
    """The finding's first line, trimmed around the finding, and the caret columns."""
    line = lines.line_text(finding.line)
    col = finding.column - 1
    end = finding.end_column - 1 if finding.end_line == finding.line else len(line)
    end = max(end, col + 1)
    offset = 0
    if len(line) > MAX_SNIPPET:
        offset = max(0, min(col - 40, len(line) - MAX_SNIPPET))
        line = line[offset : offset + MAX_SNIPPET]
    return line.expandtabs(1), col - offset, min(end - offset, len(line))


def render(report, out, options=None) -> None:
    options = options or {}
    console = Console(file=out, highlight=False, soft_wrap=True, emoji=False, markup=False)
    show_source = options.get("show_source", True)
    for file in report.files:
        if file.error:
            continue
        lines = LineIndex(file.text)
        for f in file.findings:
            head = Text()
            head.append(f"{file.path}:{f.line}:{f.column}: ", style="bold")
            head.append(f"{f.code} ", style="bold")
            head.append(f"{f.severity}", style=STYLE[f.severity])
            head.append(f" {f.message}")
            head.append(f" [{f.rule}]", style="dim")
            console.print(head)
            if show_source and f.scope == "letter":
                for s in f.suggestions[:3]:
                    console.print(Text("      = ", style="dim") + Text("better: ", style="green") + Text(s))
            elif show_source:
                line, start, end = _snippet(lines, f)
                gutter = f"{f.line:>5} | "
                console.print(Text(gutter, style="dim") + Text(line))
                console.print(Text(" " * (len(gutter) - 2) + "| ", style="dim") + Text(" " * start + "^" * max(1, end - start), style=STYLE[f.severity]))
                for s in f.suggestions[:3]:
                    console.print(Text(" " * (len(gutter) - 2) + "= ", style="dim") + Text("better: ", style="green") + Text(s))
            console.print()
    for file in report.files:
        if file.error:
            continue  # the CLI reports unreadable files on stderr
        g = file.grade
        line = Text(f"{file.path}: ", style="bold")
        line.append(f"grade {g.letter} ({g.score}/100)", style=GRADE_STYLE[g.letter])
        line.append(f", {g.verdict}")
        if file.reason:
            line.append(f"; reason: {file.reason} ({file.reason_source})", style="dim")
        console.print(line)
        parts = [f"{c} -{v['penalty']}" for c in CATEGORIES if (v := g.categories[c])["findings"]]
        if parts:
            console.print(Text("    " + ", ".join(parts), style="dim"))
        if g.capped_by:
            console.print(Text("    grade capped by: " + ", ".join(g.capped_by), style="dim"))
    s = report.summary()
    sev = s["by_severity"]
    tail = f"{s['findings']} finding{'s' if s['findings'] != 1 else ''} ({sev['error']} errors, {sev['warning']} warnings, {sev['info']} info) in {s['linted']} draft{'s' if s['linted'] != 1 else ''}"
    if s["errors"]:
        tail += f"; {s['errors']} could not be read"
    console.print(Text(tail + "."))
