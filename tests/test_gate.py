"""The gate: a letter to revise fails by default, even with warnings only; --fail-on and
--fail-under make it stricter or looser; the config file says the same."""

from __future__ import annotations

import pytest

from appeal_lint.cli import main
from appeal_lint.gate import parse_fail_under
from conftest import EXAMPLES

POOR = str(EXAMPLES / "poor-warnings-only.txt")  # an F letter whose findings are all warnings or info
STRONG = str(EXAMPLES / "strong-odr.txt")


def run(capsys, *args):
    code = main(["--no-grammar", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_poor_letter_has_no_errors_yet_fails_by_default(capsys):
    code, out, err = run(capsys, "--format", "json", POOR)
    import json

    data = json.loads(out)["files"][0]
    assert {f["severity"] for f in data["findings"]} <= {"warning", "info"}
    assert data["verdict"] == "revise before sending" and data["grade"] in ("D", "F")
    assert code == 1
    assert "poor-warnings-only.txt fails the gate: grade" in err


def test_strong_letter_passes_by_default(capsys):
    code, _, err = run(capsys, STRONG)
    assert code == 0 and "fails the gate" not in err


@pytest.mark.parametrize(
    "args,expected",
    [
        (["--fail-under", "never"], 0),  # looser: only error findings fail, and this letter has none
        (["--fail-under", "F"], 0),
        (["--fail-under", "0"], 0),
        (["--fail-under", "D"], None),  # depends on the letter's grade: checked below
        (["--fail-under", "100"], 1),
        (["--fail-on", "never"], 0),  # report only: neither findings nor the verdict fail
        (["--fail-on", "never", "--fail-under", "C"], 1),  # an explicit grade gate still applies
        (["--fail-on", "warning", "--fail-under", "never"], 1),
    ],
)
def test_fail_under_and_fail_on(capsys, args, expected):
    import json

    code, out, _ = run(capsys, "--format", "json", *args, POOR)
    grade = json.loads(out)["files"][0]["grade"]
    if expected is None:
        expected = 1 if grade == "F" else 0
    assert code == expected, (args, grade)


def test_fail_under_at_the_letter_score(capsys):
    import json

    code, out, _ = run(capsys, "--format", "json", POOR)
    score = json.loads(out)["files"][0]["score"]
    assert 0 < score < 100
    assert run(capsys, "--fail-under", str(score), POOR)[0] == 0  # "under": the score itself passes
    assert run(capsys, "--fail-under", str(score + 1), POOR)[0] == 1
    assert run(capsys, "--fail-under", "A", STRONG)[0] == 0
    assert run(capsys, "--fail-under", "101", STRONG)[0] == 2


def test_error_finding_fails_even_when_the_grade_gate_is_off(capsys, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("Root cause: the buyer lied about the damage.\n", encoding="utf-8")
    assert run(capsys, "--fail-under", "never", str(path))[0] == 1


@pytest.mark.parametrize("value", ["A", "b", "75", "0", "100", "never"])
def test_parse_fail_under_accepts(value):
    assert parse_fail_under(value) is not None


@pytest.mark.parametrize("value", ["E", "101", "-1", "ninety", "AB", ""])
def test_parse_fail_under_rejects(value):
    with pytest.raises(ValueError):
        parse_fail_under(value)


def test_bad_fail_under_is_a_usage_error(capsys):
    code, _, err = run(capsys, "--fail-under", "E", STRONG)
    assert code == 2 and "--fail-under" in err and "Traceback" not in err


def test_config_fail_under(tmp_path, capsys):
    (tmp_path / ".appeal-lint.yaml").write_text("fail-under: never\n", encoding="utf-8")
    draft = tmp_path / "poa.txt"
    draft.write_text(open(POOR, encoding="utf-8").read(), encoding="utf-8")
    assert run(capsys, str(draft))[0] == 0
    assert run(capsys, "--fail-under", "C", str(draft))[0] == 1  # the flag overrides the file
    (tmp_path / ".appeal-lint.yaml").write_text("fail-under: Z\n", encoding="utf-8")
    code, _, err = run(capsys, str(draft))
    assert code == 2 and ".appeal-lint.yaml:1:" in err and "fail-under" in err
