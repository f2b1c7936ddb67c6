"""The web page end to end, in a real headless Chromium (Debian's, driven by Playwright;
no browser is ever downloaded). CI installs chromium in .ci/run; there this test fails,
never skips, when the browser is missing.

Set APPEAL_LINT_SCREENSHOTS=docs/img to refresh the README's screenshots."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from appeal_lint.settings import Settings
from conftest import EXAMPLES
from web_server import running

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
CJK = re.compile(r"[\u4e00-\u9fff]")
LETTER = (EXAMPLES / "weak-odr-chinglish.txt").read_text(encoding="utf-8")


def chromium() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None)
    if path:
        return path
    message = "Chromium is not installed (Debian: apt-get install -y chromium; .ci/run installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true and " + message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server():
    with running(Settings()) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    path = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_FLAGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1360, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    requests, problems = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server)
    page.requests, page.problems = requests, problems
    yield page
    context.close()


def shot(page, name, tmp_path, publish=True):
    path = tmp_path / name
    page.screenshot(path=str(path))
    assert path.read_bytes().startswith(b"\x89PNG")
    folder = os.environ.get("APPEAL_LINT_SCREENSHOTS")
    if folder and publish:  # the README shows the published ones
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / name)


def wait_checked(page):
    page.wait_for_function("() => /ms|毫秒/.test(document.getElementById('status').textContent) && !document.body.dataset.busy")


def test_letter_checked_in_place(page, server, tmp_path):
    page.fill("#text", LETTER)
    wait_checked(page)
    assert page.text_content("#grade-letter") in ("D", "F")
    assert page.text_content("#verdict") == "revise before sending"
    findings = page.evaluate("window.appealLint.state.result.findings")
    in_text = {i for i, f in enumerate(findings) if f["scope"] == "text" and f["end"] > f["start"]}
    marked = set()
    for ids in page.eval_on_selector_all("#backdrop mark", "ms => ms.map(m => m.dataset.ids)"):
        marked.update(int(x) for x in ids.split())
    assert marked == in_text  # every finding in the text is highlighted, and nothing else
    assert page.locator("#findings li[data-i]").count() == len(findings)
    # the highlights sit on the words they are about
    texts = page.eval_on_selector_all("#backdrop mark", "ms => ms.map(m => m.textContent)")
    assert "feedbacks" in texts and "buyers did not read" in "".join(texts)
    outline = page.locator("#outline li .role").all_text_contents()
    assert {"Root cause", "Actions taken", "Preventive measures"} <= set(outline)
    categories = page.locator("#categories li").count()
    assert categories == 8
    assert all(u.startswith(server) for u in page.requests), page.requests  # nothing fetched from elsewhere
    assert not page.problems, page.problems  # no script errors, no blocked resources
    shot(page, "web-page.png", tmp_path, publish=False)


def test_hover_explains_and_click_applies_a_fix(page, tmp_path):
    page.fill("#text", LETTER)
    wait_checked(page)
    mark = page.locator("#backdrop mark", has_text="feedbacks").first
    box = mark.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "Why it matters" in tip.text_content() and "AL604" in tip.text_content()
    shot(page, "web-hover.png", tmp_path)
    tip.locator("button", has_text="feedback").first.click()
    wait_checked(page)
    text = page.input_value("#text")
    assert "negative feedback." in text and "feedbacks" not in text
    codes = [f["code"] for f in page.evaluate("window.appealLint.state.result.findings")]
    assert "AL604" not in codes
    page.keyboard.press("Control+z")  # the fix is one step of the browser's own undo
    assert "feedbacks" in page.input_value("#text")


def test_safe_fixes_with_one_click(page):
    page.fill("#text", LETTER)
    wait_checked(page)
    button = page.locator("#fix-all")
    assert not button.is_disabled()
    button.click()
    page.wait_for_function("() => !document.getElementById('text').value.includes('\\uff1a')")
    wait_checked(page)
    text = page.input_value("#text")
    assert "\u200b" not in text and "\uff0c" not in text and "Root cause:" in text
    rules = {f["rule"] for f in page.evaluate("window.appealLint.state.result.findings")}
    assert not rules & {"hygiene.fullwidth-punctuation", "hygiene.zero-width"}


def test_click_in_the_letter_shows_the_finding(page):
    page.fill("#text", LETTER)
    wait_checked(page)
    offset = LETTER.index("lack of")
    page.focus("#text")
    page.evaluate(f"() => {{ const t = document.getElementById('text'); t.setSelectionRange({offset + 2}, {offset + 2}); t.dispatchEvent(new MouseEvent('click')); }}")
    detail = page.locator("#detail")
    detail.wait_for(state="visible")
    assert "AL602" in detail.text_content()


def test_re_lints_as_the_writer_types(page):
    page.fill("#text", "Dear Seller Performance Team,\n\nRoot cause: our handling time was too short.\n")
    wait_checked(page)
    before = page.evaluate("window.appealLint.state.result.findings.length")
    page.focus("#text")
    page.keyboard.press("End")
    page.keyboard.type(" The buyer lied about it!")
    page.wait_for_function("() => window.appealLint.state.result.findings.some(f => f.rule === 'ownership.blames-buyer')")
    wait_checked(page)
    assert page.evaluate("window.appealLint.state.result.findings.length") > before
    ms = int(re.search(r"(\d+) ms", page.text_content("#status")).group(1))
    print(f"re-lint after typing: {ms} ms on the server")


def test_chinese_switch(page, tmp_path):
    page.fill("#text", LETTER)
    wait_checked(page)
    page.click("button[data-lang=zh]")
    page.wait_for_function("() => window.appealLint.state.result && window.appealLint.state.result.lang === 'zh'")
    wait_checked(page)
    assert CJK.search(page.text_content(".tagline"))
    assert page.text_content("#verdict") == "提交前请修改"
    assert "根本原因" in page.locator("#outline").text_content()
    messages = page.locator("#findings li").all_text_contents()
    assert sum(1 for m in messages if CJK.search(m)) >= len(messages) - 1
    page.locator("#findings li", has_text="AL101").or_(page.locator("#findings li", has_text="AL403")).first.click()
    detail = page.locator("#detail")
    detail.wait_for(state="visible")
    better = detail.locator(".better").all_text_contents()
    glosses = detail.locator(".gloss").all_text_contents()
    assert better and not any(CJK.search(b) for b in better)  # wording to paste stays English
    assert glosses and all(CJK.search(g) for g in glosses)  # with a Chinese gloss beside it
    page.evaluate("document.querySelector('.side').scrollTop = 0")
    box = page.locator("#backdrop mark", has_text="buyers did not read").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    assert "为什么重要" in tip.text_content() and CJK.search(tip.locator(".gloss").first.text_content())
    shot(page, "web-page-zh.png", tmp_path)
    page.click("button[data-lang=en]")
    page.wait_for_function("() => window.appealLint.state.result.lang === 'en'")


def test_open_a_word_draft(page, tmp_path):
    import docx

    document = docx.Document()
    for line in LETTER.splitlines():
        document.add_paragraph(line)
    path = tmp_path / "appeal.docx"
    document.save(path)
    page.set_input_files("#open", str(path))
    page.wait_for_function("() => document.getElementById('text').value.includes('Root cause')")
    wait_checked(page)
    assert page.locator("#findings li[data-i]").count() > 5
    assert page.title().startswith("appeal.docx")


def test_refuses_other_files(page, tmp_path):
    path = tmp_path / "letter.pdf"
    path.write_bytes(b"%PDF-1.4")
    page.set_input_files("#open", str(path))
    page.wait_for_function("() => document.getElementById('status').classList.contains('bad')")
    assert ".docx" in page.text_content("#status")


def test_drop_a_file_on_the_letter(page):
    # what the browser hands the page when a file is dragged from the desktop onto the letter
    page.evaluate("""() => {
        const data = new DataTransfer();
        data.items.add(new File(["Root cause: the buyer lied about the damage!\\n"], "draft.md", {type: "text/markdown"}));
        const target = document.getElementById('text');
        target.dispatchEvent(new DragEvent('dragover', {dataTransfer: data, bubbles: true, cancelable: true}));
        target.dispatchEvent(new DragEvent('drop', {dataTransfer: data, bubbles: true, cancelable: true}));
    }""")
    page.wait_for_function("() => document.getElementById('text').value.startsWith('Root cause: the buyer lied')")
    wait_checked(page)
    rules = {f["rule"] for f in page.evaluate("window.appealLint.state.result.findings")}
    assert "ownership.blames-buyer" in rules and page.title().startswith("draft.md")


def test_missing_chromium_fails_under_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(os.path, "exists", lambda path: False)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        chromium()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        chromium()
