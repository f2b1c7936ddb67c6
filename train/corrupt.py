"""Grammar slips made from the corpus's own sentences, tried for training the language rows (round 21).

Tried and not shipped: train/language_rows.py's ``slips`` variants measure them across writers
(with them the language rows flag more clean sentences at the same recall; figures there).

A writer's slips in English are mostly small: a verb in the wrong form after "be", "have",
"do", a modal, "to" or a preposition ("the price was raise", "we will checked", "did not
shipped", "before ship them"), a verb or "be" that disagrees with its subject, a noun left
singular after a number ("14 order"), an uncountable noun given a plural ("feedbacks"), a
past event told in the present ("On 5 May we check ..."), an article dropped. Each such
slip can be made from a correct sentence by one edit of its parse, and a sentence and its
slipped copy differ in nothing else: the pair teaches the model the slip, not the topic.

``slips(items, nlp)`` returns, for a share of the pool's sentences chosen by a hash of their
text (deterministic), a copy with one slip: a clean sentence becomes a language/grammar one, a
sentence with another category's defect carries language as a second defect (``also``). The
copies keep their source's writer, split and voice, so a writer's sentences and their copies
fall in the same cross-writer fold. They are made at training time and never written to the
corpus (corpus/ holds sentences written by people), and they are never scored: calibration and
every figure use the written sentences only.
"""

from __future__ import annotations

import hashlib
import random

# a share of sentences chosen by hash: clean ones become grammar slips, defective ones (not
# language) get a slip as a second defect
CLEAN_SHARE = 0.25
DEFECT_SHARE = 0.2
# edits left out of ``slips`` (candidates still lists them): see the module's docstring
LEFT_OUT: set[str] = set()

_BE_HAVE = {"be", "have"}
_SINGULAR_PRONOUNS = {"he", "she", "it", "this", "that"}
_AGREE_SWAP = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has"}
_UNCOUNTABLE = {"information", "feedback", "equipment", "advice", "evidence", "furniture", "luggage", "knowledge",
                "software", "research", "stuff", "staff", "machinery", "packaging", "merchandise", "homework"}
_PAST_CUES = {"yesterday", "ago", "last", "january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"}
_PREPS = {"after", "before", "by", "without", "for", "of", "on", "in", "about"}


def _rng(text: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "big"))


def _share(text: str, salt: str) -> float:
    return hashlib.sha1((salt + text).encode("utf-8")).digest()[0] / 256


