"""Features of one sentence for the learned models, from the spaCy parse.

The same function feeds training (``train/train.py``) and linting, so a model only
ever sees features made the way it was trained on. Features are plain strings:

    w=carrier            lemma unigram (numbers, IDs, dates and money folded to classes)
    b=carrier_lose       lemma bigram
    c=urie               character n-gram (3-5) inside a word, digits folded to 0
    sv=carrier>lose      subject -> verb, from the dependency parse
    vo=lose>parcel       verb -> object
    neg=ship             a negated verb
    tense=future         the sentence's tense (roles.sentence_tense)
    fp                   a first-person subject
    party=#carrier       a noun naming a party (rules/_lexicons/parties.yaml); also in
                         sv=#carrier>lose, subj=#buyer, by=#amazon, poss=#supplier>mistake
    t=NNS_VBZ            part-of-speech bigrams and trigrams (agreement, word order)
    agr=plur>sing        a subject and its finite verb disagree in number ("the numbers was");
                         agr=ok when they agree (a relative pronoun counts as its antecedent)
    f=was_raise          lower-cased word bigram: the forms a lemma bigram loses (round 21)
    vf=be>base           what a verb's form is after what governs it: an auxiliary (be, have,
                         do, a modal), "to", or a preposition; forms are base, s, ed, ing, as the
                         word's ending says against its lemma ("was raise", "will checked",
                         "did not shipped", "before ship": round 21)
    nf=num>base          a noun's form after a number other than one ("14 order"); nf=be>bare a
                         singular noun after "be" with no determiner ("was raise to", "is link to")
    sec*tense=actions_taken*future   tense under "actions taken" / "preventive measures"
    rc*has=percent       a figure in a sentence under "Root cause" (out*has=percent: anywhere else)
    shape=excl           ! in the sentence; shape=q a question; shape=caps a shouted word
    has=order_id         an order ID, an ASIN, a percentage, a date, an amount, a count
"""

from __future__ import annotations

import re
from functools import lru_cache

_ORDER_ID = re.compile(r"^\d{3}-\d{7}-\d{7}$")
_ASIN = re.compile(r"^B0[A-Z0-9]{8}$")
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
_ACRONYMS = {"ASIN", "ASINS", "FBA", "FBM", "ODR", "LSR", "VTR", "SKU", "SKUS", "FNSKU", "USPS", "UPS", "DHL", "ERP", "SOP",
             "POA", "USA", "CEO", "QC", "ID", "IDS", "EU", "UK", "US", "OK", "FAQ", "PDF", "GTIN", "UPC", "EAN", "LOA"}
FIRST_PERSON = {"we", "i", "us", "our", "my"}
_DIGITS = str.maketrans("0123456789", "0000000000")
_STOP = {"the", "a", "an", "to", "of", "and", "in", "on", "for", "at", "by", "with", "be", "it", "this", "that", "is", "are",
         "was", "were", "as", "or", "our", "we", "i", "us", "from", "all", "any", "its", "their", "they", "he", "she", "you"}


@lru_cache(maxsize=1)
def _parties() -> dict[str, tuple[str, ...]]:
    """lemma -> the classes of party it names (rules/_lexicons/parties.yaml)."""
    from .ruleset import load_lexicon

    out: dict[str, list[str]] = {}
    for cls, words in load_lexicon("parties").items():
        for w in words:
            out.setdefault(str(w).lower(), []).append("#" + cls)
    return {k: tuple(v) for k, v in out.items()}


def party(tok) -> tuple[str, ...]:
    """The party classes of a noun or proper noun ("the courier" -> #carrier)."""
    if tok.lower_ in FIRST_PERSON:
        return ("#we",)
    return _parties().get((tok.lemma_ or tok.lower_).lower(), ()) or _parties().get(tok.lower_, ())


def token_class(tok) -> str | None:
    """A class for tokens whose exact form says nothing: IDs, numbers, money, dates."""
    text = tok.text
    alpha = text.isalpha()  # most tokens: no ID and no digit to look for
    if not alpha and _ORDER_ID.match(text):
        return "#order_id"
    if not alpha and _ASIN.match(text):
        return "#asin"
    if tok.like_num or (not alpha and any(ch.isdigit() for ch in text)):
        if text.endswith("%"):
            return "#percent"
        return "#num"
    if tok.lower_ in _MONTHS and tok.pos_ == "PROPN":
        return "#month"
    if tok.is_currency:
        return "#money"
    return None


def _lemma_of(tok, cls: str | None) -> str:
    """The word a feature names: the token's class (``token_class``) or its lemma."""
    if cls:
        return cls
    if tok.pos_ == "PRON":
        return tok.lower_
    return (tok.lemma_ or tok.lower_).lower()


