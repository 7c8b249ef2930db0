"""A name typed with a slip ("Antrhopic", "pentgon", "Sean Parnel") read as the articles spell it.

Chat users type fast; a misspelt name finds no keyword match and no article "mentions" it, so an answerable
question would be refused. After a first retrieval, each question word the retrieved passages never use is
compared with the words they do use (``difflib``, standard library): a close match of a long, rare word is
taken as what was meant. Everyday words (ones the encoder's vocabulary holds whole) are never changed, and
neither is a word the passages use: a name the articles lack stays absent, so the answer still says so.

A person asked about by another form of the given name than the articles use ("Robert Menendez" where they write
"Bob Menendez", "Thomas Brady" for "Tom Brady") is read as they write it, from a hand-curated table of English
given names and their short forms (``text.given_name_variant``), when the passages never write the name as asked.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Callable

from briefing.answering.text import content_terms, given_name_variant, mentions_name
from briefing.types import Passage

MIN_LETTERS = 5  # shorter words have too many neighbours one letter away
SIMILARITY = 0.8  # difflib's ratio: one slip in a word of eight letters or more, two in a long one
CLEAR_WINNER = 0.9  # of two close matches, the first is taken only when it is this close
_WORD = re.compile(r"[A-Za-z]+(?:[’'][A-Za-z]+)*")  # each part of "anthropic-dod" on its own
_POSSESSIVE = re.compile(r"[’']s$", re.I)
_FULL_NAME = re.compile(r"\b([A-Z][a-z]+)\s+((?:[A-Z]\.\s+)?[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*)")  # "Robert Menendez"


def given_names_as_written(question: str, passages: list[Passage]) -> str:
    """The question with each person's given name in the form the passages write it, when they never write it as
    asked but do write another form of it before the same surname (the form they use most)."""
    texts = [f"{p.title or ''} {p.text}" for p in passages]

    def as_written(m: re.Match) -> str:
        given, rest = m.group(1), m.group(2)
        as_asked = re.compile(rf"\b{given}\s+(?:[A-Z]\.\s+)?{re.escape(rest)}\b")  # "Donald J. Trump" too
        if any(as_asked.search(t) for t in texts):
            return m.group()
        variant = given_name_variant(m.group())
        forms = Counter(v.group(1) for t in texts for v in variant.finditer(t)) if variant else Counter()
        forms = Counter({f: n for f, n in forms.items() if f[:1].isupper()})  # a name as a name, not "bill Menendez"
        return f"{forms.most_common(1)[0][0]} {rest}" if forms else m.group()

    return _FULL_NAME.sub(as_written, question)


def respell(question: str, passages: list[Passage], everyday: Callable[[str], bool] = lambda word: False) -> str:
    """The question with each misspelt name replaced by the passages' spelling (as they write it), and each given
    name in the form they write it (``given_names_as_written``)."""
    question = given_names_as_written(question, passages)
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
        if word[:1].isupper() and mentions_name(written[close[0]], word):
            return whole  # "Californians": the people of California, no slip
        meant = written[close[0]] if word[:1].isupper() else close[0]  # typed in lower case, kept so
        return meant + whole[len(word):]

    return _WORD.sub(fixed, question)
