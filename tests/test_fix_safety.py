"""``--fix`` on real file systems: links, owners, modes, read-only files, files that
change under it, files that cannot be written, and every encoding it reads."""

from __future__ import annotations

import codecs
import os
import stat
import subprocess
import sys

import pytest

from appeal_lint.cli import main

DRAFT = "We refunded the buyer，and removed the listing。\n"
FIXED = "We refunded the buyer, and removed the listing.\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def draft(tmp_path, name="poa.txt", text=DRAFT):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_symlink_is_followed_and_stays_a_link(tmp_path, capsys):
    target = draft(tmp_path, "real.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    code, out, err = run(capsys, "--fix", str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == FIXED


def test_hard_links_mode_and_owner_are_kept(tmp_path, capsys):
    path = draft(tmp_path)
    other = tmp_path / "same.txt"
    os.link(path, other)
    os.chmod(path, 0o640)
    owner = None
    if os.geteuid() == 0:  # only root can give a file away; then the owner must come back
        owner = (4321, 4321)
        os.chown(path, *owner)
    inode = path.stat().st_ino
    code, out, err = run(capsys, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == FIXED
    assert other.read_text(encoding="utf-8") == FIXED and path.stat().st_ino == inode == other.stat().st_ino
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    if owner:
        assert (path.stat().st_uid, path.stat().st_gid) == owner


def test_owner_is_kept_when_the_file_is_replaced(tmp_path, capsys):
    path = draft(tmp_path)
    os.chmod(path, 0o604)
    owner = (os.getuid(), os.getgid())
    if os.geteuid() == 0:
        owner = (4321, 4322)
        os.chown(path, *owner)
    code, out, err = run(capsys, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == FIXED
    assert (path.stat().st_uid, path.stat().st_gid) == owner and stat.S_IMODE(path.stat().st_mode) == 0o604
    assert not list(tmp_path.glob(".appeal-lint-*"))


def test_read_only_file_is_refused_and_the_batch_goes_on(tmp_path, capsys):
    locked = draft(tmp_path, "a-locked.txt")
    os.chmod(locked, 0o444)
    free = draft(tmp_path, "b-free.txt")
    code, out, err = run(capsys, "--fix", str(locked), str(free))
    assert code == 2
    assert f"appeal-lint: error: {locked}: not fixed: the file is read-only" in err
    assert locked.read_text(encoding="utf-8") == DRAFT and stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert free.read_text(encoding="utf-8") == FIXED and f"fixed 2 findings in {free}" in err


def _after_lint(monkeypatch, action):
    """Run ``action`` once, between the lint and the writing of fixes."""
    import appeal_lint.api as api

    real, done = api.lint_paths, []

    def lint_then_act(*args, **kwargs):
        report = real(*args, **kwargs)
        if not done:
            done.append(action())
        return report

    monkeypatch.setattr(api, "lint_paths", lint_then_act)


def test_a_file_edited_since_it_was_linted_is_not_overwritten(tmp_path, capsys, monkeypatch):
    path = draft(tmp_path)
    edited = "We refunded the buyer，and removed the listing。\nA line the writer just added.\n"
    _after_lint(monkeypatch, lambda: path.write_text(edited, encoding="utf-8"))
    code, out, err = run(capsys, "--fix", str(path))
    assert path.read_text(encoding="utf-8") == edited
    assert code == 2 and "changed since it was linted" in err


def test_a_failed_write_does_not_stop_the_batch(tmp_path, capsys, monkeypatch):
    paths = [draft(tmp_path, f"{n}.txt") for n in ("a", "b", "c")]
    _after_lint(monkeypatch, lambda: paths[0].unlink())
    code, out, err = run(capsys, "--fix", *map(str, paths))
    assert code == 2
    assert f"appeal-lint: error: {paths[0]}: not fixed: cannot write it" in err
    assert [p.read_text(encoding="utf-8") for p in paths[1:]] == [FIXED, FIXED]


@pytest.mark.parametrize("encoding,bom", [("utf-16-be", codecs.BOM_UTF16_BE), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-8", codecs.BOM_UTF8)])
def test_fix_writes_back_the_same_byte_order_and_mark(tmp_path, capsys, encoding, bom):
    path = tmp_path / "poa.txt"
    path.write_bytes(bom + DRAFT.encode(encoding))
    run(capsys, "--fix", str(path))
    assert path.read_bytes() == bom + FIXED.encode(encoding)


def test_a_named_pipe_does_not_hang_the_run(tmp_path):
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft(folder, "letter.txt", "We refunded the buyer and removed the listing.\n")
    os.mkfifo(folder / "pipe.txt")
    # a separate process: before the change, this hung for ever waiting for a writer
    done = subprocess.run([sys.executable, "-m", "appeal_lint", "--no-grammar", str(folder), str(folder / "pipe.txt")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "letter.txt" in done.stdout and "Traceback" not in done.stderr
    errors = [l for l in done.stderr.splitlines() if l.startswith("appeal-lint: error:")]
    assert errors == [f"appeal-lint: error: {folder / 'pipe.txt'}: the draft is empty"]
