"""From paths on disk to finished articles: discovery, safe reading, format choice, sidecars, fallbacks."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import IngestError
from briefing.ingest.formats import (
    BYTES_READERS,
    READERS,
    ArticleFields,
    has_text_column,
    read_html,
    read_json,
    read_markdown,
    read_text,
)
from briefing.ingest.metadata import (
    clean_inline,
    date_from_url,
    is_own_site,
    outlet_from_url,
    parse_published,
    site_of,
)

SIDECAR_SUFFIX = ".meta.json"
_SNIFF_BYTES = 8192


@dataclass
class LoadedArticle:
    """An article ready to store: its identity, where it came from, and its fields with fallbacks."""

    article_id: str
    label: str  # source path, with #n for the n-th article of a multi-article file
    source_path: str
    fields: ArticleFields


def display_path(path: Path) -> str:
    """Relative to the working directory when inside it (as users typed it), else absolute.

    Symbolic links are not followed here: a report names the file the user has, not its target.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path(os.path.abspath(Path.cwd()))))
    except ValueError:
        return str(absolute)


_FEED_ROOTS = (b"<rss", b"<feed", b"<rdf:rdf")


def looks_like_feed(path: Path) -> bool:
    """Whether an XML file's root element is an RSS, Atom or RSS 1.0 feed (from its first 4 KB)."""
    try:
        with path.open("rb") as f:
            head = f.read(4096).lower()
    except OSError:
        return True  # let the reader report why it cannot be read
    return any(root in head for root in _FEED_ROOTS)


def looks_like_article_table(path: Path) -> bool:
    """Whether a CSV file's header row names a text column (from its first 4 KB)."""
    try:
        with path.open("rb") as f:
            head = f.read(4096).decode("utf-8-sig", errors="replace")
    except OSError:
        return True  # let the reader report why it cannot be read
    return has_text_column(head)


