"""``type: agreement`` — number agreement read from the parse.

Harper checks agreement with pronouns ("we has"); the errors second-language writers
make most in appeal letters are with nouns ("the tracking numbers was uploaded",
"every orders is checked", "46 unit", "before it send", "must provides", "we have send"). spaCy's tagger marks the
number of a noun (NN/NNS) and the form of a verb (VBZ/VBP), and the parser links
them, so these are checked here::

    checks: [subject_verb, each_verb, there_be, determiner_number, numeral_noun, modal_of, its, bare_verb, modal_verb,
             perfect_base, passive_base]
    singular_s: [news, data, ...]       # look plural, take a singular verb
    collective: [team, staff, ...]      # may take a plural verb (British usage)
    quantity: [percent, number, ...]    # "3% of the orders were", "the rest are"
    count_nouns: [order, unit, ...]     # checked after a numeral: "46 unit"
    noun_like: [lead, log, ...]         # nouns the tagger reads as verbs in compounds

Each check was kept for its precision on the labelled corpus (a parse of broken
English is itself less sure, so every check asks for a clean local shape: the
subject right before its verb, no "and" inside the subject, a determiner on the
noun). The word lists live in the rule's YAML. The verb-form checks (``perfect_base``,
``passive_base``) read base forms and participles from the pipeline's lemmatizer tables
(:class:`VerbForms`), since the tagger calls a verb in the wrong form a noun.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..model import Fix
from .base import Context, Hit, word_lists

CHECKS = ("subject_verb", "each_verb", "there_be", "determiner_number", "numeral_noun", "modal_of", "its", "bare_verb", "modal_verb",
          "perfect_base", "passive_base", "modal_to", "plural_determiner", "relative_verb", "perfect_finished", "partitive", "adverb")
# --fix applies these: "should of", "Its been" and "will to check" have one reading; a verb's number or tense may have two
SAFE = {"modal_of", "its", "modal_to"}
_LISTS = ("singular_s", "collective", "quantity", "count_nouns", "noun_like", "adverb_adjectives", "complement_verbs")

TO_PLURAL = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't"}
TO_SINGULAR = {v: k for k, v in TO_PLURAL.items()}
_MANY = {"many", "several", "few", "multiple", "numerous", "various", "some", "no"}
# a share of a plural: "most of the orders were" ("half" and "none" read right either way)
_PARTITIVE = {"some", "most", "many", "several", "all", "both", "few"}
_EACH = {"each", "every", "everyone", "everybody", "nobody", "everything", "nothing", "someone", "somebody", "anyone", "anybody"}
_SINGULAR_DET = {"every", "each", "a", "an", "this", "another"}
_NOUN_DET = {"the", "our", "this", "my", "a", "an", "each", "every", "its", "their", "that"}
# a bare verb's noun subject: "any" and "no" too ("before any listing go online": a singular noun all the same)
_BARE_SUBJECT_DET = _NOUN_DET | {"any", "no"}
_SUBJECT_PREPS = {"of", "from", "in", "for", "on", "at", "with"}
_INSIDE_PHRASE = {"pobj", "det", "poss", "amod", "compound", "nummod", "case", "quantmod", "prep"}
_BETWEEN_NUMBER_AND_NOUN = {"more", "extra", "additional", "new", "other", "further", "different", "affected", "temporary",
                            "separate", "negative", "positive", "happy", "damaged", "defective", "similar", "local", "old",
                            "small", "large", "big", "independent", "experienced", "trained", "full-time", "part-time"}
_A_FEW = {"few", "couple", "lot", "number", "dozen", "handful", "great", "good"}
_NOT_BEFORE_SUBJECT = {"of", "after", "before", "than", "and", "or", "that", "which", "who", "whom", "by", "with", "from", "in", "on", "at", "for", "to"}
_CAUSATIVE = {"make", "let", "have", "help", "see", "watch", "require", "insist", "request", "suggest", "recommend", "demand", "ensure", "hear", "feel"}
# "many buyer": words that count more than one of a noun ("all", "some" and "no" also take uncountable nouns)
_PLURAL_DET = {"many", "several", "various", "numerous", "both", "these", "those", "few", "multiple"}
# nouns that follow them in the singular ("these kind of", "those staff") or are mostly uncountable
_AFTER_PLURAL_DET = {"kind", "sort", "type", "stock", "inventory", "information", "equipment", "staff", "feedback",
                     "packaging", "time", "way", "series", "people", "personnel", "data", "media", "news"}
# singular nouns a relative clause may treat as plural (British usage, or a share of something)
_RELATIVE_PLURAL_OK = {"team", "staff", "family", "company", "management", "police", "people", "couple", "majority",
                       "number", "group", "crew", "personnel", "lot", "total", "rest", "half", "none"}
# verbs whose "that" clause takes the subjunctive: "we ask that Amazon reconsider"
_MANDATIVE = {"ask", "request", "suggest", "recommend", "urge", "insist", "demand", "propose", "require", "pray", "beg", "move",
              "advise", "order", "command", "prefer", "appeal", "petition", "plead"}
_FINISHED = {"yesterday", "ago"}
_LAST = {"year", "week", "month", "night", "quarter", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "spring", "summer", "autumn", "winter", "weekend"}
_YEAR = re.compile(r"(19|20)\d\d")
_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
           "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}


def _dated(v) -> str | None:
    """A finished date on the verb itself: "on 12 July", "on 4 October 2023", "in May 2024" (a day
    with its month, or a month with its year; "in 2023" alone, "by 12 July" and "since" are left
    alone: a deadline or a span can take the present perfect)."""
    for prep in v.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("on", "in"):
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        span = obj.doc[obj.left_edge.i : obj.right_edge.i + 1]
        lowered = [w.lower_ for w in span]
        month = any(w in _MONTHS for w in lowered)
        day = any(w.like_num and not _YEAR.fullmatch(w.text) and len(w.text) <= 2 or w.lower_[:-2].isdigit() and w.lower_[-2:] in ("st", "nd", "rd", "th") for w in span)
        year = any(_YEAR.fullmatch(w.text) for w in span)
        if month and ((prep.lower_ == "on" and day) or (prep.lower_ == "in" and year and not day)):
            return f"{prep.text} {span.text}"
    return None
_NUMBER = re.compile(r"\d{1,3}(,\d{3})+|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|dozens|hundreds|thousands")
_MODALS = {"will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll", "wo", "ca"}
# words that may stand between a modal and its verb: "will not", "can also", "must always"
_AFTER_MODAL = {"not", "n't", "also", "then", "now", "always", "never", "only", "still", "immediately", "strictly", "further",
                "just", "soon", "already", "first", "each", "all", "both", "again", "no", "longer", "definitely", "surely"}
_ITS_NEXT = {"been", "not", "a", "an", "the", "our", "my", "clear", "true", "important", "obvious", "possible", "likely", "unlikely",
             "hard", "difficult", "easy", "necessary", "very", "also", "now", "just", "because", "already", "still", "correct", "wrong"}

# (English, Chinese) for each check; {subject} {verb} {noun} are filled in
PROBLEMS = {
    "subject_verb": ("the verb does not agree with its subject \"{subject}\".", "动词与主语\"{subject}\"的单复数不一致。"),
    "each_verb": ("\"{subject}\" takes a singular verb.", "\"{subject}\"后面用单数动词。"),
    "there_be": ("after \"there\" the verb agrees with what follows (\"{noun}\" is plural).", "there 后面的动词与后面的名词一致（\"{noun}\"是复数）。"),
    "determiner_number": ("\"{det}\" goes with a singular noun, and \"{noun}\" is plural.", "\"{det}\"后面接单数名词，而\"{noun}\"是复数。"),
    "numeral_noun": ("after a number above one the noun is plural.", "大于一的数字后面名词要用复数。"),
    "modal_of": ("\"of\" here is \"have\" as it sounds in speech.", "这里的 of 应为 have（口语发音相同）。"),
    "its": ("\"its\" is possessive; \"it is\" or \"it has\" is \"it's\".", "its 是所有格；it is / it has 应写作 it's。"),
    "modal_verb": ("after \"{modal}\" the verb takes its base form.", "\"{modal}\"后面的动词用原形。"),
    "perfect_base": ("after \"{aux}\" the verb takes its past participle.", "\"{aux}\"后面的动词用过去分词。"),
    "passive_base": ("after \"{aux}\" the verb takes its past participle (a passive) or -ing.", "\"{aux}\"后面的动词用过去分词（被动）或 -ing 形式。"),
    "modal_to": ("after \"{modal}\" the verb follows without \"to\".", "\"{modal}\"后面直接接动词原形，不加 to。"),
    "plural_determiner": ("\"{det}\" goes with a plural noun.", "\"{det}\"后面接复数名词。"),
    "relative_verb": ("the verb agrees with \"{noun}\", the noun \"{pronoun}\" stands for.", "动词要与\"{pronoun}\"所指的名词\"{noun}\"的单复数一致。"),
    "perfect_finished": ("\"{when}\" is a finished time, which takes the simple past, not \"{aux}\" + participle.",
                         "\"{when}\"是已经结束的时间，要用一般过去时，而不是\"{aux}\" + 过去分词。"),
    "bare_verb": ("after a singular subject a present-tense verb takes -s (or use the past tense for a past event).",
                  "单数主语后面的一般现在时动词要加 -s（过去的事情请用过去时）。"),
    "adverb": ("\"{adjective}\" describes a thing; how \"{verb}\" is done takes the adverb.",
               "\"{adjective}\"是形容词，修饰动作\"{verb}\"要用副词。"),
    "partitive": ("\"{subject}\" is a share of a plural (\"{noun}\"), so the verb is plural.",
                  "\"{subject}\"指的是复数\"{noun}\"中的一部分，动词要用复数。"),
}


def plural(noun: str) -> str:
    low = noun.lower()
    if re.search(r"[^aeiou]y$", low):
        return noun[:-1] + "ies"
    if re.search(r"(s|x|z|ch|sh)$", low):
        return noun + "es"
    return noun + "s"


def adverb(adjective: str) -> str:
    """"careful" -> "carefully", "automatic" -> "automatically", "timely" -> "on time"."""
    low = adjective.lower()
    if low == "timely":
        return "on time"
    if low.endswith("ic"):
        return adjective + "ally"
    if low.endswith("le"):
        return adjective[:-1] + "y"
    if low.endswith("y"):
        return adjective[:-1] + "ily"
    return adjective + "ly"


def third_person(verb: str) -> str:
    low = verb.lower()
    if low == "have":
        return "has"
    if low in ("do", "go"):
        return verb + "es"
    return plural(verb)


# Verbs whose past participle is their base form: "have put", "was set", "has become".
SAME_PARTICIPLE = {
    "come", "become", "overcome", "run", "outrun", "rerun", "put", "input", "output", "cut", "undercut", "set", "reset",
    "preset", "offset", "let", "sublet", "hit", "shut", "spread", "cost", "hurt", "quit", "read", "misread", "proofread",
    "bet", "burst", "cast", "broadcast", "forecast", "recast", "upset", "split", "bid", "outbid", "rid", "fit", "beat", "wed",
}
_HAVE = {"have", "has", "had", "'ve"}
_BE = {"am", "is", "are", "was", "were", "be", "been", "being", "'re", "'m"}
# base forms the lexicon lists as verbs that also stand after "be" or "have" as other parts of speech
_NOT_AFTER_AUX = {"off", "like", "near", "worth", "due", "open", "clean", "clear", "free", "ready", "busy", "correct", "wrong",
                  "late", "right", "complete", "separate", "close", "last", "sure", "still", "even", "further", "better",
                  "slow", "fast", "quick", "empty", "full", "dry", "warm", "cool", "short", "long", "secure", "present",
                  "level", "content", "own", "alike", "live", "double", "triple", "best", "out", "down", "up", "back",
                  "over", "round", "through", "home", "subject", "used", "welcome", "able", "aware", "total",
                  "average", "direct", "perfect", "equal", "mean", "prime", "just", "only", "about", "rubbish"}
_OBJECT_START = {"DT", "PDT", "PRP$", "PRP"}
_PRONOUN_LIKE = {"mine", "yours", "ours", "theirs", "hers"}  # "the decision was mine": the lexicon's verb "mine"
# adverbs that may stand between "have"/"be" and its verb ("have already send"); not "no" or "all",
# which start a noun phrase ("had no proof")
_AFTER_AUX = {"not", "n't", "also", "already", "just", "now", "never", "recently", "then", "still", "ever", "finally", "immediately"}
# "the orders got cancel", "the account get deactivate": "get" as a passive auxiliary
_GET = {"get", "gets", "got", "getting", "gotten"}
# verbs the lexicon also lists as nouns that, right after "be" and before no noun or "of", are a verb
# in the wrong form ("the label was print on the carton", "every order is ship within 24 hours", "the
# price was rise to $34"), and "get" before a verb's base form; round 31, measured on the pool: 25 language
# sentences more, none clean or labelled for another defect
_VERB_OVER_NOUN = {"ship", "use", "print", "rise", "upload", "refund", "finish", "dispatch", "send", "make", "pack",
                   "deliver", "cancel", "delete", "receive", "confirm", "forget", "block", "reactivate", "deactivate",
                   "remove", "replace", "inform", "suspend", "verify", "approve", "reject", "register", "create"}
# the same after "get", less the nouns one gets ("got refund", "get use of", "got print proofs")
_GET_OVER_NOUN = _VERB_OVER_NOUN - {"refund", "use", "print", "rise", "pack", "finish", "make", "send", "forget", "receive"}


_LEXICONS: dict[int, tuple] = {}


class VerbForms:
    """Base forms and participles from the spaCy pipeline's lemmatizer tables (``lemma_index``
    and ``lemma_exc``): "ship" is a base form and "shipped" its participle, "send" -> "sent".
    A pipeline without those tables (another lemmatizer) gives an empty lexicon, and the
    checks that need it find nothing."""

    def __init__(self, nlp=None):
        self.verbs: frozenset[str] = frozenset()
        self.nouns: frozenset[str] = frozenset()
        self.adjectives: frozenset[str] = frozenset()
        self.inflected: frozenset[str] = frozenset()
        self.irregular: dict[str, list[str]] = {}
        try:
            lookups = nlp.get_pipe("lemmatizer").lookups
            index, exc = lookups.get_table("lemma_index"), lookups.get_table("lemma_exc")
            self.verbs, self.nouns, self.adjectives = frozenset(index["verb"]), frozenset(index["noun"]), frozenset(index["adj"])
            forms = exc["verb"]
        except (AttributeError, KeyError, ValueError, TypeError):
            return
        self.inflected = frozenset(forms)
        for form, lemmas in forms.items():
            for lemma in lemmas:
                self.irregular.setdefault(lemma, []).append(form)

    def base(self, word: str) -> bool:
        """A verb's base form whose participle differs from it ("ship", "send"; not "put")."""
        return (word in self.verbs and word not in self.inflected and word not in SAME_PARTICIPLE
                and word not in _NOT_AFTER_AUX and not word.endswith(("ing", "ed")))

    @classmethod
    def of(cls, nlp) -> "VerbForms":
        """The lexicon of a loaded pipeline, read once: ``language.agreement``, substitution
        swaps and the learned features share it (the pipeline is kept with it, so its id is not
        reused)."""
        key = id(nlp)
        if key not in _LEXICONS:
            _LEXICONS[key] = (nlp, cls(nlp))
        return _LEXICONS[key][1]

    def past(self, base: str) -> str:
        """The simple past: "do" -> "did", "hold" -> "held", "run" -> "ran", "ship" -> "shipped",
        "have" -> "had" and "be" -> "was" (the lexicon lists "has", "am", "is" among their forms)."""
        present = {third_person(base), "am", "are", "is"}
        forms = [f for f in self.irregular.get(base, ()) if not f.endswith("ing") and f not in present]
        if len(forms) > 1:
            participle = self.participle(base)
            forms = [f for f in forms if f != participle] or forms
        return forms[0] if forms else self.participle(base)

    def participle(self, base: str) -> str:
        if base in SAME_PARTICIPLE:
            return base  # "run", "put", "set"
        forms = [f for f in self.irregular.get(base, ()) if not f.endswith("ing")]
        for f in forms:
            if f.endswith(("ed", "en", "ne", "wn")):
                return f  # "shipped" (doubling spelled out in the table), "written", "done", "shown"
        if len(forms) == 1:
            return forms[0]  # "sent", "made", "paid"
        for f in forms:
            if "u" in f:
                return f  # "begun", "drunk"
        if forms:
            return forms[0]
        if base.endswith("e"):
            return base + "d"
        if re.search(r"[^aeiou]y$", base):
            return base[:-1] + "ied"
        return base + "ed"