class Slipper:
    """The edits: each takes a parsed sentence and returns the edits it can make there, as
    (token index, replacement text) pairs; "" removes the token."""

    def __init__(self, nlp):
        from appeal_lint.analyzers.agreement import VerbForms

        self.forms = VerbForms(nlp)

    def participle(self, lemma: str) -> str:
        return self.forms.participle(lemma)

    def candidates(self, doc, terse: bool) -> list[tuple[str, int, str]]:
        out: list[tuple[str, int, str]] = []
        past_cue = any(t.lower_ in _PAST_CUES for t in doc)
        for t in doc:
            lower, lemma = t.lower_, (t.lemma_ or t.lower_).lower()
            aux = [c for c in t.children if c.dep_ in ("aux", "auxpass") and c.i < t.i]
            aux_lemmas = {(c.lemma_ or c.lower_).lower() for c in aux}
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not t.is_alpha:
                continue
            if t.tag_ == "VBN" and aux_lemmas & _BE_HAVE and lemma != lower and lemma.isalpha():
                out.append(("participle_as_base", t.i, lemma))  # "was raised" -> "was raise"
            if t.tag_ == "VB" and lemma == lower:
                if "do" in aux_lemmas:
                    out.append(("past_after_do", t.i, self.participle(lemma)))  # "did not shipped"
                elif any(c.tag_ == "MD" for c in aux):
                    out.append(("past_after_modal", t.i, self.participle(lemma)))  # "will checked"
                elif any(c.lower_ == "to" for c in aux):
                    out.append(("past_after_to", t.i, self.participle(lemma)))  # "to checked"
            if t.tag_ == "VBG" and t.dep_ == "pcomp" and t.head.lower_ in _PREPS and lemma.isalpha() and lemma != lower:
                out.append(("base_after_preposition", t.i, lemma))  # "before shipping" -> "before ship"
            if t.tag_ == "VBZ" and lower not in ("is", "has", "does", "was") and lemma != lower and subj and (
                    subj[0].tag_ == "NN" or subj[0].lower_ in _SINGULAR_PRONOUNS):
                out.append(("third_person_dropped", t.i, lemma))  # "the carrier scans" -> "the carrier scan"
            if lower in _AGREE_SWAP and (t.dep_ in ("aux", "auxpass") or t.pos_ == "AUX"):
                head = t if t.dep_ not in ("aux", "auxpass") else t.head
                s = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if s and s[0].lower_ not in ("i", "you") and s[0].tag_ in ("NN", "NNS", "PRP", "NNP"):
                    out.append(("be_have_disagrees", t.i, _AGREE_SWAP[lower]))  # "the orders was"
            if t.tag_ == "NNS" and lemma != lower and lemma.isalpha() and any(
                    c.dep_ == "nummod" and c.lower_ not in ("1", "one") for c in t.children):
                out.append(("singular_after_number", t.i, lemma))  # "14 orders" -> "14 order"
            if lower in _UNCOUNTABLE and t.tag_ == "NN":
                out.append(("uncountable_plural", t.i, t.text + "s"))  # "feedbacks"
            if past_cue and t.tag_ == "VBD" and lemma not in _BE_HAVE and lemma != lower and lemma.isalpha() and subj and (
                    subj[0].lower_ in ("we", "i", "they") or subj[0].tag_ == "NNS"):
                out.append(("past_told_in_present", t.i, lemma))  # "On 5 May we check ..."
            if not terse and t.dep_ == "det" and lower in ("the", "a", "an") and t.i > 0 and t.head.tag_ == "NN" \
                    and t.head.dep_ in ("dobj", "pobj") and len(doc) >= 8:
                out.append(("article_dropped", t.i, ""))  # "we contacted the buyer" -> "we contacted buyer"
        return out

    def slip(self, doc, terse: bool) -> tuple[str, str] | None:
        """(slip name, the sentence with one slip), chosen by a hash of its text; None when none fits."""
        found = self.candidates(doc, terse)
        if not found:
            return None
        rng = _rng(doc.text)
        names = sorted({n for n, _, _ in found} - LEFT_OUT)
        if not names:
            return None
        name = rng.choice(names)
        _, i, new = rng.choice([c for c in found if c[0] == name])
        tok = doc[i]
        if not new:
            text = doc[:i].text_with_ws + doc[i + 1 :].text_with_ws if i + 1 < len(doc) else doc[:i].text
            return name, text.strip()
        if tok.text[:1].isupper():
            new = new[:1].upper() + new[1:]
        if new == tok.text:
            return None
        return name, (doc[:i].text_with_ws if i else "") + new + tok.whitespace_ + doc[i + 1 :].text_with_ws


def slips(items: list[dict], nlp, texts: list[str], share: float | None = None) -> list[dict]:
    """Slipped copies of a share of ``items`` (``texts``: their text as the model reads it, bullets
    stripped) as corpus records with ``synthetic`` set (see the module's docstring); ``share``
    overrides CLEAN_SHARE and DEFECT_SHARE."""
    slipper = Slipper(nlp)
    chosen, seen = [], set()
    for item, text in zip(items, texts):
        if not text or "language" in item["labels"] or text in seen:
            continue
        seen.add(text)
        if _share(text, "slip") < (share if share is not None else CLEAN_SHARE if not item["labels"] else DEFECT_SHARE):
            chosen.append((item, text))
    out = []
    for (item, _), doc in zip(chosen, nlp.pipe([t for _, t in chosen], batch_size=256)):
        made = slipper.slip(doc, item.get("voice") == "terse")
        if made is None:
            continue
        name, text = made
        new = {k: v for k, v in item.items() if k not in ("text", "labels", "also")}
        new.update(text=text, synthetic=name, labels=set(item["labels"]) | {"language"})
        if item["labels"]:
            new["also"] = sorted(set(item.get("also", ())) | {"language"})
        else:
            new.update(category="language", kind="grammar")
        out.append(new)
    return out
