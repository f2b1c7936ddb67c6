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

from .draft import HEADER_LINE, first_line_span, heading_text, inline_label, is_valediction
from .model import ROLES
from .ruleset import load_lexicon

FUTURE_WORDS = {"will", "shall", "'ll", "wo"}


@dataclass(frozen=True)
class Lexicon:
    titles: re.Pattern
    headings: tuple[tuple[str, re.Pattern], ...]
    greeting: re.Pattern
    cues: dict[str, tuple[tuple[re.Pattern, float], ...]]
    summary: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_lexicon("roles")
    headings = tuple((h["role"], re.compile("|".join(f"(?:{p})" for p in h["patterns"]), re.I)) for h in data["headings"])
    cues = {role: tuple((re.compile(c["re"], re.I), float(c["w"])) for c in items) for role, items in data["cues"].items()}
    for role, _ in headings:
        assert role in ROLES, role
    return Lexicon(re.compile(data["titles"], re.I), headings, re.compile(data["greeting"], re.I), cues,
                   re.compile(data["summary"], re.I))


def heading_role(words: str) -> str | None:
    """The part a heading names: the first role in the lexicon's order whose pattern matches,
    except that a heading naming the root cause first and then an action ("Root cause and
    first fix") is the root cause: its part opens with the cause."""
    found = {}
    for role, pattern in lexicon().headings:
        m = pattern.search(words)
        if m:
            found[role] = m.start()
    if not found:
        return None
    first = next(iter(found))
    if first == "actions_taken" and "root_cause" in found and found["root_cause"] <= found["actions_taken"]:
        return "root_cause"
    return first


# "should have checked", "could have been caught": a modal before "have" and a participle looks
# back at what was (or was not) done; "will have finished by 30 June" still looks ahead
_PAST_MODALS = {"should", "must", "would", "could", "might", "may", "ought", "shouldn't", "couldn't", "wouldn't"}


def _past_modal(aux, verb) -> bool:
    modal = [a for a in aux if a.tag_ == "MD"]
    return (bool(modal) and all(a.lower_ in _PAST_MODALS for a in modal)
            and any(a.lower_ == "have" and a.tag_ == "VB" for a in aux) and verb.tag_ == "VBN")


def sentence_tense(sent) -> str:
    """``future``, ``past`` (incl. present perfect), ``present`` or ``none`` for one sentence."""
    root = sent.root
    verbs = [root] + [t for t in root.conjuncts if t.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in aux}
        if _past_modal(aux, verb):
            return "past"
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
        if tense == "past" and not any(t.tag_ == "MD" for t in sent.root.children):
            # "we should have checked" is past, but nothing was done
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


@dataclass
class SentenceContext:
    """One sentence of a letter and what surrounds it: what the role classifiers see."""

    block: int
    start: int  # offsets in the draft text
    end: int
    sent: object  # the spaCy Span (None for a heading)
    kind: str  # block kind: heading | bullet | paragraph
    section: str | None  # the part named by the heading above (or by a "Label:" opening the block)
    hard: bool  # the section comes from a heading line, not from a label
    label: str | None  # role named by a "Label:" opening this sentence's block
    first_in_block: bool
    content_index: int  # how many content blocks come before this one
    position: float  # where in the letter, 0..1
    zone: str | None  # "greeting" | "signature" | "title" | None: decided by layout alone
    tense: str = "none"
    first_person: bool = False
    negated: bool = False
    _parts: tuple | None = None
    _predictions: dict | None = None

    def parts(self) -> tuple[list[str], tuple[str, ...]]:
        """The sentence's features for the defect model in two parts, made once: every feature
        but the character n-grams, and the words those come from (features.feature_parts)."""
        if self._parts is None:
            from .features import feature_parts

            self._parts = feature_parts(self.sent, self.section, self.tense)
        return self._parts

    def features(self) -> list[str]:
        """All the sentence's features for the defect model, as training reads them
        (features.sentence_features)."""
        from .features import char_grams

        feats, words = self.parts()
        return feats + char_grams(words)

    def predicted(self, model):
        """``model``'s prediction for this sentence, made once (the role reader and every
        ``classifier`` rule read the same defect model)."""
        if self._predictions is None:
            self._predictions = {}
        if model.name not in self._predictions:
            self._predictions[model.name] = model.predict(*self.parts())
        return self._predictions[model.name]


