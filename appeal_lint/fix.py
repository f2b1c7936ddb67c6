"""``--fix``: apply safe fixes (hygiene characters, substitutions marked safe).

Fixes never overlap: when two touch the same text, the first (by position) wins and
the other waits for the next run. Files are written atomically (a temporary file in
the same folder, then ``os.replace``) in their original encoding; standard input is
never written back. A batch goes on past a file that cannot be written, and reports it.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
import tempfile

from .errors import InputError
from .model import FileReport


def planned_fixes(file: FileReport) -> list:
    fixes = sorted((f.fix for f in file.findings if f.fix is not None and f.fix.safe), key=lambda x: (x.start, x.end))
    chosen, last_end = [], -1
    for fix in fixes:
        if fix.start >= last_end and not (fix.start == fix.end == last_end):
            chosen.append(fix)
            last_end = max(fix.end, fix.start)
    return chosen


def apply_fixes(text: str, fixes) -> str:
    out, pos = [], 0
    for fix in fixes:
        out.append(text[pos : fix.start])
        out.append(fix.replacement)
        pos = fix.end
    out.append(text[pos:])
    return "".join(out)


def fixed_text(file: FileReport) -> tuple[str, int]:
    fixes = planned_fixes(file)
    return apply_fixes(file.text, fixes), len(fixes)


def unified_diff(file: FileReport, new_text: str) -> str:
    return "".join(
        difflib.unified_diff(
            file.text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=file.path,
            tofile=f"{file.path} (fixed)",
        )
    )


def encode_like(text: str, encoding: str, original: bytes) -> bytes:
    """``text`` in the file's own encoding, with the byte-order mark and byte order the
    file had (Python's "utf-16" codec writes the machine's order, which turned a
    big-endian file little-endian)."""
    if encoding in ("utf-16", "utf-32"):
        for bom, codec in (
            (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF32_LE, "utf-32-le"),
            (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF16_LE, "utf-16-le"),
        ):
            if original.startswith(bom) and codec.startswith(encoding):
                return bom + text.encode(codec)
    return text.encode(encoding)


def _not_fixed(path: str, why: str) -> InputError:
    return InputError("not-fixed", f"{path}: not fixed: {why}")


def write_fixed(path: str, old_text: str, new_text: str, encoding: str) -> None:
    """Write the fixed draft over ``path``, safely.

    * a symbolic link is followed: its target is fixed, the link stays a link;
    * a read-only file is refused, not forced;
    * a file that changed since it was linted is left alone (the fixes were computed
      from the old text);
    * the owner, group, mode and hard links stay: the file is replaced atomically (a
      temporary file in the same folder, then ``os.replace``) when that keeps them,
      otherwise rewritten in place.

    Raises :class:`InputError` (code ``not-fixed``) with the reason; nothing is changed then.
    """
    if path == "-":
        raise InputError("usage", "standard input cannot be fixed in place")
    from .source import decode

    target = os.path.realpath(path)
    try:
        st = os.stat(target)
        if not stat.S_ISREG(st.st_mode):
            raise _not_fixed(path, "not a regular file")
        if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
            raise _not_fixed(path, "the file is read-only")
        with open(target, "rb") as fh:
            original = fh.read()
        try:
            current, _ = decode(original, path)
        except InputError:
            current = None
        if current != old_text:
            raise _not_fixed(path, "it changed since it was linted; run again")
        try:
            data = encode_like(new_text, encoding, original)
        except UnicodeEncodeError as exc:
            raise _not_fixed(path, f"a fix uses {exc.object[exc.start:exc.end]!r}, which {encoding} cannot store") from None
        if st.st_nlink > 1 or not _replace_keeping_owner(target, data, st):
            _rewrite_in_place(target, data)
    except InputError:
        raise
    except OSError as exc:
        raise _not_fixed(path, f"cannot write it ({exc.strerror or exc})") from None


def _replace_keeping_owner(target: str, data: bytes, st: os.stat_result) -> bool:
    """Atomic replace: False (nothing changed) when the new file could not keep the owner."""
    fd, tmp = tempfile.mkstemp(prefix=".appeal-lint-", suffix=".tmp", dir=os.path.dirname(target))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:
                os.unlink(tmp)
                return False
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        os.replace(tmp, target)
        return True
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _rewrite_in_place(target: str, data: bytes) -> None:
    """Keep the inode (hard links, owner, ACLs): overwrite, then cut to length."""
    with open(target, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())
