"""Better wordings by suspension reason: validated on load, chosen by the letter's reason,
and clean by the linter's own rules."""

from __future__ import annotations

import textwrap

import pytest

from appeal_lint.errors import RuleError
from appeal_lint.ruleset import REASONS, load_folder, load_rules

NO_ROOT_CAUSE = """\
Dear Seller Performance Team,

Actions taken: on May 5 we deleted the listing and refunded 3 buyers.

Preventive measures: from June 1 our catalogue manager checks every new listing before upload.

Sincerely,
Li Wei
"""

STRUCTURE = ("structure.missing-root-cause", "structure.missing-actions", "structure.missing-prevention")


def better(report, rule):
    found = [f for f in report.findings if f.rule == rule]
    assert found, [f.rule for f in report.findings]
    return found[0].suggestions


def test_root_cause_wording_fits_an_ip_letter(lint):
    ip = " ".join(better(lint(NO_ROOT_CAUSE, reason="ip"), "structure.missing-root-cause"))
    assert "handling time" not in ip and "rights owner" in ip
    late = " ".join(better(lint(NO_ROOT_CAUSE, reason="late_shipment"), "structure.missing-root-cause"))
    assert "handling time" in late


def test_default_wording_without_a_reason(lint):
    rules = {r.id: r for r in load_rules()}
    assert better(lint(NO_ROOT_CAUSE), "structure.missing-root-cause") == rules["structure.missing-root-cause"].suggestions.english(None)


@pytest.mark.parametrize("rule_id", STRUCTURE)
def test_structure_rules_have_a_wording_for_every_reason(rule_id):
    rule = next(r for r in load_rules() if r.id == rule_id)
    assert set(rule.suggestions.by_reason) == {"default", *[r for r in REASONS if r != "other"]}


def _suggestions():
    for rule in load_rules():
        if rule.id in STRUCTURE:
            for reason, wordings in rule.suggestions.by_reason.items():
                for w in wordings:
                    yield pytest.param(w, id=f"{rule.id}-{reason}")


@pytest.mark.parametrize("wording", list(_suggestions()))
def test_better_wordings_pass_the_linters_own_rules(lint, wording):
    report = lint(wording + "\n")
    # The hand-written rules must accept every wording we offer. The learned model is
    # held to its measured false-alarm rate instead (bench/quality.py): it still misreads
    # some owned sentences that name a courier or Amazon (see README, Judgement quality).
    flagged = [(f.rule, f.text) for f in report.findings
               if f.category not in ("structure", "reason") and f.scope == "text" and not f.rule.endswith(".learned")]
    assert not flagged, flagged


def write(tmp_path, suggest, zh=""):
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "r.yaml").write_text(textwrap.dedent(f"""\
        id: agency.no-sorry
        code: AG101
        category: tone
        severity: info
        type: phrase
        phrases: [so sorry]
        message: Drop "so sorry".
        why: House style.
        {suggest}
        {zh}
        examples:
          bad: [We are so sorry.]
          good: [We apologize.]
        """), encoding="utf-8")
    return folder


def test_suggest_by_reason_loads(tmp_path):
    rule = load_folder(write(tmp_path, "suggest: {default: We apologize., ip: We apologize for the listing.}"))[0]
    assert rule.suggest == ["We apologize."]
    assert rule.suggestions.english("ip") == ["We apologize for the listing."]
    assert rule.suggestions.english("odr") == ["We apologize."]


@pytest.mark.parametrize("suggest,zh,fragment", [
    ("suggest: {default: a, bankruptcy: b}", "", "unknown reason 'bankruptcy'"),
    ("suggest: {ip: b}", "", "needs a 'default' entry"),
    ("suggest: {default: [1, 2]}", "", "must be a string or a list of strings"),
    ("suggest: [a, b]", "zh: {suggest: 甲}", "zh.suggest has 1 wording(s) but suggest has 2"),
    ("suggest: {default: a, ip: b}", "zh: {suggest: 甲}", "zh.suggest has keys"),
])
def test_bad_suggest_names_file_and_line(tmp_path, suggest, zh, fragment):
    with pytest.raises(RuleError) as info:
        load_folder(write(tmp_path, suggest, zh))
    assert fragment in str(info.value) and "r.yaml:" in str(info.value)
