"""Train the learned layer from the corpus and write it into the package.

    pip install ".[train]"                 # scikit-learn, for training only
    python train/train.py                  # both models -> appeal_lint/models/{defects,roles}/
    python train/train.py defects --compare # also print the model families compared

Deterministic: fixed seeds, sorted inputs, a solver without randomness. Thresholds (the
ones the ``classifier`` rules start from) are calibrated on ``train`` scored across writers:
each writer's sentences by a model that never saw that writer (writers split into FOLDS
groups). ``dev`` picks the role model's regularisation. The shipped models are then fitted
on ``train`` and ``dev`` together; ``heldout`` is never read here, and its figures are the
honest ones.

The defect model has a row per category and a row per kind inside it (its *parts*, see
appeal_lint/learned.py): a category's score is the mean of its own probability and its
most probable kind's; the category rows alone are printed beside it, on the same folds.
``--compare`` also fits other linear learners on the same features and folds.

Models are written as model.json + weights.npy (see appeal_lint/learned.py): no pickle.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import load as corpus  # noqa: E402

SEED = 13
FOLDS = 5  # cross-writer folds (round 13; until then one fold per writer, too slow with a row per kind)
MIN_COUNT = 2  # a feature must occur in at least this many training inputs
MODELS = ROOT / "appeal_lint" / "models"
TARGET_PRECISION = 0.85  # thresholds: the lowest at which dev precision reaches this ...
CLEAN_BUDGET = 0.008  # ... and at most this share of clean dev sentences is flagged for the label
# Ownership gets a larger share: it is the category reviewers weigh most and the one the model
# misses most on held-out text (round 11: 0.78 with the rules, at precision 0.93). Its share
# (1.2% until round 11) was chosen on round 11's cross-writer scores so that the five labels
# together flag at most about 4.5% of clean sentences there (4.1%: ownership recall 0.70 ->
# 0.75; on round 12's pool 4.0% and 0.74); the rules add about 1.3% on held-out text, and the
# 5% limit is for both together.
# Language gets a larger share since round 16: on held-out sets its model findings were right 95-99%
# of the time (rounds 13-15) while its 0.8% share, not its precision, set the threshold; on round 16's
# pool (before its new sentences) 1.2% lifted cross-writer language recall from 0.58 to 0.61, the
# joint budget taking the room from the others (ownership 0.82 -> 0.80), and the suite's 90 plain
# clean sentences stayed at 4 flagged (1.5%: 0.63, but 5 of the 90).
# Round 18: ownership 1.6% -> 1.2%. At 1.6% round 18's model flagged two of the suite's 90 plain clean
# sentences as ownership ("Our Late Shipment Rate was 6.2%, above the 4% limit.", read as a metric given
# as the cause; 6 of the 90 in all, limit 4); at 1.2% its threshold is 0.66 instead of 0.63 and
# cross-writer ownership recall 0.815 instead of 0.830, under the joint budget either way. Changed after
# held-out-17 was commissioned and before any of it was read, on the suite's evidence alone.
# Round 20: language 1.2% -> 1.8% at precision 0.87, tone and focus 0.8% -> 0.6%. On held-out-16 to -18
# language was the one label under 0.85 (0.82, 0.82, 0.80) while tone (0.97-0.98) and focus (0.93-0.96)
# had room. Across writers on round 20's pool: language 0.58 -> 0.63 (threshold 0.84 -> 0.77, precision
# 0.90 -> 0.87), tone 0.967 -> 0.964, focus 0.923 -> 0.913, clean flagged 4.09% -> 4.17%. Tried on the
# language rows first, at the same clean budget, and left: each voice's sentences weighted alike (0.608
# -> 0.607), rows without word features (0.564), C 1.0 instead of 0.25 (0.616); Harper finds something in
# 8 of the 30 language sentences round 19 missed on held-out-18 (all spelling) and in 211 of its 472
# clean ones, too little to learn from.
# Then ownership 1.2% -> 1.1% (threshold 0.65 -> 0.66, cross-writer ownership 0.828 -> 0.822): at 0.65 round
# 20's model flagged 5 of the suite's 90 plain clean sentences (limit 4), one as ownership at 0.65 ("We did not
# buy labels through Buy Shipping, so late deliveries counted against us."). Changed after held-out-19 was
# commissioned and before any of it was read, on the suite's evidence alone.
# Round 21: specificity 0.8% -> 0.5%, tone and focus 0.6% -> 0.5%, language 1.8% -> 1.2% (precision 0.87), the
# joint budget 4.2% -> 3.8%. On held-out-19 5.7% of clean sentences got a warning (the model 4.4% at 4.1% across
# writers, the rules 1.3%), over the 5% limit, while specificity (0.99), tone (0.99) and focus (0.97) had room.
# Chosen on round 21's cross-writer scores (with the form features), against the round 20 budgets on the same
# scores: ownership 0.825 -> 0.834, tone 0.969 -> 0.963, specificity 0.924 -> 0.903, focus 0.922 -> 0.917,
# language 0.658 -> 0.635, clean flagged 4.14% -> 3.68%. Language's share went back to 1.2% because at 1.8%
# (threshold 0.73) and at precision 0.85 (0.70) the model flagged 5 of the suite's 90 plain clean sentences
# (limit 4: "We did not reply to the buyer within 24 hours." 0.77 and "The warehouse was closed for three
# days and we did not update the handling time." 0.75 as language); at 1.2% the threshold is 0.77 (4 of the 90).
# Round 22: language 1.2% -> 0.8%. With its row against clean inputs only (AGAINST_CLEAN) the model at 1.2%
# (threshold 0.75) flagged 6 of the suite's 90 plain clean sentences, 4 of them as language ("We were careful to
# refund every affected buyer within 48 hours." 0.819, "We did not reply to the buyer within 24 hours." 0.819,
# "The customer asked for a refund after the parcel arrived late." 0.814, "There were 14 late orders in the week
# of May 6." 0.772); at 0.8% the threshold is 0.82 (2 of the 90 flagged, neither as language). Cross-writer
# language recall 0.694 -> 0.645 (round 21's model at its 1.2%: 0.635), clean flagged 3.64% -> 3.27%. Changed
# after held-out-21 was commissioned and before any of it was read, on the suite's evidence alone.
# Round 28: language 0.8% -> 1.0%. Language is the one label under 0.85 on held-out sets (0.72-0.79 with the rules,
# rounds 25-27) while those sets flagged 2.8-3.0% of clean sentences, under the 5% limit. Across writers on round
# 28's pool: language 0.620 -> 0.638 (threshold 0.85 -> 0.83), clean flagged 3.26% -> 3.41%. 1.2% (threshold 0.80,
# 0.658, 3.61%) flagged 5 of the suite's 90 plain clean sentences (limit 4: "The warehouse was closed for three days
# and we did not update the handling time." 0.80 as language); at 1.0% 4 of the 90, the same 4 as at 0.8%. Chosen on
# the tuning pool's cross-writer scores and the suite's 90 sentences alone, before held-out-27 was commissioned: the
# largest of 0.8%, 1.0% and 1.2% that keeps the 90 at 4 or fewer and the five labels within JOINT_BUDGET.
# Round 29: unchanged. On round 29's cross-writer scores language at 1.2% (threshold 0.81, 0.653) and 1.4% (0.79,
# 0.664), with or without ownership lowered to 0.9% or 0.8% to make room, flagged 5 of the suite's 90 plain clean
# sentences ("We were careful to refund every affected buyer within 48 hours." as language); at 1.0% 4 (0.631).
# Round 30: language 1.0% -> 1.2%. Round 30's model (with native idiomatic clean sentences and native terse
# notes in its pool) flags 3 of the suite's 90 at 1.0% (threshold 0.83, cross-writer language 0.636) and 4 at
# 1.2% (0.80, 0.658; clean flagged across writers 3.45% -> 3.64%); 1.4% (0.78) flags 5.
# Round 31: language 1.2% -> 1.4%. Round 31's model (with long plain clean sentences and plain, simple correct
# ESL sentences in its pool) flags 3 of the suite's 90 at 1.2% (threshold 0.82, cross-writer language 0.642) and
# 4 at 1.4% (0.80, 0.655; clean flagged across writers 3.65% -> 3.59%, as the joint budget moves ownership from
# 0.58 to 0.60, its recall 0.876 -> 0.868); 1.6% (0.78 on the suite's sentences) flags 5.
# Round 32: unchanged. Its model flags 3 of the suite's 90 at 1.4% (language threshold 0.78) and at 1.6% (0.76);
# 1.6% lifts cross-writer language 0.676 -> 0.689 but moves ownership's threshold 0.59 -> 0.60 (0.867 -> 0.862),
# and ownership is what the letter-drawn sentences miss most (0.57 across writers on those writers, language 0.62).
# Round 34: focus 0.5% -> 0.4%. At the shipped shares round 34's model flagged 5 of the suite's 90 plain clean
# sentences (limit 4), one as focus at 0.45 ("We have sold this ASIN for two years and attach 3 invoices that
# cover all units.", threshold 0.42). At 0.4% focus's threshold is 0.46, and the five shares no longer need
# scaling down to fit JOINT_BUDGET: across writers ownership 0.848 -> 0.854 (threshold 0.61 -> 0.59), language
# 0.681 -> 0.687 (0.78 -> 0.77), focus 0.931 -> 0.925, clean flagged 3.63% -> 3.71%; 4 of the 90. (Lowering
# ownership to 1.0% or language to 1.2% instead also gives 4, at a cost to the label short of the target.)
# Changed after round 34's held-out sets were commissioned and before any of them was read, on the suite's
# evidence alone.
CLEAN_BUDGETS = {"ownership": 0.011, "language": 0.014, "tone": 0.005, "focus": 0.004, "specificity": 0.005}
# Language findings are about the surface of a sentence, and a false one on a correct plain
# sentence ("There were 14 late orders in the week of May 6.") costs the tool the writer's trust:
# its threshold holds precision at 0.90. (Round 12 tried 0.87 with a 1.1% share: cross-writer
# recall 0.58 -> 0.63, but 5 of the suite's 90 plain clean sentences were flagged as language.)
# Round 13 (a row per kind): at 0.90 the combined language score flagged 5 of those 90 again
# ("There were 14 late orders in the week of May 6."); 0.93 keeps cross-writer recall where
# round 12's category model had it at 0.90 (0.57-0.58).
# Round 14: with short plain clean sentences in the pool, 0.90 again (4 of the 90 flagged).
# Round 20: 0.87 (see CLEAN_BUDGETS); the suite's 90 plain clean sentences decide how far it can go.
# Round 22: 0.80. The language row now learns against clean sentences only (AGAINST_CLEAN) and flags more
# fluent sentences that carry another defect; those count against its precision here (0.815 across writers
# at 1.2% of clean sentences, 0.893 before), while the clean budget, not precision, still sets its threshold.
TARGET_PRECISIONS = {"language": 0.80}
# The five labels together: the per-label shares above are scaled down (in steps of 5%) until,
# across writers, at most this share of clean sentences gets any model finding. Round 13's kind
# rows flag fewer of the same clean sentences twice, so the same per-label shares added up to
# 4.6% (round 12's model: 4.0%); 4.2% keeps the model where it was and leaves the rest of the
# 5% limit to the hand-written rules.
JOINT_BUDGET = 0.038  # round 21 (see CLEAN_BUDGETS); 4.2% until then
# Round 32: sentences drawn from whole letters (a ``letter`` field: writers wrote letters first, then
# labelled every sentence in them) weigh this much more than sentences written one by one. Held-out-38,
# the first set of that kind, showed the models had learned the one-by-one family's shape of defect (the
# prototypical sentence: ownership 0.96-0.98 on those sets, 0.52 on this one). Chosen on the tuning pool
# alone, category rows only, at the shipped clean shares: the fourteen letter-drawn writers in two
# writer-grouped folds, twenty other writers in a third. Weight 4 against 1: letter-drawn ownership 0.524
# -> 0.541, specificity 0.833 -> 0.851, language 0.714 -> 0.718, tone 0.892 and focus 0.876 -> 0.870; on the
# other writers ownership and specificity unchanged, language 0.605 -> 0.613, tone 0.967 -> 0.963.
LETTER_WEIGHT = 4.0
DEFECT_C = 0.25  # the defect model's regularisation, chosen among 0.1-2.0 on cross-writer folds (see the closing note of issue 10)


def nlp():
    from appeal_lint.nlp import load
    from appeal_lint.settings import Settings

    return load(Settings().pipeline)


def strip_marker(text: str) -> str:
    """Terse sentences may keep their bullet; the linter parses bullets without it."""
    from appeal_lint.draft import _BULLET

    m = _BULLET.match(text)
    return text[m.end() :] if m else text


def sentence_inputs(items):
    from appeal_lint.features import sentence_features

    texts = [strip_marker(s["text"]) for s in items]
    out = []
    for item, doc in zip(items, nlp().pipe(texts, batch_size=256)):
        section = item.get("section")
        section = None if section in (None, "any") else section
        out.append(sentence_features(doc[:], section))
    return out


def vocabulary(rows: list[list[str]]) -> list[str]:
    counts = Counter(f for row in rows for f in set(row))
    return sorted(f for f, n in counts.items() if n >= MIN_COUNT)


def matrix(rows: list[list[str]], vocab: list[str]):
    from scipy.sparse import csr_matrix

    index = {f: i for i, f in enumerate(vocab)}
    indptr, indices = [0], []
    for row in rows:
        cols = sorted({index[f] for f in row if f in index})
        indices.extend(cols)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab)))


def save(name: str, kind: str, labels: list[str], vocab: list[str], coef: np.ndarray, bias: np.ndarray, extra: dict):
    folder = MODELS / name
    folder.mkdir(parents=True, exist_ok=True)
    weights = np.hstack([coef, bias.reshape(-1, 1)]).astype(np.float32)
    np.save(folder / "weights.npy", weights, allow_pickle=False)
    meta = {"name": name, "kind": kind, "labels": labels, "features": vocab, **extra}
    (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {folder}: {len(labels)} labels, {weights.shape[0]} rows x {len(vocab)} features")


def calibrate(scores: np.ndarray, truth: np.ndarray, clean: np.ndarray, budget: float = CLEAN_BUDGET,
              target: float = TARGET_PRECISION) -> float:
    """The lowest threshold at which precision reaches ``target`` and at most ``budget`` of
    the clean sentences are flagged for this label (five labels share the 5% false-alarm
    budget with the rules)."""
    return lowest_threshold(scores, truth, clean, budget * clean.sum(), target, step=0.01, top=0.99)


def lowest_threshold(scores, truth, clean, max_clean: float, min_precision: float, step: float, top: float) -> float:
    """The lowest threshold from 0.30 in steps of ``step``, below ``top``, at which at most ``max_clean``
    clean inputs are flagged and precision reaches ``min_precision``; ``top`` if none does."""
    for t in np.arange(0.30, top, step):
        pred = scores >= t
        tp = int((pred & truth).sum())
        if tp and tp / pred.sum() >= min_precision and (pred & clean).sum() <= max_clean:
            return round(float(t), 4)
    return top


# -- the defect model -----------------------------------------------------------
def writer(item: dict) -> str:
    """Who wrote it: the file prefix (s1-, l2-, ...). Folds are by writer, so thresholds
    are set on text from a writer the model did not learn from, as they will be used."""
    return Path(item.get("where", "x")).name.split("-")[0]


def defect_data(split: str):
    """(items, feature rows) of a split: labelled sentences plus every sentence of the
    strong letters as a clean one (the negatives a model meets most, in their sections)."""
    from appeal_lint.learned import defect_features

    items = corpus.sentences(split)
    rows = sentence_inputs(items)
    for letter in (x for x in corpus.letters(split) if x.quality == "strong"):
        for c, _ in letter_contexts([letter]):
            items.append({"labels": set(), "text": "", "where": letter.id})
            rows.append(defect_features(c))
    return items, rows


ALSO = "also"  # the part of a label learned from sentences that carry it beside another defect


def kind_parts(items, labels) -> dict[str, list[str]]:
    """The parts of each label: a row per kind of it that the corpus has ("ownership/denial"), and
    a row for the sentences that carry the label beside another category's defect ("language/also":
    a begging sentence written in Indian English, in the corpus as tone with ``also: [language]``).

    Why the last row (round 17): a kind row learns only the sentences written for its kind, so
    a sentence whose first defect is another category's scored low on every part of the label,
    and the mean of label and part (``combine``) kept it under the threshold. Across writers on
    round 17's pool (with its 885 new sentences, 480 of them a second defect written in a second
    language), language found 0.18 of the sentences where it is the second defect (0.63 where it
    is the first); with this row 0.30, ownership 0.25 -> 0.40, specificity 0.43 -> 0.62, focus
    0.39 -> 0.52, and in all language 0.58 -> 0.60, ownership 0.82 -> 0.83, at 4.1% of clean
    sentences flagged instead of 4.0%. (Before the new data: language 0.14 -> 0.25.)"""
    present = {(s.get("category"), s.get("kind")) for s in items}
    also = {c for s in items for c in s.get("also", ())}
    return {c: [f"{c}/{k}" for k in corpus.KINDS[c] if (c, k) in present] + ([f"{c}/{ALSO}"] if c in also else [])
            for c in labels}


# Labels whose own row learns their sentences against clean inputs only (round 22). Language is a
# defect of the surface that any sentence can carry beside another one, and the corpus marks it as a
# second defect only where the writer meant one ("also"): taught against every other input, the
# language row learned that the words of blame, pleading or off-topic content are not language,
# and a begging sentence with a slip scored low (across writers 0.45 of the sentences with language
# as a second defect found, 0.69 of the first). Against clean inputs only, on round 22's pool, five
# writer-grouped folds, at 1.2% of clean sentences flagged: language recall 0.647 -> 0.698 (second
# defect 0.452 -> 0.617, first 0.690 -> 0.717); the cost is language findings on fluent sentences
# with another defect (1.7% -> 5.4% of them), sentences a writer rewrites anyway.
AGAINST_CLEAN = {"language"}


def row_targets(items, labels, parts, against_clean=AGAINST_CLEAN):
    """(row name, targets, inputs used) for every row: a label learns from every input (a label in
    ``against_clean`` from its own sentences and the clean ones); a kind learns its own sentences
    against those free of its label (the label's other kinds are left out, so "blame of a carrier"
    is not taught that denial is clean); the ``also`` part learns the sentences that carry the
    label as a second defect, against those free of it."""
    out = []
    clean = np.array([not s["labels"] for s in items])
    for c in labels:
        y = np.array([c in s["labels"] for s in items])
        out.append((c, y, (y | clean) if c in against_clean else None))
    for c in labels:
        free = np.array([c not in s["labels"] for s in items])
        for r in parts[c]:
            k = r.split("/", 1)[1]
            if k == ALSO:
                pos = np.array([c in s.get("also", ()) for s in items])
            else:
                pos = np.array([s.get("category") == c and s.get("kind") == k for s in items])
            out.append((r, pos, pos | free))
    return out


def balanced_within(y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Sample weights under which every (group, class) pair weighs the same in all: groups alike,
    and the two classes alike within each group."""
    w = np.ones(len(y))
    pairs = set(zip(groups.tolist(), y.tolist()))
    n_groups = len({g for g, _ in pairs})
    for g, c in pairs:
        mask = (groups == g) & (y == c)
        w[mask] = len(y) / (2 * n_groups * mask.sum())
    return w


