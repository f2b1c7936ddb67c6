"""Where a grammar backend goes wrong on appeal letters, found in the draft before its
issues become findings.

A general-purpose checker reads an appeal letter as ordinary prose, and on real letters
most of what it raises is not an error (measured: ``bench/grammar_precision.py``):

- **list markers**: "a." "b)" "iv." "3、" start items, not sentences ("a" is not an
  indefinite article, "b." needs no capital);
- **person names**: "Ms Zhou Min" ("Min" is not short for minimum), the name under a
  sign-off, a name after "Dear", a name the draft uses again; "Sam Whitfield" on the
  signature line followed by "Whitfield Trading Ltd" on the next is not a doubled word;
- **terms of the trade** (``rules/_lexicons/vocabulary.yaml``): Amazon programmes and
  metrics, carriers, marketplaces, compliance bodies and standards, restricted
  ingredients, product materials ("latex gloves" is not the typesetting system);
- **another dialect's spelling**: "fulfilment", "mould", "grey" are right in British,
  Indian or Australian English, which many sellers write;
- **words the dictionary lacks**: an unknown word with no typo-shaped suggestion ("neem"
  -> "need", "kurtas" -> "Kurt's") is more likely a product or trade term than a typo.
  Such words are reported as ``unknown_word`` (info), not as spelling errors.

Everything here works on the draft's text and the backend's :class:`Issue` objects, so
it serves Harper and LanguageTool alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..draft import _BULLET, TITLES

_LINE = re.compile(r"[^\n]*\n?")
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
_CAP_WORD = r"[A-Z][a-z'\u2019]+(?:-[A-Z][a-z]+)?"
# Mr Zhou, Ms. Priya Nair, Dr Ahmed, Mrs Chen Li: up to three capitalised words
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a hard-wrapped line break
_TITLED = re.compile(rf"\b(?:{TITLES})\.?{_GAP}((?:{_CAP_WORD}{_GAP}){{0,2}}{_CAP_WORD})\b")
_SIGN_OFF = re.compile(
    r"^[ \t]*(?:(?:with|and)[ \t]+)?(?:(?:best|kind|kindest|warm|warmest|many|with)[ \t]+)?"
    r"(?:regards|wishes|thanks|sincerely(?:[ \t]+yours)?|yours(?:[ \t]+(?:sincerely|faithfully|truly|respectfully))?"
    r"|respectfully(?:[ \t]+yours)?|faithfully|cordially|best|cheers|thank[ \t]+you(?:[ \t]+(?:again|very[ \t]+much))?"
    r"|thanks[ \t]+(?:and|&)[ \t]+regards|all[ \t]+the[ \t]+best)[ \t]*[,.!]*[ \t]*$",
    re.I,
)
_GREETING = re.compile(rf"^[ \t]*(?:Dear|Hi|Hello|Attn:?|Attention:?)[ \t]+((?:(?:{_CAP_WORD}|[A-Z]\.)[ \t]*){{1,4}})", re.M)
# e-mail and letter headers whose value is a person or a company
_HEADER = re.compile(r"^[ \t]*(?:From|To|Cc|Name|Contact|Contact person|Signed|Seller|Store|Company|Account name|Legal name|Attn)[ \t]*:[ \t]*(.+)$", re.M | re.I)
_SIGNATURE_LINES = 6  # lines under a sign-off that hold a name, a title, a company, an address


# markers the draft's layout does not take as bullets: (iii), (iv), 10、
_MORE_MARKERS = re.compile(r"^[ \t]*(?:\((?:[ivxIVX]{1,5}|\d{1,3})\)|\d{1,3}[\u3001\uff0e])[ \t]*(?=\S)")


def list_marker_spans(text: str) -> list[tuple[int, int]]:
    """The list markers at the start of lines, with the space around them."""
    spans = []
    pos = 0
    for line in _LINE.findall(text):
        if not line:
            break
        m = _BULLET.match(line) or _MORE_MARKERS.match(line)
        if m:
            end = m.end()
            while end < len(line) and line[end] in " \t":
                end += 1
            spans.append((pos, pos + end))
        pos += len(line)
    return spans


def _signature_spans(text: str) -> list[tuple[int, int]]:
    """The lines under a sign-off ("Regards," / "Sincerely,"), up to a blank line after
    some content or six lines: the writer's name, title, company and address."""
    spans = []
    lines = _LINE.findall(text)
    pos = 0
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line)
    for i, line in enumerate(lines):
        if line and _SIGN_OFF.match(line.rstrip("\n")):
            taken = 0
            for j in range(i + 1, len(lines)):
                if not lines[j].strip():
                    if taken:
                        break
                    continue
                spans.append((starts[j], starts[j] + len(lines[j].rstrip("\n"))))
                taken += 1
                if taken >= _SIGNATURE_LINES:
                    break
    # a letter that ends without a sign-off: its last block of short lines ("Sam Whitfield"
    # over "Whitfield Trading Ltd") is a signature
    tail = []
    for j in range(len(lines) - 1, -1, -1):
        words = lines[j].split()
        if not words:
            if tail:
                break
            continue
        if len(words) > 6 or lines[j].rstrip().endswith((".", "?", "!", ":")) and len(words) > 2:
            tail = []
            break
        tail.append(j)
    if 0 < len(tail) <= _SIGNATURE_LINES:
        spans += [(starts[j], starts[j] + len(lines[j].rstrip("\n"))) for j in tail]
    return spans


