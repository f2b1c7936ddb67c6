"""``--format json``: the versioned contract editors and CI depend on (README documents it)."""

from __future__ import annotations

import json


def render(report, out, options=None) -> None:
    json.dump(report.to_dict(), out, ensure_ascii=False, indent=2)
    out.write("\n")
