"""How a claim names its source: date and outlet from metadata only, never from model or guess."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from briefing.types import Passage

# Words that may start a sentence yet are lower-case mid-sentence ("reported that a court filing ...").
_LOWERABLE = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "they", "their", "there", "in", "on", "at",
    "as", "after", "before", "but", "and", "for", "while", "when", "however", "yet", "some", "many", "both", "such",
    "one", "two", "if", "any", "each", "officials", "negotiators", "vendors", "agencies", "policy", "public",
    "he", "she", "we", "his", "her", "our", "switching", "practically", "internally", "against", "beyond",
    "adding", "amid", "despite", "during", "since", "according", "following", "meanwhile", "instead", "several",
    "earlier", "later", "separately", "still",
}


def long_date(iso: str) -> str:
    """2026-02-26 -> February 26, 2026."""
    d = date.fromisoformat(iso)
    return f"{d:%B} {d.day}, {d.year}"


def republished_by(site: str) -> str:
    """How a republishing site is named wherever an article is shown: answers, source cards, the CLI."""
    return f"as republished by {site}"


def source_name(p: Passage) -> str:
    """The outlet; an unknown outlet is named by the article's title, never guessed."""
    if p.outlet:
        return p.outlet + (f" ({republished_by(p.site)})" if p.site else "")
    return f"an article titled \u201c{p.title}\u201d" if p.title else "an article of unknown origin"


def attribution(p: Passage) -> str:
    """The lead-in of a claim: "On February 26, 2026, The Hill reported that"."""
    who = source_name(p)
    if p.published:
        return f"On {long_date(p.published)}, {who} reported that"
    if p.outlet:
        return f"In an undated article, {who} reported that"
    return f"An undated article titled \u201c{p.title}\u201d reported that"


def joint_attribution(passages: list[Passage]) -> str:
    """The lead-in of a claim several articles support, naming each one's outlet and date:
    "AI Daily on March 22, 2026 and an article titled “…” on March 5, 2026 reported that"."""
    parts = list(dict.fromkeys(map(_dated_name, passages)))
    if len(parts) == 1:
        return attribution(passages[0])
    who = ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{who[:1].upper()}{who[1:]} reported that"


def _dated_name(p: Passage) -> str:
    if p.published:
        return f"{source_name(p)} on {long_date(p.published)}"
    return f"{p.outlet} in an undated article" if p.outlet else f"an undated article titled \u201c{p.title}\u201d"


def join_attribution(lead: str, sentence: str, context: str = "") -> str:
    """lead + sentence, lower-casing the sentence's first word only when it is an ordinary word: a function word,
    or a word ``context`` (the passage) writes in lower case and never with a capital inside a sentence ("Just one
    day before the crash" -> "just"; "Rescue officials say" -> "rescue"; "Starbucks is changing" stays)."""
    first = re.match(r"\w+", sentence)
    # "Will Smith said": a word before a capitalised one may be the first name of two (but "The Pentagon" is not)
    before_a_name = re.match(r"\w+\s+[A-Z]", sentence) and first.group().lower() not in _LOWERABLE
    if first and not before_a_name and _ordinary(first.group(), context):
        sentence = sentence[0].lower() + sentence[1:]
    return f"{lead} {sentence}"


def _ordinary(word: str, context: str) -> bool:
    low = word.lower()
    if low in _LOWERABLE or low in _function_words():
        return True
    if not word[:1].isupper() or any(ch.isupper() for ch in word[1:]) or not context:
        return False  # "NATO", "iPhone": a name whatever the passage does
    pattern = rf"\b{re.escape(low)}\b"
    capitalised_inside = re.search(rf"(?<![.!?\n\u201c\"]\s)(?<![\n\u201c\"])(?<!^)\b{re.escape(word)}\b", context)
    return bool(re.search(pattern, context)) and not capitalised_inside


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)
