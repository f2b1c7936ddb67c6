"""Grammar findings on whole letters: where they fall, and how many are right.

    python bench/grammar_precision.py                    # per-kind table
    python bench/grammar_precision.py --show spelling    # every finding of a kind, in context
    python bench/grammar_precision.py --sample 12        # a sample per kind to judge by eye
    python bench/grammar_precision.py --corpus DIR       # letters elsewhere (default: corpus/letters)
    python bench/grammar_precision.py --by-rule          # one row per Harper rule, not per kind
    python bench/grammar_precision.py --sentences        # clean vs. language-defective sentences

Runs the grammar rule alone (``--select grammar.check``) over the tagged letters of the
corpus (see corpus/README.md), and counts each grammar kind's findings on

- **strong** letters, written to be clean English: their findings are mostly false alarms;
- **lang** letters: weak or mediocre ones whose ``defects`` list names ``language``,
  where real errors were written in on purpose;
- **other** weak or mediocre letters (their English was not meant to be faulty).

Precision comes from judgement by eye: ``bench/grammar_judged.yaml`` records, for
findings of a sample, whether each is a real error (``ok: true``) or a false alarm. A
judged finding is recognised by its letter and the words around it, so the judgements
survive when other findings come and go (or change kind); findings nobody has judged
are not counted. ``--sample N`` prints up to N unjudged findings per kind in the file's format,
to judge and append. ``--all-kinds`` also shows kinds the rule reports as info (which
never count against a grade).
"""

from __future__ import annotations

import argparse
import json
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


def load_sentences(folder: Path):
    """(where, group, text) for the clean and the language-defective labelled sentences
    (see corpus/README.md); group is clean or lang."""

    out = []
    for path in sorted(folder.rglob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:  # a line being written right now
                continue
            group = {"clean": "clean", "language": "lang"}.get(item.get("category"))
            if group:
                out.append((f"{path.stem}:{n}", group, item["text"]))
    return out


def context(text: str, start: int, end: int, width: int = 30) -> str:
    left = text[max(0, start - width) : start].split("\n")[-1]
    right = text[end : end + width].split("\n")[0]
    return f"{left}[{text[start:end]}]{right}"


def key(letter_id: str, kind: str, ctx: str) -> tuple:
    """A judged finding is known by its letter and the words around it; not by its kind,
    so that a judgement holds when a finding changes kind (spelling -> unknown_word)."""
    return (letter_id, " ".join(ctx.split()))


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
    parser.add_argument("--sentences", action="store_true",
                        help="count findings on the labelled sentences instead (clean ones vs. language-defective ones), from the corpus's sentences/ folder")
    args = parser.parse_args(argv)

    if args.sentences:
        return sentence_table(args)
    letters = load_letters(args.corpus)
    if not letters:
        print(f"no letters in {args.corpus} (use --corpus DIR)", file=sys.stderr)
        return 2
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
                print(f"- {{letter: {lid}, kind: {kind}, ok: ?, context: {json.dumps(ctx, ensure_ascii=False)}}}  # {group}: {message}")
    return 0


def sentence_table(args) -> int:
    """Each grammar kind's findings on clean sentences (false alarms: they were written
    clean) and on language-defective ones (Chinglish, Indian English, grammar, false
    friends: mostly right, though a finding may sit on another word than the defect)."""
    items = load_sentences(args.corpus.parent / "sentences")
    groups = Counter(g for _, g, _ in items)
    found = run(items, args.all_kinds)
    table = defaultdict(Counter)
    hit_sentences = defaultdict(set)
    for where, group, kind, severity, ctx, message, backend_rule in found:
        name = backend_rule if args.by_rule else kind
        table[name][group] += 1
        hit_sentences[(name, group)].add(where)
    print(f"sentences: clean {groups['clean']}, language-defective {groups['lang']}")
    print(f"{'rule' if args.by_rule else 'kind':<26}{'clean':>7}{'per 1k':>8}{'lang':>7}{'sentences':>11}{'share on lang':>15}")
    total = Counter()
    for name in sorted(table, key=lambda k: -(table[k]["clean"] + table[k]["lang"])):
        row = table[name]
        total.update(row)
        share = row["lang"] / (row["lang"] + row["clean"]) if row["lang"] + row["clean"] else 0
        print(f"{name:<26}{row['clean']:>7}{1000 * row['clean'] / max(groups['clean'], 1):>8.1f}{row['lang']:>7}"
              f"{len(hit_sentences[(name, 'lang')]):>11}{share:>15.2f}")
    share = total["lang"] / (total["lang"] + total["clean"]) if total["lang"] + total["clean"] else 0
    print(f"{'all':<26}{total['clean']:>7}{1000 * total['clean'] / max(groups['clean'], 1):>8.1f}{total['lang']:>7}{'':>11}{share:>15.2f}")
    flagged = len({w for w, g, *_ in found if g == "clean"})
    print(f"clean sentences with a grammar finding: {flagged}/{groups['clean']}")
    if args.show:
        for where, group, kind, severity, ctx, message, backend_rule in found:
            if args.show in ("all", kind, backend_rule):
                print(f"{where:<14}{group:<7}{kind:<14}{backend_rule:<22}{ctx!r}  -- {message}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