_SINGULAR_PRONOUNS = {"he", "she", "it", "this", "that", "everyone", "nobody", "each"}
_PLURAL_PRONOUNS = {"we", "they", "these", "those"}


def _number(tok) -> str | None:
    if tok.tag_ in ("NN", "NNP"):
        return "sing"
    if tok.tag_ in ("NNS", "NNPS"):
        return "plur"
    if tok.tag_ == "CD":  # "removed 22 that ..."
        return "sing" if tok.lower_ in ("1", "one") else "plur"
    if tok.lower_ in _SINGULAR_PRONOUNS:
        return "sing"
    if tok.lower_ in _PLURAL_PRONOUNS:
        return "plur"
    return None


def agreement(subject) -> str | None:
    """``sing>plur`` or ``plur>sing`` when a subject's number and its finite verb's disagree
    ("The tracking numbers was ...", "We has ...", "A carton with thick walls were ...", "22 units
    that has ...": a relative pronoun takes its antecedent's number), ``ok`` when they agree, None
    when either side has no number ("I", "you", past tenses)."""
    verb = subject.head
    if subject.lower_ in ("that", "which", "who") and verb.dep_ == "relcl":
        number = _number(verb.head)
    else:
        number = None if subject.tag_ == "CD" else _number(subject)
    if number is None:
        return None
    for tok in [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]:
        form = "sing" if tok.tag_ == "VBZ" or tok.lower_ == "was" else "plur" if tok.tag_ == "VBP" or tok.lower_ == "were" else None
        if form:
            return "ok" if form == number else f"{number}>{form}"
    return None


_GOVERNORS = {"be", "have", "do", "to"}  # the auxiliaries a verb's form is read after (a modal: "md")
_VERB_ONLY: dict[int, frozenset[str]] = {}
_PREPOSITION_MARKS = {"after", "before", "without", "by"}


def verbs_not_adjectives(vocab) -> frozenset[str]:
    """Words the pipeline's lemmatizer lists as verbs and never as adjectives ("raise", "link"),
    from the loaded pipeline that owns ``vocab`` (``analyzers.agreement.VerbForms`` reads its
    tables; empty for a pipeline without them): the tagger reads "was raise to" and "is link to"
    as an adjective after "be"."""
    key = id(vocab)
    if key not in _VERB_ONLY:
        from .analyzers.agreement import VerbForms
        from .nlp import _PIPELINES

        owner = next((nlp for nlp in _PIPELINES.values() if nlp.vocab is vocab), None)
        forms = VerbForms.of(owner) if owner is not None else VerbForms()
        _VERB_ONLY[key] = forms.verbs - forms.adjectives
    return _VERB_ONLY[key]


def form(tok) -> str:
    """A word's form against its lemma: ``base`` (the same), ``ing``, ``ed`` (any other past or
    participle form), ``s``; for what the tagger and lemmatiser cannot tell apart, the ending decides."""
    lower, lemma = tok.lower_, (tok.lemma_ or tok.lower_).lower()
    if lower == lemma:
        return "base"
    if lower.endswith("ing") and not lemma.endswith("ing"):
        return "ing"
    if lower.endswith("s") and lower[:-1].rstrip("e") == lemma.rstrip("e") or lower == lemma + "s":
        return "s"
    return "ed"


