"""Loading and validating YAML rules. No spaCy here: listing rules stays fast.

A rule file holds one or more YAML documents, each one rule. Folders and files whose
names start with ``_`` hold shared data (lexicons), not rules. Patterns are checked
by spaCy's own validation later, when the rules are compiled.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import RuleError
from .suggest import Suggestions, check_gloss
from .suggest import parse as parse_suggest
from .model import CATEGORIES, ROLES, SEVERITIES
from .typed import flag_problem
from .yamlio import LineDict, YamlError, load_all

COMMON_KEYS = {
    "id", "code", "category", "severity", "type", "message", "why", "suggest", "zh", "examples",
    "roles", "not_roles", "reasons", "not_reasons", "cap", "enabled", "description", "unless", "skip_quoted",
}
REQUIRED_KEYS = ("id", "code", "category", "severity", "type", "message", "why", "examples")

# rule type -> (required keys, optional keys)
TYPE_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "phrase": ({"phrases"}, {"attr", "min_count", "lead_ins", "skip_headings"}),
    "pattern": ({"patterns"}, {"min_count", "lead_ins", "skip_headings"}),
    "dependency": ({"patterns"}, {"highlight"}),
    "substitution": ({"swaps"}, {"safe"}),
    "regex": ({"pattern"}, {"flags", "replace", "safe", "group", "max_per_letter", "skip_headings", "flowed"}),
    "section": ({"check"}, {"role", "order", "min_words"}),
    "metric": ({"metric"}, {"min", "max", "min_words"}),
    "require": ({"any"}, {"attr", "min_hits"}),
    "grammar": (set(), {"kinds", "drop", "disable", "language", "mother_tongue", "disable_languagetool"}),
    "script": ({"function"}, {"options", "phase"}),
    "classifier": ({"model", "label", "threshold"}, {"letter_threshold"}),
    "agreement": (set(), {"checks", "singular_s", "collective", "quantity", "count_nouns", "noun_like", "adverb_adjectives", "complement_verbs"}),
    "notice": ({"check"}, {"kind", "max_listed"}),
    "comma_splice": (set(), set()),
    "article": ({"count_nouns"}, {"skip_prepositions", "skip_verbs"}),
}
REASONS = (
    "odr", "late_shipment", "cancellation", "valid_tracking", "ip", "inauthentic", "condition",
    "restricted", "related_accounts", "review_manipulation", "dropshipping", "price_gouging",
    "safety", "verification", "other",
)
GRADES = ("A", "B", "C", "D", "F")
_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9][a-z0-9_-]*)+$")
_CODE = re.compile(r"^[A-Z]{1,6}[0-9]{2,5}$")


@dataclass
class Rule:
    id: str
    code: str
    category: str
    severity: str
    type: str
    message: str
    why: str
    examples: dict[str, Any]
    options: dict[str, Any]
    suggest: list[str] = field(default_factory=list)  # the default wordings (suggestions.english(None))
    zh: dict[str, Any] = field(default_factory=dict)
    roles: tuple[str, ...] = ()
    not_roles: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    not_reasons: tuple[str, ...] = ()  # the rule is off for these reasons (history is the case in related accounts)
    unless: list[Any] = field(default_factory=list)
    cap: str | None = None
    skip_quoted: bool = False  # drop a hit that ends inside a quotation (Draft.quoted): quoted words are not the writer's
    enabled: bool = True
    description: str = ""
    path: str = ""
    line: int = 0
    builtin: bool = True
    suggestions: Suggestions = field(default_factory=Suggestions)  # by reason, with Chinese glosses

    def where(self, key: str | None = None) -> int:
        raw = self.options.get("__raw__")
        if isinstance(raw, LineDict) and key:
            return raw.line_of(key)
        return self.line

    def error(self, message: str, key: str | None = None) -> RuleError:
        return RuleError(self.path, self.where(key), f"rule {self.id}: {message}")


def _as_str_list(value: Any, what: str, raw: LineDict, key: str, path: str) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise RuleError(path, raw.line_of(key), f"{what} must be a string or a list of strings")


def parse_rule(raw: Any, path: str, builtin: bool) -> Rule:
    if not isinstance(raw, LineDict):
        raise RuleError(path, getattr(raw, "line", None), "a rule must be a YAML mapping")
    for key in REQUIRED_KEYS:
        if key not in raw:
            raise RuleError(path, raw.line, f"missing required key '{key}'")
    rtype = raw["type"]
    if rtype not in TYPE_KEYS:
        raise RuleError(path, raw.line_of("type"), f"unknown rule type {rtype!r} (one of: {', '.join(TYPE_KEYS)})")
    required, optional = TYPE_KEYS[rtype]
    for key in raw:
        if key not in COMMON_KEYS and key not in required and key not in optional:
            raise RuleError(path, raw.line_of(key), f"unknown key {key!r} for a {rtype} rule")
    for key in required:
        if key not in raw:
            raise RuleError(path, raw.line, f"a {rtype} rule needs '{key}'")
    for key in ("id", "code", "category", "severity", "message", "why"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise RuleError(path, raw.line_of(key), f"'{key}' must be a non-empty string")
    if not _ID.match(raw["id"]):
        raise RuleError(path, raw.line_of("id"), f"id {raw['id']!r} must be dotted lower case, like 'tone.begging'")
    if not _CODE.match(raw["code"]):
        raise RuleError(path, raw.line_of("code"), f"code {raw['code']!r} must be letters then digits, like 'AL201'")
    if raw["category"] not in CATEGORIES:
        raise RuleError(path, raw.line_of("category"), f"category {raw['category']!r} is not one of {', '.join(CATEGORIES)}")
    if raw["severity"] not in SEVERITIES:
        raise RuleError(path, raw.line_of("severity"), f"severity {raw['severity']!r} is not one of {', '.join(SEVERITIES)}")
    examples = raw["examples"]
    if not isinstance(examples, dict) or not examples.get("bad") or not examples.get("good"):
        raise RuleError(path, raw.line_of("examples"), "examples need both 'bad' and 'good' lists")
    for key in examples:
        if key not in ("bad", "good", "reason", "notice"):
            raise RuleError(path, examples.line_of(key) if isinstance(examples, LineDict) else raw.line_of("examples"), f"unknown key {key!r} in examples")
    for kind in ("bad", "good"):
        _as_str_list(examples[kind], f"examples.{kind}", raw, "examples", path)
    if rtype == "notice" and not isinstance(examples.get("notice"), str):
        raise RuleError(path, raw.line_of("examples"), "a notice rule's examples need 'notice': the text of the notice the letters answer")
    roles = tuple(_as_str_list(raw.get("roles", []), "roles", raw, "roles", path))
    not_roles = tuple(_as_str_list(raw.get("not_roles", []), "not_roles", raw, "not_roles", path))
    for role in roles + not_roles:
        if role not in ROLES:
            raise RuleError(path, raw.line_of("roles" if role in roles else "not_roles"), f"unknown role {role!r} (one of: {', '.join(ROLES)})")
    reasons = tuple(_as_str_list(raw.get("reasons", []), "reasons", raw, "reasons", path))
    not_reasons = tuple(_as_str_list(raw.get("not_reasons", []), "not_reasons", raw, "not_reasons", path))
    for key, listed in (("reasons", reasons), ("not_reasons", not_reasons)):
        for reason in listed:
            if reason not in REASONS:
                raise RuleError(path, raw.line_of(key), f"unknown reason {reason!r} (one of: {', '.join(REASONS)})")
    cap = raw.get("cap")
    if cap is not None and cap not in GRADES:
        raise RuleError(path, raw.line_of("cap"), f"cap must be one of {', '.join(GRADES)}")
    zh = raw.get("zh", {}) or {}
    if not isinstance(zh, dict) or any(k not in ("message", "why", "suggest") for k in zh):
        raise RuleError(path, raw.line_of("zh"), "zh takes 'message', 'why' and 'suggest'")
    try:
        suggest_map = parse_suggest(raw.get("suggest"), REASONS)
    except ValueError as exc:
        raise RuleError(path, raw.line_of("suggest"), str(exc)) from None
    try:
        zh_suggest = parse_suggest(zh.get("suggest"), REASONS, "zh.suggest")
    except ValueError as exc:
        raise RuleError(path, raw.line_of("zh"), str(exc)) from None
    mismatch = check_gloss(suggest_map, zh_suggest)
    if mismatch:
        raise RuleError(path, raw.line_of("zh"), mismatch)
    unless = raw.get("unless", [])
    if not isinstance(unless, list):
        raise RuleError(path, raw.line_of("unless"), "unless must be a list of token patterns")
    if not isinstance(raw.get("enabled", True), bool):
        raise RuleError(path, raw.line_of("enabled"), flag_problem("enabled", raw["enabled"]))
    if not isinstance(raw.get("skip_quoted", False), bool):
        raise RuleError(path, raw.line_of("skip_quoted"), flag_problem("skip_quoted", raw["skip_quoted"]))
    options = {k: v for k, v in raw.items() if k not in COMMON_KEYS}
    options["__raw__"] = raw
    return Rule(
        id=raw["id"],
        code=raw["code"],
        category=raw["category"],
        severity=raw["severity"],
        type=rtype,
        message=raw["message"].strip(),
        why=" ".join(raw["why"].split()),
        examples=dict(examples),
        options=options,
        suggest=list(suggest_map.get("default", [])),
        zh=dict(zh),
        roles=roles,
        not_roles=not_roles,
        reasons=reasons,
        not_reasons=not_reasons,
        unless=list(unless),
        cap=cap,
        skip_quoted=raw.get("skip_quoted", False),
        enabled=raw.get("enabled", True),
        description=str(raw.get("description", "")).strip(),
        path=path,
        line=raw.line,
        builtin=builtin,
        suggestions=Suggestions(suggest_map, zh_suggest),
    )


def builtin_rules_dir() -> Path:
    """The rules shipped in the wheel, or the repository's ``rules/`` in a checkout."""
    here = Path(__file__).resolve().parent
    packaged = here / "_builtin_rules"
    if packaged.is_dir():
        return packaged
    return here.parent / "rules"


