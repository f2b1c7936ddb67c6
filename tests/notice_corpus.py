"""Compare the parse of every corpus notice with its expected parse (used by the tests
and by ``python tests/notice_corpus.py`` to list the differences)."""

from __future__ import annotations

from pathlib import Path

import yaml

from appeal_lint.notice import parse

NOTICES = Path(__file__).resolve().parent.parent / "corpus" / "notices"
FIELDS = (
    "language", "format", "reason", "action", "asins", "order_ids", "complaint_ids", "rights_owner", "infringement",
    "dates", "notice_date", "metric", "documents", "invoice_window_days", "deadline",
)


def cases() -> list[tuple[Path, dict]]:
    out = []
    for path in sorted(NOTICES.glob("*.txt")):
        expected = path.with_suffix(".yaml")
        out.append((path, yaml.safe_load(expected.read_text(encoding="utf-8")) or {}))
    return out


def observed(path: Path) -> dict:
    """The parse, in the expected files' terms."""
    n = parse(path.read_text(encoding="utf-8"))
    invoices = n.document("invoices")
    return {
        "language": n.language,
        "format": None if n.format == "unknown" else n.format,
        "reason": n.reason,
        "action": n.action,
        "asins": n.asins,
        "order_ids": n.order_ids,
        "complaint_ids": n.complaint_ids,
        "rights_owner": (n.rights_owner or {}).get("name"),
        "infringement": n.infringement,
        "dates": n.dates,
        "notice_date": n.notice_date,
        "metric": {k: n.metric[k] for k in ("name", "value", "target")} if n.metric else None,
        "documents": sorted(d["kind"] for d in n.documents),
        "invoice_window_days": invoices["window_days"] if invoices else None,
        "deadline": {k: v for k, v in n.deadline.items() if k != "text"} if n.deadline else None,
    }


def empty(value) -> bool:
    return value in (None, [], {}, "")


def compare(expected: dict, got: dict) -> dict[str, str]:
    """field -> "missed" (expected, not found or different) or "extra" (found, not expected)."""
    out = {}
    for f in FIELDS:
        want = expected.get(f)
        if f in ("asins", "order_ids", "complaint_ids", "dates"):
            want = list(want or [])
        if f == "documents":
            want = sorted(want or [])
        have = got[f]
        if empty(want) and empty(have):
            continue
        if empty(want):
            out[f] = "extra"
        elif have != want:
            out[f] = "missed"
    return out


if __name__ == "__main__":
    total = 0
    for path, expected in cases():
        got = observed(path)
        diff = compare(expected, got)
        total += 1
        for f, kind in diff.items():
            print(f"{path.name}: {f} {kind}: expected {expected.get(f)!r}, got {got[f]!r}")
    print(total, "notices")
