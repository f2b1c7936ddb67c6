"""language.agreement: number agreement read from the parse, and the shapes it must leave alone."""

from __future__ import annotations

import pytest

from appeal_lint.analyzers.agreement import plural, third_person
from appeal_lint.errors import RuleError
from appeal_lint.ruleset import load_folder

RULE = "language.agreement"


def agreement(lint, sentence: str):
    result = lint(f"Actions taken\n{sentence}\n")
    return [f for f in result.findings if f.rule == RULE]


@pytest.mark.parametrize(
    "sentence, flagged, replacement",
    [
        ("The spare chargers was packed in the wrong cartons.", "chargers was", "were"),
        ("Our supplier invoices has been sent to Seller Support again.", "invoices has", "have"),
        ("The packing slip are now printed with the order ID.", "slip are", "is"),
        ("Each of the four packers have signed the new checklist.", "have", "has"),
        ("Everyone in the warehouse were trained on 3 May.", "were", "was"),
        ("There was five orders with a wrong address.", "was", "were"),
        ("Every listings now shows the size chart.", "Every listings", "Every listing"),
        ("We refunded 12 customer on the same day.", "12 customer", "12 customers"),
        ("We must of missed the expiry date on that pallet.", "must of", "must have"),
        ("Its been two weeks since we changed the carrier.", "Its", "It's"),
        ("The scanner not beep when the label is wrong.", "scanner not beep", "scanner does not beep"),
        ("Each morning she also check the returns shelf.", "she also check", "she also checks"),
        ("The note in each parcel explain how to claim a refund.", "explain", "explains"),
        ("We now weigh every parcel before it leave the warehouse.", "it leave", "it leaves"),
        ("Our dispatch lead must signs each packing list before noon.", "must signs", "must sign"),
        ("The new scale will not rejecting a carton under 2 kg.", "will not rejecting", "will not reject"),
        ("We took back 2,400 bottle from the two warehouses.", "2,400 bottle", "2,400 bottles"),
        ("Our packer has already pack the next 30 parcels with double walls.", "has already pack", "has already packed"),
        ("We have write a new checklist for the night shift.", "have write", "have written"),
        ("Last week the team had stop all the sales of the heater.", "had stop", "had stopped"),
        ("The old labels were destroy in front of our auditor.", "were destroy", "were destroyed"),
        ("The 40 replacement kettles have been deliver to the buyers.", "been deliver", "been delivered"),
        ("Our audit found that the new carton labels was printed without the FNSKU.", "labels was", "were"),
        # round 28: "each" and "no-" words with a bare verb, a modal with "to", a plural word before a
        # singular noun, a relative clause's verb, the present perfect with a finished time
        ("After the move nobody update the stock file on weekends.", "nobody update", "updates"),
        ("Each of the night packers weigh the carton before sealing it.", "weigh", "weighs"),
        ("From May every supplier must to send the invoice with the goods.", "must to", "must"),
        ("Several customer wrote that the strap came loose.", "Several customer", "Several customers"),
        ("We wrote to the rights owner, who have now withdrawn the complaint.", "have", "has"),
        ("We removed the four listings that was still live.", "was", "were"),
        ("We use a carrier that upload tracking within an hour.", "upload", "uploads"),
        ("Our warehouse has shipped the 30 replacements yesterday.", "has shipped", "shipped"),
        ("We have done a full stock count last week.", "have done", "did"),
        ("Our packer has already sent the 12 parcels yesterday.", "has already sent", "already sent"),
        # round 38: a share of a plural ("most of the claims"), "a lot of" and "no" before a plural after "there"
        ("Of the 90 returns we opened, 23 of them was missing the charger.", "was", "were"),
        ("Most of the late parcels has gone through the Leeds depot.", "has", "have"),
        ("There was a lot of cancellations after the stock file broke.", "was", "were"),
        ("There is no gaps in the tracking uploads since June.", "is", "are"),
        ("Each complaint now gets the follow-up it deserve within a day.", "it deserve", "it deserves"),
    ],
)
def test_agreement_slips_are_found_with_their_fix(lint, sentence, flagged, replacement):
    found = agreement(lint, sentence)
    assert len(found) == 1, [f.message for f in found]
    assert found[0].text == flagged
    assert found[0].suggestions[0] == replacement


