"""Amazon's notice: what a letter must answer.

``parse(text)`` reads the pasted text of a deactivation or policy-warning e-mail, or of an
Account Health entry, in English or in Seller Central's Chinese, and returns a
:class:`Notice`: the policy (as a reason code of ``rules/_lexicons/reasons.yaml``), ASINs,
order and complaint IDs, the rights owner and infringement type, dates, the metric with
its value and target, the documents asked for (with their time window) and any deadline.
Every word and pattern comes from ``rules/_lexicons/notices.yaml``. Whatever is not
recognised is listed in ``not_found``; a text in which nothing is recognised has
``parsed == False``, and linting goes on without it.

``attach(...)`` finds the notice for a draft: ``Source.notice`` (library callers),
``--notice FILE``, ``notice:`` in per-file config, or the sibling file
``draft.notice.txt`` beside ``draft.txt``. ``Checklist`` compares a letter with its
notice; the ``notice`` rule type reports what the letter leaves out.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

NOTICE_SUFFIXES = (".txt", ".md", ".markdown")
NOTICE_MARK = ".notice"
FIELDS = (
    "reason", "policy", "action", "asins", "order_ids", "complaint_ids", "rights_owner", "infringement",
    "dates", "notice_date", "metric", "documents", "deadline",
)


# -- the lexicon ---------------------------------------------------------------------------
@dataclass
class _Lexicon:
    data: dict
    asin: re.Pattern
    asin_isbn: re.Pattern
    order: re.Pattern
    complaint_label: re.Pattern
    complaint_id: re.Pattern
    actions: list[tuple[str, re.Pattern]]
    label_lines: re.Pattern
    policies: dict[str, list[tuple[re.Pattern, float]]]
    policy_names: dict[str, str]
    policy_names_zh: dict[str, str]
    metrics: list[dict]
    percent: re.Pattern
    target_cue: re.Pattern
    target_after: re.Pattern
    value_cue: re.Pattern
    metric_window: re.Pattern
    documents: dict[str, dict]
    provide_window: list[re.Pattern]
    refuse: re.Pattern
    rights_owner: list[re.Pattern]
    email: re.Pattern
    skip_emails: re.Pattern
    infringement_label: re.Pattern
    infringement_kinds: list[tuple[str, re.Pattern]]
    months: dict[str, int]
    dates: list[re.Pattern]
    dates_without_year: list[re.Pattern]
    date_label: re.Pattern
    deadline_days: list[re.Pattern]
    deadline_before: re.Pattern
    deadline_after: re.Pattern
    deadline_context: re.Pattern
    formats: dict[str, re.Pattern]
    chinese_share: float


def _re(pattern: str, flags: int = re.I) -> re.Pattern:
    return re.compile(pattern, flags)


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    from .ruleset import REASONS, load_lexicon

    d = load_lexicon("notices")
    ml = re.I | re.M
    policies, names = {}, {}
    for reason, spec in d["policies"].items():
        if reason not in REASONS:
            raise ValueError(f"notices.yaml: unknown reason {reason!r}")
        policies[reason] = [(_re(c["re"]), float(c.get("w", 1))) for c in spec["cues"]]
        names[reason] = spec["name"]
    metrics = [dict(m, pattern=_re(m["re"])) for m in d["metrics"]]
    documents = {
        kind: dict(spec, notice_re=_re(spec["notice"]), letter_re=_re(spec["letter"])) for kind, spec in d["documents"].items()
    }
    return _Lexicon(
        data=d,
        asin=re.compile(d["ids"]["asin"]),
        asin_isbn=re.compile(d["ids"]["asin_isbn"]),
        order=re.compile(d["ids"]["order"]),
        complaint_label=_re("|".join(d["ids"]["complaint"]["labels"])),
        complaint_id=re.compile(d["ids"]["complaint"]["id"]),
        actions=[(a["action"], _re(a["re"])) for a in d["actions"]],
        label_lines=_re(d["label_lines"], ml),
        policies=policies,
        policy_names=names,
        policy_names_zh={reason: spec.get("zh", spec["name"]) for reason, spec in d["policies"].items()},
        metrics=metrics,
        percent=re.compile(d["percent"]),
        target_cue=_re(d["target_cue"]),
        target_after=_re(d["target_after"]),
        value_cue=_re(d["value_cue"]),
        metric_window=_re(d["metric_window"]),
        documents=documents,
        provide_window=[_re(p) for p in d["provide_window"]],
        refuse=_re(d["refuse"]),
        rights_owner=[re.compile(p, re.M) for p in d["rights_owner"]],
        email=re.compile(d["email"]),
        skip_emails=_re(d["skip_emails"]),
        infringement_label=_re(d["infringement"]["label"]),
        infringement_kinds=[(k, _re(p)) for k, p in d["infringement"]["kinds"].items()],
        months={k.lower(): int(v) for k, v in d["months"].items()},
        dates=[_re(p) for p in d["dates"]],
        dates_without_year=[_re(p) for p in d["dates_without_year"]],
        date_label=_re(d["date_label"], ml),
        deadline_days=[_re(p) for p in d["deadline"]["days"]],
        deadline_before=_re(d["deadline"]["date"][0]),
        deadline_after=_re(d["deadline"]["date"][1]),
        deadline_context=_re(d["deadline"]["context"]),
        formats={k: _re(v, ml) for k, v in d["formats"].items()},
        chinese_share=float(d.get("chinese_share", 0.2)),
    )


# -- the parsed notice ---------------------------------------------------------------------
@dataclass
class Notice:
    text: str
    language: str = "en"  # "en" | "zh"
    format: str = "unknown"  # "email" | "account_health" | "unknown"
    reason: str | None = None
    policy: str | None = None
    action: str | None = None
    asins: list[str] = field(default_factory=list)
    order_ids: list[str] = field(default_factory=list)
    complaint_ids: list[str] = field(default_factory=list)
    rights_owner: dict | None = None  # {"name": ..., "email": ...}
    infringement: str | None = None
    dates: list[str] = field(default_factory=list)  # ISO dates, in order of appearance
    notice_date: str | None = None
    metric: dict | None = None  # {"name", "value", "target", "direction", "window_days"}
    documents: list[dict] = field(default_factory=list)  # [{"kind", "name", "window_days"}]
    deadline: dict | None = None  # {"days": n} or {"date": iso}, with "text"

    @property
    def not_found(self) -> list[str]:
        return [f for f in FIELDS if getattr(self, f) in (None, [], {})]

    @property
    def parsed(self) -> bool:
        """Whether anything a letter could be checked against was recognised."""
        return bool(self.reason or self.asins or self.order_ids or self.complaint_ids or self.metric or self.documents)

    def document(self, kind: str) -> dict | None:
        return next((d for d in self.documents if d["kind"] == kind), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "format": self.format,
            "reason": self.reason,
            "policy": self.policy,
            "action": self.action,
            "asins": list(self.asins),
            "order_ids": list(self.order_ids),
            "complaint_ids": list(self.complaint_ids),
            "rights_owner": dict(self.rights_owner) if self.rights_owner else None,
            "infringement": self.infringement,
            "dates": list(self.dates),
            "notice_date": self.notice_date,
            "metric": dict(self.metric) if self.metric else None,
            "documents": [dict(d) for d in self.documents],
            "deadline": dict(self.deadline) if self.deadline else None,
            "not_found": self.not_found,
        }


def _unique(items) -> list:
    return list(dict.fromkeys(items))


def _number(text: str) -> float | int:
    value = float(text)
    return int(value) if value.is_integer() else value


def _date(match: re.Match, lex: _Lexicon, year: int | None = None) -> str | None:
    g = match.groupdict()
    try:
        y = int(g["y"]) if g.get("y") else year
        if y is None:
            return None
        m = int(g["m"]) if g.get("m") else lex.months[g["mon"].lower().rstrip(".")]
        d = int(g["d"])
        if g.get("m") and m > 12 >= d:
            m, d = d, m  # 14/05/2026: day first, as British notices write it
        return _dt.date(y, m, d).isoformat()
    except (KeyError, ValueError, TypeError):
        return None


def find_dates(text: str, year: int | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, iso)`` for every date in ``text``; dates without a year take ``year``."""
    lex = lexicon()
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    patterns = [(p, None) for p in lex.dates] + ([(p, year) for p in lex.dates_without_year] if year else [])
    for pattern, y in patterns:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            iso = _date(m, lex, y)
            if iso:
                found.append((m.start(), m.end(), iso))
                taken.append((m.start(), m.end()))
    return sorted(found)


