"""Relative dates in a quote ("Thursday", "Wednesday night", "last week") resolved against the article's
publication date and shown beside it, bracketed as an editor's insertion: "Thursday [February 26, 2026]".
Never for an undated article.

News copy names days within a week of publication by weekday (AP style): "said Thursday" in a story
published on Thursday means that day, and a past-tense weekday means the latest such day up to the
publication date; a weekday after "by", "until", "before", "ahead of", "next", or before "deadline",
looks forward. dateparser's weekday rule (the same weekday a week earlier) does not follow that convention,
so the arithmetic is done here with ``datetime``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from briefing.answering.attribution import long_date

_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE = re.compile(
    r"\b(?:(?P<cue>next|last|this|by|until|till|before|ahead of(?: an?| the)?)\s+)?"
    r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b(?P<after>(?=\s+deadlines?\b))?"
    r"|\b(?P<word>yesterday|today|tonight|last night|this morning|this afternoon|this evening)\b"
    r"|\b(?P<week>last|this|next) week\b",
    re.I,
)
_FORWARD = {"next", "by", "until", "till", "before"}
_ONE_DAY = {"yesterday": -1, "last night": -1, "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
            "this evening": 0}


# A weekday in a clause told in the future looks forward: "the band will play a free concert Wednesday", "the vote is
# set for Thursday" -- unless a verb in the past stands right before it ("he will testify, she said Wednesday")
_FUTURE = re.compile(r"\b(?:will|won[’']t|shall|going\s+to|(?:is|are)\s+(?:set|scheduled|slated|due|expected|poised|"
                     r"planned|to)\b|plans?\s+to|scheduled|slated|upcoming)\b", re.I)
# (a participle of plans is none: "the vote is scheduled Thursday")
_PAST_RIGHT_BEFORE = re.compile(r"\b(?:(?!(?:scheduled|slated|planned|expected)\b)\w+ed|said|told|wrote|met|spoke|sent|"
                                r"made|took|gave|held|began|came|went|won|lost|left|found|saw)\s+(?:on\s+)?$", re.I)
_SENTENCE_START = re.compile(r"[.!?;]\s+(?=[^.!?;]*$)")


def told_in_the_future(text: str, at: int) -> bool:
    """Whether the clause before position ``at`` of ``text`` tells of something to come (``_FUTURE``), and no verb in
    the past stands right before ``at``."""
    start = m.end() if (m := _SENTENCE_START.search(text[:at])) else 0
    before = text[start:at]
    return bool(_FUTURE.search(before)) and not _PAST_RIGHT_BEFORE.search(before)


def resolve(expression: re.Match, published: date, future: bool = False) -> tuple[date, str]:
    """(the date, "day" or "week") that a RELATIVE match denotes in an article published on ``published`` (a weekday
    in a clause told in the future, ``future``, the next such day)."""
    if word := expression.group("word"):
        return published + timedelta(days=_ONE_DAY[word.lower()]), "day"
    if week := expression.group("week"):
        monday = published - timedelta(days=published.weekday())
        return monday + timedelta(weeks={"last": -1, "this": 0, "next": 1}[week.lower()]), "week"
    day = _DAYS.index(expression.group("day").lower())
    cue = (expression.group("cue") or "").lower()
    forward = cue.split(" ")[0] in _FORWARD or cue.startswith("ahead") or expression.group("after") is not None \
        or (future and cue != "last")
    if forward:
        ahead = (day - published.weekday()) % 7
        return published + timedelta(days=ahead or (7 if cue == "next" else 0)), "day"
    back = (published.weekday() - day) % 7
    return published - timedelta(days=back or (7 if cue == "last" else 0)), "day"


# A period a request for news names relative to now: "what happened this week", "summarize yesterday's news" -- in
# lower case ("USA Today" is a name), or opening the question ("Today's news?")
_ASKED_PERIOD = re.compile(r"\b(?:(?P<word>yesterday|today|tonight)|(?P<week>last|this) week)(?:[’']s)?\b")


def _period_in(question: str) -> re.Match | None:
    return _ASKED_PERIOD.search(question[:1].lower() + question[1:])


def names_a_period(question: str) -> bool:
    """Whether a question names a period relative to now ("this week", "yesterday's news")."""
    return _period_in(question) is not None


def without_period(text: str) -> str:
    """``text`` without the periods relative to now it names ("summarize yesterday's news" -> "summarize   news")."""
    return _ASKED_PERIOD.sub(" ", text[:1].lower() + text[1:])


def asked_period(question: str, as_of: date) -> tuple[str, str] | None:
    """The publication dates (first, last) a request for the news of a period named relative to now covers, counted
    from ``as_of`` (the search's last day, else today): "this week" its Monday to Sunday, "last week" the week before,
    "yesterday" that day and the next (when its news is published), "today" the day. None when it names none."""
    m = _period_in(question)
    if m is None:
        return None
    first, unit = resolve(m, as_of)
    last = first + timedelta(days=6 if unit == "week" else 1 if m.group("word") == "yesterday" else 0)
    return first.isoformat(), last.isoformat()


def annotate(text: str, published: str | None) -> str:
    """``text`` with each relative date followed by the date it denotes, in square brackets as an editor's
    insertion into a quote: "Thursday [February 26, 2026]"; unchanged when undated."""
    out, last = [], 0
    for m, item in zip(RELATIVE.finditer(text), found(text, published), strict=False):
        when = long_date(item["date"])
        out += [text[last:m.end()], f" [{'the week of ' if item['unit'] == 'week' else ''}{when}]"]
        last = m.end()
    return "".join(out) + text[last:]


def found(text: str, published: str | None) -> list[dict]:
    """The relative dates of ``text`` with what they denote: [{"text", "date", "unit"}]; [] when undated."""
    try:
        base = date.fromisoformat(published) if published else None
    except ValueError:
        return []
    if base is None:
        return []
    out = []
    for m in RELATIVE.finditer(text):
        when, unit = resolve(m, base, future=told_in_the_future(text, m.start()))
        out.append({"text": m.group(), "date": when.isoformat(), "unit": unit})
    return out
