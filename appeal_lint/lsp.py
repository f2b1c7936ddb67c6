"""``appeal-lint lsp``: a language server over stdio (pygls).

* diagnostics when a draft is opened, changed or saved;
* hover: the rule, why it matters and the better wording;
* quick fixes: drop-in replacements from substitution, hygiene and grammar findings,
  and for Markdown drafts a ``<!-- appeal-lint: disable-next-line CODE -->`` comment;
* document symbols: the letter's outline by paragraph role.

One Engine per config file, with a cache of parsed paragraphs: after an edit only the
paragraphs that changed are parsed again. spaCy is loaded on a background thread as
soon as the client has initialised, not on the first keystroke.
"""

from __future__ import annotations

import threading
from urllib.parse import unquote, urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from . import __version__

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}
ROLE_TITLES = {
    "greeting": "Greeting", "acknowledgement": "Acknowledgement", "root_cause": "Root cause",
    "actions_taken": "Actions taken", "preventive_measures": "Preventive measures", "closing": "Closing",
    "signature": "Signature", "off_topic": "Off topic", "other": "Other",
}


def uri_to_path(uri: str) -> str | None:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


class AppealLintServer(LanguageServer):
    def __init__(self):
        from .lsp_io import SafeProtocol

        super().__init__("appeal-lint", __version__, protocol_cls=SafeProtocol)
        self.engines: dict = {}
        self.results: dict[str, object] = {}  # uri -> FileReport
        self.notice_warnings: dict[str, str] = {}  # uri -> the last notice warning shown
        self.lock = threading.Lock()
        self.told: set = set()  # warnings already shown (one pop-up each, not one per keystroke)

    def _start_io_async(self, stdin=None, stdout=None):
        from .lsp_io import serve_stdio

        serve_stdio(self, stdin, stdout)

    def warn_once(self, key, message: str) -> None:
        if key not in self.told:
            self.told.add(key)
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"appeal-lint: {message}"))

    # -- engines --------------------------------------------------------------
    def engine_for(self, path: str | None):
        import os

        from .config import apply_config, find_config, load_config
        from .engine import Engine
        from .settings import Settings
        from .trust import guard, user_config

        config = find_config(path if path and os.path.exists(path) else os.getcwd()) or user_config()
        key = str(config) if config else None
        if key not in self.engines:
            settings = Settings(cache_docs=True)
            if config:
                data, resolved = load_config(config)
                apply_config(settings, data, resolved)
                warning = guard(settings)  # a config found next to a draft may not send it away
                if warning:
                    self.warn_once(("config", key), warning)
            settings.cache_docs = True
            engine = Engine(settings)
            engine.compile()
            self.engines[key] = engine
        return self.engines[key]

    # -- positions ------------------------------------------------------------
    def units(self, text: str) -> int:
        encoding = str(self.workspace.position_encoding or "utf-16").lower()
        if "32" in encoding:
            return len(text)
        if "8" in encoding:
            return len(text.encode("utf-8"))
        return len(text.encode("utf-16-le")) // 2

    @staticmethod
    def line_index(report):
        """The report's LineIndex, made once per lint."""
        from .draft import LineIndex

        index = getattr(report, "_line_index", None)
        if index is None:
            index = report._line_index = LineIndex(report.text)
        return index

    def position(self, report, line: int, column: int) -> types.Position:
        index = self.line_index(report)
        text = index.line_text(line) if line <= len(index.starts) else ""
        return types.Position(line=line - 1, character=self.units(text[: column - 1]))

    def offset(self, report, position: types.Position) -> int:
        index = self.line_index(report)
        line = min(position.line, len(index.starts) - 1)
        text = index.line_text(line + 1)
        count, units = 0, 0
        for ch in text:
            if units >= position.character:
                break
            units += self.units(ch)
            count += 1
        return index.starts[line] + count

    # -- linting --------------------------------------------------------------
    def lint(self, uri: str, version: int | None = None) -> None:
        from .errors import AppealLintError
        from .source import Source

        from .notice import is_notice_path, sibling_notice
        from .trust import sent_to

        document = self.workspace.get_text_document(uri)
        path = uri_to_path(uri) or uri
        if is_notice_path(path):
            # Amazon's notice (draft.notice.txt), not a draft: no diagnostics of its own,
            # but the open draft beside it is checked again against it.
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[], version=version))
            for other in list(self.workspace.text_documents):
                other_path = uri_to_path(other)
                if other != uri and other_path and sibling_notice(other_path) == path:
                    self.lint(other)
            return
        try:
            with self.lock:
                engine = self.engine_for(uri_to_path(uri))
                if self.too_large(uri, document.source, engine.settings.max_bytes, version):
                    return
                host = sent_to(engine.settings)
                if host:
                    self.warn_once(("sent", uri), f"{path.rsplit('/', 1)[-1]} is sent to {host} for grammar checking (LanguageTool, as configured)")
                report = engine.lint_sources([Source(path, document.source)]).files[0]
        except AppealLintError as exc:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=f"appeal-lint: {exc.message}"))
            return
        if report.error:  # over the budget of limits.py: say so, once per document
            self.warn_once(("error", uri, report.error["code"]), report.error["message"])
        self.results[uri] = report
        warning = (report.notice or {}).get("warning")
        if warning and self.notice_warnings.get(uri) != warning:
            self.window_show_message(types.ShowMessageParams(type=types.MessageType.Warning, message=f"appeal-lint: {warning}"))
        self.notice_warnings[uri] = warning
        diagnostics = [self.diagnostic(report, f) for f in report.findings]
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def too_large(self, uri: str, text: str, max_bytes: int, version) -> bool:
        """--max-bytes holds here too: a larger document is not linted (and says so once)."""
        if not max_bytes or len(text) * 4 <= max_bytes:
            return False
        size = len(text.encode("utf-8", "surrogatepass"))
        if size <= max_bytes:
            return False
        self.results.pop(uri, None)
        self.warn_once(("large", uri), f"{uri_to_path(uri) or uri}: {size:,} bytes is over the limit of {max_bytes:,}; not linted (max-bytes in the config raises it)")
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[], version=version))
        return True

    def diagnostic(self, report, f) -> types.Diagnostic:
        return types.Diagnostic(
            range=types.Range(start=self.position(report, f.line, f.column), end=self.position(report, f.end_line, f.end_column)),
            severity=SEVERITY[f.severity],
            code=f.code,
            source="appeal-lint",
            message=f"{f.message} [{f.rule}]",
            data={"rule": f.rule, "start": f.start, "end": f.end, "replacements": f.replacements},
        )


