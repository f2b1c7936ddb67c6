"""One catalogue of the errors appeal-lint reports instead of tracebacks.

Every error has a stable code (used in the JSON output) and a one-line message.
Input errors belong to one file and do not stop the others; config and rule errors
stop the run. All of them exit with code 2.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

# code -> short description (documented in the README)
CODES = {
    "not-found": "the path does not exist",
    "is-directory": "a directory with no drafts in it",
    "unreadable": "the file could not be read (permissions or I/O)",
    "binary": "the file is not text",
    "decode": "the text could not be decoded",
    "empty": "the draft has no text",
    "too-large": "the file is larger than --max-bytes",
    "too-complex": "the draft is beyond any letter: too many paragraphs, or too long a paragraph",
    "timeout": "the draft took longer than the time limit per draft",
    "not-fixed": "--fix could not write a draft (read-only, changed since it was read, or a write error)",
    "rule": "a rule file is malformed",
    "config": "a config file is malformed",
    "pipeline": "the spaCy pipeline could not be loaded",
    "grammar": "the grammar backend failed",
    "usage": "the command line is wrong",
}


class AppealLintError(Exception):
    """An error with a code from :data:`CODES` and a one-line message."""

    def __init__(self, code: str, message: str):
        assert code in CODES, code
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(AppealLintError):
    """A problem with one input file; the other files are still linted."""


class LocatedError(AppealLintError):
    """An error in a file we read (rules, config), reported as ``path:line: message``."""

    code_name = "rule"

    def __init__(self, path: str, line: int | None, message: str):
        where = f"{path}:{line}" if line else str(path)
        super().__init__(self.code_name, f"{where}: {message}")
        self.path = path
        self.line = line


class RuleError(LocatedError):
    """A malformed rule file."""

    code_name = "rule"


class ConfigError(LocatedError):
    """A malformed config file."""

    code_name = "config"