def form_features(toks, token_classes) -> list[str]:
    """Lower-cased word bigrams (``f=``) and the forms of verbs and counted nouns after what
    governs them (``vf=``, ``nf=``): the slips a lemma hides."""
    words = [cls or t.lower_ for t, cls in zip(toks, token_classes) if not t.is_punct]
    feats = [f"f={a}_{b}" for a, b in zip(words, words[1:])]
    verb_only = verbs_not_adjectives(toks[0].doc.vocab) if toks else frozenset()
    for t, cls in zip(toks, token_classes):
        if cls:
            continue
        tag, pos = t.tag_, t.pos_
        # the auxiliaries before a verb (or a verb the tagger read as an adjective): only those read them
        before = [c for c in t.lefts if c.dep_ in ("aux", "auxpass")] if tag == "JJ" or pos in ("VERB", "AUX") else ()
        if tag == "JJ" and t.lower_ in verb_only and (before or t.dep_ == "acomp" and t.head.lemma_ == "be"):
            feats.append("vf=be>base")  # a verb's base form read as an adjective: "was raise to", "is link to"
        elif pos in ("VERB", "AUX") and tag != "MD":
            if before:
                aux = before[-1]  # the nearest: "has been shipped" -> be
                lemma = (aux.lemma_ or aux.lower_).lower()
                gov = "md" if aux.tag_ == "MD" else lemma if lemma in _GOVERNORS else "to" if aux.lower_ == "to" else None
                if gov:
                    feats.append(f"vf={gov}>{form(t)}")
            elif t.dep_ in ("pcomp", "pobj") and t.head.tag_ == "IN" and t.head.lower_ not in ("that", "if", "whether"):
                feats.append(f"vf=prep>{form(t)}")
            elif t.tag_ == "VB" and any(c.dep_ == "mark" and c.lower_ in _PREPOSITION_MARKS for c in t.children) and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                feats.append("vf=prep>base")  # "after print them": a preposition read as a conjunction
        elif t.dep_ == "pcomp" and t.pos_ == "NOUN" and t.head.tag_ == "IN" and any(c.dep_ == "dobj" for c in t.children):
            feats.append(f"vf=prep>{form(t)}")  # "before ship them": the tagger reads the verb as a noun
        elif t.pos_ == "NOUN":
            for c in t.children:
                if c.dep_ == "nummod" and c.lower_ not in ("1", "one"):
                    feats.append(f"nf=num>{form(t)}")
            if t.dep_ == "attr" and t.tag_ == "NN" and t.head.lemma_ == "be" and not any(
                    c.dep_ in ("det", "poss", "amod", "compound", "nummod") for c in t.children):
                feats.append("nf=be>bare")  # "the price was raise to ...", "that is link to ..."
    return feats


@lru_cache(maxsize=16384)
def word_char_grams(lower: str) -> tuple[str, ...]:
    """A word's character 3-5-grams with its edges marked and digits folded to 0 ("c= ca",
    "c=carr", ...), made once per word: letters repeat most of their words."""
    word = " " + lower.translate(_DIGITS) + " "
    return tuple("c=" + word[i : i + n] for n in (3, 4, 5) for i in range(len(word) - n + 1))


def char_grams(words) -> list[str]:
    """The character n-gram features of these lower-cased words (``feature_parts``)."""
    return [g for w in words for g in word_char_grams(w)]


def sentence_features(sent, section: str | None = None, tense: str | None = None, chars: bool = True) -> list[str]:
    """Features of one spaCy sentence Span (``section``: the part of the letter it is in;
    ``chars``: include character n-grams)."""
    feats, words = feature_parts(sent, section, tense)
    return feats + char_grams(words) if chars else feats


