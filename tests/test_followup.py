"""Follow-up questions are rewritten into standalone ones by carrying the previous subject over."""

from __future__ import annotations

from briefing.answering.followup import last_user_question, rewrite_followup

PREVIOUS = "When did Anthropic say virtually no progress had been made?"


def test_follow_up_carries_the_previous_subject():
    rewritten = rewrite_followup("and what did the Pentagon say?", [PREVIOUS])
    assert rewritten == "What did the Pentagon say about Anthropic?"


def test_pronoun_follow_up_gets_the_subject():
    assert "Anthropic" in rewrite_followup("What did they demand?", [PREVIOUS])


def test_standalone_question_is_left_alone():
    assert rewrite_followup("Who is Sean Parnell?", [PREVIOUS]) == "Who is Sean Parnell?"
    assert rewrite_followup("and what did the Pentagon say?", None) == "and what did the Pentagon say?"


def test_history_as_chat_messages_or_pairs():
    messages = [{"role": "user", "content": PREVIOUS}, {"role": "assistant", "content": "On February 26 ..."}]
    assert last_user_question(messages) == PREVIOUS
    assert last_user_question([(PREVIOUS, "answer")]) == PREVIOUS
