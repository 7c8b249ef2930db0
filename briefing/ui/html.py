"""Escaping and the few formatting rules every renderer shares."""

from __future__ import annotations

import html
import re
from datetime import date
from urllib.parse import urlsplit

_MARKER = re.compile(r"\[(\d{1,3})\]")
_SAFE_SCHEMES = {"http", "https"}
# An absolute POSIX path of two or more parts, not inside a URL (no scheme, host or word right before it).
_ABSOLUTE_PATH = re.compile(r"(?<![\w:/.~-])/(?:[^\s/'\"<>()]+/)+([^\s/'\"<>()]*)")


def esc(value: object) -> str:
    """Text made inert for HTML, in element content and in quoted attributes alike; None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link, else None (javascript:, data:, relative, malformed)."""
    if not url or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url


def hide_paths(text: str) -> str:
    """Server paths in a message cut to their last part ("/srv/home/uploads/x.md" -> "x.md"); URLs kept."""
    return _ABSOLUTE_PATH.sub(lambda m: m.group(1) or "…", text)


def human_date(iso: str | None) -> str:
    """2026-02-26 -> February 26, 2026; None -> undated; anything else is shown as it is."""
    if not iso:
        return "undated"
    try:
        d = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d:%B} {d.day}, {d.year}"


def time_tag(iso: str | None) -> str:
    """A <time> element for a publication date, or an "undated" label."""
    if not iso:
        return '<span class="bq-undated">undated</span>'
    return f'<time datetime="{esc(iso)}">{esc(human_date(iso))}</time>'


def link_markers(escaped: str, turn: int, titles: dict[int, str]) -> str:
    """Turn the [n] markers of already-escaped text into buttons that bring up source n of this turn.

    ``titles`` maps the answer's citation numbers to a hover text; other bracketed numbers stay text.
    """

    def button(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in titles:
            return m.group(0)
        # The chat's sanitizer drops data-* and aria-* attributes; the turn and n ride in class names.
        return (
            f'<button type="button" class="bq-cite bq-t{turn} bq-n{n}" title="{esc(titles[n])}">[{n}]</button>'
        )

    return _MARKER.sub(button, escaped)


def plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")
