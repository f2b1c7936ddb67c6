"""language.missing-article: a singular count noun with no article, and the shapes it must leave alone."""

from __future__ import annotations

import pytest

from appeal_lint.errors import RuleError
from appeal_lint.ruleset import load_folder

RULE = "language.missing-article"


def missing(lint, sentence: str, heading: str = "Actions taken"):
    result = lint(f"{heading}\n{sentence}\n")
    return [f for f in result.findings if f.rule == RULE]


@pytest.mark.parametrize(
    "sentence, flagged, suggestions",
    [
        ("On 9 June we gave the buyer full refund for the cracked lamp.", "full refund", ["a full refund", "the full refund"]),
        ("Our packing table did not have scanner to read the FNSKU barcodes.", "scanner", ["a scanner", "the scanner"]),
        ("Since last week every parcel leaves from warehouse in Dongguan.", "warehouse", ["a warehouse", "the warehouse"]),
        ("Each returned unit is checked before it goes back to shelf.", "shelf", ["a shelf", "the shelf"]),
        ("We could not find invoice for the 200 units bought in March.", "invoice", ["an invoice", "the invoice"]),
    ],
)
def test_a_dropped_article_is_found_with_both_articles_offered(lint, sentence, flagged, suggestions):
    found = missing(lint, sentence)
    assert len(found) == 1, [f.message for f in found]
    assert found[0].text == flagged
    assert found[0].suggestions == suggestions


@pytest.mark.parametrize(
    "sentence",
    [
        "On 9 June we gave the buyer a full refund and a prepaid return label.",
        "Each buyer was told by message and offered a refund or replacement.",  # "by", and a list sharing "a"
        "Two units left the warehouse without the insert, so we opened every carton from that batch.",
        "Our team now checks invoice INV-3381 against each delivery note.",  # a code after the noun
        "The recalled charger has little chance of being relisted.",  # a quantity word
        "We moved warehouse in May and did not update the handling time.",  # English drops it here
        "After changing supplier, we tested 20 chargers from every batch.",
        "We trace each unit from factory to buyer with its batch code.",
        'The card said "Leave review, get gift" and we destroyed all 500 of them.',  # quoted words
        "Refund issued to buyer within 24 hours.",  # a note: no determiner, no finite verb
    ],
)
def test_shapes_where_english_or_a_note_drops_the_article_are_left_alone(lint, sentence):
    assert missing(lint, sentence) == []


def test_list_items_and_headings_are_notes(lint):
    result = lint("Actions taken\n- Sent full refund to the 12 buyers on 3 May.\n- Checked every parcel before it left warehouse.\n")
    assert [f for f in result.findings if f.rule == RULE] == []


@pytest.mark.parametrize(
    "extra, message",
    [
        ("count_nouns: refund", "count_nouns must be a list"),
        ("count_nouns: []\nskip_verbs: [move]", "at least one noun"),
    ],
)
def test_bad_rule_options_are_rule_errors(tmp_path, extra, message):
    from appeal_lint.analyzers import article as mod

    (tmp_path / "article.yaml").write_text(
        "id: local.article\ncode: X901\ncategory: language\nseverity: warning\ntype: article\n"
        f"message: m\nwhy: w\n{extra}\nexamples: {{bad: [a], good: [b]}}\n",
        encoding="utf-8",
    )
    (rule,) = load_folder(tmp_path)
    with pytest.raises(RuleError, match=message):
        mod.compile(rule, None, None)
