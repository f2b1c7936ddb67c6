"""Message wording: no empty "Write ''." sentences, plurals, readable rule listings,
--lang for the rule commands anywhere on the line, and every rule's Chinese text."""

from __future__ import annotations

import re

import pytest

from appeal_lint.cli import main
from appeal_lint.messages import plain, render
from appeal_lint.ruleset import load_rules


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_render_drops_a_sentence_with_nothing_to_show():
    template = '"{text}": the verb "lack" takes no "of". Write "{replacement}".'
    assert render(template, {"text": "we lack of", "replacement": ""}) == '"we lack of": the verb "lack" takes no "of".'
    assert render(template, {"text": "we lack of", "replacement": "we lack"}).endswith('Write "we lack".')
    zh = '"{text}"：动词 lack 后面不加 of。请写"{replacement}"。'
    assert render(zh, {"text": "x", "replacement": ""}) == '"x"：动词 lack 后面不加 of。'


def test_lack_of_without_a_replacement_has_no_empty_quote(lint):
    report = lint("Root cause: our new employee lack of training on fragile items.\n")
    found = [f for f in report.findings if f.rule == "language.lack-of"]
    assert found
    assert all('""' not in f.message for f in found), [f.message for f in found]


def test_summary_plurals(capsys, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("Root cause: the buyer lied about the damage!\n", encoding="utf-8")
    _, out, _ = run(capsys, "--no-grammar", "--select", "AL201,AL302", str(path))
    assert "2 findings (1 error, 1 warning, 0 info) in 1 draft." in out


def test_rules_listing_shows_no_placeholders(capsys):
    for lang in ("en", "zh"):
        code, out, _ = run(capsys, "rules", "--lang", lang)
        assert code == 0
        assert not re.search(r"\{[a-z_]+\}", out), re.findall(r".*\{[a-z_]+\}.*", out)
    assert "The letter has N words" in run(capsys, "rules")[1]


@pytest.mark.parametrize("argv", [
    ["--lang", "zh", "rule", "AL201"],
    ["rule", "--lang", "zh", "AL201"],
    ["rule", "AL201", "--lang", "zh"],
    ["--lang=zh", "rule", "AL201"],
])
def test_rule_accepts_lang_anywhere(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert "检查内容：" in out and "为什么重要：" in out


def test_rules_accepts_lang_before_the_command(capsys):
    code, out, _ = run(capsys, "--lang", "zh", "rules")
    assert code == 0 and out.rstrip().endswith("条规则")


def test_a_draft_named_like_a_command_is_still_a_draft(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "poa.txt").write_text("We refunded 3 buyers on May 4.\n", encoding="utf-8")
    code, out, _ = run(capsys, "--no-grammar", "rules")
    assert "poa.txt" in out  # linted as a folder of drafts: --no-grammar is not a listing option


def test_zh_better_wording_stays_english_with_a_gloss(capsys):
    code, out, _ = run(capsys, "--lang", "zh", "rule", "AL101")
    lines = out.splitlines()
    start = lines.index("建议写法（英文，可直接用于信中）：")
    better = [l for l in lines[start + 1 :] if l.startswith("  ") and not l.strip().startswith("释义")][:3]
    assert better and all(not re.search(r"[\u4e00-\u9fff]", l.split("】")[-1]) for l in better)
    assert any(l.strip().startswith("释义：") for l in out.splitlines())


CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("rule", load_rules(), ids=lambda r: r.id)
def test_every_rule_has_all_chinese_fields(rule):
    assert CJK.search(rule.zh.get("message", "")), "zh.message missing or not Chinese"
    assert CJK.search(rule.zh.get("why", "")), "zh.why missing or not Chinese"
    s = rule.suggestions
    for key, english in s.by_reason.items():
        glosses = s.zh_by_reason.get(key, [])
        assert len(glosses) == len(english), f"zh.suggest needs a gloss for each wording ({key})"
        for e, g in zip(english, glosses):
            assert not CJK.search(e), f"an English wording holds Chinese: {e}"
            assert CJK.search(g) or not re.search(r"[A-Za-z]{3}", e), f"the gloss of {e!r} is not Chinese: {g!r}"


def test_zh_findings_offer_english_suggestions(lint, engine):
    old = engine.settings.lang
    engine.settings.lang = "zh"
    try:
        report = lint("Dear team,\n\nWe refunded the buyer. We will try our best in the future.\n")
    finally:
        engine.settings.lang = old
    with_suggestions = [f for f in report.findings if f.suggestions]
    assert with_suggestions
    for f in with_suggestions:
        assert not any(CJK.search(s) for s in f.suggestions), f.suggestions
        assert CJK.search(f.message)
    assert any(f.glosses for f in with_suggestions)


def test_chinese_readme_sample_is_real_output(capsys):
    from conftest import ROOT

    readme = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8")
    command = re.search(r"`appeal-lint (--lang zh [^`]+)` 的真实输出", readme).group(1).split()
    sample = readme.split("的真实输出", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    _, out, _ = run(capsys, *command)
    lines = [l for l in sample.splitlines() if l.strip() and l != "..."]
    assert len(lines) > 5
    missing = [l for l in lines if l not in out.splitlines()]
    assert not missing, missing


def test_chinese_messages_name_the_letters_parts_in_chinese(lint, engine):
    text = ("Dear Seller Performance Team,\n\nPreventive measures: from June 1 our lead checks every order daily before 3 pm.\n\n"
            "Root cause: our handling time was 1 day, but we ship only on weekdays.\n\nActions taken: on May 4 we refunded all 14 buyers.\n")
    old = engine.settings.lang
    engine.settings.lang = "zh"
    try:
        report = lint(text)
    finally:
        engine.settings.lang = old
    order = [f for f in report.findings if f.rule == "structure.order"]
    assert order and "预防措施" in order[0].message and "preventive" not in order[0].message
