"""The learned layer: linear models shipped inside the package, loaded offline.

A model is a folder ``appeal_lint/models/NAME/`` with two files that cannot run code:
``model.json`` (labels, the feature vocabulary, how it was trained and measured) and
``weights.npy`` (float32, one row per label plus a bias column; read with
``allow_pickle=False``). ``train/train.py`` writes them from the corpus with fixed
seeds; nothing is downloaded, ever.

Two kinds:
- ``multilabel``: an independent probability per label (sigmoid) - the sentence
  defect model, one label per finding category;
- ``multiclass``: one label per input (softmax) - the sentence-role model.

A multilabel model may also have *parts*: rows for the kinds inside a label
(``ownership/blame_carrier``, ``ownership/metric_as_cause``, ...), each trained on its
own kind against the sentences free of that label. A label's score is then the mean of
its own probability and its most probable part's (:func:`combine`): one linear model
per kind draws a sharper line than one for the whole category, whose defects (blame of
a carrier, a metric given as the cause, denial) have little in common. Round 13, across
writers on its pool (five writer-grouped folds): ownership recall 0.74 -> 0.80, focus 0.85 ->
0.90 at about the same share of clean sentences flagged; on held-out-12, with the rules,
ownership 0.79 -> 0.85 at 4.0% clean flagged instead of 4.6% (README, "Judgement quality").
Since round 17 a label also has an ``also`` part (``language/also``), learned from the sentences
that carry it as a second defect (a begging sentence in Indian English): the kind rows only knew
sentences written for their kind, so a second defect scored low on all of them.

Since round 33 the defect model may carry a *letter-context layer* (``context`` in its
``model.json``, :class:`LetterContext`): per label, a small logistic model over a sentence's own
score and its neighbours' and its letter's (:func:`context_columns`), learned from sentences
drawn from whole letters. A ``classifier`` rule with a ``letter_threshold`` judges the sentences
of a letter by it; a sentence linted alone keeps its own score and ``threshold``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from .features import readable, word_char_grams

MODELS_DIR = Path(__file__).resolve().parent / "models"


class ModelError(Exception):
    pass


@dataclass
class Prediction:
    scores: dict[str, float]  # label -> probability
    kinds: dict[str, str] = field(default_factory=dict)  # label -> its most probable part ("ownership/blame_carrier")

    def best(self) -> str:
        return max(self.scores, key=self.scores.get)


def combine(label, parts):
    """A label's score from its own probability and its parts': the mean of the label's and the
    likeliest part's. Numbers or numpy arrays (one score per input): training uses this too."""
    parts = list(parts)
    return (label + np.maximum.reduce(parts)) / 2 if parts else label


def context_columns(P: np.ndarray, k: int) -> np.ndarray:
    """The letter-context layer's inputs for label ``k`` of every sentence of one letter, from the
    sentences' own scores ``P`` (sentences x labels, in the letter's order): the sentence's own
    score as a logit, the mean of label ``k`` over the letter's other sentences, label ``k`` on
    the sentence before and the one after (0 at the letter's ends), then the mean of every other
    label over the other sentences. Training (train/train.py) and the linter both use this."""
    n, labels = P.shape
    p = np.clip(P[:, k], 1e-4, 1 - 1e-4)
    others = max(n - 1, 1)
    mean_others = (P.sum(axis=0)[None, :] - P) / others  # sentences x labels
    prev = np.concatenate([[0.0], P[:-1, k]])
    nxt = np.concatenate([P[1:, k], [0.0]])
    rest = [mean_others[:, d] for d in range(labels) if d != k]
    return np.column_stack([np.log(p / (1 - p)), mean_others[:, k], prev, nxt, *rest])


