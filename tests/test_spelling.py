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


NICKNAMED = ("Former Sen. Bob Menendez reported to prison on Friday. Menendez, once Bob to his colleagues, denied it. "
             "Sen. Joseph R. Biden voted no; Kamala Harris did not.")
NICK_PASSAGES = [Passage(passage_id="p2", article_id="a2", text=NICKNAMED, start=0, end=len(NICKNAMED), score=0.5,
                         title="Menendez to prison")]


def test_a_given_name_the_passages_write_in_another_form_takes_their_form():
    assert respell("When did Robert Menendez report to prison?", NICK_PASSAGES) == \
        "When did Bob Menendez report to prison?"
    assert respell("How did Joe Biden vote?", NICK_PASSAGES) == "How did Joseph Biden vote?"  # a middle initial between


def test_a_given_name_is_kept_when_written_as_asked_or_when_no_form_of_it_comes_before_the_surname():
    for question in ("How did Kamala Harris vote?",  # written as asked
                     "How did Joseph Biden vote?",  # written as asked, with a middle initial
                     "What did Robert Harris say?",  # no form of Robert before Harris: someone else
                     "What did William Menendez say?",  # Bob, written before Menendez, is no form of William
                     "What did Robert Smith say?"):  # absent: still absent, so the answer says so
        assert respell(question, NICK_PASSAGES) == question
