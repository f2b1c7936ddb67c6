"""Grammar findings on whole letters: where they fall, and how many are right.

    python bench/grammar_precision.py                    # per-kind table
    python bench/grammar_precision.py --show spelling    # every finding of a kind, in context
    python bench/grammar_precision.py --sample 12        # a sample per kind to judge by eye
    python bench/grammar_precision.py --corpus DIR       # letters elsewhere (default: corpus/letters)

Runs the grammar rule alone (``--select grammar.check``) over the tagged letters of the
corpus (see corpus/README.md), and counts each grammar kind's findings on

- **strong** letters, written to be clean English: their findings are mostly false alarms;
- **lang** letters: weak or mediocre ones whose ``defects`` list names ``language``,
  where real errors were written in on purpose;
- **other** weak or mediocre letters (their English was not meant to be faulty).

Precision comes from judgement by eye: ``bench/grammar_judged.yaml`` records, for
findings of a sample, whether each is a real error (``ok: true``) or a false alarm. A
judged finding is recognised by its letter, kind, text and the words around it, so the
judgements survive when other findings come and go; findings nobody has judged are not
counted. ``--sample N`` prints up to N unjudged findings per kind in the file's format,
to judge and append. ``--all-kinds`` also shows kinds the rule reports as info (which
never count against a grade).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
JUDGED = Path(__file__).resolve().parent / "grammar_judged.yaml"


def load_letters(corpus: Path):
    """(id, group, text) for every letter; group is strong, lang or other."""
    sys.path.insert(0, str(corpus.parent))
    try:
        from load import parse_letter  # corpus/load.py of that corpus
    finally:
        sys.path.pop(0)
    out = []
    for path in sorted(corpus.rglob("*.txt")):
        try:
            letter = parse_letter(path.read_text(encoding="utf-8"), str(path))
        except Exception as exc:  # a file being written right now
            print(f"skipped {path.name}: {exc}", file=sys.stderr)
            continue
        quality = letter.meta.get("quality")
        defects = letter.meta.get("defects") or []
        group = "strong" if quality == "strong" else "lang" if "language" in defects else "other"
        out.append((letter.id, group, letter.text))
    return out


def context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"{left}[{text[start:end]}]{right}"


def key(letter_id: str, kind: str, ctx: str) -> tuple:
    return (letter_id, kind, " ".join(ctx.split()))


def run(letters, all_kinds: bool):
    from appeal_lint.engine import Engine
    from appeal_lint.settings import Settings
    from appeal_lint.source import Source

    engine = Engine(Settings(select=["grammar.check"]))
    report = engine.lint_sources([Source(f"{lid}.txt", text) for lid, _, text in letters])
    runner = next(r for rule, r in engine.compile() if rule.type == "grammar")
    found = []  # (letter id, group, kind, severity, context, message, backend rule)
    for (lid, group, text), file in zip(letters, report.files):
        backend_rules = {(i.start, i.end): i.source_rule for i in runner.issues(text)} if text in runner.pending else {}
        for f in file.findings:
            if not f.rule.startswith("grammar.") or (f.severity == "info" and not all_kinds):
                continue
            kind = f.rule.split(".")[-1]
            found.append((lid, group, kind, f.severity, context(text, f.start, f.end), f.message, backend_rules.get((f.start, f.end), "?")))
    return found


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default = ROOT / "corpus" / "letters"
    parser.add_argument("--corpus", type=Path, default=default, help=f"folder of tagged letters (default {default})")
    parser.add_argument("--show", metavar="KIND", help="print every finding of this kind or backend rule (or 'all')")
    parser.add_argument("--sample", type=int, default=0, metavar="N", help="print up to N unjudged findings per kind, to judge")
    parser.add_argument("--all-kinds", action="store_true", help="count info-level kinds too")
    parser.add_argument("--by-rule", action="store_true", help="one row per rule of the backend (Harper's rule names), not per kind")
    args = parser.parse_args(argv)

    letters = load_letters(args.corpus)
    groups = Counter(g for _, g, _ in letters)
    found = run(letters, args.all_kinds)
    judged = {}
    if JUDGED.exists():
        for item in yaml.safe_load(JUDGED.read_text(encoding="utf-8")) or []:
            judged[key(item["letter"], item["kind"], item["context"])] = bool(item["ok"])

    table = defaultdict(Counter)
    for lid, group, kind, severity, ctx, _, backend_rule in found:
        row = table[backend_rule if args.by_rule else kind]
        row[group] += 1
        verdict = judged.get(key(lid, kind, ctx))
        if verdict is not None:
            row["judged"] += 1
            row["right"] += verdict

    print(f"letters: {len(letters)} (strong {groups['strong']}, lang {groups['lang']}, other {groups['other']})")
    print(f"{'rule' if args.by_rule else 'kind':<26}{'strong':>8}{'/letter':>9}{'lang':>7}{'/letter':>9}{'other':>7}{'judged':>8}{'precision':>11}")
    total = Counter()
    for kind in sorted(table, key=lambda k: -sum(table[k][g] for g in groups)):
        row = table[kind]
        total.update(row)
        prec = f"{row['right'] / row['judged']:.2f}" if row["judged"] else "-"
        print(
            f"{kind:<26}{row['strong']:>8}{row['strong'] / max(groups['strong'], 1):>9.2f}{row['lang']:>7}"
            f"{row['lang'] / max(groups['lang'], 1):>9.2f}{row['other']:>7}{row['judged']:>8}{prec:>11}"
        )
    prec = f"{total['right'] / total['judged']:.2f}" if total["judged"] else "-"
    print(
        f"{'all':<26}{total['strong']:>8}{total['strong'] / max(groups['strong'], 1):>9.2f}{total['lang']:>7}"
        f"{total['lang'] / max(groups['lang'], 1):>9.2f}{total['other']:>7}{total['judged']:>8}{prec:>11}"
    )
    per_letter = Counter(lid for lid, group, *_ in found if group == "strong")
    strong_ids = [lid for lid, g, _ in letters if g == "strong"]
    clean = sum(1 for lid in strong_ids if not per_letter[lid])
    print(f"strong letters with no grammar finding: {clean}/{len(strong_ids)}")

    if args.show:
        for lid, group, kind, severity, ctx, message, backend_rule in found:
            if args.show in ("all", kind, backend_rule):
                mark = {True: "ok ", False: "FA ", None: "   "}[judged.get(key(lid, kind, ctx))]
                print(f"{mark}{lid:<10}{group:<7}{kind:<14}{backend_rule:<22}{ctx!r}  -- {message}")
    if args.sample:
        rng = random.Random(7)
        by_kind = defaultdict(list)
        for lid, group, kind, severity, ctx, message, _ in found:
            if key(lid, kind, ctx) not in judged:
                by_kind[kind].append((lid, group, kind, ctx, message))
        for kind, items in sorted(by_kind.items()):
            for lid, group, kind, ctx, message in rng.sample(items, min(args.sample, len(items))):
                print(f"- {{letter: {lid}, kind: {kind}, ok: ?, context: {yaml.safe_dump(ctx, default_style=chr(34)).strip()}}}  # {group}: {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
