"""``type: comma_splice`` - two full sentences joined by a comma alone.

    "The carrier lost six parcels, we refunded all of them the same day."

Second-language writers join sentences this way far more often than native ones
(Chinese, Vietnamese and many other languages allow it), and a reviewer reads it as a
run-on. The check reads the parse: a clause with its own subject and finite verb that
starts right after a comma, after a clause that also has its own subject and finite verb
and is not subordinate ("If ..., we ...", "Because ..., ..."). It stays quiet where the
comma is a list's ("we A, we B and we C"), before a relative or absolute phrase ("640 of
which ...", "weekends included"), after a semicolon or colon, and in list items, where
note-style clauses are the norm. Headings are skipped.

No options. The hit covers the comma and the second clause up to its verb; the
suggestions end the first sentence there, or join the two with a semicolon.
"""

from __future__ import annotations

from typing import Iterable

from ..model import Fix
from .base import Context, Hit

SUBJECT = {"nsubj", "nsubjpass", "expl"}
FINITE = {"VBD", "VBZ", "VBP", "MD"}
# words that make the second clause a continuation, not a new sentence
LINKS = {
    "and", "or", "but", "so", "yet", "nor", "then", "which", "who", "whom", "whose", "that", "when", "where",
    "while", "because", "as", "if", "since", "although", "though", "unless", "until", "after", "before", "once",
    "thus", "therefore", "however", "otherwise", "also", "plus", "namely", "including", "for", "not",
}
SUBORDINATORS = {"if", "when", "because", "since", "once", "as", "until", "unless", "while", "whenever", "after", "before"}
# the clause before the comma ends at one of these (a list of clauses, a semicolon's clause)
STOPS = {",", ";", ":", "(", "-", "and", "but", "or", "so"}
# "Should you need ..., we can ...": an inverted condition
INVERTED = {"should", "had", "were", "did"}
# "invoice attached", "weekends included": a phrase, not a clause
PHRASE_VERBS = {"include", "exclude", "attach", "date", "enclose"}
# in a subject these make it a phrase that continues the first sentence, or a list
SUBJECT_STOPS = {"which", "whom", "whose", "who", "than", "and", "or", ";"}
# a main clause's verb and every verb above it hang on one of these
MAIN_CHAIN = {"ROOT", "conj", "parataxis", "ccomp"}


def _finite(verb) -> bool:
    return verb.tag_ in FINITE or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE for c in verb.children)


def _main_clause(verb, comma: int) -> bool:
    """``verb`` heads a main clause with its own subject before the comma at ``comma``: not inside
    a subordinate, relative or infinitive clause ("To make sure this does not happen again, ..."),
    and not a relative clause without "that" after a noun ("the same day we received the notice")."""
    for v in [verb, *verb.ancestors]:
        if v.dep_ not in MAIN_CHAIN or any(c.dep_ == "mark" for c in v.children):
            return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECT and c.i < comma]
    if not subjects:
        return False
    edge = subjects[0].left_edge.i
    if edge > verb.sent.start and verb.doc[edge - 1].pos_ in ("NOUN", "PROPN", "NUM"):
        return False
    return _finite(verb)


