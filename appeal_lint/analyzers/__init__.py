"""Rule types. Each module compiles the rules of one ``type:`` into a runner.

A runner sees the whole draft at once (``Context``) together with the token matches
that the shared :class:`~appeal_lint.analyzers.bank.MatchBank` found for its keys,
and yields :class:`Hit` objects with absolute character offsets.
"""

from __future__ import annotations

import importlib

def module_for(rule_type: str):
    return importlib.import_module(f"{__name__}.{rule_type}")
