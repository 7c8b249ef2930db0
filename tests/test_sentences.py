"""Sentence spans: Punkt, repaired where it ends a sentence at an abbreviation."""

from __future__ import annotations

import pytest

from briefing.ingest.sentences import sentence_spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize("text, expected", [
    ("The port closes on Martin Luther King Jr. Day this year. Ferries resume Tuesday.",
     ["The port closes on Martin Luther King Jr. Day this year.", "Ferries resume Tuesday."]),
    ("Prof. Ada Quill of Ft. Elland and Sgt. Brann Lowe spoke. Capt. Orrin Hale left.",
     ["Prof. Ada Quill of Ft. Elland and Sgt. Brann Lowe spoke.", "Capt. Orrin Hale left."]),
    # military, police and church titles as AP style abbreviates them
    ("The seat went to retired Army Brig. Gen. Ada Quill on Tuesday. Pvt. Orrin Hale and Det. Brann Lowe left.",
     ["The seat went to retired Army Brig. Gen. Ada Quill on Tuesday.", "Pvt. Orrin Hale and Det. Brann Lowe left."]),
    ("The U.S. Coast Guard opened the channel on Dec. 29 at noon. Traffic resumed.",
     ["The U.S. Coast Guard opened the channel on Dec. 29 at noon.", "Traffic resumed."]),
    ("The pier was sold to Elland Moorings Ltd. LLC on Friday. Work starts soon.",
     ["The pier was sold to Elland Moorings Ltd. LLC on Friday.", "Work starts soon."]),
    # a time of day goes on with its day or its zone, or in lower case; at the end of a sentence it ends it
    ("Kits are handed out from 9 a.m. until they run out. Cars queue early.",
     ["Kits are handed out from 9 a.m. until they run out.", "Cars queue early."]),
    ("The pier opens at 9 a.m. Monday and shuts at 5 p.m. on weekdays. Parking is free.",
     ["The pier opens at 9 a.m. Monday and shuts at 5 p.m. on weekdays.", "Parking is free."]),
    ("The ferry left around 7 p.m. Monday, after the storm had passed. It docked at dawn.",
     ["The ferry left around 7 p.m. Monday, after the storm had passed.", "It docked at dawn."]),
    ("Voting closes at 8 p.m. ET at every pier. Counting follows.",
     ["Voting closes at 8 p.m. ET at every pier.", "Counting follows."]),
    ("The council met until 9 p.m. Councillors then left.", ["The council met until 9 p.m.", "Councillors then left."]),
    # a zone spelled out goes on too; a name after the time starts a sentence
    ("Results are posted at 6 p.m. Central on Saturday at the pier. Print follows.",
     ["Results are posted at 6 p.m. Central on Saturday at the pier.", "Print follows."]),
    ("The vote opens at 8 p.m. Eastern Time. Counting follows.",
     ["The vote opens at 8 p.m. Eastern Time.", "Counting follows."]),
    ("The gates opened at 7 p.m. Central Park stayed closed.",
     ["The gates opened at 7 p.m.", "Central Park stayed closed."]),
])
def test_an_abbreviation_does_not_end_a_sentence(text, expected):
    assert sentences(text) == expected


def test_a_paragraph_break_always_ends_a_sentence():
    text = "Harbour strike enters its second week\nThe union met on Monday. Talks resume Friday."
    assert sentences(text) == ["Harbour strike enters its second week", "The union met on Monday.",
                               "Talks resume Friday."]


def test_a_quotation_closed_by_its_full_stop_keeps_its_lower_case_attribution():
    """'"I think he helped himself." said Sen. Mira Tolland, the chair.' is one sentence: the attribution alone opens
    in lower case and was dropped as a fragment, and with it who said the words -- in spans stored before the rule
    too. A capitalised sentence after a quotation, or a paragraph break, still starts a new one."""
    from briefing.ingest.sentences import passage_sentences

    text = ("Some senators left the hearing early.\n\n\u201cI think he helped himself immensely.\u201d said Sen. Mira "
            "Tolland, the chair of the committee. \u201cGo.\u201d Nobody moved.\n\u201cStay.\u201d\nsaid the clerk.")
    got = [text[s:e] for s, e in passage_sentences(text, None)]
    assert "\u201cI think he helped himself immensely.\u201d said Sen. Mira Tolland, the chair of the committee." in got
    assert "Nobody moved." in got and "said the clerk." in got
    stored = sentence_spans(text)  # as an older ingest stored them: the attribution cut off
    stored = [(s, e) for s, e in stored if not text[s:e].startswith("\u201cI think")] + [
        (text.index("\u201cI think"), text.index(" said Sen.")), (text.index("said Sen."), text.index(" \u201cGo"))]
    stored.sort()
    got = [text[s:e] for s, e in passage_sentences(text, stored)]
    assert "\u201cI think he helped himself immensely.\u201d said Sen. Mira Tolland, the chair of the committee." in got


def test_a_time_of_days_zone_is_joined_in_spans_stored_before_the_rule():
    """Spans an older ingest stored with "at 6 p.m." cut from "Central on Saturday" (or from "until ...") are read as
    one sentence."""
    from briefing.ingest.sentences import passage_sentences

    text = "Kits are handed out from 9 a.m. until they run out. Cars queue early."
    cut = text.index("until")
    stored = [(0, cut - 1), (cut, text.index(" Cars")), (text.index("Cars"), len(text))]
    got = [text[s:e] for s, e in passage_sentences(text, stored)]
    assert got == ["Kits are handed out from 9 a.m. until they run out.", "Cars queue early."]

    text = "Results are posted at 6 p.m. Central on Saturday at the pier. Print follows."
    cut = text.index("Central")
    stored = [(0, cut - 1), (cut, text.index(" Print")), (text.index("Print"), len(text))]
    got = [text[s:e] for s, e in passage_sentences(text, stored)]
    assert got == ["Results are posted at 6 p.m. Central on Saturday at the pier.", "Print follows."]


def test_a_title_cut_from_its_name_is_joined_in_spans_stored_before_the_rule():
    """Spans an older ingest stored with "Army Brig." cut from "Gen. Ada Quill" (an abbreviation added to the list
    since) are read as one sentence: who won is in it."""
    from briefing.ingest.sentences import passage_sentences

    text = "The seat went to retired Army Brig. Gen. Ada Quill on Tuesday. Turnout was low."
    cut = text.index("Gen.")
    stored = [(0, cut - 1), (cut, text.index(" Turnout")), (text.index("Turnout"), len(text))]
    got = [text[s:e] for s, e in passage_sentences(text, stored)]
    assert got == ["The seat went to retired Army Brig. Gen. Ada Quill on Tuesday.", "Turnout was low."]
