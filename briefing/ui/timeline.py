"""The dated claims of an answer on a time axis (HTML and CSS only); undated claims listed apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import groupby

from briefing.types import Answer, Citation
from briefing.ui.html import esc, human_date, plural, time_tag


@dataclass
class TimelineEvent:
    """A claim placed at one publication date of the articles it cites (None: none of them is dated)."""

    date: str | None
    text: str
    outlets: list[str] = field(default_factory=list)
    ns: list[int] = field(default_factory=list)


def _iso_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _outlets(cited: list[Citation]) -> list[str]:
    return list(dict.fromkeys(c.outlet or "unknown outlet" for c in cited))


def timeline_events(answer: Answer) -> tuple[list[TimelineEvent], list[TimelineEvent]]:
    """(dated events oldest first, undated events): a claim citing articles of two dates appears at both."""
    by_n = {c.n: c for c in answer.citations}
    dated: list[TimelineEvent] = []
    undated: list[TimelineEvent] = []
    for claim in answer.claims:
        cited = [by_n[n] for n in claim.citations if n in by_n]
        days = sorted({c.published for c in cited if _iso_day(c.published)})
        if not days:
            undated.append(TimelineEvent(None, claim.text, _outlets(cited), [c.n for c in cited]))
            continue
        for day in days:
            at = [c for c in cited if c.published == day]
            dated.append(TimelineEvent(day, claim.text, _outlets(at), [c.n for c in at]))
    dated.sort(key=lambda e: e.date or "")
    return dated, undated


def _axis(dated: list[TimelineEvent]) -> str:
    days = sorted({_iso_day(e.date) for e in dated})
    first, last = days[0], days[-1]
    span = (last - first).days
    dots = []
    for day in days:
        frac = 0.5 if span == 0 else (day - first).days / span
        count = sum(1 for e in dated if _iso_day(e.date) == day)
        label = f"{human_date(day.isoformat())}: {plural(count, 'claim')}"
        dots.append(
            f'<span class="bq-tl-dot" style="left:{3 + 94 * frac:.2f}%" title="{esc(label)}">'
            f'<span class="bq-tl-count">{count}</span></span>'
        )
    ends = f'<span class="bq-tl-start">{esc(human_date(first.isoformat()))}</span>'
    if span:
        ends += f'<span class="bq-tl-end">{esc(human_date(last.isoformat()))}</span>'
    return f'<div class="bq-tl-axis" role="img" aria-label="time axis"><div class="bq-tl-line"></div>{"".join(dots)}' \
        f'<div class="bq-tl-ends">{ends}</div></div>'


def _item(e: TimelineEvent) -> str:
    where = ", ".join(e.outlets)
    refs = " ".join(f"[{n}]" for n in e.ns)
    return (
        f'<li><span class="bq-tl-claim">{esc(e.text)}</span> '
        f'<span class="bq-muted">\u2014 {esc(where)} {refs}</span></li>'
    )


def render_timeline(answer: Answer | None) -> str:
    """The timeline view of one answer (or a prompt to ask, before any answer)."""
    if answer is None:
        return (
            '<div class="bq-timeline bq-empty">Ask a question: the dated claims of its answer are placed here on '
            "a time axis, and undated ones are listed apart.</div>"
        )
    head = f'<div class="bq-tl-head">Timeline of \u201c{esc(answer.question)}\u201d</div>'
    if answer.abstained:
        return f'<div class="bq-timeline">{head}<p class="bq-muted">The sources do not answer this question, ' \
            "so there is nothing to place in time.</p></div>"
    dated, undated = timeline_events(answer)
    parts = [head]
    if dated:
        parts.append(_axis(dated))
        groups = []
        for day, events in groupby(dated, key=lambda e: e.date):
            groups.append(f'<li class="bq-tl-day">{time_tag(day)}<ul>{"".join(_item(e) for e in events)}</ul></li>')
        parts.append(f'<ol class="bq-tl-list">{"".join(groups)}</ol>')
    else:
        parts.append('<p class="bq-muted">None of the cited articles is dated.</p>')
    if undated:
        parts.append(
            f'<div class="bq-tl-undated"><div class="bq-tl-subhead">Undated</div>'
            f'<ul>{"".join(_item(e) for e in undated)}</ul></div>'
        )
    return f'<div class="bq-timeline">{"".join(parts)}</div>'
