"""The layout reader (appeal_lint.draft): headings, lists, wrapped lines, tables and
signatures in the shapes sellers paste into Seller Central's plain-text box."""

from __future__ import annotations

import pytest

from appeal_lint.draft import Draft, checker_text
from appeal_lint.newlines import normalize


def shape(text: str) -> list[tuple[str, str]]:
    """(kind, first words) of every block."""
    return [(b.kind, " ".join(b.content.split()[:3])) for b in Draft(text).blocks]


def headings(text: str) -> list[str]:
    return [b.title for b in Draft(text).blocks if b.kind == "heading"]


BODY = "Our handling time was one day while the warehouse packs orders only on weekdays."


@pytest.mark.parametrize(
    "heading, title",
    [
        ("Root cause", "Root cause"),
        ("Root cause:", "Root cause"),
        ("WHY IT HAPPENED", "WHY IT HAPPENED"),
        ("## Root cause", "Root cause"),
        ("**Root cause**", "Root cause"),
        ("1) Root cause", "Root cause"),
        ("A. Root cause", "Root cause"),
        ("Step 1: Root cause", "Root cause"),
        ("Why did this happen?", "Why did this happen?"),
        ("2. What caused the issue?", "What caused the issue?"),
    ],
)
def test_a_heading_is_found_in_any_common_style(heading, title):
    text = f"Dear Seller Performance,\n\n{heading}\n\n{BODY}\n"
    assert title.lower() in " ".join(headings(text)).lower()
    assert shape(text)[-1] == ("paragraph", "Our handling time")


def test_an_underlined_line_is_a_heading():
    text = f"Root cause\n==========\n{BODY}\n\nActions taken\n-------------\nWe refunded 14 buyers on 3 May.\n"
    assert headings(text) == ["Root cause", "Actions taken"]


def test_a_heading_without_a_blank_line_over_its_list():
    text = "Preventive measures\n- A second person checks every label before pickup.\n- The LSR is reviewed every Monday by Li Na.\n"
    blocks = Draft(text).blocks
    assert [b.kind for b in blocks] == ["heading", "bullet", "bullet"]


def test_a_short_sentence_is_not_a_heading():
    text = "We are sorry.\nOur handling time was one day while the warehouse packed orders on weekdays only.\n"
    assert headings(text) == []


def test_the_appeal_forms_questions_are_headings_and_a_request_is_not():
    text = (f"What caused the issue?\n\n{BODY}\n\nWhat have we done already?\n\nWe refunded 14 buyers on 3 May.\n\n"
            "How will we prevent this from happening again?\n- Li Na checks the LSR every Monday.\n\n"
            "Could you tell us why our Brand Registry application is still pending?\n\nKind regards,\nLi Wei\n")
    assert headings(text) == ["What caused the issue?", "What have we done already?", "How will we prevent this from happening again?"]
    assert ("paragraph", "Could you tell") in shape(text)


@pytest.mark.parametrize("protest", [
    "Why is a single slow week enough to close a whole store?",
    "Why should a seller pay for a courier's lost scans?",
    "Why Amazon did not tell us before removing the listing?",
    "Why our 2 late orders count more than 600 good ones?",
])
def test_a_protest_question_on_its_own_line_is_a_sentence_not_a_heading(protest):
    # one sentence per line, as many writers send it: a "why" line that protests is read as the
    # letter's own words (and checked), while "Why did this happen?" over its answer is a heading
    text = (f"Why did this happen?\n{BODY}\nWe did not move the cut-off when the warehouse changed its days.\n"
            f"{protest}\nWe know the rate is ours to keep under 4%.\n\nKind regards,\nLi Wei\n")
    assert headings(text) == ["Why did this happen?"]
    assert any(protest in b.content for b in Draft(text).blocks if b.kind != "heading")


