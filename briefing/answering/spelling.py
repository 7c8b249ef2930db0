"""A name typed with a slip ("Antrhopic", "pentgon", "Sean Parnel") read as the articles spell it.

Chat users type fast; a misspelt name finds no keyword match and no article "mentions" it, so an answerable
question would be refused. After a first retrieval, each question word the retrieved passages never use is
compared with the words they do use (``difflib``, standard library): a close match of a long, rare word is
taken as what was meant. Everyday words (ones the encoder's vocabulary holds whole) are never changed, and
neither is a word the passages use: a name the articles lack stays absent, so the answer still says so.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from briefing.answering.text import content_terms
from briefing.types import Passage

MIN_LETTERS = 5  # shorter words have too many neighbours one letter away
SIMILARITY = 0.8  # difflib's ratio: one slip in a word of eight letters or more, two in a long one
CLEAR_WINNER = 0.9  # of two close matches, the first is taken only when it is this close
_WORD = re.compile(r"[A-Za-z]+(?:[’'][A-Za-z]+)*")  # each part of "anthropic-dod" on its own
_POSSESSIVE = re.compile(r"[’']s$", re.I)


def respell(question: str, passages: list[Passage], everyday: Callable[[str], bool] = lambda word: False) -> str:
    """The question with each misspelt name replaced by the passages' spelling (as they write it)."""
    written: dict[str, str] = {}  # lower case -> as the passages write it (a capital if they ever use one)
    for p in passages:
        for word in _WORD.findall(f"{p.title or ''} {p.text}"):
            word = _POSSESSIVE.sub("", word)
            low = word.lower()
            if low not in written or (word[:1].isupper() and not written[low][:1].isupper()):
                written[low] = word
    if not written:
        return question
    known = [w for w in written if len(w) >= MIN_LETTERS]

    def fixed(m: re.Match) -> str:
        whole = m.group()
        word = _POSSESSIVE.sub("", whole)
        low = word.lower()
        if len(low) < MIN_LETTERS or low in written or everyday(low):
            return whole
        close = difflib.get_close_matches(low, known, n=2, cutoff=SIMILARITY)
        if len(close) != 1 and not (close and difflib.SequenceMatcher(None, low, close[0]).ratio() >= CLEAR_WINNER):
            return whole  # no match, or two equally likely ones
        if content_terms(low) == content_terms(close[0]):
            return whole  # another form of the same word ("moderates", "blacklisting"): no slip
        meant = written[close[0]] if word[:1].isupper() else close[0]  # typed in lower case, kept so
        return meant + whole[len(word):]

    return _WORD.sub(fixed, question)
