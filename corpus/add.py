"""Add a new writer's sentences to the corpus: check every line, drop duplicates, write.

    python corpus/add.py /tmp/xy1-work/xy1-sentences.jsonl ...            # into corpus/sentences/
    python corpus/add.py --heldout /tmp/xy1-work/xy1-sentences.jsonl ...  # into corpus/sentences/heldout/

Each file keeps its name (its prefix names the writer, see corpus/README.md). A line that
is not JSON or whose fields are wrong (``load.sentence_problem``) stops the run with its
file and line, and nothing is written. A sentence that repeats one already in the corpus,
or one earlier in the new files, exactly or nearly (``dedup.near_duplicates``), is left
out and listed. A file that already exists in the corpus is never overwritten.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import dedup, load  # noqa: E402


class AddError(Exception):
    """A new file cannot be added as it is."""


def read_new(path: Path) -> list[dict]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AddError(f"{path}:{number}: not JSON ({exc.msg})") from None
        problem = load.sentence_problem(item)
        if problem:
            raise AddError(f"{path}:{number}: {problem}")
        items.append(item)
    return items


def plan(files: list[Path], existing: list[str]) -> tuple[dict[Path, list[dict]], list[tuple[Path, str]]]:
    """The sentences to keep from each new file, and the (file, text) pairs left out as duplicates."""
    new = [(path, item) for path in files for item in read_new(path)]
    texts = existing + [item["text"] for _, item in new]
    dropped = {max(i, j) - len(existing) for i, j, _ in dedup.near_duplicates(texts) if max(i, j) >= len(existing)}
    seen = {" ".join(t.lower().split()) for t in existing}
    for index, (_, item) in enumerate(new):
        key = " ".join(item["text"].lower().split())
        if key in seen:
            dropped.add(index)
        seen.add(key)
    keep: dict[Path, list[dict]] = {path: [] for path in files}
    left_out = []
    for index, (path, item) in enumerate(new):
        if index in dropped:
            left_out.append((path, item["text"]))
        else:
            keep[path].append(item)
    return keep, left_out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+", type=Path, help="JSONL files, one per writer")
    ap.add_argument("--heldout", action="store_true", help="add them as the held-out split")
    ap.add_argument("--into", type=Path, help=argparse.SUPPRESS)  # another corpus folder (tests)
    args = ap.parse_args(argv)
    target = (args.into or load.ROOT / "sentences") / ("heldout" if args.heldout else "")
    try:
        for path in args.files:
            if (target / path.name).exists():
                raise AddError(f"{target / path.name} already exists; give the writer a new prefix")
        existing = [s["text"] for s in load.sentences()]
        keep, left_out = plan(args.files, existing)
    except (AddError, OSError) as exc:
        print(f"corpus/add.py: {exc}", file=sys.stderr)
        return 2
    for path, text in left_out:
        print(f"  duplicate, left out ({path.name}): {text}")
    target.mkdir(parents=True, exist_ok=True)
    for path, items in keep.items():
        out = target / path.name
        out.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items), encoding="utf-8")
        counts = {c: sum(x["category"] == c for x in items) for c in (*load.CATEGORIES, "clean")}
        print(f"{out}: {len(items)} sentences (" + ", ".join(f"{c} {n}" for c, n in counts.items() if n) + ")")
    print(f"{sum(len(v) for v in keep.values())} added, {len(left_out)} duplicates left out")
    return 0


if __name__ == "__main__":
    sys.exit(main())