def normalise(text: str) -> str:
    """NFKC (full-width colons and digits to ASCII), one kind of line break."""
    text = unicodedata.normalize("NFKC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _sentences(text: str) -> list[str]:
    """Lines, split again at sentence ends (English and Chinese)."""
    out = []
    for line in text.split("\n"):
        out.extend(s for s in re.split(r"(?<=[.!?;])\s+|(?<=[。！？；])", line) if s.strip())
    return out


def _untable(text: str) -> str:
    """Pipe tables (Account Health) as ``Header: value`` lines, appended to the text, so
    that labelled fields are found in table cells too."""
    lines = text.split("\n")
    extra = []
    header = None
    for line in lines:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or "|" not in line:
            header = None
            continue
        if header is None or len(cells) != len(header):
            header = cells if not any(ch.isdigit() for ch in line) else None
            continue
        extra.extend(f"{h}: {c}" for h, c in zip(header, cells) if h and c)
    return text if not extra else text + "\n\n" + "\n".join(extra)


def parse(text: str) -> Notice:
    lex = lexicon()
    text = _untable(normalise(text))
    notice = Notice(text=text)
    letters = [ch for ch in text if ch.isalpha()]
    cjk = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    notice.language = "zh" if letters and cjk / len(letters) >= lex.chinese_share else "en"
    scores = {k: len(p.findall(text)) for k, p in lex.formats.items()}
    if any(scores.values()):
        notice.format = max(scores, key=lambda k: (scores[k], k == "account_health"))
    notice.action = next((name for name, p in lex.actions if p.search(text)), None)
    asins = sorted([(m.start(1), m.group(1)) for m in lex.asin.finditer(text)] + [(m.start(1), m.group(1)) for m in lex.asin_isbn.finditer(text)])
    notice.asins = _unique(a for _, a in asins)
    notice.order_ids = _unique(lex.order.findall(text))
    notice.complaint_ids = [c for c in _complaint_ids(text, lex) if c not in notice.asins]
    notice.metric = _metric(text, lex)
    notice.reason = _reason(text, lex, notice.metric)
    if notice.reason:
        notice.policy = notice.metric["name"] if notice.metric else lex.policy_names[notice.reason]
    notice.infringement = _infringement(text, lex)
    notice.rights_owner = _rights_owner(text, lex)
    dates = find_dates(text)
    notice.dates = _unique(iso for _, _, iso in dates)
    notice.notice_date = _notice_date(text, lex)
    notice.deadline = _deadline(text, lex)
    notice.documents = _documents(text, lex)
    return notice


def _complaint_ids(text: str, lex: _Lexicon) -> list[str]:
    out = []
    lines = text.split("\n")
    for i, line in enumerate(lines):
        m = lex.complaint_label.search(line)
        if not m:
            continue
        found = lex.complaint_id.findall(line[m.end() :])
        if found:
            out.extend(found)
            continue
        # a label on its own line (a heading or a table header): the IDs follow below
        for below in lines[i + 1 :]:
            if not below.strip():
                if found:
                    break
                continue
            ids = lex.complaint_id.findall(lex.order.sub(" ", below))
            if not ids:
                break
            found.extend(ids[:1] if "|" in below else ids)
        out.extend(found)
    orders = set(lex.order.findall(text))
    return _unique(i for i in out if i not in orders)


def _reason(text: str, lex: _Lexicon, metric: dict | None) -> str | None:
    if metric:
        return metric["reason"]
    labelled = "\n".join(line for line in text.split("\n") if lex.label_lines.search(line))
    scores = {}
    for reason, cues in lex.policies.items():
        scores[reason] = sum(w * (len(p.findall(text)) + 2 * len(p.findall(labelled))) for p, w in cues)
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None


def _metric(text: str, lex: _Lexicon) -> dict | None:
    """The first metric named with a percentage: the value is the first percentage after
    the name that is not a target; the target is the one a target cue marks. Both are
    looked for in the rest of the name's paragraph (Account Health puts them on lines of
    their own)."""
    mentions = sorted(((m, spec) for spec in lex.metrics for m in spec["pattern"].finditer(text)), key=lambda ms: ms[0].start())
    for mention, spec in mentions:
        para_end = text.find("\n\n", mention.end())
        scope_end = min(len(text) if para_end < 0 else para_end, mention.end() + lex.data.get("metric_reach", 320))
        scope = text[mention.start() : scope_end]
        value = target = None
        for p in lex.percent.finditer(scope):
            before = scope[max(0, p.start() - 40) : p.start()]
            after = scope[p.end() : p.end() + 12]
            number = _number(p.group(1))
            is_target = (lex.target_cue.search(before) or lex.target_after.search(after)) and not lex.value_cue.search(before[-14:])
            if is_target:
                target = number if target is None else target
            elif value is None:
                value = number
        if value is None and target is None:
            continue
        w = lex.metric_window.search(scope)
        window = int(next(g for g in w.groups() if g)) if w else None
        return {"name": spec["name"], "reason": spec["reason"], "value": value, "target": target,
                "direction": spec.get("direction", "below"), "window_days": window}
    return None


def _infringement(text: str, lex: _Lexicon) -> str | None:
    label = lex.infringement_label.search(text)
    scope = label.group(1) if label else text
    for kind, pattern in lex.infringement_kinds:
        if pattern.search(scope):
            return kind
    return None


def _rights_owner(text: str, lex: _Lexicon) -> dict | None:
    name = None
    for pattern in lex.rights_owner:
        m = pattern.search(text)
        if m:
            name = m.group(1).strip(" ,;:")
            name = lex.email.sub("", name).strip(" ()<>,;:")
            break
    email = next((e for e in lex.email.findall(text) if not lex.skip_emails.search(e)), None)
    if name and email and email in name:
        name = name.replace(email, "").strip(" ()<>,;:")
    if not name and not email:
        return None
    return {"name": name or None, "email": email}


def _notice_date(text: str, lex: _Lexicon) -> str | None:
    for m in lex.date_label.finditer(text):
        line_end = text.find("\n", m.end())
        line = text[m.end() : line_end if line_end >= 0 else len(text)]
        dates = find_dates(line)
        if dates:
            return dates[0][2]
    return None


def _deadline(text: str, lex: _Lexicon) -> dict | None:
    for sentence in _sentences(text):
        if not lex.deadline_context.search(sentence):
            continue
        for p in lex.deadline_days:
            m = p.search(sentence)
            if m:
                days = next(g for g in m.groups() if g)
                return {"days": int(days), "text": m.group(0).strip()}
        for start, end, iso in find_dates(sentence):
            if lex.deadline_before.search(sentence[max(0, start - 30) : start]) or lex.deadline_after.search(sentence[end : end + 6]):
                return {"date": iso, "text": sentence[max(0, start - 12) : end].strip()}
    return None


def _documents(text: str, lex: _Lexicon) -> list[dict]:
    out = []
    sentences = _sentences(text)
    for kind, spec in lex.documents.items():
        where = [s for s in sentences if spec["notice_re"].search(s)]
        if not where:
            continue
        window = None
        for pattern in lex.provide_window if spec.get("windowed") else ():
            w = next((m for s in where if (m := pattern.search(s))), None)
            if w:
                window = int(next(g for g in w.groups() if g))
                break
        out.append({"kind": kind, "name": spec["name"], "window_days": window})
    return out


# -- finding the notice for a draft ---------------------------------------------------------
def is_notice_path(path: str) -> bool:
    """``draft.notice.txt`` (or ``.md``): a notice, not a draft."""
    name = os.path.basename(path).lower()
    stem, ext = os.path.splitext(name)
    return ext in NOTICE_SUFFIXES and stem.endswith(NOTICE_MARK)


def sibling_notice(path: str) -> str | None:
    """``draft.notice.txt`` / ``.md`` beside ``draft.txt`` or ``draft.md``, if it exists."""
    if not path or path == "-" or path.startswith("<") or is_notice_path(path):
        return None
    stem = os.path.splitext(path)[0]
    for ext in NOTICE_SUFFIXES:
        candidate = stem + NOTICE_MARK + ext
        if os.path.isfile(candidate):
            return candidate
    return None


def draft_for_notice(path: str) -> str | None:
    """The draft a notice file belongs to, if it exists."""
    stem = os.path.splitext(path)[0][: -len(NOTICE_MARK)]
    for ext in NOTICE_SUFFIXES:
        if os.path.isfile(stem + ext):
            return stem + ext
    return None


def draft_paths(paths: list[str]) -> tuple[list[str], list[str]]:
    """Notice files in a list of drafts are replaced by their drafts (so that a changed
    notice re-checks its draft, as pre-commit passes only changed files); notices without
    a draft are returned apart."""
    out, orphans = [], []
    for path in paths:
        if path != "-" and is_notice_path(path):
            draft = draft_for_notice(path)
            if draft:
                out.append(draft)
            else:
                orphans.append(path)
        else:
            out.append(path)
    return _unique(out), orphans


@dataclass
class Attached:
    """The notice a draft is checked against, and where it came from."""

    path: str
    origin: str  # "option" | "config" | "sibling" | "text"
    notice: Notice | None
    warning: str | None = None

    @property
    def usable(self) -> Notice | None:
        return self.notice if self.notice is not None and self.notice.parsed else None


def read_notice(path: str) -> tuple[Notice | None, str | None]:
    """Parse a notice file; a problem is a one-line warning, never an exception."""
    from .errors import InputError
    from .source import read_path

    try:
        source = read_path(path)
    except InputError as exc:
        return None, f"notice {exc.message}"
    notice = parse(source.text)
    if not notice.parsed:
        return notice, f"notice {path}: no policy, ASIN, order, complaint, metric or document recognised; linting without it"
    return notice, None


_FILE_CACHE: dict[str, tuple[float, int, Notice | None, str | None]] = {}


def _cached_read(path: str) -> tuple[Notice | None, str | None]:
    try:
        st = os.stat(path)
        key = (st.st_mtime, st.st_size)
    except OSError:
        key = None
    hit = _FILE_CACHE.get(path)
    if key is not None and hit is not None and hit[:2] == key:
        return hit[2], hit[3]
    notice, warning = read_notice(path)
    if key is not None:
        _FILE_CACHE[path] = (*key, notice, warning)
    return notice, warning


def attach(source, settings, per_file) -> Attached | None:
    """The notice for one draft: given with the source, ``--notice``, per-file config,
    or the sibling file, in that order."""
    text = getattr(source, "notice", None)
    if text is not None:
        notice = parse(text)
        warning = None if notice.parsed else "notice: no policy, ASIN, order, complaint, metric or document recognised; linting without it"
        return Attached("<notice>", "text", notice, warning)
    candidates = []
    if getattr(settings, "notice", None):
        candidates.append((settings.notice, "option"))
    for p in per_file:
        if getattr(p, "notice", None):
            candidates.append((p.notice, "config"))
    if candidates:
        path, origin = candidates[0]
    else:
        path = sibling_notice(source.path)
        if path is None:
            return None
        origin = "sibling"
    notice, warning = _cached_read(path)
    return Attached(path, origin, notice, warning)


def reason_of(attached: Attached | None) -> str | None:
    notice = attached.usable if attached else None
    return notice.reason if notice else None


# -- the letter against its notice ----------------------------------------------------------
@dataclass
class Item:
    kind: str  # "policy" | "asin" | "order" | "complaint" | "rights_owner" | "document" | "figure"
    label: str
    covered: bool
    detail: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "item": self.label, "covered": self.covered, **self.detail}