def letter_weights(items) -> np.ndarray:
    """Each input's weight: LETTER_WEIGHT for a sentence drawn from a letter, 1 for the rest."""
    return np.array([LETTER_WEIGHT if s.get("letter") else 1.0 for s in items])


def fit_rows(X, targets, C, groups: np.ndarray | None = None, item_weights: np.ndarray | None = None):
    """A logistic regression per row: (coefficients, biases, models) in row order. Classes weigh
    alike (``class_weight="balanced"``), or with ``groups`` (one per input) alike within every group
    (``balanced_within``; train/language_rows.py tries voices so); ``item_weights`` (one per input,
    ``letter_weights``) multiply either."""
    from sklearn.linear_model import LogisticRegression

    coefs, biases, models = [], [], []
    for _, y, use in targets:
        Xr, yr = (X, y) if use is None else (X[use], y[use])
        weights = None if groups is None else balanced_within(yr, groups if use is None else groups[use])
        if item_weights is not None:
            iw = item_weights if use is None else item_weights[use]
            weights = iw if weights is None else weights * iw
        model = LogisticRegression(C=C, solver="liblinear", max_iter=2000, random_state=SEED,
                                   class_weight="balanced" if groups is None else None)
        model.fit(Xr, yr, sample_weight=weights)
        coefs.append(model.coef_[0])
        biases.append(model.intercept_[0])
        models.append(model)
    return np.vstack(coefs), np.array(biases), models