@pytest.mark.parametrize("marker", ["-", "*", "\u2022", "\u25cf", "\u25cb", "\u25aa", "\u2013", "1.", "2)", "(a)", "iv.", "(iii)", "3\u3001"])
def test_list_markers(marker):
    text = f"Actions taken:\n{marker} We refunded 14 buyers on 3 May.\n{marker} We removed the two listings on 4 May.\n"
    blocks = Draft(text).blocks
    assert [b.kind for b in blocks][-2:] == ["bullet", "bullet"]
    assert blocks[-1].content.startswith("We removed")


def test_hard_wrapped_lines_are_one_paragraph():
    para = (
        "On 3 May we found that the handling time in our shipping template was one\n"
        "day, while the warehouse ships only from Monday to Friday; orders placed on\n"
        "Friday evening therefore left on Monday and were marked late by the system.\n"
    )
    text = "Dear team,\n\n" + para + "\nWe changed the template to two days on 4 May and checked it twice.\n"
    blocks = Draft(text).blocks
    assert [b.kind for b in blocks] == ["paragraph"] * 3
    assert blocks[1].content.count("\n") == 2
    assert "\n" not in Draft(text).flowed[blocks[1].start : blocks[1].end]


def test_single_newline_paragraphs_are_kept_apart():
    # one paragraph per line, as the appeal box keeps them: lines of any length, each a
    # finished sentence, the next one's first word would have fitted on the line above
    text = (
        "Dear Seller Performance Team,\n"
        "We received your notice of 12 June about our late shipment rate of 7.2%.\n"
        "The cause was our handling time of one day, set in 2023 when we still had a second packer on the weekend shift.\n"
        "On 14 June we set the handling time to two days for all 212 SKUs.\n"
        "Our warehouse lead checks the rate every Monday.\n"
    )
    assert [" ".join(b.content.split()[:2]) for b in Draft(text).blocks] == ["Dear Seller", "We received", "The cause", "On 14", "Our warehouse"]


def test_table_rows_stay_apart():
    text = (
        "Orders affected:\n"
        "| Order ID | Date | Action |\n"
        "|---|---|---|\n"
        "| 111-2345678-1234567 | 3 May | refunded |\n"
        "| 111-2345678-7654321 | 4 May | replaced |\n"
    )
    rows = [b for b in Draft(text).blocks if "|" in b.content]
    assert len(rows) == 3


def test_valediction_opens_the_signature_without_a_blank_line():
    text = "We thank you for reading our plan.\nSincerely,\nZhang Wei\nBright Home Store\nMerchant ID A1B2C3D4E5\n"
    blocks = Draft(text).blocks
    assert blocks[-1].content.startswith("Sincerely,")
    assert "Merchant ID" in blocks[-1].content


LETTER_TOP = ("Dear Seller Performance,\n\nRoot cause\nOur handling time was one day, but the warehouse packs only on weekdays.\n\n"
              "Actions taken\nOn 5 May we set the handling time to two days on all 40 SKUs.\n\n")


@pytest.mark.parametrize("tail", [
    "We attach the carrier report.\nThank you very much.\n\nBest regards\nWei Chen\n",
    "We attach the carrier report.\n\nThank you very much.\n\nBest regards\nWei Chen\n",
    "We attach the carrier report. Thank you very much.\n\nBest regards\nWei Chen\n",
    "We attach the carrier report.\nThanks again!\nKind regards,\nWei Chen\n",
])
def test_a_thanks_above_the_sign_off_is_the_last_sentence_not_the_signature(lint, tail):
    text = LETTER_TOP + tail
    report = lint(text)
    roles = {text[s.start : s.end].strip(): s.role for s in report.sentences}
    thanks = next(t for t in roles if t.startswith("Thank"))
    assert roles[thanks] == "closing", roles
    assert not [f for f in report.findings if f.rule.endswith(".learned") and "Thank" in f.text]


