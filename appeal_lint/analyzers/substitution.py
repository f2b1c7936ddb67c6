"""``type: substitution`` — a phrase or pattern and the wording to use instead.

    swaps:
      - phrase: revert back          # matched on LOWER
        replace: reply
      - pattern: [{LEMMA: lack}, {LOWER: of, OP: "!"}]   # token pattern
        replace: [do not have, lack]
      - lemma: very appreciate       # matched on LEMMA: "very appreciated" too
        replace: greatly appreciate
    safe: true                       # --fix may apply the first replacement
                                     # (a swap with as many phrases as replacements pairs them:
                                     # each phrase is replaced by its own, in order)

      - pattern: [{LEMMA: reply}, {POS: DET}, {LEMMA: email}]
        span: [0, 1]                   # report and replace only "reply" (tokens 0..1 of the match)
        replace: [reply to]
      - pattern: [{LEMMA: staff}, {LEMMA: be}, {POS: ADV, OP: "?"}, {LOWER: formed}, {LOWER: on}]
        span: [-2, -1]                 # counted from the match's end: "formed", wherever it falls
      - pattern: [{LEMMA: do, TAG: VBD}, {LOWER: not}, {TAG: VBD}]
        replace: ["{t0} {t1} {lemma2}"]  # "did not shipped" -> "did not ship"

The message and suggestions may use ``{text}`` and ``{replacement}``; replacements may
use ``{tN}`` and ``{lemmaN}``, the text and lemma of the match's N-th token, and
``{verbN:attend}``, a verb put in the form of the match's N-th token ("assisted" ->
"attended", "assists" -> "attends"; past forms from the pipeline's lemmatizer tables), and
``{ingN}`` and ``{partN}``, the N-th token's verb in its -ing form or its past participle
("consider to reinstate" -> "consider reinstating", "we already throw" -> "we have already
thrown").
"""

from __future__ import annotations

import re

from ..model import Fix
from ..typed import flag, is_whole
from .base import Context, Hit, Match, match_case
from .tokens import TokenRunner

_SWAP_KEYS = {"phrase", "lemma", "pattern", "replace", "safe", "span"}
_VERB_FIELD = re.compile(r"\{verb(\d+)(?::([^{}]*))?\}")


class _Form:
    """Formats a verb given as the format spec in the form a token's tag names: with
    ``{verb0:attend}`` and the token "assisted" (VBD), "attended"."""

    def __init__(self, tag: str, verbs):
        self.tag, self.verbs = tag, verbs

    def __format__(self, base: str) -> str:
        return inflect(base, self.tag, self.verbs)


def inflect(base: str, tag: str, verbs=None) -> str:
    """``base`` in the form of ``tag``: VBD the past and VBN the participle (the lexicon's
    irregular forms, else -ed), VBZ -s, VBG -ing; any other tag the base form."""
    from .agreement import third_person

    if tag in ("VBD", "VBN") and verbs is not None:
        return verbs.past(base) if tag == "VBD" else verbs.participle(base)
    if tag in ("VBD", "VBN"):
        return base + "d" if base.endswith("e") else base + "ed"
    if tag == "VBZ":
        return third_person(base)
    if tag == "VBG":
        if base.endswith("ie"):
            return base[:-2] + "ying"  # tie -> tying
        if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
            return base[:-1] + "ing"
        if _ONE_SYLLABLE_CVC.search(base):
            return base + base[-1] + "ing"  # ship -> shipping, plan -> planning (not open, visit, fix)
        return base + "ing"
    return base


# a verb of one syllable ending consonant-vowel-consonant doubles its last letter before -ing
_ONE_SYLLABLE_CVC = re.compile(r"^[^aeiou]*[aeiou][^aeiouwxy]$")


class _TokenValues(dict):
    """``{t2}`` is the third matched token's text, ``{lemma2}`` its lemma, ``{verb2:...}`` a verb
    in its form, ``{ing2}`` and ``{part2}`` its verb in the -ing form and the past participle."""

    def __init__(self, tokens, verbs=None):
        super().__init__()
        for i, t in enumerate(tokens):
            self[f"t{i}"] = t.text
            self[f"lemma{i}"] = t.lemma_
            self[f"verb{i}"] = _Form(t.tag_, verbs)
            self[f"ing{i}"] = inflect(t.lemma_, "VBG")
            self[f"part{i}"] = inflect(t.lemma_, "VBN", verbs)

    def __missing__(self, key):
        return _Literal(key)


class _Literal:
    """A field the match has no value for is written as it stands, format spec and all."""

    def __init__(self, key: str):
        self.key = key

    def __format__(self, spec: str) -> str:
        return "{" + self.key + (":" + spec if spec else "") + "}"


