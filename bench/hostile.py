"""Hostile inputs: peak memory and wall time of one `appeal-lint` run per input, grammar on
(Harper, the default), and the language server's memory after 10 and after 2,000 edits.

    python bench/hostile.py                 # everything (the server part takes a few minutes)
    python bench/hostile.py --only drafts   # or: --only lsp; --edits N for the server part

Each draft runs in a fresh process (`python -m appeal_lint --format json FILE`); its peak
resident memory comes from the kernel's accounting for that process (wait4). Goals (from
issue 14, printed, not asserted): no draft under --max-bytes over 10 s or 1 GB; the
server's memory after 2,000 edits within 100 MB of its memory after 10.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTER = (ROOT / "examples" / "strong-odr.txt").read_text(encoding="utf-8")
TIME_GOAL, MEMORY_GOAL = 10.0, 1024  # seconds, MB


def _letters(n: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    return "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n))


def _prose(n_bytes: int, paragraphs: bool) -> str:
    words = LETTER.split()
    rnd = random.Random(2)
    out, size = [], 0
    while size < n_bytes:
        sentence = " ".join(rnd.choice(words) for _ in range(18)) + "."
        out.append(sentence)
        size += len(sentence) + 1
        if paragraphs and len(out) % 6 == 0:
            out.append("\n\n")
    return " ".join(out)[:n_bytes]


def drafts() -> list[tuple[str, str]]:
    """(name, text) of each hostile draft; all under the default --max-bytes (1,000,000)."""
    return [
        ("a normal letter (baseline)", LETTER),
        ("one 1,000-letter word", f"{LETTER}\n{_letters(1_000)}\n"),
        ("one 5,000-letter word", f"{LETTER}\n{_letters(5_000)}\n"),
        ("one 200,000-letter word", f"{LETTER}\n{_letters(200_000)}\n"),
        # runs and dense tokens, each one paragraph just under the 50,000-character limit
        ("16,000 '!'", "We apologize" + "!" * 16_000 + "\n"),
        ("49,000 '!'", "We apologize" + "!" * 49_000 + "\n"),
        ("49,000 '，' (full-width commas)", "We apologize" + "，" * 49_000 + "\n"),
        ("49,000 '$'", "We refunded " + "$" * 49_000 + "\n"),
        ("24,500 ':)' with no space", "Thanks" + ":)" * 24_500 + "\n"),
        ("49,000 '('", "We" + "(" * 49_000 + "\n"),
        ("49 KB, one line of 'a.b,' (no spaces)", "a.b," * 12_250 + "\n"),
        ("49 KB of zero-width spaces and emoji", "We \u200b\U0001F600" * 9_800 + "\n"),
        ("49 KB of one word of 'aaaa...'", "a" * 49_000 + "\n"),
        # shapes far beyond a letter
        ("100 KB of '!' (one paragraph)", "We apologize" + "!" * 100_000 + "\n"),
        ("100,000 bullet lines", "- x\n" * 100_000),
        ("990 bullet lines", "- We refunded order 12.\n" * 990),
        ("490 suppression comments", "<!-- appeal-lint: disable AL301 -->\nWe are so sorry!!\n" * 490),
        ("100 KB of prose in paragraphs", _prose(100_000, True)),
        ("500 KB of prose in paragraphs", _prose(500_000, True)),
        ("1 MB of prose in paragraphs", _prose(990_000, True)),
        ("1 MB of prose in one paragraph", _prose(990_000, False)),
    ]


def run_one(args: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, peak MB, exit code and the last line of stderr of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "appeal_lint", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    err = proc.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    last = (err.strip().splitlines() or [""])[-1][:110]
    return seconds, usage.ru_maxrss / 1024, proc.returncode, last


def bench_drafts() -> None:
    print(f"{'hostile input':44} {'bytes':>9} {'time':>7} {'peak':>8} exit  goal  note")
    with tempfile.TemporaryDirectory() as folder:
        for name, text in drafts():
            path = Path(folder, "draft.md")
            path.write_text(text, encoding="utf-8")
            seconds, peak, code, last = run_one(["--format", "json", str(path)])
            ok = seconds <= TIME_GOAL and peak <= MEMORY_GOAL
            print(f"{name:44} {path.stat().st_size:>9,} {seconds:6.1f}s {peak:6.0f}MB {code:>4}  {'ok' if ok else 'MISS'}  {last if code == 2 else ''}")
        # hostile config and rule files
        draft = Path(folder, "letter.txt")
        draft.write_text(LETTER, encoding="utf-8")
        bomb = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        bomb += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
        Path(folder, ".appeal-lint.yaml").write_text("words: [Acme]\n" + "\n".join(bomb) + "\n", encoding="utf-8")
        seconds, peak, code, last = run_one([str(draft)])
        print(f"{'config: YAML alias bomb (387M strings)':44} {'':>9} {seconds:6.1f}s {peak:6.0f}MB {code:>4}  {'ok' if seconds <= TIME_GOAL and peak <= MEMORY_GOAL else 'MISS'}  {last}")
        os.unlink(Path(folder, ".appeal-lint.yaml"))
        rules = Path(folder, "rules")
        rules.mkdir()
        for name, body in (
            ("token REGEX ^(a|aa)+$", "type: pattern\npatterns: [[{TEXT: {REGEX: '^(a|aa)+$'}}]]\n"),
            ("script options regex (a+)+$", "type: script\nfunction: symptom_as_cause\noptions: {symptom: '(a+)+$', cause: 'x'}\n"),
        ):
            Path(rules, "r.yaml").write_text(
                "id: agency.slow\ncode: AG999\ncategory: hygiene\nseverity: info\nmessage: x\n"
                "why: A user rule with a pattern that backtracks without end.\nexamples: {bad: [a], good: [b]}\n" + body,
                encoding="utf-8",
            )
            Path(folder, "a.txt").write_text("Root cause:\n" + "a" * 40 + "b\n", encoding="utf-8")
            seconds, peak, code, last = run_one(["--rules", str(rules), str(Path(folder, "a.txt"))])
            print(f"{'rule: ' + name:44} {'':>9} {seconds:6.1f}s {peak:6.0f}MB {code:>4}  {'ok' if seconds <= TIME_GOAL and peak <= MEMORY_GOAL else 'MISS'}  {last}")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def bench_lsp(edits: int) -> None:
    from lsprotocol import types
    from pytest_lsp import make_test_lsp_client

    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "appeal_lint", "lsp")
    await client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    pid = client._server.pid
    uri = Path(tempfile.mkdtemp(), "draft.md").as_uri()
    parts = [p.split(" ") for p in LETTER.split("\n\n")]
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=LETTER)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    rnd = random.Random(3)
    marks, times = {}, []
    for n in range(1, edits + 1):
        # a writer at work: one word of one paragraph retyped, every edit a new paragraph text
        i = rnd.randrange(len(parts))
        parts[i][rnd.randrange(len(parts[i]))] = _letters(rnd.randint(2, 9), seed=n)
        text = "\n\n".join(" ".join(p) for p in parts)
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=n + 1),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        times.append(time.perf_counter() - start)
        if n in (10, 100, 500, 1000, 2000, edits):
            marks[n] = (_rss_mb(pid), sum(times[-10:]) / len(times[-10:]))
    await client.shutdown_session()
    await client.stop()
    print(f"\nlanguage server, {edits} edits of a {len(LETTER.split())}-word letter (each retypes one word):")
    for n, (rss, latency) in sorted(marks.items()):
        print(f"  after {n:>5} edits: {rss:6.0f} MB resident, last 10 edits {latency * 1000:5.0f} ms each")
    if 10 in marks and edits in marks:
        grown = marks[edits][0] - marks[10][0]
        print(f"  growth from 10 to {edits} edits: {grown:+.0f} MB   goal within 100 MB: {'ok' if grown <= 100 else 'MISS'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("drafts", "lsp"))
    parser.add_argument("--edits", type=int, default=2000)
    options = parser.parse_args()
    if options.only != "lsp":
        bench_drafts()
    if options.only != "drafts":
        asyncio.run(bench_lsp(options.edits))