def combined(row_scores: dict[str, np.ndarray], labels, parts) -> dict[str, np.ndarray]:
    """Each label's score from its rows, as appeal_lint.learned.LinearModel.predict makes it."""
    from appeal_lint.learned import combine

    return {c: combine(row_scores[c], [row_scores[r] for r in parts[c]]) for c in labels}


def _fold_scores(X, fold, targets, C, groups=None, item_weights=None):
    """One fold: fit every row on the other writers (features seen at least MIN_COUNT times
    among them) and score this fold's inputs."""
    train = ~fold
    cols = np.flatnonzero(X[train].getnnz(axis=0) >= MIN_COUNT)
    Xc = X[:, cols]
    out = {}
    fitted = fit_rows(Xc[train], [(n, y[train], None if u is None else u[train]) for n, y, u in targets], C,
                      None if groups is None else groups[train],
                      None if item_weights is None else item_weights[train])[2]
    for (name, y, use), model in zip(targets, fitted):
        out[name] = model.predict_proba(Xc[fold])[:, 1]
    return out


def writer_folds(items) -> list[np.ndarray]:
    """FOLDS boolean masks over ``items``, each holding whole writers (GroupKFold: deterministic)."""
    from sklearn.model_selection import GroupKFold

    groups = np.array([writer(s) for s in items])
    folds = []
    for _, test in GroupKFold(n_splits=FOLDS).split(items, groups=groups):
        fold = np.zeros(len(items), dtype=bool)
        fold[test] = True
        folds.append(fold)
    return folds


