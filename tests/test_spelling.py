"""A misspelt name is read as the retrieved passages spell it; nothing else is changed."""

from __future__ import annotations

from briefing.answering.spelling import respell
from briefing.types import Passage

TEXT = ("Harbor master Brann Lowe said the Vesterhavn pier would reopen in May. The Harbourton council moderates "
        "the talks; Vesterhavn's crews were blacklisting overtime.")
PASSAGES = [Passage(passage_id="p1", article_id="a1", text=TEXT, start=0, end=len(TEXT), score=0.5, title="Pier")]
EVERYDAY = {"which", "what", "when", "said", "about", "reopen", "moderate", "pier", "crews", "overtime"}.__contains__


def test_a_slip_in_a_name_takes_the_passages_spelling_and_keeps_the_typed_case():
    assert respell("When will the Vesterhaven pier reopen?", PASSAGES, EVERYDAY) == \
        "When will the Vesterhavn pier reopen?"
    assert respell("what did the harbourtn council say", PASSAGES, EVERYDAY) == "what did the harbourton council say"
    assert respell("what did brann lwoe say", PASSAGES, EVERYDAY) == "what did brann lwoe say"  # too short to judge
    assert respell("What did Vestrehavn's crews do?", PASSAGES, EVERYDAY) == "What did Vesterhavn's crews do?"


def test_words_the_passages_use_everyday_words_and_other_forms_are_left_alone():
    for question in ("Who moderated the Harbourton talks?",  # another form of "moderates"
                     "What did Vesterhavn-based crews blacklist?",  # each part of a compound on its own
                     "What did Greenland say about the pier?",  # absent, and like no word of the passages
                     "What did the council moderate?"):  # an everyday word
        assert respell(question, PASSAGES, EVERYDAY) == question
