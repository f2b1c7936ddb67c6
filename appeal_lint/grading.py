"""The letter's score, grade and verdict.

Each finding costs points by severity, weighed by what reviewers weigh: shifting the
blame, denial, off-topic content and a missing or symptom-only part cost more than a
slip of language or hygiene. Repeats of one rule cost less each time and are capped,
so a single habit cannot sink a letter on its own. Rules with ``cap:`` (a missing root
cause, say) limit the grade whatever the score.

The verdict is "ready to send" only for an A or B letter with no error and no
substantive defect found by a rule (ownership, focus, or a structure or future-action
problem). One model finding costs points but does not by itself hold a letter back: it
is a prompt to reread a sentence, and the model is wrong more often than the rules. Two
or more model findings of blame, off-topic content or vagueness (``MODEL_SUBSTANTIVE``)
do: on the corpus's 2,232 letters that held back 46 of the 49 mediocre letters an A or B
had let through, and 1 of 793 strong ones (round 36; on the 120 letters of held-out-49
and -50, which the models never saw, 6 of 6 and none of 36; on held-out-51 and -52,
written after the change, no mediocre letter was ready to send against 5 of 48 before it,
and 35 of 36 strong ones were, as before).
"""

from __future__ import annotations

import math
from collections import defaultdict

from .model import CATEGORIES, Finding, Grade

COST = {"error": 12.0, "warning": 4.0, "info": 1.0}
REPEAT_FACTOR = 0.5  # each further hit of the same rule costs half the one before
RULE_CAP = 2.5  # one rule costs at most 2.5x its first hit
BANDS = (("A", 90), ("B", 80), ("C", 70), ("D", 60), ("F", 0))
CAP_SCORE = {"A": 100, "B": 89, "C": 79, "D": 69, "F": 59}
WEIGHT = {
    "ownership": 1.5, "structure": 1.25, "focus": 1.25, "specificity": 1.1, "tone": 1.0, "reason": 1.0,
    "hygiene": 0.75, "language": 0.6,
}
SUBSTANTIVE_CATEGORIES = ("ownership", "focus")
SUBSTANTIVE_RULES = ("structure.missing-", "structure.future-actions", "specificity.future-actions", "structure.empty-section")
# model findings that hold a letter back when there are at least MODEL_SUBSTANTIVE_MIN of them
MODEL_SUBSTANTIVE = ("ownership", "focus", "specificity")
MODEL_SUBSTANTIVE_MIN = 2


def substantive(f: Finding) -> bool:
    if f.severity == "info" or f.origin.endswith(".learned"):
        return False
    return f.category in SUBSTANTIVE_CATEGORIES or f.rule.startswith(SUBSTANTIVE_RULES)


def model_substantive(findings: list[Finding]) -> bool:
    """Two or more model findings (warning or error) of ownership, focus or specificity."""
    n = sum(1 for f in findings if f.origin.endswith(".learned") and f.severity != "info" and f.category in MODEL_SUBSTANTIVE)
    return n >= MODEL_SUBSTANTIVE_MIN


def letter_for(score: int) -> str:
    return next(letter for letter, low in BANDS if score >= low)


def grade(findings: list[Finding], caps: dict[str, str]) -> Grade:
    """``caps`` maps rule id -> the highest grade a letter with that finding may get."""
    per_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        per_rule[f.rule].append(f)
    categories = {c: {"findings": 0, "penalty": 0} for c in CATEGORIES}
    costs = []
    for rule, items in per_rule.items():
        first = COST[items[0].severity] * WEIGHT.get(items[0].category, 1.0)
        cost = sum(first * REPEAT_FACTOR**k for k in range(len(items)))
        cost = min(cost, first * RULE_CAP)
        costs.append(cost)
        cat = categories[items[0].category]
        cat["findings"] += len(items)
        cat["penalty"] += round(cost)
    # fsum: the exact sum, so the score does not depend on the order the findings came in (a plain
    # float sum could round 97.5 either way depending on it, and a wrapped letter scored a point apart)
    score = max(0, round(100 - math.fsum(costs)))
    capped_by = []
    for f in findings:
        cap = caps.get(f.rule)
        if cap and score > CAP_SCORE[cap]:
            score = CAP_SCORE[cap]
        if cap and f.rule not in capped_by:
            capped_by.append(f.rule)
    letter = letter_for(score)
    errors = any(f.severity == "error" for f in findings)
    if letter in ("A", "B") and not errors and not any(substantive(f) for f in findings) and not model_substantive(findings):
        verdict = "ready to send"
    else:
        verdict = "revise before sending"
    return Grade(score=score, letter=letter, verdict=verdict, categories=categories, capped_by=capped_by)
