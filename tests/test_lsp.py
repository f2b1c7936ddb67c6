"""The language server, driven over stdio by a real LSP client (pytest-lsp)."""

from __future__ import annotations

import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

WEAK = (
    "Dear Seller Performance Team,\n\n"
    "The buyer lied about the damage. Our staffs very appreciate your time.\n\n"
    "We will try our best.\n"
)


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "appeal_lint", "lsp"]), scope="module")
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    yield
    await lsp_client.shutdown_session()


async def open_and_wait(client, uri, text, version=1):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


def where(text, needle):
    """(line, character) of needle in UTF-16 units, as an editor counts them."""
    before = text[: text.index(needle)]
    line = before.count("\n")
    col = len(before.rsplit("\n", 1)[-1].encode("utf-16-le")) // 2
    return line, col


@pytest.mark.asyncio(loop_scope="module")
async def test_diagnostics_on_open_and_change(client: LanguageClient, tmp_path):
    uri = (tmp_path / "draft.md").as_uri()
    diagnostics = await open_and_wait(client, uri, WEAK)
    codes = {d.code for d in diagnostics}
    assert {"AL201", "AL401", "AL604", "AL601"} <= codes
    blame = next(d for d in diagnostics if d.code == "AL201")
    assert (blame.range.start.line, blame.range.start.character) == where(WEAK, "buyer lied")
    assert blame.severity == types.DiagnosticSeverity.Error and blame.source == "appeal-lint"

    fixed = WEAK.replace("The buyer lied about the damage.", "We packed the lamp without foam.")
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "AL201" not in {d.code for d in client.diagnostics[uri]}


@pytest.mark.asyncio(loop_scope="module")
async def test_positions_count_utf16_units(client: LanguageClient, tmp_path):
    uri = (tmp_path / "emoji.md").as_uri()
    text = "We fixed it \U0001F600 and the buyer lied to us.\n"
    diagnostics = await open_and_wait(client, uri, text)
    blame = next(d for d in diagnostics if d.code == "AL201")
    assert blame.range.start.character == where(text, "buyer lied")[1]  # the emoji counts two


@pytest.mark.asyncio(loop_scope="module")
async def test_hover_explains_the_rule(client: LanguageClient, tmp_path):
    uri = (tmp_path / "hover.md").as_uri()
    await open_and_wait(client, uri, WEAK)
    line, col = where(WEAK, "buyer lied")
    result = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri), position=types.Position(line=line, character=col + 2)))
    assert result is not None
    assert "AL201" in result.contents.value and "Why it matters" in result.contents.value


@pytest.mark.asyncio(loop_scope="module")
async def test_quick_fix_from_substitution(client: LanguageClient, tmp_path):
    uri = (tmp_path / "fix.md").as_uri()
    diagnostics = await open_and_wait(client, uri, WEAK)
    staffs = next(d for d in diagnostics if d.code == "AL604")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=staffs.range,
        context=types.CodeActionContext(diagnostics=[staffs])))
    edits = [a.edit.changes[uri][0] for a in actions if a.edit and "Replace" in a.title]
    assert any(e.new_text == "staff" and e.range == staffs.range for e in edits)
    assert any("disable-next-line AL604" in a.edit.changes[uri][0].new_text for a in actions if "Silence" in a.title)


@pytest.mark.asyncio(loop_scope="module")
async def test_outline_of_roles(client: LanguageClient, tmp_path):
    uri = (tmp_path / "outline.md").as_uri()
    text = "Root cause:\nWe did not check stock.\n\nActions taken:\nWe refunded 3 buyers on May 4.\n"
    await open_and_wait(client, uri, text)
    result = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    assert [s.name for s in result] == ["Root cause", "Root cause", "Actions taken", "Actions taken"]


@pytest.mark.asyncio(loop_scope="module")
async def test_sibling_notice_is_used_and_not_linted(client: LanguageClient, tmp_path):
    """draft.md is checked against draft.notice.txt beside it; the notice, opened in the
    editor, gets no diagnostics of its own."""
    notice = tmp_path / "draft.notice.txt"
    notice.write_text("Your listing was removed after a trademark complaint.\nASIN: B0CK7TQ2ZL\nASIN: B0D1MMX48P\n", encoding="utf-8")
    text = "Root cause: we used the brand name in the title of ASIN B0CK7TQ2ZL.\n\nOn May 6 we deleted the listing.\n"
    diagnostics = await open_and_wait(client, (tmp_path / "draft.md").as_uri(), text)
    missing = [d for d in diagnostics if d.code == "AL850"]
    assert missing and "B0D1MMX48P" in missing[0].message
    assert not await open_and_wait(client, notice.as_uri(), notice.read_text(encoding="utf-8"))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # the draft, checked again
    assert any(d.code == "AL850" for d in client.diagnostics[(tmp_path / "draft.md").as_uri()])


@pytest.mark.asyncio(loop_scope="module")
async def test_unparseable_sibling_notice_is_one_warning(client: LanguageClient, tmp_path):
    (tmp_path / "other.notice.txt").write_text("Lorem ipsum dolor sit amet.\n", encoding="utf-8")
    uri = (tmp_path / "other.md").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=WEAK)))
    while uri not in client.diagnostics:  # a notification for an earlier test's draft may come first
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert "AL201" in {d.code for d in client.diagnostics[uri]}  # linting went on
    warnings = [m for m in client.messages if "other.notice.txt" in m.message]
    assert len(warnings) == 1 and warnings[0].type == types.MessageType.Warning
    assert "linting without it" in warnings[0].message and "\n" not in warnings[0].message
