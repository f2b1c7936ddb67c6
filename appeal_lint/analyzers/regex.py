"""``type: regex`` — character-level checks on the raw text (hygiene, placeholders).

    pattern: '[\u200b\u200c\u200d\u2060\ufeff]'
    replace: ''          # optional: the fix, a template (\\g<0>) or a mapping {matched: replacement};
                         # 'safe: true' lets --fix apply it
    group: 1             # optional: highlight one group
    flags: [ignorecase]  # ignorecase, multiline, dotall
    max_per_letter: 5    # report at most this many (a letter full of full-width commas)
    flowed: true         # optional: match prose, reading the line breaks inside a paragraph
                         # as spaces, so a hard-wrapped sentence matches as it does on one line

Patterns run with a time limit (the ``regex`` engine's timeout), so a user pattern that
backtracks catastrophically stops with an error instead of hanging the run.
"""

from __future__ import annotations

from typing import Iterable

import regex as re_engine

from ..draft import HEADER_LINE
from ..errors import AppealLintError
from ..model import Fix
from ..typed import flag, is_whole, whole_problem
from .base import Context, Hit

TIMEOUT_SECONDS = 2.0
_FLAGS = {"ignorecase": re_engine.IGNORECASE, "multiline": re_engine.MULTILINE, "dotall": re_engine.DOTALL}


def _in_heading(ctx: Context, offset: int) -> bool:
    """Whether the offset is in a heading or in a block that opens with a header line (skip_headings):
    an e-mail's header lines and a subject line are layout, like a heading."""
    for b in ctx.blocks:
        if b.start <= offset < b.end:
            if b.kind == "heading":
                return True
            # the block's first line: a subject line the mail client wrapped is still one
            return bool(HEADER_LINE.match(ctx.text, b.start))
    return False


class RegexRunner:
    def __init__(self, rule, compiled, group, replace, safe, limit, skip_headings=False, flowed=False):
        self.rule = rule
        self.compiled = compiled
        self.group = group
        self.replace = replace
        self.safe = safe
        self.limit = limit
        self.skip_headings = skip_headings
        self.flowed = flowed

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        hits = []
        # the flowed text has the same length as the draft: offsets hold either way
        subject = ctx.draft.flowed if self.flowed else ctx.text
        try:
            for m in self.compiled.finditer(subject, timeout=TIMEOUT_SECONDS):
                start, end = m.span(self.group)
                if start < 0 or (start == end and self.replace is None):
                    continue
                if self.skip_headings and _in_heading(ctx, start):
                    continue
                found = ctx.text[start:end]
                excerpt = found if len(found) <= 20 else found[:16] + "\u2026"
                hit = Hit(start, end, {"text": found, "excerpt": excerpt, "codepoint": " ".join(f"U+{ord(c):04X}" for c in found[:4])})
                if self.replace is not None:
                    if isinstance(self.replace, dict):
                        replacement = self.replace.get(found, found)
                    else:
                        replacement = m.expand(self.replace)
                    if replacement.endswith(" ") and (end >= len(ctx.text) or ctx.text[end].isspace()):
                        replacement = replacement.rstrip(" ")  # no space before a line break or a space
                    hit.values["replacement"] = replacement
                    hit.suggestions = [replacement] if replacement else []
                    hit.fix = Fix(start, end, replacement, safe=self.safe)
                hits.append(hit)
                if self.limit and len(hits) >= self.limit:
                    break
        except TimeoutError:
            raise AppealLintError(
                "rule", f"{self.rule.path}:{self.rule.line}: rule {self.rule.id}: pattern took over {TIMEOUT_SECONDS:g}s (catastrophic backtracking?)"
            ) from None
        return hits


def compile(rule, bank, nlp):
    opts = rule.options
    if not isinstance(opts["pattern"], str) or not opts["pattern"]:
        raise rule.error("pattern must be a non-empty string", "pattern")
    flags = 0
    for name in opts.get("flags", []) or []:
        if name not in _FLAGS:
            raise rule.error(f"unknown flag {name!r} (one of: {', '.join(_FLAGS)})", "flags")
        flags |= _FLAGS[name]
    try:
        compiled = re_engine.compile(opts["pattern"], flags)
    except re_engine.error as exc:
        raise rule.error(f"invalid regular expression: {exc}", "pattern") from None
    group = opts.get("group", 0)
    if not is_whole(group) or group > compiled.groups:
        raise rule.error(f"group {group!r} is not a group of the pattern", "group")
    replace = opts.get("replace")
    if isinstance(replace, dict):
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in replace.items()):
            raise rule.error("replace as a mapping must map matched text to replacement text", "replace")
    elif replace is not None and not isinstance(replace, str):
        raise rule.error("replace must be a string (a template) or a mapping of matched text to replacement", "replace")
    if isinstance(replace, str):
        try:
            compiled.sub(replace, "")
            re_engine.compile(opts["pattern"], flags).search("") and None
        except (re_engine.error, IndexError) as exc:
            raise rule.error(f"invalid replace template: {exc}", "replace") from None
    limit = opts.get("max_per_letter", 0)
    if not is_whole(limit):
        raise rule.error(whole_problem("max_per_letter", limit), "max_per_letter")
    safe = flag(opts, "safe", False, lambda message: rule.error(message, "safe"))
    skip_headings = flag(opts, "skip_headings", False, lambda message: rule.error(message, "skip_headings"))
    flowed = flag(opts, "flowed", False, lambda message: rule.error(message, "flowed"))
    return RegexRunner(rule, compiled, group, replace, safe, limit, skip_headings, flowed)