class Checklist:
    """What the notice asks for, and whether the letter covers each item. Built once per
    draft and shared by the ``notice`` rules and the report."""

    def __init__(self, notice: Notice, letter: str):
        self.notice = notice
        self.letter = letter
        self._items: list[Item] | None = None
        self._figures: list[dict] = []
        self._old_invoices: list[dict] = []

    @property
    def items(self) -> list[Item]:
        if self._items is None:
            self._items = self._build()
        return self._items

    @property
    def figures(self) -> list[dict]:
        """Figures in the letter that contradict the notice: ``{"what", "start", "end",
        "letter", "notice"}`` with ``what`` one of value, target, window, date."""
        self.items
        return self._figures

    @property
    def old_invoices(self) -> list[dict]:
        """Invoice dates in the letter older than the notice's window."""
        self.items
        return self._old_invoices

    def missing(self, kind: str) -> list[Item]:
        return [i for i in self.items if i.kind == kind and not i.covered]

    def _build(self) -> list[Item]:
        from .reasons import scores

        n, text, lex = self.notice, self.letter, lexicon()
        items: list[Item] = []
        if n.reason and n.reason != "other":
            found = scores(text)
            own = found.get(n.reason, 0)
            related = {r for pair in lex.data.get("related_reasons", []) if n.reason in pair for r in pair}
            other = max((r for r in found if r != n.reason and r not in related), key=found.get, default=None)
            mismatch = other is not None and found[other] >= lex.data.get("mismatch_score", 6) and found[other] > 2 * own
            items.append(Item("policy", n.policy or n.reason, own > 0 and not mismatch,
                              {"reason": n.reason, "letter_reason": other if mismatch else n.reason}))
        upper = text.upper()
        for asin in n.asins:
            items.append(Item("asin", asin, asin in upper))
        digits = re.sub(r"\D", "", text)
        for order in n.order_ids:
            items.append(Item("order", order, order in text or order.replace("-", "") in digits))
        for cid in n.complaint_ids:
            items.append(Item("complaint", cid, cid in text))
        owner = (n.rights_owner or {}).get("name")
        if owner:
            items.append(Item("rights_owner", owner, _names_owner(owner, text)))
        sentences = _sentences(text)
        self._old_invoices = _old_invoices(n, text)
        for doc in n.documents:
            spec = lex.documents[doc["kind"]]
            said = [s for s in sentences if spec["letter_re"].search(s) and not lex.refuse.search(s)]
            detail = {"document": doc["kind"], "window_days": doc["window_days"]}
            old = [o["date"] for o in self._old_invoices] if doc["kind"] == "invoices" else []
            if said and old:
                detail["outside_window"] = old  # provided, but dated before the window
            items.append(Item("document", doc["name"], bool(said) and not old, detail))
        self._figures = _contradictions(n, text)
        if n.metric and (n.metric.get("value") is not None or n.metric.get("target") is not None):
            wrong = [f for f in self._figures if f["what"] in ("value", "target", "window")]
            items.append(Item("figure", n.metric["name"], not wrong))
        if n.notice_date:
            wrong = [f for f in self._figures if f["what"] == "date"]
            if wrong:
                items.append(Item("figure", "notice date", False))
        return items

    def to_list(self) -> list[dict]:
        return [i.to_dict() for i in self.items]


