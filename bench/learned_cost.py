"""What the learned layer costs: batch time, a language-server re-lint, peak memory.

    python bench/learned_cost.py              # 200 letters from examples/ and the corpus
    python bench/learned_cost.py --letters 100

Each figure is measured with every rule and with the ``classifier`` rules (and the
learned role model) switched off, in fresh processes, runs alternating, median of
three. Targets (issue 10): batch time +15% at most, a re-lint +30 ms at most, peak
memory +100 MB at most. Figures, not tests: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from corpus import load
from appeal_lint import learned
from appeal_lint.engine import Engine
from appeal_lint.ruleset import load_rules
from appeal_lint.settings import Settings
from appeal_lint.source import Source

learned_on = {learned_on}
n = {n}
rules = [r for r in load_rules() if learned_on or r.type != "classifier"]
if not learned_on:
    learned.role_model = lambda: None  # the hand weights, as before the learned layer
letters = [x.text for x in load.letters() if x.split != "heldout"]
texts = [letters[i % len(letters)].replace("2024", str(1900 + i)) for i in range(n)]
engine = Engine(Settings(grammar=False), rules)
engine.compile()
engine.lint_sources([Source("warm.txt", texts[0])])
t = time.perf_counter()
engine.lint_sources([Source(f"l{{i}}.txt", x) for i, x in enumerate(texts)])
batch = time.perf_counter() - t
# a language-server edit: the same engine with its paragraph cache, one paragraph changed
lsp = Engine(Settings(grammar=False, cache_docs=True), rules)
lsp.compile()
doc = texts[1]
lsp.lint_sources([Source("d.txt", doc)])
times = []
for k in range(15):
    edited = doc.replace(" the ", f" the {{k}} ", 1)
    t = time.perf_counter()
    lsp.lint_sources([Source("d.txt", edited)])
    times.append(time.perf_counter() - t)
times.sort()
print(json.dumps({{"batch": batch, "relint": times[len(times) // 2], "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def run(learned_on: bool, n: int) -> dict:
    code = CHILD.format(root=str(ROOT), learned_on=learned_on, n=n)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results = {True: [], False: []}
    for _ in range(args.repeat):
        for mode in (False, True):
            results[mode].append(run(mode, args.letters))
    med = {m: {k: statistics.median(r[k] for r in rs) for k in ("batch", "relint", "rss_mb")} for m, rs in results.items()}
    off, on = med[False], med[True]
    print(f"{args.letters} letters (grammar off, so the figures show the learned layer alone), median of {args.repeat}:")
    print(f"  batch time      without {off['batch']:.2f} s   with {on['batch']:.2f} s   {100 * (on['batch'] / off['batch'] - 1):+.1f}%   target <= +15%")
    print(f"  re-lint (LSP)   without {1000 * off['relint']:.1f} ms  with {1000 * on['relint']:.1f} ms  {1000 * (on['relint'] - off['relint']):+.1f} ms   target <= +30 ms")
    print(f"  peak memory     without {off['rss_mb']:.0f} MB   with {on['rss_mb']:.0f} MB   {on['rss_mb'] - off['rss_mb']:+.0f} MB   target <= +100 MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
