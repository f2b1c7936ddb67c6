"""Variants of the defect model's language rows, compared across writers (round 20).

    python train/language_rows.py                      # the shipped recipe and every variant
    python train/language_rows.py base forms           # some of them

Language is the category the learned layer finds least of on held-out text. This script
refits only the language rows (the label, its kinds and its ``also`` part, as
``train/train.py`` makes them) on the tuning pool, five writer-grouped folds, once per
variant, and prints for each the cross-writer recall where the combined language score
flags at most 1.2% and 1.8% of clean sentences at precision 0.87 or more, and recall and
precision at fixed thresholds. Nothing is written; the shipped model is not touched.

Variants:
- ``base``: the shipped recipe (``train/train.py``: C 0.25, classes balanced);
- ``voices``: each voice's sentences weigh alike, defective against clean within a voice;
- ``no-words``: without lemma unigram and bigram features (characters, tags, parse only);
- ``c1``: C 1.0 instead of the shipped 0.25 (``train.DEFECT_C``);
- ``forms``: with lower-cased word bigrams added ("not_replied", "was_raise": the forms a
  lemma bigram loses).

Round 20's runs. Before held-out-19 joined the pool, recall at 1.2%: base 0.608, voices
0.607, no-words 0.564, c1 0.616, forms 0.620; forms flagged 11-14% fewer clean sentences at
each threshold from 0.60 to 0.86, recall within a point. With held-out-19 in the pool (this
script, base and forms): at 1.2% 0.631 and 0.648, at 1.8% 0.655 and 0.669. See the closing note of issue 10.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "train"))

from corpus import load as corpus  # noqa: E402
import train as T  # noqa: E402

VARIANTS = ("base", "voices", "no-words", "c1", "forms")
BUDGETS = (0.012, 0.018)
PRECISION = 0.87
THRESHOLDS = (0.65, 0.70, 0.75, 0.80, 0.85)


def form_bigrams(doc) -> list[str]:
    """Lower-cased word bigrams, IDs and numbers folded to their class (``features.token_class``)."""
    from appeal_lint.features import token_class

    forms = [token_class(t) or t.lower_ for t in doc if not (t.is_space or t.is_punct)]
    return [f"f={a}_{b}" for a, b in zip(forms, forms[1:])]


def pool():
    """(items, feature rows, form bigrams) of the tuning pool, as train.py's defect data reads it
    (the sentences of strong letters as clean ones; those have no form bigrams of their own here)."""
    items, rows = [], []
    for split in ("train", "dev"):
        i, r = T.defect_data(split)
        items += i
        rows += r
    texts = [T.strip_marker(s["text"]) for s in items]
    forms = [form_bigrams(doc) if s["text"] else [] for s, doc in zip(items, T.nlp().pipe(texts, batch_size=256))]
    return items, rows, forms


def language_scores(items, rows, variant: str) -> np.ndarray:
    """The combined language score of every input from models that never saw its writer
    (``train.out_of_fold`` over the language rows alone)."""
    labels = ["language"]
    parts = {"language": T.kind_parts(items, list(corpus.CATEGORIES))["language"]}
    C = 1.0 if variant == "c1" else T.DEFECT_C
    voices = np.array([s.get("voice", "letter") for s in items]) if variant == "voices" else None
    return T.combined(T.out_of_fold(rows, items, labels, parts, C, groups=voices), labels, parts)["language"]


def report(variant: str, score: np.ndarray, truth: np.ndarray, clean: np.ndarray) -> None:
    print(variant)
    for budget in BUDGETS:
        t = T.calibrate(score, truth, clean, budget, PRECISION)
        flagged = score >= t
        print(f"  clean budget {budget:.1%}: threshold {t:.2f}, recall {(flagged & truth).sum() / truth.sum():.3f}, "
              f"clean flagged {(flagged & clean).sum() / clean.sum():.2%}")
    for t in THRESHOLDS:
        flagged = score >= t
        print(f"  at {t:.2f}: recall {(flagged & truth).sum() / truth.sum():.3f}, precision "
              f"{(flagged & truth).sum() / max(1, flagged.sum()):.3f}, clean flagged {(flagged & clean).sum() / clean.sum():.2%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("variants", nargs="*", metavar="VARIANT", help=f"some of: {', '.join(VARIANTS)} (default: all)")
    args = parser.parse_args()
    variants = args.variants or list(VARIANTS)
    unknown = sorted(set(variants) - set(VARIANTS))
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(unknown)}; variants are: {', '.join(VARIANTS)}")
    items, rows, forms = pool()
    truth = np.array(["language" in s["labels"] for s in items])
    clean = np.array([not s["labels"] for s in items])
    print(f"{len(items)} inputs, {truth.sum()} with a language defect, {clean.sum()} clean; five writer-grouped folds")
    for variant in variants:
        if variant == "no-words":
            vrows = [[f for f in r if not f.startswith(("w=", "b="))] for r in rows]
        elif variant == "forms":
            vrows = [r + f for r, f in zip(rows, forms)]
        else:
            vrows = rows
        report(variant, language_scores(items, vrows, variant), truth, clean)
    return 0


if __name__ == "__main__":
    sys.exit(main())