def splices(sent) -> Iterable[tuple[int, object]]:
    """(index of the comma, verb of the second clause) for each comma splice in ``sent``."""
    doc, first = sent.doc, sent.start
    if doc[first].pos_ == "SCONJ" or doc[first].lower_ in LINKS or doc[first].lower_ in INVERTED:
        return
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.dep_ not in ("conj", "ccomp", "parataxis", "ROOT"):
            continue
        subjects = [c for c in verb.children if c.dep_ in SUBJECT and c.i < verb.i]
        if not subjects:
            continue
        subject = subjects[0]
        start = subject.left_edge.i
        comma = start - 1
        if comma <= first + 1 or doc[comma].text != ",":
            continue
        if subject.lower_ in LINKS or doc[start].lower_ in LINKS or any(c.dep_ == "conj" for c in subject.children):
            continue
        phrase = list(subject.subtree)
        if any(t.lower_ in SUBJECT_STOPS for t in phrase):
            continue  # "..., 640 of which offered a voucher", "..., 118 fewer than the report showed"
        if sum(t.dep_ in ("det", "poss") for t in phrase) > 1 and not any(t.pos_ == "ADP" for t in phrase):
            continue  # "..., a jump our own rule allowed": a phrase with a clause inside, misread as a subject
        if verb.tag_ in ("VBD", "VBN") and verb.pos_ == "VERB" and any(t.lower_ in ("them", "these", "those") for t in phrase) \
                and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in verb.children):
            continue  # "..., all of them packed on 14 April": a past participle's phrase, not a clause
        if not _finite(verb) or verb.lemma_ in PHRASE_VERBS or not verb.is_alpha or any(c.dep_ == "mark" for c in verb.children):
            continue  # "..., we accept that, for some orders, we were ...": a clause opened by "that"
        if any(t.text in (";", ":", ".", "!", "?") for t in doc[comma:verb.i]):
            continue
        if any(t.lower_ in ("and", "or", "but") for t in doc[comma + 1 : verb.i]):
            continue  # the second clause is joined after all ("..., the stock sold out, but the listing showed")
        joins = [t.i for t in doc[verb.i + 1 : sent.end] if t.lower_ in ("and", "or", "but")]
        if joins and any(t.dep_ in SUBJECT or (t.dep_ == "cc" and t.head.pos_ in ("VERB", "AUX"))
                     or (t.dep_ == "conj" and t.pos_ in ("VERB", "AUX")) for t in doc[joins[0] : sent.end]):
            continue  # "we A, we B and we C", "16 were feedback, 9 were claims and 2 were chargebacks": a list of clauses
        if any(c.dep_ == "cc" for c in verb.children):
            continue  # "..., and we ..." read with the conjunction on the verb
        before = doc[first:comma]
        # the first clause: a main clause after the last semicolon, colon or clause-joining "and"
        fence = max([t.i for t in before if t.text in (";", ":")
                     or (t.dep_ == "cc" and t.head.dep_ in ("ROOT", "conj") and t.head.pos_ in ("VERB", "AUX"))],
                    default=first - 1)
        if not any(_main_clause(v, comma) for v in before if v.pos_ in ("VERB", "AUX") and v.i > fence):
            continue
        # the stretch right before the comma must not open with a subordinator ("..., and if X, we ...")
        j = comma - 1
        while j >= first and doc[j].text not in STOPS and doc[j].lower_ not in STOPS:
            j -= 1
        stretch = doc[j + 1 : comma]
        if any(t.dep_ == "mark" for t in stretch) or (len(stretch) and (stretch[0].pos_ == "SCONJ" or stretch[0].lower_ in SUBORDINATORS)):
            continue
        if len(stretch) and (stretch[0].tag_ in ("VBG", "VBN", "TO")):
            continue  # "..., and having checked our stock, we agree": a participle's phrase
        yield comma, verb


def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:] if word[:1].islower() else word


class CommaSpliceRunner:
    def __init__(self, rule):
        self.rule = rule

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        for doc, base, sent in ctx.prose_sentences():
            for comma, verb in splices(sent):
                start, end = base + doc[comma].idx, base + verb.idx + len(verb)
                second = " ".join(ctx.text[base + doc[comma + 1].idx : end].split())  # a wrapped line's break as a space
                head, _, rest = second.partition(" ")
                stop = ". " + _capitalised(head) + (" " + rest if rest else "")
                values = {"text": ctx.text[start:end], "second": second}
                yield Hit(start, end, values, suggestions=[stop, "; " + second], fix=Fix(start, end, stop, safe=False))


def compile(rule, bank, nlp):
    return CommaSpliceRunner(rule)