@pytest.mark.parametrize("tail", ["We attach the carrier report.\n\nThank you.\n\nWei Chen\n",
                                  "We attach the carrier report.\n\nThanks,\nBest regards,\nWei Chen\n"])
def test_a_thanks_with_only_a_name_or_a_comma_below_signs_the_letter(lint, tail):
    text = LETTER_TOP + tail
    report = lint(text)
    roles = {text[s.start : s.end].strip(): s.role for s in report.sentences}
    assert roles[next(t for t in roles if t.startswith("Thank"))] == "signature", roles


def test_crlf_cr_and_lf_give_the_same_blocks():
    text = f"Root cause\n\n{BODY}\n\nActions taken\n- We refunded 14 buyers on 3 May.\n"
    lf = shape(text)
    for newline in ("\r\n", "\r"):
        assert shape(normalize(text.replace("\n", newline))[0]) == lf


def test_checker_text_keeps_offsets():
    text = "Dear team,\r\n\r\nOur handling time was one\r\nday too short for weekends.\r\n"
    flowed = checker_text(text)
    assert len(flowed) == len(normalize(text)[0])
    assert "one day too short" in flowed


def test_a_wrapped_question_is_found_whole(lint):
    one = "Dear team,\n\nWe sold 4,210 towels in May. Why was the account closed without any warning to us at all, after all this time?\n"
    wrapped = "Dear team,\n\nWe sold 4,210 towels in May. Why was the account closed without any\nwarning to us at all, after all this time?\n"
    found = [[f.text.replace("\n", " ") for f in lint(t).findings if f.rule == "focus.questions"] for t in (one, wrapped)]
    assert found[0] == found[1] == ["Why was the account closed without any warning to us at all, after all this time?"]


def test_a_second_greeting_line_is_part_of_the_greeting(lint):
    text = (
        "Dear Sir/Madam,\nGreetings of the day!\n\n"
        "We received your notice of 14 November about our late shipment rate of 9.3%.\n\n"
        "Good morning,\nthis line is not at the top and is no greeting.\n"
    )
    roles = [s.role for s in lint(text).sentences]
    assert roles[:2] == ["greeting", "greeting"]
    assert roles[2] != "greeting"


@pytest.mark.parametrize("opening", ["Seller Performance Team,", "Account Health team:", "To Amazon,", "To whoever reads this,"])
def test_a_line_that_only_addresses_the_team_is_the_greeting(lint, opening):
    text = (f"{opening}\n\nWe received your notice of 14 November about our late shipment rate of 9.3%.\n\n"
            "Root cause\nOur carrier cut-off was 3 p.m. and we printed labels at 5 p.m.\n")
    roles = [s.role for s in lint(text).sentences]
    assert roles[0] == "greeting" and roles[1] != "greeting"


def test_a_numbered_title_over_a_list_of_other_markers_is_a_heading():
    text = (
        "1. What caused the problem\n"
        "In August we changed supplier and did not update the size chart.\n\n"
        "2. What we already did\n"
        "\u2013 We updated the size chart on all 12 listings on 23 October.\n"
        "\u2013 We refunded all 14 buyers.\n"
    )
    assert headings(text) == ["What caused the problem", "What we already did"]
    assert [b.kind for b in Draft(text).blocks][-2:] == ["bullet", "bullet"]


def test_a_dash_title_over_a_list_of_other_markers_is_a_heading():
    text = (
        "\u2013 Why it happened\n"
        "\u2022 Our label printer dropped the carrier code on 41 parcels in March.\n\n"
        "\u2013 Steps already taken\n"
        "\u2022 We reprinted and re-uploaded all 41 tracking numbers on 2 April.\n"
        "\u2022 We replaced the printer driver on 3 April.\n\n"
        "\u2013 We also wrote to the 41 buyers\n"
        "\u2022 Each got a tracking link.\n"
    )
    assert headings(text) == ["Why it happened", "Steps already taken"]  # an item that names no part stays an item
    same = "\u2022 What we have done\n\u2022 We refunded all 14 buyers.\n"
    assert headings(same) == []  # one marker: a list