class LetterContext:
    """The letter-context layer (round 33): a second, small logistic model per label that reads a
    sentence's own score beside the scores of the sentences around it in its letter
    (``context_columns``). Defects cluster - an argued paragraph blames in several calm sentences
    in a row, a writer's slips of English recur through a letter - and a sentence read alone
    misses what its neighbours make plain. Used only in letters of at least ``min_sentences``
    scored sentences; a sentence linted alone keeps its own score. Stored in the defect model's
    ``model.json`` (``context``: per label, coefficients and a bias), so it can run no code."""

    def __init__(self, meta: dict, labels: list[str]):
        self.min_sentences = int(meta["min_sentences"])
        self.labels = [c for c in labels if c in meta["labels"]]
        self.index = {c: labels.index(c) for c in self.labels}
        self.coef = {c: np.asarray(meta["labels"][c]["coef"], dtype=np.float64) for c in self.labels}
        self.bias = {c: float(meta["labels"][c]["bias"]) for c in self.labels}
        width = len(labels) + 3
        if any(len(v) != width for v in self.coef.values()):
            raise ModelError(f"context layer: coefficients do not fit {len(labels)} labels")

    def scores(self, P: np.ndarray) -> dict[str, np.ndarray] | None:
        """Each label's probability for every sentence read in its letter, or None when the
        letter has too few sentences for the layer."""
        if len(P) < self.min_sentences:
            return None
        out = {}
        for c in self.labels:
            z = context_columns(P, self.index[c]) @ self.coef[c] + self.bias[c]
            out[c] = 1.0 / (1.0 + np.exp(-z))
        return out


class FeatureIndex:
    """Feature -> column for a vocabulary of a few hundred thousand strings, held as two arrays (the
    features' hashes, sorted, and their columns) instead of a dict and the strings themselves: the
    defect model's dict and vocabulary held about 30 MB, these arrays 4 MB. The hashes are Python's
    own string hashes, made in this process (a forked worker inherits them; the index refuses to be
    pickled). Two vocabulary features with one hash are looked up in a dict of their own; a feature
    outside the vocabulary whose 64-bit hash equals one inside it would be read as that one (about
    one lookup in 10^13 for a vocabulary of 250,000)."""

    _hash = staticmethod(hash)  # a test may put a coarser one here to make clashes

    def __init__(self, features: list[str]):
        hashes = np.fromiter(map(self._hash, features), dtype=np.int64, count=len(features))
        order = np.argsort(hashes, kind="stable")
        self._hashes = hashes[order]
        self._columns = order
        self._size = len(features)
        clash = np.flatnonzero(np.diff(self._hashes) == 0) if self._size > 1 else np.empty(0, dtype=np.int64)
        self._clash_hashes = set(self._hashes[clash].tolist())
        self._clashes = ({f: i for i, f in enumerate(features) if self._hash(f) in self._clash_hashes}
                         if self._clash_hashes else {})

    def __len__(self) -> int:
        return self._size

    def __reduce__(self):
        raise TypeError("a FeatureIndex holds this process's string hashes and cannot be pickled")

    def _search(self, features: list, ordered: bool):
        """The features' hashes (sorted when ``ordered``: the search then starts each one where the
        last ended, measured faster), their places in the sorted vocabulary and which are found."""
        h = np.fromiter(map(self._hash, features), dtype=np.int64, count=len(features))
        if ordered:
            h.sort()
        pos = np.minimum(np.searchsorted(self._hashes, h), self._size - 1)
        return h, pos, self._hashes[pos] == h

    def lookup(self, features) -> np.ndarray:
        """The column of each feature, in order, -1 for a feature outside the vocabulary."""
        features = features if isinstance(features, (list, tuple)) else list(features)
        if not features or not self._size:
            return np.full(len(features), -1, dtype=np.int64)
        _, pos, found = self._search(features, ordered=False)
        out = np.where(found, self._columns[pos], -1)
        if self._clash_hashes:
            for k, f in enumerate(features):
                if self._hash(f) in self._clash_hashes:
                    out[k] = self._clashes.get(f, -1)
        return out

    def columns(self, features) -> np.ndarray:
        """The columns of the features that are in the vocabulary, in no particular order."""
        features = features if isinstance(features, (list, tuple)) else list(features)
        if self._clash_hashes:
            cols = self.lookup(features)
            return cols[cols >= 0]
        if not features or not self._size:
            return np.empty(0, dtype=np.int64)
        _, pos, found = self._search(features, ordered=True)
        return self._columns[pos[found]]

    def get(self, feature: str) -> int | None:
        col = int(self.lookup([feature])[0])
        return None if col < 0 else col


