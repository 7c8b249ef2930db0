"""PDF (pypdf) and Word .docx (python-docx): text in reading order and the document's own properties.

The date rule, for both: a date is the publication date only when the file names it as one —
an XMP ``prism:publicationDate``, a custom property called "Published"/"Publication date", or a
dated header line at the top of the text (the rule plain-text articles follow). The dates every
editor stamps on its own (PDF CreationDate/ModDate, Word created/modified/last printed) say when
the file was made or saved, often years after (a re-export) or before (a draft) publication, so
they are never taken. The same holds for the outlet: XMP ``dc:publisher`` or a custom property.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import Counter
from collections.abc import Iterable

from briefing.errors import IngestError
from briefing.ingest.fields import ArticleFields
from briefing.ingest.header import split_header
from briefing.ingest.metadata import clean_inline, clean_text, parse_published
from briefing.ingest.nexis import looks_like_nexis, read_nexis

# Custom-property names that state a publication date or an outlet (compared without case, spaces or _-).
_PUBLISHED_KEYS = {"published", "publicationdate", "publishdate", "datepublished", "publisheddate", "pubdate"}
_OUTLET_KEYS = {"publisher", "outlet", "publication"}
# Titles that editors and converters fill in by themselves: a file name, "Microsoft Word - x.doc", "untitled".
_PLACEHOLDER_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint) - .*|untitled(?: document)?\s*\d*|document\d*"
    r"|.*\.(?:docx?|pdf|rtf|odt|txt|indd|qxp))$",
    re.I,
)
_PRISM_NAMESPACES = tuple(f"http://prismstandard.org/namespaces/basic/{v}/" for v in ("3.0", "2.1", "2.0", "1.2"))
_HYPHENATED = re.compile(r"(?<=[a-z])-$")
_PAGE_NUMBER = re.compile(r"^[\s\-–—]*(?:page\s*)?\d+(?:\s*(?:of|/)\s*\d+)?[\s\-–—]*$", re.I)


def _key(name: str) -> str:
    return re.sub(r"[\s_\-/]", "", name).lower()


def explicit_properties(props: dict[str, object]) -> tuple[str | None, str | None]:
    """(published, outlet) from custom document properties whose names say what they are."""
    published = outlet = None
    for name, value in props.items():
        key = _key(name.lstrip("/"))
        if key in _PUBLISHED_KEYS and published is None:
            published = parse_published(value)
        elif key in _OUTLET_KEYS and outlet is None:
            outlet = clean_inline(value)
    return published, outlet


def real_title(value: object) -> str | None:
    """The title property unless it is one an editor or converter filled in by itself."""
    title = clean_inline(value)
    return None if title is None or _PLACEHOLDER_TITLE.match(title) else title


def with_header(text: str, label: str, **stated: str | None) -> ArticleFields:
    """The article from its text and its properties: properties first, the text's header lines fill gaps."""
    header, body = split_header(text)
    body = clean_text(body) or clean_text(text)  # a one-line document: its line is the text, not only a title
    if not body:
        raise IngestError(label, "no article text")
    return ArticleFields(
        text=body,
        title=stated.get("title") or clean_inline(header.title),
        author=stated.get("author") or clean_inline(header.author),
        outlet=stated.get("outlet") or clean_inline(header.outlet),
        published=stated.get("published") or header.published,
        url=header.url,
    )


# ---- PDF -----------------------------------------------------------------------------------------


def line_spacing(pages: list[list[tuple[str, float | None]]]) -> float:
    """The document's usual distance between lines: the smallest gap (to 0.5 pt) that is at least a quarter of all.

    Lines inside paragraphs are most of a text's line breaks, and the closest together; the rule asks
    for a quarter, not a majority, because a short text with short paragraphs has nearly as many
    paragraph gaps, and it skips rare small gaps (a superscript, a dense table). Counted over all
    pages: a short page alone cannot tell.
    """
    gaps = Counter(
        round((a[1] - b[1]) * 2) / 2
        for lines in pages
        for a, b in zip(lines, lines[1:], strict=False)
        if a[1] is not None and b[1] is not None and a[1] - b[1] > 0.5
    )
    total = sum(gaps.values())
    return next((g for g in sorted(gaps) if gaps[g] * 4 >= total), 0.0)


def reflow(lines: list[tuple[str, float | None]], usual: float | None = None) -> list[str]:
    """Paragraphs from a page's text lines and their baselines (PDF text has no paragraph marks).

    A paragraph ends where the gap to the next line is clearly larger (1.4 times) than the usual line
    spacing (``line_spacing``, of this page alone when not given), or where the text jumps up (a new
    column). Lines without a position are joined to their paragraph. A word hyphenated across a line
    break is rejoined.
    """
    usual = line_spacing([lines]) if usual is None else usual
    paragraphs: list[str] = []
    current = ""
    previous_y: float | None = None
    for text, y in lines:
        text = " ".join(text.split())
        if not text:
            continue
        new_paragraph = (
            current
            and y is not None
            and previous_y is not None
            and usual > 0
            and (previous_y - y > 1.4 * usual or previous_y - y < -0.5 * usual)
        )
        if new_paragraph or not current:
            if current:
                paragraphs.append(current)
            current = text
        elif _HYPHENATED.search(current) and text[:1].islower():
            current = current[:-1] + text
        else:
            current += " " + text
        previous_y = y if y is not None else previous_y
    if current:
        paragraphs.append(current)
    return paragraphs


