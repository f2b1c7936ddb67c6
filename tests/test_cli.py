"""The command line: exit codes, formats, errors on stderr, no traceback, no spaCy for --help."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from appeal_lint.cli import main
from conftest import EXAMPLES

WEAK = "The buyer lied about the damage and Amazon unfairly suspended us!!! We will try our best.\n"


@pytest.fixture
def draft(tmp_path):
    def make(text, name="draft.txt", encoding="utf-8"):
        path = tmp_path / name
        path.write_bytes(text.encode(encoding))
        return str(path)

    return make


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_weak_draft_exits_1_with_findings(capsys, draft):
    code, out, err = run(capsys, draft(WEAK))
    assert code == 1
    assert "AL201 error" in out and "AL202 error" in out
    assert "grade F" in out or "grade D" in out


def test_strong_example_exits_0(capsys):
    code, out, _ = run(capsys, str(EXAMPLES / "strong-late-shipment.md"))
    assert code == 0
    assert "grade A" in out or "grade B" in out


@pytest.mark.parametrize("level,expected", [("never", 0), ("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on(capsys, draft, level, expected):
    assert run(capsys, "--fail-on", level, draft(WEAK))[0] == expected


def test_fail_on_warning_catches_warnings_only_draft(capsys):
    path = str(EXAMPLES / "strong-odr.txt")
    assert run(capsys, "--fail-on", "error", "--extend-select", "ALL", path)[0] == 0


def test_json_contract(capsys, draft, tmp_path):
    good = draft(WEAK)
    code, out, err = run(capsys, "--format", "json", good, str(tmp_path / "missing.txt"))
    assert code == 2
    data = json.loads(out)
    assert data["schema"] == "appeal-lint/1"
    ok, missing = data["files"]
    assert missing["error"]["code"] == "not-found" and missing["findings"] == []
    assert ok["error"] is None and ok["grade"] in "ABCDF"
    assert {"path", "reason", "score", "grade", "verdict", "roles", "findings"} <= set(ok)
    text = open(good, encoding="utf-8").read()
    for f in ok["findings"]:
        assert {"code", "rule", "category", "severity", "message", "why", "line", "column", "end_line", "end_column", "start", "end", "text", "suggestions"} <= set(f)
        assert text[f["start"] : f["end"]] == f["text"]
        assert f["category"] in ("structure", "ownership", "tone", "specificity", "focus", "language", "hygiene", "reason")
    for r in ok["roles"]:
        assert {"role", "start", "end", "line", "end_line"} <= set(r)
    assert "missing.txt: no such file" in err


def test_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(WEAK.encode())))
    code, out, _ = run(capsys, "--format", "json", "-")
    assert code == 1
    assert json.loads(out)["files"][0]["path"] == "-"


def test_directory_is_linted_recursively(capsys):
    code, out, _ = run(capsys, "--format", "json", str(EXAMPLES))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert len(paths) >= 6 and all(p.endswith((".txt", ".md")) for p in paths)


@pytest.mark.parametrize(
    "make,code_name",
    [
        (lambda d, t: str(t / "nope.txt"), "no such file"),
        (lambda d, t: str(t), "no .txt or .md drafts"),
        (lambda d, t: d(""), "empty"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, draft, tmp_path, make, code_name):
    code, out, err = run(capsys, make(draft, tmp_path))
    assert code == 2
    assert code_name in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_gbk_draft_is_decoded(capsys, draft):
    path = draft("根本原因：The buyer lied.\n", encoding="gbk")
    code, out, err = run(capsys, "--format", "json", path)
    data = json.loads(out)["files"][0]
    assert data["error"] is None and data["encoding"] == "gb18030"
    assert "hygiene.cjk" in {f["rule"] for f in data["findings"]}


def test_bad_reason_and_no_paths_are_usage_errors(capsys):
    assert run(capsys, "--reason", "bogus", "x.txt")[0] == 2
    assert run(capsys)[0] == 2


def test_select_and_ignore(capsys, draft):
    path = draft(WEAK)
    _, out, _ = run(capsys, "--format", "json", "--select", "ownership", path)
    assert {f["category"] for f in json.loads(out)["files"][0]["findings"]} == {"ownership"}
    _, out, _ = run(capsys, "--format", "json", "--ignore", "AL2,tone", path)
    cats = {f["category"] for f in json.loads(out)["files"][0]["findings"]}
    assert "ownership" not in cats and "tone" not in cats


def test_malformed_user_rules_exit_2(capsys, draft, tmp_path):
    folder = tmp_path / "myrules"
    folder.mkdir()
    (folder / "bad.yaml").write_text("id: x.y\ncode: ZZ100\n  broken: [\n")
    code, _, err = run(capsys, "--rules", str(folder), draft(WEAK))
    assert code == 2
    assert f"{folder / 'bad.yaml'}:" in err and "invalid YAML" in err


def test_chinese_messages(capsys, draft):
    _, out, _ = run(capsys, "--lang", "zh", "--format", "json", draft(WEAK))
    messages = [f["message"] for f in json.loads(out)["files"][0]["findings"]]
    assert any("指责买家" in m for m in messages)


def test_chinese_text_output_translates_its_own_words(capsys, draft):
    from appeal_lint.formatters.text_format import LABELS

    assert LABELS["zh"].keys() == LABELS["en"].keys()
    assert LABELS["zh"]["categories"].keys() == LABELS["en"]["categories"].keys()
    path = draft(WEAK)
    _, out, _ = run(capsys, "--lang", "zh", "--no-grammar", path)
    assert "评级 " in out and "提交前请修改" in out and "个问题" in out and "grade " not in out
    assert re.search(re.escape(path) + r":\d+:\d+: AL\d{3} (error|warning|info) ", out)  # the finding line stays parseable
    _, out, _ = run(capsys, "--lang", "zh", "--no-grammar", "--format", "json", path)
    assert json.loads(out)["files"][0]["verdict"] == "revise before sending"  # JSON is never translated


def test_rules_and_rule_commands(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and "AL201" in out and "ownership.blames-buyer" in out
    code, out, _ = run(capsys, "rule", "AL201")
    assert code == 0 and "Why it matters" in out and "The buyer lied" in out
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert any(r["code"] == "AL101" for r in json.loads(out))
    assert run(capsys, "rule", "AL999")[0] == 2


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["rules"]])
def test_light_commands_do_not_import_spacy(args):
    code = (
        "import sys; from appeal_lint.cli import main; rc = main(%r); "
        "assert 'spacy' not in sys.modules, 'spacy imported'; sys.exit(rc)" % (args,)
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout


def test_console_script_version():
    result = subprocess.run([sys.executable, "-m", "appeal_lint", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("appeal-lint ")


def test_draft_is_never_modified(capsys, draft):
    path = draft("We refunded the buyer，and removed the listing。\u200b\n")
    before = open(path, "rb").read()
    run(capsys, path)
    assert open(path, "rb").read() == before


def test_jobs_give_the_same_report(capsys, tmp_path):
    for n, src in enumerate(sorted(EXAMPLES.iterdir()) * 2):
        (tmp_path / f"{n:02d}-{src.name}").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    _, one, _ = run(capsys, "--format", "json", "--no-grammar", "-j", "1", str(tmp_path))
    _, two, _ = run(capsys, "--format", "json", "--no-grammar", "-j", "2", str(tmp_path))
    assert json.loads(one) == json.loads(two)
    assert len(json.loads(two)["files"]) == 2 * len(list(EXAMPLES.iterdir()))
