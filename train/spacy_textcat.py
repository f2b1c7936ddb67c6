"""The other model family: spaCy's own textcat_multilabel, trained with `spacy train`
and train/textcat.cfg on the same corpus splits, scored on dev the same way as the
linear model (thresholds calibrated to the same precision and false-alarm budget).

    python train/spacy_textcat.py            # writes build/textcat/ (not shipped), prints dev figures
    python train/spacy_textcat.py --heldout  # and the held-out figures, thresholds from dev

It is a comparison only: the README's "Judgement quality" section says which family
ships and why.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "train"))

from corpus import load as corpus  # noqa: E402
from train import calibrate, strip_marker  # noqa: E402

OUT = ROOT / "build" / "textcat"


def docbin(items, path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    db = DocBin()
    for item in items:
        doc = nlp.make_doc(strip_marker(item["text"]))
        doc.cats = {c: float(c in item["labels"]) for c in corpus.CATEGORIES}
        db.add(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)


def figures(nlp, items, thresholds=None):
    """Recall per category and the share of clean sentences flagged; thresholds are
    calibrated on these items when none are given (dev), else applied (held-out)."""
    docs = list(nlp.pipe(strip_marker(s["text"]) for s in items))
    clean = np.array([not s["labels"] for s in items])
    found, flagged = {}, np.zeros(len(items), dtype=bool)
    chosen = {}
    for c in corpus.CATEGORIES:
        scores = np.array([d.cats[c] for d in docs])
        truth = np.array([c in s["labels"] for s in items])
        t = calibrate(scores, truth, clean) if thresholds is None else thresholds[c]
        chosen[c] = t
        pred = scores >= t
        found[c] = ((pred & truth).sum() / max(1, truth.sum()), (pred & truth).sum() / max(1, pred.sum()))
        flagged |= pred
    return found, (flagged & clean).sum() / max(1, clean.sum()), chosen


def main() -> int:
    import spacy

    train, dev = corpus.sentences("train"), corpus.sentences("dev")
    docbin(train, OUT / "train.spacy")
    docbin(dev, OUT / "dev.spacy")
    subprocess.run([sys.executable, "-m", "spacy", "train", str(ROOT / "train" / "textcat.cfg"), "--output", str(OUT / "model"),
                    "--paths.train", str(OUT / "train.spacy"), "--paths.dev", str(OUT / "dev.spacy")], check=True)
    nlp = spacy.load(OUT / "model" / "model-best")
    splits = [("dev", dev)] + ([("heldout", corpus.sentences("heldout"))] if "--heldout" in sys.argv else [])
    thresholds = None
    for name, items in splits:
        found, clean, thresholds = figures(nlp, items, thresholds)
        for c, (recall, precision) in found.items():
            print(f"  [{name}] {c:<12} threshold {thresholds[c]:.2f} recall {recall:.3f} precision {precision:.3f}")
        mean = np.mean([r for r, _ in found.values()])
        print(f"spaCy textcat_multilabel [{name}]: mean recall {mean:.3f}, clean flagged {clean:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
