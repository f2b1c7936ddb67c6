"""The engine on whole letters: the brief's weak draft, the examples, offsets, roles."""

from __future__ import annotations

import pytest

from conftest import EXAMPLES, assert_offsets

WEAK = "The buyer lied about the damage and Amazon unfairly suspended us!!! We will try our best."


def test_weak_draft_from_the_brief(lint):
    report = lint(WEAK)
    categories = {f.category for f in report.findings}
    assert {"ownership", "tone", "specificity"} <= categories
    rules = {f.rule for f in report.findings}
    assert {"ownership.blames-buyer", "ownership.blames-amazon", "tone.exclamation", "specificity.vague-promise"} <= rules
    assert report.grade.letter in ("D", "F")
    assert_offsets(report)


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("strong-*")), ids=lambda p: p.name)
def test_strong_examples_grade_well(lint, path):
    report = lint(path.read_text(encoding="utf-8"), path=str(path))
    assert report.grade.letter in ("A", "B"), [(f.rule, f.text) for f in report.findings]
    assert not [f for f in report.findings if f.severity == "error"]
    assert report.reason is not None and report.reason_source == "detected"
    roles = {r.role for r in report.roles}
    assert {"root_cause", "actions_taken", "preventive_measures", "greeting", "signature"} <= roles


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("weak-*")), ids=lambda p: p.name)
def test_weak_examples_grade_badly(lint, path):
    report = lint(path.read_text(encoding="utf-8"), path=str(path))
    assert report.grade.letter in ("C", "D", "F")
    assert any(f.severity == "error" for f in report.findings)
    assert_offsets(report)


def test_offsets_hold_with_crlf_and_bullets(lint):
    text = "Root cause:\r\n- The customer did not read our email.\r\n\r\nActions taken:\r\n- We refunded 3 buyers on May 4!\r\n"
    report = lint(text)
    assert_offsets(report)
    blame = [f for f in report.findings if f.rule == "ownership.blames-buyer"]
    assert blame and blame[0].line == 2
    assert [r.role for r in report.roles] == ["root_cause", "root_cause", "actions_taken", "actions_taken"]


def test_roles_from_content_without_headings(lint):
    text = (
        "Dear Seller Performance Team,\n\n"
        "We received your notice that our account was deactivated, and we take full responsibility.\n\n"
        "The late shipments happened because our handling time was 1 day and we did not ship on weekends.\n\n"
        "On June 4 we changed the handling time to 2 days and shipped all 8 open orders.\n\n"
        "Going forward, our operations lead will check the Late Shipment Rate every Monday.\n\n"
        "We respectfully request the reinstatement of our account. Thank you for your time.\n\n"
        "Sincerely,\nWang Lei"
    )
    roles = [r.role for r in lint(text).roles]
    assert roles == ["greeting", "acknowledgement", "root_cause", "actions_taken", "preventive_measures", "closing", "signature"]


def test_missing_sections_cap_the_grade(lint):
    text = "We refunded every buyer on May 4 and removed 3 listings. Going forward we check orders daily."
    report = lint(text)
    assert "structure.missing-root-cause" in report.grade.capped_by
    assert report.grade.score <= 79


def test_actions_written_as_promises(lint):
    text = "Root cause:\nWe did not check stock.\n\nActions taken:\nWe will refund the buyers.\nWe will remove the listing.\n"
    assert "specificity.future-actions" in {f.rule for f in lint(text).findings}


def test_a_past_modal_is_no_promise(lint):
    """'should have' + participle looks back at what was not done; 'will have' still looks ahead."""
    regret = "Root cause:\nWe did not check stock.\n\nActions taken:\nWe should have audited the listings in March.\nWe could have caught the error sooner.\n"
    assert "specificity.future-actions" not in {f.rule for f in lint(regret).findings}
    ahead = "Root cause:\nWe did not check stock.\n\nActions taken:\nWe will have refunded the buyers by Friday.\nWe should remove the listing.\n"
    assert "specificity.future-actions" in {f.rule for f in lint(ahead).findings}


def test_reason_option_overrides_detection(lint):
    report = lint("Our late shipment rate was 6% and our handling time was 1 day.", reason="ip")
    assert report.reason == "ip"
    assert "reason.ip-rights-owner" in {f.rule for f in report.findings}


def test_reason_detected_from_text(lint):
    assert lint("Our late shipment rate was 6% because our handling time was 1 day.").reason == "late_shipment"
    assert lint("We sell kitchen tools.").reason is None


@pytest.mark.parametrize(
    "text,reason",
    [
        # product safety, not only food: a safety complaint, a hazard, an injury, a standard (round 36)
        ("After a customer safety complaint about the night lamp we tested 20 units; two overheated at the switch.", "safety"),
        ("The rattle was removed for a choking hazard: the cap failed the ASTM F963 pull test.", "safety"),
        # a condition complaint in the notice's and buyers' words ("used or damaged", "smelling used")
        ("Nine buyers reported the scarves arrived used or damaged; seven were returns we had put back as new stock.", "condition"),
        # "fake reviews" is review manipulation, not an authenticity complaint
        ("We were suspended for manipulation of reviews: our insert card offered a gift for a five-star review.", "review_manipulation"),
        ("Our account was deactivated because a buyer called our charger fake; we attach the supplier invoices for it.", "inauthentic"),
        # related accounts in the notice's own shape: "related to another account", "another seller account",
        # a shared computer or Wi-Fi (round 38); the order defect rate named in passing does not outweigh it
        ("The notice says our store is related to another account that was closed in 2022, so we checked every login.", "related_accounts"),
        ("Our clerk used the same laptop to sign in to another seller account, so the two were linked; our ODR stayed under 1%.", "related_accounts"),
        # a battery hazard in the buyers' words, a British "trade mark", a claim the product may not make (round 38)
        ("Two buyers wrote that the power bank got very hot and gave off smoke; cells from the new maker pass UN 38.3.", "safety"),
        ("The complaint says our title used their registered trade mark; we took the trade mark out of every listing.", "ip"),
        ("Our listings made disease claims for a herbal tea and pesticide claims for a neem spray.", "restricted"),
    ],
)
def test_reason_cues_read_the_case(text, reason):
    from appeal_lint import reasons

    assert reasons.detect(text) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "The customers have lied to Amazon.",
        "Buyers did not follow the instructions in the manual.",
        "The parcel was damaged by the buyer.",
    ],
)
def test_blame_generalises_over_inflection(lint, sentence):
    assert "ownership.blames-buyer" in {f.rule for f in lint(sentence).findings}