def _subject(verb):
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            return c
    return None


def _right_before(subject, verb, doc) -> bool:
    """The subject's phrase ends right before the verb (adverbs and "not" may stand between)."""
    edge = subject.right_edge.i
    return edge < verb.i and all(t.pos_ in ("ADV", "PART", "AUX") or t.dep_ in ("neg", "advmod", "punct") for t in doc[edge + 1 : verb.i])


def _span(subject, verb) -> tuple[int, int]:
    """Subject and verb when they stand close; the verb alone after a long subject phrase."""
    return (subject.i, verb.i) if verb.i - subject.i <= 3 else (verb.i, verb.i)


def _no_coordination(subject, verb, doc) -> bool:
    return not any(t.dep_ in ("conj", "cc") for t in doc[subject.left_edge.i : verb.i])


class AgreementRunner:
    def __init__(self, rule, checks, lists, verbs: VerbForms | None = None):
        self.rule = rule
        self.checks = checks
        self.verbs = verbs or VerbForms()
        (self.singular_s, self.collective, self.quantity, self.count_nouns, self.noun_like, self.adverb_adjectives,
         self.complement_verbs) = (lists[k] for k in _LISTS)

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        for index, doc in enumerate(ctx.docs):
            if ctx.blocks[index].kind == "heading":
                continue
            base = ctx.offset(index)
            seen = set()
            for check, first, last, values, replacement in self._find(doc):
                if (first, last) in seen:
                    continue
                seen.add((first, last))
                start, end = base + doc[first].idx, base + doc[last].idx + len(doc[last])
                en, zh = PROBLEMS[check]
                values = {"check": check, "problem": en.format(**values), "problem_zh": zh.format(**values),
                          "replacement": replacement, "text": ctx.text[start:end]}
                fix = Fix(start, end, replacement, safe=True) if check in SAFE and replacement else None
                yield Hit(start, end, values, suggestions=[replacement] if replacement else [], fix=fix)

    def _find(self, doc):
        on = self.checks
        for t in doc:
            low = t.lower_
            if ("subject_verb" in on or "each_verb" in on) and (low in TO_PLURAL or low in TO_SINGULAR):
                yield from self._subject_verb(t, doc)
            if "there_be" in on and low in ("is", "was"):
                yield from self._there_be(t)
            if "partitive" in on and low in TO_PLURAL:
                found = self._partitive(t, doc)
                if found:
                    yield found
            if "determiner_number" in on and t.dep_ == "det" and low in _SINGULAR_DET:
                found = self._determiner(t, doc)
                if found:
                    yield found
            if "numeral_noun" in on and t.dep_ == "nummod":
                found = self._numeral(t, doc)
                if found:
                    yield found
            if "modal_of" in on and low in ("should", "could", "would", "must", "might") and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of":
                if not (t.i + 2 < len(doc) and doc[t.i + 2].lower_ == "course"):
                    yield "modal_of", t.i, t.i + 1, {}, f"{t.text} have"
            if "its" in on and low == "its" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _ITS_NEXT:
                yield "its", t.i, t.i, {}, "It's" if t.text[0].isupper() else "it's"
            if "bare_verb" in on:
                found = self._bare_verb(t, doc)
                if found:
                    yield found
            if "modal_verb" in on and t.tag_ == "MD":
                found = self._modal_verb(t, doc)
                if found:
                    yield found
            if "modal_to" in on and t.tag_ == "MD":
                found = self._modal_to(t, doc)
                if found:
                    yield found
            if "plural_determiner" in on and low in _PLURAL_DET:
                found = self._plural_determiner(t, doc)
                if found:
                    yield found
            if "relative_verb" in on and low in ("who", "that", "which") and t.dep_ in ("nsubj", "nsubjpass"):
                found = self._relative_verb(t, doc)
                if found:
                    yield found
            if "perfect_finished" in on and low in ("has", "have", "'ve") and t.dep_ == "aux":
                found = self._perfect_finished(t, doc)
                if found:
                    yield found
            if "each_verb" in on and low in _EACH and t.dep_ == "nsubj":
                found = self._each_bare(t, doc)
                if found:
                    yield found
            if "adverb" in on and low in self.adverb_adjectives:
                found = self._adverb(t, doc)
                if found:
                    yield found
            if ("perfect_base" in on and low in _HAVE) or ("passive_base" in on and (low in _BE or low in _GET)):
                found = self._aux_base(t, doc)
                if found:
                    yield found

    def _subject_verb(self, t, doc):
        low = t.lower_
        if t.tag_ not in ("VBZ", "VBP", "VBD"):
            return
        head = t.head if t.dep_ in ("aux", "auxpass") else t
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children):
            return
        s = _subject(head)
        if s is None or s.dep_ == "expl" or not s.is_alpha or not _right_before(s, t, doc) or not _no_coordination(s, t, doc):
            return
        if (s.i + 1 < len(doc) and doc[s.i + 1].text == "-") or (s.i > 0 and doc[s.i - 1].text == "-"):
            return  # "Goods-in was done", "Twenty-one were"
        if s.text[0].isupper() and s.i > s.sent.start:
            return  # a name: "Bramble Lane Gifts has", "Correios does"
        slow = s.lower_
        if any(c.dep_ == "det" and c.lower_ in _SINGULAR_DET for c in s.children) and s.tag_ == "NNS":
            return  # "every orders is": the determiner is the slip (determiner_number)
        if "each_verb" in self.checks and low in TO_SINGULAR and slow in _EACH:
            yield "each_verb", *_span(s, t), {"subject": s.text}, TO_SINGULAR[low]
            return
        if "subject_verb" not in self.checks:
            return
        before = doc[s.left_edge.i - 1] if s.left_edge.i > 0 else None
        joins_clauses = before is not None and before.lower_ in ("and", "or", "but") and before.i > 0 and doc[before.i - 1].text in (",", ";")
        # "we found that the labels was": "that" opening the clause (the parser's "mark"), not a relative
        # pronoun; not when a gerund leads the subject ("that shipping orders ... is": the gerund is the
        # subject, though the tagger may call it a noun)
        joins_clauses = joins_clauses or (before is not None and before.dep_ == "mark" and before.lower_ == "that"
                                          and before.head.i == head.i and not s.left_edge.lower_.endswith("ing"))
        if before is not None and not joins_clauses and (before.lower_ in _NOT_BEFORE_SUBJECT or (before.text in ("-", ":", "(") and before.i > s.sent.start)):
            return  # the parser took a noun after "of", "than" or "and", or in a relative clause, for the subject
        if s.left_edge.i < s.i and s.left_edge.lower_ in _NOT_BEFORE_SUBJECT - {"and", "or"}:
            return  # the same, with the preposition read into the noun phrase: "reply time to buyer messages has"
        if any(c.dep_ in ("appos", "acl") for c in s.children):
            return  # "boards, ASIN B0..., was", "silicone baking mats": a long or misread noun phrase
        if s.pos_ == "PRON" or slow in ("ours", "yours", "theirs", "hers"):
            return  # "ours was"
        if s.like_num:
            return  # "the twelve we found have": a number standing for what it counts (the tagger may call it a noun)
        if low == "were" and any(c.dep_ == "mark" and c.lower_ in ("if", "though") for c in head.children):
            return  # "if our listing were": the subjunctive
        if low in TO_PLURAL and s.tag_ == "NNS" and slow not in self.singular_s:
            if any(c.dep_ == "nummod" for c in s.children):
                if any(c.dep_ == "nummod" and c.lower_ in ("1", "one") for c in s.children):
                    return
                # "three complaints is a small number": an amount, read as one thing
                if t.lemma_ == "do" or any(c.dep_ in ("attr", "acomp") for c in head.children):
                    return
            yield "subject_verb", *_span(s, t), {"subject": s.text}, TO_PLURAL[low]
        elif low in TO_SINGULAR and s.tag_ == "NN" and slow not in self.collective and slow not in self.quantity:
            yield "subject_verb", *_span(s, t), {"subject": s.text}, TO_SINGULAR[low]

    def _there_be(self, t):
        """"there was three reasons": the verb after "there" agrees with a counted plural; since round 38
        also one counted by "many", "several" ... or "a lot of" ("there was a lot of orders")."""
        if t.dep_ == "aux" or not any(c.dep_ == "expl" for c in t.children):
            return
        for c in t.children:
            if c.dep_ not in ("attr", "nsubj"):
                continue
            if c.tag_ == "NNS" and c.lower_ not in self.singular_s and any(
                    (n.dep_ == "nummod" and n.lower_ not in ("1", "one")) or (n.dep_ in ("amod", "det") and n.lower_ in _MANY)
                    for n in c.children):
                yield "there_be", t.i, t.i, {"noun": c.text}, TO_PLURAL[t.lower_]
            elif c.lower_ in ("lot", "lots") and c.i == t.i + 2 and t.nbor(1).lower_ == "a":
                of = next((x for x in c.children if x.dep_ == "prep" and x.lower_ == "of"), None)
                obj = next((x for x in of.children if x.dep_ == "pobj"), None) if of is not None else None
                if obj is not None and obj.tag_ == "NNS" and obj.lower_ not in self.singular_s:
                    yield "there_be", t.i, t.i, {"noun": obj.text}, TO_PLURAL[t.lower_]

    def _partitive(self, t, doc):
        """"167 of them was", "most of the orders has": a share of a plural takes a plural verb (round 38).
        Not "one of them was", not an amount of money ("$18,460 of our funds is"), not "half" or
        "none" (either number reads right), not where the verb's subject is a noun before "of"
        ("the handling time for 27 of our SKUs was": the parse names "time")."""
        head = t.head if t.dep_ in ("aux", "auxpass") else t
        if any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children):
            return None
        s = _subject(head)
        if s is None or not (s.lower_ in _PARTITIVE or (_NUMBER.fullmatch(s.lower_) and s.lower_ not in ("1", "one"))):
            return None
        if s.i > 0 and (doc[s.i - 1].is_currency or doc[s.i - 1].text in ("$", "£", "€", "¥", "%")):
            return None
        if s.i + 1 < len(doc) and doc[s.i + 1].text in ("%", "percent"):
            return None
        of = next((c for c in s.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == s.i + 1), None)
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if obj is None or not ((obj.tag_ == "NNS" and obj.lower_ not in self.singular_s and obj.is_alpha) or obj.lower_ in ("them", "these", "those")):
            return None
        if not _right_before(s, t, doc) or not _no_coordination(s, t, doc):
            return None
        return "partitive", t.i, t.i, {"subject": doc[s.left_edge.i : obj.i + 1].text, "noun": obj.text}, TO_PLURAL[t.lower_]

    def _numeral(self, t, doc):
        """"46 unit": a count above one with a singular count noun right after it."""
        n = t.head
        # "two more packer"; since round 39 up to two such words ("56 affected buyer", "two new moisture meter":
        # a plain adjective and a noun of the compound)
        words = doc[t.i + 1 : n.i]
        gap = 0 < len(words) <= 2 and words[0].lower_ in _BETWEEN_NUMBER_AND_NOUN and all(
            x.lower_ in _BETWEEN_NUMBER_AND_NOUN or (x.tag_ == "NN" and x.dep_ == "compound" and x.head.i == n.i) for x in words[1:])
        if not ((n.i == t.i + 1 or gap) and n.tag_ == "NN" and n.lower_ in self.count_nouns and _NUMBER.fullmatch(t.lower_)):
            return None
        if t.lower_ in ("1", "one") or _YEAR.fullmatch(t.text) or n.dep_ in ("compound", "amod", "nmod", "npadvmod") or n.is_title:
            return None
        before = doc[t.i - 1] if t.i > 0 else None
        if before is not None and (before.pos_ in ("PROPN", "NOUN") or before.is_currency or before.lower_ in _SINGULAR_DET):
            return None  # a model number ("a Pixel 7 case", "a batch 2312 unit"), money ("a £10 refund"), a code ("a 1688 supplier")
        after = doc[n.i + 1] if n.i + 1 < len(doc) else None
        if after is not None and (after.pos_ in ("NOUN", "PROPN", "NUM") or after.text == "-"
                                  or (after.is_alpha and after.lower_.endswith("s") and after.pos_ == "VERB")):
            return None  # a noun after it ("four buyer complaints", the last word often tagged as a verb)
        between = [x.text for x in words] if gap else []
        return "numeral_noun", t.i, n.i, {}, " ".join([t.text, *between, plural(n.text)])

    def _determiner(self, t, doc):
        n = t.head
        if n.tag_ != "NNS" or n.i <= t.i or n.i - t.i > 3 or not n.is_alpha or n.lower_ in self.singular_s or n.dep_ == "compound":
            return None
        between = doc[t.i + 1 : n.i]
        if not all(x.pos_ in ("ADJ", "ADV") for x in between) or any(x.lower_ in _A_FEW for x in between):
            return None  # a noun in between ("every car parts listing"); "a few pages"
        if t.lower_ in ("this", "that") and t.i > 0 and doc[t.i - 1].pos_ in ("VERB", "AUX") and any(
                x.lower_ in self.verbs.verbs or x.lower_ in self.verbs.inflected for x in between):
            return None  # "we understand this hurt buyers": "this" is the subject of "hurt"
        if any(c.dep_ == "nummod" for c in n.children):
            return None  # "every 2 hours", "another 20 orders"
        if n.lemma_.lower() == n.lower_:
            return None  # irregular plurals the lemmatizer keeps ("children", "people")
        after = doc[n.i + 1] if n.i + 1 < len(doc) else None
        if after is not None and (after.tag_ in ("POS", "NNS", "NN", "DT", "PRP$", "VBG") or after.pos_ in ("NOUN", "PROPN", "CCONJ")):
            return None  # noun adjuncts and misread verbs: "a returns rack", "a monthly meeting reviews returns"
        if after is not None and after.tag_ in ("VBP", "VB") and after.lower_ not in ("are", "were", "have", "do") and not any(
                c.dep_ == "nsubj" and c.i != n.i for c in after.children):
            return None  # "a separate returns rack", the last noun read as a verb (not "every listings are")
        return "determiner_number", t.i, n.i, {"det": t.text, "noun": n.text}, f"{t.text} {n.lemma_}"

    def _modal_verb(self, t, doc):
        """"must provides", "will not sending", "can sent": a modal's own verb in another form
        than its base. Only when the parser made the modal that verb's auxiliary, and only forms
        that differ from the base ("put", "set" and "cut" are the same in every tense)."""
        if t.lower_ not in _MODALS or t.dep_ != "aux" or (t.text == "May" and t.i > t.sent.start):
            return None
        i = t.i + 1
        while i < len(doc) and i - t.i <= 3 and (doc[i].lower_ in _AFTER_MODAL):
            i += 1
        if i >= len(doc):
            return None
        v = doc[i]
        if v.i != t.head.i or v.tag_ not in ("VBZ", "VBG", "VBD", "VBN") or not v.is_alpha:
            return None
        before = doc[t.i - 1] if t.i > t.sent.start else None
        if before is None or before.tag_ in ("WRB", "WP", "WDT") or before.text == ":":
            return None  # a question: "when will held funds be released?"
        after = doc[v.i + 1] if v.i + 1 < len(doc) else None
        if v.tag_ in ("VBN", "VBD") and after is not None and after.pos_ in ("NOUN", "PROPN", "ADJ"):
            return None  # a participle before its noun ("reserved inventory")
        base = v.lemma_.lower()
        if base == v.lower_ or not base.isalpha() or (base == "be" and v.lower_ == "been"):
            return None
        words = doc[t.i : v.i].text_with_ws + base
        return "modal_verb", t.i, v.i, {"modal": t.text}, words

    def _aux_base(self, t, doc):
        """"we have send", "has update the listing", "the label was print", "we are agree": a
        verb's base form right after "have" or "be" (adverbs such as "already" may stand
        between). The base form is read from the lexicon, not the tagger, which calls a verb in
        the wrong form a noun ("have ship all the orders"); so a word that is also a noun counts
        only where the tagger made it a verb or, after "have", before the start of its object
        ("the", "our", "them", "all")."""
        i = t.i + 1
        while i < len(doc) and i - t.i <= 2 and doc[i].lower_ in _AFTER_AUX:
            i += 1
        if i >= len(doc):
            return None
        v = doc[i]
        word = v.lower_
        # "the price was raise to $39", "the account that is link to ours": a base form the tagger
        # calls an adjective, though the lexicon has no such adjective; not before a noun or
        # adjective it would modify ("is drop shipping", "were microwave safe"), not "mine", not
        # "7 am"
        nxt = doc[v.i + 1] if v.i + 1 < len(doc) else None
        misread = (v.tag_ == "JJ" and (t.lower_ in _BE or t.lower_ in _GET) and t.lower_ != "am" and word not in self.verbs.adjectives
                   and word not in _PRONOUN_LIKE and (nxt is None or nxt.pos_ in ("ADP", "PART", "PUNCT", "CCONJ", "SCONJ")))
        if not v.is_alpha or not self.verbs.base(word) or (v.text[0].isupper() and v.i > v.sent.start) or (
                v.pos_ in ("ADJ", "ADV", "ADP", "NUM") and not misread):
            return None  # "had loose handles": an adjective the lexicon also lists as a verb
        after = doc[v.i + 1] if v.i + 1 < len(doc) else None
        if after is not None and after.text == "-" and not after.whitespace_:
            return None  # "will be drop-tested": the first half of a compound
        if t.lower_ in _HAVE:
            check = "perfect_base"
            if word in self.verbs.nouns and v.tag_ not in ("VB", "VBP") and not (after is not None and (after.tag_ in _OBJECT_START or after.lower_ in ("all", "every", "each"))):
                return None  # "we have access to", "we have stock for": a noun
        elif t.lower_ in _GET:
            check = "passive_base"
            noun_next = after is not None and (after.pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or after.lower_ in ("of", "'s"))
            if (word in self.verbs.nouns and word not in _GET_OVER_NOUN) or noun_next:
                return None  # "each got refund", "get hold of", "got ship dates": a noun
        else:
            check = "passive_base"
            # "was print on", "is ship within": a verb, unless a noun or "of" follows ("was print quality")
            verb_over_noun = word in _VERB_OVER_NOUN and t.lower_ != "being" and (
                after is None or (after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") and after.lower_ not in ("of", "'s")))
            if word in self.verbs.nouns and v.tag_ not in ("VB", "VBP") and not misread and not verb_over_noun:
                return None  # "the cause was stock"; "were check one by one" is tagged a verb
        words = doc[t.i : v.i].text_with_ws + self.verbs.participle(word)
        return check, t.i, v.i, {"aux": t.text}, words

    def _each_bare(self, s, doc):
        """"nobody check them", "each of our packers check": "each", "every-" and "no-" words
        take a verb with -s in the present. Only a verb with no auxiliary, in its base form, and not
        the complement of "see", "make" or "let" ("we saw everything disappear")."""
        t = s.head
        if t.i <= s.i or t.tag_ not in ("VBP", "VB") or t.lower_ != t.lemma_.lower() or t.lower_ == "be" or not t.is_alpha:
            return None
        if t.dep_ not in ("ROOT", "ccomp", "advcl", "conj", "relcl") or any(c.dep_ in ("aux", "auxpass") for c in t.children):
            return None
        if any(c.dep_ == "relcl" for c in s.children) or t.head.lemma_ in _CAUSATIVE:
            return None
        if s.lower_ == "each" and s.i > 0 and (doc[s.i - 1].pos_ in ("NOUN", "PROPN", "PRON", "NUM") or doc[s.i - 1].tag_ == "NNS"):
            return None  # "three agents each handle": "each" after the plural subject it shares out
        subject = {y.i for y in s.subtree}
        if not all(x.dep_ in ("neg", "advmod", "prep", "pobj", "det", "poss", "amod", "nummod", "compound") or x.i in subject
                   for x in doc[s.i + 1 : t.i]):
            return None
        return "each_verb", *_span(s, t), {"subject": doc[s.i : s.right_edge.i + 1].text if s.lower_ == "each" else s.text}, third_person(t.text)

    def _modal_to(self, t, doc):
        """"we will to check", "every supplier must to give": a modal takes the bare verb. Not
        "ought to", and not a modal standing for its verb ("everything we can to make sure")."""
        if t.lower_ not in _MODALS or t.dep_ == "relcl" or t.i + 2 >= len(doc):
            return None
        to, v = doc[t.i + 1], doc[t.i + 2]
        if to.lower_ != "to" or v.pos_ not in ("VERB", "AUX") or not v.is_alpha:
            return None
        return "modal_to", t.i, to.i, {"modal": t.text}, t.text

    def _plural_determiner(self, t, doc):
        """"many buyer", "several order", "those day": a word that counts more than one, before a
        singular noun that ends the noun phrase."""
        n = t.head
        if t.dep_ not in ("amod", "det") or n.i != t.i + 1 or n.tag_ != "NN" or not n.is_alpha or n.dep_ == "compound":
            return None
        if n.lower_ in _AFTER_PLURAL_DET or n.lemma_.lower() != n.lower_ or n.lower_ not in self.verbs.nouns:
            return None
        after = doc[n.i + 1] if n.i + 1 < len(doc) else None
        if after is not None and (after.pos_ in ("NOUN", "PROPN") or after.tag_ in ("VBZ", "NNS", "POS") or after.text == "-"):
            return None  # the noun is the first half of a compound ("these test buys", "many order IDs")
        return "plural_determiner", t.i, n.i, {"det": t.text}, f"{t.text} {plural(n.text)}"

    def _relative_verb(self, t, doc):
        """"the rights owner, who have confirmed", "the listings that was using": the verb of a
        relative clause agrees with the noun the pronoun stands for. Only where that noun stands
        right before the pronoun (a comma between), is not a number ("31 that were"), and is not
        in a list or after a preposition ("the units of the blender that are", "invoices from our
        supplier which prove"), where the pronoun may stand for another noun; only ", who" after a
        verb's "to the owner" is sure of its noun. A bare verb that is also a past ("who
        misread") is left alone."""
        v = t.head
        if v.dep_ != "relcl" or v.i <= t.i:
            return None
        ant = v.head
        verb = next((c for c in v.children if c.dep_ in ("aux", "auxpass") and c.i < v.i), v)
        if verb.i != t.i + 1 or ant.i != t.i - 1 - (doc[t.i - 1].text == ","):
            return None
        if t.lower_ == "which" and doc[t.i - 1].text == ",":
            return None  # ", which is": often the whole clause before it
        if ant.dep_ == "conj" or ant.like_num or not ant.is_alpha or any(c.dep_ == "conj" for c in ant.children):
            return None
        if ant.dep_ == "pobj" and not (t.lower_ == "who" and doc[t.i - 1].text == "," and ant.head.head.pos_ in ("VERB", "AUX")):
            return None  # "the units of the blender that are", "invoices from our supplier which prove": the first noun
        if ant.tag_ == "NN" and any(c.dep_ == "nummod" for c in ant.children):
            return None  # "the 28 March dispatch that are": a date read into the noun
        low = verb.lower_
        if ant.tag_ == "NNS" and ant.lower_ not in self.singular_s and (low in TO_PLURAL or (verb.tag_ == "VBZ" and verb.lemma_.lower() != low)):
            replacement = TO_PLURAL.get(low) or verb.lemma_.lower()
        elif ant.tag_ == "NN" and ant.lower_ not in _RELATIVE_PLURAL_OK and ant.lower_ not in self.collective and (
                low in TO_SINGULAR or (verb.tag_ == "VBP" and verb.lower_ == verb.lemma_.lower() and verb.is_alpha and verb.lower_ != "be"
                                   and verb.lower_ not in SAME_PARTICIPLE)):
            replacement = TO_SINGULAR.get(low) or third_person(verb.text)
        else:
            return None
        return "relative_verb", verb.i, verb.i, {"noun": ant.text, "pronoun": t.text}, replacement

    def _perfect_finished(self, t, doc):
        """"we have shipped the replacement yesterday", "has updated the listing last week": a
        finished time ("yesterday", "ago", "last week") on the present perfect's own verb."""
        v = t.head
        if v.tag_ != "VBN" or v.i <= t.i:
            return None
        if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in v.children):
            return None  # "should have treated it on 4 January", "appears to have stopped on 14 February": right
        for c in v.subtree:
            if c.i <= v.i or not (c.head.i == v.i or (c.head.head.i == v.i and c.head.dep_ == "npadvmod")):
                continue
            if c.lower_ in _FINISHED or (c.lower_ == "last" and c.head.dep_ == "npadvmod" and c.head.lower_ in _LAST):
                words = doc[t.i + 1 : v.i].text_with_ws + self.verbs.past(v.lemma_.lower())  # "have already shipped" -> "already shipped"
                return "perfect_finished", t.i, v.i, {"when": c.text if c.lower_ != "last" else f"last {c.head.text}", "aux": t.text}, words
        when = _dated(v)
        if when is not None:
            words = doc[t.i + 1 : v.i].text_with_ws + self.verbs.past(v.lemma_.lower())
            return "perfect_finished", t.i, v.i, {"when": when, "aux": t.text}, words
        return None

    def _bare_verb(self, t, doc):
        """"the system not update", "each month she download", "your message of 18 March say",
        "we promise this never happen again", "the attention it deserve": a bare present verb after a
        singular noun (with its determiner) or he, she, it, this; since round 38 also in a relative clause,
        after one of those pronouns only (among the pool's sentences with "and", "it", "he" or "she": 8
        language sentences more, no clean or other one). A short "of"/"from"/"in" phrase of the
        subject's own may stand between, ending in its object, when the word after it is a verb."""
        if t.tag_ not in ("VBP", "VB") or t.dep_ not in ("ROOT", "advcl", "ccomp", "conj", "relcl") or t.lower_ != t.lemma_.lower():
            return None
        if any(c.dep_ in ("aux", "auxpass") for c in t.children):
            return None
        s = _subject(t)
        if s is None or s.i >= t.i or not _no_coordination(s, t, doc):
            return None
        noun = (s.tag_ == "NN" and s.is_alpha and s.lower_ not in self.collective and s.lower_ not in self.quantity
                and any(c.dep_ in ("det", "poss") and c.lower_ in _BARE_SUBJECT_DET for c in s.children))
        pronoun = (s.lower_ in ("it", "he", "she") and s.text != "IT") or (s.lower_ == "this" and s.dep_ == "nsubj" and not list(s.children))
        # a one-word name stands as a pronoun does: nothing of its own between it and the verb (round 39)
        pronoun = pronoun or (not noun and self._one_name(s, t, doc))
        if not (noun or pronoun) or (noun and t.lower_ in self.noun_like):
            return None  # "noun_like": nouns the tagger reads as verbs in compounds ("the carrier scan")
        if t.dep_ == "relcl" and not pronoun:
            return None  # round 38: a relative clause only after a pronoun ("the attention it deserve")
        phrase = [x for x in doc[s.i + 1 : t.i] if x.dep_ not in ("neg", "advmod")]
        if phrase and not (noun and self._subject_phrase(s, t, phrase)):
            return None
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if after is not None and (after.pos_ in ("NOUN", "PROPN", "VERB", "AUX", "NUM") or after.lower_ in ("by", "ourselves", "each", "step")):
            return None  # compounds the tagger splits: "our order defect rate", "the response log each day"
        if ((after is None or after.text in (".", ",", ";", ":", "!", "?", ")")) and t.lower_ in self.verbs.nouns
                and all(c.i == s.i or c.is_punct or c.dep_ == "mark" for c in t.children)):
            return None  # "after the warehouse move": a noun phrase ending the sentence, read as subject and verb
        before = doc[s.i - 1] if s.i > 0 else None
        if before is not None and before.pos_ in ("NOUN", "PROPN") and not (pronoun and before.head.i != s.i):
            return None  # a compound read as subject and verb; not a time before a pronoun ("each month she check")
        if t.head.lemma_ in _CAUSATIVE:
            return None  # "make sure it arrive" is rare; "let it run" is right
        if phrase:
            return "bare_verb", t.i, t.i, {"subject": s.text}, third_person(t.text)
        if any(x.lower_ == "not" for x in doc[s.i + 1 : t.i]):  # "the scanner not beep" -> "does not beep"
            words = "".join(("does " + x.text_with_ws) if x.lower_ == "not" else x.text_with_ws for x in doc[s.i : t.i])
            return "bare_verb", s.i, t.i, {"subject": s.text}, words + t.text
        return "bare_verb", s.i, t.i, {"subject": s.text}, doc[s.i : t.i].text_with_ws + third_person(t.text)

    def _adverb(self, t, doc):
        """"check every carton careful", "we take this very serious", "the stock updates automatic": an
        adjective after the verb it describes, where the verb takes no adjective of its own ("keep it
        clean", "make it clear", "tasted different" are right: ``complement_verbs``). Round 39."""
        v = t.head
        if t.dep_ == "amod" and v.i < t.i and v.pos_ in ("NOUN", "PROPN") and v.dep_ == "dobj":
            v = v.head  # "changed the price automatic": read as an adjective after its noun, which English does not do
        elif t.dep_ not in ("advmod", "acomp", "oprd", "xcomp", "npadvmod", "ccomp"):
            return None
        if t.pos_ != "ADJ" or v.pos_ != "VERB" or v.i > t.i or any(c.dep_ != "advmod" for c in t.children):
            return None
        if v.lemma_.lower() in self.complement_verbs:
            return None  # "became careful", "kept it clean": a state, not a manner
        if v.i == t.i - 1 and v.i > 0 and doc[v.i - 1].pos_ in ("NOUN", "PROPN") and v.tag_ in ("VB", "VBP"):
            return None  # "Amazon notice correct:": a noun read as a verb in a note
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if after is not None and (after.pos_ in ("NOUN", "PROPN") or after.text == "-"):
            return None  # "sent the correct set", "described it as dishwasher-safe": the adjective belongs to a noun
        return "adverb", t.i, t.i, {"adjective": t.text, "verb": v.text}, adverb(t.text)

    def _one_name(self, s, t, doc) -> bool:
        """"Rajesh check the page", "hope Amazon reactivate our account": a one-word name as the subject of a
        bare verb (round 39). Not a name ending in -s or in capitals ("Evri", "UPS"; a firm may be plural),
        not a capitalised common word opening a note ("Size chart wrong"), not after a mandative verb
        ("we ask that Amazon reconsider": the subjunctive), not "God bless"."""
        if s.tag_ != "NNP" or not s.is_title or s.text.endswith("s") or not s.is_alpha or list(s.children):
            return False
        if s.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "DATE", "TIME"):
            return False  # a place read as the subject: "Shenzhen warehouse only 3 packers working"
        first = not any(x.is_alpha for x in doc[s.sent.start : s.i])
        if s.lower_ in ("god", "heaven", "lord") or (first and (s.lower_ in self.verbs.nouns or s.lower_ in self.verbs.verbs)):
            return False  # a capitalised word opening a note ("Size chart wrong", "Monitor account more")
        if s.i > 0 and (doc[s.i - 1].text in ("+", "&", "/", "and", "or") or doc[s.i - 1].pos_ in ("NOUN", "PROPN", "NUM")
                        or doc[s.i - 1].text.endswith(".")):
            return False  # "lister + Deepa sign off", "2 p.m. Eastern now ship"
        if t.dep_ == "relcl" or any(x.lower_ in ("they", "their", "them", "themselves") for x in doc[t.i + 1 : t.sent.end]):
            return False  # "Hollin own their trade mark": a firm as a plural, as British writers have it
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in _MANDATIVE:
            return False
        after = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if t.lower_ in self.verbs.nouns and (after is None or after.pos_ not in ("DET", "PRON")):
            return False  # "Shenzhen warehouse only 3 packers": a noun after a name, unless an object follows
        return t.lower_ in self.verbs.verbs and not t.lower_.endswith("s")

    def _subject_phrase(self, s, t, phrase) -> bool:
        """The words between a subject and its verb are one short phrase of the subject's own
        ("of 18 March", "in our package"), ending in its object, and the verb is a verb the
        lexicon knows; not "every day of deactivation places further strain", where the object
        ("places") may itself be the verb."""
        first, last = phrase[0], phrase[-1]
        if len(phrase) > 6 or first.dep_ != "prep" or first.head.i != s.i or first.lower_ not in _SUBJECT_PREPS:
            return False
        if last.dep_ != "pobj" or any(x.i > s.right_edge.i or x.dep_ not in _INSIDE_PHRASE for x in phrase[1:]):
            return False
        if t.lower_ not in self.verbs.verbs:
            return False
        return not (last.tag_ == "NNS" and last.lemma_.lower() in self.verbs.verbs and t.lower_ in self.verbs.nouns)


def compile(rule, bank, nlp):
    checks = rule.options.get("checks", list(CHECKS))
    if not isinstance(checks, list) or not all(isinstance(c, str) for c in checks):
        raise rule.error("checks must be a list of check names", "checks")
    unknown = [c for c in checks if c not in CHECKS]
    if unknown:
        raise rule.error(f"unknown check(s) {unknown} (known: {', '.join(CHECKS)})", "checks")
    lists = word_lists(rule, _LISTS)
    lexicon = {"perfect_base", "passive_base", "plural_determiner", "perfect_finished", "determiner_number", "bare_verb"}
    return AgreementRunner(rule, set(checks), lists, VerbForms.of(nlp) if lexicon & set(checks) else None)
