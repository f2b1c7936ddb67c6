"""Filling in a rule's message template, and showing a template without its values.

* :func:`render` fills ``{text}``, ``{replacement}``, ``{value}``...; a sentence whose
  placeholder has nothing to show (no replacement, say) is left out, so no message
  ever ends in ``Write "".``
* :func:`plain` turns a template into a readable summary for rule listings
  (``The letter has {value} words`` -> ``The letter has N words``).
"""

from __future__ import annotations

import re
import string

# A sentence ends at . ! ? followed by white space, or right after a Chinese full stop.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？；])")
_FIELDS = string.Formatter()


class _Values(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _fields(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in _FIELDS.parse(template) if name}
    except ValueError:
        return set()


def render(template: str, values: dict) -> str:
    """``template.format`` with the values; unknown placeholders stay as they are, and
    sentences whose placeholders are all given as empty strings are dropped."""
    empty = {k for k, v in values.items() if v == "" or v is None}
    if empty and _fields(template) & empty:
        parts = _SENTENCE_END.split(template)
        kept = [p for p in parts if not (_fields(p) & empty)]
        if kept:
            template = " ".join(p.strip() for p in kept if p.strip())
    return _substitute(template, values)


_FIELD = re.compile(r"\{\{|\}\}|\{(\w+)\}")


def _substitute(template: str, values: dict) -> str:
    """``{name}`` replaced by its value, names only: no attribute access, indexing or
    format specs (``{text.__class__}``, ``{text:>50000000}`` stay as written). ``{{``
    and ``}}`` are braces; an unknown name stays as written."""

    def field(m: re.Match) -> str:
        name = m.group(1)
        if name is None:
            return m.group()[0]
        return str(values[name]) if name in values else m.group()

    return _FIELD.sub(field, template)


# What each placeholder reads as in a listing (the value is only known on a real letter).
PLAIN = {
    "text": "…",
    "replacement": "…",
    "value": "N",
    "min": "N",
    "max": "N",
    "target": "N",
    "metric": "A metric's",
    "role": "X",
    "after": "Y",
    "other": "another policy",
    "reason": "the letter's reason",
    "codepoint": "U+…",
    "selectors": "…",
    "backend_message": "Grammar or spelling (Harper, or LanguageTool when configured).",
    "drivers": "the words that weighed most",
    "probability": "N%",
    "label": "the category",
    "count": "N",
    "total": "N",
    "items": "…",
    "first": "…",
    "policy": "a policy",
    "owner": "the rights owner",
    "notice": "the notice's figure",
    "letter": "the letter's figure",
    "date": "a date",
    "earliest": "a date",
    "days": "N",
    "documents": "documents",
    "what": "…",
    "candidates": "the likeliest reasons",
    "excerpt": "…",
    "second": "…",
    "problem": "a noun and its verb, determiner or number do not agree.",
    "noun": "noun",
}
PLAIN_ZH = {
    "metric": "某指标",
    "role_zh": "X",
    "after_zh": "Y",
    "other_zh": "其他政策",
    "reason_zh": "本信的申诉原因",
    "kind_zh": "语法或拼写",
    "backend_message": "Harper（或配置的 LanguageTool）发现的问题。",
    "drivers": "权重最高的词",
    "drivers_zh": "权重最高的词",
    "candidates_zh": "最可能的原因",
    "what_zh": "…",
    "documents_zh": "文件",
    "policy": "某政策",
    "owner": "权利人",
    "date": "某日期",
    "earliest": "某日期",
    "problem_zh": "名词与动词、限定词或数字的单复数不一致。",
    "second": "…",
    "noun": "名词",
}


def plain(template: str, lang: str = "en", first_line: bool = True) -> str:
    """The template (its first line by default) with placeholders shown as readable stand-ins."""
    text = template.strip()
    if first_line and text:
        text = text.splitlines()[0]
    if not _fields(text):
        return text
    table = {**PLAIN, **PLAIN_ZH} if lang == "zh" else PLAIN
    try:
        return _substitute(text, table)
    except (ValueError, IndexError):
        return text


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word if n == 1 else (words or word + 's')}"


# Grammar backends' kinds of issue, as shown to a Chinese reader (the backend's own
# message stays English: it quotes the English words it is about).
KINDS_ZH = {
    "spelling": "拼写", "agreement": "主谓或数的一致", "grammar": "语法", "repetition": "重复用词",
    "word_choice": "用词", "capitalization": "大小写", "punctuation": "标点", "style": "文体",
    "miscellaneous": "其他", "typography": "排版", "redundancy": "冗余", "readability": "可读性",
    "enhancement": "改进建议", "usage": "惯用法", "eggcorn": "同音误写", "malapropism": "近形词误用",
    "typo": "笔误", "boundary_error": "分写或连写", "nonstandard": "非标准用法", "regionalism": "地区用法",
    "formatting": "格式",
}


def kind_zh(kind: str) -> str:
    return KINDS_ZH.get(kind.replace(" ", "_").lower(), "语法或拼写")


# The letter's parts, in Chinese (web page outline, {role_zh} in Chinese messages).
ROLES_ZH = {
    "greeting": "称呼", "acknowledgement": "承认问题", "root_cause": "根本原因",
    "actions_taken": "已采取的措施", "preventive_measures": "预防措施", "closing": "结尾请求",
    "signature": "署名", "off_topic": "离题内容", "other": "其他",
}


def zh_values(values: dict) -> dict:
    """Chinese twins of the values a Chinese message may show: ``{role_zh}`` for ``{role}``..."""
    out = {}
    for key in ("role", "after"):
        if isinstance(values.get(key), str):
            out[key + "_zh"] = ROLES_ZH.get(values[key].replace(" ", "_"), values[key])
    return out
