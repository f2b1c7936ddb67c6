"""Output formats. Each module has ``render(report, out, options) -> None``."""

from __future__ import annotations

import importlib

FORMATS = ("text", "json", "sarif", "github")


def get(name: str):
    return importlib.import_module(f"{__name__}.{name}_format")