def rule_files(folder: Path) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        out.extend(Path(root) / f for f in sorted(files) if f.endswith((".yaml", ".yml")) and not f.startswith(("_", ".")))
    return out


def _display(path: Path, builtin: bool) -> str:
    if builtin:
        try:
            return "rules/" + path.relative_to(builtin_rules_dir()).as_posix()
        except ValueError:
            pass
    return str(path)


def load_folder(folder: str | Path, builtin: bool = False) -> list[Rule]:
    folder = Path(folder)
    if not folder.is_dir():
        raise RuleError(str(folder), None, "rule folder does not exist")
    rules = []
    for path in rule_files(folder):
        shown = _display(path, builtin)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise RuleError(shown, None, f"cannot read rule file ({exc})") from None
        try:
            docs = load_all(text)
        except YamlError as exc:
            raise RuleError(shown, exc.line, exc.message) from None
        for doc in docs:
            rules.append(parse_rule(doc, shown, builtin))
    return rules


def load_rules(extra_folders: list[str | Path] = (), include_builtin: bool = True) -> list[Rule]:
    """Built-in rules, then each extra folder; ids and codes must be unique."""
    rules: list[Rule] = []
    if include_builtin:
        rules.extend(load_folder(builtin_rules_dir(), builtin=True))
    for folder in extra_folders:
        rules.extend(load_folder(folder))
    seen_id: dict[str, Rule] = {}
    seen_code: dict[str, Rule] = {}
    for rule in rules:
        for table, key, what in ((seen_id, rule.id, "id"), (seen_code, rule.code, "code")):
            if key in table:
                other = table[key]
                raise RuleError(rule.path, rule.line, f"duplicate rule {what} {key!r} (also in {other.path}:{other.line})")
            table[key] = rule
    return rules


def load_lexicon(name: str) -> Any:
    """A shared data file from the built-in rules' ``_lexicons`` folder."""
    from .yamlio import load_one

    path = builtin_rules_dir() / "_lexicons" / f"{name}.yaml"
    try:
        return load_one(path.read_text(encoding="utf-8"))
    except YamlError as exc:
        raise RuleError(_display(path, True), exc.line, exc.message) from None