def drop_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Each page's paragraphs without running heads, footers and page numbers, which are not article text.

    Furniture: a paragraph that is only a page number ("7", "Page 2 of 5", "- 3 -"), or one repeated
    (digits aside) on at least half the pages of a document of three pages or more.
    """
    def shape(p: str) -> str:
        return re.sub(r"\d+", "#", p.lower())

    counts: dict[str, int] = {}
    for page in pages:
        for key in {shape(p) for p in page}:
            counts[key] = counts.get(key, 0) + 1
    repeated = {k for k, n in counts.items() if len(pages) >= 3 and n * 2 >= len(pages) and n >= 2}
    return [[p for p in page if not _PAGE_NUMBER.match(p) and shape(p) not in repeated] for page in pages]


def _page_lines(page) -> list[tuple[str, float | None]]:
    """The page's text lines in content-stream order, each with its baseline height on the page."""
    lines: list[tuple[str, float | None]] = []
    parts: list[str] = []
    y_of_line: list[float | None] = [None]

    def visit(text: str, cm: list[float], tm: list[float], _font, _size) -> None:
        for i, piece in enumerate(text.split("\n")):
            if i:  # a line break inside the extracted text
                lines.append(("".join(parts), y_of_line[0]))
                parts.clear()
                y_of_line[0] = None
            if piece.strip() and y_of_line[0] is None:
                y_of_line[0] = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # the text origin in page space
            parts.append(piece)

    page.extract_text(visitor_text=visit)
    lines.append(("".join(parts), y_of_line[0]))
    return [(t, y) for t, y in lines if t.strip()]


def _xmp_value(xmp, names: Iterable[tuple[str, str]]) -> object:
    for namespace, name in names:
        try:
            for node in xmp.get_element("", namespace, name):
                if node.nodeType == node.ATTRIBUTE_NODE:  # <rdf:Description prism:publicationDate="...">
                    return node.value
                value = "".join(t.data for t in node.childNodes if t.nodeType == t.TEXT_NODE).strip()
                if not value:  # an rdf:Seq / rdf:Alt / rdf:Bag: the first item
                    items = node.getElementsByTagNameNS("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "li")
                    value = items[0].firstChild.data.strip() if items and items[0].firstChild else None
                if value:
                    return value
        except (AttributeError, IndexError, TypeError):
            continue
    return None


def read_pdf(data: bytes, label: str) -> list[ArticleFields]:
    """A PDF's text, paragraph by paragraph in reading order, with its title, author and explicit dates."""
    from pypdf import PdfReader  # lazy: only PDFs need it
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are noise; a failure is reported below
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):  # many PDFs lock editing only, with an empty password
            raise IngestError(label, "encrypted PDF (it needs a password to open)")
        pages = list(reader.pages)
        lines = [_page_lines(page) for page in pages]
        usual = line_spacing(lines)
        paragraphs = [p for page in drop_page_furniture([reflow(ln, usual) for ln in lines]) for p in page]
        info = reader.metadata or {}
    except (FileNotDecryptedError, DependencyError):
        raise IngestError(label, "encrypted PDF (it needs a password to open)") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError) as exc:
        raise IngestError(label, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if not pages:
        raise IngestError(label, "the PDF has no pages")
    if not any(p.strip() for p in paragraphs):
        raise IngestError(label, f"no text layer (scanned PDF?) on any of its {len(pages)} page(s)")

    published, outlet = explicit_properties({str(k): v for k, v in info.items()})
    title = real_title(info.get("/Title"))
    author = clean_inline(info.get("/Author"))
    try:
        xmp = reader.xmp_metadata
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError):
        xmp = None  # broken XMP: the info dictionary and the text still stand
    if xmp is not None:
        prism = [(ns, "publicationDate") for ns in _PRISM_NAMESPACES]
        published = published or parse_published(_xmp_value(xmp, prism))
        outlet = outlet or clean_inline(xmp.dc_publisher)
        title = title or real_title((xmp.dc_title or {}).get("x-default"))
        author = author or clean_inline(xmp.dc_creator)
    text = "\n\n".join(paragraphs)
    return [with_header(text, label, title=title, author=author, outlet=outlet, published=published)]


# ---- Word .docx ----------------------------------------------------------------------------------


def _docx_blocks(document) -> list[str]:
    """Paragraphs, headings and table rows in document order (a table row: its cells joined by " | ")."""
    from docx.table import Table  # lazy

    out: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):  # a merged cell repeats across its span
                        cells.append(text)
                if cells:
                    out.append(" | ".join(cells))
        elif block.text.strip():
            out.append(block.text.strip())
    return out


def _docx_custom_properties(data: bytes) -> dict[str, str]:
    """docProps/custom.xml (user-defined properties), which python-docx does not read."""
    import xml.etree.ElementTree as ET

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            raw = archive.read("docProps/custom.xml")
        root = ET.fromstring(raw)
    except (KeyError, zipfile.BadZipFile, ET.ParseError):
        return {}
    return {
        prop.get("name", ""): "".join(prop.itertext()).strip()
        for prop in root
        if prop.get("name")
    }


def read_docx(data: bytes, label: str) -> list[ArticleFields | IngestError]:
    """A Word document's text (paragraphs, headings, tables), title, author and explicit dates."""
    import docx  # lazy: only .docx needs it
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = _docx_blocks(document)
        core = document.core_properties
        title, author = real_title(core.title), clean_inline(core.author)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        reason = "encrypted or not a Word .docx file" if data[:4] == b"\xd0\xcf\x11\xe0" else "not a Word .docx file"
        raise IngestError(label, f"{reason} ({type(exc).__name__}: {exc})") from None
    if not blocks:
        raise IngestError(label, "no text in the Word document")
    published, outlet = explicit_properties(_docx_custom_properties(data))
    text = "\n\n".join(blocks)
    if looks_like_nexis(text):  # Nexis Uni exports Word files by default
        return read_nexis(text, label)
    return [with_header(text, label, title=title, author=author, outlet=outlet, published=published)]
