"""Silencing findings without putting anything into the letter that would be sent.

* Config ``suppress:`` entries: a rule selector, optionally the matched text and files.
* HTML comments in Markdown drafts (invisible once rendered, and not part of the text
  a seller pastes into Seller Central)::

      <!-- appeal-lint: disable AL301, tone.begging -->   ... until enable or the end
      <!-- appeal-lint: enable -->                        (or enable AL301)
      <!-- appeal-lint: disable-next-line AL203 -->
      <!-- appeal-lint: disable-file AL606 -->

A suppression that silenced nothing is reported (rule ``hygiene.unused-suppression``
for comments; a warning on stderr for config entries).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

COMMENT = re.compile(r"<!--\s*appeal-lint:\s*(?P<verb>disable-next-line|disable-file|disable|enable)\b(?P<args>[^>]*?)\s*-->", re.I)
ANY_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass
class InlineSuppression:
    verb: str
    selectors: list[str]  # empty: every rule
    start: int  # the comment
    end: int
    scope_start: int  # the text it silences
    scope_end: int
    used: int = 0
    selector_used: dict = field(default_factory=dict)


def _selectors(args: str) -> list[str]:
    return [a for a in re.split(r"[\s,]+", args.strip()) if a]


def parse_inline(text: str, line_starts: list[int]) -> list[InlineSuppression]:
    out: list[InlineSuppression] = []
    open_: list[InlineSuppression] = []
    for m in COMMENT.finditer(text):
        verb, sels = m.group("verb").lower(), _selectors(m.group("args"))
        if verb == "disable-file":
            out.append(InlineSuppression(verb, sels, m.start(), m.end(), 0, len(text)))
        elif verb == "disable-next-line":
            # the next line that has text on it after the comment
            nl = text.find("\n", m.end())
            start = len(text) if nl < 0 else nl + 1
            while start < len(text) and text[start] in "\r\n":
                start += 1
            end = text.find("\n", start)
            out.append(InlineSuppression(verb, sels, m.start(), m.end(), start, len(text) if end < 0 else end))
        elif verb == "disable":
            s = InlineSuppression(verb, sels, m.start(), m.end(), m.end(), len(text))
            out.append(s)
            open_.append(s)
        else:  # enable
            for s in list(open_):
                if not sels or set(sels) & set(s.selectors) or not s.selectors:
                    s.scope_end = m.start()
                    open_.remove(s)
    return out


def comment_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in ANY_COMMENT.finditer(text)]
