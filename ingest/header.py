"""Reading the header lines of a plain-text or Markdown article: outlet, section, date, byline, title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.ingest.metadata import parse_published

_DATE_LINE = re.compile(r"^\s*(?:date|published|dated)\s*[:=]?\s*(\d{4}-\d{2}-\d{2})\b\s*", re.I)
_KEY_VALUE = re.compile(
    r"^\s*\**(title|source|outlet|publication|publisher|site|date|published|author|by|url|link)\**"
    r"\s*:\s*\**\s*(.+?)\s*$",
    re.I,
)
_NAV = re.compile(r"^\s*(?:[←→«»‹›<>]+|(?:back to |go to )?(?:front page|home|menu|skip to content)\b)", re.I)
_BYLINE = re.compile(r"^\s*by\s+(.{2,100})$", re.I)
_SEPARATORS = re.compile(r"\s*[•|·—–]\s*")
_FOOTER = {"sources", "source", "references", "share", "advertisement", "related"}
_MAX_HEADER_LINE = 90


@dataclass
class Header:
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None


def _date_in(line: str) -> str | None:
    """A full date in a header line such as "Security • March 22, 2026"."""
    for part in [line, *_SEPARATORS.split(line)]:
        if part and any(ch.isdigit() for ch in part):
            found = parse_published(part)
            if found:
                return found
    return None


def _apply_key_value(header: Header, key: str, value: str) -> None:
    key = key.lower()
    if key == "title":
        header.title = header.title or value
    elif key in {"source", "outlet", "publication", "publisher", "site"}:
        header.outlet = header.outlet or value
    elif key in {"date", "published"}:
        header.published = header.published or parse_published(value)
    elif key in {"author", "by"}:
        header.author = header.author or value
    elif key in {"url", "link"}:
        header.url = header.url or value


def _is_heading_like(line: str) -> bool:
    return len(line) <= 200 and not line.rstrip().endswith((".", "?", "!", ":", ";", ",", "\u201d", '"'))


def split_header(text: str) -> tuple[Header, str]:
    """Split a text article into its header fields and its body.

    The header is the leading block of short lines (outlet, "Section • Date", "date YYYY-MM-DD",
    "Key: value", navigation crumbs) before the first blank line; then a title line and an optional
    byline. A block that is a single plain line is the title itself. Missing fields stay None.
    """
    header = Header()
    body = text.lstrip("\ufeff")
    m = _DATE_LINE.match(body)
    if m:  # "date 2026-03-05 Anthropic is back ..." : the date may share its line with the body
        header.published = parse_published(m[1])
        body = body[m.end():]

    lines = body.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    block_end = i
    while block_end < len(lines) and lines[block_end].strip():
        block_end += 1
    block = [ln.strip() for ln in lines[i:block_end]]
    rest_has_text = any(ln.strip() for ln in lines[block_end:])

    is_header = (
        rest_has_text
        and block
        and all(len(ln) <= _MAX_HEADER_LINE for ln in block)
        and (len(block) > 1 or _NAV.match(block[0]) or _date_in(block[0]) or _KEY_VALUE.match(block[0]))
    )
    if is_header:
        for ln in block:
            kv = _KEY_VALUE.match(ln)
            if _NAV.match(ln):
                continue
            if kv:
                _apply_key_value(header, kv[1], kv[2])
            elif (found := _date_in(ln)) is not None:
                header.published = header.published or found
            elif header.outlet is None and len(ln.split()) <= 6 and header.title is None:
                header.outlet = ln.lstrip("#").strip()
            elif header.title is None:
                header.title = ln.lstrip("#").strip()
        i = block_end

    # Title: a Markdown heading or the first short line; a long first line stays body text.
    while i < len(lines) and not lines[i].strip():
        i += 1
    if header.title is None and i < len(lines):
        first = lines[i].strip()
        standalone = i + 1 >= len(lines) or not lines[i + 1].strip()
        # After a header block, a standalone line is the title even when it ends with a period.
        if first.startswith("#") or _is_heading_like(first) or (is_header and standalone and len(first) <= 200):
            header.title = first.lstrip("#").strip()
            i += 1

    # Byline right after the title: "By AI Daily Editorial • March 22, 2026".
    j = i
    while j < len(lines) and not lines[j].strip():
        j += 1
    if j < len(lines) and (by := _BYLINE.match(lines[j].strip())):
        parts = _SEPARATORS.split(by[1])
        header.author = header.author or parts[0].strip() or None
        header.published = header.published or _date_in(by[1])
        i = j + 1

    body_lines = lines[i:]
    while body_lines and body_lines[-1].strip().lower().rstrip(":") in _FOOTER | {""}:
        body_lines.pop()  # a dangling "Sources" footer with nothing after it is page chrome
    return header, "\n".join(body_lines).strip()
