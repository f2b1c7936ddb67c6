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
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from . import notice as notice_mod
from . import reasons as reasons_mod
from . import roles as roles_mod
from .analyzers import module_for
from .analyzers.base import Context, Hit, Match
from .draft import Draft, LineIndex
from .newlines import OffsetMap, normalize
from .errors import AppealLintError, InputError
from .grading import grade
from .messages import render, zh_values
from .limits import Deadline, SizedCache, collapse_punctuation, too_complex
from .model import SEVERITY_RANK, Finding, FileReport, Report, RoleSpan
from .ruleset import Rule, load_rules
from .settings import Settings, rule_enabled, selector_matches, severity_for
from .config import matches_files
from .source import Source
from .suppress import comment_spans, parse_inline

DOC_CACHE_CHARS = 100_000  # paragraph text held parsed (cache_docs; limits.SizedCache): 20-50 MB of Docs
LETTER_TYPES = ("section", "metric", "require")  # hits that belong to the letter, not to a role
WORD_TYPES = ("phrase", "pattern", "dependency", "substitution", "regex", "agreement", "article")  # hits on the words themselves


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
        self._learned_ids = {r.id for r in self.rules if r.type == "classifier"}
        self._word_ids = {r.id for r in self.rules if r.type in WORD_TYPES}
        self._nlp = None
        self._runners = None
        self._bank = None
        self._role_model = False  # not loaded yet (None: no model shipped)
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

    @property
    def role_model(self):
        """The learned sentence-role model shipped with the package, if any (loaded once)."""
        if self._role_model is False:
            from . import learned

            self._role_model = learned.role_model()
        return self._role_model

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
    def lint_sources(self, sources: Iterable[Source | InputError], progress=None) -> Report:
        """Lint decoded drafts; InputErrors in the list become error entries.
        ``progress(n)`` is called as each draft is done (n drafts at a time)."""
        items = list(sources)
        runners = self.compile()
        for s in self.settings.suppressions:
            s.used = 0
        # CR, LF and CRLF drafts are linted alike: as LF text, mapped back at the end
        normalized = [normalize(s.text) if isinstance(s, Source) else (None, None) for s in items]
        drafts = [Draft(n) if n is not None else None for n, _ in normalized]
        for i, draft in enumerate(drafts):  # the budget (limits.py): a book is not a letter
            if draft is not None and (problem := too_complex(items[i].path, draft)):
                items[i], drafts[i] = problem, None
        background = [(s.path, d.flowed) for s, d in zip(items, drafts) if d is not None]
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
        for i, (source, draft, (_, mapping)) in enumerate(zip(items, drafts, normalized)):
            if draft is None:
                report.files.append(FileReport(path=_error_path(source), error={"code": source.code, "message": source.message}))
                if progress:
                    progress(1)
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
                work = replace(source, text=draft.text) if mapping is not None else source
                file = self._lint_draft(work, draft, block_docs, runners)
                report.files.append(_to_original(file, source.text, mapping) if mapping is not None else file)
                if source.paragraphs is not None:  # a Word draft: locate findings by paragraph
                    from .word import annotate

                    annotate(report.files[-1], source.paragraphs)
            except InputError as exc:  # out of time: this draft fails, the others go on
                report.files.append(FileReport(path=source.path, error={"code": exc.code, "message": exc.message}))
            finally:
                self._deadline = None
            if progress:
                progress(1)
        return report

    def _lint_draft(self, source: Source, draft: Draft, docs: list, runners) -> FileReport:
        settings = self.settings
        analyses = [self._analyse(i, b, doc) for i, (b, doc) in enumerate(zip(draft.blocks, docs))]
        tenses = [a[1] for a in analyses]
        sentences = roles_mod.classify_sentences(draft.blocks, docs, self.role_model)
        roles = roles_mod.block_roles(draft.blocks, sentences)
        sentence_starts = [c.start for c, _ in sentences]
        base = os.path.dirname(settings.config_path) if settings.config_path else None
        per_file = [p for p in settings.per_file if matches_files(p.files, source.path, base)]
        file_reason = next((p.reason for p in per_file if p.reason), None)
        attached = notice_mod.attach(source, settings, per_file)
        if file_reason:
            reason, reason_source = file_reason, "config"
        elif settings.reason:
            reason, reason_source = settings.reason, settings.reason_source or "option"
        elif notice_mod.reason_of(attached):
            reason, reason_source = notice_mod.reason_of(attached), "notice"
        else:
            reason, reason_source = reasons_mod.detect(source.text), "detected"
            if reason is None:
                reason_source = None
        ctx = Context(draft=draft, docs=docs, roles=roles, reason=reason, settings=settings, tenses=tenses, path=source.path,
                      sentences=sentences)
        if attached is not None:
            ctx.notice = attached
            ctx.checklist = notice_mod.Checklist(attached.usable, source.text) if attached.usable else None
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
            if (rule.reasons and reason not in rule.reasons) or reason in rule.not_reasons:
                continue
            if getattr(runner, "post", False):
                post.append((rule, runner))
                continue
            for hit in runner.run(ctx, matches):
                role = None
                if sentences:
                    # the role of the sentence the hit starts in
                    index = max(0, bisect.bisect_right(sentence_starts, hit.start) - 1)
                    role = sentences[index][1]
                elif draft.blocks:
                    index = max(0, bisect.bisect_right(block_starts, hit.start) - 1)
                    role = roles[index]
                if rule.type not in LETTER_TYPES:
                    if rule.roles and role not in rule.roles:
                        continue
                    if rule.not_roles and role in rule.not_roles:
                        continue
                if hit.rule_id and not hit_enabled(hit, rule, settings):
                    continue
                if rule.skip_quoted and draft.quoted(hit.start, hit.end):
                    continue
                key = (hit.rule_id or rule.id, hit.start, hit.end)
                if key in seen:
                    continue
                seen.add(key)
                findings.append(self._finding(rule, hit, draft, role, reason))
        findings = drop_overlapped_grammar(findings, self._word_ids)
        findings = merge_learned(findings, self._learned_ids, self._word_ids)
        findings, ctx.unused_suppressions = self._suppress(source, findings, per_file)
        for rule, runner in post:  # rules about the suppressions themselves
            for hit in runner.run(ctx, matches):
                findings.append(self._finding(rule, hit, draft, None, reason))
        findings = [_apply_per_file_severity(f, per_file) for f in findings]
        findings.sort(key=lambda f: (f.start, f.end, f.code))
        caps = {r.id: r.cap for r in self.rules if r.cap}
        role_spans = [
            RoleSpan(role, b.start, b.end, b.line, b.end_line, b.kind) for b, role in zip(draft.blocks, roles)
        ]
        sentence_spans = [
            RoleSpan(role, c.start, c.end, draft.lines.position(c.start)[0], draft.lines.position(c.end)[0], c.kind)
            for c, role in sentences
        ]
        return FileReport(
            path=source.path,
            text=source.text,
            encoding=source.encoding,
            reason=reason,
            reason_source=reason_source,
            findings=findings,
            roles=role_spans,
            sentences=sentence_spans,
            grade=grade(findings, caps),
            words=draft.word_count,
            notice=notice_mod.summary(attached, ctx.checklist),
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

    def _finding(self, rule: Rule, hit: Hit, draft: Draft, role: str | None, reason: str | None = None) -> Finding:
        lang = self.settings.lang
        values = dict(hit.values)
        values.setdefault("text", draft.text[hit.start : hit.end])
        if lang == "zh":
            values.update(zh_values(values))
        template = rule.zh.get("message", rule.message) if lang == "zh" else rule.message
        message = render(template, values) if hit.message is None or lang == "zh" else hit.message
        why = rule.zh.get("why", rule.why) if lang == "zh" else rule.why
        # Better wordings fit the letter's reason and stay English (they go into the
        # letter); with --lang zh each carries a Chinese gloss beside it.
        pairs = [(render(e, values), g) for e, g in rule.suggestions.pairs(reason)]
        suggestions = list(hit.suggestions) + [e for e, _ in pairs]
        glosses = {e: render(g, values) for e, g in pairs if g and e} if lang == "zh" else {}
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
            glosses=glosses,
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


def drop_overlapped_grammar(findings: list[Finding], word_ids: set[str]) -> list[Finding]:
    """A grammar finding on words a built-in rule already points at is reported once, by
    the built-in rule: it carries the why and the better wording. Only rules that point
    at words count (not a model's sentence, nor a paragraph's first line for a run-on)."""
    own = [f for f in findings if f.origin in word_ids and f.scope == "text"]
    if not own:
        return findings
    return [
        f
        for f in findings
        if not f.rule.startswith("grammar.") or not any(o.start < f.end and f.start < o.end for o in own)
    ]


def _to_original(file: FileReport, text: str, mapping: OffsetMap) -> FileReport:
    """A report made on the LF copy of a CR or CRLF draft, moved onto the draft's own text."""
    lines = LineIndex(text)
    at = mapping.to_original
    for f in file.findings:
        f.start, f.end = at(f.start), at(f.end)
        f.line, f.column = lines.position(f.start)
        f.end_line, f.end_column = lines.position(f.end)
        f.text = text[f.start : f.end]
        if f.fix is not None:
            f.fix = replace(f.fix, start=at(f.fix.start), end=at(f.fix.end))
    for r in (*file.roles, *file.sentences):
        r.start, r.end = at(r.start), at(r.end)
    file.text = text
    return file



def merge_learned(findings: list[Finding], learned_ids: set[str], word_ids: set[str]) -> list[Finding]:
    """A model finding on a sentence where a rule of the same category already flagged
    words is reported once, by the rule: it points at the words and has the better wording.
    Only word-level rules (``WORD_TYPES``) at least as severe count: a finding about a
    whole paragraph ("the root cause names a symptom") says nothing about the sentence's
    own wording, and its extent depends on layout, so it must not decide what else is
    reported."""
    if not learned_ids:
        return findings
    own = [f for f in findings if f.origin in word_ids and f.scope == "text"]
    return [
        f
        for f in findings
        if f.origin not in learned_ids
        or not any(
            o.category == f.category and o.start < f.end and f.start < o.end
            # a hint ("a few", info) does not stand for the model's warning about the sentence
            and SEVERITY_RANK[o.severity] >= SEVERITY_RANK[f.severity]
            for o in own
        )
    ]


def _error_path(err: InputError) -> str:
    return getattr(err, "path", None) or err.message.split(":", 1)[0]
