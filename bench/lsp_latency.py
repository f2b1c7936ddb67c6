"""Language-server latency: edit one paragraph of a ~1,000-word draft, time until the
new diagnostics arrive. Drives `appeal-lint lsp` over stdio as an editor would.

    python bench/lsp_latency.py [--edits 30]

Target (a goal, not a test): median under 100 ms on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pytest_lsp import make_test_lsp_client

ROOT = Path(__file__).resolve().parent.parent


def thousand_words() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("strong-*"))]
    text = "\n\n".join(parts)
    while len(text.split()) < 1000:
        text += "\n\n" + parts[0]
    return text


async def run(edits: int) -> None:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, "-m", "appeal_lint", "lsp")
    await client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    uri = Path(tempfile.mkdtemp(), "draft.md").as_uri()
    text = thousand_words()
    start = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    first = time.perf_counter() - start
    target = "We refunded all 9 affected buyers in full"
    times = []
    for n in range(edits):
        changed = text.replace(target, f"We refunded all {n + 10} affected buyers in full", 1)
        start = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=n + 2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)]))
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        times.append(time.perf_counter() - start)
    await client.shutdown_session()
    await client.stop()
    print(f"draft: {len(text.split())} words; first diagnostics after open (spaCy, rules, Harper load): {first:.2f} s")
    median = statistics.median(times) * 1000
    print(f"one-paragraph edit -> diagnostics, {edits} edits: median {median:.0f} ms, "
          f"p90 {sorted(times)[int(0.9 * len(times))] * 1000:.0f} ms, max {max(times) * 1000:.0f} ms"
          f"   target median < 100 ms {'ok' if median < 100 else 'MISSED'}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--edits", type=int, default=30)
    asyncio.run(run(parser.parse_args().edits))
