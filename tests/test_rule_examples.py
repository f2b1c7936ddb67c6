"""Every rule's own examples: each bad one is flagged by that rule, no good one is.

This is the table-driven test over the whole catalogue (proselint's idea): adding a
rule adds its cases here automatically.
"""

from __future__ import annotations

import pytest

from appeal_lint.ruleset import load_rules
from conftest import assert_offsets

RULES = load_rules()


def _cases():
    for rule in RULES:
        for kind in ("bad", "good"):
            examples = rule.examples[kind]
            examples = [examples] if isinstance(examples, str) else examples
            for n, text in enumerate(examples):
                yield pytest.param(rule, kind, text, id=f"{rule.code}-{rule.id}-{kind}{n}")


@pytest.fixture(scope="session")
def opt_in_engine():
    """An engine with the rules that are off by default switched on: their examples run too."""
    from appeal_lint.engine import Engine
    from appeal_lint.settings import Settings

    return Engine(Settings(extend_select=[r.id for r in RULES if not r.enabled]))


@pytest.mark.parametrize("rule,kind,text", list(_cases()))
def test_rule_example(lint, opt_in_engine, rule, kind, text):
    from appeal_lint.source import Source

    reason = rule.examples.get("reason") or (rule.reasons[0] if rule.reasons else None)
    # a notice rule's examples are letters answering the notice given with them
    if rule.enabled:
        report = lint(text, reason=reason, notice=rule.examples.get("notice"))
    else:
        opt_in_engine.settings.reason = reason
        report = opt_in_engine.lint_sources([Source("draft.txt", text, notice=rule.examples.get("notice"))]).files[0]
    hits = [f for f in report.findings if f.origin == rule.id]
    if kind == "bad":
        assert hits, f"{rule.id} should flag: {text!r}"
        for f in hits:
            assert f.category == rule.category
            assert f.code == rule.code or rule.type == "grammar"
            assert f.message and f.why
    else:
        assert not hits, f"{rule.id} should not flag {[h.text for h in hits]} in: {text!r}"
    assert_offsets(report)


def test_every_rule_is_documented():
    """ruff's bar: a rule without a why, examples or a better wording is not done."""
    for rule in RULES:
        assert len(rule.why) >= 60, f"{rule.id}: 'why' is too thin"
        assert rule.examples["bad"] and rule.examples["good"], rule.id
        if rule.type in ("phrase", "pattern", "dependency"):
            assert rule.suggest, f"{rule.id}: a {rule.type} rule needs a better wording (suggest)"


def test_every_rule_has_chinese_text():
    for rule in RULES:
        assert rule.zh.get("message") and rule.zh.get("why"), f"{rule.id}: missing zh message/why"


def test_codes_follow_categories():
    prefix = {"structure": "AL1", "ownership": "AL2", "tone": "AL3", "specificity": "AL4", "focus": "AL5", "language": "AL6", "hygiene": "AL7", "reason": "AL8"}
    for rule in RULES:
        if rule.type == "grammar":
            assert rule.code.startswith("AL9"), rule.id  # grammar kinds: AL9xx
        elif rule.builtin:
            assert rule.code.startswith(prefix[rule.category]), rule.id


def test_at_least_three_rules_per_category():
    from appeal_lint.model import CATEGORIES

    for category in CATEGORIES:
        assert sum(r.category == category for r in RULES) >= 3, category


def test_rule_docs_are_up_to_date():
    from pathlib import Path

    from appeal_lint.docs import render

    path = Path(__file__).resolve().parent.parent / "docs" / "rules.md"
    assert path.read_text(encoding="utf-8") == render(RULES), "docs/rules.md is stale: run  appeal-lint docs > docs/rules.md"