def _sentence_of_thanks(line: str) -> bool:
    """A thanks that ends as a sentence ("Thank you very much.", "Thanks again!"), not as a sign-off ("Thanks,")."""
    return line.endswith((".", "!")) and line.lower().startswith("thank")


def _zones(blocks) -> tuple[int | None, set[int]]:
    """(first signature block, greeting blocks)."""
    lex = lexicon()
    n = len(blocks)
    signature_from = None
    for i, block in enumerate(blocks):
        start, end = first_line_span(block.content)
        first = block.content[start:end].strip()
        if is_valediction(first) and i >= n - 4:
            if _sentence_of_thanks(first) and any(is_valediction(b.content[slice(*first_line_span(b.content))])
                                                 for b in blocks[i + 1 :]):
                continue  # "Thank you very much." above "Best regards": the last sentence, not the sign-off
            signature_from = i
            break
    greetings = set()
    for i, block in enumerate(blocks[:4]):
        words = block.title or block.content
        if lex.greeting.match(words) and block.words <= 12:
            greetings.add(i)  # "Dear Sir/Madam," and "Greetings of the day!" on the next line
        elif greetings:
            break
    return signature_from, greetings


def _section_names(blocks) -> tuple[dict[int, str], dict[int, str | None]]:
    """(block -> the words of the heading or ``Label:`` that names a section there,
    block -> the part those words name). A heading that would name the root cause ("What
    happened") above a later one that names it outright ("Why it happened", "Root cause")
    summarises the problem: its part is the acknowledgement."""
    names = {}
    for i, block in enumerate(blocks):
        if block.kind == "heading":
            names[i] = block.title or heading_text(block.text) or block.content
        else:
            label = inline_label(block.content)
            if label:
                names[i] = label
    roles = {i: heading_role(words) for i, words in names.items()}
    summary = lexicon().summary
    summaries = {i for i, words in names.items() if roles[i] == "root_cause" and summary.search(words)}
    for i in summaries:
        if any(j > i and role == "root_cause" and j not in summaries for j, role in roles.items()):
            roles[i] = "acknowledgement"
    return names, roles


def sentence_contexts(blocks, docs) -> list[SentenceContext]:
    """Every sentence of the draft (a heading counts as one), in order, with its context."""
    lex = lexicon()
    signature_from, greetings = _zones(blocks)
    first_greeting = min(greetings) if greetings else 2  # without a greeting, the first two blocks
    names, named = _section_names(blocks)
    total = max(1, sum(len(b.content) for b in blocks))
    seen = 0
    out: list[SentenceContext] = []
    section, hard = None, False
    content_index = 0
    for i, (block, doc) in enumerate(zip(blocks, docs)):
        position = seen / total
        seen += len(block.content)
        zone = "signature" if signature_from is not None and i >= signature_from else "greeting" if i in greetings else None
        # above the greeting ("To: ...", "Subject: Plan of Action - ASIN ...", a bold title): the letter's
        # header, by layout; without a greeting, a header line among the first two blocks
        subject = zone is None and i < first_greeting and (bool(greetings) or HEADER_LINE.match(block.content))
        if subject and block.kind != "heading":
            zone = "title"
        if block.kind == "heading":
            words = names[i]
            if subject or lex.titles.match(words):
                section, hard, zone = None, False, "title"
            elif zone is None:
                section, hard = named[i], True
            out.append(SentenceContext(i, block.content_start, block.end, None, "heading", section, hard, None, True, content_index, position, zone))
            continue
        label_role = named.get(i)
        if label_role and block.kind == "paragraph" and not hard:
            section = label_role  # a "Label:" paragraph leans on the paragraphs below it
        first = True
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            start = block.content_start + sent.start_char
            end = block.content_start + sent.end_char
            tense = sentence_tense(sent)
            fp, neg = _first_person_affirmative(sent)
            out.append(SentenceContext(i, start, end, sent, block.kind, section if not label_role else label_role, hard and not label_role,
                                       label_role, first, content_index, position, zone, tense, fp, neg))
            first = False
        if zone is None:
            content_index += 1
    return out


