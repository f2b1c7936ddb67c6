"""``type: notice`` — the letter checked against Amazon's notice (``--notice FILE``,
per-file ``notice:`` or the sibling ``draft.notice.txt``). Without a notice these rules
report nothing.

    check: ids            # with kind: asin | order | complaint — named in the notice, not in the letter
    check: policy         # the letter is about another policy than the notice's
    check: policy-named   # the letter never names the notice's policy
    check: figures        # with kind: metric | date — a rate, target, window or date that differs
    check: documents      # a document the notice asks for that the letter does not provide
    check: invoice-window # an invoice date older than the window the notice asks for
    check: rights-owner   # the notice names a rights owner; the letter does not
    max_listed: 5         # ids: how many missing ones the message lists

Facts come from :class:`appeal_lint.notice.Checklist`, built once per draft.
"""

from __future__ import annotations

from typing import Iterable

from .base import Context, Hit

CHECKS = ("ids", "policy", "policy-named", "figures", "documents", "invoice-window", "rights-owner")
KINDS = {"ids": ("asin", "order", "complaint"), "figures": ("metric", "date")}
METRIC_FIGURES = {"value": ("{metric}", "{metric}"), "target": ("{metric} target", "{metric}目标"), "window": ("{metric} window", "{metric}统计期"),
                  "date": ("date of the notice", "通知日期")}


class NoticeRunner:
    def __init__(self, rule, check, kind, max_listed):
        self.rule, self.check, self.kind, self.max_listed = rule, check, kind, max_listed

    def run(self, ctx: Context, matches) -> Iterable[Hit]:
        checklist = getattr(ctx, "checklist", None)
        if checklist is None:
            return
        yield from getattr(self, "_" + self.check.replace("-", "_"))(ctx, checklist)

    def _letter(self, ctx: Context, values: dict) -> Hit:
        start, end = ctx.letter_anchor()
        return Hit(start, end, {"text": ctx.text[start:end], **values}, letter=True)

    def _ids(self, ctx, checklist):
        missing = checklist.missing(self.kind)
        if missing:
            names = [i.label for i in missing]
            shown = ", ".join(names[: self.max_listed]) + (f" and {len(names) - self.max_listed} more" if len(names) > self.max_listed else "")
            total = sum(1 for i in checklist.items if i.kind == self.kind)
            yield self._letter(ctx, {"items": shown, "count": len(names), "total": total, "first": names[0]})

    def _policy(self, ctx, checklist):
        from ..reasons import names

        for item in checklist.missing("policy"):
            other = item.detail.get("letter_reason")
            if other and other != item.detail.get("reason"):
                yield self._letter(ctx, {"policy": item.label, "other": names().get(other, other)})

    def _policy_named(self, ctx, checklist):
        for item in checklist.missing("policy"):
            if item.detail.get("letter_reason") == item.detail.get("reason"):
                yield self._letter(ctx, {"policy": item.label})

    def _figures(self, ctx, checklist):
        wanted = ("date",) if self.kind == "date" else ("value", "target", "window")
        metric = (checklist.notice.metric or {}).get("name", "")
        for f in checklist.figures:
            if f["what"] in wanted:
                en, zh = METRIC_FIGURES[f["what"]]
                yield Hit(f["start"], f["end"], {"what": en.format(metric=metric), "what_zh": zh.format(metric=metric),
                                                 "letter": f["letter"], "notice": f["notice"]})

    def _documents(self, ctx, checklist):
        from ..notice import lexicon

        docs = lexicon().documents
        # invoices given but dated before the window are invoice-window's finding
        missing = [i for i in checklist.missing("document") if not i.detail.get("outside_window")]
        if not missing:
            return
        en, zh = [], []
        for item in missing:
            window = item.detail.get("window_days")
            en.append(item.label + (f" from the last {window} days" if window else ""))
            zh.append(docs[item.detail["document"]]["zh"] + (f"（过去 {window} 天内）" if window else ""))
        listed = en[0] if len(en) == 1 else ", ".join(en[:-1]) + " and " + en[-1]
        yield self._letter(ctx, {"documents": listed, "documents_zh": "、".join(zh), "first": en[0]})

    def _invoice_window(self, ctx, checklist):
        for f in checklist.old_invoices:
            yield Hit(f["start"], f["end"], {"date": f["date"], "days": f["days"], "earliest": f["earliest"]})

    def _rights_owner(self, ctx, checklist):
        for item in checklist.missing("rights_owner"):
            yield self._letter(ctx, {"owner": item.label})


def compile(rule, bank, nlp):
    check = rule.options["check"]
    if check not in CHECKS:
        raise rule.error(f"check must be one of {', '.join(CHECKS)}", "check")
    kind = rule.options.get("kind")
    if check in KINDS:
        if kind not in KINDS[check]:
            raise rule.error(f"check {check} needs kind: one of {', '.join(KINDS[check])}", "kind" if kind else "check")
    elif kind is not None:
        raise rule.error(f"check {check} takes no kind", "kind")
    max_listed = rule.options.get("max_listed", 5)
    if not isinstance(max_listed, int) or max_listed < 1:
        raise rule.error("max_listed must be a whole number of at least 1", "max_listed")
    return NoticeRunner(rule, check, kind, max_listed)