@pytest.mark.parametrize(
    "sentence",
    [
        "Our picker sent the wrong size to the buyer.",
        "We did not reply to the buyer within 24 hours.",
        "The buyer received the parcel on May 3.",
    ],
)
def test_owning_sentences_naming_the_buyer_are_not_blame(lint, sentence):
    assert "ownership.blames-buyer" not in {f.rule for f in lint(sentence).findings}


def test_only_changed_paragraphs_are_parsed_again():
    from appeal_lint.engine import Engine
    from appeal_lint.settings import Settings
    from appeal_lint.source import Source

    engine = Engine(Settings(cache_docs=True, grammar=False))
    engine.compile()
    parsed = []
    real_pipe = engine.nlp.pipe

    def counting_pipe(texts, **kwargs):
        texts = list(texts)
        parsed.extend(texts)
        return real_pipe(texts, **kwargs)

    engine.nlp.pipe = counting_pipe
    try:
        text = (EXAMPLES / "strong-odr.txt").read_text(encoding="utf-8")
        first = engine.lint_sources([Source("d.txt", text)]).files[0]
        assert len(parsed) == len(first.roles)
        parsed.clear()
        edited = text.replace("We refunded all 9 affected buyers", "We refunded all 9 buyers")
        second = engine.lint_sources([Source("d.txt", edited)]).files[0]
        assert parsed == ["We refunded all 9 buyers in full between September 10 and September 12."]
        assert [r.role for r in second.roles] == [r.role for r in first.roles]
    finally:
        engine.nlp.pipe = real_pipe


def test_the_score_does_not_depend_on_the_order_of_the_findings():
    """A float sum in the findings' order rounded 49.5 and 50.5 apart for the same findings (a wrapped
    letter scored a point below its unwrapped self): the score is the exact sum's."""
    import itertools

    from appeal_lint.grading import grade
    from appeal_lint.model import Finding

    def finding(rule, category, severity):
        return Finding(code="AL000", rule=rule, category=category, severity=severity, message="", why="",
                       line=1, column=1, end_line=1, end_column=2, start=0, end=1, text="x")

    kinds = [("structure.a", "structure", "error", 3), ("language.b", "language", "error", 3),
             ("reason.c", "reason", "warning", 2), ("language.d", "language", "info", 3), ("language.e", "language", "warning", 2)]
    groups = [[finding(rule, category, severity) for _ in range(n)] for rule, category, severity, n in kinds]
    scores = {grade([f for g in order for f in g], {}).score for order in itertools.permutations(groups)}
    assert len(scores) == 1, scores


def test_two_model_findings_of_substance_hold_a_letter_back():
    """One model finding is a prompt to reread; two of blame, off-topic content or vagueness
    make an A or B letter "revise before sending" (round 36), and language never does."""
    from appeal_lint.grading import grade
    from appeal_lint.model import Finding

    def learned(category, severity="warning"):
        return Finding(code="AL390", rule=f"{category}.learned", category=category, severity=severity, message="", why="",
                       line=1, column=1, end_line=1, end_column=2, start=0, end=1, text="x", origin=f"{category}.learned")

    one = grade([learned("ownership")], {})
    assert one.letter in ("A", "B") and one.verdict == "ready to send"
    two = grade([learned("ownership"), learned("specificity")], {})
    assert two.letter in ("A", "B") and two.verdict == "revise before sending"
    slips = grade([learned("language"), learned("language")], {})
    assert slips.verdict == "ready to send"
    hints = grade([learned("focus", "info"), learned("focus", "info")], {})
    assert hints.verdict == "ready to send"


def test_words_in_quotation_marks_are_quoted_not_written(lint):
    # the insert's own words carry a question, a comma splice and capitals: the writer quotes them
    quoted = ('Actions taken\n\nOn 3 May we destroyed the 600 inserts that read "Like our kettle? Rate it 5 stars, '
              'we send you a FREE GIFT NOW" and told the printer to stop.\n')
    rules = {f.rule for f in lint(quoted).findings}
    assert not rules & {"focus.questions", "language.comma-splice", "tone.all-caps"}, rules
    # the same words written by the writer are flagged
    written = ('Actions taken\n\nOn 3 May we destroyed the 600 inserts. Do you like our kettle? Rate it 5 stars, '
               'we send you a FREE GIFT NOW.\n')
    rules = {f.rule for f in lint(written).findings}
    assert {"focus.questions", "tone.all-caps"} <= rules, rules


def test_a_question_about_a_quoted_word_is_still_a_question(lint):
    text = 'Root cause\n\nCould you tell us why the word "original" in our title was read as a claim?\n'
    assert "focus.questions" in {f.rule for f in lint(text).findings}
