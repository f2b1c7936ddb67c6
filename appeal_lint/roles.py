"""Paragraph roles: what each block of a letter is doing.

Signals, strongest first: a heading or ``Label:`` that names a section (lexicon in
``rules/_lexicons/roles.yaml``); the greeting and the signature by position; then
weighted cues inside the paragraph plus tense and aspect from spaCy's morphology
(completed actions are past or present perfect, preventive steps are future).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .draft import first_line_span, heading_text, inline_label
from .model import ROLES
from .ruleset import load_lexicon

FUTURE_WORDS = {"will", "shall", "'ll", "wo"}


@dataclass(frozen=True)
class Lexicon:
    titles: re.Pattern
    headings: tuple[tuple[str, re.Pattern], ...]
    greeting: re.Pattern
    valediction: re.Pattern
    cues: dict[str, tuple[tuple[re.Pattern, float], ...]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_lexicon("roles")
    headings = tuple((h["role"], re.compile("|".join(f"(?:{p})" for p in h["patterns"]), re.I)) for h in data["headings"])
    cues = {role: tuple((re.compile(c["re"], re.I), float(c["w"])) for c in items) for role, items in data["cues"].items()}
    for role, _ in headings:
        assert role in ROLES, role
    return Lexicon(re.compile(data["titles"], re.I), headings, re.compile(data["greeting"], re.I), re.compile(data["valediction"], re.I), cues)


def heading_role(words: str) -> str | None:
    for role, pattern in lexicon().headings:
        if pattern.search(words):
            return role
    return None


def sentence_tense(sent) -> str:
    """``future``, ``past`` (incl. present perfect), ``present`` or ``none`` for one sentence."""
    root = sent.root
    verbs = [root] + [t for t in root.conjuncts if t.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in aux}
        if lowers & FUTURE_WORDS or any(a.lower_ == "going" for a in aux) or any(a.tag_ == "MD" and a.lower_ in ("must", "should") for a in aux):
            return "future"
        if any(a.lemma_ == "have" and a.tag_ in ("VBP", "VBZ", "VBD") for a in aux) and verb.tag_ == "VBN":
            return "past"
        if any(a.tag_ == "VBD" for a in aux) or verb.tag_ == "VBD":
            return "past"
    if root.tag_ in ("VBZ", "VBP"):
        return "present"
    return "none"


FIRST_PERSON = {"we", "i", "us", "our", "my"}


def _first_person_affirmative(sent) -> tuple[bool, bool]:
    """(is the root's subject first person, is the root negated)."""
    root = sent.root
    # active subjects only: "our privileges were removed" is done to us, not by us
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    first = any(s.lower_ in FIRST_PERSON or any(t.lower_ in FIRST_PERSON for t in s.children if t.dep_ == "poss") for s in subjects)
    negated = any(c.dep_ == "neg" for c in root.children)
    return first, negated


def tense_counts(doc) -> dict[str, int]:
    """Per block: sentences by tense, and completed first-person actions ("we refunded")."""
    counts = {"future": 0, "past": 0, "present": 0, "none": 0, "done": 0, "failed": 0}
    for sent in doc.sents:
        tense = sentence_tense(sent)
        counts[tense] += 1
        if tense == "past":
            first, negated = _first_person_affirmative(sent)
            if first and not negated:
                counts["done"] += 1
            elif negated:
                counts["failed"] += 1
    return counts


def _cue_scores(text: str) -> dict[str, float]:
    scores = {}
    for role, cues in lexicon().cues.items():
        scores[role] = sum(w * len(p.findall(text)) for p, w in cues)
    return scores


def _content_index(roles: list[str], blocks, i: int) -> int:
    """How many paragraphs (not greetings, not headings) come before block i."""
    return sum(1 for j in range(i) if roles[j] != "greeting" and blocks[j].kind != "heading")


def classify(blocks, docs, tenses: list[dict[str, int]]) -> list[str]:
    """One role per block."""
    lex = lexicon()
    roles = ["other"] * len(blocks)
    section: str | None = None
    hard = False  # a heading line rules the blocks below it; a "Label:" only leans on them
    signature_from = None
    n = len(blocks)
    for i, block in enumerate(blocks):
        start, end = first_line_span(block.content)
        if lex.valediction.match(block.content[start:end]) and i >= n - 4:
            signature_from = i
            break
    for i, block in enumerate(blocks):
        if signature_from is not None and i >= signature_from:
            roles[i] = "signature"
            continue
        content = block.content
        if block.kind == "heading":
            words = heading_text(block.text) or content
            if i <= 1 and lex.greeting.match(words):
                roles[i] = "greeting"
                continue
            if lex.titles.match(words):
                section, roles[i] = None, "other"  # the letter's title, not one of its parts
                continue
            section = heading_role(words)
            hard = True
            roles[i] = section or "other"
            continue
        if i <= 1 and lex.greeting.match(content) and block.words <= 12:
            roles[i] = "greeting"
            continue
        content_index = _content_index(roles, blocks, i)
        label = inline_label(content)
        if label and heading_role(label):
            roles[i] = heading_role(label)
            if block.kind == "paragraph":
                section, hard = roles[i], False
            continue
        scores = _cue_scores(content)
        t = tenses[i]
        scores["actions_taken"] += 1.2 * t["done"] + 0.3 * (t["past"] - t["done"] - t["failed"])
        scores["root_cause"] += 1.0 * t["failed"]
        scores["preventive_measures"] += 1.2 * t["future"] + 0.3 * t["present"]
        if section and not hard:
            scores[section] = scores.get(section, 0) + 1.5
        if section is None and content_index == 0:
            # the first paragraph before any section usually states the notice or owns it
            scores["acknowledgement"] += 2.0
        best = max(scores, key=scores.get)
        if section and hard:
            role = section
            near_end = i >= n - 3
            if best in ("closing",) and near_end and scores[best] >= 2.5 and scores[best] > scores.get(section, 0):
                role = best
            elif best == "off_topic" and scores[best] >= 3 and scores[best] > scores.get(section, 0):
                role = best
            roles[i] = role
            continue
        if scores[best] < 1.5:
            roles[i] = "other"
            continue
        # early paragraphs that acknowledge or lead in are acknowledgement, late pleas are closing
        roles[i] = best
    return roles
