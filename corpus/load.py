"""Reading the corpus: labelled sentences and letters with sentence roles.

Used by the training script (train/train.py), bench/quality.py and the tests; see
corpus/README.md for the formats. Splits:
- ``train`` / ``dev``: the tuning pool, split by a hash of the text (dev is about
  one item in five) so that the split never changes when files are added;
- ``heldout``: files under ``*/heldout/``, written after the models and rules were
  frozen; never used for training or tuning.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
CATEGORIES = ("ownership", "tone", "specificity", "focus", "language")
VOICES = ("zh", "in", "esl", "agency", "uk", "terse")
KINDS = {
    "ownership": ("blame_buyer", "blame_amazon", "blame_carrier", "blame_supplier", "blame_staff", "blame_software",
                  "blame_competitor", "denial", "minimising", "metric_as_cause"),
    "tone": ("emotion", "begging", "threat", "over_apology", "flattery"),
    "specificity": ("vague_promise", "no_data", "future_action", "vague_cause"),
    "focus": ("business_history", "sales_ratings", "hardship", "praise", "side_question", "other_policy"),
    "language": ("chinglish", "indian_english", "grammar", "false_friend"),
    "clean": ("plain", "hard_mention", "hard_commitment", "hard_words", "hard_numbers"),
}

ROLE_CODES = {"G": "greeting", "A": "acknowledgement", "R": "root_cause", "T": "actions_taken", "P": "preventive_measures",
              "C": "closing", "S": "signature", "O": "off_topic", "X": "other", "H": "heading"}
_TAG = re.compile(r"\[\[([A-Z])\]\]")
# what may stand on a line before a tag: a list marker, Markdown heading hashes, bold marks
_MARKER_TAIL = re.compile(
    r"\n[ \t]*(?:[-*+>\u2022\u25cf\u25cb\u25e6\u25aa\u25ab\u25a0\u25a1\u25ba\u25b6\u27a2\u27a4\u2713\u2714\u2013\u2014\u00b7\u2023\u2043]|#{1,6}"
    r"|\(?\d{1,2}[.)\u3001]|\(\d{1,2}\)|\(?[a-zA-Z][.)]|\([a-zA-Z]\)|[ivxIVX]{1,4}[.)]|(?:step|Step|STEP)\s*\d{1,2}\s*[:.)\-]?|\*\*|__|\|)?"
    r"[ \t]*(?:\*\*|__)?[ \t]*$"
)


def split_of(text: str) -> str:
    digest = hashlib.sha1(" ".join(text.split()).lower().encode("utf-8")).digest()
    return "dev" if digest[0] % 5 == 0 else "train"


# -- sentences ---------------------------------------------------------------
def sentence_problem(item: dict) -> str | None:
    """What is wrong with one sentence record, or None: the fields corpus/README.md describes."""
    if not isinstance(item, dict):
        return "not a JSON object"
    text, category = item.get("text"), item.get("category")
    if not isinstance(text, str) or len(text.split()) < 3:
        return "text must be a sentence of at least three words"
    if category not in KINDS:
        return f"category {category!r} is not one of {', '.join(KINDS)}"
    if item.get("kind") not in KINDS[category]:
        return f"kind {item.get('kind')!r} is not a kind of {category}"
    if item.get("voice") not in VOICES:
        return f"voice {item.get('voice')!r} is not one of {', '.join(VOICES)}"
    if not isinstance(item.get("subtle"), bool) or (item["subtle"] and category == "clean"):
        return "subtle must be true or false, and false on a clean sentence"
    also = item.get("also", [])
    if not isinstance(also, list) or any(a not in CATEGORIES or a == category for a in also) or (also and category == "clean"):
        return "also must list other defect categories (not kinds, not the sentence's own), and only on a defective sentence"
    return None


def sentences(split: str | None = None) -> list[dict]:
    """Every labelled sentence (dicts with text, category, kind, voice, subtle, section,
    labels: the set of defect categories, split)."""
    out = []
    for path in sorted((ROOT / "sentences").rglob("*.jsonl")):
        held = "heldout" in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            item = json.loads(line)
            item["where"] = f"{path.relative_to(ROOT)}:{n}"
            item["labels"] = set() if item["category"] == "clean" else {item["category"], *item.get("also", [])}
            item["split"] = "heldout" if held else split_of(item["text"])
            out.append(item)
    return [s for s in out if split is None or s["split"] == split]


# -- letters -----------------------------------------------------------------
@dataclass
class Unit:
    role: str
    start: int
    end: int


@dataclass
class Letter:
    id: str
    meta: dict
    text: str
    units: list[Unit] = field(default_factory=list)
    split: str = "train"

    @property
    def quality(self) -> str:
        return self.meta.get("quality", "")

    @property
    def layout(self) -> str:
        return self.meta.get("layout", "")

    @property
    def reason(self) -> str:
        return self.meta.get("reason", "")


def parse_letter(source: str, name: str = "<letter>") -> Letter:
    """A tagged letter file -> the letter as a seller pastes it, with labelled spans."""
    if not source.startswith("---\n"):
        raise ValueError(f"{name}: no front matter")
    head, body = source[4:].split("\n---\n", 1)
    meta = yaml.safe_load(head)
    text_parts: list[str] = []
    tags: list[tuple[int, str]] = []
    pos = 0
    length = 0
    for m in _TAG.finditer(body):
        piece = body[pos : m.start()]
        text_parts.append(piece)
        length += len(piece)
        tags.append((length, m.group(1)))
        pos = m.end()
    text_parts.append(body[pos:])
    text = "".join(text_parts)
    units = []
    for k, (start, code) in enumerate(tags):
        if code not in ROLE_CODES:
            raise ValueError(f"{name}: unknown tag [[{code}]]")
        end = tags[k + 1][0] if k + 1 < len(tags) else len(text)
        chunk = text[start:end]
        tail = _MARKER_TAIL.search(chunk)
        if tail and k + 1 < len(tags):
            chunk = chunk[: tail.start()]
        chunk = chunk.rstrip()
        if chunk.strip():
            units.append(Unit(ROLE_CODES[code], start, start + len(chunk)))
    return Letter(Path(name).stem, meta, text, units)


def gold_role(letter: Letter, start: int, end: int) -> str | None:
    """The labelled role of the text between ``start`` and ``end``: the unit it overlaps most."""
    best, most = None, 0
    for u in letter.units:
        overlap = min(end, u.end) - max(start, u.start)
        if overlap > most:
            best, most = u.role, overlap
    return best


def letters(split: str | None = None) -> list[Letter]:
    out = []
    for path in sorted((ROOT / "letters").rglob("*.txt")):
        letter = parse_letter(path.read_text(encoding="utf-8"), str(path))
        letter.split = "heldout" if "heldout" in path.parts else split_of(letter.text)
        out.append(letter)
    return [x for x in out if split is None or x.split == split]