class SubstitutionRunner(TokenRunner):
    def __init__(self, rule, bank, keys, swaps, verbs=None):
        super().__init__(rule, bank, keys)
        self.swaps = swaps
        self.verbs = verbs

    def hit_for(self, ctx: Context, key: str, m: Match) -> Hit:
        swap = self.swaps[key]
        tokens = ctx.docs[m.block][m.start : m.end]
        if swap["span"]:
            a, b = swap["span"]
            n = m.end - m.start
            if a < 0:  # counted from the match's end: a pattern with optional tokens before the word
                a, b = a + n, b + n
            m = Match(m.block, m.start + a, m.start + min(b, n))
        hit = super().hit_for(ctx, key, m)
        found = hit.values["text"]
        values = _TokenValues(tokens, self.verbs)
        chosen = swap["replace"]
        if swap["pairs"]:  # as many phrases as replacements: each phrase has its own ("today itself" -> "today")
            said = "".join((t.lemma_ if swap["pairs_by"] == "lemma" else t.text).lower() for t in tokens)
            if said in swap["pairs"]:
                chosen = [swap["pairs"][said]]
        replacements = [match_case(found, r.format_map(values) if "{" in r else r) for r in chosen]
        hit.values["replacement"] = replacements[0] if replacements else ""
        hit.suggestions = replacements
        if replacements and swap["safe"]:
            hit.fix = Fix(hit.start, hit.end, replacements[0], safe=True)
        return hit


def compile(rule, bank, nlp):
    swaps = rule.options["swaps"]
    if not isinstance(swaps, list) or not swaps:
        raise rule.error("swaps must be a non-empty list", "swaps")
    rule_safe = flag(rule.options, "safe", False, lambda message: rule.error(message, "safe"))
    keys, table = [], {}
    for i, swap in enumerate(swaps):
        line = getattr(swap, "line", rule.line)
        if not isinstance(swap, dict):
            raise rule.error(f"swap {i + 1} must be a mapping", "swaps")
        unknown = set(swap) - _SWAP_KEYS
        if unknown:
            raise _at(rule, line, f"unknown key(s) {sorted(unknown)} in a swap")
        kinds = [k for k in ("phrase", "lemma", "pattern") if k in swap]
        if len(kinds) != 1:
            raise _at(rule, line, "each swap needs exactly one of phrase, lemma or pattern")
        replace = swap.get("replace", [])
        replace = [replace] if isinstance(replace, str) else replace
        if not isinstance(replace, list) or not all(isinstance(r, str) for r in replace):
            raise _at(rule, line, "replace must be a string or a list of strings")
        for r in replace:
            for m in _VERB_FIELD.finditer(r):
                if not (m.group(2) and re.fullmatch(r"[a-z]+", m.group(2))):
                    raise _at(rule, line, f"{m.group(0)} needs a verb's base form after the colon, like {{verb{m.group(1)}:attend}}")
                if "pattern" in swap and isinstance(swap["pattern"], list) and int(m.group(1)) >= len(swap["pattern"]):
                    raise _at(rule, line, f"{m.group(0)}: the pattern has {len(swap['pattern'])} token(s), counted from 0")
        key = f"{rule.id}#s{i}"
        kind = kinds[0]
        value = swap[kind]
        if kind == "pattern":
            bank.add_tokens(rule, key, [value], what="swaps")
        else:
            phrases = [value] if isinstance(value, str) else value
            bank.add_phrases(rule, key, phrases, "LEMMA" if kind == "lemma" else "LOWER", what="swaps")
        span = swap.get("span")
        if span is not None:
            if kind != "pattern" or not (isinstance(span, list) and len(span) == 2 and all(is_whole(n, -len(value)) for n in span)
                                         and (0 <= span[0] < span[1] or span[0] < span[1] < 0)):
                raise _at(rule, line, "span is [first, last) token indices within a pattern's match, like [0, 1], "
                                      "or both counted from its end, like [-2, -1]")
        pairs = {}
        if kind != "pattern" and isinstance(value, list) and len(value) == len(replace) > 1:
            pairs = {"".join(str(ph).split()).lower(): r for ph, r in zip(value, replace)}
        keys.append(key)
        table[key] = {"replace": replace, "safe": flag(swap, "safe", rule_safe, lambda message: _at(rule, line, message)), "span": span,
                      "pairs": pairs, "pairs_by": kind}
    verbs = None
    if any("{verb" in r or "{part" in r for swap in table.values() for r in swap["replace"]):
        from .agreement import VerbForms

        verbs = VerbForms.of(nlp)
    return SubstitutionRunner(rule, bank, keys, table, verbs)


def _at(rule, line, message):
    from ..errors import RuleError

    return RuleError(rule.path, line, f"rule {rule.id}: {message}")