def name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the draft that hold person (and company) names: after a title (Mr, Ms,
    Dr...), after a greeting, in header lines (From:, Name:) and under a sign-off."""
    spans = [m.span(1) for m in _TITLED.finditer(text)]
    spans += [m.span(1) for m in _GREETING.finditer(text)]
    spans += [m.span(1) for m in _HEADER.finditer(text)]
    spans += _signature_spans(text)
    return spans


def repeated_names(text: str, spans: list[tuple[int, int]]) -> frozenset[str]:
    """Capitalised words of the name spans: the same names elsewhere in the draft are
    names too ("Ms Feng" once, then "Feng checks the report")."""
    found = set()
    for start, end in spans:
        for m in _WORD.finditer(text, start, end):
            word = m.group()
            if word[:1].isupper() and not word.isupper():
                found.add(word)
    return frozenset(found)


@dataclass
class DraftFacts:
    """What the filters need to know about one draft, worked out once."""

    markers: list[tuple[int, int]]
    names: list[tuple[int, int]]
    name_words: frozenset[str]
    terms: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str, phrases: tuple[str, ...]) -> "DraftFacts":
        names = name_spans(text)
        return cls(list_marker_spans(text), names, repeated_names(text, names), term_spans(text, phrases))

    def in_marker(self, start: int, end: int) -> bool:
        return _overlaps(self.markers, start, end)

    def in_name(self, start: int, end: int, word: str) -> bool:
        if _overlaps(self.names, start, end):
            return True
        parts = [w for w in _WORD.findall(word)]
        return bool(parts) and all(p in self.name_words for p in parts)

    def in_term(self, start: int, end: int) -> bool:
        return _overlaps(self.terms, start, end)


def _overlaps(spans, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


@lru_cache(maxsize=4)
def _phrase_pattern(phrases: tuple[str, ...]):
    if not phrases:
        return None
    # between the words spaces, or one line break: a hard-wrapped line may end inside a term ("Sdn." / "Bhd.")
    alternatives = sorted((re.escape(p).replace(r"\ ", r"(?:[ \t]+|[ \t]*(?:\r\n|\r|\n)[ \t]*)") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


def term_spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the draft uses a multi-word or hyphenated term of the trade ("Seller Central",
    "latex gloves", "A-to-z Guarantee"), case-insensitively."""
    pattern = _phrase_pattern(phrases)
    return [m.span() for m in pattern.finditer(text)] if pattern else []


