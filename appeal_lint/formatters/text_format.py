"""``--format text``: ``path:line:col: CODE severity message``, the line with a caret,
the better wording, then each letter's grade. Colour only on a terminal (rich decides,
and honours NO_COLOR / FORCE_COLOR)."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..draft import LineIndex
from ..notice import checklist_lines
from ..model import CATEGORIES

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
GRADE_STYLE = {"A": "bold green", "B": "green", "C": "yellow", "D": "red", "F": "bold red"}
MAX_SNIPPET = 160

# The text output's own words, by --lang. The first line of each finding keeps English
# severities (path:line:col: CODE severity message) so that editors and grep read it
# the same way in every language; JSON, SARIF and GitHub output are never translated.
LABELS = {
    "en": {
        "better": "better: ",
        "gloss": "",
        "grade": "grade {letter} ({score}/100)",
        "ready to send": "ready to send",
        "revise before sending": "revise before sending",
        "reason": "; reason: {reason} ({source})",  # {name}: the reason's name
        "capped": "grade capped by: ",
        "categories": {c: c for c in CATEGORIES},
        "summary": "{n} finding{s} ({errors} error{es}, {warnings} warning{ws}, {info} info) in {drafts} draft{ds}",
        "unreadable": "; {n} could not be read",
        "grades": "grades: {dist}; {revise} of {n} letters to revise",
        "lowest": "lowest scores:",
        "sources": {},
        "sep": ", ",
        "end": ".",
    },
    "zh": {
        "better": "建议：",
        "gloss": "释义：",
        "grade": "评级 {letter}（{score}/100）",
        "ready to send": "可以提交",
        "revise before sending": "提交前请修改",
        "reason": "；申诉原因：{name}（{reason}，{source}）",
        "capped": "评级上限受限于：",
        "categories": {
            "structure": "结构", "ownership": "承担责任", "tone": "语气", "specificity": "具体程度",
            "focus": "离题内容", "language": "语言", "hygiene": "格式规范", "reason": "申诉原因",
        },
        "summary": "共 {n} 个问题（{errors} 个错误，{warnings} 个警告，{info} 条提示），{drafts} 封草稿",
        "unreadable": "；{n} 个文件无法读取",
        "grades": "评级分布：{dist}；{n} 封中有 {revise} 封需要修改",
        "lowest": "得分最低：",
        "sources": {"detected": "自动识别", "option": "命令行指定", "config": "配置文件指定", "notice": "通知"},
        "sep": "，",
        "end": "。",
    },
}


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
    words = LABELS.get(options.get("lang") or "en", LABELS["en"])
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
                    console.print(Text("      = ", style="dim") + Text(words["better"], style="green") + Text(s))
                    if f.glosses.get(s):
                        console.print(Text("        " + words["gloss"] + f.glosses[s], style="dim"))
            elif show_source:
                line, start, end = _snippet(lines, f)
                # Word drafts: the gutter names the Word paragraph (the quoted line is that paragraph)
                gutter = f"{f.line:>5} | " if f.paragraph is None else f"{'¶' + str(f.paragraph[0]):>5} | "
                console.print(Text(gutter, style="dim") + Text(line))
                console.print(Text(" " * (len(gutter) - 2) + "| ", style="dim") + Text(" " * start + "^" * max(1, end - start), style=STYLE[f.severity]))
                for s in f.suggestions[:3]:
                    console.print(Text(" " * (len(gutter) - 2) + "= ", style="dim") + Text(words["better"], style="green") + Text(s))
                    if f.glosses.get(s):
                        console.print(Text(" " * len(gutter) + words["gloss"] + f.glosses[s], style="dim"))
            console.print()
    for file in report.files:
        if file.error:
            continue  # the CLI reports unreadable files on stderr
        g = file.grade
        line = Text(f"{file.path}: ", style="bold")
        line.append(words["grade"].format(letter=g.letter, score=g.score), style=GRADE_STYLE[g.letter])
        line.append(words["sep"] + words.get(g.verdict, g.verdict))
        if file.reason:
            source = words["sources"].get(file.reason_source, file.reason_source)
            from ..reasons import display_name

            name = display_name(file.reason, options.get("lang") or "en")
            line.append(words["reason"].format(reason=file.reason, source=source, name=name), style="dim")
        console.print(line)
        parts = [f"{words['categories'][c]} -{v['penalty']}" for c in CATEGORIES if (v := g.categories[c])["findings"]]
        if parts:
            console.print(Text("    " + words["sep"].join(parts), style="dim"))
        if g.capped_by:
            console.print(Text("    " + words["capped"] + ", ".join(g.capped_by), style="dim"))
        for covered, item in checklist_lines(file.notice, options.get("lang") or "en"):
            if covered is None:
                console.print(Text("    " + item, style="dim"))
            else:
                console.print(Text("      " + ("[x] " if covered else "[ ] "), style="green" if covered else "bold red") + Text(item))
    _batch_summary(report, console, words)
    s = report.summary()
    sev = s["by_severity"]
    tail = words["summary"].format(
        n=s["findings"], s="s" if s["findings"] != 1 else "", errors=sev["error"], warnings=sev["warning"],
        info=sev["info"], drafts=s["linted"], ds="s" if s["linted"] != 1 else "",
        es="s" if sev["error"] != 1 else "", ws="s" if sev["warning"] != 1 else "",
    )
    if s["errors"]:
        tail += words["unreadable"].format(n=s["errors"])
    console.print(Text(tail + words["end"]))


def _batch_summary(report, console, words) -> None:
    """For two or more letters: the grade distribution and the lowest-scoring letters."""
    from ..batch import summary

    linted = [f for f in report.files if f.ok]
    if len(linted) < 2:
        return
    b = summary(report)
    dist = " · ".join(f"{g} {n}" for g, n in b["grades"].items())
    console.print()
    console.print(Text(words["grades"].format(dist=dist, revise=b["to_revise"], n=len(linted))))
    console.print(Text(words["lowest"]))
    for item in b["lowest"]:
        line = Text("    ")
        line.append(f"{item['grade']} {item['score']:>3}", style=GRADE_STYLE[item["grade"]])
        line.append(f"  {item['path']}")
        console.print(line)