def test_a_numbered_list_over_sub_items_is_still_a_list_when_items_are_sentences():
    text = "1. We refunded all 14 buyers on 3 May and apologised to each of them by message.\n- Orders 1 to 14\n"
    assert headings(text) == []


def test_a_hard_wrapped_email_with_an_unwrapped_list_is_still_wrapped():
    # a mail client wrapped the prose at 72 columns, but the pasted list kept its long items
    prose = (
        "On 2 October our valid tracking rate for the last 30 days was 91.2%,\n"
        "below the 95% target, because 38 of our 433 parcels were sent with a\n"
        "carrier code that did not match the tracking number we uploaded for it.\n"
        "We chose that label service ourselves and never tested its numbers.\n"
    )
    items = "".join(
        f"- On {d} October we {what}, and we recorded the result in the shared tracking sheet for the team to check.\n"
        for d, what in (("3", "re-entered all 38 numbers with the right carrier"), ("4", "closed the account with the label service"),
                        ("5", "wrote a one-page rule for carrier codes"), ("6", "trained all four packers on it"))
    )
    text = "Dear team,\n\n" + prose + "\n" + items
    blocks = Draft(text).blocks
    assert [b.kind for b in blocks] == ["paragraph", "paragraph"] + ["bullet"] * 4
    assert blocks[1].content.count("\n") == 3


# a mail client wraps where the width runs out: a line can then open with a count, a
# bracketed number or a dash that belongs to the sentence above
WRAPPED_PROSE = (
    "On 12 August we found that 41 of our orders had been confirmed as shipped a\n"
    "day before the labels were printed, because our packing software marked an\n"
    "order shipped when its label was queued and not when it was scanned out.\n"
    "We chose that setting ourselves when we moved to the software in March.\n"
)


@pytest.mark.parametrize("above, below", [
    ("We checked every listing in the kitchen category, including the knife sets (sizes 6 to",
     "12) and the cutting boards, against the restricted products list on 14 August."),
    ("Greetings from Izmir. We have received your notification dated 11 August",
     "2025 that our late shipment rate has reached 7.4% over the last 30 days."),
    ("Subject: Plan of Action for the late shipment rate of merchant token A2K9PL0QXR3",
     "\u2013 Deniz Home Textiles, account suspended on 11 August 2025"),
])
def test_a_wrapped_line_that_opens_with_a_marker_goes_on_with_the_sentence(above, below):
    text = f"{above}\n{below}\n\n{WRAPPED_PROSE}"
    blocks = Draft(text).blocks
    assert blocks[0].kind == "paragraph" and blocks[0].content.count("\n") == 1, shape(text)


def test_a_list_under_a_wrapped_paragraph_is_still_a_list():
    text = WRAPPED_PROSE + "We then did three things:\n1. We fixed the setting.\n2. We checked all 41 orders.\n"
    assert [b.kind for b in Draft(text).blocks][-3:] == ["paragraph", "bullet", "bullet"]


def test_a_count_past_one_under_an_unfinished_sentence_is_not_a_list():
    # not hard-wrapped (one long line): a number past one cannot open a list in mid-sentence
    text = "Dear team,\n\nThe 19 parcels that missed the pickup were all in the oversized group, between\n3) and 5) on our size chart.\n"
    assert [b.kind for b in Draft(text).blocks] == ["paragraph", "paragraph"]


def test_a_thanks_wrapped_over_two_lines_is_a_sign_offs_words(lint):
    text = LETTER_TOP + (
        "We attach the carrier report for all 41 orders and the new packing checklist that\n"
        "our warehouse lead signs every evening before the carrier collects. Thank you very\n"
        "much.\n\nWei Chen\n"
    )
    report = lint(text)
    assert not [f for f in report.findings if f.rule.endswith(".learned") and "Thank" in f.text], report.findings