server = AppealLintServer()


@server.feature(types.INITIALIZED)
def initialized(ls: AppealLintServer, params: types.InitializedParams) -> None:
    def warm():
        try:
            with ls.lock:
                ls.engine_for(None)
        except Exception:  # reported on the first lint instead
            pass

    threading.Thread(target=warm, daemon=True).start()


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: AppealLintServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.lint(params.text_document.uri, params.text_document.version)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: AppealLintServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.lint(params.text_document.uri, params.text_document.version)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: AppealLintServer, params: types.DidSaveTextDocumentParams) -> None:
    ls.lint(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: AppealLintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.results.pop(params.text_document.uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: AppealLintServer, params: types.HoverParams) -> types.Hover | None:
    report = ls.results.get(params.text_document.uri)
    if report is None:
        return None
    offset = ls.offset(report, params.position)
    found = [f for f in report.findings if f.scope == "text" and f.start <= offset < max(f.end, f.start + 1)]
    if not found:
        return None
    parts = []
    for f in found:
        text = f"**{f.code}** `{f.rule}` ({f.severity})\n\n{f.message}\n\n*Why it matters:* {f.why}"
        if f.suggestions:
            text += "\n\n*Better:* " + " / ".join(f.suggestions[:3])
            glosses = [f.glosses[s] for s in f.suggestions[:3] if s in f.glosses]  # --lang zh: the Chinese meaning
            if glosses:
                text += "\n\n释义：" + " / ".join(glosses)
        parts.append(text)
    return types.Hover(contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
def code_actions(ls: AppealLintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    report = ls.results.get(uri)
    if report is None:
        return []
    start, end = ls.offset(report, params.range.start), ls.offset(report, params.range.end)
    actions = []
    for f in report.findings:
        if f.scope != "text" or f.end < start or f.start > end:
            continue
        diag = ls.diagnostic(report, f)
        for replacement in f.replacements[:3]:
            title = f"Replace with \u201c{replacement}\u201d" if replacement else f"Remove \u201c{f.text}\u201d"
            edit = types.TextEdit(range=diag.range, new_text=replacement)
            actions.append(types.CodeAction(title=f"{title} ({f.code})", kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                                            edit=types.WorkspaceEdit(changes={uri: [edit]}), is_preferred=bool(f.fix and f.fix.safe)))
        if uri.lower().endswith((".md", ".markdown")):
            line_start = types.Position(line=f.line - 1, character=0)
            comment = f"<!-- appeal-lint: disable-next-line {f.code} -->\n"
            actions.append(types.CodeAction(
                title=f"Silence {f.code} on this line (Markdown comment)", kind=types.CodeActionKind.QuickFix, diagnostics=[diag],
                edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(range=types.Range(start=line_start, end=line_start), new_text=comment)]}),
            ))
    return actions


@server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def symbols(ls: AppealLintServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
    report = ls.results.get(params.text_document.uri)
    if report is None:
        return []
    index = ls.line_index(report)
    out = []
    for role in report.roles:
        line, col = index.position(role.start)
        end_line, end_col = index.position(role.end)
        rng = types.Range(start=ls.position(report, line, col), end=ls.position(report, end_line, end_col))
        first = " ".join(report.text[role.start : role.end].split()[:8])
        out.append(types.DocumentSymbol(name=ROLE_TITLES.get(role.role, role.role), detail=first, kind=types.SymbolKind.String, range=rng, selection_range=rng))
    return out


def main() -> int:
    server.start_io()
    return 0
