"""The web page's own words, in English and Simplified Chinese.

Finding messages, explanations and glosses come from the rules (``--lang``); these are
the page's labels around them. The page receives the table for its language with each
lint, so switching language needs no reload and no string lives twice.
"""

from __future__ import annotations

from ..formatters.text_format import LABELS as TEXT_LABELS
from ..messages import ROLES_ZH

ROLES = {
    "en": {
        "greeting": "Greeting", "acknowledgement": "Acknowledgement", "root_cause": "Root cause",
        "actions_taken": "Actions taken", "preventive_measures": "Preventive measures", "closing": "Closing",
        "signature": "Signature", "off_topic": "Off topic", "other": "Other",
    },
    "zh": ROLES_ZH,
}

SEVERITIES = {
    "en": {"error": "error", "warning": "warning", "info": "info"},
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
}

UI = {
    "en": {
        "title": "appeal-lint",
        "tagline": "Check a Plan of Action before you send it. Everything stays on this computer.",
        "open": "Open a draft (.txt, .md, .docx)",
        "drop": "or drop a file on the letter",
        "placeholder": "Paste your appeal letter here, or drop a .txt, .md or .docx file.",
        "reason": "Suspension reason",
        "reason_auto": "Detect from the letter",
        "grade": "Grade",
        "categories": "Where points were lost",
        "capped": "Grade capped by",
        "outline": "Outline",
        "outline_empty": "The letter's parts appear here.",
        "findings": "Findings",
        "no_findings": "No findings.",
        "whole_letter": "whole letter",
        "why": "Why it matters",
        "better": "Better wording",
        "gloss": "",
        "apply": "Replace with",
        "remove": "Remove",
        "fix_all": "Apply safe fixes",
        "fix_none": "No safe fixes",
        "checking": "Checking…",
        "checked": "Checked in {ms} ms · {words} words",
        "empty": "Paste or type a letter to check it.",
        "error": "Could not check the letter: {message}",
        "reason_shown": "Reason: {name}",
        "reason_detected": "detected",
        "reason_option": "chosen",
        "privacy": "Runs on 127.0.0.1: the letter is checked by this program on this computer and sent nowhere else.",
        "paragraph": "Word paragraph {n}",
    },
    "zh": {
        "title": "appeal-lint",
        "tagline": "提交行动计划前先检查。所有内容都留在这台电脑上。",
        "open": "打开草稿（.txt、.md、.docx）",
        "drop": "或把文件拖到信上",
        "placeholder": "把申诉信粘贴到这里，或拖入 .txt、.md、.docx 文件。",
        "reason": "申诉原因",
        "reason_auto": "根据信件自动识别",
        "grade": "评级",
        "categories": "扣分项",
        "capped": "评级上限受限于",
        "outline": "结构",
        "outline_empty": "信件的各个部分会显示在这里。",
        "findings": "问题",
        "no_findings": "没有发现问题。",
        "whole_letter": "整封信",
        "why": "为什么重要",
        "better": "建议写法（英文，可直接用于信中）",
        "gloss": "释义：",
        "apply": "替换为",
        "remove": "删除",
        "fix_all": "一键应用安全修正",
        "fix_none": "没有可自动修正的问题",
        "checking": "正在检查…",
        "checked": "检查用时 {ms} 毫秒 · {words} 个词",
        "empty": "粘贴或输入一封信即可开始检查。",
        "error": "无法检查这封信：{message}",
        "reason_shown": "申诉原因：{name}",
        "reason_detected": "自动识别",
        "reason_option": "已选择",
        "privacy": "运行在 127.0.0.1：信件由本机上的程序检查，不会发送到其他任何地方。",
        "paragraph": "Word 第 {n} 段",
    },
}


def labels(lang: str) -> dict:
    lang = lang if lang in UI else "en"
    text = TEXT_LABELS[lang]
    return {
        **UI[lang],
        "roles": ROLES[lang],
        "severities": SEVERITIES[lang],
        "categories_names": text["categories"],
        "verdicts": {v: text[v] for v in ("ready to send", "revise before sending")},
    }
