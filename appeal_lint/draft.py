"""The layout of a draft: lines, blocks (headings, bullets, paragraphs) and offsets.

Nothing here knows about spaCy. A :class:`Draft` keeps the decoded text untouched;
every block records where it starts and ends in that text, so findings made on a
block map back to exact file offsets.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

_NEWLINE = re.compile(r"\r\n|\r|\n")
_QUOTE = re.compile("[\"\u201c\u201d]")
# an e-mail's header lines and a subject line ("RE: PLAN OF ACTION - ASIN ...", "**Subject: Appeal ...**")
HEADER_LINE = re.compile(r"\s*(?:\*\*)?(?:subject|re|ref|regarding|fwd?|from|to|cc|date)\s*:", re.I)
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(?P<t>[^*_\n]{1,80}?)(?::)?(\*\*|__)[ \t]*:?[ \t]*$")
# list markers: symbols, 1. 1) (1) 1、 a. a) (a) i. ii) (ii) and "Step 1:"
_BULLET = re.compile(
    r"^(?P<indent>[ \t]*)(?P<marker>[-*+\u2022\u25cf\u25cb\u25e6\u25aa\u25ab\u25a0\u25a1\u25ba\u25b6\u27a2\u27a4\u2713\u2714\u2013\u2014\u00b7\u2023\u2043]"
    r"|\(?\d{1,2}[.)]|\(\d{1,2}\)|\(?[a-zA-Z][.)]|\([a-zA-Z]\)|\(?(?:i{1,3}|iv|vi{0,3}|ix|I{1,3}|IV|VI{0,3}|IX)[.)]"
    r"|(?:step|Step|STEP)\s+\d{1,2}\s*[:.)\-]?)[ \t]+(?=\S)"
    r"|^(?P<indent2>[ \t]*)(?P<marker2>\d{1,2}\u3001)[ \t]*(?=\S)"  # 1、 needs no space
)
_SYMBOL_MARKER = re.compile(r"[-*+\u2022\u25cf\u25cb\u25e6\u25aa\u25ab\u25a0\u25a1\u25ba\u25b6\u27a2\u27a4\u2713\u2714\u2013\u2014\u00b7\u2023\u2043]")
_COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z0-9 /&'()\-]{1,60}?)[ \t]*[:\uff1a][ \t]*(?=\S)")
_UNDERLINE = re.compile(r"^[ \t]*([=\-_~*])\1{2,}[ \t]*$")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)+\|?[ \t]*$")
# a sentence or clause ends here: . ! ? : ; (also full-width) maybe followed by quotes or brackets
_TERMINAL = re.compile(r"[.!?:;\u3002\uff01\uff1f\uff1a\uff1b][\"'\u201d\u2019)\]]*$")
_PRONOUN_START = re.compile(r"^(we|i|they|it|this|he|she|you|there)\b", re.I)
# titles before a person's name (also read by grammar.precision, which skips the names after them)
TITLES = "Mr|Mrs|Ms|Mx|Miss|Dr|Prof|Sir|Madam|Mme|Mlle|Sri|Shri|Smt"
# a title before a name ("Mr." over "K. Saravanan, moved ..."): the initial below is not a list marker
_TITLE_END = re.compile(rf"\b(?:{TITLES})\.$")
_INITIAL = re.compile(r"[A-Z]\.")


def _terminal(line: str) -> bool:
    return bool(_TERMINAL.search(line.rstrip()))


def _wrapped_here(above: str, below: str, width: int | None) -> bool:
    """Whether a mail client broke the line: in a draft wrapped at ``width``, the first word
    of ``below`` would not have fitted on the line ``above``."""
    if not width:
        return False
    return len(above.rstrip()) + 1 + len(below.split()[0]) > width


# the narrowest width mail clients wrap a long line at
_MAIL_WIDTH = 72
_BOLD_OPEN = re.compile(r"^[ \t]*(\*\*|__)(?!.*(\*\*|__))\S")


def _wrapped_title(line: str, below: str | None, after: str | None, width: int | None) -> str | None:
    """A heading line a mail client wrapped, as one line, else None: "## Root cause 2: size
    chart (8 negative" over "feedback)", "**Appeal: ASIN ..., 100 pcs" over "(Amazon.com)**".
    The rest stands alone on its line, short, above a blank line, and did not fit on the line
    above at ``width`` (72 columns when the draft does not look wrapped)."""
    if below is None or not below.strip() or (after is not None and after.strip()):
        return None
    rest = below.strip()
    if len(rest.split()) > 4 or _BULLET.match(below) or _terminal(rest.rstrip("*_")):
        return None
    if not _wrapped_here(line, rest, width or _MAIL_WIDTH):
        return None
    md = _MD_HEADING.match(line)
    if md and not md.group(2).rstrip().endswith((":", "\uff1a")):
        return line.rstrip() + " " + rest
    bold = _BOLD_OPEN.match(line)
    if bold and rest.endswith(bold.group(1)) and rest.count(bold.group(1)) == 1:
        return line.rstrip() + " " + rest
    return None


def _count_after_one(marker: str) -> bool:
    """A numbered marker past the first ("2.", "(10)"): a list under a paragraph starts at one."""
    digits = "".join(ch for ch in marker if ch.isdigit())
    return bool(digits) and int(digits) > 1


def _is_table_row(line: str) -> bool:
    return line.count("|") >= 2 or bool(re.search(r"\S\t+\S.*\t", line))


@lru_cache(maxsize=1)
def _lexicon():
    from .ruleset import load_lexicon

    data = load_lexicon("roles")
    names = re.compile("|".join(f"(?:{p})" for h in data["headings"] for p in h["patterns"]), re.I)
    return names, re.compile(data["greeting"], re.I), re.compile(data["titles"], re.I), re.compile(data["valediction"], re.I)


def names_a_section(words: str) -> bool:
    """Whether a short line's words name a part of a letter ("Root cause", "Going forward")."""
    names, _, titles, _ = _lexicon()
    return bool(names.search(words) or titles.match(words))


