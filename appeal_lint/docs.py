"""``docs/rules.md``, generated from the YAML rules (``appeal-lint docs``).

Each rule is documented as ruff documents its rules: what it finds, why it matters,
examples, and what to write instead. A test fails when the file is out of date.
"""

from __future__ import annotations

from .model import CATEGORIES

HEADER = """# appeal-lint rules

Generated from the YAML files in `rules/` by `appeal-lint docs > docs/rules.md`; do not edit
by hand. Severity: `error` = likely rejection, `warning` = weakens the appeal, `info` = polish.
Figures in messages are guidance, not Amazon rules.

"""


def _examples(value) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _quote(text: str) -> str:
    text = text.rstrip("\n")
    if "\n" in text:
        return "```text\n" + text + "\n```"
    return f"- {text}" if len(text) < 400 else f"- {text[:397]}..."


def render(rules) -> str:
    rules = sorted(rules, key=lambda r: r.code)
    out = [HEADER, "| code | rule | severity | what it finds |", "|---|---|---|---|"]
    for r in rules:
        out.append(f"| [{r.code}](#{r.code.lower()}) | `{r.id}` | {r.severity} | {r.message.splitlines()[0].replace('|', '/')} |")
    out.append("")
    for category in CATEGORIES:
        group = [r for r in rules if r.category == category]
        if not group:
            continue
        out.append(f"## {category.capitalize()}\n")
        for r in group:
            out.append(f"### {r.code}")
            out.append(f"`{r.id}` · {r.severity} · type `{r.type}`" + (f" · reasons: {', '.join(r.reasons)}" if r.reasons else "") + (f" · not for: {', '.join(r.not_reasons)}" if r.not_reasons else "") + (f" · caps the grade at {r.cap}" if r.cap else ""))
            out.append("")
            out.append(f"**What it finds.** {r.message}")
            out.append("")
            out.append(f"**Why it matters.** {r.why}")
            out.append("")
            if r.suggest:
                out.append("**Write instead.** " + " / ".join(f"“{s}”" for s in r.suggest))
                out.append("")
                for reason, wordings in sorted(r.suggestions.by_reason.items()):
                    if reason != "default":
                        out.append(f"- for `{reason}`: " + " / ".join(f"“{s}”" for s in wordings))
                if len(r.suggestions.by_reason) > 1:
                    out.append("")
            if r.examples.get("notice"):
                out.append("**Amazon's notice:**\n")
                out.append(_quote(r.examples["notice"]) if "\n" in r.examples["notice"].strip() else "```text\n" + r.examples["notice"].strip() + "\n```")
                out.append("")
            out.append("**Flagged:**\n")
            out.extend(_quote(e) for e in _examples(r.examples["bad"]))
            out.append("\n**Not flagged:**\n")
            out.extend(_quote(e) for e in _examples(r.examples["good"]))
            out.append("")
    return "\n".join(out).rstrip() + "\n"