def out_of_fold(rows, items, labels, parts, C, groups=None, against_clean=AGAINST_CLEAN) -> dict[str, np.ndarray]:
    """Every row's score for every training input from a model that never saw its writer
    (``groups``: see ``fit_rows``; ``against_clean``: see ``row_targets``)."""
    from joblib import Parallel, delayed

    X = matrix(rows, sorted({f for row in rows for f in row}))  # each fold keeps its own MIN_COUNT columns
    targets = row_targets(items, labels, parts, against_clean)
    folds = writer_folds(items)
    weights = letter_weights(items)
    results = Parallel(n_jobs=2)(delayed(_fold_scores)(X, fold, targets, C, groups, weights) for fold in folds)
    scores = {name: np.zeros(len(items)) for name, _, _ in targets}
    for fold, result in zip(folds, results):
        for name, s in result.items():
            scores[name][fold] = s
    return scores


def cached_out_of_fold(rows, items, labels, parts, C, cache: str | None) -> dict[str, np.ndarray]:
    """``out_of_fold``, kept in ``cache`` (an .npz) when given, to try thresholds without refitting
    every fold: the file is reused only for the same inputs, labels, parts, folds and C."""
    import hashlib

    # a row's features as a sorted set: their order can follow Python's per-process string hashing
    key = hashlib.sha1(json.dumps([[s["text"], sorted(s["labels"]), writer(s), s.get("kind")] for s in items]
                                  + [labels, parts, C, FOLDS, LETTER_WEIGHT, [sorted(set(r)) for r in rows]]).encode()).hexdigest()
    names = labels + [r for c in labels for r in parts[c]]
    if cache and Path(cache).exists():
        data = np.load(cache, allow_pickle=False)
        if str(data["key"]) == key:
            print(f"  cross-writer scores read from {cache}")
            return {n: data[n.replace("/", ":")] for n in names}
    scores = out_of_fold(rows, items, labels, parts, C)
    if cache:
        np.savez(cache, key=np.array(key), **{n.replace("/", ":"): s for n, s in scores.items()})
        scores = {n: scores[n] for n in names}
    return scores


