"""Grammar findings on real letters: names, list markers and terms of the trade raise
nothing; real errors still do. Every text below gave grammar findings before these
filters (measured with bench/grammar_precision.py) and gives none now."""

from __future__ import annotations

import pytest

from appeal_lint.grammar.precision import foreign_lines, list_marker_spans, name_spans, typo_shaped


def grammar(report):
    return [(f.rule.rsplit(".", 1)[-1], f.text, f.severity) for f in report.findings if f.rule.startswith("grammar.")]


@pytest.mark.parametrize(
    "text",
    [
        # person names after a title, at a sentence start, and used again without it
        "Ms. Zhou now answers every buyer message within 12 hours, and Dr. Okafor Nnamdi audits the log each Friday.",
        "Our new packer, Mr. Wojciechowski, weighs every carton.\nWojciechowski logs the weight in the shipping sheet.",
        # a signature with no sign-off, and one under "With kind regards,": the family
        # name that ends one line and starts the next is not a doubled word
        "We ask you to restore our selling privileges.\n\nDaniel Okoro\nOkoro Home Goods",
        "Thank you for your time.\n\nWith kind regards,\nBrennan Lowry\nLowry Home Partners",
        # list markers: a. b. c) i. are not articles, misspellings or sentence starts
        "Preventive measures:\na. Every SKU is checked against its FNSKU label before it leaves the warehouse.\n"
        "b. Tracking is uploaded within two hours.\nc) Ms Huang reviews the Late Shipment Rate daily.\n"
        "i. Any A-to-z claim is answered the same day.",
        # terms of the trade: product materials, packaging
        "Dear Seller Performance Team,\n\nWe sell nitrile and latex gloves and kraft paper mailers through FBA and FBM.",
        # company forms and marketplace domains: "sp." and "o.o." end no sentence
        "Invoices from Kuchnia Sp. z o.o. and Haiyue Trading Co., Ltd. cover all 2,400 units.\n"
        "Orders on Amazon.com.tr and Amazon.pl now ship with tracking from Yurtiçi Kargo and InPost.",
        # units, names, "a.m." and a production lot are not articles or quantity phrases
        "The 12 V adapters delivered 2.4 A under load, against the 3 A on the label, and now ship before 11 a.m.\n"
        "Our director's name, Nguyen Van An, is spelled the same on the bank statement.\n"
        "The test buy received a unit from a lot we had bought without invoices, and a herbal tea from lot 2209.",
        # British spelling is not a misspelling
        "Our fulfilment centre in Leeds stores the grey moulded trays, and our Pre-fulfilment Cancel Rate is now 0.4%.",
    ],
)
def test_real_letter_text_raises_no_grammar_finding(lint, text):
    assert grammar(lint(text)) == []


def test_real_errors_are_still_caught_among_names_and_markers(lint):
    text = (
        "b. Since Ms. Zhou joined, she check every parcel twice.\n"
        "c. We found an problem with a invoice and removed the the listing. A error and a lot cables followed.\n"
        "d. We have took the stock off sale since two years."
    )
    result = lint(text)
    found = {(kind, word): severity for kind, word, severity in grammar(result)}
    # "she check": Harper's agreement finding gives way to language.agreement on the same words
    assert [(f.rule, f.text) for f in result.findings if f.rule == "language.agreement"] == [("language.agreement", "she check")]
    assert found == {
        ("miscellaneous", "an"): "warning",
        ("miscellaneous", "a"): "warning",
        ("repetition", "the the"): "warning",
        ("miscellaneous", "A"): "warning",  # "A error" at a sentence's start is still an article
        ("miscellaneous", "lot"): "warning",  # "a lot cables" still needs "of"
        ("grammar", "took"): "warning",
        ("miscellaneous", "since two years"): "warning",
    }


def test_typos_are_spelling_and_unknown_terms_are_not(lint):
    found = grammar(lint("We recieved the parcel, and the seperate box held our neem oil and ashwagandha gummies."))
    spelling = {word for kind, word, _ in found if kind == "spelling"}
    unknown = {word for kind, word, _ in found if kind == "unknown_word"}
    assert spelling == {"recieved", "seperate"}
    assert "neem" in unknown and "ashwagandha" in unknown
    assert {severity for _, _, severity in found} == {"info"}


def test_spelling_can_be_raised_to_a_warning():
    from appeal_lint.engine import Engine
    from appeal_lint.settings import Settings
    from appeal_lint.source import Source

    engine = Engine(Settings(select=["grammar.check"], severity={"grammar.harper.spelling": "warning"}))
    report = engine.lint_sources([Source("d.txt", "We recieved the parcel on Monday.")]).files[0]
    assert grammar(report) == [("spelling", "recieved", "warning")]


def test_user_phrases_cover_every_word(lint, engine):
    old = list(engine.settings.words)
    engine.settings.words[:] = ["Brightwater Kelp-Gel"]
    try:
        assert grammar(lint("We removed Brightwater Kelp-Gel from sale.")) == []
    finally:
        engine.settings.words[:] = old


# -- the helpers ----------------------------------------------------------------
def test_list_markers():
    text = "Steps:\na. First\n  b) Second\n(iii) Third\n4、Fourth\nA sentence. b. not a marker"
    markers = [text[s:e].strip() for s, e in list_marker_spans(text)]
    assert markers == ["a.", "b)", "(iii)", "4、"]


def test_name_spans():
    text = "Dear Ms Rao,\nOur manager, Mr Chen\nWei, checks it.\nFrom: Lena Vogt\n\nBest regards,\nKofi Mensah\nMensah Traders"
    names = {text[s:e] for s, e in name_spans(text)}
    assert {"Rao", "Chen\nWei", "Lena Vogt", "Kofi Mensah", "Mensah Traders"} <= names
    assert not any("checks" in n for n in names)


@pytest.mark.parametrize(
    "word, suggestion, expected",
    [
        ("recieved", "received", True), ("occured", "occurred", True), ("seperate", "separate", True),
        ("wich", "which", True), ("dont", "don't", True), ("november", "November", True),
        ("neem", "need", False), ("gummies", "gummiest", False), ("kurtas", "Kurt's", False), ("breakages", "breakage's", False),
    ],
)
def test_typo_shapes(word, suggestion, expected):
    assert typo_shaped(word, suggestion) is expected


def test_foreign_lines():
    text = "We fixed it.\nMed vennlig hilsen,\nIngrid"
    spans = foreign_lines(text, [(text.index("vennlig"), text.index("vennlig") + 7), (text.index("hilsen"), text.index("hilsen") + 6)])
    assert [text[s:e].strip() for s, e in spans] == ["Med vennlig hilsen,"]


def test_drop_must_be_a_list_of_kinds(tmp_path):
    from appeal_lint.analyzers import grammar as analyzer
    from appeal_lint.errors import RuleError
    from appeal_lint.ruleset import load_folder

    (tmp_path / "g.yaml").write_text(
        "id: mine.grammar\ncode: XG100\ncategory: language\nseverity: warning\ntype: grammar\nmessage: m\nwhy: w\n"
        "drop: style\nexamples: {bad: [We has it.], good: [We have it.]}\n",
        encoding="utf-8",
    )
    (rule,) = load_folder(tmp_path)
    with pytest.raises(RuleError) as err:
        analyzer.compile(rule, None, None)
    assert "drop must be a list of kinds" in str(err.value)
