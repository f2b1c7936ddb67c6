"""``--format github``: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(report, out, options=None) -> None:
    for file in report.files:
        if file.error:
            out.write(f"::error file={_prop(file.path)},title={_prop('appeal-lint ' + file.error['code'])}::{_data(file.error['message'])}\n")
            continue
        for f in file.findings:
            props = f"file={_prop(file.path)},line={f.line},col={f.column},endLine={f.end_line},endColumn={f.end_column},title={_prop(f.code + ' ' + f.rule)}"
            message = f.message + (f"\nBetter: {f.suggestions[0]}" if f.suggestions else "")
            out.write(f"::{LEVEL[f.severity]} {props}::{_data(message)}\n")
        g = file.grade
        out.write(f"::notice file={_prop(file.path)},title={_prop('appeal-lint grade')}::{_data(f'grade {g.letter} ({g.score}/100), {g.verdict}')}\n")