def evaluate(scores, truth, clean, labels):
    """Thresholds calibrated on cross-writer scores (each label within its share of the clean
    sentences, all of them within JOINT_BUDGET), and the recall and false alarms they give."""
    for scale in np.arange(1.0, 0.0, -0.05):
        thresholds = {c: calibrate(scores[c], truth[c], clean, scale * CLEAN_BUDGETS.get(c, CLEAN_BUDGET),
                                   TARGET_PRECISIONS.get(c, TARGET_PRECISION)) for c in labels}
        flagged = np.zeros(len(clean), dtype=bool)
        for c in labels:
            flagged |= scores[c] >= thresholds[c]
        false_alarm = float((flagged & clean).sum() / max(1, clean.sum()))
        if false_alarm <= JOINT_BUDGET:
            break
    recall = {c: float(((scores[c] >= thresholds[c]) & truth[c]).sum() / max(1, truth[c].sum())) for c in labels}
    return thresholds, recall, false_alarm


# -- the letter-context layer (round 33) ---------------------------------------
# A second, small logistic model per label over a sentence's own cross-writer score and the scores of
# the sentences around it in its letter (appeal_lint.learned.context_columns), fitted on the sentences
# drawn from whole letters. Tried on round 32's cross-writer scores before it was built (its 14
# letter-drawn writers, five writer-grouped folds, each label's letter threshold at no more clean
# false alarms and no lower precision than its sentence threshold has on those sentences): ownership
# 0.57 -> 0.73, tone 0.91 -> 0.91, specificity 0.83 -> 0.83, focus 0.94 -> 0.96, language 0.62 -> 0.68,
# clean letter sentences with any model finding 3.5% -> 2.9%. Classes weigh alike in its fit (without,
# its probabilities for the rarer labels stayed under the lowest threshold tried, 0.30).
CONTEXT_MIN_SENTENCES = 5  # a letter needs this many scored sentences for the layer to read it
CONTEXT_C = 1.0
# each letter threshold flags at most this share of the clean letter-drawn sentences that the sentence
# threshold flags (across writers); 0.8 cut language's gain from 0.05 to 0.04 and specificity's to -0.02
CONTEXT_FALSE_ALARM_SCALE = 1.0
# Round 34: the layer flagged fewer clean letter sentences in all than the sentence thresholds (round 33,
# across writers: 4.1% -> 3.6%); these labels, short of the target in letters, may spend part of that.
# On round 33's cross-writer scores, 1.5 gave language 0.67 -> 0.71 (clean flagged 41 -> 56 of 2,899,
# bound by its precision) and specificity 0.86 at 17 clean flagged (0.80 at 12, under its sentence
# threshold's 0.83, so the layer went unused for it); ownership, tone and focus found no more
# at any larger budget. Clean letter sentences flagged by any label: 4.1% with the sentence thresholds,
# 3.6% with the layer at 1.0, 4.2% with these. Chosen before round 34's held-out sets were written.
# Round 34's cross-writer scores (54 letter-drawn writers) at 1.0 / 1.25 / 1.5: language 0.70 / 0.73 / 0.74,
# specificity 0.87 / 0.88 / 0.89, clean letter sentences flagged 3.9% / 4.3% / 4.6% (the sentence thresholds
# 4.0%): 1.5 would leave too little room under the 5% limit on letters nobody here wrote (round 33's layer
# flagged 3.7% and 4.0% on its held-out letters for 3.6% across writers), so 1.25, chosen on these tuning
# scores before round 34's held-out sets were read (with the focus share below, the shipped layer: language
# 0.66 -> 0.73, specificity 0.85 -> 0.88, clean letter sentences flagged 4.0% -> 4.3%).
CONTEXT_FALSE_ALARM_SCALES = {"language": 1.25, "specificity": 1.25}
# Chosen on round 33's cross-writer scores (34 letter-drawn writers): holding each letter threshold to
# the sentence threshold's own precision on those sentences left ownership at 0.70 (clean flagged 15 of
# 2,899 where 22 were allowed); 0.03 less precision gives 0.76 at 21, tone 0.90 -> 0.91, focus 0.91 -> 0.94
# at 12 clean flagged instead of 18. A label whose letter threshold finds less across writers than its
# sentence threshold (specificity in round 33: 0.83 -> 0.80, bound by its clean budget) is left out.
CONTEXT_PRECISION_SLACK = 0.03


