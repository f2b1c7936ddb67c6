"""The web page's server without a browser: its JSON, its limits, what it refuses."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from appeal_lint.settings import Settings
from appeal_lint.web.app import create_app
from conftest import EXAMPLES

LETTER = (EXAMPLES / "weak-odr-chinglish.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings(grammar=False))
    with TestClient(app, base_url="http://127.0.0.1:8765") as c:
        yield c


def test_page_has_no_external_assets_and_a_strict_policy(client):
    r = client.get("/")
    assert r.status_code == 200
    policy = r.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "font-src 'none'" in policy
    html = r.text
    for attr in ("src=", "href="):
        for part in html.split(attr)[1:]:
            url = part[1:].split(part[0], 1)[0]
            assert url.startswith(("http://127.0.0.1:8765/", "/")), url
    assert 'id="notice-slot"' in html  # the seam for the notice box


def test_lint_json(client):
    data = client.post("/api/lint", json={"text": LETTER, "lang": "en"}).json()
    assert data["grade"] in "DF" and data["verdict"] == "revise before sending"
    assert len(data["categories"]) == 8 and data["reason"] == "odr"
    for f in data["findings"]:
        assert LETTER[f["start"] : f["end"]] == f["text"]
        assert (f["u16_start"], f["u16_end"]) == (f["start"], f["end"])  # no characters outside the BMP here
    roles = [o["role"] for o in data["outline"]]
    # one entry per part, in the letter's order
    assert roles == ["greeting", "acknowledgement", "root_cause", "actions_taken", "preventive_measures", "closing", "signature"]
    assert data["safe_fixes"] >= 3


def test_offsets_for_the_browser_count_utf16(client):
    text = "Root cause: 😀 the buyer lied about the damage.\n"
    data = client.post("/api/lint", json={"text": text}).json()
    blame = next(f for f in data["findings"] if f["rule"] == "ownership.blames-buyer")
    assert blame["u16_start"] == blame["start"] + 1  # the emoji is two UTF-16 units
    assert text.encode("utf-16-le")[2 * blame["u16_start"] : 2 * blame["u16_end"]].decode("utf-16-le") == blame["text"]


def test_reason_choice_changes_the_better_wording(client):
    text = "Dear team,\n\nWe deleted the listing on May 5.\n\nFrom June 1 we will check every listing before upload.\n"
    ip = client.post("/api/lint", json={"text": text, "reason": "ip"}).json()
    root = next(f for f in ip["findings"] if f["rule"] == "structure.missing-root-cause")
    assert ip["reason"] == "ip" and ip["reason_source"] == "option" and "rights owner" in root["suggestions"][0]


def test_chinese(client):
    data = client.post("/api/lint", json={"text": LETTER, "lang": "zh"}).json()
    assert data["verdict_label"] == "提交前请修改" and data["labels"]["outline"] == "结构"
    with_gloss = [f for f in data["findings"] if f["glosses"]]
    assert with_gloss
    # and the next English request is English again: the language is per request
    again = client.post("/api/lint", json={"text": LETTER, "lang": "en"}).json()
    assert again["findings"][0]["message"].isascii()


def test_fix_applies_safe_fixes(client):
    data = client.post("/api/fix", json={"text": LETTER}).json()
    assert data["fixed"] >= 3 and "\uff1a" not in data["text"] and "\u200b" not in data["text"]


def test_open_files(client, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Root cause: the buyer lied.")
    path = tmp_path / "a.docx"
    document.save(path)
    r = client.post("/api/open", files={"file": ("a.docx", path.read_bytes())})
    assert r.status_code == 200 and r.json()["text"] == "Root cause: the buyer lied.\n"
    r = client.post("/api/open", files={"file": ("a.txt", "Root cause：x".encode("gb18030"))})
    assert r.json()["text"] == "Root cause：x"
    r = client.post("/api/open", files={"file": ("a.pdf", b"%PDF")})
    assert r.status_code == 415 and ".docx" in r.json()["error"]
    r = client.post("/api/open", files={"file": ("b.docx", b"not a zip")})
    assert r.status_code == 400 and "not a readable Word" in r.json()["error"]


@pytest.mark.parametrize("body,fragment", [
    ({"text": 3}, "'text' string"),
    ({"text": "x", "reason": "bankruptcy"}, "unknown reason"),
    ({"text": "x", "lang": "fr"}, "unknown language"),
])
def test_bad_requests(client, body, fragment):
    r = client.post("/api/lint", json=body)
    assert r.status_code == 400 and fragment in r.json()["error"]


def test_other_host_names_are_refused(client):
    # a page on another site that resolves its own name to 127.0.0.1 cannot use this server
    r = client.post("/api/lint", json={"text": LETTER}, headers={"host": "evil.example"})
    assert r.status_code == 400


def test_serve_command_refuses_a_bad_reason(capsys):
    from appeal_lint.cli import main

    assert main(["serve", "--reason", "bankruptcy"]) == 2


def test_serve_command_reports_a_busy_port(capsys):
    import socket

    from appeal_lint.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--no-grammar", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"cannot listen on 127.0.0.1:{port}" in err and "Traceback" not in err
