"""``type: classifier`` - a finding from a learned model, one sentence at a time.

    model: defects        # a model shipped in appeal_lint/models/
    label: ownership      # one of its labels
    threshold: 0.8        # flag sentences whose probability reaches this
    letter_threshold: 0.6 # optional: the same, for the model's letter-context score

The model scores every sentence of the letter once per draft (whatever number of
rules read it); headings, the greeting and the signature are not scored, nor a sentence
that is only a sign-off's words ("Thank you very much." closing a paragraph). A finding
names the words that drove it, so the writer can see why. When a pattern rule of the
same category already flagged words in the sentence, the engine keeps that finding
and drops this one (see ``engine.merge_learned``).

When the model has a letter-context layer (``learned.LetterContext``) and the rule a
``letter_threshold``, a sentence in a letter of enough sentences is judged by its score read
beside its neighbours' against ``letter_threshold``; a sentence linted alone, or in a short
draft, by its own score against ``threshold``. A finding the layer made of a sentence that
stays under ``threshold`` on its own says so after the words that weighed: the sentences
around it tipped it (``{drivers}``, and ``{drivers_zh}`` for a Chinese message).
"""

from __future__ import annotations

from typing import Iterable

import numpy as np

from .. import learned
from ..draft import is_valediction
from .base import Context, Hit


class ClassifierRunner:
    def __init__(self, rule, model: learned.LinearModel, label: str, threshold: float,
                 letter_threshold: float | None = None):
        self.rule = rule
        self.model = model
        self.label = label
        self.threshold = threshold
        self.letter_threshold = letter_threshold if model.context is not None and label in model.context.index else None

    def _scored(self, ctx: Context):
        key = ("model", self.model.name)
        if key not in ctx.cache:
            scored = []
            for c, _role in ctx.sentences:
                if c.kind == "heading" or c.zone is not None or c.sent is None:
                    continue
                words = ctx.text[c.start : c.end]
                if is_valediction(words):
                    continue  # "Thank you very much." as the last sentence of a paragraph: a sign-off's words
                if not any(ch.isalnum() for ch in words):
                    continue  # a table row's closing "|" or a rule of dashes: nothing a writer said
                # the drivers of a finding are words a writer reads: no character n-grams
                scored.append((c, c.predicted(self.model), c.parts()[0]))
            in_letter = None
            if self.model.context is not None and scored:
                labels = self.model.labels
                P = np.array([[prediction.scores[label] for label in labels] for _, prediction, _ in scored])
                in_letter = self.model.context.scores(P)
            ctx.cache[key] = (scored, in_letter)
        return ctx.cache[key]

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        scored, in_letter = self._scored(ctx)
        for i, (c, prediction, feats) in enumerate(scored):
            read_in_letter = in_letter is not None and self.letter_threshold is not None
            if read_in_letter:
                p, threshold = float(in_letter[self.label][i]), self.letter_threshold
            else:
                p, threshold = prediction.scores[self.label], self.threshold
            if p < threshold:
                continue
            drivers = self.model.drivers(feats, self.label, part=prediction.kinds.get(self.label))
            shown = ", ".join(f"\u201c{d}\u201d" for d in drivers) if drivers else "the sentence as a whole"
            # the layer tipped it: on its own the sentence stays under its threshold
            tipped = read_in_letter and prediction.scores[self.label] < self.threshold
            yield Hit(c.start, c.end, {"text": ctx.text[c.start : c.end], "probability": f"{p:.0%}", "label": self.label,
                                       "drivers": shown + (", and the sentences around it" if tipped else ""),
                                       "drivers_zh": shown + ("，以及前后的句子" if tipped else "")})


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
    letter_threshold = opts.get("letter_threshold")
    if letter_threshold is not None and (isinstance(letter_threshold, bool) or not isinstance(letter_threshold, (int, float))
                                         or not 0 < letter_threshold < 1):
        raise rule.error("letter_threshold must be a number between 0 and 1", "letter_threshold")
    return ClassifierRunner(rule, model, opts["label"], float(threshold),
                            None if letter_threshold is None else float(letter_threshold))