def feature_parts(sent, section: str | None = None, tense: str | None = None) -> tuple[list[str], tuple[str, ...]]:
    """``sentence_features`` in two parts: every feature but the character n-grams, and the
    lower-cased words whose character n-grams are features. The n-grams are most of a
    sentence's features, and the same words come back in every letter: a model looks them up
    a word at a time (``learned.LinearModel``) and the role model and the drivers of a finding
    never read them."""
    toks = [t for t in sent if not t.is_space]
    token_classes = [token_class(t) for t in toks]
    feats: list[str] = []
    lemmas = [_lemma_of(t, c) for t, c in zip(toks, token_classes) if not t.is_punct or t.text in "!?"]
    feats.extend("w=" + lm for lm in lemmas)
    feats.extend(f"b={a}_{b}" for a, b in zip(lemmas, lemmas[1:]))
    words = tuple(t.lower_ for t, cls in zip(toks, token_classes) if not (t.is_punct or cls))
    feats.extend(form_features(toks, token_classes))
    first_person = False
    negated = False
    classes_at = {t.i: c for t, c in zip(toks, token_classes)}

    def name_of(tok) -> str:  # _lemma_of, with the sentence's token classes read once
        i = tok.i
        return _lemma_of(tok, classes_at[i] if i in classes_at else token_class(tok))

    tags = ["<s>"] + [t.tag_ for t in toks] + ["</s>"]
    feats.extend(f"t={a}_{b}" for a, b in zip(tags, tags[1:]))
    feats.extend(f"t={a}_{b}_{c}" for a, b, c in zip(tags, tags[1:], tags[2:]))
    for t in toks:
        dep = t.dep_
        classes = party(t) if t.pos_ in ("NOUN", "PROPN", "PRON") else ()
        for cls in classes:
            feats.append("party=" + cls)
        if dep in ("nsubj", "nsubjpass"):
            subj = "we" if t.lower_ in FIRST_PERSON else name_of(t)
            feats.append(f"sv={subj}>{name_of(t.head)}")
            for cls in classes:
                feats.append(f"sv={cls}>{name_of(t.head)}")
                feats.append(f"subj={cls}" + ("*neg" if any(c.dep_ == "neg" for c in t.head.children) else ""))
            if dep == "nsubjpass":
                feats.append(f"pass={name_of(t.head)}")
            agree = agreement(t)
            if agree:
                feats.append("agr=" + agree)
            first_person |= t.lower_ in FIRST_PERSON
        elif dep in ("dobj", "attr", "acomp", "pobj") and t.head.pos_ in ("VERB", "AUX", "ADP"):
            feats.append(f"vo={name_of(t.head)}>{name_of(t)}")
        elif dep == "neg":
            negated = True
            feats.append(f"neg={name_of(t.head)}")
        elif dep == "poss":
            owner = "we" if t.lower_ in FIRST_PERSON else name_of(t)
            feats.append(f"poss={owner}>{name_of(t.head)}")
            for cls in classes:
                feats.append(f"poss={cls}>{name_of(t.head)}")
        elif dep == "agent":
            for c in t.children:
                feats.append(f"by={name_of(c)}")
                for cls in party(c):
                    feats.append(f"by={cls}")
        if t.tag_ == "MD":
            feats.append("md=" + t.lower_)
    if tense is None:
        from .roles import sentence_tense

        tense = sentence_tense(sent)
    feats.append("tense=" + tense)
    if first_person:
        feats.append("fp")
    if negated:
        feats.append("negated")
    text = sent.text
    if "!" in text:
        feats.append("shape=excl")
    if text.rstrip().endswith("?"):
        feats.append("shape=q")
    if any(t.is_upper and len(t.text) >= 4 and t.is_alpha and t.text not in _ACRONYMS for t in toks):
        feats.append("shape=caps")
    classes = set(token_classes) - {None}
    feats.extend("has=" + c[1:] for c in classes)
    if not classes:
        feats.append("has=nothing")
    n = len(toks)
    feats.append("len=" + ("short" if n < 8 else "mid" if n < 20 else "long"))
    if section in ("actions_taken", "preventive_measures"):
        # a promise under "actions taken" is the defect; elsewhere the section says
        # little about a sentence's defects and only teaches the writers' habits
        feats.append(f"sec*tense={section}*{tense}")
    if section == "root_cause":
        # the notice's own figure is the right opening of a letter and the wrong root cause
        # ("Our late shipment rate was 6.2%"): figures under "Root cause" are a feature of their own,
        # and so are figures anywhere else (added in round 13 so that a figure outside "Root cause"
        # can weigh against "a metric given as the cause"; cross-writer recall and false alarms
        # moved by less than half a point either way)
        feats.extend("rc*has=" + c[1:] for c in classes)
    else:
        feats.extend("out*has=" + c[1:] for c in classes)
    return feats, words


_FORM_NAMES = {"base": "a verb's base form", "ed": "a past form", "ing": "an -ing form", "s": "an -s form"}
_GOVERNOR_NAMES = {"be": "\u201cbe\u201d", "have": "\u201chave\u201d", "do": "\u201cdo\u201d", "md": "a modal verb",
                   "to": "\u201cto\u201d", "prep": "a preposition"}


def readable(feature: str) -> str | None:
    """A feature as words a writer recognises, or None for ones that mean nothing to them."""
    kind, _, value = feature.partition("=")
    if kind == "f":
        return " ".join(w for w in value.split("_") if not w.startswith("#")) or None
    if kind == "vf":
        gov, _, shape = value.partition(">")
        return f"{_FORM_NAMES.get(shape, shape)} after {_GOVERNOR_NAMES.get(gov, gov)}"
    if feature == "nf=num>base":
        return "a singular noun after a number"
    if feature == "nf=be>bare":
        return "a noun with no article after \u201cbe\u201d"
    if kind in ("w", "b"):
        words = [w for w in value.split("_") if not w.startswith("#")]
        if kind == "w" and words and words[0] in _STOP:
            return None  # "the", "to": true of the model, useless to a writer
        return " ".join(words) or None
    if kind in ("sv", "vo", "poss"):
        a, _, b = value.partition(">")
        if a.startswith("#"):
            return None  # the class behind a word; the word's own feature names it
        return f"{a} \u2026 {b}"
    if kind == "neg":
        return f"not {value}"
    if kind in ("party", "subj", "t"):
        return None
    if kind == "pass":
        return f"passive \u201c{value}\u201d"
    if kind == "by":
        return f"by {value}" if not value.startswith("#") else None
    if feature == "shape=excl":
        return "exclamation mark"
    if feature == "shape=q":
        return "a question"
    if feature == "shape=caps":
        return "capitals"
    if feature == "has=nothing":
        return "no figure, date or ID"
    if kind == "rc*has":
        return "a figure given as the root cause"
    if kind == "out*has":
        return None
    if kind == "sec*tense":
        sec, _, tense = value.partition("*")
        return f"{tense} tense under {sec.replace('_', ' ')}"
    return None