_ABBREVIATION = re.compile(
    r"(?:\b(?:Co|Ltd|Inc|Corp|Pvt|Pty|Pte|Sdn|Bhd|Ltda|Kft|LLC|GmbH|Bros|No|Nos|Ref|approx|dept|e\.g|i\.e|etc|vs|viz|St|Ave|Rd|Mr|Mrs|Ms|Dr|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)[ \t]*$",
    re.I,
)


def after_abbreviation(text: str, start: int) -> bool:
    """Whether the words at ``start`` follow an abbreviation's full stop ("Trading Co.,
    Ltd. dated ...") or sit inside a web address ("Amazon.com.tr orders"): neither ends a
    sentence. Company forms ("Sp. z o.o.") are terms of the trade in the vocabulary."""
    if start >= 2 and text[start - 1] == "." and text[start - 2].isalnum():
        return True
    return bool(_ABBREVIATION.search(text[max(0, start - 12) : start]))


# -- is an unknown word a typo? --------------------------------------------
_VOWELS = set("aeiouy")


def typo_shaped(word: str, suggestion: str) -> bool:
    """Whether ``word`` looks like a slip of the fingers or of spelling memory for
    ``suggestion``: two neighbouring letters swapped (recieve), a doubled letter missing
    or added (occured, untill), one vowel for another (seperate), a letter left out
    (wich, enviroment), an apostrophe left out (dont) or a proper noun in lower case
    (november). A product word the dictionary lacks rarely has a suggestion of that
    shape ("neem" -> "need" changes a consonant, "gummies" -> "gummiest" adds an ending)."""
    a, b = word.lower(), suggestion.lower()
    if a == b:
        return word != suggestion and suggestion[:1].isupper()  # november -> November
    if b.replace("'", "") == a:
        return not b.endswith("'s")  # dont -> don't; but "breakages" -> "breakage's" is no typo
    if not b.isalpha() or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return True  # transposition
        return len(diff) == 1 and a[diff[0]] in _VOWELS and b[diff[0]] in _VOWELS
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long_)):
        if long_[:i] + long_[i + 1 :] == short:
            doubled = (i > 0 and long_[i - 1] == long_[i]) or (i + 1 < len(long_) and long_[i + 1] == long_[i])
            # a letter left out of the word, but not an ending added to it (gummies -> gummiest)
            left_out = len(a) < len(b) and len(b) >= 5 and i < len(b) - 1
            return doubled or left_out
    return False


def foreign_lines(text: str, spelling: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Short lines (six words or fewer) where at least two words, and two thirds of all,
    are unknown to the dictionary: an address or a sign-off in the writer's own language
    ("Med vennlig hilsen,"), not English with typos."""
    out = []
    pos = 0
    for line in _LINE.findall(text):
        if not line:
            break
        words = _WORD.findall(line)
        if 2 <= len(words) <= 6:
            unknown = sum(1 for s, e in spelling if pos <= s < pos + len(line))
            if unknown >= 2 and unknown * 3 >= len(words) * 2:
                out.append((pos, pos + len(line)))
        pos += len(line)
    return out


def not_an_article(text: str, start: int, end: int) -> bool:
    """An "a"/"an" a backend calls a wrong article that is no article: a unit after a figure
    ("2.4 A", "3 A"), a capitalised word inside a sentence (the name "Nguyen Van An"), the
    "a" of "a.m.", or an article before a word whose h is sounded in one dialect and not in
    another ("a herbal remedy" and "an herbal remedy" are both standard)."""
    word = text[start:end]
    before = text[:start].rstrip(" \t")
    if word[:1].isupper() and before and before[-1] not in ".!?:\n\r\"'(\u201c-*#":
        return True
    if re.match(r"\.[a-z]\.", text[end : end + 3]):
        return True
    return bool(re.match(r"\s+(?:herb|historic)", text[end : end + 12], re.I))


def production_lot(text: str, end: int) -> bool:
    """Whether "lot" ending at ``end`` is a production lot ("a unit from a lot we had bought",
    "the lot number") rather than the "a lot (of)" a backend wants "of" added to."""
    return bool(re.match(r"\s+(?:we|they|i|that|which|the|from|number|no\b|id\b|code|#|\d)", text[end : end + 10], re.I))