def _names_owner(owner: str, text: str) -> bool:
    """The letter names the rights owner: the whole name, every distinctive word of it
    ("Nordlicht Outdoor" for "Nordlicht Outdoor GmbH"), or its first distinctive word
    written as a name ("Nordlicht", but not "studio" for "Studio Kirin")."""
    if owner.lower() in text.lower():
        return True
    generic = set(lexicon().data.get("company_suffixes", []))
    words = [w for w in re.findall(r"[\w&'-]+", owner) if w.lower().rstrip(".") not in generic and len(w) > 2]
    if not words:
        return False
    if all(re.search(r"\b" + re.escape(w) + r"\b", text, re.I) for w in words):
        return True
    return words[0][:1].isupper() and re.search(r"\b" + re.escape(words[0]) + r"\b", text) is not None


@lru_cache(maxsize=1)
def _letter_patterns() -> dict:
    spec = lexicon().data["letter"]
    return {k: (v if isinstance(v, int) else _re(v)) for k, v in spec.items()}


def _same_figure(written: str, value: float) -> bool:
    """The letter's figure is the notice's, perhaps rounded: 88% or 88.1% for 88.1%, 1.9% for 1.87%."""
    decimals = len(written.partition(".")[2])
    return abs(float(written) - round(value, decimals)) < 10 ** -(decimals + 3)


