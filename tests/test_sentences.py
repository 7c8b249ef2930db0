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
])
def test_an_abbreviation_does_not_end_a_sentence(text, expected):
    assert sentences(text) == expected


def test_a_paragraph_break_always_ends_a_sentence():
    text = "Harbour strike enters its second week\nThe union met on Monday. Talks resume Friday."
    assert sentences(text) == ["Harbour strike enters its second week", "The union met on Monday.",
                               "Talks resume Friday."]
