"""Judgement quality on the labelled corpus (corpus/; see corpus/README.md).

    python bench/quality.py                 # dev (tuned) and held-out (honest) figures
    python bench/quality.py --split train   # also the training split
    python bench/quality.py -v              # and every miss and false alarm on held-out text

Sentences: each sentence is linted on its own, under a heading for the section it was
written for ("Actions taken", ...), three ways: the hand-written rules alone, the
learned model alone (the ``classifier`` rules) and both. A category counts as
predicted when a finding of that category with severity warning or error touches the
sentence; findings about the whole letter are left out (a sentence is not a letter).
Recall per category over the sentences labelled with it; false alarms over the clean
sentences (any category).

Sentences drawn from letters (a ``letter`` field naming a letter of the same split) are
also scored where they stand: the whole letter is linted once, as a user runs it (no
``--reason``), and a category counts as predicted when a finding of it touches the
sentence's span (the five sentence categories only: a paragraph's ``structure`` finding,
such as a run-on paragraph, covers every sentence in it and judges none of them). That
is the figure closest to real use; the sentence on its own under a heading is the one
comparable with sets written sentence by sentence.

Letters: sentence-role accuracy (every labelled sentence, by the role of the sentence
the linter found over most of it), per layout; headings found; strong letters with a
"missing section" error; findings per strong letter; strong scoring above weak; grade
classes; the suspension reason recognised from the text.

``dev`` was used to choose thresholds and was read while tuning rules: its figures
flatter. ``heldout`` was written after the model and rules were frozen: those are the
honest figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import load as corpus  # noqa: E402

COUNTED = ("warning", "error")
HEADINGS = {"root_cause": "Root cause", "actions_taken": "Actions taken", "preventive_measures": "Preventive measures"}
MISSING = ("structure.missing-root-cause", "structure.missing-actions", "structure.missing-prevention")


def engines():
    """Three engines over one loaded pipeline: rules alone, model alone, both."""
    from appeal_lint.engine import Engine
    from appeal_lint.ruleset import load_rules
    from appeal_lint.settings import Settings

    rules = load_rules()
    learned = [r for r in rules if r.type == "classifier"]
    return {
        "rules": Engine(Settings(), [r for r in rules if r.type != "classifier"]),
        "model": Engine(Settings(), learned),
        "both": Engine(Settings(), rules),
    }


def sentence_draft(item: dict) -> tuple[str, int]:
    """The sentence as a draft (under its section's heading) and where the sentence starts."""
    head = HEADINGS.get(item.get("section") or "")
    prefix = f"{head}\n" if head else ""
    return prefix + item["text"], len(prefix)


def predicted(file, start: int) -> set[str]:
    return {f.category for f in file.findings if f.scope == "text" and f.severity in COUNTED and f.end > start}


def score_sentences(engine, items):
    from appeal_lint.source import Source

    drafts = [sentence_draft(s) for s in items]
    report = engine.lint_sources([Source("sentence.txt", text) for text, _ in drafts])
    return [predicted(f, start) for f, (_, start) in zip(report.files, drafts)]


def _norm(text: str) -> str:
    return " ".join(text.split())


def in_letter_preds(engine, items, letters) -> tuple[list[int], list[set[str]]]:
    """For the sentences whose letter is given: (their indexes, the categories predicted
    with the sentence linted inside its whole letter). A sentence whose text is not one of
    its letter's labelled units is left out."""
    from appeal_lint.source import Source

    by_id = {x.id: x for x in letters}
    wanted = defaultdict(list)
    for i, s in enumerate(items):
        if s.get("letter") in by_id:
            wanted[s["letter"]].append(i)
    index, preds = [], []
    for letter_id, rows in wanted.items():
        letter = by_id[letter_id]
        file = engine.lint_sources([Source(letter_id + ".txt", letter.text)]).files[0]
        units = [u for u in letter.units if u.role not in ("heading", "greeting", "signature", "other")]
        used = set()
        for i in rows:
            key = _norm(items[i]["text"])
            k = next((k for k, u in enumerate(units) if k not in used and _norm(letter.text[u.start:u.end]) == key), None)
            if k is None:
                continue
            used.add(k)
            unit = units[k]
            index.append(i)
            preds.append({f.category for f in file.findings
                          if f.scope == "text" and f.severity in COUNTED and f.category in corpus.CATEGORIES
                          and f.start < unit.end and f.end > unit.start})
    return index, preds


def sentence_table(items, preds_by_mode) -> dict:
    out = {}
    clean = [i for i, s in enumerate(items) if not s["labels"]]
    for mode, preds in preds_by_mode.items():
        row = {}
        for c in corpus.CATEGORIES:
            pos = [i for i, s in enumerate(items) if c in s["labels"]]
            tp = sum(c in preds[i] for i in pos)
            fp = sum(c in preds[i] and c not in items[i]["labels"] for i in range(len(items)))
            row[c] = (tp / len(pos) if pos else float("nan"), tp / (tp + fp) if tp + fp else float("nan"), len(pos))
        row["clean_flagged"] = (sum(bool(preds[i]) for i in clean), len(clean))
        out[mode] = row
    return out


def print_sentence_table(title: str, table: dict) -> None:
    print(f"\n{title}")
    print(f"  {'':<8}" + "".join(f"{c:>13}" for c in corpus.CATEGORIES) + f"{'clean flagged':>16}")
    for mode, row in table.items():
        cells = "".join(f"{row[c][0]:>8.2f}/{row[c][1]:.2f}" for c in corpus.CATEGORIES)
        flagged, total = row["clean_flagged"]
        print(f"  {mode:<8}{cells}{flagged:>8}/{total} {flagged / max(1, total):.1%}")
    n = {c: table['both'][c][2] for c in corpus.CATEGORIES}
    print("  (recall/precision per category; sentences per category: " + ", ".join(f"{c} {v}" for c, v in n.items()) + ")")


def by_group(items, preds, key: str) -> dict[str, tuple[int, int]]:
    """Recall of defective sentences per value of ``key`` (voice, kind, subtle)."""
    hit, total = Counter(), Counter()
    for s, p in zip(items, preds):
        if not s["labels"]:
            continue
        k = str(s.get(key))
        total[k] += 1
        hit[k] += bool(s["labels"] & p)
    return {k: (hit[k], total[k]) for k in sorted(total)}


def _label_read(text: str, start: int) -> bool | None:
    """For a heading the writer put at the start of a paragraph ("Root cause: we ..."): whether
    the reader takes it as a label naming a part of the letter; None for any other heading."""
    from appeal_lint.draft import inline_label
    from appeal_lint.roles import heading_role

    end = text.find("\n", start)
    rest = text[start : end if end >= 0 else len(text)]
    label = inline_label(rest)
    if label is None or len(rest) <= len(label) + 2:
        return None  # a heading on a line of its own
    return heading_role(label) is not None


def letter_figures(engine, letters, verbose=False) -> dict:
    from appeal_lint.source import Source

    right, total = Counter(), Counter()
    headings_found = headings_total = labels_read = labels_total = 0
    missing_on_strong = []
    strong_counts, grades = [], defaultdict(list)
    reason_right = 0
    reason_unsure = 0
    for letter in letters:
        engine.settings.reason, engine.settings.reason_source = letter.reason, "option"
        file = engine.lint_sources([Source(letter.id + ".txt", letter.text)]).files[0]
        spans = file.sentences
        for u in letter.units:
            if u.role == "heading":
                headings_total += 1
                found = any(s.kind == "heading" and s.start < u.end and u.start < s.end for s in spans)
                label = _label_read(letter.text, u.start)
                headings_found += bool(found or label)
                labels_total += label is not None
                labels_read += bool(label)
                continue
            best, most = "none", 0
            for s in spans:
                overlap = min(u.end, s.end) - max(u.start, s.start)
                if overlap > most:
                    best, most = s.role, overlap
            total[letter.layout] += 1
            right[letter.layout] += best == u.role
            if verbose and best != u.role:
                print(f"  role {letter.id} ({letter.layout}): want {u.role} got {best}: {letter.text[u.start:u.start + 70]!r}")
        if letter.quality == "strong":
            missing = [f.rule for f in file.findings if f.rule in MISSING]
            if missing:
                missing_on_strong.append((letter.id, missing))
            strong_counts.append(sum(f.severity in COUNTED for f in file.findings))
        grades[letter.quality].append((letter.id, file.grade.score, file.grade.letter))
        engine.settings.reason = None
        detected = engine.lint_sources([Source(letter.id + ".txt", letter.text)]).files[0]
        reason_right += detected.reason == letter.reason
        reason_unsure += detected.reason is None
    strong, weak = grades["strong"], grades["weak"]
    pairs = [s[1] > w[1] for s in strong for w in weak]
    return {
        "roles": (right, total), "headings": (headings_found, headings_total), "labels": (labels_read, labels_total), "missing_on_strong": missing_on_strong,
        "strong_counts": strong_counts, "grades": grades, "pairs": (sum(pairs), len(pairs)),
        "reason": (reason_right, reason_unsure, len(letters)),
    }


def print_letters(title: str, fig: dict) -> None:
    right, total = fig["roles"]
    n = sum(total.values())
    print(f"\n{title}: sentence-role accuracy {sum(right.values())}/{n} = {sum(right.values()) / max(1, n):.3f}")
    for layout in sorted(total):
        print(f"  {layout:<22} {right[layout]:>4}/{total[layout]:<4} {right[layout] / total[layout]:.3f}")
    found, htotal = fig["headings"]
    read, ltotal = fig["labels"]
    print(f"  headings found: {found}/{htotal} (of them inline labels, \"Root cause: we ...\", read as a part: {read}/{ltotal})")
    print(f"  strong letters with a 'missing section' finding: {len(fig['missing_on_strong'])}"
          + (f"  {fig['missing_on_strong'][:6]}" if fig["missing_on_strong"] else ""))
    if fig["strong_counts"]:
        print(f"  warnings+errors per strong letter: median {statistics.median(fig['strong_counts'])}, max {max(fig['strong_counts'])}")
    won, pairs = fig["pairs"]
    if pairs:
        print(f"  strong scores above weak: {won}/{pairs} = {won / pairs:.3f}")
    for q in ("strong", "mediocre", "weak"):
        g = fig["grades"].get(q, [])
        if g:
            dist = Counter(x[2] for x in g)
            print(f"  {q:<9} grades: " + " ".join(f"{k}={dist[k]}" for k in "ABCDF") + f"   median score {statistics.median(x[1] for x in g)}")
    right_r, unsure, nl = fig["reason"]
    print(f"  reason recognised from the text: {right_r}/{nl} (no reason, asks for --reason: {unsure})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", action="append", choices=["train", "dev", "heldout"], help="splits to score (default dev and heldout)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms on held-out text")
    parser.add_argument("--no-letters", action="store_true")
    args = parser.parse_args()
    splits = args.split or ["dev", "heldout"]
    eng = engines()
    for split in splits:
        items = corpus.sentences(split)
        if not items:
            print(f"\n[{split}] no sentences")
            continue
        preds = {mode: score_sentences(e, items) for mode, e in eng.items()}
        print_sentence_table(f"[{split}] sentences: {len(items)}", sentence_table(items, preds))
        families = {"written one by one": [i for i, s in enumerate(items) if not s.get("letter")],
                    "drawn from letters": [i for i, s in enumerate(items) if s.get("letter")]}
        if all(families.values()):
            for name, idx in families.items():
                sub = [items[i] for i in idx]
                print_sentence_table(f"[{split}] of them {name}: {len(sub)}", sentence_table(sub, {m: [p[i] for i in idx] for m, p in preds.items()}))
        for key in ("voice", "subtle"):
            groups = by_group(items, preds["both"], key)
            print(f"  recall by {key}: " + ", ".join(f"{k} {h}/{t}={h / t:.2f}" for k, (h, t) in groups.items()))
        kinds = by_group(items, preds["both"], "kind")
        weak = sorted(((h / t, k, h, t) for k, (h, t) in kinds.items() if t >= 5))[:8]
        print("  weakest kinds (both): " + ", ".join(f"{k} {h}/{t}" for _, k, h, t in weak))
        if args.verbose and split == "heldout":
            for s, p in zip(items, preds["both"]):
                if p != s["labels"]:
                    print(f"  want {sorted(s['labels'])} got {sorted(p)} [{s['kind']}]: {s['text']!r}")
        letters = corpus.letters(split) if not args.no_letters else []
        drawn = [i for i, s in enumerate(items) if s.get("letter")]
        if drawn and letters:
            got = {mode: in_letter_preds(e, items, letters) for mode, e in eng.items()}
            index = got["both"][0]
            sub = [items[i] for i in index]
            print_sentence_table(f"[{split}] the same sentences in their letters: {len(sub)} of {len(drawn)} drawn from letters",
                                 sentence_table(sub, {mode: p for mode, (_, p) in got.items()}))
            alone = {mode: [preds[mode][i] for i in index] for mode in preds}
            print_sentence_table(f"[{split}] those {len(sub)} sentences on their own", sentence_table(sub, alone))
            if args.verbose and split == "heldout":
                for s, p in zip(sub, got["both"][1]):
                    if p != s["labels"]:
                        print(f"  in letter {s['letter']}: want {sorted(s['labels'])} got {sorted(p)} [{s['kind']}]: {s['text']!r}")
        if letters:
            print_letters(f"[{split}] letters: {len(letters)}", letter_figures(eng["both"], letters, args.verbose and split == "heldout"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
