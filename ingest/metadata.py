"""Pure functions that find an article's date and outlet, and clean its text. Never invent either."""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date, datetime
from urllib.parse import urlsplit

from briefing.ingest.outlets import KNOWN_OUTLETS

_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?\s*$")
_SLASH_DATE = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*$")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u200a\u202f]+")
_BLANK_RUNS = re.compile(r"\n\s*\n\s*(\n\s*)+")


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_published(value: object) -> str | None:
    """A date-like value ("2026-02-26T18:38:00", "2025/01/03", "March 22, 2026") as YYYY-MM-DD.

    Returns None for anything that does not name a full day: a bare year or month is not a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        return None  # epoch numbers are too ambiguous to trust
    text = str(value).strip()
    if len(text) > 80:
        return None
    for pattern in (_ISO_DATE, _SLASH_DATE):
        m = pattern.match(text)
        if m:
            return _valid(int(m[1]), int(m[2]), int(m[3]))
    import dateparser  # lazy: slow to import, only needed for free-form dates

    parsed = dateparser.parse(
        text,
        languages=["en"],
        # Absolute dates only: "yesterday" or "Thursday" would be a date we invented.
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["custom-formats", "absolute-time"],
        },
    )
    return parsed.date().isoformat() if parsed else None


def date_from_url(url: str | None) -> str | None:
    """The date a URL path spells out (/2025/08/28/ or /2025-08-28-), else None."""
    if not url:
        return None
    m = _URL_DATE.search(urlsplit(url).path)
    return _valid(int(m[1]), int(m[2]), int(m[3])) if m else None


def site_of(url: str | None) -> str | None:
    """The site's host without "www." ("ustower.net"), or None for a URL with no host."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.") or None


def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to: a known name ("The Hill"), else the site itself."""
    host = site_of(url)
    if not host:
        return None
    parts = host.split(".")
    for i in range(len(parts) - 1):
        name = KNOWN_OUTLETS.get(".".join(parts[i:]))
        if name:
            return name
    return host


def is_own_site(host: str | None, outlet: str | None) -> bool:
    """Whether a site is the outlet's own (so carrying its article is no republication).

    True when the outlet's name, lower-cased without spaces or punctuation, is the whole host or one
    of its labels: The Hill -> thehill.com, BBC -> news.bbc.co.uk, CityWatch -> citywatch.example.
    """
    if not host or not outlet:
        return False
    name = re.sub(r"[^a-z0-9]", "", outlet.lower())
    return bool(name) and (host.lower() == outlet.lower() or name in host.lower().split("."))


def clean_text(text: str) -> str:
    """Plain text: HTML entities decoded, stray tags dropped, spaces and blank lines tidied."""
    text = html.unescape(html.unescape(text))  # some feeds double-encode (&amp;nbsp;)
    text = _TAGS.sub(" ", text)
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def clean_inline(value: object) -> str | None:
    """A one-line metadata value (title, outlet, author) cleaned, or None when empty."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    text = " ".join(clean_text(str(value)).split())
    return text or None
