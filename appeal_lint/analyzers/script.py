"""``type: script`` — a registered Python check, for what YAML cannot say.

    function: symptom_as_cause
    options: {...}      # passed to the function
    phase: after-suppressions   # optional: run once suppressions are applied

Only functions registered in :mod:`appeal_lint.scripts` can run: a rule file names
one, it cannot carry code.
"""

from __future__ import annotations

import re
from typing import Iterable

from .base import Context, Hit


class ScriptRunner:
    def __init__(self, rule, fn, options, post=False):
        self.rule, self.fn, self.options = rule, fn, options
        self.post = post  # phase: after-suppressions

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        import regex

        from ..errors import AppealLintError

        rule = self.rule
        try:
            return list(self.fn(ctx, self.options))
        except TimeoutError:
            raise AppealLintError(
                "rule", f"{rule.path}:{rule.line}: rule {rule.id}: a pattern in its options took over a second (catastrophic backtracking?)"
            ) from None
        except (regex.error, re.error) as exc:
            raise AppealLintError("rule", f"{rule.path}:{rule.line}: rule {rule.id}: invalid regular expression in its options: {exc}") from None
        except (KeyError, TypeError, ValueError) as exc:
            raise AppealLintError("rule", f"{rule.path}:{rule.line}: rule {rule.id}: options do not fit {rule.options['function']!r} ({type(exc).__name__}: {exc})") from None


def compile(rule, bank, nlp):
    from .. import scripts

    name = rule.options["function"]
    fn = scripts.REGISTRY.get(name)
    if fn is None:
        raise rule.error(f"no registered script function {name!r} (known: {', '.join(sorted(scripts.REGISTRY))})", "function")
    options = rule.options.get("options", {}) or {}
    if not isinstance(options, dict):
        raise rule.error("options must be a mapping", "options")
    phase = rule.options.get("phase", "main")
    if phase not in ("main", "after-suppressions"):
        raise rule.error("phase must be 'main' or 'after-suppressions'", "phase")
    return ScriptRunner(rule, fn, options, post=phase == "after-suppressions")
