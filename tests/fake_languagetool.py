"""A small local HTTP server that answers LanguageTool's /v2 API, for tests.

LanguageTool itself needs Java and a large download, neither of which these machines
have, so the adapter is tested against this stand-in: it speaks the /v2/languages and
/v2/check formats LanguageTool documents, finds a few fixed errors, and records what it
received. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import json
import re
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# (pattern, rule id, category, issue type, message, replacement)
CHECKS = [
    (r"\bWe has\b", "HE_VERB_AGR", "GRAMMAR", "grammar", "The verb does not agree with the subject.", "We have"),
    (r"\brecieved\b", "MORFOLOGIK_RULE_EN_US", "TYPOS", "misspelling", "Possible spelling mistake found.", "received"),
    (r"\bthe the\b", "ENGLISH_WORD_REPEAT_RULE", "MISC", "duplication", "Possible typo: you repeated a word.", "the"),
]


def _utf16_offset(text: str, index: int) -> int:
    """LanguageTool counts offsets in UTF-16 code units, like Java."""
    return len(text[:index].encode("utf-16-le")) // 2


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, payload, status=200):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path.startswith("/v2/languages"):
            self._send([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
        else:
            self._send({"error": "not found"}, 404)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        if not self.path.startswith("/v2/check"):
            self._send({"error": "not found"}, 404)
            return
        text = form.get("text", [""])[0]
        self.server.requests.append(form)
        matches = []
        for pattern, rule, category, issue, message, replacement in CHECKS:
            for m in re.finditer(pattern, text):
                offset = _utf16_offset(text, m.start())
                length_ = _utf16_offset(text, m.end()) - offset
                matches.append({
                    "message": message, "shortMessage": "", "replacements": [{"value": replacement}],
                    "offset": offset, "length": length_,
                    "context": {"text": text[:80], "offset": offset, "length": length_}, "sentence": text[:80],
                    "type": {"typeName": "Other"},
                    "rule": {"id": rule, "description": message, "issueType": issue, "category": {"id": category, "name": category.title()}},
                    "ignoreForIncompleteSentence": False, "contextForSureMatch": 0,
                })
        self._send({"software": {"name": "fake", "version": "6.0"}, "language": {"code": "en-US"}, "matches": matches})


class FakeLanguageTool:
    def __enter__(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.requests = []
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        host, port = self.server.server_address
        self.url = f"http://{host}:{port}"
        return self

    @property
    def requests(self):
        return self.server.requests

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