# a draft a mail client wrapped at 72 columns, list items too
WRAPPED_LIST = (
    "Dear Seller Performance,\n\n"
    "On 2 October our late shipment rate for the last 30 days was 6.1%, above\n"
    "the 4% target, because our courier collected at 2 pm while we confirmed\n"
    "orders until 5 pm, and we never moved the cut-off to match collection.\n\n"
    "Preventive measures\n\n"
    "{items}"
)


@pytest.mark.parametrize("marker", ["1.", "a.", "(i)"])
def test_a_wrapped_numbered_item_is_an_item_not_a_title(marker):
    # each item's first line has few words and no sentence end, like a numbered title
    second = "(ii)" if marker == "(i)" else {"1.": "2.", "a.": "b."}[marker]
    items = (
        f"{marker} Every Monday, our dispatch coordinator cross-checks outstanding\n"
        "consignments against the courier manifest and signs the sheet.\n"
        f"{second} Afternoon orders now await tomorrow's scheduled collection with\n"
        "Parcelforce, and buyers see that later date before they pay.\n"
    )
    blocks = Draft(WRAPPED_LIST.format(items=items)).blocks
    assert [b.kind for b in blocks] == ["paragraph", "paragraph", "heading", "bullet", "bullet"]
    assert blocks[3].content.endswith("signs the sheet.") and blocks[4].content.endswith("before they pay.")


def test_a_letter_of_wrapped_bullets_alone_is_read_as_wrapped():
    # the only unmarked lines are the short ends of items: the items give the width
    items = "".join(
        f"- On {d} March we {what}, invoice No.\nHX-2024{d:0>2}15 and HX-2024{d:0>2}16, {n} units.\n"
        for d, what, n in (("3", "sent the purchase invoices from the Huaxin factory in Shenzhen", 400),
                           ("5", "sent the distributor's letter of authorisation for the brand", 250),
                           ("7", "sent the customs declarations for both shipments to FBA UK", 650),
                           ("9", "sent the bank transfer records for the two payments we made", 900)))
    blocks = Draft("Dear team,\n\n" + items).blocks
    assert [b.kind for b in blocks] == ["paragraph"] + ["bullet"] * 4
    assert all(b.content.endswith("units.") for b in blocks[1:])


def test_a_thanks_a_mail_client_put_on_a_line_of_its_own_stays_in_its_paragraph():
    text = WRAPPED_LIST.format(items=(
        "We attach the carrier report for all 41 orders and the packing checklist\n"
        "our warehouse lead now signs every evening, with two weeks filled in.\n"
        "Please reinstate our account; we will answer any question within a day.\n"
        "Thank you.\n\nWei Chen\nDispatch, Harbourline Goods\n"))
    last = [b for b in Draft(text).blocks if "Please reinstate" in b.content]
    assert len(last) == 1 and last[0].content.endswith("within a day.\nThank you.")


def test_a_thanks_a_mail_client_put_on_a_line_of_its_own_stays_in_its_list_item():
    text = WRAPPED_LIST.format(items=(
        "- Our warehouse lead signs the packing checklist every evening at 6 pm.\n"
        "- Please reinstate our account as soon as you can; we will answer any\n"
        "question about this plan within one working day and with documents,\n"
        "thank you very much!\n\n"
        "Wei Chen\nDispatch, Harbourline Goods\n"))
    last = [b for b in Draft(text).blocks if "Please reinstate" in b.content]
    assert len(last) == 1 and last[0].kind == "bullet" and last[0].content.endswith("thank you very much!")


