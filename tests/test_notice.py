"""Amazon's notices: parsing (the corpus in corpus/notices), the notice given with a
draft (--notice, the sibling file, per-file config), and the notice rules on pairs of
notice and letter."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from appeal_lint.cli import main
from appeal_lint.notice import draft_paths, is_notice_path, parse, sibling_notice
from appeal_lint.ruleset import REASONS
from notice_corpus import FIELDS, NOTICES, cases, compare, observed

PAIRS = NOTICES / "pairs"


# -- the corpus ---------------------------------------------------------------------------
def test_corpus_covers_every_reason_language_and_layout():
    all_cases = cases()
    assert len(all_cases) >= 60
    reasons = Counter(e.get("reason") for _, e in all_cases)
    assert set(REASONS) <= set(reasons), set(REASONS) - set(reasons)
    assert Counter(e.get("language") for _, e in all_cases).keys() >= {"en", "zh"}
    layouts = Counter((e.get("language"), e.get("format")) for _, e in all_cases)
    for lang in ("en", "zh"):
        for layout in ("email", "account_health"):
            assert layouts[(lang, layout)] >= 10, (lang, layout, layouts)
    assert sum(bool(e.get("asins")) for _, e in all_cases) >= 20
    assert sum(not e.get("asins") for _, e in all_cases) >= 20


def test_every_expected_field_is_found_in_95_percent_of_notices():
    """Per field: of the notices whose expected parse has it, the share parsed exactly
    right; and of those that do not, the share where nothing is invented."""
    expected_n, right, absent_n, invented = Counter(), Counter(), Counter(), Counter()
    misses = []
    for path, expected in cases():
        got = observed(path)
        diff = compare(expected, got)
        for field in FIELDS:
            if expected.get(field) not in (None, [], {}):
                expected_n[field] += 1
                right[field] += diff.get(field) != "missed"
            else:
                absent_n[field] += 1
                invented[field] += diff.get(field) == "extra"
        misses.extend(f"{path.name}: {f} {kind}" for f, kind in diff.items())
    for field in FIELDS:
        if expected_n[field]:
            assert right[field] / expected_n[field] >= 0.95, (field, right[field], expected_n[field], misses)
        if absent_n[field]:
            assert invented[field] / absent_n[field] <= 0.05, (field, invented[field], absent_n[field], misses)
    # the fields a letter is checked against all occur in the corpus
    assert all(expected_n[f] >= 5 for f in ("asins", "order_ids", "complaint_ids", "rights_owner", "metric", "documents", "deadline", "dates"))


# -- parsing --------------------------------------------------------------------------------
def test_unknown_layout_degrades_to_what_is_found():
    n = parse("Re: listing problem\nplease look at B0ABCDEF12 again, thanks")
    assert n.asins == ["B0ABCDEF12"] and n.parsed
    assert n.reason is None and n.metric is None and n.format == "unknown"
    assert {"reason", "metric", "documents", "deadline", "order_ids"} <= set(n.not_found)


def test_text_without_anything_recognised_is_not_parsed():
    n = parse("Lorem ipsum dolor sit amet.\n")
    assert not n.parsed and "reason" in n.not_found and n.to_dict()["asins"] == []


def test_full_width_punctuation_and_digits_are_read():
    n = parse("受影响的 ＡＳＩＮ：Ｂ０ＣＫ７ＴＱ２ＺＬ\n投诉 ID：１４９３８２０５７１\n侵权类型：商标")
    assert n.asins == ["B0CK7TQ2ZL"] and n.complaint_ids == ["1493820571"] and n.infringement == "trademark"
    assert n.reason == "ip" and n.language == "zh"


def test_order_ids_are_not_complaint_ids():
    n = parse("Complaint ID: 1029384756\nOrder: 114-2038475-1029384\n")
    assert n.complaint_ids == ["1029384756"] and n.order_ids == ["114-2038475-1029384"]


def test_notice_files_are_not_drafts(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.notice.txt").write_text("ASIN: B0ABCDEF12", encoding="utf-8")
    (tmp_path / "b.notice.md").write_text("ASIN: B0ABCDEF12", encoding="utf-8")
    assert is_notice_path("x/a.notice.txt") and is_notice_path("A.NOTICE.MD") and not is_notice_path("notice.txt")
    assert sibling_notice(str(tmp_path / "a.txt")) == str(tmp_path / "a.notice.txt")
    assert sibling_notice(str(tmp_path / "a.notice.txt")) is None
    drafts, orphans = draft_paths([str(tmp_path / "a.notice.txt"), str(tmp_path / "a.txt"), str(tmp_path / "b.notice.md")])
    assert drafts == [str(tmp_path / "a.txt")] and orphans == [str(tmp_path / "b.notice.md")]


# -- pairs of notice and letter ------------------------------------------------------------
PAIR_EXPECTED = yaml.safe_load((PAIRS / "expected.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(PAIR_EXPECTED))
def test_pair(engine, name):
    """The letter is linted with its sibling notice found by the file-name convention."""
    from appeal_lint.api import lint_paths

    report = lint_paths([str(PAIRS / f"{name}.txt")], engine=engine).files[0]
    assert report.notice and report.notice["source"] == "sibling" and report.notice["parsed"]
    assert report.reason_source == "notice"
    flagged = {f.code for f in report.findings if f.rule.startswith("notice.")}
    assert flagged == set(PAIR_EXPECTED[name]["flags"]), (flagged, [f.message for f in report.findings if f.rule.startswith("notice.")])
    checklist = report.notice["checklist"]
    assert checklist and (all(i["covered"] for i in checklist) == (not flagged))


def test_every_notice_rule_is_exercised_by_a_pair_or_its_examples():
    from appeal_lint.ruleset import load_rules

    codes = {r.code for r in load_rules() if r.type == "notice"}
    assert len(codes) >= 8
    for rule in load_rules():
        if rule.type == "notice":
            assert rule.examples.get("notice") and rule.examples["bad"] and rule.examples["good"], rule.id


# -- the reason ---------------------------------------------------------------------------
LETTER = (
    "Root cause: our handling time was 1 day, but our warehouse ships only on weekdays.\n\n"
    "Actions taken: on June 4 we changed the handling time to 2 days.\n"
)


def test_notice_reason_overrides_detection_but_not_the_option(lint):
    report = lint(LETTER, notice="Policy: Drop Shipping Policy\nOrder ID: 114-3302918-7761029\n")
    assert (report.reason, report.reason_source) == ("dropshipping", "notice")
    assert any(f.code == "AL853" for f in report.findings) or any(f.code == "AL854" for f in report.findings)
    chosen = lint(LETTER, reason="late_shipment", notice="Policy: Drop Shipping Policy\n")
    assert (chosen.reason, chosen.reason_source) == ("late_shipment", "option")
    plain = lint(LETTER)
    assert plain.reason_source == "detected" and plain.notice is None


def test_unparseable_notice_is_reported_and_ignored(lint):
    report = lint(LETTER, notice="Lorem ipsum dolor sit amet.")
    assert report.notice["parsed"] is False and report.notice["warning"]
    assert report.reason_source == "detected"
    assert not [f for f in report.findings if f.rule.startswith("notice.")]


# -- the command line -----------------------------------------------------------------------
NOTICE = "Date: June 3, 2026\nYour Late Shipment Rate is 9.2%, which does not meet our target of under 4%.\nOrders: 113-2209384-1102938\n"
DRAFT = (
    "Dear Seller Performance Team,\n\n"
    "We received your notice of June 3. Our late shipment rate was 6.5%, above the 4% target.\n\n"
    "Root cause:\nOur handling time was 1 day, but our warehouse ships only Monday to Friday.\n\n"
    "Actions taken:\n- On June 4 we changed the handling time to 2 days on all 230 SKUs.\n\n"
    "Preventive measures:\n- Our operations lead checks the rate every Monday.\n\n"
    "Sincerely,\nWang Lei\n"
)


def run(capsys, *args):
    code = main(list(args) if args[0] == "notice" else ["--no-grammar", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_sibling_notice_checklist_and_json(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    (tmp_path / "draft.notice.txt").write_text(NOTICE, encoding="utf-8")
    code, out, err = run(capsys, str(draft))
    assert code == 1 and "warning" not in err and "Traceback" not in err  # only the gate's line: no warning about the notice
    assert "AL855" in out and "AL851" in out  # the rate 6.5% (notice: 9.2%), order 113-2209384-1102938
    assert "reason: late_shipment (notice)" in out
    assert "[ ] order 113-2209384-1102938" in out and "[x] answers the policy: Late Shipment Rate" in out
    code, out, err = run(capsys, "--format", "json", str(draft))
    data = json.loads(out)["files"][0]
    assert data["notice"]["source"] == "sibling" and data["notice"]["metric"]["value"] == 9.2
    assert data["notice"]["notice_date"] == "2026-06-03" and data["notice"]["order_ids"] == ["113-2209384-1102938"]
    assert {"kind": "order", "item": "113-2209384-1102938", "covered": False} in data["notice"]["checklist"]


def test_cli_notice_option_and_notice_file_given_as_a_draft(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    elsewhere = tmp_path / "amazon.txt"
    elsewhere.write_text(NOTICE.replace("9.2%", "6.5%"), encoding="utf-8")
    code, out, err = run(capsys, "--format", "json", "--notice", str(elsewhere), str(draft))
    data = json.loads(out)
    assert data["files"][0]["notice"]["source"] == "option"
    assert not any(f["code"] == "AL855" for f in data["files"][0]["findings"])
    # pre-commit passes the notice too: it is not linted as a draft, its draft is (once)
    (tmp_path / "draft.notice.txt").write_text(NOTICE, encoding="utf-8")
    code, out, err = run(capsys, "--format", "json", str(tmp_path / "draft.notice.txt"), str(draft))
    assert [f["path"] for f in json.loads(out)["files"]] == [str(draft)]
    code, out, err = run(capsys, "--format", "json", str(tmp_path))
    assert [f["path"] for f in json.loads(out)["files"]] == [str(elsewhere), str(draft)]  # not draft.notice.txt


def test_cli_unparseable_notice_warns_in_one_line_and_lints_on(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    (tmp_path / "draft.notice.txt").write_text("Lorem ipsum dolor sit amet.\n", encoding="utf-8")
    code, out, err = run(capsys, "--fail-on", "never", str(draft))
    assert code == 0
    assert err.count("\n") == 1 and err.startswith("appeal-lint: warning: notice ") and "linting without it" in err
    assert "grade" in out and "AL85" not in out
    (tmp_path / "draft.notice.txt").write_bytes(b"\x00\x01binary")
    code, out, err = run(capsys, "--fail-on", "never", str(draft))
    assert code == 0 and err.count("\n") == 1 and "not a text file" in err and "Traceback" not in err


def test_cli_missing_notice_file_is_a_usage_error(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = run(capsys, "--notice", str(tmp_path / "nope.txt"), str(draft))
    assert code == 2 and "--notice" in err


def test_cli_orphan_notice_is_not_linted(tmp_path, capsys):
    orphan = tmp_path / "x.notice.txt"
    orphan.write_text(NOTICE, encoding="utf-8")
    code, out, err = run(capsys, str(orphan))
    assert code == 0 and "a notice with no draft beside it" in err


def test_notice_command(tmp_path, capsys):
    path = NOTICES / "ip-en-email-copyright-1.txt"
    code, out, err = run(capsys, "notice", str(path))
    assert code == 0 and "Lumen Press LLC" in out and "B0C3FF81NA" in out
    code, out, err = run(capsys, "notice", "--format", "json", str(path))
    data = json.loads(out)
    assert data["reason"] == "ip" and data["complaint_ids"] == ["2038475610", "2038475611", "2038475698"]
    junk = tmp_path / "junk.txt"
    junk.write_text("hello there\n", encoding="utf-8")
    code, out, err = run(capsys, "notice", str(junk))
    assert code == 1 and "not found" in out and err.startswith("appeal-lint: warning:")
    code, out, err = run(capsys, "notice", str(tmp_path / "missing.txt"))
    assert code == 2 and err.count("\n") == 1


def test_per_file_config_notice(tmp_path, capsys):
    (tmp_path / "notices").mkdir()
    (tmp_path / "notices" / "acme.txt").write_text(NOTICE, encoding="utf-8")
    (tmp_path / ".appeal-lint.yaml").write_text('per-file:\n  - {files: ["acme/*"], notice: notices/acme.txt}\n', encoding="utf-8")
    (tmp_path / "acme").mkdir()
    draft = tmp_path / "acme" / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code, out, err = run(capsys, "--format", "json", str(draft))
    data = json.loads(out)["files"][0]
    assert data["notice"]["source"] == "config" and data["notice"]["path"] == str((tmp_path / "notices" / "acme.txt").resolve())
    (tmp_path / ".appeal-lint.yaml").write_text('per-file:\n  - {files: ["acme/*"], notice: 3}\n', encoding="utf-8")
    code, out, err = run(capsys, str(draft))
    assert code == 2 and ".appeal-lint.yaml:2" in err and "notice" in err


LSR_NOTICE = "Date: June 3, 2026\nYour Late Shipment Rate is 9.2%, which does not meet our target of under 4%. It covers the last 30 days.\n"
INVOICE_NOTICE = "Date: June 3, 2026\nThe items you sold were reported as inauthentic. Send invoices from the last 365 days.\n"


@pytest.mark.parametrize("notice,letter", [
    (LSR_NOTICE, "We now keep our Late Shipment Rate under 2%, well inside Amazon's target."),
    (LSR_NOTICE, "Since the changes, our Late Shipment Rate has dropped to 1.2%."),
    (LSR_NOTICE, "We set a 2-day handling time and check the Late Shipment Rate every 7 days."),
    (LSR_NOTICE, "Our Late Shipment Rate reached 9.2% over the last 30 days, above the 4% target."),
    (LSR_NOTICE, "On June 3 we received your notice. On May 28 our packer was ill."),
    (INVOICE_NOTICE, "On May 3, 2024 we started buying from this supplier; we attach invoices dated April 2026."),
    (INVOICE_NOTICE, "We attach 3 invoices dated within the last 365 days, covering 1,100 units."),
])
def test_clean_look_alikes_are_not_flagged(lint, notice, letter):
    """Figures and dates that agree with the notice, or are not about it."""
    report = lint(letter, notice=notice)
    assert not [f.message for f in report.findings if f.code in ("AL855", "AL856", "AL858")]


def test_related_policies_are_not_a_mismatch(lint):
    """A counterfeit complaint answered in IP terms is not a letter for another notice."""
    letter = ("The rights owner reported a trademark infringement. We removed the listing, "
              "contacted the rights owner and check every trademark before listing. The rights owner "
              "confirmed the infringement was resolved.")
    report = lint(letter, notice="We received a complaint that the item you sold was counterfeit.\nASIN: B0CX4KD21M\n")
    assert not [f for f in report.findings if f.code == "AL853"]


def test_checklist_groups_long_id_lists(lint):
    from appeal_lint.notice import checklist_lines

    asins = [f"B0TESTAS{n:02d}" for n in range(12)]
    notice = "Intellectual property complaint (trademark).\n" + "\n".join(f"ASIN: {a}" for a in asins)
    letter = "We deleted the listings for " + ", ".join(asins[:9]) + " on June 4 and checked every trademark."
    report = lint(letter, notice=notice)
    lines = checklist_lines(report.notice)
    assert lines[0] == (None, "notice <notice>: Intellectual property")
    assert (False, "ASINs: 9 of 12 named in the letter (missing: B0TESTAS09, B0TESTAS10, B0TESTAS11)") in lines
    zh = checklist_lines(report.notice, "zh")
    assert zh[0] == (None, "通知 <notice>：知识产权") and (False, "ASIN：信中提到 9/12（缺少：B0TESTAS09, B0TESTAS10, B0TESTAS11）") in zh
    finding = next(f for f in report.findings if f.code == "AL850")
    assert finding.message == "The notice names 3 of 12 ASINs that the letter never mentions: B0TESTAS09, B0TESTAS10, B0TESTAS11."


def test_figure_findings_keep_offsets_in_crlf_drafts(lint):
    from conftest import assert_offsets

    letter = "Dear Team,\r\n\r\nOur late shipment rate was 6.5%, above the target of 5%.\r\nWe received your notice of June 5.\r\n"
    report = lint(letter, notice=LSR_NOTICE)
    figures = sorted((f.code, f.text) for f in report.findings if f.code in ("AL855", "AL856"))
    assert figures == [("AL855", "5%"), ("AL855", "6.5%"), ("AL856", "June 5")]
    assert_offsets(report)


def test_with_a_notice_the_notice_rule_reports_a_copied_template_once(lint):
    letter = (PAIRS / "lsr-template.txt").read_text(encoding="utf-8")
    without = {f.code for f in lint(letter, reason="late_shipment").findings}
    with_notice = {f.code for f in lint(letter, reason="late_shipment", notice=LSR_NOTICE).findings}
    assert "AL508" in without and "AL853" not in without
    assert "AL853" in with_notice and "AL508" not in with_notice


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_pieces = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs",)),
    st.sampled_from(["ASIN: B0CK7TQ2ZL", "\n", "|", "：", "Complaint ID:", "113-2209384-1102938", "Late Shipment Rate ", "9.2%",
                     "target of under 4%", "June 3, 2026", "2026年6月3日", "invoices", "last 365 days", "within 17 days",
                     "Rights owner: ", "投诉 ID：", "1493820571", " 迟发率", "目标：低于 ", "\r\n", "Date: "]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(notice=st.lists(_pieces, max_size=40).map("".join), letter=st.lists(_pieces, min_size=1, max_size=30).map("".join))
def test_any_notice_and_letter_lint_without_error(engine, notice, letter):
    from appeal_lint.source import Source
    from conftest import assert_offsets

    report = engine.lint_sources([Source("draft.txt", letter, notice=notice)])
    file = report.files[0]
    assert_offsets(file)
    assert file.notice is not None and isinstance(file.notice["not_found"], list)
    json.dumps(report.to_dict(), ensure_ascii=False)


def test_a_rounded_figure_is_not_a_contradiction(lint):
    notice = "Your Valid Tracking Rate is 88.14%, below our target of 95%."
    assert not [f for f in lint("Our valid tracking rate was 88.1% because labels were bought outside Buy Shipping.", notice=notice).findings if f.code == "AL855"]
    assert not [f for f in lint("Our valid tracking rate was 88% because labels were bought outside Buy Shipping.", notice=notice).findings if f.code == "AL855"]
    assert [f for f in lint("Our valid tracking rate was 86% because labels were bought outside Buy Shipping.", notice=notice).findings if f.code == "AL855"]


def test_book_asins_dates_day_first_and_document_windows_are_not_deadlines():
    n = parse("ASIN: 0321125215\nComplaint ID: 4471029385\nDate: 14/05/2026\n"
              "Please provide invoices dated within 365 days. Submit your appeal within 30 days.")
    assert n.asins == ["0321125215"] and n.complaint_ids == ["4471029385"]
    assert n.notice_date == "2026-05-14"
    assert n.deadline["days"] == 30 and n.document("invoices")["window_days"] == 365
