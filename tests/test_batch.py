"""Batches: a progress bar only on a terminal, the closing summary, --statistics formats."""

from __future__ import annotations

import io
import json

from appeal_lint.api import lint_paths
from appeal_lint.batch import ProgressBar
from appeal_lint.cli import main
from conftest import EXAMPLES


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(capsys, *args):
    code = main(["--no-grammar", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_progress_bar_draws_on_a_terminal(engine):
    stream = Terminal()
    with ProgressBar(stream) as bar:
        report = lint_paths([str(EXAMPLES)], engine=engine, progress=bar)
    n = len(report.files)
    assert n >= 2
    assert "linting" in stream.getvalue() and f"{n}/{n}" in stream.getvalue()


def test_no_progress_bar_when_not_a_terminal(engine):
    stream = io.StringIO()
    with ProgressBar(stream) as bar:
        lint_paths([str(EXAMPLES)], engine=engine, progress=bar)
    assert stream.getvalue() == ""


def test_progress_counts_every_draft_with_jobs(engine):
    seen = []

    class Count:
        def total(self, n):
            seen.append(("total", n))

        def __call__(self, k=1):
            seen.append(("done", k))

    report = lint_paths([str(EXAMPLES), "no-such-file.txt"], engine=engine, progress=Count())
    assert seen[0] == ("total", len(report.files))
    assert sum(k for what, k in seen[1:]) == len(report.files)


def test_cli_stderr_has_no_bar_in_a_pipe(capsys):
    _, _, err = run(capsys, str(EXAMPLES))
    assert "linting" not in err and "\x1b[" not in err


def test_text_output_closes_with_the_batch_summary(capsys):
    _, out, _ = run(capsys, "--no-source", str(EXAMPLES))
    data = json.loads(run(capsys, "--format", "json", str(EXAMPLES))[1])
    grades = [f["grade"] for f in data["files"]]
    dist = " · ".join(f"{g} {grades.count(g)}" for g in "ABCDF")
    revise = sum(f["verdict"] == "revise before sending" for f in data["files"])
    assert f"grades: {dist}; {revise} of {len(grades)} letters to revise" in out
    lowest = sorted(data["files"], key=lambda f: (f["score"], f["path"]))[:5]
    block = out.split("lowest scores:\n", 1)[1].splitlines()[:5]
    assert [line.split()[-1] for line in block] == [f["path"] for f in lowest]


def test_one_letter_has_no_batch_summary(capsys):
    _, out, _ = run(capsys, str(EXAMPLES / "weak-ip.txt"))
    assert "lowest scores" not in out


def test_statistics_json(capsys):
    code, out, _ = run(capsys, "--statistics", "--format", "json", str(EXAMPLES))
    data = json.loads(out)
    full = json.loads(run(capsys, "--format", "json", str(EXAMPLES))[1])
    assert data["schema"] == "appeal-lint/1"
    assert sum(r["count"] for r in data["statistics"]) == full["summary"]["findings"]
    top = data["statistics"][0]
    assert top["count"] == sum(1 for f in full["files"] for x in f["findings"] if x["rule"] == top["rule"])
    assert top["letters"] == sum(1 for f in full["files"] if any(x["rule"] == top["rule"] for x in f["findings"]))
    assert sum(data["grades"]["grades"].values()) == len(full["files"])


def test_statistics_text_and_refused_formats(capsys):
    code, out, _ = run(capsys, "--statistics", str(EXAMPLES))
    assert out.splitlines()[-1].endswith("drafts") or "findings in" in out.splitlines()[-1]
    code, _, err = run(capsys, "--statistics", "--format", "sarif", str(EXAMPLES))
    assert code == 2 and "--statistics prints text or json" in err
