"""Exact and near duplicates in the sentence corpus (used by tests/test_corpus_data.py).

Two sentences are near duplicates when, after folding case, digits and punctuation,
their word sets overlap by at least ``THRESHOLD`` (Jaccard): the same frame with a
word or a number swapped. Candidates are pairs that share a word 4-gram, so the check
stays fast on tens of thousands of sentences.
"""

from __future__ import annotations

import re
from collections import defaultdict

THRESHOLD = 0.8
_WORD = re.compile(r"[a-z]+|0+")


def words(text: str) -> list[str]:
    return _WORD.findall(re.sub(r"\d", "0", text.lower()))


def near_duplicates(texts: list[str], threshold: float = THRESHOLD) -> list[tuple[int, int, float]]:
    tokens = [words(t) for t in texts]
    sets = [set(t) for t in tokens]
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, toks in enumerate(tokens):
        for gram in {tuple(toks[k : k + 4]) for k in range(max(1, len(toks) - 3))}:
            index[gram].append(i)
    pairs = set()
    for ids in index.values():
        if 1 < len(ids) < 200:
            for a in range(len(ids)):
                for b in range(a + 1, len(ids)):
                    pairs.add((ids[a], ids[b]))
    out = []
    for i, j in sorted(pairs):
        union = sets[i] | sets[j]
        score = len(sets[i] & sets[j]) / len(union) if union else 1.0
        if score >= threshold:
            out.append((i, j, score))
    return out