class LinearModel:
    def __init__(self, meta: dict, weights: np.ndarray):
        self.meta = {k: v for k, v in meta.items() if k != "features"}  # the vocabulary lives in self.index
        self.name = meta["name"]
        self.kind = meta["kind"]
        self.labels: list[str] = meta["labels"]
        # rows of the weights: the labels, then their parts (multilabel only)
        self.parts: dict[str, list[str]] = meta.get("parts") or {}
        rows = self.labels + [r for label in self.labels for r in self.parts.get(label, ())]
        self.row: dict[str, int] = {r: i for i, r in enumerate(rows)}
        if len(self.row) != len(rows) or (self.parts and self.kind != "multilabel"):
            raise ModelError(f"{self.name}: parts must be distinct rows of a multilabel model")
        self.index = FeatureIndex(meta["features"])
        if weights.shape != (len(rows), len(self.index) + 1):
            raise ModelError(f"{self.name}: weights {weights.shape} do not fit {len(rows)} rows x {len(self.index)} features")
        # one row per feature (features x rows, C order): a sentence's few hundred features are
        # gathered as whole rows of the model's labels, not as one scattered column per label
        # (bench/learned_cost.py: the learned layer's share of a batch about 4 points lower)
        self.by_feature = np.ascontiguousarray(weights[:, :-1].T)
        self.bias = np.ascontiguousarray(weights[:, -1])
        self.context = LetterContext(meta["context"], self.labels) if meta.get("context") else None
        self._readable: dict[int, str | None] = {}  # column -> features.readable, filled as drivers meets them
        self._by_word: dict[str, np.ndarray] = {}  # word -> the columns of its character n-grams

    @classmethod
    def load(cls, folder: Path) -> "LinearModel":
        try:
            meta = json.loads((folder / "model.json").read_text(encoding="utf-8"))
            weights = np.load(folder / "weights.npy", allow_pickle=False)
        except (OSError, ValueError) as exc:
            raise ModelError(f"{folder}: {exc}") from None
        return cls(meta, weights.astype(np.float32, copy=False))

    WORD_CACHE = 50_000  # words whose n-gram columns are kept (a letter has a few hundred)

    def _columns(self, features: list[str], words: tuple[str, ...] = ()) -> np.ndarray:
        """The distinct columns of a sentence's features (binary: present or not), in column order,
        so that a sentence's sum does not depend on the order its features came in."""
        found = [self.index.columns(features)]
        by_word = self._by_word
        for w in words:
            cols = by_word.get(w)
            if cols is None:
                if len(by_word) >= self.WORD_CACHE:
                    by_word.clear()
                cols = by_word[w] = self.index.columns(word_char_grams(w))
            found.append(cols)
        return np.unique(np.concatenate(found))

    def logits(self, features: list[str], words: tuple[str, ...] = ()) -> np.ndarray:
        """``words``: lower-cased words whose character n-grams count as features too
        (features.feature_parts); the same as passing the n-grams in ``features``."""
        cols = self._columns(features, words)
        return self.by_feature.take(cols, axis=0).sum(axis=0) + self.bias

    def predict(self, features: list[str], words: tuple[str, ...] = ()) -> Prediction:
        z = self.logits(features, words)
        if self.kind == "multiclass":
            e = np.exp(z - z.max())
            p = e / e.sum()
            return Prediction({label: float(v) for label, v in zip(self.labels, p)})
        p = 1.0 / (1.0 + np.exp(-z))
        scores, kinds = {}, {}
        for label in self.labels:
            parts = self.parts.get(label)
            if parts:
                best = max(parts, key=lambda r: p[self.row[r]])
                kinds[label] = best
                scores[label] = float(combine(p[self.row[label]], [p[self.row[best]]]))
            else:
                scores[label] = float(p[self.row[label]])
        return Prediction(scores, kinds)

    def drivers(self, features: list[str], label: str, top: int = 3, part: str | None = None) -> list[str]:
        """The words of the input that pushed ``label`` up most, as a writer would read them
        (with ``part``, the words that pushed the label and that part of it up together)."""
        shown: dict[int, tuple[str, str]] = {}  # column -> (feature, its words): features a writer can read
        # character n-grams, most of a sentence's features, mean nothing to a writer
        readable_ones = [f for f in features if f[:2] != "c="]
        for f, i in zip(readable_ones, self.index.lookup(readable_ones).tolist()):
            if i >= 0 and i not in shown:
                words = self._words(i, f)
                if words:
                    shown[i] = (f, words)
        if not shown:
            return []
        rows = [self.row[label]] + ([self.row[part]] if part is not None else [])
        cols = np.fromiter(shown, dtype=np.int64, count=len(shown))
        weight = self.by_feature.take(cols, axis=0)[:, rows].sum(axis=1)
        entries = list(shown.values())  # in the order of cols
        out: list[str] = []
        # strongest first, equals in the order of their names: the first feature to name some
        # words carries their largest weight
        for k in sorted(range(len(entries)), key=lambda k: (-weight[k], entries[k][0])):
            if weight[k] <= 0:
                break
            words = entries[k][1]
            if any(words in o or o in words for o in out):
                continue  # "carrier" beside "carrier lose" says nothing new
            out.append(words)
            if len(out) == top:
                break
        return out

    def _words(self, column: int, feature: str) -> str | None:
        """``features.readable`` of a feature, made once per feature of the model (most are
        character n-grams, which have none)."""
        try:
            return self._readable[column]
        except KeyError:
            words = self._readable[column] = readable(feature)
            return words


