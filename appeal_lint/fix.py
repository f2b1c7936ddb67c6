"""``--fix``: apply safe fixes (hygiene characters, substitutions marked safe).

Fixes never overlap: when two touch the same text, the first (by position) wins and
the other waits for the next run. Files are written atomically (a temporary file in
the same folder, then ``os.replace``) in their original encoding; standard input is
never written back.
"""

from __future__ import annotations

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


def write_atomic(path: str, text: str, encoding: str) -> None:
    """Replace ``path`` with ``text`` so that a reader sees the old or the new file, never half."""
    if path == "-":
        raise InputError("usage", "standard input cannot be fixed in place")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        data = text.encode(encoding)
        fd, tmp = tempfile.mkstemp(prefix=".appeal-lint-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise InputError("unreadable", f"{path}: cannot write the fixed draft ({exc.strerror or exc})") from None