@pytest.mark.parametrize(
    "sentence",
    [
        "Our team are now checking every label twice.",  # British collective
        "Four late parcels is a small number, but each one let a buyer down.",  # an amount read as one thing
        "If our listing were accurate, the buyer would not have complained.",  # subjunctive
        "Bramble Garden Supplies has not sold since March.",  # a name ending in -s
        "Our order defect rate reached 1.9% on 4 June.",  # compounds the tagger may split
        "The warehouse lead checks the log each evening.",
        "A few pallets were stored near the door.",
        "We check stock every 4 hours and after each delivery.",
        "Twenty-one were sealed and went back to stock.",
        "We offered a £10 refund to each of the four buyers.",
        "The listing drew four buyer complaints in May.",
        "We closed the 2019 account on 2 March.",
        "We had bought the lot from a 1688 supplier in Yiwu.",  # a platform's name, not a count
        "None of our listings are priced above the 30-day average.",
        "We could, of course, have checked the title earlier.",
        "When will the reserved stock be released to us?",  # a question: the modal before its subject
        "Our packers will put returned units on the grey shelf.",  # "put" is the same in every tense
        "We should have been weighing the cartons at the door.",
        "Its packaging now carries the batch number.",
        "We have 3% of the orders on hold, and the rest are shipped.",
        "We send each return to a separate returns rack.",
        # the parser reads "to" into the noun phrase and takes "emails" for the subject
        "Our mean reply time to buyer messages has fallen from 2 days to 6 hours.",
        "Every buyer who got a lot 4471 bottle was offered a refund.",  # a lot number, not a count
        # a base form after "have" or "be" that is right: same as its participle, a noun, an adjective, a compound
        "We have put the spare stock on hold, and the price was set by our manager.",
        "We have access to the carrier's portal and had stock for all 40 orders.",
        "Four of the returned kettles had loose lids.",
        "We had no proof that the labels were genuine.",
        "Each mug will be drop-tested before the carton is sealed.",
        "The listing is live again and the report is due on Friday.",
        "We have to check every carton, and the results are kept for a year.",
        # "that" before a gerund subject, and "after" in front of a time: the number is not the noun's
        "We agree that shipping orders from another seller's stock is not allowed.",
        "Orders placed after 2 pm are now dispatched the next working day.",
        # round 28's checks leave these alone
        "Three agents each handle about 60 messages a day.",  # "each" after the subject it shares out
        "We saw everything we had built disappear in one morning.",  # a complement of "see"
        "We did everything we can to make sure parcels leave on time.",  # "can" standing for its verb
        "We ought to have checked the listing earlier.",
        "These test buys were placed by our own staff.",  # "test" is half of a compound
        "Many people in our team work two shifts.",
        "We replied to every message, including 31 that were older than two days.",
        "We checked the 9 orders from the 28 March dispatch that are still in transit.",
        "We packed 1,940 units of fairy lights, which is nine times our usual volume.",
        "Our feedback score has stayed at 98% for the last year.",
        "We have fixed the image issue that was raised last month.",
        "We have attached a bank statement issued two weeks ago.",
        "We raised the price in one week, and we understand this hurt buyers.",  # "this" as the subject
        # round 38's partitive and "there" checks leave these alone
        "One of the three scanners was broken that week.",
        "None of the replacement units has come back.",
        "Half of the stock was still in the container.",
        "$2,300 of our funds is held until the review ends.",
        "The handling time for 40 of our listings was two days.",
        "There was a lot of noise in the warehouse that week.",
        "There were no gaps in the tracking uploads.",
    ],
)
def test_correct_english_is_left_alone(lint, sentence):
    assert agreement(lint, sentence) == []


def test_headings_are_not_checked(lint):
    result = lint("Actions Taken For The Orders Was Late\nWe refunded all 14 buyers on 3 May.\n")
    assert [f for f in result.findings if f.rule == RULE] == []


def test_findings_point_at_the_words_and_offer_no_unsafe_fix(lint):
    text = "Actions taken\nWe packed the order, and the tracking numbers was uploaded the same day.\n"
    result = lint(text)
    (f,) = [f for f in result.findings if f.rule == RULE]
    assert text[f.start : f.end] == "numbers was"
    assert f.fix is None