def is_greeting(line: str) -> bool:
    return bool(_lexicon()[1].match(line)) and len(line.split()) <= 12


def is_valediction(line: str) -> bool:
    """A sign-off standing alone ("Kind regards,", "Thank you very much."), its words on one line
    or wrapped over two."""
    return bool(_lexicon()[3].match(" ".join(line.split())))


def _caps(words: str) -> bool:
    letters = [c for c in words if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.7 * len(letters)


def _short_line(words: str) -> bool:
    """Short words that do not end a sentence and do not open with a subject pronoun."""
    words = words.strip()
    if not words or len(words) > 70 or _terminal(words) or words.endswith(",") or "@" in words:
        return False
    if len(words.split()) > 8 or _PRONOUN_START.match(words) or sum(c.isalpha() for c in words) < 3:
        return False
    return words[0].isupper() or words[0].isdigit()


_QUESTION_HEAD = re.compile(r"^\W*(why|what|how|which)\b", re.I)
# "Why did this happen?" is a heading; "Why is one bad month enough to shut the whole account
# down?" and "Why Amazon not warn us before ...?" are a writer's protest, a sentence of the letter.
# In the corpus's letters every "why" heading was at most seven words with no figure, negation,
# modal, "you", "us" or "Amazon" (12 headings); the six "why" lines read as headings that were
# protests had one of those (round 37).
_PROTEST = re.compile(r"\d|\b(?:not|no|never|should|can|could|would|must|you|your|us|amazon)\b|n['\u2019]t\b", re.I)


def _question_heading(words: str) -> bool:
    """A short question that names a part of the letter ("Why did this happen?", "What have we
    done already?", "How will we prevent it from happening again?"): the three questions of
    Amazon's own appeal form, used as headings. A request ("Could you tell us why ...?") is not."""
    words = words.strip()
    head = _QUESTION_HEAD.match(words)
    if head and head.group(1).lower() == "why" and (len(words.split()) > 8 or _PROTEST.search(words)):
        return False
    return (words.endswith(("?", "\uff1f")) and len(words.split()) <= 12 and len(words) <= 90
            and bool(head) and names_a_section(words))


def _heading_like(words: str) -> bool:
    """A short line that reads as a title: capitals, Title Case, or a section name."""
    words = words.strip()
    if not _short_line(words):
        return False
    if _caps(words) or names_a_section(words):
        return True
    tokens = words.split()
    long = [t for t in tokens if len(t) > 3 and t[0].isalpha()]
    return len(tokens) >= 2 and bool(long) and all(t[0].isupper() for t in long)


@dataclass(frozen=True)
class Block:
    """A heading, a bullet item or a paragraph.

    ``start``/``end`` span the whole block in the draft text; ``content_start`` skips
    a bullet marker or heading hashes so that parsing starts at the words.
    """

    index: int
    kind: str  # "heading" | "bullet" | "paragraph"
    start: int
    end: int
    content_start: int
    line: int
    end_line: int
    text: str = field(repr=False)
    title: str = ""  # a heading's words, without marks or numbering

    @property
    def content(self) -> str:
        return self.text[self.content_start - self.start :]

    @property
    def words(self) -> int:
        return len(self.content.split())


class LineIndex:
    """Offsets to 1-based (line, column), columns in code points."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.text = text

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


def _lines(text: str):
    """Yield ``(start, end)`` of each line, without its line break."""
    pos = 0
    for m in _NEWLINE.finditer(text):
        yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def first_line_span(text: str, base: int = 0) -> tuple[int, int]:
    """The first line of ``text`` with something on it, stripped, as offsets from ``base``."""
    for start, end in _lines(text):
        line = text[start:end]
        if line.strip():
            return base + start + len(line) - len(line.lstrip()), base + start + len(line.rstrip())
    return base, base


def _marker(bullet: re.Match) -> str:
    """The list marker of a ``_BULLET`` match ("-", "2.", "(a)", "1、")."""
    return bullet.group("marker") or bullet.group("marker2")


def heading_text(line: str) -> str | None:
    """The words of a line that is marked as a heading (Markdown, bold, or a short line
    ending in a colon), else None. Plain headings with no mark are found by :class:`Draft`,
    which sees the lines around them."""
    m = _MD_HEADING.match(line)
    if m:
        return m.group(2).strip()
    m = _BOLD_LINE.match(line)
    if m and len(m.group("t").split()) <= 12 and not _terminal(m.group("t")):
        return m.group("t").strip()
    stripped = line.strip()
    if stripped.endswith((":", "\uff1a")) and 0 < len(stripped.split()) <= 8 and not is_greeting(stripped):
        words = stripped.rstrip(":\uff1a").strip()
        if len(words.split()) <= 4 or _heading_like(words):
            return words
    return None


def inline_label(text: str) -> str | None:
    """``Root cause: we ...`` -> ``Root cause``: a label opening a paragraph."""
    m = _LABEL.match(text)
    if m and len(m.group("label").split()) <= 6:
        return m.group("label").strip()
    return None


class Draft:
    """A draft split into blocks, with a line index for positions.

    What a block is, in the order it is decided for each line:
    - a blank line, a whole-line HTML comment, a table rule or an underline ends a block;
    - a heading: Markdown, a bold line, a short line ending in a colon, a short line
      underlined with === or ---, a numbered title ("2) Corrective actions", "Step 1:
      Root cause"), or a short line with no sentence end that reads as a title (capitals,
      Title Case, or a section name) standing on its own, or a short question that names a
      part ("Why did this happen?", the appeal form's own questions) over its answer;
    - a bullet: any common list marker, unless it opens a line that goes on with an unfinished
      sentence of the paragraph above ("... sizes 4T to" / "10) has been removed ..."): a
      number past one, or in a hard-wrapped draft a marker that would not have fitted on the
      line above;
    - a table row (cells split by | or tabs) is a block of its own;
    - other lines join the block above unless the line above ended a sentence and, in a
      hard-wrapped draft, the first word of the line would have fitted on the line above
      (then the break was the writer's, not the e-mail client's).
    """

    def __init__(self, text: str):
        self.text = text
        self.lines = LineIndex(text)
        self.blocks: list[Block] = self._split()

    # -- helpers over lines -------------------------------------------------
    def _wrap_width(self, lines: list[tuple[int, int]]) -> int | None:
        """The width a mail client wrapped the text at, if the draft looks hard-wrapped."""
        rows = [self.text[a:b].rstrip() for a, b in lines]
        # list items are left out: a list pasted unwrapped into a wrapped e-mail keeps its
        # long items, and a wrapped item's continuation lines are measured anyway; an item
        # that goes on on the line below, unmarked, was wrapped, and is measured too (in a
        # letter of bullets alone, the continuation lines are the short ends of items)
        def wrapped_item(k: int) -> bool:
            below = rows[k + 1] if k + 1 < len(rows) else ""
            return bool(below.strip()) and not _BULLET.match(below) and not _is_table_row(below)

        prose = [t for k, t in enumerate(rows) if t.strip() and not _is_table_row(t) and (not _BULLET.match(t) or wrapped_item(k))]
        lengths = [len(t) for t in prose]
        if len(lengths) < 4:
            return None
        wide = [n for n in lengths if n > 100]
        width = max((n for n in lengths if n <= 100), default=0)
        if width < 40 or len(wide) > 0.15 * len(lengths):
            return None
        # wrapped text: many lines end close to the width (a pasted table or URL may run past it)
        near = sum(1 for n in lengths if width - 14 <= n <= width)
        if near >= 3 and near >= 0.3 * (len(lengths) - len(wide)):
            return width
        return None

    def _paragraph_from(self, spans, i: int, first: str) -> str:
        """The paragraph that starts on the first non-blank line after line ``i`` (``first``), its
        lines joined: what a short line stands over when a mail client cut that paragraph."""
        lines = []
        for a, b in spans[i + 1 :]:
            row = self.text[a:b].strip()
            if not row:
                if lines:
                    break
                continue
            if _is_table_row(row) or _BULLET.match(row):
                break  # a table or a list below is measured by its first line, as in a draft not wrapped
            lines.append(row)
        return " ".join(lines) or first

    def _joins(self, above: str, below: str, width: int | None) -> bool:
        """Whether line ``below`` continues the paragraph of line ``above``."""
        below = below.strip()
        if not below:
            return False
        if below[0].islower():
            return True
        if is_greeting(above.strip()) and not _wrapped_here(above, below, width):
            return False  # "Dear team," over the letter; "Greetings from Pune. We have ..." wrapped goes on
        if not _terminal(above):
            return True
        return _wrapped_here(above, below, width)

    # -- the split ------------------------------------------------------------
    def _split(self) -> list[Block]:
        text = self.text
        spans = list(_lines(text))
        width = self._wrap_width(spans)
        blocks: list[Block] = []
        current: list[tuple[int, int]] = []
        kind = "paragraph"
        content_start = 0
        title = ""
        signed = False  # a valediction was seen: what follows is the signature

        def flush():
            nonlocal current, title
            if current:
                start, end = current[0][0], current[-1][1]
                line, _ = self.lines.position(start)
                end_line, _ = self.lines.position(end)
                blocks.append(Block(len(blocks), kind, start, end, content_start, line, end_line, text[start:end], title))
            current = []
            title = ""

        def open_block(new_kind: str, start: int, end: int, content: int, words: str = ""):
            nonlocal kind, content_start, title, current
            flush()
            kind, content_start, current = new_kind, content, [(start, end)]
            title = words

        def blank(i: int) -> bool:
            return i < 0 or i >= len(spans) or not text[spans[i][0] : spans[i][1]].strip()

        content_lines = [k for k in range(len(spans)) if not blank(k)]
        tail_from = content_lines[-6] if len(content_lines) >= 6 else 0

        def next_content(i: int) -> str | None:
            for k in range(i + 1, len(spans)):  # no slice: this runs for every line
                a, b = spans[k]
                if text[a:b].strip():
                    return text[a:b]
            return None

        skip_to = -1  # the last line of a wrapped heading, read with the line before it
        for i, (start, end) in enumerate(spans):
            if i <= skip_to:
                continue
            line = text[start:end]
            stripped = line.strip()
            lead = len(line) - len(line.lstrip())
            if not stripped or _COMMENT_LINE.match(line) or _TABLE_RULE.match(line):
                flush()
                continue
            if _UNDERLINE.match(line):
                # "Root cause" over "==========": the line above was a heading
                if len(current) == 1 and kind == "paragraph" and _heading_like(text[current[0][0] : current[0][1]]):
                    words = text[current[0][0] : current[0][1]].strip()
                    kind, title = "heading", words
                    current.append((start, end))
                flush()
                continue
            if not signed:
                below = text[spans[i + 1][0] : spans[i + 1][1]] if i + 1 < len(spans) else None
                after = text[spans[i + 2][0] : spans[i + 2][1]] if i + 2 < len(spans) else None
                joined = _wrapped_title(line, below, after, width)
                marked = heading_text(joined) if joined else None
                if marked is not None:
                    # a heading a mail client wrapped: its two lines are one heading
                    md = _MD_HEADING.match(line)
                    open_block("heading", start, spans[i + 1][1], start + (md.start(2) if md else lead), marked)
                    flush()
                    skip_to = i + 1
                    continue
                marked = heading_text(line)
                if marked is not None and current and not _MD_HEADING.match(line) and not _BOLD_LINE.match(line):
                    if not _terminal(text[current[-1][0] : current[-1][1]]):
                        marked = None  # "kettle listing:" ending a wrapped sentence, not a heading
                if marked is not None:
                    md = _MD_HEADING.match(line)
                    open_block("heading", start, end, start + (md.start(2) if md else lead), marked)
                    flush()
                    continue
            bullet = _BULLET.match(line)
            if bullet and kind == "paragraph" and current and not signed:
                above = text[current[-1][0] : current[-1][1]]
                if not _terminal(above) and (_wrapped_here(above, line, width) or _count_after_one(_marker(bullet))):
                    bullet = None  # "(sizes 4T to" / "10) has been ...": a wrapped sentence, not a list
                elif _TITLE_END.search(above.rstrip()) and _INITIAL.fullmatch(_marker(bullet)):
                    bullet = None  # "... Our supervisor, Mr." / "K. Saravanan, moved ...": a name's initial
            if bullet and not signed:
                rest = line[bullet.end() :]
                marker = _marker(bullet)
                numbered = not _SYMBOL_MARKER.match(marker)
                words = rest.strip().rstrip(":\uff1a").strip()
                nxt = next_content(i)
                # "4. Evidence" over a paragraph is a heading; "4. Refund buyers" over "5. ..." is a list
                below = _BULLET.match(nxt) if nxt is not None else None
                list_goes_on = below is not None
                below_marker = _marker(below) if below is not None else ""
                # "2. What we did" over "- We refunded ...": a numbered title over a list of
                # another kind of marker is the list's heading, not its first item
                other_marker = below is not None and numbered and bool(_SYMBOL_MARKER.match(below_marker))
                # "– What we have done" over "• On 20 May we ...": a part's name under a symbol
                # of its own, over a list of another symbol
                other_symbol = below is not None and not numbered and below_marker != marker
                short = (_short_line(words) or _question_heading(words)) and not _is_table_row(rest)
                nested = nxt is not None and (len(nxt) - len(nxt.lstrip())) > len(bullet.group("indent") or bullet.group("indent2") or "")
                # "d. Each month our manager reconciles invoice quantities" over "against units
                # sent to FBA ...": an item a mail client wrapped, not a numbered title
                wrapped_item = i + 1 < len(spans) and not blank(i + 1) and nxt is not None and not below and (
                    nxt.strip()[0].islower() or _wrapped_here(line, nxt, width))
                if (numbered and short and not wrapped_item and (not list_goes_on or other_marker or _heading_like(rest))) or (
                    not numbered and short and names_a_section(words) and _heading_like(words) and list_goes_on and (nested or other_symbol)
                ):
                    words = rest.strip().rstrip(":\uff1a").strip()
                    open_block("heading", start, end, start + bullet.end(), words)
                    flush()
                    continue
            # "... before the weekend." / "Thank you.": a thanks that ends a sentence, put on a
            # line of its own by a mail client that wrapped the paragraph or list item, stays in it
            if is_valediction(line) and not (
                kind in ("paragraph", "bullet") and current and not blank(i - 1) and stripped[-1] in ".!"
                and _wrapped_here(text[current[-1][0] : current[-1][1]], line, width)
            ):
                flush()  # "Sincerely," opens the signature even without a blank line
                signed = True
                kind, content_start, current = "paragraph", start + lead, [(start, end)]
                continue
            if not signed and i + 1 < len(spans) and (_short_line(stripped) or _question_heading(stripped)) and not is_greeting(stripped) and not _LABEL.match(stripped) and not _is_table_row(line):
                above = text[current[-1][0] : current[-1][1]] if current else ""
                after_break = not current or _terminal(above)
                if after_break and above.rstrip().endswith((":", "\uff1a")) and _wrapped_here(above, stripped, width):
                    # "... of all six ASINs:" / "B0C4TR7QXN, B0C4TR9LMB and": a list a mail client
                    # put on the next line, not a heading in capitals
                    after_break = False
                standing = blank(i - 1) and blank(i + 1)
                below = text[spans[i + 1][0] : spans[i + 1][1]].strip() if not blank(i + 1) else ""
                underlined = bool(below) and bool(_UNDERLINE.match(below))
                # a short line over a longer sentence or a list: "Steps already taken" / "On 3 May we ..."
                if standing:
                    below = (next_content(i) or "").strip()
                    if width and below:
                        # in a hard-wrapped draft the paragraph below goes on past its first line
                        below = self._paragraph_from(spans, i, below)
                over_text = bool(below) and (len(below) >= 1.5 * len(stripped) or _terminal(below) or bool(_BULLET.match(below)))
                titled = _heading_like(stripped) and (standing or names_a_section(stripped) or _caps(stripped))
                # near the end, short lines over longer ones are a signature (name, title, company)
                closing = i >= tail_from and len(below) < 60 and not names_a_section(stripped)
                plain = over_text and not closing and (not any(c.isdigit() for c in stripped) or names_a_section(stripped))
                if after_break and not underlined and (titled or plain):
                    open_block("heading", start, end, start + lead, stripped)
                    flush()
                    continue
            if bullet and not signed:
                open_block("bullet", start, end, start + bullet.end())
                continue
            if _is_table_row(line):
                open_block("paragraph", start, end, start + lead)
                flush()
                continue
            if current:
                above = text[current[-1][0] : current[-1][1]]
                if signed or self._joins(above, line, width):
                    current.append((start, end))
                    continue
            open_block("paragraph", start, end, start + lead)
        flush()
        return blocks

    @cached_property
    def flowed(self) -> str:
        """The text with the line breaks inside each block turned into spaces (same length):
        a hard-wrapped paragraph as its writer meant it, for checkers that read raw text."""
        chars = list(self.text)
        for b in self.blocks:
            if b.kind == "heading":
                continue
            for m in _NEWLINE.finditer(self.text, b.content_start, b.end):
                for k in range(m.start(), m.end()):
                    chars[k] = " "
        return "".join(chars)

    @cached_property
    def quotations(self) -> list[tuple[int, int]]:
        """The spans between a pair of double quotes ("..." or “...”) inside one block,
        the quotes left out: words the writer quotes (a card's text, a label, a buyer's message)
        rather than writes. An unpaired straight quote opens nothing."""
        spans = []
        text = self.flowed
        for b in self.blocks:
            opened = {}
            for m in _QUOTE.finditer(text, b.content_start, b.end):
                q = m.group()
                if q == '"':
                    if '"' in opened:
                        spans.append((opened.pop('"'), m.start()))
                    else:
                        opened['"'] = m.end()
                elif q == "\u201c":
                    opened["\u201c"] = m.end()
                elif "\u201c" in opened:
                    spans.append((opened.pop("\u201c"), m.start()))
        return sorted(spans)

    def quoted(self, start: int, end: int) -> bool:
        """Whether the span ends inside a quotation (a question mark, a comma or a run of capitals
        in the quoted words; a question about a quoted word ends outside it)."""
        last = max(start, end - 1)
        return any(a <= last < b for a, b in self.quotations)

    @cached_property
    def word_count(self) -> int:
        return sum(b.words for b in self.blocks)


def checker_text(text: str) -> str:
    """What a grammar checker reads of a draft: LF line breaks, hard-wrapped lines flowed
    (the offsets are those appeal-lint reports on, see newlines.normalize)."""
    from .newlines import normalize

    return Draft(normalize(text)[0]).flowed
