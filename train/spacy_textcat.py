"""The other model family: spaCy's own textcat_multilabel, trained with `spacy train`
and train/textcat.cfg on the same corpus splits, scored on dev the same way as the
linear model (thresholds calibrated to the same precision and false-alarm budget).

    python train/spacy_textcat.py          # writes build/textcat/ (not shipped), prints dev figures

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


def main() -> int:
    import spacy

    train, dev = corpus.sentences("train"), corpus.sentences("dev")
    docbin(train, OUT / "train.spacy")
    docbin(dev, OUT / "dev.spacy")
    subprocess.run([sys.executable, "-m", "spacy", "train", str(ROOT / "train" / "textcat.cfg"), "--output", str(OUT / "model"),
                    "--paths.train", str(OUT / "train.spacy"), "--paths.dev", str(OUT / "dev.spacy")], check=True)
    nlp = spacy.load(OUT / "model" / "model-best")
    docs = list(nlp.pipe(strip_marker(s["text"]) for s in dev))
    clean = np.array([not s["labels"] for s in dev])
    recalls, flagged = [], np.zeros(len(dev), dtype=bool)
    for c in corpus.CATEGORIES:
        scores = np.array([d.cats[c] for d in docs])
        truth = np.array([c in s["labels"] for s in dev])
        t = calibrate(scores, truth, clean)
        pred = scores >= t
        recalls.append((pred & truth).sum() / max(1, truth.sum()))
        flagged |= pred
        print(f"  {c:<12} threshold {t:.2f} recall {recalls[-1]:.3f}")
    print(f"spaCy textcat_multilabel: dev mean recall {np.mean(recalls):.3f}, clean flagged {(flagged & clean).sum() / max(1, clean.sum()):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
