"""Judgement quality on the labelled development corpus (tests/corpus).

    python bench/quality.py            # the figures
    python bench/quality.py -v         # and every miss and false alarm, to study

Prints, per finding category, precision and recall over single sentences and whole
letters; false alarms on clean sentences; paragraph-role accuracy; how often a strong
letter scores above a weak one; grades of strong and weak letters; and how often the
suspension reason is recognised from the text.

Counting: a category is predicted for a sentence or letter when at least one finding of
that category has severity warning or error. For single sentences, findings about the
whole letter (too short, no root cause, ...) are left out: a sentence is not a letter.
Letters are linted with their labelled reason, as an agency would pass --reason.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
ROLE_CODES = {"G": "greeting", "A": "acknowledgement", "R": "root_cause", "T": "actions_taken", "P": "preventive_measures",
              "C": "closing", "S": "signature", "O": "off_topic", "X": "other"}
COUNTED = ("warning", "error")


def load_corpus():
    letters = yaml.safe_load((CORPUS / "letters.yaml").read_text(encoding="utf-8"))
    sentences = yaml.safe_load((CORPUS / "sentences.yaml").read_text(encoding="utf-8"))
    items = [(s["text"], set(s["categories"])) for group in sentences.values() for s in group]
    return letters, items


def categories(findings, letter_scope: bool) -> set[str]:
    return {f.category for f in findings if f.severity in COUNTED and (letter_scope or f.scope == "text")}


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r


def evaluate(verbose: bool = False) -> dict:
    from appeal_lint.engine import Engine
    from appeal_lint.model import CATEGORIES
    from appeal_lint.reasons import detect
    from appeal_lint.settings import Settings
    from appeal_lint.source import Source

    letters, sentences = load_corpus()
    engine = Engine(Settings())

    # sentences
    report = engine.lint_sources([Source("sentence.txt", text) for text, _ in sentences])
    counts = {c: Counter() for c in CATEGORIES}
    sent_counts = {c: Counter() for c in CATEGORIES}
    clean_total = clean_flagged = 0
    for (text, truth), file in zip(sentences, report.files):
        predicted = categories(file.findings, letter_scope=False)
        if not truth:
            clean_total += 1
            clean_flagged += bool(predicted)
        for c in CATEGORIES:
            key = "tp" if c in truth and c in predicted else "fp" if c in predicted else "fn" if c in truth else None
            if key:
                counts[c][key] += 1
                sent_counts[c][key] += 1
        if verbose and predicted != truth:
            found = [(f.rule, f.text) for f in file.findings if f.scope == "text" and f.severity in COUNTED]
            print(f"  sentence  want {sorted(truth)} got {sorted(predicted)}: {text!r} {found}")

    # letters
    letter_counts = {c: Counter() for c in CATEGORIES}
    roles_right = roles_total = 0
    grades = {"strong": [], "weak": []}
    reason_right = 0
    for name, label in letters.items():
        text = (CORPUS / "letters" / name).read_text(encoding="utf-8")
        engine.settings.reason, engine.settings.reason_source = label["reason"], "option"
        file = engine.lint_sources([Source(name, text)]).files[0]
        truth = set(label["categories"])
        predicted = categories(file.findings, letter_scope=True)
        for c in CATEGORIES:
            key = "tp" if c in truth and c in predicted else "fp" if c in predicted else "fn" if c in truth else None
            if key:
                counts[c][key] += 1
                letter_counts[c][key] += 1
        want_roles = [ROLE_CODES[r] for r in label["roles"].split()]
        got_roles = [r.role for r in file.roles]
        roles_total += len(want_roles)
        roles_right += sum(a == b for a, b in zip(want_roles, got_roles))
        grades[label["quality"]].append((name, file.grade.score, file.grade.letter))
        detected = detect(text)
        reason_right += detected == label["reason"]
        if verbose:
            if predicted != truth:
                extra = [(f.rule, f.text[:40]) for f in file.findings if f.category in predicted - truth and f.severity in COUNTED]
                print(f"  letter {name}: missing {sorted(truth - predicted)} extra {sorted(predicted - truth)} {extra}")
            for i, (a, b) in enumerate(zip(want_roles, got_roles)):
                if a != b:
                    print(f"  role   {name} block {i}: want {a} got {b}: {file.text[file.roles[i].start:file.roles[i].start + 60]!r}")
            if detected != label["reason"]:
                print(f"  reason {name}: want {label['reason']} detected {detected}")
    engine.settings.reason = None
    strong = grades["strong"]
    weak = grades["weak"]
    pairs = [(s[1] > w[1]) for s in strong for w in weak]
    heldout = []
    heldout_path = CORPUS / "heldout.yaml"
    if heldout_path.exists():
        items = yaml.safe_load(heldout_path.read_text(encoding="utf-8"))
        files = engine.lint_sources([Source("heldout.txt", h["text"]) for h in items]).files
        for h, file in zip(items, files):
            predicted = categories(file.findings, letter_scope=False)
            heldout.append((set(h["categories"]), predicted))
            if verbose and predicted != set(h["categories"]):
                found = [(f.rule, f.text) for f in file.findings if f.scope == "text" and f.severity in COUNTED]
                print(f"  heldout  want {sorted(h['categories'])} got {sorted(predicted)}: {h['text']!r} {found}")
    return {
        "heldout": heldout,
        "counts": counts, "sentences": sent_counts, "letters": letter_counts,
        "clean": (clean_flagged, clean_total), "roles": (roles_right, roles_total),
        "strong": strong, "weak": weak, "pairs": (sum(pairs), len(pairs)),
        "reason": (reason_right, len(letters)), "n_sentences": len(sentences), "n_letters": len(letters),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    result = evaluate(args.verbose)
    print(f"\ncorpus: {result['n_letters']} letters, {result['n_sentences']} sentences\n")
    print(f"{'category':<12} {'precision':>9} {'recall':>7}   {'sentences P/R':>15}   {'letters P/R':>13}   target >= 0.90")
    ok_all = True
    for c, cnt in result["counts"].items():
        p, r = prf(cnt["tp"], cnt["fp"], cnt["fn"])
        sp, sr = prf(result["sentences"][c]["tp"], result["sentences"][c]["fp"], result["sentences"][c]["fn"])
        lp, lr = prf(result["letters"][c]["tp"], result["letters"][c]["fp"], result["letters"][c]["fn"])
        ok = p >= 0.9 and r >= 0.9
        ok_all &= ok
        s_part = f"{sp:.2f}/{sr:.2f}" if sum(result["sentences"][c].values()) else "-"
        print(f"{c:<12} {p:>9.2f} {r:>7.2f}   {s_part:>15}   {lp:.2f}/{lr:.2f}       {'ok' if ok else 'MISSED'}")
    flagged, total = result["clean"]
    rate = flagged / total
    print(f"\nclean sentences flagged: {flagged}/{total} = {rate:.1%}   target <= 5%   {'ok' if rate <= 0.05 else 'MISSED'}")
    right, total = result["roles"]
    print(f"paragraph-role accuracy: {right}/{total} = {right / total:.2f}   target >= 0.90   {'ok' if right / total >= 0.9 else 'MISSED'}")
    won, pairs = result["pairs"]
    print(f"strong letter scores above weak letter: {won}/{pairs} = {won / pairs:.2f}")
    strong_ok = all(g in "AB" for _, _, g in result["strong"])
    weak_ok = all(g in "CDF" for _, _, g in result["weak"])
    print(f"strong letters graded A or B: {sum(g in 'AB' for _, _, g in result['strong'])}/{len(result['strong'])}   {'ok' if strong_ok else 'MISSED'}")
    print(f"weak letters graded C or below: {sum(g in 'CDF' for _, _, g in result['weak'])}/{len(result['weak'])}   {'ok' if weak_ok else 'MISSED'}")
    print("   strong:", " ".join(f"{n.split('.')[0]}={s}{g}" for n, s, g in result["strong"]))
    print("   weak:  ", " ".join(f"{n.split('.')[0]}={s}{g}" for n, s, g in result["weak"]))
    right, total = result["reason"]
    print(f"suspension reason recognised from the text: {right}/{total}")
    if result["heldout"]:
        pairs = result["heldout"]
        tp = sum(len(t & p) for t, p in pairs)
        fp = sum(len(p - t) for t, p in pairs)
        fn = sum(len(t - p) for t, p in pairs)
        p, r = prf(tp, fp, fn)
        clean = [p for t, p in pairs if not t]
        exact = sum(t == p for t, p in pairs)
        print(f"\nsecond-round sentences (tests/corpus/heldout.yaml): {len(pairs)}; all categories together precision {p:.2f}, recall {r:.2f}; "
              f"clean ones flagged {sum(bool(x) for x in clean)}/{len(clean)}; exactly right {exact}/{len(pairs)}")
        print("   (first scored before any rule change: precision 1.00, recall 0.55; the rules were then generalised")
        print("    from its misses, so it is no longer unseen text: write a fresh set to measure generalisation again)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