def heuristic_role(c: SentenceContext) -> str:
    """The hand-weighted role of one sentence: cues, tense and the section it sits in."""
    if c.zone in ("greeting", "signature"):
        return c.zone
    if c.zone == "title":
        return "other"
    if c.kind == "heading":
        return c.section or "other"
    scores = _cue_scores(c.sent.text)
    if c.tense == "past":
        if c.first_person and not c.negated:
            scores["actions_taken"] += 1.2
        elif c.negated:
            scores["root_cause"] += 1.0
        else:
            scores["actions_taken"] += 0.3
    elif c.tense == "future":
        scores["preventive_measures"] += 1.2
    elif c.tense == "present":
        scores["preventive_measures"] += 0.3
    if c.label and c.first_in_block:
        return c.label
    if c.section:
        scores[c.section] = scores.get(c.section, 0) + (3.0 if c.hard else 1.5)
    elif c.content_index == 0:
        scores["acknowledgement"] += 2.0  # the first paragraph before any section states or owns the notice
    best = max(scores, key=scores.get)
    if c.section and c.hard and best not in ("off_topic", "closing"):
        return c.section
    if scores[best] < 1.5:
        return c.section or "other"
    return best


@lru_cache(maxsize=1)
def _any_cue() -> dict[str, re.Pattern]:
    """One pattern per role that matches where any of its cues would."""
    return {role: re.compile("|".join(f"(?:{p.pattern})" for p, _ in cues), re.I) for role, cues in lexicon().cues.items()}


def role_features(c: SentenceContext) -> list[str]:
    """What the learned role model sees of a sentence: its words and parse, and where it stands."""
    # the defect features without characters and section: sentence_features(sent, None, tense, chars=False)
    feats = [f for f in c.parts()[0] if not f.startswith(("sec*tense=", "rc*"))]
    feats.append("kind=" + c.kind)
    if c.section:
        feats.append(("hsec=" if c.hard else "lsec=") + c.section)
    else:
        feats.append("nosec")
    if c.label and c.first_in_block:
        feats.append("label=" + c.label)
    if c.first_in_block:
        feats.append("first")
    feats.append("ci=" + str(min(c.content_index, 3)))
    feats.append("pos=" + str(min(int(c.position * 5), 4)))
    if c.first_person:
        feats.append("fp_aff" if not c.negated else "fp_neg")
    text = c.sent.text
    for role, cue in _any_cue().items():
        if cue.search(text):
            feats.append("cue=" + role)
    return feats


# a sentence that says what the cause was: "the (root) cause (of the late orders) is/was",
# "... was caused by", "the reason (for ...) was that", "this happened because"
NAMED_CAUSE = re.compile(
    r"\b(?:(?:root\s+)?cause\s+(?:of\s+[^.;]{1,60}?\s+)?(?:is|was|lies|lay)\b|(?:was|were)\s+caused\s+by\b"
    r"|reason\s+(?:for\s+[^.;]{1,60}?\s+)?(?:is|was)\s+that\b|happened\s+because\b)", re.I)


def name_the_cause(contexts, roles: list[str]) -> None:
    """A letter is never told it has no root cause while one of its sentences says, in so
    many words, what the cause was ("The cause is a change we made ...", "This happened
    because ..."): when no sentence was read as the root cause, the first that names it
    is. Round 13: a strong one-paragraph letter whose cause sentences the role model read
    as acknowledgement got "No root cause" (held-out-12)."""
    if "root_cause" in roles:
        return
    for i, c in enumerate(contexts):
        if c.zone is None and c.kind != "heading" and c.sent is not None and roles[i] not in ("greeting", "signature", "closing") \
                and NAMED_CAUSE.search(c.sent.text):
            roles[i] = "root_cause"
            return


def classify_sentences(blocks, docs, model=None) -> list[tuple[SentenceContext, str]]:
    """A role for every sentence: the learned model's when one is given, else the hand weights."""
    contexts = sentence_contexts(blocks, docs)
    if model is not None:
        roles = model.predict(contexts)
    else:
        roles = [heuristic_role(c) for c in contexts]
    name_the_cause(contexts, roles)
    return list(zip(contexts, roles))


def block_roles(blocks, sentences: list[tuple[SentenceContext, str]]) -> list[str]:
    """One role per block, derived from its sentences: the role of most of its words."""
    weight: list[dict[str, int]] = [{} for _ in blocks]
    for c, role in sentences:
        w = weight[c.block]
        w[role] = w.get(role, 0) + max(1, c.end - c.start)
    return [max(w, key=w.get) if w else "other" for w in weight]


def classify(blocks, docs, tenses=None, model=None) -> list[str]:
    """One role per block (kept for callers that think in blocks)."""
    return block_roles(blocks, classify_sentences(blocks, docs, model))