def _contradictions(n: Notice, text: str) -> list[dict]:
    """Figures in the letter that differ from the notice's: the rate, the target, the
    metric's window and the date of the notice."""
    lex, pat = lexicon(), _letter_patterns()
    out: list[dict] = []
    m = n.metric
    if m:
        spec = next(s for s in lex.metrics if s["name"] == m["name"])
        for sentence_start, sentence in _letter_sentences(text):
            mention = spec["pattern"].search(sentence)
            if not mention:
                continue
            for p in lex.percent.finditer(sentence):
                if p.start() < mention.start():
                    continue
                before = sentence[max(0, p.start() - 40) : p.start()]
                after = sentence[p.end() : p.end() + 16]
                start, end = sentence_start + p.start(), sentence_start + p.end()
                if pat["target_before"].search(before) or pat["target_after"].search(after):
                    if m.get("target") is not None and not _same_figure(p.group(1), m["target"]):
                        out.append({"what": "target", "start": start, "end": end, "letter": f"{p.group(1)}%", "notice": f"{m['target']}%"})
                elif lex.target_cue.search(before):
                    continue  # "under 2%": the seller's own goal, not a statement of the notice
                elif (m.get("value") is not None and not _same_figure(p.group(1), m["value"]) and pat["value_before"].search(before[-30:])
                      and p.start() - mention.end() < pat["value_reach"]):
                    out.append({"what": "value", "start": start, "end": end, "letter": f"{p.group(1)}%", "notice": f"{m['value']}%"})
            if m.get("window_days"):
                w = pat["window"].search(sentence)
                if w:
                    days = int(next(g for g in w.groups() if g))
                    if days != m["window_days"] and days != 365:
                        start = sentence_start + w.start()
                        out.append({"what": "window", "start": start, "end": sentence_start + w.end(), "letter": f"{days} days", "notice": f"{m['window_days']} days"})
    if n.notice_date:
        year = int(n.notice_date[:4])
        for start, end, iso in find_dates(text, year):
            if iso != n.notice_date and pat["notice_ref"].search(text[max(0, start - 60) : start]):
                out.append({"what": "date", "start": start, "end": end, "letter": iso, "notice": n.notice_date})
    return out


