"""Format readers: the content of one file -> the articles it holds (fields as found).

Each reader is a pure function of (content, label): decoded text, or the raw bytes for the formats in
``BYTES_READERS`` (PDF, Word, feeds, e-mail). Fallbacks from the URL and the sidecar are
applied later, in ``ingest.files``; nothing here guesses a date or an outlet.
"""

from __future__ import annotations

import csv
import io
import json
import re

from briefing.errors import IngestError
from briefing.ingest.documents import read_docx, read_pdf
from briefing.ingest.feeds import read_feed
from briefing.ingest.fields import ArticleFields, html_fragment_to_text, looks_like_html, read_part
from briefing.ingest.header import split_header
from briefing.ingest.mail import read_eml, read_mbox
from briefing.ingest.metadata import clean_inline, clean_text, outlet_from_url, parse_published, site_of
from briefing.ingest.nexis import looks_like_nexis, read_nexis

# Field names as news APIs and schema.org write them, compared without case, "_" or "-" (``_key``): "published_at",
# "publishedAt" and "published-at" are one field. The article's own text first; its description (NewsAPI, schema.org)
# only when there is none.
TEXT_KEYS = ("text", "body", "content", "articlebody", "bodytext", "fulltext", "description")
ALIASES = {
    "title": ("title", "headline"),
    "url": ("url", "link", "permalink"),
    "published": ("published", "publishedat", "publishdate", "publicationdate", "datepublished", "pubdate", "date"),
    "outlet": ("source", "outlet", "sitename", "publisher"),
    "author": ("author", "authors", "byline", "creator"),
}
# NewsAPI cuts its "content" and says by how much: "... the museum. … [+2134 chars]"
_CUT_MARK = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")


def _key(name: object) -> str:
    return re.sub(r"[_\-\s]", "", str(name)).lower()  # (YAML front matter may have a number for a key)


def _rendered(value: object) -> object:
    """A value as a string where the format wraps it: WordPress's {"rendered": "..."}, a publisher or an author as
    {"name": "..."} (NewsAPI, schema.org), a list of such authors."""
    if isinstance(value, dict):
        return next((value[k] for k in ("rendered", "name", "title") if isinstance(value.get(k), str)), None)
    if isinstance(value, list) and any(isinstance(v, dict) for v in value):
        return [name for v in value if (name := _rendered(v))]
    return value


def read_text(content: str, label: str) -> list[ArticleFields | IngestError]:
    """Plain text or Markdown with optional header lines; a Nexis export (``ingest.nexis``) as its documents."""
    if looks_like_nexis(content):
        return read_nexis(content, label)
    return [_headed_text(content, label)]


def _headed_text(content: str, label: str) -> ArticleFields:
    """One article: the header lines' fields and the body under them."""
    header, body = split_header(content)
    body = clean_text(body)
    if not body:
        raise IngestError(label, "no article text after the header")
    return ArticleFields(
        text=body,
        title=clean_inline(header.title),
        outlet=clean_inline(header.outlet),
        published=header.published,
        author=clean_inline(header.author),
        url=header.url,
    )