def test_chinese_messages(engine):
    from appeal_lint.source import Source

    old = engine.settings.lang
    engine.settings.lang = "zh"
    try:
        report = engine.lint_sources([Source("d.txt", "Actions taken\nThe invoices was sent on 2 May.\n")])
    finally:
        engine.settings.lang = old
    (f,) = [f for f in report.files[0].findings if f.rule == RULE]
    assert "单复数" in f.message and "were" in f.message


def test_participles_come_from_the_pipelines_tables(engine):
    from appeal_lint.analyzers.agreement import VerbForms

    forms = VerbForms(engine.nlp)
    assert [forms.participle(w) for w in ("send", "write", "ship", "check", "arrive", "carry", "begin")] == [
        "sent", "written", "shipped", "checked", "arrived", "carried", "begun"]
    assert forms.base("ship") and not forms.base("put") and not forms.base("shipped") and not forms.base("live")
    assert VerbForms(None).base("ship") is False  # a pipeline without the tables: the checks find nothing


def test_past_forms_and_one_lexicon_per_pipeline(engine):
    from appeal_lint.analyzers.agreement import VerbForms

    forms = VerbForms.of(engine.nlp)
    assert forms is VerbForms.of(engine.nlp)
    assert [forms.past(w) for w in ("do", "hold", "run", "ship", "send", "write")] == ["did", "held", "ran", "shipped", "sent", "wrote"]
    assert [forms.participle(w) for w in ("run", "put")] == ["run", "put"]


def test_inflection_helpers():
    assert [plural(w) for w in ("unit", "box", "battery", "day", "dish")] == ["units", "boxes", "batteries", "days", "dishes"]
    assert [third_person(w) for w in ("send", "go", "have", "carry", "fix")] == ["sends", "goes", "has", "carries", "fixes"]
    from appeal_lint.analyzers.substitution import inflect

    ing = ["reinstate", "ship", "plan", "open", "visit", "fix", "see", "tie", "agree", "read", "allow"]
    assert [inflect(w, "VBG") for w in ing] == ["reinstating", "shipping", "planning", "opening", "visiting", "fixing",
                                                "seeing", "tying", "agreeing", "reading", "allowing"]


@pytest.mark.parametrize(
    "extra, message",
    [
        ("checks: [subject_verb, spelling]", "unknown check"),
        ("collective: team", "collective must be a list"),
    ],
)
def test_bad_rule_options_are_rule_errors(tmp_path, extra, message):
    from appeal_lint.analyzers import agreement as mod

    (tmp_path / "agree.yaml").write_text(
        "id: local.agree\ncode: X900\ncategory: language\nseverity: warning\ntype: agreement\n"
        f"message: m\nwhy: w\n{extra}\nexamples: {{bad: [a], good: [b]}}\n",
        encoding="utf-8",
    )
    (rule,) = load_folder(tmp_path)
    with pytest.raises(RuleError, match=message):
        mod.compile(rule, None, None)


def _fixed(tmp_path, capsys, body: str) -> str:
    """The draft's text after ``appeal-lint --fix``."""
    from appeal_lint.cli import main

    path = tmp_path / "poa.txt"
    path.write_text(f"Actions taken\n{body}\n", encoding="utf-8")
    main(["--fix", str(path)])
    capsys.readouterr()
    return path.read_text(encoding="utf-8")


def test_a_missing_apostrophe_is_fixed_to_its_own_word(tmp_path, capsys):
    """language.confusables: each swap's fix is its own word ("their's" was fixed to "ours" until round 38)."""
    fixed = _fixed(tmp_path, capsys, "The error was their's, and we didnt see it. We cant ship on Sundays.")
    assert fixed == "Actions taken\nThe error was theirs, and we didn't see it. We can't ship on Sundays.\n"


def test_fix_applies_only_the_unambiguous_checks(tmp_path, capsys):
    fixed = _fixed(tmp_path, capsys, "We should of checked it. Its been fixed, and the invoices was resent.")
    assert fixed == "Actions taken\nWe should have checked it. It's been fixed, and the invoices was resent.\n"
