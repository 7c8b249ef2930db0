"""RSS 2.0, RSS 1.0 and Atom feeds (feedparser): every entry an article, the feed's title its outlet.

The date rule: an entry's publication date is its ``pubDate`` (RSS), ``published`` (Atom) or
``dc:date`` (RSS 1.0), as stated, in the time zone the feed wrote it in. Atom's ``updated`` says
when the entry last changed, not when it was published, so an entry with only ``updated`` stays undated.
"""

from __future__ import annotations

from briefing.errors import IngestError
from briefing.ingest.fields import ArticleFields, html_body_text, looks_like_html
from briefing.ingest.metadata import clean_inline, clean_text, parse_published, site_of


def _entry_text(entry) -> str:
    """The entry's fullest body: its content (Atom content, RSS content:encoded), else its summary."""
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    body = max(candidates, key=len)
    return html_body_text(body) if looks_like_html(body) else clean_text(body)


def _published(entry, version: str) -> str | None:
    if "published" in entry:  # RSS 2.0 pubDate, Atom published
        return parse_published(entry["published"])
    if version.startswith("rss") and "updated" in entry:  # RSS 1.0 / 0.9x dc:date: the item's one date
        return parse_published(entry["updated"])
    return None


def read_feed(data: bytes, label: str) -> list[ArticleFields | IngestError]:
    """Each entry of an RSS or Atom feed; an entry without text fails alone."""
    import feedparser  # lazy: only feeds need it

    parsed = feedparser.parse(data)
    if not parsed.version:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise IngestError(label, f"not an RSS or Atom feed{detail}")
    if not parsed.entries:
        raise IngestError(label, "the feed holds no entries")
    outlet = clean_inline(parsed.feed.get("title"))
    own_site = site_of(parsed.feed.get("link"))  # the feed's own site: its entries there are not republished
    out: list[ArticleFields | IngestError] = []
    for n, entry in enumerate(parsed.entries, start=1):
        part = f"#{n}"
        text = _entry_text(entry)
        if not text:
            out.append(IngestError(label + part, "feed entry with no text (no content or summary)"))
            continue
        link = entry.get("link")
        url = link.strip() if isinstance(link, str) and link.strip().startswith("http") else None
        out.append(
            ArticleFields(
                text=text,
                title=clean_inline(entry.get("title")),
                outlet=outlet,
                published=_published(entry, parsed.version),
                author=clean_inline(entry.get("author")),
                url=url,
                own_site=own_site,
                part=part,
            )
        )
    return out
