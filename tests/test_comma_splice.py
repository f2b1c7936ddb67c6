"""language.comma-splice: two sentences joined by a comma alone, and the shapes it must leave alone."""

from __future__ import annotations

import pytest


RULE = "language.comma-splice"


def splices(lint, text: str):
    return [f for f in lint(text).findings if f.rule == RULE]


@pytest.mark.parametrize(
    "sentence, second",
    [
        ("The label printer broke down on Tuesday, nobody noticed it until the evening.", "nobody noticed"),
        ("Our stock sheet was updated once a week, it could not follow the weekend sales.", "it could not follow"),
        ("I have read the policy again, I now understand why the bundle was not allowed.", "I now understand"),
        ("Two buyers sent the lamps back, the glass shades were cracked in both.", "the glass shades were cracked"),
        ("Amazon notified us on 2 June, we removed the listing on the same day.", "we removed"),
    ],
)
def test_splices_are_found_with_two_ways_to_mend_them(lint, sentence, second):
    found = splices(lint, f"Root cause\n\n{sentence}\n")
    assert len(found) == 1, [f.message for f in found]
    assert found[0].text == ", " + second
    head, _, rest = second.partition(" ")
    assert found[0].suggestions == [". " + head[0].upper() + head[1:] + " " + rest, "; " + second]
    assert not found[0].fix or not found[0].fix.safe  # a full stop or a joining word: the writer chooses


@pytest.mark.parametrize(
    "sentence",
    [
        "When the scanner failed on Tuesday, our packers wrote the tracking numbers by hand.",  # subordinate first
        "Had we checked the batch, the cracked shades would have been found.",  # inverted condition
        "To stop this from happening again, we weigh every parcel before sealing it.",  # purpose clause first
        "We counted the stock, relabelled 40 cartons and sent them to the warehouse.",  # one subject, a list of verbs
        "Of the 30 claims, 21 were about size, 6 were about colour and 3 were never delivered.",  # a list of clauses
        "The week we moved warehouse, two pickers were off sick.",  # a relative clause without "that"
        "We answer every message within 12 hours, public holidays included.",  # an absolute phrase
        "The parcels left on time; the carrier scanned them a day later.",  # a semicolon
        "Our packer checked the order, but the label was already wrong.",  # joined by "but"
        "We accept that, for nine orders, the tracking number was wrong.",  # a clause opened by "that"
    ],
)
def test_joined_clauses_and_phrases_are_left_alone(lint, sentence):
    assert splices(lint, f"Root cause\n\n{sentence}\n") == []


def test_list_items_and_headings_are_not_read(lint):
    text = "Actions taken, all of them done\n\n- Stock counted, 40 cartons relabelled, the count matches now\n- The printer was fixed, it prints again\n"
    assert splices(lint, text) == []


def test_each_splice_in_a_paragraph_is_found_where_it_is(lint):
    text = "Root cause\n\nThe carrier collected late on 3 May, we did not change the handling time. We regret it. Our sheet was old, it showed stock we had sold.\n"
    found = splices(lint, text)
    assert [text[f.start : f.end] for f in found] == [", we did not change", ", it showed"]


def test_the_full_stop_wording_mends_the_sentence(lint):
    text = "Root cause\n\nOur supplier changed the charger, we did not test the new one.\n"
    (finding,) = splices(lint, text)
    mended = text[: finding.start] + finding.suggestions[0] + text[finding.end :]
    assert mended == "Root cause\n\nOur supplier changed the charger. We did not test the new one.\n"
    assert splices(lint, mended) == []


def test_a_splice_across_a_wrapped_line_is_worded_on_one_line(lint):
    text = "Root cause\n\nOur stock sheet was updated once a week by hand, our\nwarehouse team did not see the weekend sales.\n"
    (finding,) = splices(lint, text)
    assert finding.suggestions == [". Our warehouse team did not see", "; our warehouse team did not see"]
