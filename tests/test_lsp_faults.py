"""The language server against a faulty or hostile client, and hostile configs.

A raw JSON-RPC client (no LSP library) so that malformed messages can be sent as they
are: the server must stay in step, answer what the LSP specification says it must
answer, never pop up a traceback, honour --max-bytes, and never send a draft to a
server that only a config found next to it names.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fake_languagetool import FakeLanguageTool

WEAK = "Dear team,\n\nThe buyer lied about the damage. We has checked it.\n"


class RawClient:
    def __init__(self, cwd: Path, env: dict | None = None):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "appeal_lint", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=cwd, env={**os.environ, **(env or {})},
        )
        self.inbox: queue.Queue = queue.Queue()
        self.seen: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.next_id = 0

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                elif line in (b"\r\n", b"\n") and length is not None:
                    break
            self.inbox.put(json.loads(out.read(length)))

    def raw(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method: str, params) -> int:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait(self, match, timeout: float = 90.0) -> dict:
        """The first message (seen before or arriving within ``timeout``) that ``match`` accepts."""
        for message in self.seen:
            if match(message):
                return message
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.inbox.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.seen.append(message)
            if match(message):
                return message
        raise AssertionError(f"no such message within {timeout} s; got {[m.get('method', m.get('id')) for m in self.seen]}")

    def response(self, msg_id: int, timeout: float = 90.0) -> dict:
        return self.wait(lambda m: m.get("id") == msg_id and "method" not in m, timeout)

    def initialize(self, root: Path) -> None:
        self.response(self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}))
        self.notify("initialized", {})

    def open(self, uri: str, text: str) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})

    def diagnostics(self, uri: str, timeout: float = 90.0) -> list:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri, timeout)["params"]["diagnostics"]

    def shown(self, timeout: float = 30.0) -> str:
        """The first pop-up (window/showMessage), waiting for it."""
        return self.wait(lambda m: m.get("method") == "window/showMessage", timeout)["params"]["message"]

    def messages(self) -> list[str]:
        """Pop-ups shown so far (window/showMessage)."""
        while not self.inbox.empty():
            self.seen.append(self.inbox.get())
        return [m["params"]["message"] for m in self.seen if m.get("method") == "window/showMessage"]

    def close(self) -> int:
        if self.proc.poll() is None:
            try:
                self.response(self.request("shutdown", None), timeout=30)
                self.notify("exit", None)
                return self.proc.wait(timeout=30)
            except (AssertionError, subprocess.TimeoutExpired, BrokenPipeError):
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


@pytest.fixture
def client(tmp_path):
    c = RawClient(tmp_path, {"XDG_CONFIG_HOME": str(tmp_path / "user-config")})
    yield c
    c.close()


def test_a_message_without_content_length_does_not_deafen_the_server(client, tmp_path):
    client.raw(b'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"jsonrpc": "2.0", "id": 99, "method": "initialize"}')
    client.initialize(tmp_path)  # answered: the server fell back into step
    msg_id = client.request("shutdown", None)
    assert client.response(msg_id)["result"] is None
    client.notify("exit", None)
    assert client.proc.wait(timeout=30) == 0


def test_bad_json_and_non_objects_get_json_rpc_errors(client, tmp_path):
    client.initialize(tmp_path)
    client.raw(b"Content-Length: 9\r\n\r\n{not json")
    assert client.wait(lambda m: m.get("error", {}).get("code") == -32700)["id"] is None
    client.raw(b"Content-Length: 2\r\n\r\n[]")
    assert client.wait(lambda m: m.get("error", {}).get("code") == -32600)["id"] is None


def test_a_request_with_invalid_params_is_answered_with_invalid_params(client, tmp_path):
    client.initialize(tmp_path)
    msg_id = client.request("textDocument/hover", {"textDocument": {}, "position": "here"})
    reply = client.response(msg_id)
    assert reply["error"]["code"] == -32602 and "textDocument/hover" in reply["error"]["message"]
    uri = (tmp_path / "d.md").as_uri()
    client.open(uri, WEAK)  # and it goes on working
    assert any(d["code"] == "AL201" for d in client.diagnostics(uri))


def test_a_change_after_close_is_ignored_without_a_pop_up(client, tmp_path):
    client.initialize(tmp_path)
    uri = (tmp_path / "d.md").as_uri()
    client.open(uri, WEAK)
    client.diagnostics(uri)
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "New text."}]})
    hover = client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}})
    assert client.response(hover)["result"] is None
    assert client.messages() == []


def test_max_bytes_holds_in_the_server(client, tmp_path):
    (tmp_path / ".appeal-lint.yaml").write_text("max-bytes: 2000\n", encoding="utf-8")
    client.initialize(tmp_path)
    uri = (tmp_path / "big.md").as_uri()
    client.open(uri, WEAK * 60)  # 3.4 KB
    assert client.diagnostics(uri) == []
    message = client.shown()
    assert len(client.messages()) == 1
    assert "over the limit of 2,000" in message and "not linted" in message
    small = (tmp_path / "small.md").as_uri()
    client.open(small, WEAK)
    assert any(d["code"] == "AL201" for d in client.diagnostics(small))


def test_a_found_config_cannot_send_the_draft_to_a_remote_server(client, tmp_path):
    with FakeLanguageTool() as lt:
        # "127.1" is this machine, but spelled so that appeal-lint must treat it as remote;
        # before the change, the draft was posted to it
        remote = lt.url.replace("127.0.0.1", "127.1")
        (tmp_path / ".appeal-lint.yaml").write_text(f"grammar: {{languagetool-url: '{remote}'}}\n", encoding="utf-8")
        client.initialize(tmp_path)
        uri = (tmp_path / "d.md").as_uri()
        client.open(uri, WEAK)
        diagnostics = client.diagnostics(uri)
        assert lt.requests == []
        assert any("grammar.harper." in d["message"] for d in diagnostics)  # checked offline instead
        message = client.shown()
        assert len(client.messages()) == 1
        assert "sends drafts to 127.1" in message and "may not do that on its own" in message


def test_the_users_own_config_may_name_a_server_and_the_editor_is_told(tmp_path):
    with FakeLanguageTool() as lt:
        remote = lt.url.replace("127.0.0.1", "127.1")
        user = tmp_path / "user-config" / "appeal-lint"
        user.mkdir(parents=True)
        (user / "config.yaml").write_text(f"grammar: {{languagetool-url: '{remote}'}}\n", encoding="utf-8")
        client = RawClient(tmp_path, {"XDG_CONFIG_HOME": str(tmp_path / "user-config")})
        try:
            client.initialize(tmp_path)
            uri = (tmp_path / "d.md").as_uri()
            client.open(uri, WEAK)
            diagnostics = client.diagnostics(uri)
            assert len(lt.requests) == 1 and any("grammar.languagetool." in d["message"] for d in diagnostics)
            assert "d.md is sent to 127.1 for grammar checking" in client.shown()
        finally:
            client.close()


def test_a_draft_beyond_the_budget_is_reported_in_the_editor(client, tmp_path):
    client.initialize(tmp_path)
    uri = (tmp_path / "list.md").as_uri()
    client.open(uri, "- x\n" * 1200)
    assert client.diagnostics(uri) == []
    assert "1,200 paragraphs, headings and bullets, over the limit of 1,000" in client.shown()


# -- fault injection: whatever arrives, the server stays in step and answers ------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(["jsonrpc", "id", "method", "params", "result", "error", "x"]), inner, max_size=5),
    max_leaves=12,
)
_methods = st.sampled_from(["textDocument/hover", "textDocument/didChange", "textDocument/codeAction", "textDocument/documentSymbol", "nope/nothing", "$/cancelRequest"])
_rpc = st.builds(lambda i, m, p: {"jsonrpc": "2.0", **({"id": i} if i is not None else {}), "method": m, "params": p},
                 st.one_of(st.none(), st.integers(1000, 2000), st.text(max_size=5)), _methods, _json)


def _framed(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


faults = st.one_of(
    _rpc.map(lambda m: _framed(json.dumps(m).encode())),  # messages that fit the framing but not the protocol
    _json.map(lambda v: _framed(json.dumps(v).encode())),  # JSON that is no message
    st.binary(max_size=60).map(_framed),  # bytes that are no JSON
    st.binary(max_size=60).filter(lambda b: b"content-length" not in b.lower()).map(lambda b: b + b"\r\n"),  # no header at all
)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    c = RawClient(root)
    c.initialize(root)
    yield c
    assert c.close() == 0  # still answers shutdown and exits cleanly


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fault=faults)
def test_any_fault_leaves_the_server_answering(fuzzed, fault):
    fuzzed.raw(fault)
    msg_id = fuzzed.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.md"}, "position": {"line": 0, "character": 0}})
    assert fuzzed.response(msg_id, timeout=30)["result"] is None
    assert not [m for m in fuzzed.messages() if "Error in server" in m]
