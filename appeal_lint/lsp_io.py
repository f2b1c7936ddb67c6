"""The language server's side of the wire, hardened against a faulty client.

pygls reads the base protocol strictly: one message without a ``Content-Length``
header left every later message misaligned (the server was deaf even to
``shutdown``), a request whose params did not fit the protocol's types got no
answer at all, and a ``didChange`` for a document already closed raised KeyError,
which the editor showed as a pop-up. Here, as the LSP specification asks:

* a header is recognised wherever a line ends with ``Content-Length: N``, so the
  stream falls back into step after a malformed message;
* a body that is not JSON is answered with a Parse error (-32700) and an object that
  is no JSON-RPC message with Invalid Request (-32600), both with ``id: null``;
* a request whose params cannot be read is answered with Invalid Params (-32602);
  a notification is not answered (the specification forbids it), only logged;
* a change to a document that is not open is ignored (logged).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
from threading import Event
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdinAsyncReader, StdoutWriter
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

logger = logging.getLogger(__name__)

_LENGTH = re.compile(rb"Content-Length:[ \t]*(\d+)[ \t]*\r?\n?$", re.IGNORECASE)
MAX_MESSAGE_BYTES = 512 * 1024 * 1024  # far above any draft; a bigger length is a broken client
PARSE_ERROR, INVALID_REQUEST = -32700, -32600


class SafeProtocol(LanguageServerProtocol):
    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: types.DidChangeTextDocumentParams):
        if unquote(params.text_document.uri) not in self.workspace.text_documents:
            logger.warning("change to a document that is not open: %s", params.text_document.uri)
            return
        yield from super().lsp_text_document__did_change(params)

    def send_error(self, msg_id, code: int, message: str) -> None:
        self._send_data({"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}})

    def receive(self, body: bytes) -> None:
        """One message body: structured and handled, or answered with the right error."""
        try:
            raw = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            self.send_error(None, PARSE_ERROR, f"Parse error: {exc}")
            return
        if not isinstance(raw, dict):
            self.send_error(None, INVALID_REQUEST, "Invalid Request: a message must be a JSON object")
            return
        try:
            message = json.loads(body, object_hook=self.structure_message)
        except JsonRpcException as exc:
            if "id" in raw and "method" in raw:  # a request: it must get an answer
                error = exc.to_response_error()
                self.send_error(raw["id"], error.code, f"{error.message}: the params of {raw['method']!r} do not fit the protocol")
            else:
                logger.warning("unreadable notification %r ignored", raw.get("method"))
            return
        self.handle_message(message)


async def _serve(server, reader, stop: Event) -> None:
    protocol: SafeProtocol = server.protocol
    length = None
    while not stop.is_set():
        line = await reader.readline()
        if not line:
            break  # the client closed the stream
        if length is None:
            found = _LENGTH.search(line)
            if found:
                length = int(found.group(1))
            continue  # garbage, or a header other than Content-Length
        if line.strip():
            continue  # Content-Type and other headers
        body, length = await reader.readexactly(length) if length <= MAX_MESSAGE_BYTES else b"", None
        if not body:
            logger.warning("message without a body, or over %d bytes, skipped", MAX_MESSAGE_BYTES)
            continue
        try:
            protocol.receive(body)
        except Exception:  # one bad message must not end the session
            logger.exception("unable to handle a message")


def serve_stdio(server, stdin=None, stdout=None) -> None:
    """The stdio loop of pygls' ``start_io``, with the tolerant reader above."""
    server._stop_event = stop = Event()
    reader = StdinAsyncReader(stdin or sys.stdin.buffer, server.thread_pool)
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    try:
        asyncio.run(_serve(server, reader, stop))
    except BrokenPipeError:
        logger.error("the client went away")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()