def test_a_wrapped_root_cause_is_read_as_it_was_written(lint):
    cause = ("The 14 claims came after a change to our label printer settings, which led to\n"
             "labels printed upside down on the boxes of the bath mats.")
    text = ("Dear team,\n\nWe received your notice of 2 May about the defect rate on our store and the 14 claims behind it.\n\n"
            f"Root cause\n\n{cause}\n\nActions taken\n\nOn 3 May we refunded all 14 buyers.\n\n"
            "Preventive measures\n\nEvery bottle is now checked for its seal by a second person before packing.\n")
    wrapped = text.replace("which led to\n", "which led\nto ")
    for draft in (text, wrapped):
        assert not [f for f in lint(draft).findings if f.rule == "ownership.symptom-as-cause"]


def test_what_happened_above_a_why_heading_is_the_summary(lint):
    body = (
        "What happened\n\n"
        "Between 2 and 20 May we cancelled 31 of 702 orders, a rate of 4.4% against the target of 2.5%.\n\n"
        "{why}"
        "Actions taken\n\n"
        "On 21 May we counted every shelf and corrected 44 stock records.\n\n"
        "Preventive measures\n\n"
        "Our stock lead counts the 50 fastest SKUs every Monday and fixes any record that differs.\n"
    )
    why = "Why it happened\n\nOur stock sheet was updated once a day, so units sold in our shop still showed on Amazon.\n\n"
    def roles_of(text: str) -> tuple[str, set[str]]:
        """(the part the "What happened" heading names, the role of the figures under it)"""
        file = lint(text)
        heading = next(s.role for s in file.sentences if text[s.start : s.end].startswith("What happened"))
        return heading, {s.role for s in file.sentences if "cancelled 31" in text[s.start : s.end]}

    with_why = roles_of("Dear team,\n\n" + body.format(why=why))
    without = roles_of("Dear team,\n\n" + body.format(why=""))
    assert with_why == ("acknowledgement", {"acknowledgement"})
    # alone, "What happened" is where the writer gives the cause (the figures under it may
    # still be read as the acknowledgement they are: a sentence's role is its own)
    assert without[0] == "root_cause"


@pytest.mark.parametrize("words, role", [
    ("Steps we have completed", "actions_taken"),
    ("What I have already done", "actions_taken"),
    ("Root cause and immediate action", "root_cause"),
    ("Why it happened, and what we did first", "root_cause"),
    ("Corrective action for the root cause", "actions_taken"),
    ("Actions to prevent a recurrence", "preventive_measures"),
    ("How we will stop it happening again", "preventive_measures"),
    ("What we found", "root_cause"),
    ("The problem", "acknowledgement"),
])
def test_heading_wordings_name_their_part(words, role):
    from appeal_lint.roles import heading_role

    assert heading_role(words) == role


def test_what_stands_above_the_greeting_is_the_letters_header(lint):
    text = ("To: seller-performance@amazon.com\nSubject: URGENT APPEAL - ACCOUNT DEACTIVATED - PLEASE HELP\n"
            "Merchant token: A1B2C3D4E5F6G7\n\nBrightwell Garden Ltd, seller account on Amazon.co.uk, our appeal of 3 June\n"
            "2025 about the late shipment rate of our account\n\n"
            "Dear Seller Performance Team,\n\nOur late shipment rate was 6.2% in May.\n\nRoot cause\n\n"
            "Our courier collected only on weekdays, and we had set a one-day handling time.\n")
    report = lint(text)
    header_end = text.index("Dear")
    header = [s for s in report.sentences if s.start < header_end]
    assert header and all(s.role == "other" for s in header), [(s.role, text[s.start:s.end]) for s in header]
    # its capitals and words are layout: no shouting, no learned finding
    assert not [f.rule for f in report.findings if f.start < header_end and f.scope == "text"]
    # and without a greeting, a subject line among the first two blocks is the header too
    report = lint(text.replace("Dear Seller Performance Team,\n\n", ""))
    assert not [f.rule for f in report.findings if f.start < text.index("Brightwell") and f.scope == "text"]


