"""The linting engine: drafts in, a Report out.

    read -> Draft (blocks) -> spaCy Docs (one nlp.pipe over every block of every
    draft) -> roles -> analyzers (compiled once) -> hits -> findings -> grade

One :class:`Engine` loads the pipeline and compiles the rules once, then lints any
number of drafts.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator

from . import reasons as reasons_mod
from . import roles as roles_mod
from .analyzers import module_for
from .analyzers.base import Context, Hit, Match
from .draft import Draft
from .errors import AppealLintError, InputError
from .grading import grade
from .limits import Deadline, SizedCache, collapse_punctuation, too_complex
from .model import Finding, FileReport, Report, RoleSpan
from .ruleset import Rule, load_rules
from .settings import Settings, rule_enabled, selector_matches, severity_for
from .config import matches_files
from .source import Source
from .suppress import comment_spans, parse_inline

DOC_CACHE_CHARS = 100_000  # paragraph text held parsed (cache_docs; limits.SizedCache): 20-50 MB of Docs
LETTER_TYPES = ("section", "metric", "require")  # hits that belong to the letter, not to a role


_FIELD = re.compile(r"\{\{|\}\}|\{(\w+)\}")


def render(template: str, values: dict) -> str:
    """``{name}`` replaced by its value, names only: no attribute access, indexing or
    format specs (``{text.__class__}``, ``{text:>50000000}`` stay as written). ``{{``
    and ``}}`` are braces; an unknown name stays as written."""

    def field(m: re.Match) -> str:
        name = m.group(1)
        if name is None:
            return m.group()[0]
        return str(values[name]) if name in values else m.group()

    return _FIELD.sub(field, template)


# What spaCy parses: line breaks become spaces and full-width (Chinese input method)
# punctuation becomes its ASCII twin, one character for one so that offsets stay exact.
# "lied，and" is otherwise one token, and the parse around it is lost.
_PARSE_MAP = str.maketrans({
    "\r": " ", "\n": " ", "\uff0c": ",", "\u3002": ".", "\uff1a": ":", "\uff1b": ";", "\uff01": "!", "\uff1f": "?",
    "\uff08": "(", "\uff09": ")", "\u3001": ",", "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\uff0e": ".",
})


def _parse_text(block) -> str:
    """The block's words as spaCy should see them (same length as the block's content);
    punctuation runs are cut (:mod:`appeal_lint.limits`)."""
    return collapse_punctuation(block.content.translate(_PARSE_MAP))


class Engine:
    def __init__(self, settings: Settings | None = None, rules: list[Rule] | None = None):
        self.settings = settings or Settings()
        all_rules = rules if rules is not None else load_rules(self.settings.rule_dirs)
        self.all_rules = all_rules
        self.rules = [r for r in all_rules if rule_enabled(r, self.settings)]
        self._by_id = {r.id: r for r in self.rules}
        self._nlp = None
        self._runners = None
        self._bank = None
        self._cache = SizedCache(DOC_CACHE_CHARS)  # paragraph text -> Doc
        self._analysis = SizedCache(DOC_CACHE_CHARS)  # paragraph text -> (matches, tenses)
        self._deadline = None  # of the draft being linted (limits.Deadline)

    # -- set-up -------------------------------------------------------------
    @property
    def nlp(self):
        if self._nlp is None:
            from . import nlp as nlp_mod

            need_ner = any("ENT_TYPE" in repr(r.options.get("patterns", "")) for r in self.rules)
            self._nlp = nlp_mod.load(self.settings.pipeline, need_ner=need_ner, max_length=self.settings.max_bytes * 2 or 2**40)  # --max-bytes 0: no limit here either
        return self._nlp

    def compile(self):
        if self._runners is None:
            from .analyzers.bank import MatchBank

            # Rule types that need no spaCy (grammar) are compiled first, so that their
            # backend starts loading on its own thread while spaCy loads here.
            early = {}
            for rule in self.rules:
                if rule.type == "grammar":
                    runner = module_for(rule.type).compile(rule, None, None)
                    runner.warm_up(self.settings)
                    early[rule.id] = runner
            bank = MatchBank(self.nlp)
            runners = []
            for rule in self.rules:
                runner = early.get(rule.id) or module_for(rule.type).compile(rule, bank, self.nlp)
                runners.append((rule, runner))
            self._bank, self._runners = bank, runners
        return self._runners

    # -- parsing ------------------------------------------------------------
    def _docs(self, texts: list[str]) -> Iterator:
        if not self.settings.cache_docs:
            # A stream: each draft's Docs are dropped once it is linted, so a batch
            # holds about one spaCy batch of Docs at a time, not every paragraph's.
            return self.nlp.pipe(texts, batch_size=128)
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        for text, doc in zip(missing, self.nlp.pipe(missing, batch_size=128)):
            self._cache[text] = doc
        out = []
        for t in texts:
            self._cache.move_to_end(t)
            out.append(self._cache[t])
        self._cache.trim(keep=len(set(texts)))  # the draft being linted stays
        return iter(out)

    # -- linting ------------------------------------------------------------
    def lint_sources(self, sources: Iterable[Source | InputError]) -> Report:
        """Lint decoded drafts; InputErrors in the list become error entries."""
        items = list(sources)
        runners = self.compile()
        for s in self.settings.suppressions:
            s.used = 0
        drafts = [Draft(s.text) if isinstance(s, Source) else None for s in items]
        for i, draft in enumerate(drafts):  # the budget (limits.py): a book is not a letter
            if draft is not None and (problem := too_complex(items[i].path, draft)):
                items[i], drafts[i] = problem, None
        background = [(s.path, s.text) for s in items if isinstance(s, Source)]
        for _, runner in runners:
            if hasattr(runner, "start"):
                runner.start(background, self.settings)  # e.g. grammar, on its own thread
        stopped: set[int] = set()  # drafts out of time: their blocks are no longer parsed

        def texts():
            for i, draft in enumerate(drafts):
                for block in draft.blocks if draft else ():
                    yield "" if i in stopped else _parse_text(block)

        docs = self._docs(list(texts()) if self.settings.cache_docs else texts())
        report = Report()
        for i, (source, draft) in enumerate(zip(items, drafts)):
            if draft is None:
                report.files.append(FileReport(path=_error_path(source), error={"code": source.code, "message": source.message}))
                continue
            self._deadline = deadline = Deadline(source.path)
            try:
                block_docs = []
                for n in range(len(draft.blocks)):
                    block_docs.append(next(docs))
                    if deadline.passed():
                        stopped.add(i)
                        for _ in range(len(draft.blocks) - n - 1):
                            next(docs)
                        raise deadline.error()
                report.files.append(self._lint_draft(source, draft, block_docs, runners))
            except InputError as exc:  # out of time: this draft fails, the others go on
                report.files.append(FileReport(path=source.path, error={"code": exc.code, "message": exc.message}))
            finally:
                self._deadline = None
        return report

    def _lint_draft(self, source: Source, draft: Draft, docs: list, runners) -> FileReport:
        settings = self.settings
        analyses = [self._analyse(i, b, doc) for i, (b, doc) in enumerate(zip(draft.blocks, docs))]
        tenses = [a[1] for a in analyses]
        roles = roles_mod.classify(draft.blocks, docs, tenses)
        base = os.path.dirname(settings.config_path) if settings.config_path else None
        per_file = [p for p in settings.per_file if matches_files(p.files, source.path, base)]
        file_reason = next((p.reason for p in per_file if p.reason), None)
        if file_reason:
            reason, reason_source = file_reason, "config"
        elif settings.reason:
            reason, reason_source = settings.reason, settings.reason_source or "option"
        else:
            reason, reason_source = reasons_mod.detect(source.text), "detected"
            if reason is None:
                reason_source = None
        ctx = Context(draft=draft, docs=docs, roles=roles, reason=reason, settings=settings, tenses=tenses, path=source.path)
        matches: dict[str, list] = defaultdict(list)
        for i, (block_matches, _) in enumerate(analyses):
            for key, found in block_matches.items():
                matches[key].extend(Match(i, m.start, m.end, m.tokens) for m in found)
        block_starts = [b.start for b in draft.blocks]
        findings: list[Finding] = []
        seen = set()
        post = []
        for rule, runner in runners:
            if self._deadline is not None:
                self._deadline.check()
            if rule.reasons and reason not in rule.reasons:
                continue
            if getattr(runner, "post", False):
                post.append((rule, runner))
                continue
            for hit in runner.run(ctx, matches):
                role = None
                if draft.blocks:
                    index = max(0, bisect.bisect_right(block_starts, hit.start) - 1)
                    role = roles[index]
                if rule.type not in LETTER_TYPES:
                    if rule.roles and role not in rule.roles:
                        continue
                    if rule.not_roles and role in rule.not_roles:
                        continue
                if hit.rule_id and not hit_enabled(hit, rule, settings):
                    continue
                key = (hit.rule_id or rule.id, hit.start, hit.end)
                if key in seen:
                    continue
                seen.add(key)
                findings.append(self._finding(rule, hit, draft, role))
        findings = drop_overlapped_grammar(findings)
        findings, ctx.unused_suppressions = self._suppress(source, findings, per_file)
        for rule, runner in post:  # rules about the suppressions themselves
            for hit in runner.run(ctx, matches):
                findings.append(self._finding(rule, hit, draft, None))
        findings = [_apply_per_file_severity(f, per_file) for f in findings]
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        caps = {r.id: r.cap for r in self.rules if r.cap}
        role_spans = [
            RoleSpan(role, b.start, b.end, b.line, b.end_line, b.kind) for b, role in zip(draft.blocks, roles)
        ]
        return FileReport(
            path=source.path,
            text=source.text,
            encoding=source.encoding,
            reason=reason,
            reason_source=reason_source,
            findings=findings,
            roles=role_spans,
            grade=grade(findings, caps),
            words=draft.word_count,
        )

    def _analyse(self, index: int, block, doc):
        """Token matches and tense counts of one paragraph; cached with its Doc when
        cache_docs is on, so an edit re-analyses only the paragraphs it touched."""
        key = _parse_text(block) if self.settings.cache_docs else None
        if key is not None and key in self._analysis:
            self._analysis.move_to_end(key)
            return self._analysis[key]
        result = (self._bank.run(index, doc), roles_mod.tense_counts(doc))
        if key is not None:
            self._analysis[key] = result
            self._analysis.trim(keep=1)
        return result

    def _suppress(self, source: Source, findings: list[Finding], per_file) -> tuple[list[Finding], list]:
        """Per-file ignores, config ``suppress`` entries and HTML-comment suppressions."""
        settings = self.settings
        text = source.text
        base = os.path.dirname(settings.config_path) if settings.config_path else None
        ignores = [sel for p in per_file for sel in p.ignore]
        comments = comment_spans(text) if "<!--" in text else []
        inline = parse_inline(text, []) if comments else []
        kept = []
        for f in findings:
            if self._deadline is not None:
                self._deadline.check()
            pseudo = _HitRule(f.rule, f.code, f.category, f.severity)
            if ignores and any(selector_matches(sel, pseudo) or selector_matches(sel, self._origin(f)) for sel in ignores):
                continue
            if any(a <= f.start < b for a, b in comments):
                continue  # findings inside a comment are not in the letter
            silenced = False
            for s in inline:
                if s.scope_start <= f.start < s.scope_end or (f.scope == "letter" and s.verb == "disable-file"):
                    if not s.selectors or any(selector_matches(sel, pseudo) for sel in s.selectors):
                        s.used += 1
                        silenced = True
            for s in settings.suppressions:
                if not selector_matches(s.rule, pseudo):
                    continue
                if s.text is not None and s.text.lower() not in f.text.lower():
                    continue
                if s.files and not matches_files(s.files, source.path, base):
                    continue
                s.used += 1
                silenced = True
            if not silenced:
                kept.append(f)
        return kept, [s for s in inline if not s.used]

    def _origin(self, f: Finding):
        rule = self._by_id.get(f.origin)
        return rule if rule is not None else _HitRule(f.rule, f.code, f.category, f.severity)

    def _finding(self, rule: Rule, hit: Hit, draft: Draft, role: str | None) -> Finding:
        lang = self.settings.lang
        values = dict(hit.values)
        values.setdefault("text", draft.text[hit.start : hit.end])
        template = rule.zh.get("message", rule.message) if lang == "zh" else rule.message
        message = render(template, values) if hit.message is None or lang == "zh" else hit.message
        why = rule.zh.get("why", rule.why) if lang == "zh" else rule.why
        suggest = rule.suggest
        if lang == "zh" and rule.zh.get("suggest"):
            suggest = [rule.zh["suggest"]]
        suggestions = list(hit.suggestions) + [render(s, values) for s in suggest]
        line, column = draft.lines.position(hit.start)
        end_line, end_column = draft.lines.position(hit.end)
        severity = severity_for(rule, self.settings)
        if hit.rule_id:
            pseudo = _HitRule(hit.rule_id, hit.code or rule.code, rule.category, hit.severity or rule.severity)
            severity = severity_for(pseudo, self.settings)
        return Finding(
            code=hit.code or rule.code,
            rule=hit.rule_id or rule.id,
            category=rule.category,
            severity=severity,
            message=message,
            why=why,
            line=line,
            column=column,
            end_line=end_line,
            end_column=end_column,
            start=hit.start,
            end=hit.end,
            text=draft.text[hit.start : hit.end],
            suggestions=list(dict.fromkeys(s for s in suggestions if s)),
            fix=hit.fix,
            role=role,
            scope="letter" if hit.letter else "text",
            origin=rule.id,
            replacements=[r for r in dict.fromkeys(hit.suggestions)],
        )


@dataclass
class _HitRule:
    """What selectors and severity overrides see of a hit with its own id."""

    id: str
    code: str
    category: str
    severity: str
    enabled: bool = True


def hit_enabled(hit: Hit, rule: Rule, settings: Settings) -> bool:
    """``--ignore grammar.harper.spelling`` reaches one kind of a grammar rule."""
    pseudo = _HitRule(hit.rule_id, hit.code or rule.code, rule.category, rule.severity)
    return not (settings.ignore and any(selector_matches(s, pseudo) for s in settings.ignore))


def _apply_per_file_severity(f: Finding, per_file) -> Finding:
    for p in per_file:
        for selector, severity in p.severity.items():
            if selector_matches(selector, _HitRule(f.rule, f.code, f.category, f.severity)):
                f.severity = severity
    return f


def drop_overlapped_grammar(findings: list[Finding]) -> list[Finding]:
    """A grammar finding on words a built-in rule already covers is reported once, by the
    built-in rule: it carries the why and the better wording."""
    own = [f for f in findings if not f.rule.startswith("grammar.") and f.scope == "text"]
    if not own:
        return findings
    return [
        f
        for f in findings
        if not f.rule.startswith("grammar.") or not any(o.start < f.end and f.start < o.end for o in own)
    ]


def _error_path(err: InputError) -> str:
    return getattr(err, "path", None) or err.message.split(":", 1)[0]