def read_markdown(content: str, label: str) -> list[ArticleFields]:
    """Markdown, with YAML front matter (title, date/published, outlet/source, url, author) when it has some.

    Front matter fields (CONTRACT aliases) come first; the text's own header lines fill what it leaves out.
    """
    if not content.lstrip("\ufeff").startswith("---"):
        return read_text(content, label)
    import frontmatter  # lazy: python-frontmatter (PyYAML underneath)
    import yaml

    try:
        post = frontmatter.loads(content.lstrip("\ufeff"))
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" (line {where.line + 1} of the file)" if where is not None else ""  # its YAML starts on the --- line
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise IngestError(label, f"malformed YAML front matter{at}: {problem}") from None
    meta = post.metadata
    if not isinstance(meta, dict):
        raise IngestError(label, "the front matter is not a set of key: value fields")
    found = _headed_text(post.content, label)
    url = _first(meta, ALIASES["url"])
    author = _first(meta, ALIASES["author"])
    return [
        ArticleFields(
            text=found.text,
            title=clean_inline(_first(meta, ALIASES["title"])) or found.title,
            outlet=clean_inline(_first(meta, ALIASES["outlet"])) or found.outlet,
            published=parse_published(_first(meta, ALIASES["published"])) or found.published,
            author=(clean_inline(author) if isinstance(author, (str, list)) else None) or found.author,
            url=url.strip() if isinstance(url, str) and url.strip() else found.url,
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
    fields = {_key(name): value for name, value in obj.items()}
    for key in keys:
        value = _rendered(fields.get(key))
        if value not in (None, "", [], {}):
            return value
    return None


def article_from_object(obj: object, label: str) -> ArticleFields:
    """One JSON article object (field aliases per CONTRACT) or a WordPress REST post."""
    if not isinstance(obj, dict):
        raise IngestError(label, f"expected a JSON object for an article, got {type(obj).__name__}")
    raw = _first(obj, TEXT_KEYS)
    if raw is None:
        raise IngestError(label, "no text field (expected one of: text, body, content, articleBody, description)")
    if not isinstance(raw, str):
        raise IngestError(label, f"the text field is a {type(raw).__name__}, not a string")
    raw = _CUT_MARK.sub("", raw)
    credited_url = None
    if looks_like_html(raw):
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
    if isinstance(data, dict) and _first(data, TEXT_KEYS) is None and (found := _article_list(data)) is not None:
        key, data = found  # {"status": "ok", "articles": [...]}: the list is the articles
        label = f"{label}:{key}"
    if isinstance(data, list):
        if not data:
            raise IngestError(label, "the JSON list holds no articles")
        return [read_part(article_from_object, item, label, f"#{i}") for i, item in enumerate(data)]
    return [article_from_object(data, label)]


def _article_list(data: dict, depth: int = 2) -> tuple[str, list] | None:
    """The list of article objects a news API's response wraps: {"articles": [...]} (NewsAPI), {"response":
    {"results": [...]}}, {"items": [...]}: the first list of objects holding a text field, up to ``depth`` levels
    down; its path names it in errors ("articles#3")."""
    for key, value in data.items():
        if isinstance(value, list) and any(isinstance(v, dict) and _first(v, TEXT_KEYS) is not None for v in value):
            return key, value
    if depth > 1:
        for key, value in data.items():
            if isinstance(value, dict) and (found := _article_list(value, depth - 1)) is not None:
                return f"{key}.{found[0]}", found[1]
    return None


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
        out.append(read_part(article_from_object, obj, label, f"#{lineno}"))
    if not out:
        raise IngestError(label, "the JSONL file holds no articles")
    return out


def _csv_dialect(head: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(head[:4096], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def has_text_column(head: str) -> bool:
    """Whether a CSV file's header row (in ``head``, its first lines) names a column of article text: a table of
    articles, not of anything else (a folder's price list or data export is not taken for articles)."""
    header = next(csv.reader(head.splitlines()[:1], dialect=_csv_dialect(head)), [])
    return any(_key(name) in TEXT_KEYS for name in header)


def read_csv(content: str, label: str) -> list[ArticleFields | IngestError]:
    """A spreadsheet's export, one article a row under a header row of field names (the JSON aliases: "title",
    "text", "url", "published", "outlet", ...); a row without text fails alone, named by its line."""
    if not has_text_column(content):
        raise IngestError(label, "no text column in the header row (expected one of: text, body, content, "
                                 "articleBody, description)")
    # (newline="": a quoted cell keeps its paragraph breaks)
    rows = csv.DictReader(io.StringIO(content, newline=""), dialect=_csv_dialect(content))
    out = [read_part(article_from_object, {k: v for k, v in row.items() if k}, label, f"#{rows.line_num}")
           for row in rows]
    if not out:
        raise IngestError(label, "the CSV file holds no articles")
    return out


READERS = {
    ".txt": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".rss": read_feed,
    ".atom": read_feed,
    ".xml": read_feed,  # only feeds: other XML is reported as "not an RSS or Atom feed"
    ".eml": read_eml,
    ".mbox": read_mbox,
}
"""Every file type ``ingest`` reads, by extension (the chat's upload types come from here too)."""

BYTES_READERS = frozenset({".pdf", ".docx", ".rss", ".atom", ".xml", ".eml", ".mbox"})
"""Readers given the file's bytes, not decoded text: binary formats, and those that declare their own encoding."""
