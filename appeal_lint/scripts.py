"""Python checks that ``type: script`` rules may call by name.

Each function takes the draft context and the rule's ``options`` and yields hits.
Thresholds and word lists come from the rule's YAML, not from this file.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable

from .analyzers.base import Context, Hit
from .limits import timed_regex

REGISTRY: dict[str, Callable[[Context, dict], Iterable[Hit]]] = {}


def register(name: str):
    def wrap(fn):
        REGISTRY[name] = fn
        return fn

    return wrap


_PERCENT = r"(\d+(?:\.\d+)?)\s?%"


@register("metric_targets")
def metric_targets(ctx: Context, options: dict) -> Iterable[Hit]:
    """A quoted target looser than Amazon's ("keep our late shipment rate under 5%")."""
    for metric in options.get("metrics", []):
        mention = timed_regex(metric["mention"], ignorecase=True)  # from the rule file: time-limited
        target = float(metric["target"])
        higher_is_better = metric.get("direction", "below") == "above"
        # Only words that can state this metric's target: a ceiling for a rate that must stay low ("under
        # 5%"), a floor for one that must stay high. "the rate was already above 7%" is the measured rate,
        # not a target (round 38: on the pool every "above"/"over"/"at least" hit for a ceiling metric was
        # a fact or another figure), and "75% of the limit" is a share of one.
        side = r"above|over|at least|more than|minimum of" if higher_is_better else r"below|under|less than|lower than|within|at most|maximum of"
        bound = re.compile(
            r"(?:target|threshold|limit|requirement|required|standard|benchmark|goal|" + side + r")"
            r"(?:\s+(?:of|is|was|at|to|by|amazon'?s?|the|be|below|under|above))*\s+" + _PERCENT + r"(?!\s+of\b)",
            re.I,
        )
        for i, doc in enumerate(ctx.docs):
            base = ctx.offset(i)
            for sent in doc.sents:
                if not mention.search(sent.text):
                    continue
                for m in bound.finditer(sent.text):
                    value = float(m.group(1))
                    looser = value < target if higher_is_better else value > target
                    if looser:
                        start = base + sent.start_char + m.start(1)
                        end = base + sent.start_char + m.end()
                        yield Hit(start, end, {"text": ctx.text[start:end], "metric": metric["name"], "target": metric["target"], "value": m.group(1)})


@register("symptom_as_cause")
def symptom_as_cause(ctx: Context, options: dict) -> Iterable[Hit]:
    """A root-cause part that only restates the metric or the complaint."""
    symptom = timed_regex(options["symptom"], ignorecase=True)  # from the rule file: time-limited
    cause = timed_regex(options["cause"], ignorecase=True)
    # A root-cause part is judged whole: one bullet may state the symptom when the
    # next one gives the cause.
    if sum(1 for b in ctx.blocks if b.kind != "heading") < 3:
        return  # a sentence or two is not a letter with a root-cause part
    # The part: the paragraphs under a root-cause heading or label, or read as root cause
    # as a whole (one stray sentence in the opening paragraph is not the part); one bullet
    # may state the symptom when the next one gives the cause.
    # When the writer named the part ("Root cause", "Why it happened:"), that part is judged;
    # a sentence read as cause-like under another heading is not the letter's root cause.
    under = {c.block for c, _ in ctx.sentences if c.section == "root_cause" and c.kind != "heading"}
    parts, current = [], []
    for i, role in enumerate(ctx.roles):
        if ctx.blocks[i].kind != "heading" and (i in under if under else role == "root_cause"):
            current.append(i)
        elif current:
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    for part in parts:
        # the flowed text: "did\nnot" in a hard-wrapped part is "did not"
        content = "\n".join(ctx.draft.flowed[ctx.blocks[i].content_start : ctx.blocks[i].end] for i in part)
        if symptom.search(content) and not cause.search(content):
            start, end = ctx.block_anchor(part[0])
            yield Hit(start, end, {"text": ctx.text[start:end]})


@register("unused_suppressions")
def unused_suppressions(ctx: Context, options: dict) -> Iterable[Hit]:
    """An ``<!-- appeal-lint: disable ... -->`` comment that silenced nothing."""
    for s in ctx.unused_suppressions:
        yield Hit(s.start, s.end, {"text": ctx.text[s.start : s.end], "selectors": ", ".join(s.selectors) or "all rules"})


@register("reason_mismatch")
def reason_mismatch(ctx: Context, options: dict) -> Iterable[Hit]:
    """A letter about one suspension reason that dwells on another's policy.

    Only when the reason was stated (option or config): a detected reason is by
    definition the one the text talks about most.
    """
    from .reasons import display_name, names, scores

    settings = ctx.settings
    if not ctx.reason or ctx.reason == "other" or not (settings.reason or settings.per_file):
        return
    if ctx.checklist is not None:
        return  # the notice rules compare the letter with the notice itself
    found = scores(ctx.text)
    label = names()
    threshold = float(options.get("min_score", 6))
    for other, score in sorted(found.items(), key=lambda kv: -kv[1]):
        if other != ctx.reason and score >= threshold and score > 2 * found.get(ctx.reason, 0):
            start, end = ctx.letter_anchor()
            values = {"text": ctx.text[start:end], "other": label[other], "reason": label.get(ctx.reason, ctx.reason),
                      "other_zh": display_name(other, "zh"), "reason_zh": display_name(ctx.reason, "zh")}
            yield Hit(start, end, values, letter=True)
            return


@register("reason_unsure")
def reason_unsure(ctx: Context, options: dict) -> Iterable[Hit]:
    """No reason given and none recognised with confidence: say so, and name the likely ones."""
    from .reasons import candidates, display_name

    if ctx.reason is not None or sum(b.words for b in ctx.blocks) < options.get("min_words", 80):
        return
    likely = candidates(ctx.text)
    start, end = ctx.letter_anchor()
    values = {
        "text": ctx.text[start:end],
        "candidates": " or ".join(f"{display_name(r)} (--reason {r})" for r in likely) or "none of the known reasons",
        "candidates_zh": "或".join(f"{display_name(r, 'zh')}（--reason {r}）" for r in likely) or "没有匹配的已知原因",
    }
    yield Hit(start, end, values, letter=True)