def discover(paths: list[str | Path]) -> Iterator[tuple[Path, str | None]]:
    """Files to read, recursively, in a stable order; (path, error) for paths that do not exist.

    Inside folders, only supported extensions are taken (sidecars and hidden files are skipped), .xml files only
    when they are feeds (a folder's sitemap or config is not an article) and .csv files only when they are tables of
    articles (a text column); a file named explicitly is always tried, so an unsupported one is reported, not
    ignored.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                        continue
                    suffix = Path(name).suffix.lower()
                    if suffix in READERS and (suffix != ".xml" or looks_like_feed(Path(root) / name)) \
                            and (suffix != ".csv" or looks_like_article_table(Path(root) / name)):
                        yield Path(root) / name, None
        elif path.exists():
            yield path, None
        elif path.is_symlink():
            yield path, "a broken symbolic link (its target does not exist)"
        else:
            yield path, "no such file or folder"


def read_bytes_safely(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or an IngestError naming why it cannot be read (too large, gone, not allowed, empty)."""
    label = display_path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(label, f"file too large ({size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        if path.is_symlink():
            raise IngestError(label, "a broken symbolic link (its target does not exist)") from None
        raise IngestError(label, "the file disappeared before it could be read") from None
    except IsADirectoryError:
        raise IngestError(label, "is a directory") from None
    except PermissionError:
        raise IngestError(label, "permission denied") from None
    except OSError as exc:
        raise IngestError(label, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise IngestError(label, "empty file")
    return data


def decode_text(data: bytes, label: str) -> str:
    """A text file's content, or an IngestError naming why it is not text."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Windows tools save text as UTF-16
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(label, "not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data[:_SNIFF_BYTES]:
        raise IngestError(label, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            label, f"not valid UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from None


def choose_reader(suffix: str, content: str):
    """By extension, but a .txt that is really JSON or HTML (a saved API response or page) is read as such."""
    head = content.lstrip()[:200].lower()
    if suffix in {".txt", ".md", ""}:
        if head.startswith(("{", "[")):
            try:
                json.loads(content)
                return read_json
            except (json.JSONDecodeError, RecursionError):
                pass
        if head.startswith(("<!doctype html", "<html")):
            return read_html
        return read_markdown if suffix == ".md" else read_text
    return READERS.get(suffix)


def read_sidecar(path: Path) -> dict:
    """Metadata from NAME.meta.json (or NAME.ext.meta.json) beside the file, if there is one."""
    for candidate in (path.with_name(path.stem + SIDECAR_SUFFIX), path.with_name(path.name + SIDECAR_SUFFIX)):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise IngestError(display_path(candidate), f"invalid sidecar JSON ({exc})") from None
            if not isinstance(data, dict):
                raise IngestError(display_path(candidate), "a sidecar must be a JSON object")
            return data
    return {}


def apply_sidecar(fields: ArticleFields, meta: dict) -> ArticleFields:
    """Sidecar values override what the file says (title, outlet, published, url, author)."""
    if not meta:
        return fields
    if (v := clean_inline(meta.get("title"))) is not None:
        fields.title = v
    if (v := clean_inline(meta.get("outlet") or meta.get("source") or meta.get("site_name"))) is not None:
        fields.outlet = v
    published = meta.get("published") or meta.get("published_at") or meta.get("publish_date") or meta.get("date")
    if published is not None and (v := parse_published(published)) is not None:
        fields.published = v
    if isinstance(url := meta.get("url") or meta.get("link"), str) and url.strip():
        fields.url = url.strip()
        fields.site = site_of(fields.url)
    if (v := clean_inline(meta.get("author") or meta.get("authors"))) is not None:
        fields.author = v
    return fields


def _title_from_text(text: str, fallback: str) -> str:
    words = text.split("\n", 1)[0].split()
    if not words:
        return fallback
    return " ".join(words[:14]) + ("…" if len(words) > 14 else "")


def finish(fields: ArticleFields, stem: str) -> ArticleFields:
    """Fallbacks in CONTRACT order: the article's own word, then its URL; unknown stays unknown."""
    if fields.published is None:
        fields.published = date_from_url(fields.url) or date_from_url(fields.credited_url)
    if fields.outlet is None:
        fields.outlet = outlet_from_url(fields.credited_url) or outlet_from_url(fields.url)
    if fields.site is None:
        fields.site = site_of(fields.url)
    if fields.site and (fields.site == fields.own_site or is_own_site(fields.site, fields.outlet)):
        fields.site = None  # only recorded when the carrying site is not the credited outlet's own
    if not fields.title:
        fields.title = _title_from_text(fields.text, stem)
    return fields


def article_id_for(fields: ArticleFields, path: Path, part: str | None) -> str:
    """Stable identity: the article's URL when it has one, else its file (and place in the file)."""
    key = fields.url or f"file:{path.resolve()}" + (part or "")
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def load_file(path: Path, max_bytes: int) -> list[LoadedArticle | IngestError]:
    """Every article in one file; whole-file problems raise, per-article problems are returned."""
    label = display_path(path)
    suffix = path.suffix.lower()
    data = read_bytes_safely(path, max_bytes)
    if suffix in BYTES_READERS:
        reader, content = READERS[suffix], data
    else:
        content = decode_text(data, label)
        reader = choose_reader(suffix, content)
    if reader is None:
        raise IngestError(label, f"unsupported file type '{path.suffix or '(none)'}'")
    meta = read_sidecar(path)
    found = reader(content, label)
    out: list[LoadedArticle | IngestError] = []
    for item in found:
        if isinstance(item, IngestError):
            out.append(item)
            continue
        fields = finish(apply_sidecar(item, meta), path.stem)
        out.append(
            LoadedArticle(
                article_id=article_id_for(fields, path, fields.part),
                label=label + (fields.part or ""),
                source_path=str(path.resolve()),  # identity: never relative to the working directory
                fields=fields,
            )
        )
    return out


__all__ = ["LoadedArticle", "discover", "load_file", "display_path", "read_html"]
