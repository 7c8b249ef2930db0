"""Format readers: the decoded content of one file -> the articles it holds (fields as found).

Each reader is a pure function of (content, label). Fallbacks from the URL and the sidecar are
applied later, in ``ingest.files``; nothing here guesses a date or an outlet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from briefing.errors import IngestError
from briefing.ingest.header import split_header
from briefing.ingest.metadata import clean_inline, clean_text, outlet_from_url, parse_published, site_of

TEXT_KEYS = ("text", "body", "content")
ALIASES = {
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "published_at", "publish_date", "date", "date_published"),
    "outlet": ("source", "outlet", "site_name", "publisher"),
    "author": ("author", "authors", "byline"),
}
_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br")


@dataclass
class ArticleFields:
    """An article as one file states it; None means the file does not say."""

    text: str
    title: str | None = None
    outlet: str | None = None
    site: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    credited_url: str | None = None  # where a republished text points to as its origin
    part: str | None = None  # "#3": the item's place in a multi-article file (list index or JSONL line)


def html_fragment_to_text(fragment: str) -> tuple[str, str | None]:
    """Text of an HTML fragment, one paragraph per block; plus the URL of a trailing credit link.

    A republishing site often ends the post with a lone link to the original ("Thehill"): that
    paragraph is the credit, not article text, so it is removed and its URL returned.
    """
    import lxml.html  # lazy: only HTML needs it

    root = lxml.html.fragment_fromstring(fragment or "<p></p>", create_parent="div")
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    credited_url = None
    blocks = [el for el in root if isinstance(el.tag, str)]
    if blocks:
        last = blocks[-1]
        links = last.xpath(".//a[@href]")
        link_text = " ".join(a.text_content() for a in links).strip()
        if len(links) == 1 and link_text == last.text_content().strip() and len(link_text) <= 60:
            credited_url = links[0].get("href")
            last.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    return clean_text(root.text_content()), credited_url


def _looks_like_html(text: str) -> bool:
    return "<" in text and ">" in text and any(f"<{t}" in text.lower() for t in _BLOCK_TAGS + ("a ", "span"))


def _rendered(value: object) -> object:
    """WordPress wraps strings as {"rendered": "..."}."""
    return value.get("rendered") if isinstance(value, dict) else value


def read_text(content: str, label: str) -> list[ArticleFields]:
    """Plain text or Markdown with optional header lines."""
    header, body = split_header(content)
    body = clean_text(body)
    if not body:
        raise IngestError(label, "no article text after the header")
    return [
        ArticleFields(
            text=body,
            title=clean_inline(header.title),
            outlet=clean_inline(header.outlet),
            published=header.published,
            author=clean_inline(header.author),
            url=header.url,
        )
    ]


def read_html(content: str, label: str) -> list[ArticleFields]:
    """A web page: main text and metadata (title, author, date, site name) via trafilatura."""
    import trafilatura  # lazy: heavy

    doc = trafilatura.bare_extraction(
        content,
        with_metadata=True,
        include_comments=False,
        # Only dates the page states as its own: no guessing from arbitrary dates in the text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = clean_text(getattr(doc, "text", None) or "") if doc else ""
    if not text:
        raise IngestError(label, "no article text found in the HTML page")
    url = getattr(doc, "url", None)
    return [
        ArticleFields(
            text=text,
            title=clean_inline(getattr(doc, "title", None)),
            outlet=clean_inline(getattr(doc, "sitename", None)),
            published=parse_published(getattr(doc, "date", None)),
            author=clean_inline(getattr(doc, "author", None)),
            url=url if url and url.startswith("http") else None,
        )
    ]


def _first(obj: dict, keys: tuple[str, ...]) -> object:
    for key in keys:
        value = _rendered(obj.get(key))
        if value not in (None, "", [], {}):
            return value
    return None


def article_from_object(obj: object, label: str) -> ArticleFields:
    """One JSON article object (field aliases per CONTRACT) or a WordPress REST post."""
    if not isinstance(obj, dict):
        raise IngestError(label, f"expected a JSON object for an article, got {type(obj).__name__}")
    raw = _first(obj, TEXT_KEYS)
    if raw is None:
        raise IngestError(label, "no text field (expected one of: text, body, content)")
    if not isinstance(raw, str):
        raise IngestError(label, f"the text field is a {type(raw).__name__}, not a string")
    credited_url = None
    if _looks_like_html(raw):
        text, credited_url = html_fragment_to_text(raw)
    else:
        text = clean_text(raw)
    if not text:
        raise IngestError(label, "the text field is empty")

    url = _first(obj, ALIASES["url"])
    url = str(url).strip() if isinstance(url, str) else None
    outlet = clean_inline(_first(obj, ALIASES["outlet"]))
    site = site_of(url)
    if outlet is None and credited_url:
        outlet = outlet_from_url(credited_url)  # a republished text is credited to its origin
    author = _first(obj, ALIASES["author"])
    return ArticleFields(
        text=text,
        title=clean_inline(_first(obj, ALIASES["title"])),
        outlet=outlet,
        site=site,
        published=parse_published(_first(obj, ALIASES["published"])),
        # WordPress gives a numeric author id, which names nobody.
        author=clean_inline(author) if isinstance(author, (str, list)) else None,
        url=url,
        credited_url=credited_url,
    )


def read_json(content: str, label: str) -> list[ArticleFields | IngestError]:
    """One article object, a list of them, or a WordPress REST post."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise IngestError(label, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise IngestError(label, "invalid JSON: nested too deeply to read") from None
    if isinstance(data, list):
        if not data:
            raise IngestError(label, "the JSON list holds no articles")
        return [_safe_object(item, label, f"#{i}") for i, item in enumerate(data)]
    return [article_from_object(data, label)]


def read_jsonl(content: str, label: str) -> list[ArticleFields | IngestError]:
    """One article object a line; a bad line fails alone."""
    out: list[ArticleFields | IngestError] = []
    for lineno, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        item_label = f"{label}#{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(IngestError(item_label, f"invalid JSON on line {lineno}: {exc.msg}"))
            continue
        except RecursionError:
            out.append(IngestError(item_label, f"invalid JSON on line {lineno}: nested too deeply to read"))
            continue
        out.append(_safe_object(obj, label, f"#{lineno}"))
    if not out:
        raise IngestError(label, "the JSONL file holds no articles")
    return out


def _safe_object(obj: object, label: str, part: str) -> ArticleFields | IngestError:
    try:
        fields = article_from_object(obj, label + part)
    except IngestError as exc:
        return exc
    fields.part = part
    return fields


READERS = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
}