def available() -> list[str]:
    return sorted(p.parent.name for p in MODELS_DIR.glob("*/model.json"))


@lru_cache(maxsize=None)
def load(name: str) -> LinearModel | None:
    """A shipped model by name, or None when the package has none of that name."""
    folder = MODELS_DIR / name
    if not (folder / "model.json").exists():
        return None
    return LinearModel.load(folder)


CORE_ROLES = ("root_cause", "actions_taken", "preventive_measures")

class RoleModel:
    """Sentence roles from the learned role model, over roles.SentenceContext.

    With a defect model beside it, a sentence the defect model is sure is off-topic (its
    ``focus`` label at 0.9, or the calibrated threshold if higher) is given the role
    ``off_topic`` whatever part of the letter it stands in: "Our shop has served 30,000
    happy customers since 2016" under "Root cause" is no root cause. A part is never
    emptied this way: the last sentence of a root cause, actions or prevention part
    keeps its role, so this can never produce a "missing part" finding."""

    # The role model has learned off-topic sentences from the letters themselves; the defect
    # model overrides it only when it is sure. At the focus rule's own threshold (0.63 in round
    # 7) the override cost more than it gave: on the 24 letters of held-out-6, read by models
    # that never saw them, roles were right 0.917 with it and 0.923 without or at 0.9.
    OVERRIDE_FLOOR = 0.9

    def __init__(self, model: LinearModel, defects: LinearModel | None = None):
        self.model = model
        self.defects = defects
        threshold = (defects.meta.get("thresholds") or {}).get("focus") if defects is not None else None
        self.focus_threshold = max(threshold, self.OVERRIDE_FLOOR) if threshold is not None else None

    def predict(self, contexts) -> list[str]:
        from .roles import heuristic_role, role_features

        out = []
        for c in contexts:
            if c.zone is not None or c.kind == "heading":
                out.append(heuristic_role(c))  # layout decides these; the model reads sentences
                continue
            if c.label and c.first_in_block:
                out.append(c.label)  # "Preventive measures: from June 1 ..." says what it is
                continue
            out.append(self.model.predict(role_features(c)).best())
        if self.focus_threshold is not None:
            self._off_topic(contexts, out)
        return out

    def _off_topic(self, contexts, roles: list[str]) -> None:
        flagged = [
            i for i, c in enumerate(contexts)
            if c.zone is None and c.kind != "heading" and c.sent is not None and roles[i] not in ("off_topic", "greeting", "signature")
            and c.predicted(self.defects).scores["focus"] >= self.focus_threshold
        ]
        for i in flagged:
            if roles[i] in CORE_ROLES and sum(1 for r in roles if r == roles[i]) < 2:
                continue
            roles[i] = "off_topic"


def role_model() -> RoleModel | None:
    model = load("roles")
    return RoleModel(model, load("defects")) if model is not None else None


def defect_features(context) -> list[str]:
    """Features of a sentence for the defect model (``context``: roles.SentenceContext), as
    training reads them."""
    return context.features()
