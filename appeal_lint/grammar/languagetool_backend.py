"""LanguageTool through language-tool-python, for users who run a LanguageTool server.

* ``--languagetool-url http://localhost:8081``: a server the user runs (or any URL they
  name). A URL outside this machine gets a warning that drafts are sent there.
* ``languagetool_local: true`` in config: language-tool-python downloads and starts its
  own LanguageTool (needs Java); only when asked for.

The public API at languagetool.org is never used unless its URL is given.
"""

from __future__ import annotations

import ipaddress
import sys
import urllib.parse

from ..errors import AppealLintError
from . import Issue, ThreadedBackend

CATEGORY_KIND = {
    "TYPOS": "spelling",
    "GRAMMAR": "grammar",
    "PUNCTUATION": "punctuation",
    "CASING": "capitalization",
    "STYLE": "style",
    "REDUNDANCY": "redundancy",
    "CONFUSED_WORDS": "word_choice",
    "COLLOCATIONS": "word_choice",
    "SEMANTICS": "word_choice",
    "TYPOGRAPHY": "typography",
    "MISC": "miscellaneous",
    "NONSTANDARD_PHRASES": "word_choice",
    "REPETITIONS_STYLE": "repetition",
}


def is_local(url: str) -> bool:
    host = urllib.parse.urlparse(url).hostname or ""
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class LanguageToolBackend(ThreadedBackend):
    """language-tool-python posts each check with a plain ``requests`` call (no pooled
    session), so a forked worker can use the parent's client as it is."""

    name = "languagetool"

    def __init__(self, url: str | None, local: bool, words: list[str], options: dict):
        self.url = url
        if url:
            parsed = urllib.parse.urlparse(url)
            if parsed.scheme not in ("http", "https") or not parsed.hostname:
                raise AppealLintError("usage", f"--languagetool-url {url!r} is not an http(s) URL")
            if not is_local(url):
                public = "languagetool.org" in (parsed.hostname or "")
                where = "the public LanguageTool API" if public else parsed.hostname
                print(f"appeal-lint: warning: drafts are sent to {where} for grammar checking", file=sys.stderr)
        self.language = options.get("language", "en-US")
        self.mother_tongue = options.get("mother_tongue")
        self.disable = list(options.get("disable_languagetool", ()))
        self._start(local)

    def _build(self, local: bool):
        import language_tool_python

        try:
            if self.url:
                tool = language_tool_python.LanguageTool(self.language, remote_server=self.url, mother_tongue=self.mother_tongue)
            else:
                tool = language_tool_python.LanguageTool(self.language, mother_tongue=self.mother_tongue)
        except Exception as exc:
            where = self.url or "a local LanguageTool"
            raise AppealLintError("grammar", f"cannot use LanguageTool at {where}: {' '.join(str(exc).split())[:200]}") from None
        if self.disable:
            tool.disabled_rules.update(self.disable)
        return tool

    def _check(self, text: str, markdown: bool) -> list[Issue]:
        tool = self._client.result()
        try:
            matches = tool.check(text)
        except Exception as exc:
            raise AppealLintError("grammar", f"LanguageTool at {self.url or 'localhost'} failed: {' '.join(str(exc).split())[:200]}") from None
        out = []
        for m in matches:
            kind = CATEGORY_KIND.get(m.category, "miscellaneous")
            if m.rule_issue_type == "misspelling":
                kind = "spelling"
            out.append(Issue(m.offset, m.offset + m.error_length, kind, m.message, list(m.replacements[:5]), m.rule_id))
        return out
