"""A news page's furniture: what stands around its sentences without being news.

Sentences that are furniture whole (``is_furniture``): a page's signposts ("Here's what we know", "Read more:"),
its bylines and contributor notes, links to other stories, promotions. Furniture around a sentence's news
(``without_furniture``): a bullet, a dateline, an editor's label, a trailing "Read more." -- cut from the span, so
what is quoted is still verbatim. Both answerers use them: the extractive one for its claims, the model's for the
evidence it is shown.
"""

from __future__ import annotations

import re

# What a page says about itself, not about the news: "Here's what we know about the ban", "Editor's note: ...",
# "Read more: ...".
SIGNPOST = re.compile(r"^(?:Here(?:[’']s| is| are)\b|Editor[’']s note\b|(?:Read|Watch|See|Click)\b(?: more)?:?|"
                      r"(?:Related|Video|Photos?|Live updates|What to know)\s*:)", re.I)
# A link to another story, its topic glued to its headline: "Israel-Hamas war:One year after ...".
LINK = re.compile(r"^[A-Z][\w’' -]{1,40}:[A-Z\u201c\"]")


# A page's furniture around a sentence's news, cut from the claim (what is left is still a verbatim span): a bullet
# ("∎ Among those who died ..."), a dateline ("WASHINGTON — A passenger jet ..."), an editor's label ("Update:Supreme
# Court upholds the law", "AI-assisted summary The deadline is ..."), a trailing link ("... in the U.S. Read
# more."). Matched from a sentence's start.
_LEADING_FURNITURE = re.compile(
    r"(?:[•∎■▪►▶*·]+\s*|"
    r"(?:[A-Z][A-Z.’'-]{2,}(?:\s+[A-Z][A-Z.’'-]+){0,3}(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
    r"(?:\s+\([A-Za-z ]{1,20}\))?\s+[—–―-]{1,2}\s+)|"
    r"(?:UPDATE|Update[ds]?|CORRECTION|Correction|Clarification|BREAKING|Breaking(?: news)?|Developing|Exclusive|"
    r"EXCLUSIVE)\s*:\s*|"
    r"(?:AI[- ](?:assisted|generated) summary|Key (?:points|takeaways)|Summary|TL;DR)\s*:?\s+(?=[A-Z\u201c\"]))+")
_TRAILING_FURNITURE = re.compile(
    r"\s+(?:(?:Read|Learn|See|Find out) more|Click here|Read the (?:full )?(?:story|article))\W{0,3}$", re.I)


def without_furniture(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a sentence without its page furniture (``_LEADING_FURNITURE``, ``_TRAILING_FURNITURE``)."""
    sentence = text[start:end]
    start += len(sentence) - len(sentence.lstrip())
    if lead := _LEADING_FURNITURE.match(text, start, end):
        start = lead.end()
    if tail := _TRAILING_FURNITURE.search(text[start:end]):
        end = start + tail.start()
    return start, end


# Who wrote the page and how to reach them, not news: "Daniel de Visé covers personal finance for USA TODAY.",
# "Contact her at ...", "The Associated Press contributed to this report.", "For the latest updates, please read ...".
BYLINE = re.compile(
    r"^(?!(?:The|A|An|This|That|Its|His|Her|Their)\s)(?:[A-Z][\w.’'-]+\s+){1,3}(?:[a-z]{1,3}\s+)?[A-Z][\w.’'-]+\s+"
    r"(?:(?:covers|writes about|reports on)\b[^.]*\bfor\s+(?:the\s+)?[A-Z]|is an? (?:[\w-]+\s+){0,3}"
    r"(?:reporter|writer|correspondent|editor|columnist|producer|journalist)\b)|"
    r"\bcontributed to this (?:report|story|article)\b|\b(?:Contact|Reach|Email|Follow) (?:him|her|them|the reporter)"
    r" (?:at|on|via)\b|\b(?:Sign up|Subscribe) (?:for|to)\b|\bplease (?:read|visit|see|follow)\b")




# A promotion the page carries, not news: the stock-picking plug syndicated with market stories ("if you invested
# $1,000 at the time of our recommendation, you'd have $725,740!"), a newsletter's pitch ("Consider signing up for
# his weekly newsletter"), a game's ("Play the USA TODAY Daily Crossword Puzzle.").
PROMOTION = re.compile(r"\bat the time of our recommendation\b|\byou[’']d have \$[\d,.]+|\bhas a disclosure policy\b|"
                       r"\b(?:consider|try) signing up\b|\bfree (?:daily |weekly )?(?:email|newsletter)\b|"
                       r"\bStock Advisor\b|\bbest stocks (?:for investors )?to buy\b|"
                       r"^(?:Need a break\?\s*)?Play the\b.{0,40}\b(?:crossword|puzzle|quiz|sudoku|game)s?\b", re.I)


def is_furniture(text: str) -> bool:
    """A page's signpost, byline, contributor note, link to another story or promotion: never a fact."""
    return bool(SIGNPOST.match(text) or BYLINE.search(text) or LINK.match(text) or PROMOTION.search(text))
