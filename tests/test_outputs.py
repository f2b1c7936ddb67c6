"""SARIF, GitHub annotations, statistics, --fix and --diff."""

from __future__ import annotations

import json

from appeal_lint.cli import main

DRAFT = "We refunded the buyer，and removed the listing。\nOur staffs very appreciate it\u200b. i checked it!\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_sarif(tmp_path, capsys):
    path = tmp_path / "poa.txt"
    path.write_text(DRAFT, encoding="utf-8")
    code, out, _ = run(capsys, "--format", "sarif", str(path), str(tmp_path / "missing.txt"))
    sarif = json.loads(out)
    assert sarif["version"] == "2.1.0"
    run_ = sarif["runs"][0]
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    assert "AL201" in rules and rules["AL201"]["fullDescription"]["text"]
    for result in run_["results"]:
        assert result["ruleId"] in rules
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert DRAFT[region["charOffset"] : region["charOffset"] + region["charLength"]] == region["snippet"]["text"]
    assert run_["invocations"][0]["toolExecutionNotifications"][0]["descriptor"]["id"] == "not-found"


def test_github_annotations(tmp_path, capsys):
    path = tmp_path / "poa.txt"
    path.write_text(DRAFT, encoding="utf-8")
    _, out, _ = run(capsys, "--format", "github", str(path))
    lines = out.splitlines()
    assert any(l.startswith("::error file=") and "title=AL703 hygiene.zero-width" in l for l in lines)
    assert all(l.startswith(("::error ", "::warning ", "::notice ")) for l in lines)
    assert all("\n" not in l for l in lines)


def test_statistics(tmp_path, capsys):
    path = tmp_path / "poa.txt"
    path.write_text(DRAFT, encoding="utf-8")
    _, out, _ = run(capsys, "--statistics", str(path))
    assert "AL702" in out and "hygiene.fullwidth-punctuation" in out
    first = out.splitlines()[0].split()
    assert first[0] == "2" and first[1] == "AL702"


def test_diff_changes_nothing(tmp_path, capsys):
    path = tmp_path / "poa.txt"
    path.write_text(DRAFT, encoding="utf-8")
    _, out, _ = run(capsys, "--diff", str(path))
    assert "-We refunded the buyer，and removed the listing。" in out
    assert "+We refunded the buyer, and removed the listing." in out
    assert path.read_text(encoding="utf-8") == DRAFT


def test_fix_applies_safe_fixes_only(tmp_path, capsys):
    path = tmp_path / "poa.txt"
    path.write_bytes(DRAFT.encode("gb18030"))
    code, out, err = run(capsys, "--fix", "--format", "json", str(path))
    fixed = path.read_bytes().decode("gb18030")
    assert fixed == "We refunded the buyer, and removed the listing.\nOur staff greatly appreciate it. I checked it!\n"
    assert "fixed" in err
    remaining = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert "hygiene.zero-width" not in remaining and "tone.exclamation" in remaining  # not a safe fix
    assert not list(tmp_path.glob(".appeal-lint-*"))  # no temporary files left behind


def test_fix_never_writes_stdin(capsys, monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DRAFT.encode())))
    code, out, err = run(capsys, "--fix", "-")
    assert "standard input is not fixed" in err
