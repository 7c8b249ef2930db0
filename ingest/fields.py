"""What every format reader returns (an article's fields as the file states them) and the shared HTML helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from briefing.errors import IngestError
from briefing.ingest.metadata import clean_text

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
    own_site: str | None = None  # the outlet's own host (a feed's channel link): an article there is not republished
    part: str | None = None  # "#3": the item's place in a multi-article file (list index, JSONL line, feed entry)


Item = TypeVar("Item")


def read_part(read: Callable[[Item, str], ArticleFields], item: Item, label: str,
              part: str | None) -> ArticleFields | IngestError:
    """One article of a multi-article file (a list item, a line, a message, a document) read alone: one that cannot be
    read fails alone, named by its place ("#3"), and the others go on."""
    try:
        fields = read(item, label + (part or ""))
    except IngestError as exc:
        return exc
    fields.part = part
    return fields


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


def html_body_text(html: str) -> str:
    """The main text of an HTML body (a feed entry, a newsletter), boilerplate removed by trafilatura.

    trafilatura keeps only what it judges to be the main content; a short entry it drops entirely
    is still article text, so then every block of the HTML is kept instead.
    """
    import trafilatura  # lazy: heavy

    extracted = trafilatura.extract(
        html if "<body" in html.lower() else f"<html><body><article>{html}</article></body></html>",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
    )
    text = clean_text(extracted or "")
    return text or html_fragment_to_text(html)[0]


def looks_like_html(text: str) -> bool:
    return "<" in text and ">" in text and any(f"<{t}" in text.lower() for t in _BLOCK_TAGS + ("a ", "span"))
