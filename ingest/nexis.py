"""Nexis (LexisNexis, Nexis Uni) text exports: where analysts get most of their news, one or more documents a file.

Each document reads::

    <title>
    <outlet>
    <date line: "May 12, 2025 Monday">
    [edition, "Copyright ..." and "Section:", "Length:", "Byline:" ... lines]
    Body
    <the article's paragraphs>
    [Load-Date: ..., Classification, Graphic: ... lines]
    End of Document

The date line is the publication date; "Load-Date" (when Nexis loaded the text) is not, and is never used.
"""

from __future__ import annotations

import re

from briefing.errors import IngestError
from briefing.ingest.fields import ArticleFields, read_part
from briefing.ingest.metadata import clean_inline, clean_text, parse_published

_END = re.compile(r"^[ \t]*End of Document[ \t]*$", re.M)
_BODY = re.compile(r"^[ \t]*Body[ \t]*$", re.M)
_LENGTH = re.compile(r"^[ \t]*Length:\s*[\d,]+\s+words\b", re.M | re.I)
# "Byline: Mina Park", "Section: NEWS; Pg. A1": a field of the document's head, by the names Nexis gives them (a title
# may have a colon too: "Analysis: Why the talks collapsed")
_FIELD = re.compile(r"^(Section|Length|Byline|Dateline|Highlight|Edition|Column|Series|Author|Type|Language|"
                    r"Publication-Type|Journal Code|Correction-Date|Document-Type):\s*(.*)$")
# what follows the text: "Load-Date: May 13, 2025", "Classification", "Graphic: ...", "Notes: ..."
_TAIL = re.compile(r"^[ \t]*(?:Load-Date:|Classification[ \t]*$|Graphic:|Notes:|Correction-Date:|Language:|"
                   r"Publication-Type:|Subject:|Geographic:|Document-Type:|Journal Code:)", re.M)


def looks_like_nexis(content: str) -> bool:
    """A Nexis export: a "Body" line, and an "End of Document" line or a "Length: N words" field."""
    return bool(_BODY.search(content)) and bool(_END.search(content) or _LENGTH.search(content))


def read_nexis(content: str, label: str) -> list[ArticleFields | IngestError]:
    """Each document of the export an article; one that cannot be read fails alone, named by its place (#n)."""
    documents = [d for d in _END.split(content) if d.strip()]
    return [read_part(_document, document, label, f"#{n}" if len(documents) > 1 else None)
            for n, document in enumerate(documents)]


def _document(document: str, label: str) -> ArticleFields:
    body_line = _BODY.search(document)
    if body_line is None:
        raise IngestError(label, "a Nexis document without a \"Body\" line")
    head = [line.strip() for line in document[: body_line.start()].splitlines() if line.strip()]
    rest = document[body_line.end():]
    tail = _TAIL.search(rest)
    text = clean_text(rest[: tail.start()] if tail else rest)
    if not text:
        raise IngestError(label, "no article text after the \"Body\" line")
    fields = dict(m.groups() for line in head if (m := _FIELD.match(line)))
    plain = [line for line in head if not _FIELD.match(line) and not line.lower().startswith("copyright")]
    title = plain[0] if plain else None
    # the outlet stands between the title and the date line
    dated = next((i for i, line in enumerate(plain[1:], start=1) if parse_published(line)), None)
    outlet = plain[1] if dated is not None and dated > 1 else None
    return ArticleFields(
        text=text,
        title=clean_inline(title),
        outlet=clean_inline(outlet),
        published=parse_published(plain[dated]) if dated is not None else None,
        author=clean_inline(re.sub(r"^By\s+", "", fields.get("Byline", ""), flags=re.I)),
    )
