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
    ("The U.S. Coast Guard opened the channel on Dec. 29 at noon. Traffic resumed.",
     ["The U.S. Coast Guard opened the channel on Dec. 29 at noon.", "Traffic resumed."]),
    ("The pier was sold to Elland Moorings Ltd. LLC on Friday. Work starts soon.",
     ["The pier was sold to Elland Moorings Ltd. LLC on Friday.", "Work starts soon."]),
    # a time of day goes on with its day or its zone; at the end of a sentence it ends it
    ("The ferry left around 7 p.m. Monday, after the storm had passed. It docked at dawn.",
     ["The ferry left around 7 p.m. Monday, after the storm had passed.", "It docked at dawn."]),
    ("Voting closes at 8 p.m. ET at every pier. Counting follows.",
     ["Voting closes at 8 p.m. ET at every pier.", "Counting follows."]),
    ("The council met until 9 p.m. Councillors then left.", ["The council met until 9 p.m.", "Councillors then left."]),
])
def test_an_abbreviation_does_not_end_a_sentence(text, expected):
    assert sentences(text) == expected


def test_a_paragraph_break_always_ends_a_sentence():
    text = "Harbour strike enters its second week\nThe union met on Monday. Talks resume Friday."
    assert sentences(text) == ["Harbour strike enters its second week", "The union met on Monday.",
                               "Talks resume Friday."]