def _letter_sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for piece in re.split(r"(?<=[.!?])\s+|\n", text):
        start = text.find(piece, pos)
        if piece.strip():
            out.append((start, piece))
        pos = start + len(piece)
    return out


def _old_invoices(n: Notice, text: str) -> list[dict]:
    """Invoice dates in the letter older than the window the notice asks for."""
    lex = lexicon()
    doc = n.document("invoices")
    if not doc or not doc.get("window_days"):
        return []
    ref = _dt.date.fromisoformat(n.notice_date) if n.notice_date else _latest(n) or _dt.date.today()
    earliest = ref - _dt.timedelta(days=doc["window_days"])
    invoice = lex.documents["invoices"]["letter_re"]
    pat = _letter_patterns()
    out = []
    for sentence_start, sentence in _letter_sentences(text):
        mentions = [(i.start(), i.end()) for i in invoice.finditer(sentence)]
        if not mentions:
            continue

        def near(start: int, end: int) -> bool:  # "invoice ... dated March 3" or "the March 3 invoice"
            return any(0 <= start - b <= pat["invoice_reach"] or 0 <= a - end <= pat["invoice_reach_before"] for a, b in mentions)

        for start, end, iso in find_dates(sentence, ref.year):
            day = _dt.date.fromisoformat(iso)
            if day < earliest and near(start, end):
                out.append({"start": sentence_start + start, "end": sentence_start + end, "date": iso, "earliest": earliest.isoformat(), "days": doc["window_days"]})
        for y in pat["invoice_year"].finditer(sentence):
            if int(y.group(1)) < earliest.year and near(y.start(1), y.end(1)):
                out.append({"start": sentence_start + y.start(1), "end": sentence_start + y.end(1), "date": y.group(1), "earliest": earliest.isoformat(), "days": doc["window_days"]})
    return out


