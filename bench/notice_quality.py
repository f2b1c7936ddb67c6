"""How well appeal-lint reads Amazon's notices and checks letters against them.

    python bench/notice_quality.py        # the figures
    python bench/notice_quality.py -v     # and every difference, to study

Prints:
1. parsing, per field, over corpus/notices (the expected parse beside each notice): the
   share of notices with the field that are parsed exactly right, and the share without
   it where a value is invented; the parse time per notice;
2. the notice rules on corpus/notices/pairs: what each letter must trigger, and what fires;
3. false alarms of the rules that judge the letter's content (policy mismatch, policy not
   named, old invoices) on the strong letters of tests/corpus, each paired with every
   corpus notice of its reason: those letters answer that kind of notice, so these rules
   should stay silent. (ID, figure and document rules do fire there, rightly: the letters
   were not written for those particular notices.)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

CONTENT_RULES = ("AL853", "AL854", "AL858")


def parsing(verbose: bool) -> None:
    from appeal_lint.notice import parse
    from notice_corpus import FIELDS, cases, compare, observed

    all_cases = cases()
    have, right, lack, invented = Counter(), Counter(), Counter(), Counter()
    for path, expected in all_cases:
        diff = compare(expected, observed(path))
        for field in FIELDS:
            if expected.get(field) not in (None, [], {}):
                have[field] += 1
                right[field] += diff.get(field) != "missed"
            else:
                lack[field] += 1
                invented[field] += diff.get(field) == "extra"
        if verbose:
            for field, kind in diff.items():
                print(f"  {path.name}: {field} {kind}")
    print(f"1. parsing: {len(all_cases)} notices")
    print(f"   {'field':<20} {'right':>12} {'invented':>12}")
    for field in FIELDS:
        r = f"{right[field]}/{have[field]}" if have[field] else "-"
        i = f"{invented[field]}/{lack[field]}" if lack[field] else "-"
        print(f"   {field:<20} {r:>12} {i:>12}")
    texts = [p.read_text(encoding="utf-8") for p, _ in all_cases]
    start = time.perf_counter()
    for _ in range(5):
        for text in texts:
            parse(text)
    print(f"   parse time: {(time.perf_counter() - start) / (5 * len(texts)) * 1000:.2f} ms per notice")


def pairs(engine, verbose: bool) -> None:
    from appeal_lint.api import lint_paths

    folder = ROOT / "corpus" / "notices" / "pairs"
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    ok = 0
    for name, spec in sorted(expected.items()):
        report = lint_paths([str(folder / f"{name}.txt")], engine=engine).files[0]
        fired = sorted({f.code for f in report.findings if f.rule.startswith("notice.")})
        good = fired == sorted(spec["flags"])
        ok += good
        if verbose or not good:
            print(f"  {name}: expected {spec['flags']}, fired {fired}")
    print(f"2. pairs: {ok}/{len(expected)} letters trigger exactly the notice rules expected")


def false_alarms(engine, verbose: bool) -> None:
    from appeal_lint.source import Source

    labels = yaml.safe_load((ROOT / "tests" / "corpus" / "letters.yaml").read_text(encoding="utf-8"))
    notices: dict[str, list[str]] = {}
    for path in sorted((ROOT / "corpus" / "notices").glob("*.txt")):
        reason = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8")).get("reason")
        notices.setdefault(reason, []).append(path.read_text(encoding="utf-8"))
    n, fired = 0, Counter()
    for name, label in labels.items():
        if label["quality"] != "strong":
            continue
        text = (ROOT / "tests" / "corpus" / "letters" / name).read_text(encoding="utf-8")
        for notice in notices.get(label["reason"], []):
            n += 1
            report = engine.lint_sources([Source(name, text, notice=notice)]).files[0]
            for f in report.findings:
                if f.code in CONTENT_RULES:
                    fired[f.code] += 1
                    if verbose:
                        print(f"  {name}: {f.code} {f.message}")
    shown = ", ".join(f"{code} {fired[code]}" for code in CONTENT_RULES)
    print(f"3. false alarms on {n} pairs of a strong letter and a notice of its reason: {shown}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    from appeal_lint.engine import Engine
    from appeal_lint.settings import Settings

    parsing(args.verbose)
    engine = Engine(Settings(grammar=False))
    pairs(engine, args.verbose)
    false_alarms(engine, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
