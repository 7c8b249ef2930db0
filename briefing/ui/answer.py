"""Chat messages and source cards for one answer. Every string from a source or a user is escaped."""

from __future__ import annotations

import re
from pathlib import PurePath

from briefing.answering.attribution import attribution, republished_by
from briefing.answering.relative_dates import annotate
from briefing.types import Answer, Citation, Claim, Passage
from briefing.ui.html import esc, hide_paths, human_date, link_markers, plural, safe_url, time_tag

CONTEXT_MARGIN = 200  # characters of the article shown on each side of the cited passage


def render_question(question: str) -> str:
    return f'<div class="bq-question">{esc(question)}</div>'


def render_streaming(text: str) -> str:
    """The answer while it streams in: plain escaped text; markers become links once it is complete."""
    body = esc(text) if text else '<span class="bq-wait">Searching the sources\u2026</span>'
    return f'<div class="bq-answer bq-streaming">{body}<span class="bq-cursor" aria-hidden="true"></span></div>'


def render_error(message: str) -> str:
    """An answer that failed, in one sentence (a server path in it is cut to its file name)."""
    return (
        f'<div class="bq-answer bq-error" role="alert"><strong>Could not answer:</strong> '
        f"{esc(hide_paths(message))}</div>"
    )


def render_hint(message: str) -> str:
    """A note from the chat itself (not an answer), e.g. when the question box was empty."""
    return f'<div class="bq-hint" role="status">{esc(message)}</div>'


def hover_text(c: Citation) -> str:
    quote = annotate(" ".join(c.quote.split()), c.published)  # relative dates resolved: "Thursday [February 26, 2026]"
    quote = quote if len(quote) <= 240 else quote[:239] + "\u2026"
    return f"{c.outlet or 'unknown outlet'}, {human_date(c.published)} \u2014 {c.title}\n\u201c{quote}\u201d"


def render_answer(answer: Answer, turn: int, model: str | None = None) -> str:
    """The assistant's message: notes, the claims with clickable [n] markers, and what was removed."""
    parts = []
    if answer.fallback_reason:
        parts.append(
            f'<div class="bq-note bq-fallback" role="note"><strong>Fell back to {esc(answer.backend)}:</strong> '
            f"{esc(answer.fallback_reason)}</div>"
        )
    if answer.standalone_question and answer.standalone_question != answer.question:
        parts.append(f'<div class="bq-understood">Understood as: {esc(answer.standalone_question)}</div>')
    if answer.abstained:
        parts.append(
            '<div class="bq-abstained"><span class="bq-badge">Not in the sources</span> '
            f"<p>{esc(answer.answer)}</p></div>"
        )
    else:
        parts.append(render_claims(answer, turn))
        parts += [f'<div class="bq-abstained"><span class="bq-badge">Not in the sources</span> '
                  f"<p>{esc(unsaid)}</p></div>" for unsaid in answer.unanswered]
    meta = [f"as of {esc(human_date(answer.as_of))}"] if answer.as_of else []
    backend = esc(answer.backend) + (f" ({esc(model)})" if model and answer.backend == "openai" else "")
    meta.append(f"answered by {backend}")
    if answer.citations:
        meta.append(plural(len(answer.citations), "source"))
    parts.append('<div class="bq-meta">' + " \u00b7 ".join(meta) + "</div>")
    if answer.removed:
        items = "".join(
            f"<li>{esc(r.get('text', ''))}" + (f' <em>({esc(r["reason"])})</em>' if r.get("reason") else "") + "</li>"
            for r in answer.removed
        )
        parts.append(
            f'<details class="bq-removed"><summary>{plural(len(answer.removed), "unsupported sentence")} '
            f"removed</summary><ul>{items}</ul></details>"
        )
    return f'<div class="bq-answer" data-turn="{turn}">{"".join(parts)}</div>'


def claim_groups(answer: Answer) -> list[tuple[str | None, list[str]]]:
    """The claims as (attribution lead, the texts said after it), in order of first appearance.

    Claims that cite one article and open with that article's lead ("On February 26, 2026, The Hill
    reported that") share one group, the lead said once; any other claim is its own group with no
    lead, its text whole. A lead that only one claim uses is not split off its sentence.
    """
    passages = {p.passage_id: p for p in answer.passages}
    by_n = {c.n: c for c in answer.citations}
    keyed: list[tuple[str | None, str, Claim]] = []
    for claim in answer.claims:
        lead = _lead(claim, by_n, passages)
        if lead and claim.text.startswith(lead + " "):
            keyed.append((lead, claim.text[len(lead) + 1 :], claim))
        else:
            keyed.append((None, claim.text, claim))
    uses: dict[str, int] = {}
    for lead, _, _ in keyed:
        if lead:
            uses[lead] = uses.get(lead, 0) + 1
    groups: list[tuple[str | None, list[str]]] = []
    index: dict[str, int] = {}
    for lead, rest, claim in keyed:
        if lead is None or uses[lead] < 2:
            groups.append((None, [claim.text]))
        elif lead in index:
            groups[index[lead]][1].append(rest)
        else:
            index[lead] = len(groups)
            groups.append((lead, [rest]))
    return groups


def _lead(claim: Claim, by_n: dict[int, Citation], passages: dict[str, Passage]) -> str | None:
    if len(claim.citations) != 1 or claim.citations[0] not in by_n:
        return None
    passage = passages.get(by_n[claim.citations[0]].passage_id)
    return attribution(passage) if passage else None