def _latest(n: Notice) -> _dt.date | None:
    return max((_dt.date.fromisoformat(d) for d in n.dates), default=None)


# -- the report's notice object -------------------------------------------------------------
def summary(attached: Attached | None, checklist: Checklist | None) -> dict | None:
    """The ``notice`` object of the JSON file report."""
    if attached is None:
        return None
    out: dict[str, Any] = {"path": attached.path, "source": attached.origin, "parsed": bool(attached.usable), "warning": attached.warning}
    if attached.notice is not None:
        out.update(attached.notice.to_dict())
    out["checklist"] = checklist.to_list() if checklist is not None else []
    return out


CHECK_WORDS = {
    "en": {
        "head": "notice {path}: {what}",
        "deadline_days": "respond within {days} days",
        "deadline_date": "respond by {date}",
        "policy": "answers the policy: {label}",
        "asin": "ASIN {label}",
        "order": "order {label}",
        "complaint": "complaint {label}",
        "rights_owner": "names the rights owner: {label}",
        "document": "{label}",
        "document_window": "{label} (last {days} days)",
        "figure": "no figure contradicts the notice: {label}",
        "group": "{what}: {covered} of {total} named in the letter",
        "missing": " (missing: {items})",
        "kinds": {"asin": "ASINs", "order": "order IDs", "complaint": "complaint IDs"},
        "unparsed": "notice {path}: nothing recognised; not used",
        "sep": "; ",
    },
    "zh": {
        "head": "通知 {path}：{what}",
        "deadline_days": "须在 {days} 天内回复",
        "deadline_date": "须在 {date} 前回复",
        "policy": "针对通知的政策：{label}",
        "asin": "ASIN {label}",
        "order": "订单 {label}",
        "complaint": "投诉 {label}",
        "rights_owner": "提到权利所有人：{label}",
        "document": "{label}",
        "document_window": "{label}（过去 {days} 天）",
        "figure": "没有与通知矛盾的数字：{label}",
        "group": "{what}：信中提到 {covered}/{total}",
        "missing": "（缺少：{items}）",
        "kinds": {"asin": "ASIN", "order": "订单号", "complaint": "投诉 ID"},
        "unparsed": "通知 {path}：无法识别任何内容，未使用",
        "sep": "；",
    },
}