def test_every_block_above_the_greeting_is_in_the_header_zone(engine):
    from appeal_lint.engine import _parse_text
    from appeal_lint.roles import sentence_contexts

    text = ("Brightwell Garden Ltd, seller account on Amazon.co.uk, our appeal about the late shipment rate\n\n"
            "Dear Seller Performance Team,\n\nOur late shipment rate was 6.2% in May.\n")
    draft = Draft(text)
    docs = list(engine.nlp.pipe([_parse_text(b) for b in draft.blocks]))
    zones = [(c.zone, text[c.start:c.end][:20]) for c in sentence_contexts(draft.blocks, docs)]
    assert zones[0][0] == "title" and zones[-1][0] is None, zones  # the model never scores the header


@pytest.mark.parametrize("first,rest,title", [
    ("## Preventive measures for the inbound shipments of our copper kettles and", "trays",
     "Preventive measures for the inbound shipments of our copper kettles and trays"),
    ("**Plan of Action: ASIN B0D4RT7KQ1, insulated lunch bags, late dispatch", "(Amazon.ca)**",
     "Plan of Action: ASIN B0D4RT7KQ1, insulated lunch bags, late dispatch (Amazon.ca)"),
])
def test_a_heading_a_mail_client_wrapped_is_one_heading(first, rest, title):
    text = f"{first}\n{rest}\n\nOn 2 June we moved every dispatch to the 14:00 collection.\n"
    blocks = Draft(text).blocks
    assert [b.kind for b in blocks] == ["heading", "paragraph"]
    assert blocks[0].title == title


@pytest.mark.parametrize("text", [
    # the heading fitted on its line: the short line below is the paragraph's
    "## Root cause\nWrong labels.\n\nWe fixed them on 3 May.\n",
    # the line below goes on into a paragraph
    "## Actions taken on the late orders of the third week of May in our Leeds\n"
    "warehouse\nand the two stores we supply.\n\nWe refunded them.\n",
    # a finished sentence below a long heading
    "## Actions taken on the late orders of the third week of May in our Leeds\nDone.\n\nWe refunded them.\n",
])
def test_a_short_line_under_a_heading_is_not_read_into_it(text):
    assert Draft(text).blocks[0].title in ("Root cause", "Actions taken on the late orders of the third week of May in our Leeds")


def test_a_title_over_a_wrapped_initial_is_a_name_not_a_list():
    # "Mr." ends one wrapped line and the initial of the name opens the next: not an item "K."
    text = WRAPPED_PROSE + "\n" + (
        "On 9 May the parcels were moved to the new shelf by our warehouse lead, Mr.\n"
        "R. Okafor, who also checked every label against the order list that day.\n"
    )
    blocks = Draft(text).blocks
    assert "bullet" not in [b.kind for b in blocks] and blocks[-1].content.count("\n") == 1, shape(text)


def test_a_list_a_mail_client_put_under_a_colon_is_not_a_heading_in_capitals():
    text = WRAPPED_PROSE + (
        "\n- On 4 March we removed the brand's name from the titles and the search\n"
        "terms of the four listings that used it, all sold under one brand of ours:\n"
        "B0D2XK7QLM, B0D2XK9RTA, B0D31M4PWE and\n"
        "B0D31M6ZHC.\n"
        "- On 5 March we asked the brand owner to confirm that the complaint is closed.\n"
    )
    kinds = [b.kind for b in Draft(text).blocks]
    assert "heading" not in kinds and kinds.count("bullet") == 2, shape(text)


def test_a_question_heading_over_a_wrapped_paragraph_is_still_a_heading():
    # the paragraph under it was cut at 72 columns: its first line alone is not what it stands over
    question = "How will we prevent this from happening again in the coming months?"
    text = WRAPPED_PROSE + "\n" + question + "\n\n" + (
        "From 1 June our shift lead will compare the shipped list with the\n"
        "scanned list every evening and hold any order that is not on both.\n"
    )
    assert headings(text) == [question]
    assert headings(text.replace("with the\nscanned", "with the scanned")) == [question]