def letter_groups(items, minimum: int = CONTEXT_MIN_SENTENCES) -> list[np.ndarray]:
    """The indices of each letter's sentences among ``items``, in their order in the letter (the
    corpus keeps a letter's sentences in order), for letters with at least ``minimum`` of them."""
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(items):
        if s.get("letter"):
            groups.setdefault(s["letter"], []).append(i)
    return [np.array(g) for _, g in sorted(groups.items()) if len(g) >= minimum]


def context_matrix(P: np.ndarray, groups: list[np.ndarray], k: int) -> np.ndarray:
    from appeal_lint.learned import context_columns

    return np.vstack([context_columns(P[g], k) for g in groups])


def train_context(scores, items, truth, clean, labels, thresholds) -> tuple[dict, dict[str, float]]:
    """(the layer's meta for model.json, each label's letter threshold), from the cross-writer
    scores of the sentences drawn from letters; the thresholds from the layer's own cross-writer
    scores (GroupKFold over writers), the shipped coefficients from all of them."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    groups = letter_groups(items)
    idx = np.concatenate(groups)
    W = np.array([writer(items[i]) for i in idx])
    P = np.column_stack([scores[c] for c in labels])
    cl = clean[idx]
    meta = {"min_sentences": CONTEXT_MIN_SENTENCES, "C": CONTEXT_C, "labels": {},
            "false_alarm_scales": {c: CONTEXT_FALSE_ALARM_SCALES.get(c, CONTEXT_FALSE_ALARM_SCALE) for c in labels},
            "trained_on": {"letters": len(groups), "sentences": int(len(idx)), "writers": len(set(W))}}
    letter_thresholds: dict[str, float] = {}
    flagged_base = np.zeros(len(idx), dtype=bool)
    flagged_ctx = np.zeros(len(idx), dtype=bool)
    print(f"letter-context layer: {len(groups)} letters, {len(idx)} sentences, {len(set(W))} writers")
    for k, c in enumerate(labels):
        X = context_matrix(P, groups, k)
        y = truth[c][idx]
        oof = np.zeros(len(idx))
        for tr, te in GroupKFold(n_splits=FOLDS).split(X, y, groups=W):
            m = LogisticRegression(C=CONTEXT_C, max_iter=2000, random_state=SEED, class_weight="balanced").fit(X[tr], y[tr])
            oof[te] = m.predict_proba(X[te])[:, 1]
        base = scores[c][idx] >= thresholds[c]
        budget = int(CONTEXT_FALSE_ALARM_SCALES.get(c, CONTEXT_FALSE_ALARM_SCALE) * (base & cl).sum())
        # precision as the sentence threshold has it on these sentences, less a little (a letter's
        # other defects score high on every label, so the whole pool's target would cost most of
        # the recall); clean sentences are held to the budget above
        precision = min((base & y).sum() / max(1, base.sum()), TARGET_PRECISIONS.get(c, TARGET_PRECISION)) - CONTEXT_PRECISION_SLACK
        t = lowest_threshold(oof, y, cl, budget, precision, step=0.0025, top=0.995)  # its probabilities crowd near 1
        ctx = oof >= t
        recall_base, recall_ctx = (base & y).sum() / max(1, y.sum()), (ctx & y).sum() / max(1, y.sum())
        used = recall_ctx >= recall_base - 0.005
        flagged_base |= base
        flagged_ctx |= ctx if used else base
        print(f"  {c}: across writers recall {recall_base:.3f} -> {recall_ctx:.3f}, clean flagged {(base & cl).sum()} -> "
              f"{(ctx & cl).sum()} of {cl.sum()}; letter threshold {t}" + ("" if used else "; finds less: not used"))
        if not used:
            continue  # this label keeps its sentence threshold in letters too
        m = LogisticRegression(C=CONTEXT_C, max_iter=2000, random_state=SEED, class_weight="balanced").fit(X, y)
        meta["labels"][c] = {"coef": [round(float(v), 6) for v in m.coef_[0]], "bias": round(float(m.intercept_[0]), 6),
                             "cross_writer_recall": round(float((ctx & y).sum() / max(1, y.sum())), 3)}
        letter_thresholds[c] = t
    print(f"  any label: clean letter sentences flagged {(flagged_base & cl).sum() / max(1, cl.sum()):.4f} -> "
          f"{(flagged_ctx & cl).sum() / max(1, cl.sum()):.4f}")
    meta["clean_flagged"] = round(float((flagged_ctx & cl).sum() / max(1, cl.sum())), 4)
    return meta, letter_thresholds


def train_defects(compare: bool = False, cache: str | None = None) -> None:
    train, rows = defect_data("train")
    labels = list(corpus.CATEGORIES)
    parts = kind_parts(train, labels)
    truth = {c: np.array([c in s["labels"] for s in train]) for c in labels}
    clean = np.array([not s["labels"] for s in train])
    print(f"sentences: train {len(train)} (with the sentences of strong letters as clean ones), writers {sorted({writer(s) for s in train})}")
    C = DEFECT_C
    rows_scores = cached_out_of_fold(rows, train, labels, parts, C, cache)
    scores = combined(rows_scores, labels, parts)
    thresholds, recall, false_alarm = evaluate(scores, truth, clean, labels)
    print(f"  C={C}: cross-writer recall " + ", ".join(f"{c} {r:.2f}" for c, r in recall.items())
          + f"; clean flagged {false_alarm:.3f}; thresholds {thresholds}")
    # the same folds without the kind rows: what the parts add
    _, alone, alone_fa = evaluate({c: rows_scores[c] for c in labels}, truth, clean, labels)
    print("  category rows alone (no kinds): cross-writer recall " + ", ".join(f"{c} {r:.2f}" for c, r in alone.items())
          + f"; clean flagged {alone_fa:.3f}")
    context, letter_thresholds = train_context(scores, train, truth, clean, labels, thresholds)
    # thresholds come from the cross-writer scores above; the shipped model then learns from
    # every tuning sentence, dev included (the honest figures come from held-out sets)
    dev, dev_rows = defect_data("dev")
    vocab = vocabulary(rows + dev_rows)
    everything = train + dev
    coef, bias, _ = fit_rows(matrix(rows + dev_rows, vocab), row_targets(everything, labels, parts), C,
                             item_weights=letter_weights(everything))
    print(f"chosen C={C}; final model fitted on train + dev ({len(everything)}), {coef.shape[0]} rows")
    save("defects", "multilabel", labels, vocab, coef, bias, {
        "parts": parts,
        "trained_on": {"train": len(train), "dev": len(dev)}, "C": C, "seed": SEED, "letter_weight": LETTER_WEIGHT, "min_count": MIN_COUNT, "folds": FOLDS,
        "thresholds": thresholds, "target_precision": TARGET_PRECISION, "clean_budget": CLEAN_BUDGET, "clean_budgets": CLEAN_BUDGETS, "target_precisions": TARGET_PRECISIONS, "joint_budget": JOINT_BUDGET,
        "cross_writer": {"recall": {c: round(r, 3) for c, r in recall.items()}, "clean_flagged": round(float(false_alarm), 4)},
        "context": context, "letter_thresholds": letter_thresholds,
    })
    write_thresholds("defects", thresholds)
    write_thresholds("defects", letter_thresholds, key="letter_threshold")
    if compare:
        compare_families(rows, train, labels)


def compare_families(rows, items, labels) -> None:
    """Other linear learners on the same features, cross-writer, at their default threshold."""
    from sklearn.naive_bayes import BernoulliNB
    from sklearn.svm import LinearSVC

    clean = np.array([not s["labels"] for s in items])
    folds = writer_folds(items)
    for name, make in (
        ("linear SVM", lambda: LinearSVC(C=0.5, class_weight="balanced", random_state=SEED)),
        ("Bernoulli naive Bayes", lambda: BernoulliNB(alpha=0.5)),
    ):
        flagged = np.zeros(len(items), dtype=bool)
        recalls = []
        for c in labels:
            y = np.array([c in s["labels"] for s in items])
            pred = np.zeros(len(items), dtype=bool)
            for fold in folds:
                tr = [r for r, f in zip(rows, fold) if not f]
                vocab = vocabulary(tr)
                m = make().fit(matrix(tr, vocab), y[~fold])
                pred[fold] = m.predict(matrix([r for r, f in zip(rows, fold) if f], vocab)).astype(bool)
            recalls.append((pred & y).sum() / max(1, y.sum()))
            flagged |= pred
        print(f"  {name}: cross-writer mean recall {np.mean(recalls):.3f}, clean flagged {(flagged & clean).sum() / max(1, clean.sum()):.3f}")


def write_thresholds(model: str, thresholds: dict[str, float], key: str = "threshold") -> None:
    """Start every classifier rule of this model at its label's calibrated threshold (``key``:
    ``threshold``, or ``letter_threshold``, written under it when the rule has none yet; the rule
    files stay the place where users read and override them)."""
    import re

    for path in sorted((ROOT / "rules").rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if not re.search(rf"^type: classifier$", text, re.M) or not re.search(rf"^model: {model}$", text, re.M):
            continue
        label = re.search(r"^label: (\S+)$", text, re.M).group(1)
        if label not in thresholds and key != "threshold":
            new = re.sub(rf"^{key}: .*\n", "", text, flags=re.M)  # a label the layer leaves alone
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"  {path.relative_to(ROOT)}: no {key}")
        if label in thresholds:
            line = f"{key}: {thresholds[label]}"
            if re.search(rf"^{key}: ", text, re.M):
                new = re.sub(rf"^{key}: .*$", line, text, count=1, flags=re.M)
            else:
                new = re.sub(r"^(threshold: .*)$", rf"\1\n{line}", text, count=1, flags=re.M)
            if new != text:
                path.write_text(new, encoding="utf-8")
                print(f"  {path.relative_to(ROOT)}: {key} {thresholds[label]}")


# -- the role model ---------------------------------------------------------------
def letter_contexts(letters):
    """(SentenceContext, gold role) for every sentence the linter finds in the letters."""
    from appeal_lint.draft import Draft
    from appeal_lint.engine import _parse_text
    from appeal_lint.newlines import normalize
    from appeal_lint.roles import sentence_contexts

    out = []
    for letter in letters:
        text, _ = normalize(letter.text)
        draft = Draft(text)
        docs = list(nlp().pipe([_parse_text(b) for b in draft.blocks]))
        for c in sentence_contexts(draft.blocks, docs):
            gold = corpus.gold_role(letter, c.start, c.end)
            if gold and gold != "heading" and c.kind != "heading" and c.zone is None:
                out.append((c, gold))
    return out


def train_roles() -> None:
    from sklearn.linear_model import LogisticRegression

    from appeal_lint.roles import heuristic_role, role_features

    train = letter_contexts(corpus.letters("train"))
    dev = letter_contexts(corpus.letters("dev"))
    print(f"role sentences: train {len(train)}, dev {len(dev)}")
    rows = [role_features(c) for c, _ in train]
    vocab = vocabulary(rows)
    X, Xd = matrix(rows, vocab), matrix([role_features(c) for c, _ in dev], vocab)
    y = [g for _, g in train]
    yd = [g for _, g in dev]
    heuristic = np.mean([heuristic_role(c) == g for c, g in dev])
    print(f"  hand weights: dev accuracy {heuristic:.3f}")
    best = None
    for C in (0.25, 0.5, 1.0, 2.0):
        model = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
        model.fit(X, y)
        acc = float(np.mean(model.predict(Xd) == np.array(yd)))
        print(f"  C={C}: dev accuracy {acc:.3f}")
        if best is None or acc > best[0]:
            best = (acc, C, model)
    acc, C, model = best
    if acc <= heuristic:
        print("the learned role model does not beat the hand weights on dev: not shipped")
        return
    # C and the comparison with the hand weights come from dev; the shipped model learns from both
    rows_all = rows + [role_features(c) for c, _ in dev]
    vocab = vocabulary(rows_all)
    model = LogisticRegression(C=C, max_iter=3000, random_state=SEED).fit(matrix(rows_all, vocab), y + yd)
    print(f"chosen C={C}; final model fitted on train + dev ({len(rows_all)})")
    save("roles", "multiclass", list(model.classes_), vocab, model.coef_, model.intercept_, {
        "trained_on": {"train": len(train), "dev": len(dev)}, "C": C, "seed": SEED, "min_count": MIN_COUNT,
        "dev_accuracy": round(acc, 3), "dev_accuracy_hand_weights": round(float(heuristic), 3),
    })


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("which", nargs="*", metavar="defects|roles", help="which models (default: both)")
    parser.add_argument("--compare", action="store_true", help="also fit other model families on the same features")
    parser.add_argument("--scores", metavar="FILE.npz", help="keep the cross-writer scores here and reuse them while the corpus is unchanged")
    args = parser.parse_args()
    which = args.which or ["defects", "roles"]
    if set(which) - {"defects", "roles"}:
        parser.error("models are: defects, roles")
    if "defects" in which:
        train_defects(args.compare, args.scores)
    if "roles" in which:
        train_roles()
    return 0


if __name__ == "__main__":
    sys.exit(main())
