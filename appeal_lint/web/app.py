"""``appeal-lint serve``: a local web page for people who write letters, not code.

A Starlette app served by uvicorn on 127.0.0.1. The page (one template, one script,
one stylesheet, all served from this package: no external assets or fonts) posts the
letter to ``/api/lint`` as the writer types; one Engine with parsed-paragraph caching
(as in the language server) answers, so an edit re-parses only what changed.

Routes:
  GET  /             the page
  POST /api/lint     {"text", "lang", "reason"} -> findings, grade, outline, labels
  POST /api/fix      {"text", "reason"} -> the text with every safe fix applied
  POST /api/open     a .txt/.md/.docx file (multipart "file") -> {"name", "text"}
  GET  /api/labels   ?lang=zh -> the page's words
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from .. import __version__
from ..errors import AppealLintError, InputError
from ..ruleset import REASONS
from ..settings import Settings
from ..source import Source, read_bytes, word_source
from .labels import labels

HERE = Path(__file__).resolve().parent
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
OPEN_SUFFIXES = (".txt", ".md", ".markdown", ".docx")

# Nothing on the page may come from anywhere but this server.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'none'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def notice_context(body: dict) -> None:
    """Seam for the notice box: the Amazon notice a letter answers.

    The page reserves a slot for it (``#notice-slot`` in index.html) and the lint
    request a ``notice`` field; notice parsing lands on its own branch and plugs in
    here (parse the notice, pass what it names to the engine). Until then: nothing."""
    return None


class Checker:
    """One Engine for the page, used by one request at a time."""

    def __init__(self, settings: Settings):
        from ..engine import Engine

        settings.cache_docs = True
        self.engine = Engine(settings)
        self.default_reason = (settings.reason, settings.reason_source)
        self.lock = threading.Lock()

    def warm(self) -> None:
        with self.lock:
            self.engine.compile()

    def lint(self, text: str, lang: str, reason: str | None, name: str = "letter"):
        settings = self.engine.settings
        with self.lock:
            old = settings.lang, settings.reason, settings.reason_source
            settings.lang = lang
            if reason:
                settings.reason, settings.reason_source = reason, "option"
            else:
                settings.reason, settings.reason_source = self.default_reason
            try:
                return self.engine.lint_sources([Source(name, text)]).files[0]
            finally:
                settings.lang, settings.reason, settings.reason_source = old


def _utf16_index(text: str):
    """Code-point offset -> UTF-16 offset (what the browser's strings count)."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return lambda i: i
    table = [0]
    for c in text:
        table.append(table[-1] + (2 if ord(c) >= 0x10000 else 1))
    return lambda i: table[i]


def report_json(file, lang: str, elapsed_ms: int) -> dict:
    """What the page shows: the JSON report's data, with browser offsets and labels."""
    from ..fix import planned_fixes
    from ..reasons import display_name

    words = labels(lang)
    u16 = _utf16_index(file.text)
    findings = []
    for f in file.findings:
        d = f.to_dict()
        d.update(
            u16_start=u16(f.start), u16_end=u16(f.end), glosses=dict(f.glosses),
            severity_label=words["severities"][f.severity],
            category_label=words["categories_names"].get(f.category, f.category),
        )
        if d.get("fix"):
            d["fix"].update(u16_start=u16(f.fix.start), u16_end=u16(f.fix.end))
        findings.append(d)
    g = file.grade
    outline = []
    for r in file.roles:
        if outline and outline[-1]["role"] == r.role:  # one entry per part: its heading and what follows
            section = outline[-1]
            section.update(end=r.end, u16_end=u16(r.end), end_line=r.end_line,
                           excerpt=" ".join(file.text[section["start"] : r.end].split()[:12]))
            continue
        excerpt = " ".join(file.text[r.start : r.end].split()[:12])
        outline.append({"role": r.role, "label": words["roles"].get(r.role, r.role), "start": r.start, "end": r.end,
                        "u16_start": u16(r.start), "u16_end": u16(r.end), "line": r.line, "end_line": r.end_line, "excerpt": excerpt})
    return {
        "lang": lang,
        "labels": words,
        "words": file.words,
        "elapsed_ms": elapsed_ms,
        "reason": file.reason,
        "reason_name": display_name(file.reason, lang) if file.reason else None,
        "reason_source": file.reason_source,
        "score": g.score,
        "grade": g.letter,
        "verdict": g.verdict,
        "verdict_label": words["verdicts"].get(g.verdict, g.verdict),
        "categories": [
            {"id": c, "label": words["categories_names"].get(c, c), **v} for c, v in g.categories.items()
        ],
        "capped_by": list(g.capped_by),
        "outline": outline,
        "findings": findings,
        "safe_fixes": len(planned_fixes(file)),
    }


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=SECURITY_HEADERS)


async def _body(request: Request, max_bytes: int) -> dict:
    raw = await request.body()
    if max_bytes and len(raw) > max_bytes * 4 + 4096:  # JSON-escaped text may be larger than the text
        raise InputError("too-large", f"the letter is over the limit of {max_bytes:,} bytes")
    import json

    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        raise InputError("usage", "the request is not JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("text", ""), str):
        raise InputError("usage", "the request needs a 'text' string")
    reason = body.get("reason") or None
    if reason is not None and reason not in REASONS:
        raise InputError("usage", f"unknown reason {reason!r}")
    lang = body.get("lang") or "en"
    if lang not in ("en", "zh"):
        raise InputError("usage", f"unknown language {lang!r}")
    body["reason"], body["lang"] = reason, lang
    return body


def create_app(settings: Settings | None = None, allowed_hosts: list[str] | None = None) -> Starlette:
    settings = settings or Settings()
    checker = Checker(settings)
    max_bytes = settings.max_bytes
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    default_lang = settings.lang if settings.lang in ("en", "zh") else "en"

    async def page(request: Request):
        from ..reasons import display_name

        reasons = [(r, display_name(r, default_lang)) for r in REASONS]
        response = templates.TemplateResponse(
            request, "index.html",
            {"version": __version__, "lang": default_lang, "ui": labels(default_lang), "reasons": reasons,
             "reasons_zh": {r: display_name(r, "zh") for r in REASONS}, "reasons_en": {r: display_name(r, "en") for r in REASONS},
             "default_reason": settings.reason or ""},
        )
        response.headers.update(SECURITY_HEADERS)
        return response

    async def lint(request: Request):
        from starlette.concurrency import run_in_threadpool

        try:
            body = await _body(request, max_bytes)
        except AppealLintError as exc:
            return _error(400, exc.message)
        notice_context(body)
        text = body.get("text", "")
        if not text.strip():
            return JSONResponse({"empty": True, "labels": labels(body["lang"]), "findings": []}, headers=SECURITY_HEADERS)
        started = time.perf_counter()
        try:
            file = await run_in_threadpool(checker.lint, text, body["lang"], body["reason"])
        except AppealLintError as exc:
            return _error(500, exc.message)
        elapsed = round((time.perf_counter() - started) * 1000)
        return JSONResponse(report_json(file, body["lang"], elapsed), headers=SECURITY_HEADERS)

    async def fix(request: Request):
        from starlette.concurrency import run_in_threadpool

        from ..fix import fixed_text

        try:
            body = await _body(request, max_bytes)
        except AppealLintError as exc:
            return _error(400, exc.message)
        text = body.get("text", "")
        if not text.strip():
            return JSONResponse({"text": text, "fixed": 0}, headers=SECURITY_HEADERS)
        file = await run_in_threadpool(checker.lint, text, body["lang"], body["reason"])
        new_text, count = fixed_text(file)
        return JSONResponse({"text": new_text, "fixed": count}, headers=SECURITY_HEADERS)

    async def open_file(request: Request):
        try:
            form = await request.form(max_files=1, max_fields=2)
        except Exception as exc:  # malformed multipart
            return _error(400, f"not a file upload ({type(exc).__name__})")
        upload = form.get("file")
        if upload is None or not hasattr(upload, "read"):
            return _error(400, "no file in the upload")
        name = upload.filename or "draft"
        if not name.lower().endswith(OPEN_SUFFIXES):
            return _error(415, f"{name}: open a .txt, .md or .docx draft")
        data = await upload.read(max_bytes + 1 if max_bytes else -1)
        try:
            if max_bytes and len(data) > max_bytes:
                raise InputError("too-large", f"{name}: over the limit of {max_bytes:,} bytes")
            source = word_source(data, name) if name.lower().endswith(".docx") else read_bytes(data, name, max_bytes)
        except AppealLintError as exc:
            return _error(400, exc.message)
        return JSONResponse({"name": name, "text": source.text, "encoding": source.encoding}, headers=SECURITY_HEADERS)

    async def ui_labels(request: Request):
        lang = request.query_params.get("lang", "en")
        return JSONResponse(labels(lang), headers=SECURITY_HEADERS)

    async def favicon(request: Request):
        return Response(status_code=204)

    routes = [
        Route("/", page),
        Route("/api/lint", lint, methods=["POST"]),
        Route("/api/fix", fix, methods=["POST"]),
        Route("/api/open", open_file, methods=["POST"]),
        Route("/api/labels", ui_labels),
        Route("/favicon.ico", favicon),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOOPBACK_HOSTS)]
    app = Starlette(routes=routes, middleware=middleware)
    app.state.checker = checker
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False, echo=print) -> int:
    """Run the page until Ctrl-C. Loopback only unless ``host`` says otherwise."""
    import uvicorn

    import socket

    try:  # a clear one-line error for a busy port, rather than the server's log
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host, port))
    except OSError as exc:
        raise AppealLintError("usage", f"cannot listen on {host}:{port} ({exc.strerror or exc}); choose another --port") from None
    loopback = host in ("127.0.0.1", "localhost", "::1")
    allowed = LOOPBACK_HOSTS if loopback else ["*"]
    app = create_app(settings, allowed_hosts=allowed)
    threading.Thread(target=app.state.checker.warm, daemon=True).start()  # load spaCy while the page opens
    url = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
    echo(f"appeal-lint: the page is at {url} (Ctrl-C stops it)")
    if not loopback:
        echo(f"appeal-lint: warning: listening on {host}: anyone who can reach this address can send letters to it")
    if open_browser:
        import webbrowser

        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False, server_header=False)
    server = uvicorn.Server(config)
    server.run()
    return 0
