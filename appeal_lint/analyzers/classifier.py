"""``type: classifier`` - a finding from a learned model, one sentence at a time.

    model: defects        # a model shipped in appeal_lint/models/
    label: ownership      # one of its labels
    threshold: 0.8        # flag sentences whose probability reaches this

The model scores every sentence of the letter once per draft (whatever number of
rules read it); headings, the greeting and the signature are not scored, nor a sentence
that is only a sign-off's words ("Thank you very much." closing a paragraph). A finding
names the words that drove it, so the writer can see why. When a pattern rule of the
same category already flagged words in the sentence, the engine keeps that finding
and drops this one (see ``engine.merge_learned``).
"""

from __future__ import annotations

from typing import Iterable

from .. import learned
from ..draft import is_valediction
from .base import Context, Hit


class ClassifierRunner:
    def __init__(self, rule, model: learned.LinearModel, label: str, threshold: float):
        self.rule = rule
        self.model = model
        self.label = label
        self.threshold = threshold

    def _scored(self, ctx: Context):
        key = ("model", self.model.name)
        if key not in ctx.cache:
            scored = []
            for c, _role in ctx.sentences:
                if c.kind == "heading" or c.zone is not None or c.sent is None:
                    continue
                if is_valediction(ctx.text[c.start : c.end]):
                    continue  # "Thank you very much." as the last sentence of a paragraph: a sign-off's words
                # the drivers of a finding are words a writer reads: no character n-grams
                scored.append((c, c.predicted(self.model), c.parts()[0]))
            ctx.cache[key] = scored
        return ctx.cache[key]

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        for c, prediction, feats in self._scored(ctx):
            p = prediction.scores[self.label]
            if p < self.threshold:
                continue
            drivers = self.model.drivers(feats, self.label, part=prediction.kinds.get(self.label))
            shown = ", ".join(f"\u201c{d}\u201d" for d in drivers) if drivers else "the sentence as a whole"
            yield Hit(c.start, c.end, {"text": ctx.text[c.start : c.end], "drivers": shown, "probability": f"{p:.0%}", "label": self.label})


def compile(rule, bank, nlp):
    opts = rule.options
    name = opts["model"]
    model = learned.load(name) if isinstance(name, str) else None
    if model is None:
        raise rule.error(f"no model named {name!r} is shipped (models: {', '.join(learned.available()) or 'none'})", "model")
    if opts["label"] not in model.labels:
        raise rule.error(f"model {name!r} has no label {opts['label']!r} (labels: {', '.join(model.labels)})", "label")
    threshold = opts["threshold"]
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0 < threshold < 1:
        raise rule.error("threshold must be a number between 0 and 1", "threshold")
    return ClassifierRunner(rule, model, opts["label"], float(threshold))
