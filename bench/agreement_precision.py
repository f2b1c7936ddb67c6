"""Precision of ``language.agreement`` on the labelled corpus, check by check.

    python bench/agreement_precision.py            # table per check
    python bench/agreement_precision.py --show subject_verb   # the sentences it fires on, by class

Runs the rule alone over every labelled sentence (corpus/sentences) and over the strong
letters, held-out ones included unless --no-heldout. A finding counts as right on a
sentence labelled ``language``; on a clean sentence it is a false alarm; on a sentence
labelled with another defect it is unclear (those were not written to be faulty
English, but second-language voices often are), so it is shown apart. On strong
letters every finding is printed, to judge by eye.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import load as corpus  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", help="print the sentences a check fires on")
    ap.add_argument("--no-heldout", action="store_true")
    args = ap.parse_args()

    from appeal_lint.engine import Engine
    from appeal_lint.ruleset import load_rules
    from appeal_lint.settings import Settings
    from appeal_lint.source import Source

    engine = Engine(Settings(), [r for r in load_rules() if r.id == "language.agreement"])
    items = [s for s in corpus.sentences() if not (args.no_heldout and s["split"] == "heldout")]
    report = engine.lint_sources([Source("s.txt", s["text"]) for s in items])
    table: dict[str, Counter] = defaultdict(Counter)
    shown = defaultdict(list)
    totals = Counter()
    for item, file in zip(items, report.files):
        cls = "grammar" if item["kind"] == "grammar" else "language" if "language" in item["labels"] else "clean" if not item["labels"] else "other"
        totals[cls] += 1
        kinds = {_check(f.message) for f in file.findings}
        for k in kinds:
            table[k][cls] += 1
            shown[(k, cls)].append(item["text"])
        if kinds:
            table["(any)"][cls] += 1
    print(f"sentences: {sum(totals.values())} ({', '.join(f'{k} {v}' for k, v in totals.items())})")
    print(f"{'check':20} {'grammar':>8} {'language':>9} {'other':>6} {'clean':>6}  precision (right / right+clean)")
    for k, c in sorted(table.items()):
        right = c["grammar"] + c["language"]
        prec = right / (right + c["clean"]) if right + c["clean"] else float("nan")
        print(f"{k:20} {c['grammar']:8} {c['language']:9} {c['other']:6} {c['clean']:6}  {prec:.2f}")
    print(f"grammar sentences found: {table['(any)']['grammar']}/{totals['grammar']}; clean sentences flagged: "
          f"{table['(any)']['clean']}/{totals['clean']} ({100 * table['(any)']['clean'] / max(totals['clean'], 1):.2f}%)")

    letters = [l for l in corpus.letters() if l.quality == "strong" and not (args.no_heldout and l.split == "heldout")]
    lrep = engine.lint_sources([Source(l.id, l.text) for l in letters])
    found = [(l, f) for l, file in zip(letters, lrep.files) for f in file.findings]
    print(f"strong letters: {len(letters)}, findings: {len(found)} (each printed to judge)")
    for l, f in found:
        print(f"  {l.id}:{f.line}: {f.message}")
    if args.show:
        for cls in ("clean", "other", "language", "grammar"):
            for text in shown[(args.show, cls)]:
                print(f"[{cls}] {text}")


def _check(message: str) -> str:
    """The check a finding came from, read back from its message."""
    from appeal_lint.analyzers.agreement import PROBLEMS

    for check, (en, _) in PROBLEMS.items():
        piece = max(re.split(r"\{[^}]*\}", en), key=len)  # the longest literal part of its wording
        if piece in message:
            return check
    return "?"


if __name__ == "__main__":
    main()
