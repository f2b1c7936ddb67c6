"""Every kind of bad input: a clear one-line error, exit 2, valid JSON, never a traceback."""

from __future__ import annotations

import io
import json
import sys

import pytest

from appeal_lint.cli import main
from conftest import assert_offsets

GOOD = "Root cause: we did not check stock before listing 3 items.\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def one_error_line(err):
    lines = [l for l in err.splitlines() if l.startswith("appeal-lint: error:")]
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(
    "name,content,code_name",
    [
        ("binary.txt", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary"),
        ("empty.txt", b"", "empty"),
        ("blank.md", b"\n \n\t\n", "empty"),
        ("latin1.txt", "caf\xe9 \xff\xfe\xfd\x80".encode("latin-1") + b"\x81\x20", "decode"),
    ],
)
def test_unusable_files_are_errors_in_valid_json(tmp_path, capsys, name, content, code_name):
    bad = tmp_path / name
    bad.write_bytes(content)
    ok = tmp_path / "ok.txt"
    ok.write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, "--format", "json", str(bad), str(ok))
    assert code == 2
    data = json.loads(out)
    assert data["files"][0]["error"]["code"] == code_name
    assert data["files"][1]["error"] is None and data["files"][1]["findings"]
    assert str(bad) in one_error_line(err)


def test_unreadable_file(tmp_path, capsys, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(GOOD)
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    code, out, err = run(capsys, str(path))
    assert code == 2 and "Permission denied" in one_error_line(err)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "gb18030", "gbk"])
def test_encodings_are_decoded_and_offsets_hold(tmp_path, capsys, encoding):
    text = "Root cause: the buyer lied，and we did nothing wrong!\r\nWe will try our best.\n"
    path = tmp_path / "draft.txt"
    path.write_bytes(text.encode(encoding))
    code, out, err = run(capsys, "--format", "json", str(path))
    data = json.loads(out)["files"][0]
    assert data["error"] is None
    rules = {f["rule"] for f in data["findings"]}
    assert {"ownership.blames-buyer", "ownership.denial", "hygiene.fullwidth-punctuation"} <= rules
    for f in data["findings"]:
        assert text[f["start"] : f["end"]] == f["text"]


def test_mixed_line_endings_keep_offsets_exact(lint):
    text = "Dear team,\r\n\r\nThe buyer lied.\rWe did nothing wrong.\n\nOur staffs checked，it.\r\n"
    report = lint(text)
    assert {"ownership.blames-buyer", "ownership.denial", "language.uncountable-plural"} <= {f.rule for f in report.findings}
    assert_offsets(report)
    blame = next(f for f in report.findings if f.rule == "ownership.blames-buyer")
    assert (blame.line, blame.column) == (3, 5)
    denial = next(f for f in report.findings if f.rule == "ownership.denial")
    assert denial.line == 4


def test_very_long_line(lint, monkeypatch):
    monkeypatch.setenv("APPEAL_LINT_TIME_LIMIT", "0")  # what this is about is the length, not the time limit
    # 45,000 characters on one line; a paragraph over 50,000 is refused (test_hostile.py)
    text = ("We refunded the buyer on May 4 and the buyer lied about it. " * 750).strip()
    report = lint(text)
    assert len(text) > 40_000
    assert any(f.rule == "ownership.blames-buyer" for f in report.findings)
    assert_offsets(report)


def test_ten_megabyte_file_is_refused_with_a_way_out(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"We refunded the buyer. " * (10_000_000 // 23 + 1))
    code, out, err = run(capsys, str(path))
    line = one_error_line(err)
    assert code == 2 and "--max-bytes" in line and "over the limit" in line
    code, out, err = run(capsys, "--max-bytes", "100", str(path))
    assert code == 2


@pytest.mark.parametrize("data", [b"", b"   \n"])
def test_empty_stdin(capsys, monkeypatch, data):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, err = run(capsys, "-")
    assert code == 2 and "-: the draft is empty" in one_error_line(err)


def test_closed_stdin(capsys, monkeypatch):
    stream = io.TextIOWrapper(io.BytesIO(b"x"))
    stream.close()
    monkeypatch.setattr(sys, "stdin", stream)
    code, out, err = run(capsys, "-")
    assert code == 2 and "standard input" in one_error_line(err)


def user_rule(tmp_path, name: str, body: str):
    """A rules folder with one user rule: common keys plus the given body."""
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.yaml").write_text(
        f"id: agency.{name}\ncategory: hygiene\nseverity: info\n{body}"
        "message: x\nwhy: A user rule written for this test of what rule files may and may not do.\n"
        "examples: {bad: [a], good: [b]}\n",
        encoding="utf-8",
    )
    return folder


def test_catastrophic_user_regex_is_stopped(tmp_path, capsys):
    folder = user_rule(tmp_path, "slow", "code: AG900\ntype: regex\npattern: '(a+)+$'\n")
    draft = tmp_path / "draft.txt"
    draft.write_text("a" * 3000 + "b\n")
    code, out, err = run(capsys, "--rules", str(folder), str(draft))
    assert code == 2
    assert "agency.slow" in err and "catastrophic backtracking" in err


def test_invalid_user_regex_names_file_and_line(tmp_path, capsys):
    folder = user_rule(tmp_path, "bad", "code: AG901\ntype: regex\npattern: '([a-z'\n")
    code, out, err = run(capsys, "--rules", str(folder), "examples/strong-odr.txt")
    assert code == 2 and f"{folder / 'bad.yaml'}:6:" in one_error_line(err)


def test_script_rules_run_only_registered_functions(tmp_path, capsys):
    folder = user_rule(tmp_path, "evil", "code: AG902\ntype: script\nfunction: os.system\n")
    code, out, err = run(capsys, "--rules", str(folder), "examples/strong-odr.txt")
    assert code == 2 and "no registered script function 'os.system'" in err


def test_missing_pipeline_is_a_clear_error(capsys):
    code, out, err = run(capsys, "--pipeline", "xx_no_such_pipeline", "examples/strong-odr.txt")
    assert code == 2 and "xx_no_such_pipeline" in one_error_line(err) and "not installed" in err
