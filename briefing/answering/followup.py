"""Follow-up questions ("and what did the Pentagon say?") rewritten into standalone ones, by rule."""

from __future__ import annotations

import re

from briefing.answering.text import key_entities

_LEAD = re.compile(r"^\s*(?:and|but|so|also|then|ok(?:ay)?|well)\b[\s,]*", re.I)
_FOLLOWUP_CUE = re.compile(
    r"^\s*(?:and|but|so|also|then|what about|how about)\b|\b(?:it|its|they|them|their|he|she|him|his|her|that|those|"
    r"these|this one|the same)\b",
    re.I,
)


def last_user_question(history: list | None) -> str | None:
    """The latest user turn of a history given as strings or as {"role", "content"} messages."""
    for turn in reversed(history or []):
        if isinstance(turn, str) and turn.strip():
            return turn
        if isinstance(turn, dict) and turn.get("role") == "user" and isinstance(turn.get("content"), str):
            return turn["content"]
        if isinstance(turn, (list, tuple)) and turn and isinstance(turn[0], str):
            return turn[0]  # (user, assistant) pairs
    return None


def rewrite_followup(question: str, history: list | None) -> str:
    """A standalone question: the previous question's subject carried into a follow-up that lacks one."""
    previous = last_user_question(history)
    if not previous or not _FOLLOWUP_CUE.search(question):
        return question
    subject = [e for e in key_entities(previous) if e.lower() not in question.lower()]
    if not subject:
        return question
    core = _LEAD.sub("", question).strip().rstrip("?").strip()
    core = core[:1].upper() + core[1:]
    about = " and ".join(dict.fromkeys(subject))
    if m := re.match(r"^(?:what|how) about\s+(.+)$", core, re.I):
        return f"{previous.rstrip('?')} — and {m.group(1)}?"
    return f"{core} about {about}?"