def describe(notice: Notice) -> list[tuple[str, str]]:
    """``(field, text)`` lines for ``appeal-lint notice FILE``."""
    out = []
    d = notice.to_dict()
    for key in ("language", "format", "reason", "policy", "action"):
        if d[key]:
            out.append((key, str(d[key])))
    for key in ("asins", "order_ids", "complaint_ids", "dates"):
        if d[key]:
            out.append((key, ", ".join(d[key])))
    if notice.notice_date:
        out.append(("notice_date", notice.notice_date))
    if notice.rights_owner:
        out.append(("rights_owner", " ".join(v for v in (notice.rights_owner["name"], notice.rights_owner["email"] and f"<{notice.rights_owner['email']}>") if v)))
    if notice.infringement:
        out.append(("infringement", notice.infringement))
    if notice.metric:
        m = notice.metric
        text = m["name"] + (f" {m['value']}%" if m["value"] is not None else "")
        if m["target"] is not None:
            text += f", target {'above' if m['direction'] == 'above' else 'under'} {m['target']}%"
        if m["window_days"]:
            text += f", {m['window_days']} days"
        out.append(("metric", text))
    if notice.documents:
        out.append(("documents", ", ".join(doc["name"] + (f" (last {doc['window_days']} days)" if doc["window_days"] else "") for doc in notice.documents)))
    if notice.deadline:
        out.append(("deadline", notice.deadline.get("date") or f"{notice.deadline['days']} days"))
    if notice.not_found:
        out.append(("not found", ", ".join(notice.not_found)))
    return out


def checklist_lines(notice: dict | None, lang: str = "en", limit: int = 6) -> list[tuple[bool | None, str]]:
    """The short checklist the text output prints: ``(covered, line)``; ``None`` marks the
    header. Long ID lists become one line with what is missing."""
    if not notice:
        return []
    words = CHECK_WORDS.get(lang, CHECK_WORDS["en"])
    if not notice.get("parsed"):
        return [(None, words["unparsed"].format(path=notice["path"]))]
    policy = notice.get("policy") or notice.get("reason") or "?"
    if lang == "zh" and notice.get("reason") and not notice.get("metric"):
        policy = lexicon().policy_names_zh.get(notice["reason"], policy)
    what = [policy]
    m = notice.get("metric")
    if m and m.get("value") is not None:
        what.append(f"{m['value']}%" + (f" / {m['target']}%" if m.get("target") is not None else ""))
    d = notice.get("deadline")
    if d:
        what.append(words["deadline_days"].format(days=d["days"]) if "days" in d else words["deadline_date"].format(date=d["date"]))
    lines: list[tuple[bool | None, str]] = [(None, words["head"].format(path=notice["path"], what=words["sep"].join(what)))]
    items = notice.get("checklist", [])
    lex = lexicon()
    for item in items:
        kind, label = item["kind"], item["item"]
        if kind in ("asin", "order", "complaint"):
            continue
        if lang == "zh" and kind == "document":
            label = lex.documents[item["document"]].get("zh", label)
        elif lang == "zh" and kind == "policy" and not notice.get("metric"):
            label = lex.policy_names_zh.get(item["reason"], label)
        if kind == "document" and item.get("window_days"):
            label = words["document_window"].format(label=label, days=item["window_days"])
        else:
            label = words[kind].format(label=label)
        lines.append((item["covered"], label))
    for kind in ("asin", "order", "complaint"):
        group = [i for i in items if i["kind"] == kind]
        if not group:
            continue
        if len(group) <= 3:
            lines.extend((i["covered"], words[kind].format(label=i["item"])) for i in group)
            continue
        missing = [i["item"] for i in group if not i["covered"]]
        line = words["group"].format(what=words["kinds"][kind], covered=len(group) - len(missing), total=len(group))
        if missing:
            shown = ", ".join(missing[:limit]) + (", ..." if len(missing) > limit else "")
            line += words["missing"].format(items=shown)
        lines.append((not missing, line))
    return lines
