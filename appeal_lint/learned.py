"""The learned layer: linear models shipped inside the package, loaded offline.

A model is two files in ``appeal_lint/models/NAME/``: ``model.json`` (labels, the
feature vocabulary, thresholds, how it was trained) and ``weights.npy`` (a float32
matrix, one row per label, read with ``allow_pickle=False``). Neither can run code.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent / "models"


@lru_cache(maxsize=None)
def role_model():
    """The sentence-role model, or None when the package ships none."""
    return None