def render_claims(answer: Answer, turn: int) -> str:
    """The claims as a list, one line each; claims from one article sit under its attribution, said once."""
    titles = {c.n: hover_text(c) for c in answer.citations}
    items = []
    for lead, texts in claim_groups(answer):
        lines = "".join(f'<li class="bq-claim">{link_markers(esc(t), turn, titles)}</li>' for t in texts)
        if lead is None:
            items.append(lines)
        else:
            items.append(f'<li class="bq-group"><div class="bq-lead">{esc(lead)}:</div><ul>{lines}</ul></li>')
    return f'<ul class="bq-claims">{"".join(items)}</ul>'


# ---- source cards -------------------------------------------------------------------------


def passage_context(article_text: str, passage: Passage, margin: int = CONTEXT_MARGIN) -> str | None:
    """The passage with up to ``margin`` characters of the article on each side, cut at whitespace.

    None when the article text does not hold the passage at its offsets (the caller falls back).
    """
    start, end = passage.start, passage.end
    if not (0 <= start < end <= len(article_text)) or article_text[start:end].strip() != passage.text.strip():
        return None
    lo, hi = max(0, start - margin), min(len(article_text), end + margin)
    if lo > 0:
        cut = article_text.find(" ", lo, start)
        lo = cut + 1 if cut >= 0 else lo
    if hi < len(article_text):
        cut = article_text.rfind(" ", end, hi)
        hi = cut if cut >= 0 else hi
    return ("\u2026" if lo > 0 else "") + article_text[lo:hi].strip() + ("\u2026" if hi < len(article_text) else "")


def highlight(context: str, quote: str) -> str | None:
    """Escaped ``context`` with ``quote`` wrapped in <mark> (whitespace-insensitive), or None if absent."""
    words = quote.split()
    if not words:
        return None
    m = re.search(r"\s+".join(map(re.escape, words)), context)
    if not m:
        return None
    return f"{esc(context[: m.start()])}<mark>{esc(m.group(0))}</mark>{esc(context[m.end():])}"


def render_where(url: str | None, source_path: str | None) -> str:
    """A link for an http(s) URL; any other URL as text; a file by its name only (never the server's path)."""
    link = safe_url(url)
    if link:
        return (
            f'<a class="bq-link" href="{esc(link)}" target="_blank" rel="noopener noreferrer nofollow">'
            f"{esc(link)}</a>"
        )
    file_name = PurePath(source_path).name if source_path else None
    shown = [f"<code>{esc(v)}</code>" for v in (url, file_name) if v]
    return " ".join(shown) or '<span class="bq-muted">no link or file recorded</span>'


def render_source_card(c: Citation, turn: int, passage: Passage | None = None, context: str | None = None) -> str:
    """One citation: outlet, date (or undated), title, link or file, and the quote inside its passage."""
    context = context or (passage.text if passage else None)
    marked = highlight(context, c.quote) if context else None
    outlet = esc(c.outlet) if c.outlet else '<span class="bq-muted">unknown outlet</span>'
    via = ""
    if passage and passage.site and passage.site != c.outlet:
        via = f' <span class="bq-muted">({esc(republished_by(passage.site))})</span>'
    also = ""
    if passage and passage.also_reported_by:
        also = f'<div class="bq-also">Also reported by {esc(", ".join(passage.also_reported_by))}</div>'
    in_context = (
        f'<details class="bq-context"><summary>Quote in context</summary><p>{marked}</p></details>' if marked else ""
    )
    return (
        f'<article class="bq-card" id="bq-src-{turn}-{c.n}" data-turn="{turn}" data-n="{c.n}">'
        f'<header><span class="bq-n">[{c.n}]</span> <span class="bq-outlet">{outlet}</span>{via} \u00b7 '
        f"{time_tag(c.published)}</header>"
        f'<div class="bq-title">{esc(c.title) or "untitled"}</div>'
        f'<div class="bq-where">{render_where(c.url, c.source_path)}</div>'
        f'<blockquote class="bq-quote">{esc(annotate(c.quote, c.published))}</blockquote>{in_context}{also}</article>'
    )


def render_sources_group(answer: Answer, turn: int, contexts: dict[int, str | None] | None = None) -> str:
    """The source cards of one answer (``contexts``: citation n -> article text around its passage)."""
    contexts = contexts or {}
    by_id = {p.passage_id: p for p in answer.passages}
    head = f'<div class="bq-sources-for">Sources for \u201c{esc(answer.question)}\u201d</div>'
    if answer.citations:
        cards = "".join(
            render_source_card(c, turn, by_id.get(c.passage_id), contexts.get(c.n)) for c in answer.citations
        )
        return head + cards
    if not answer.passages:
        return head + '<p class="bq-muted">Nothing was retrieved inside the filters.</p>'
    near = "".join(
        f"<li>{esc(p.title) or 'untitled'} \u2014 {esc(p.outlet or 'unknown outlet')}, {time_tag(p.published)}</li>"
        for p in answer.passages[:3]
    )
    return head + f'<p class="bq-muted">No source supports an answer. Closest articles retrieved:</p><ul>{near}</ul>'


def render_sources_panel(groups: list[tuple[int, str]]) -> str:
    """Every turn's cards; only the latest is shown until a marker of an earlier answer is clicked."""
    if not groups:
        return (
            '<div class="bq-sources bq-empty">Sources appear here: for each [n] of the answer, the outlet, '
            "date, title, link or file, and the quoted passage in its context.</div>"
        )
    latest = groups[-1][0]
    sections = "".join(
        f'<section class="bq-turn-sources" data-turn="{turn}"{"" if turn == latest else " hidden"}>{body}</section>'
        for turn, body in groups
    )
    return f'<div class="bq-sources">{sections}</div>'
