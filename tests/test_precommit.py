"""The pre-commit hook, run by the real pre-commit tool in a temporary repository whose
config points at this repository and its current commit. The first run installs the
hook's own environment (pre-commit caches it under ~/.cache/pre-commit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.email=test@example.com", "-c", "user.name=Test", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def drafts_repo(tmp_path_factory):
    head = git(ROOT, "rev-parse", "HEAD")
    assert head.returncode == 0, "the tests must run in a git checkout of appeal-lint"
    repo = tmp_path_factory.mktemp("agency-drafts")
    assert git(repo, "init", "-q").returncode == 0
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head.stdout.strip()}\n    hooks:\n      - id: appeal-lint\n        args: [--no-grammar]\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PRE_COMMIT_COLOR": "never"}
    installed = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo, capture_output=True, text=True, env=env)
    assert installed.returncode == 0, installed.stderr
    git(repo, "add", ".pre-commit-config.yaml")
    assert git(repo, "commit", "-q", "-m", "config", "--no-verify").returncode == 0
    return repo


def commit(repo, name, text):
    (repo / name).write_text(text, encoding="utf-8")
    git(repo, "add", name)
    return git(repo, "commit", "-m", f"add {name}")


def test_weak_draft_fails_the_hook(drafts_repo):
    result = commit(drafts_repo, "weak.txt", (EXAMPLES / "weak-late-shipment.txt").read_text(encoding="utf-8"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "appeal-lint" in output and "AL205" in output  # denial: "It was not our fault"
    assert git(drafts_repo, "log", "--oneline").stdout.count("\n") == 1  # nothing committed


def test_letter_to_revise_with_only_warnings_fails_the_hook(drafts_repo):
    git(drafts_repo, "reset", "-q")
    (drafts_repo / "weak.txt").unlink(missing_ok=True)
    result = commit(drafts_repo, "poor.txt", (EXAMPLES / "poor-warnings-only.txt").read_text(encoding="utf-8"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert " error " not in output  # no error finding: the grade alone stops it
    assert "poor.txt fails the gate: grade" in output and "revise before sending" in output
    assert git(drafts_repo, "log", "--oneline").stdout.count("\n") == 1


def test_weak_word_draft_fails_the_hook(drafts_repo):
    import docx

    git(drafts_repo, "reset", "-q")
    for name in ("weak.txt", "poor.txt"):
        (drafts_repo / name).unlink(missing_ok=True)
    document = docx.Document()
    for line in (EXAMPLES / "weak-ip.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(drafts_repo / "weak.docx")
    git(drafts_repo, "add", "weak.docx")
    result = git(drafts_repo, "commit", "-m", "add weak.docx")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "weak.docx" in output and "AL202" in output  # linted as a Word draft, not skipped as binary
    git(drafts_repo, "reset", "-q")
    (drafts_repo / "weak.docx").unlink()


def test_strong_draft_passes_the_hook(drafts_repo):
    git(drafts_repo, "reset", "-q")  # unstage the drafts of the previous tests
    for name in ("weak.txt", "poor.txt"):
        (drafts_repo / name).unlink(missing_ok=True)
    result = commit(drafts_repo, "strong.md", (EXAMPLES / "strong-late-shipment.md").read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "strong.md" in git(drafts_repo, "show", "--stat", "HEAD").stdout


def test_hook_definition_matches_drafts():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "appeal-lint")
    assert hook["entry"] == "appeal-lint" and hook["language"] == "python"
    import re

    assert all(re.search(hook["files"], name) for name in ("a.txt", "b.md", "c.markdown", "e.docx"))
    assert "types_or" not in hook and hook.get("types", ["file"]) == ["file"]  # .docx files are binary to pre-commit
    assert not re.search(hook["files"], "d.py")


def test_sibling_notice_is_used_by_the_hook(drafts_repo):
    """A strong letter passes alone; staged with its notice (draft.notice.txt), which
    lists an ASIN the letter never mentions, it is stopped by AL850. The notice file
    itself is not linted as a draft."""
    git(drafts_repo, "reset", "-q")
    letter = (EXAMPLES / "strong-inauthentic.txt").read_text(encoding="utf-8")
    assert commit(drafts_repo, "acme.txt", letter).returncode == 0
    notice = (
        "Hello,\n\nWe have deactivated your selling account because we received customer complaints "
        "that the items you sold were inauthentic.\n\nASIN: B0CX4KD21M\nASIN: B0CX4KD21N\n\n"
        "Please send invoices from your supplier dated within the last 365 days.\n"
    )
    result = commit(drafts_repo, "acme.notice.txt", notice)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "AL850" in output and "B0CX4KD21N" in output and "acme.txt" in output
    assert "acme.notice.txt:" not in output.replace("notice acme.notice.txt:", "")  # no findings on the notice itself
    fixed = letter.replace("ASIN B0CX4KD21M", "ASINs B0CX4KD21M and B0CX4KD21N")
    (drafts_repo / "acme.txt").write_text(fixed, encoding="utf-8")
    git(drafts_repo, "add", "acme.txt")
    result = commit(drafts_repo, "acme.notice.txt", notice)
    assert result.returncode == 0, result.stdout + result.stderr
