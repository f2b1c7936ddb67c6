"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure)."""

from __future__ import annotations

import json

from .. import __version__

LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_entry(code, rule_id, message, why, severity, category, help_text=""):
    return {
        "id": code,
        "name": rule_id,
        "shortDescription": {"text": message},
        "fullDescription": {"text": why},
        "help": {"text": help_text or why},
        "defaultConfiguration": {"level": LEVEL[severity]},
        "properties": {"category": category, "tags": [category]},
    }


def render(report, out, options=None) -> None:
    options = options or {}
    rules = {}
    for r in options.get("rules", []):
        better = (" Write instead: " + " / ".join(r.suggest)) if r.suggest else ""
        rules[r.code] = _rule_entry(r.code, r.id, r.message.split("{")[0].strip() or r.id, r.why, r.severity, r.category, r.why + better)
    for f in report.findings():  # kinds that report under their own codes (grammar)
        if f.code not in rules:
            rules[f.code] = _rule_entry(f.code, f.rule, f.rule, f.why, f.severity, f.category)
    index = {code: i for i, code in enumerate(rules)}
    results, notifications = [], []
    for file in report.files:
        if file.error:
            notifications.append(
                {"level": "error", "message": {"text": file.error["message"]}, "descriptor": {"id": file.error["code"]},
                 "locations": [{"physicalLocation": {"artifactLocation": {"uri": file.path}}}]}
            )
            continue
        for f in file.findings:
            result = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": LEVEL[f.severity],
                "message": {"text": f.message + (f" Better: {f.suggestions[0]}" if f.suggestions else "")},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": file.path},
                        "region": {
                            "startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column,
                            "charOffset": f.start, "charLength": f.end - f.start, "snippet": {"text": f.text},
                        },
                    }
                }],
                "properties": {"rule": f.rule, "category": f.category, "scope": f.scope},
            }
            if f.fix is not None:
                result["fixes"] = [{
                    "description": {"text": f"Replace with {f.fix.replacement!r}"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": file.path},
                        "replacements": [{"deletedRegion": {"charOffset": f.fix.start, "charLength": f.fix.end - f.fix.start},
                                          "insertedContent": {"text": f.fix.replacement}}],
                    }],
                }]
            results.append(result)
    sarif = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "appeal-lint", "version": __version__, "semanticVersion": __version__,
                                "informationUri": "https://pypi.org/project/appeal-lint/", "rules": list(rules.values())}},
            "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    json.dump(sarif, out, ensure_ascii=False, indent=2)
    out.write("\n")
