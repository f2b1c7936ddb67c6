"""Config files: discovery, keys, errors with file and line, per-file overrides, suppressions."""

from __future__ import annotations

import json
import textwrap

import pytest

from appeal_lint.cli import main
from appeal_lint.config import apply_config, find_config, load_config
from appeal_lint.errors import ConfigError
from appeal_lint.settings import Settings

WEAK = "The buyer lied about the damage. This was a nightmare!!! We will try our best.\n"


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def lint_json(capsys, *args):
    code = main(["--format", "json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def rules_of(data):
    return {f["rule"] for f in data["files"][0]["findings"]}


def test_config_found_walking_up(tmp_path, capsys):
    write(tmp_path / ".appeal-lint.yaml", "ignore: [tone]\nfail-on: never\n")
    draft = write(tmp_path / "drafts" / "acme" / "poa.txt", WEAK)
    assert find_config(draft) == tmp_path / ".appeal-lint.yaml"
    code, data, _ = lint_json(capsys, str(draft))
    assert code == 0
    assert not any(r.startswith("tone.") for r in rules_of(data))


def test_pyproject_section(tmp_path, capsys):
    write(tmp_path / "pyproject.toml", '[tool.appeal-lint]\nselect = ["ownership"]\nreason = "odr"\n')
    draft = write(tmp_path / "poa.txt", WEAK)
    _, data, _ = lint_json(capsys, str(draft))
    assert {r.split(".")[0] for r in rules_of(data)} == {"ownership"}
    assert data["files"][0]["reason"] == "odr" and data["files"][0]["reason_source"] == "config"


def test_flags_override_config_and_isolated_ignores_it(tmp_path, capsys):
    write(tmp_path / ".appeal-lint.yaml", "fail-on: never\n")
    draft = write(tmp_path / "poa.txt", WEAK)
    assert main(["--fail-on", "error", str(draft)]) == 1
    assert main([str(draft)]) == 0
    assert main(["--isolated", str(draft)]) == 1
    capsys.readouterr()


@pytest.mark.parametrize(
    "text,line,fragment",
    [
        ("ignore: [tone]\ncolour: red\n", 2, "unknown key 'colour'"),
        ("grammar:\n  enabled: true\n  speed: fast\n", 3, "unknown key 'speed' in grammar"),
        ("fail-on: sometimes\n", 1, "'fail-on' must be one of"),
        ("reason: bankruptcy\n", 1, "'reason' must be one of"),
        ("ignore: [tone\n", None, "invalid YAML"),
    ],
)
def test_config_errors_name_file_and_line(tmp_path, capsys, text, line, fragment):
    cfg = write(tmp_path / ".appeal-lint.yaml", text)
    draft = write(tmp_path / "poa.txt", WEAK)
    assert main([str(draft)]) == 2
    err = capsys.readouterr().err
    assert str(cfg) in err and fragment in err
    if line:
        assert f"{cfg}:{line}:" in err
    assert "Traceback" not in err


def test_pyproject_unknown_key_has_a_line(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n\n[tool.appeal-lint]\nselect = ["tone"]\nbogus = 1\n')
    data, resolved = load_config(path)
    with pytest.raises(ConfigError) as err:
        apply_config(Settings(), data, resolved)
    assert f"{path}:6:" in str(err.value)


def test_length_limits_and_words(tmp_path, capsys):
    write(tmp_path / ".appeal-lint.yaml", "length: {min-words: 5}\nwords: [Quixotica]\n")
    draft = write(tmp_path / "poa.txt", "Quixotica refunded 3 buyers on May 4 and removed 2 listings.\n")
    _, data, _ = lint_json(capsys, str(draft))
    assert "structure.too-short" not in rules_of(data)
    assert not [r for r in rules_of(data) if r == "grammar.harper.spelling"]


def test_per_file_overrides(tmp_path, capsys):
    write(tmp_path / ".appeal-lint.yaml", """\
        per-file:
          - files: ["uk/*"]
            ignore: [ownership]
            reason: ip
            severity: {AL302: error}
        """)
    uk = write(tmp_path / "uk" / "poa.txt", WEAK)
    us = write(tmp_path / "us" / "poa.txt", WEAK)
    _, data, _ = lint_json(capsys, str(uk), str(us))
    uk_file, us_file = data["files"]
    assert not any(f["category"] == "ownership" for f in uk_file["findings"])
    assert any(f["category"] == "ownership" for f in us_file["findings"])
    assert uk_file["reason"] == "ip" and us_file["reason"] != "ip"
    assert {f["severity"] for f in uk_file["findings"] if f["code"] == "AL302"} == {"error"}


def test_config_suppression_by_rule_and_text(tmp_path, capsys):
    write(tmp_path / ".appeal-lint.yaml", """\
        suppress:
          - {rule: AL301, text: nightmare}
          - {rule: AL305, text: lawyer}
        """)
    draft = write(tmp_path / "poa.txt", WEAK)
    _, data, err = lint_json(capsys, str(draft))
    assert "tone.emotive" not in rules_of(data)
    assert "unused suppression (AL305 text 'lawyer')" in err
    assert open(draft, encoding="utf-8").read() == textwrap.dedent(WEAK)


def test_markdown_comment_suppressions(lint):
    text = (
        "<!-- appeal-lint: disable-next-line AL301 -->\n"
        "This was a nightmare.\n\n"
        "<!-- appeal-lint: disable tone -->\n"
        "We are devastated!!!\n"
        "<!-- appeal-lint: enable -->\n\n"
        "Another nightmare!\n\n"
        "<!-- appeal-lint: disable-next-line AL305 -->\n"
        "We refunded all buyers.\n"
    )
    report = lint(text, path="draft.md")
    found = [(f.rule, f.line) for f in report.findings if f.category in ("tone", "hygiene")]
    assert ("tone.emotive", 8) in found and ("tone.exclamation", 8) in found
    assert not [x for x in found if x[0].startswith("tone.") and x[1] in (2, 5)]
    assert ("hygiene.unused-suppression", 10) in found


def test_suppressions_used_in_worker_processes_are_not_reported_unused(tmp_path, capsys):
    write(tmp_path / ".appeal-lint.yaml", "suppress:\n  - {rule: AL301, text: nightmare}\n")
    for n in range(4):
        write(tmp_path / f"poa{n}.txt", WEAK)
    code, data, err = lint_json(capsys, "-j", "2", "--no-grammar", str(tmp_path))
    assert all("tone.emotive" not in {f["rule"] for f in f_["findings"]} for f_ in data["files"])
    assert "unused suppression" not in err
