"""The honest "the sources don't say": what was not found, why, within which filters, and what came closest."""

from __future__ import annotations

import re
from datetime import date

from briefing.answering.attribution import long_date
from briefing.answering.question import parse
from briefing.types import Passage

MAX_ECHO = 200  # characters of the question repeated back
CLOSEST = 3  # articles listed as the nearest the search came

_AUX = re.compile(r"^(?:is|are|was|were|am|be|been|do|does|did|has|have|had|can|could|will|would|should|may|might|"
                  r"must|shall)\b", re.I)
_WH = re.compile(r"^(who|whom|whose|what|when|where|why|how|which)\b(?![’']\w)\s*(.*)$", re.I | re.S)  # not "what's"


def abstention_text(question: str, reason: str, passages: list[Passage], since: str | None = None,
                    until: str | None = None, sources: list[str] | None = None,
                    closest: list[Passage] | None = None) -> str:
    """"The ingested sources do not say who won the 2026 World Cup. The retrieved passages are only loosely related
    to the question. Closest articles: …" -- with the filters named when they narrowed the search.

    ``closest`` lists articles to name when ``passages`` (what the filtered search found) is empty.
    """
    opening = f"The ingested sources do not say {_what(question)}"
    if since and until and since > until:
        # "how old was he when he wrote about it in March 2016", searched up to May 16, 2015: the dates asked about
        # come after the last day searched, so no article the search may read can tell them
        return (f"{opening} It asks about {_day(since)} or later, after the last day searched ({_day(until)}): no "
                f"article published by then can tell it.")
    scope = filter_phrase(since, until, sources)
    # When the filters left nothing, that is the reason.
    if (request := parse(question)).more:  # "tell me more": they may have said it, just nothing beyond
        opening = f"The ingested sources say nothing more \u2014 \u201c{request.core.rstrip('?.! ')}?\u201d"
    parts = [opening, "" if scope and not passages else _sentence(reason)]
    if scope:
        parts.append(f"Nothing {scope} answers it." if passages else f"Nothing {scope} is in the library.")
    near = _articles(passages or closest or [])
    if near:
        label = "Closest articles" if passages else "Closest articles outside the filters"
        parts.append(f"{label}: {'; '.join(near)}.")
    return " ".join(p for p in parts if p)


def not_said(question: str) -> str:
    """One question of several the sources do not answer: "The ingested sources do not say what Hegseth promised."."""
    return f"The ingested sources do not say {_what(question)}"


def _what(question: str) -> str:
    """The question as the object of "do not say": "who won the 2026 World Cup." when it reads so, else quoted."""
    request = parse(question)
    core = request.core.strip().rstrip("?.! ")
    if len(core) > MAX_ECHO:
        core = core[:MAX_ECHO].rsplit(" ", 1)[0] + "\u2026"
    if request.shape == "summary":
        return f"anything about {core}."
    if bare := re.match(r"^(who|what|when|where|why|how)\s*:\s*(.+)$", core, re.I):
        # "When: Which outlet reported that talks resumed?" (a bare "when?" after it) -> when -- "Which outlet ...?"
        return f"{bare.group(1).lower()} \u2014 \u201c{bare.group(2)}?\u201d"
    if request.whether:  # "Is there any sign the strike will end?" -> "whether the strike will end."
        return f"whether {request.text[request.start:].strip().rstrip('?.! ')}."
    if (m := _WH.match(core)) and m.group(2) and not any(_AUX.match(w) for w in m.group(2).split()[:3]):
        # "who won ...", "which outlet reported ...", "what share of voters are ...": reads as it is
        return f"{m.group(1).lower()} {m.group(2)}."
    return f"\u2014 \u201c{core[:1].upper() + core[1:]}?\u201d"


def _sentence(reason: str) -> str:
    reason = reason.strip().rstrip(".")
    return reason[:1].upper() + reason[1:] + "." if reason else ""


def filter_phrase(since: str | None, until: str | None, sources: list[str] | None) -> str:
    """"from The Hill between March 1 and March 31, 2026", "published before March 1, 2026", or ""."""
    words = []
    if sources:
        names = list(dict.fromkeys(sources))
        words.append("from " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]))
    if since and until:
        words.append(f"between {_day(since, with_year=since[:4] != until[:4])} and {_day(until)}")
    elif since:
        words.append(f"published on or after {_day(since)}")
    elif until:
        words.append(f"published on or before {_day(until)}")
    return " ".join(words)


def _day(iso: str, with_year: bool = True) -> str:
    try:
        text = long_date(iso)
    except ValueError:
        return iso
    return text if with_year else text.rsplit(",", 1)[0]


def _articles(passages: list[Passage]) -> list[str]:
    seen: dict[str, str] = {}
    for p in passages:
        if p.article_id in seen or len(seen) >= CLOSEST:
            continue
        when = long_date(p.published) if p.published and _valid(p.published) else "undated"
        who = p.outlet or "unknown outlet"
        title = p.title if len(p.title or "") <= 90 else p.title[:90].rsplit(" ", 1)[0] + "\u2026"
        seen[p.article_id] = f"{who}, {when}, \u201c{title or 'untitled'}\u201d"
    return list(seen.values())


def _valid(iso: str) -> bool:
    try:
        date.fromisoformat(iso)
    except ValueError:
        return False
    return True
