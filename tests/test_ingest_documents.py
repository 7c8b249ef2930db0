"""PDF, Word, RSS/Atom, e-mail and Markdown front matter, from files the tests write (CONTRACT: article formats).

Metadata is what the file states, never invented: a date the file does not call its publication date
(PDF CreationDate, Word created/modified, Atom updated) leaves the article undated.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter

from briefing import Briefing, IngestError
from briefing.ingest.documents import reflow
from briefing.ingest.files import LoadedArticle, load_file
from briefing.ingest.formats import READERS
from briefing.settings import Settings

LIMIT = 10_000_000
P1 = ("The city council approved a new transit plan on Monday after months of debate over routes and fares. "
      "Supporters said the plan would cut commuting times for thousands of residents across the east side.")
P2 = ("Opponents argued that the cost estimates were too optimistic and that the council had not consulted "
      "the neighbourhoods most affected by the new bus lanes, which will open next spring.")


def load(path: Path) -> list[LoadedArticle | IngestError]:
    return load_file(path, LIMIT)


def one(path: Path) -> LoadedArticle:
    found = load(path)
    assert len(found) == 1 and not isinstance(found[0], IngestError), found
    return found[0]


def failure(path: Path) -> str:
    with pytest.raises(IngestError) as caught:
        load(path)
    assert str(path.name) in str(caught.value)
    return caught.value.reason


# ---- PDF ------------------------------------------------------------------------------------------

XMP = """<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<prism:publicationDate>2026-03-22</prism:publicationDate>
<dc:publisher><rdf:Bag><rdf:li>Metro Ledger</rdf:li></rdf:Bag></dc:publisher>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


def make_pdf(path: Path, paragraphs: list[str], title: str | None = None, author: str | None = None,
             xmp: str | None = None, heading: str | None = None) -> Path:
    pdf = FPDF()
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    if xmp:
        pdf.set_xmp_metadata(xmp)
    pdf.add_page()
    if heading:
        pdf.set_font("helvetica", "B", 16)
        pdf.multi_cell(0, 10, heading)
        pdf.ln(4)
    pdf.set_font("helvetica", size=11)
    for text in paragraphs:
        pdf.multi_cell(0, 6, text)  # wraps: each paragraph spans several lines on the page
        pdf.ln(4)
    path.write_bytes(bytes(pdf.output()))
    return path


def test_pdf_text_in_paragraphs_with_title_and_author_and_no_date_from_its_creation_stamp(tmp_path):
    path = make_pdf(tmp_path / "transit.pdf", [P1, P2], title="Council Approves Transit Plan", author="Jane Roe",
                    heading="Council Approves Transit Plan")
    assert PdfReader(path).metadata.creation_date is not None  # the file carries a date, but not as publication
    a = one(path).fields
    assert a.title == "Council Approves Transit Plan"
    assert a.author == "Jane Roe"
    assert a.published is None and a.outlet is None
    # wrapped lines are rejoined: each paragraph is one line, in page order, sentences whole
    assert a.text.split("\n\n") == [P1, P2]


def test_pdf_publication_date_and_publisher_stated_in_its_xmp(tmp_path):
    a = one(make_pdf(tmp_path / "x.pdf", [P1], title="Transit", xmp=XMP)).fields
    assert (a.published, a.outlet) == ("2026-03-22", "Metro Ledger")


def test_pdf_custom_publication_date_property_counts_and_a_placeholder_title_does_not(tmp_path):
    made = make_pdf(tmp_path / "plain.pdf", [P1], title="Microsoft Word - draft3.docx", heading="Buses For All")
    writer = PdfWriter(clone_from=made)
    writer.add_metadata({"/PublicationDate": "2026-02-01", "/ModDate": "D:20260301000000Z"})
    path = tmp_path / "custom.pdf"
    writer.write(path)
    a = one(path).fields
    assert a.published == "2026-02-01"
    assert a.title == "Buses For All"  # the converter's "Microsoft Word - draft3.docx" names no article


def test_pdf_dated_header_line_at_the_top_of_its_text_is_its_date(tmp_path):
    a = one(make_pdf(tmp_path / "memo.pdf", ["City Hall | March 22, 2026", "Transit Memo", P1])).fields
    assert a.title == "Transit Memo"
    assert a.published == "2026-03-22"
    assert a.text.startswith(P1[:40])


def test_scanned_pdf_without_a_text_layer_is_refused_with_a_reason(tmp_path):
    from PIL import Image

    scan = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(scan, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(scan, x=10, y=10, w=180)
    path = tmp_path / "scan.pdf"
    path.write_bytes(bytes(pdf.output()))
    assert "no text layer (scanned PDF?)" in failure(path)


def test_encrypted_pdf_is_one_clear_line_unless_it_opens_without_a_password(tmp_path):
    locked = FPDF()
    locked.set_encryption(owner_password="owner", user_password="secret")
    locked.add_page()
    locked.set_font("helvetica")
    locked.multi_cell(0, 6, P1)
    (tmp_path / "locked.pdf").write_bytes(bytes(locked.output()))
    assert failure(tmp_path / "locked.pdf") == "encrypted PDF (it needs a password to open)"

    open_to_read = FPDF()
    open_to_read.set_encryption(owner_password="owner")  # locks editing only
    open_to_read.add_page()
    open_to_read.set_font("helvetica")
    open_to_read.multi_cell(0, 6, P1)
    (tmp_path / "readable.pdf").write_bytes(bytes(open_to_read.output()))
    assert one(tmp_path / "readable.pdf").fields.text == P1


def test_truncated_pdf_is_one_clear_line(tmp_path):
    whole = make_pdf(tmp_path / "whole.pdf", [P1, P2]).read_bytes()
    (tmp_path / "cut.pdf").write_bytes(whole[: len(whole) // 3])
    reason = failure(tmp_path / "cut.pdf")
    assert "\n" not in reason and ("PDF" in reason or "text" in reason), reason


def test_reflow_joins_wrapped_lines_splits_at_gaps_and_new_columns_and_rejoins_hyphenated_words():
    lines = [("Budget Talks Resume", 800.0),
             ("Negotiators met again on", 760.0), ("Tuesday to discuss the trans-", 746.0), ("port budget.", 732.0),
             ("A second paragraph starts", 700.0), ("after a wider gap.", 686.0),
             ("The next column begins", 800.0), ("at the top again.", 786.0)]
    assert reflow(lines) == [
        "Budget Talks Resume",
        "Negotiators met again on Tuesday to discuss the transport budget.",
        "A second paragraph starts after a wider gap.",
        "The next column begins at the top again.",
    ]


def test_line_spacing_is_the_closest_common_gap_not_a_rare_small_one():
    from briefing.ingest.documents import line_spacing

    def page(gaps: list[float]) -> list[tuple[str, float | None]]:
        y, lines = 800.0, [("x", 800.0)]
        for g in gaps:
            y -= g
            lines.append(("x", y))
        return lines

    assert line_spacing([page([28.0] * 12)]) == 28.0  # double-spaced: every line break is the same
    body, table, paragraph = [14.0] * 10, [10.0] * 2, [24.0] * 3
    assert line_spacing([page(body + paragraph), page(table + body)]) == 14.0
    assert line_spacing([page([30.0, 17.0, 28.0, 28.0])]) == 17.0  # a short memo: paragraph gaps nearly as common


# ---- Word .docx ---------------------------------------------------------------------------------


def make_docx(path: Path, build, custom: dict[str, str] | None = None) -> Path:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if custom:  # user-defined properties, as Word writes them (python-docx cannot)
        props = "".join(
            f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}" name="{name}">'
            f"<vt:lpwstr>{value}</vt:lpwstr></property>"
            for i, (name, value) in enumerate(custom.items(), start=2)
        )
        xml = ('<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://schemas.openxmlformats.org/'
               'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
               f'2006/docPropsVTypes">{props}</Properties>')
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
            for item in src.infolist():
                dst.writestr(item, src.read(item.filename))
            dst.writestr("docProps/custom.xml", xml)
        data = out.getvalue()
    path.write_bytes(data)
    return path


def test_docx_paragraphs_headings_and_tables_in_order_and_no_date_from_created_or_modified(tmp_path):
    from datetime import datetime

    def build(d):
        d.core_properties.title = "Transit Plan Approved"
        d.core_properties.author = "Jane Roe"
        d.core_properties.created = datetime(2026, 1, 5, 9, 0)
        d.core_properties.modified = datetime(2026, 3, 1, 9, 0)
        d.add_heading("Transit Plan Approved", 0)
        d.add_paragraph(P1)
        d.add_heading("What it costs", 1)
        table = d.add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "Item", (0, 1): "Cost", (1, 0): "Bus lanes", (1, 1): "$40 million"}.items():
            table.cell(r, c).text = text
        d.add_paragraph(P2)

    a = one(make_docx(tmp_path / "transit.docx", build)).fields
    assert (a.title, a.author) == ("Transit Plan Approved", "Jane Roe")
    assert a.published is None and a.outlet is None
    assert a.text.split("\n\n") == [P1, "What it costs", "Item | Cost", "Bus lanes | $40 million", P2]


def test_docx_custom_publication_date_and_publisher_properties_count(tmp_path):
    path = make_docx(tmp_path / "memo.docx", lambda d: d.add_paragraph(P1),
                     custom={"Publication Date": "2026-02-14", "Publisher": "Metro Ledger", "Owner": "ops"})
    a = one(path).fields
    assert (a.published, a.outlet) == ("2026-02-14", "Metro Ledger")


def test_docx_dated_header_paragraph_gives_the_date_and_a_missing_title_comes_from_the_heading(tmp_path):
    def build(d):
        d.add_paragraph("Date: 2026-03-05")
        d.add_heading("Reservoir Levels Fall", 1)
        d.add_paragraph(P1)

    a = one(make_docx(tmp_path / "r.docx", build)).fields
    assert (a.title, a.published) == ("Reservoir Levels Fall", "2026-03-05")
    assert a.text == P1


def test_a_file_that_is_not_a_docx_is_one_clear_line(tmp_path):
    (tmp_path / "fake.docx").write_bytes(b"PK\x03\x04 not really a zip archive" * 10)
    assert "not a Word .docx file" in failure(tmp_path / "fake.docx")


# ---- RSS and Atom -------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Metro Ledger</title><link>https://metroledger.example/</link>
<item><title>Council Approves Transit Plan</title><link>https://metroledger.example/transit</link>
<pubDate>Sun, 22 Mar 2026 23:30:00 -0500</pubDate><dc:creator>Jane Roe</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>{P1}</p><p>{P2}</p>]]></content:encoded></item>
<item><title>Undated Note</title><link>https://metroledger.example/note</link>
<description>A note on the &lt;b&gt;bus lanes&lt;/b&gt; with no date at all, as some feeds do.</description></item>
<item><title>Title Only</title><link>https://metroledger.example/empty</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tech Wire</title><id>urn:x</id>
<updated>2026-03-05T10:00:00Z</updated>
<entry><title>Chip Sales Rise</title><link href="https://techwire.example/chips"/><id>urn:1</id>
<published>2026-03-04T09:00:00Z</published><updated>2026-03-05T10:00:00Z</updated><author><name>Ann Lee</name></author>
<content type="html">&lt;p&gt;{P1}&lt;/p&gt;</content></entry>
<entry><title>Only Updated</title><link href="https://techwire.example/updated"/><id>urn:2</id>
<updated>2026-03-05T10:00:00Z</updated><summary>{P2}</summary></entry>
</feed>"""


def test_rss_entries_are_articles_with_link_date_author_and_the_feed_as_outlet(tmp_path):
    (tmp_path / "ledger.rss").write_text(RSS, encoding="utf-8")
    first, second, empty = load(tmp_path / "ledger.rss")
    assert first.fields.title == "Council Approves Transit Plan"
    assert first.fields.url == "https://metroledger.example/transit"
    assert first.fields.outlet == "Metro Ledger" and first.fields.author == "Jane Roe"
    assert first.fields.published == "2026-03-22"  # the day as the feed states it, not shifted to UTC
    assert first.fields.site is None  # on the feed's own site: not "republished by metroledger.example"
    assert P1 in first.fields.text and P2 in first.fields.text and "<" not in first.fields.text  # full content
    assert second.fields.published is None
    assert second.fields.text == "A note on the bus lanes with no date at all, as some feeds do."
    assert isinstance(empty, IngestError) and empty.path.endswith("ledger.rss#3") and "no text" in empty.reason


def test_atom_published_is_the_date_and_updated_alone_leaves_the_entry_undated(tmp_path):
    (tmp_path / "wire.atom").write_text(ATOM, encoding="utf-8")
    chips, updated = load(tmp_path / "wire.atom")
    assert (chips.fields.title, chips.fields.outlet, chips.fields.author) == ("Chip Sales Rise", "Tech Wire", "Ann Lee")
    assert chips.fields.published == "2026-03-04"
    assert chips.fields.text == P1
    assert updated.fields.published is None and updated.fields.text == P2


def test_xml_is_read_as_a_feed_when_it_is_one_and_refused_in_one_line_when_not(tmp_path):
    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    assert [a.fields.title for a in load(tmp_path / "feed.xml")] == ["Chip Sales Rise", "Only Updated"]
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url>'
                                          "</urlset>", encoding="utf-8")
    assert failure(tmp_path / "sitemap.xml").startswith("not an RSS or Atom feed")


# ---- e-mail -------------------------------------------------------------------------------------

EML = f"""From: Metro Ledger Newsletter <news@metroledger.example>
To: reader@example.org
Subject: Morning Brief: Council approves transit plan
Date: Sun, 22 Mar 2026 23:30:00 -0500
List-Id: "Morning Brief" <brief.metroledger.example>
Archived-At: <https://metroledger.example/brief/2026-03-22>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Plain version of the brief.

--b1
Content-Type: text/html; charset=utf-8

<html><body><div class="nav"><a href="/">Home</a></div><article><h1>Morning Brief</h1><p>{P1}</p><p>{P2}</p>
</article></body></html>
--b1--
"""


def test_eml_newsletter_takes_the_html_part_the_list_name_and_the_date_header(tmp_path):
    (tmp_path / "brief.eml").write_text(EML, encoding="utf-8")
    a = one(tmp_path / "brief.eml").fields
    assert a.title == "Morning Brief: Council approves transit plan"
    assert a.outlet == "Morning Brief"
    assert a.published == "2026-03-22"  # in the sender's time zone
    assert a.url == "https://metroledger.example/brief/2026-03-22"
    assert P1 in a.text and P2 in a.text and "Plain version" not in a.text and "<" not in a.text


def test_eml_plain_text_from_a_sender_without_a_list_and_without_a_date(tmp_path):
    (tmp_path / "note.eml").write_text(
        f"From: Ann Lee <ann@techwire.example>\nSubject: Chips\nContent-Type: text/plain; charset=utf-8\n\n{P1}\n",
        encoding="utf-8",
    )
    a = one(tmp_path / "note.eml").fields
    assert (a.outlet, a.published, a.text) == ("Ann Lee", None, P1)


def test_mbox_every_message_an_article_and_a_message_without_a_body_fails_alone(tmp_path):
    mbox = (
        "From news@metroledger.example Sun Mar 22 23:30:00 2026\n"
        "From: Metro Ledger <news@metroledger.example>\nSubject: First issue\n"
        "Date: Mon, 02 Mar 2026 08:00:00 +0000\n\n"
        f"{P1}\n>From the archive: a quoted line.\n\n"
        "From news@metroledger.example Mon Mar 23 08:00:00 2026\n"
        "From: Metro Ledger <news@metroledger.example>\nSubject: Second issue\n\n"
        f"{P2}\n\n"
        "From news@metroledger.example Tue Mar 24 08:00:00 2026\n"
        "From: Metro Ledger <news@metroledger.example>\nSubject: Empty\n\n"
    )
    (tmp_path / "ledger.mbox").write_text(mbox, encoding="utf-8")
    first, second, empty = load(tmp_path / "ledger.mbox")
    assert (first.fields.title, first.fields.published, first.fields.outlet) == ("First issue", "2026-03-02",
                                                                                "Metro Ledger")
    assert first.fields.text == P1 + "\nFrom the archive: a quoted line."
    assert (second.fields.title, second.fields.published) == ("Second issue", None)  # the From_ line is no Date
    assert first.article_id != second.article_id
    assert isinstance(empty, IngestError) and empty.path.endswith("ledger.mbox#3")


# ---- Markdown front matter ------------------------------------------------------------------------


def test_markdown_front_matter_gives_title_date_outlet_url_and_author(tmp_path):
    (tmp_path / "post.md").write_text(
        "---\ntitle: Council Approves Transit Plan\ndate: 2026-03-22\nsource: Metro Ledger\n"
        "url: https://metroledger.example/transit\nauthor: Jane Roe\n---\n\n" + P1 + "\n", encoding="utf-8")
    a = one(tmp_path / "post.md").fields
    assert (a.title, a.published, a.outlet, a.url, a.author) == (
        "Council Approves Transit Plan", "2026-03-22", "Metro Ledger", "https://metroledger.example/transit",
        "Jane Roe")
    assert a.site is None  # metroledger.example is Metro Ledger's own site
    assert a.text == P1


def test_markdown_front_matter_without_a_date_stays_undated_and_the_heading_is_the_title(tmp_path):
    (tmp_path / "post.md").write_text("---\noutlet: Metro Ledger\n---\n# Bus Lanes Open\n\n" + P2 + "\n",
                                      encoding="utf-8")
    a = one(tmp_path / "post.md").fields
    assert (a.title, a.outlet, a.published, a.text) == ("Bus Lanes Open", "Metro Ledger", None, P2)


def test_malformed_front_matter_is_one_clear_line(tmp_path):
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\ndate: 2026-03-22\n---\n\n" + P1 + "\n",
                                        encoding="utf-8")
    reason = failure(tmp_path / "broken.md")
    assert reason.startswith("malformed YAML front matter") and "\n" not in reason


def test_a_folder_takes_xml_files_that_are_feeds_and_skips_other_xml(tmp_path):
    from briefing.ingest.files import discover

    (tmp_path / "feed.xml").write_text(ATOM, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset/>', encoding="utf-8")
    assert [p.name for p, _ in discover([tmp_path])] == ["feed.xml"]
    assert [p.name for p, _ in discover([tmp_path / "sitemap.xml"])] == ["sitemap.xml"]  # named: tried, reported


def test_own_site_is_the_outlet_name_as_a_host_label_and_anything_else_is_a_carrying_site():
    from briefing.ingest.metadata import is_own_site

    assert is_own_site("metroledger.example", "Metro Ledger")
    assert is_own_site("news.bbc.co.uk", "BBC")
    assert is_own_site("ft.com", "ft.com")
    assert not is_own_site("ustower.net", "The Hill")
    assert not is_own_site("aggregator.example", "Metro Ledger")
    assert not is_own_site(None, "Metro Ledger") and not is_own_site("metroledger.example", None)


def test_a_feed_entry_on_another_site_keeps_that_site_as_its_carrier(tmp_path):
    feed = RSS.replace("https://metroledger.example/transit", "https://aggregator.example/story/1")
    (tmp_path / "agg.rss").write_text(feed, encoding="utf-8")
    assert load(tmp_path / "agg.rss")[0].fields.site == "aggregator.example"


# ---- through the store and the chat ----------------------------------------------------------------


def test_every_new_format_is_found_in_a_folder_stored_and_listed(home, tmp_path, fake_embedder):
    folder = tmp_path / "inbox"
    folder.mkdir()
    make_pdf(folder / "a.pdf", [P1], title="PDF Story", xmp=XMP)
    make_docx(folder / "b.docx", lambda d: (d.add_heading("Word Story", 0), d.add_paragraph(P2)))
    (folder / "c.rss").write_text(RSS, encoding="utf-8")
    (folder / "d.eml").write_text(EML, encoding="utf-8")
    (folder / "e.md").write_text("---\ntitle: Markdown Story\ndate: 2026-01-02\n---\n\n" + P1 + "\n", encoding="utf-8")
    b = Briefing(settings=Settings(home=home), embedder=fake_embedder)
    report = b.ingest([folder])
    assert len(report.added) == 1 + 1 + 2 + 1 + 1, report.to_dict()
    assert [path.rsplit("/", 1)[-1] for path, _ in report.failed] == ["c.rss#3"]  # the entry with no text
    stored = {a.title: a for a in b.sources()}
    assert stored["PDF Story"].published == "2026-03-22" and stored["PDF Story"].outlet == "Metro Ledger"
    assert stored["Word Story"].published is None
    assert stored["Council Approves Transit Plan"].outlet == "Metro Ledger"
    assert stored["Morning Brief: Council approves transit plan"].published == "2026-03-22"
    assert stored["Markdown Story"].published == "2026-01-02"
    assert b.ingest([folder]).added == []  # unchanged on a second run


def test_the_chat_accepts_every_type_ingest_reads():
    from briefing.ui.chat import UPLOAD_TYPES

    for suffix in (".pdf", ".docx", ".rss", ".atom", ".xml", ".eml", ".mbox", ".md"):
        assert suffix in READERS and suffix in UPLOAD_TYPES


def test_pdf_running_heads_footers_and_page_numbers_are_not_article_text(tmp_path):
    class Report(FPDF):
        def header(self):
            self.set_font("helvetica", size=8)
            self.cell(0, 5, "Metro Ledger Quarterly Review")
            self.ln(10)

        def footer(self):
            self.set_y(-15)
            self.set_font("helvetica", size=8)
            self.cell(0, 5, f"Page {self.page_no()} of 3")

    pdf = Report()
    bodies = [P1 + " " + P2, P2 + " " + P1, P1 + " The third page closes the report with the council's next steps."]
    for body in bodies:
        pdf.add_page()
        pdf.set_font("helvetica", size=11)
        pdf.multi_cell(0, 6, body)
    (tmp_path / "review.pdf").write_bytes(bytes(pdf.output()))
    a = one(tmp_path / "review.pdf").fields
    assert a.text.split("\n\n") == bodies


# ---- Nexis (LexisNexis, Nexis Uni) exports ---------------------------------------------------------


def nexis_document(title: str, outlet: str, dateline: str | None, paragraphs: list[str]) -> list[str]:
    """One document as Nexis lays it out, line by line."""
    head = [title, "", outlet] + ([dateline] if dateline else []) + [
        "Final Edition", "", f"Copyright 2025 {outlet} Inc. All Rights Reserved", "",
        "Section: NEWS; Pg. A1", "Length: 412 words", "Byline: By Mina Park", "", "Body", "", ""]
    tail = ["Load-Date: June 2, 2025", "", "End of Document", ""]
    return head + [line for p in paragraphs for line in (p, "")] + tail


def test_a_nexis_text_export_is_its_documents_with_outlet_date_and_byline(tmp_path):
    """A Nexis export (.txt): each document an article; title, outlet, the date line (never the Load-Date, when Nexis
    loaded it) and the byline from its head; only the text under "Body" is the article's; a document without text
    fails alone."""
    lines = (nexis_document("Analysis: Council approves transit plan", "Metro Ledger", "May 12, 2025 Monday", [P1, P2])
             + nexis_document("Opponents fault bus lanes", "Valley Post", None, [P2])
             + nexis_document("Empty one", "Valley Post", "May 14, 2025 Wednesday", []))
    path = tmp_path / "nexis_export.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = load(path)
    articles = [f.fields for f in found if not isinstance(f, IngestError)]
    errors = [f for f in found if isinstance(f, IngestError)]
    assert [a.title for a in articles] == ["Analysis: Council approves transit plan", "Opponents fault bus lanes"]
    assert [a.outlet for a in articles] == ["Metro Ledger", None]  # no date line: the outlet is not told apart
    assert [a.published for a in articles] == ["2025-05-12", None]  # never the Load-Date
    assert articles[0].author == "Mina Park"
    assert articles[0].text == f"{P1}\n\n{P2}"  # no "Length:", "Section:" or "Load-Date:" in the text
    assert len(errors) == 1 and "#2" in str(errors[0]) and "no article text" in str(errors[0])


def test_a_nexis_word_export_is_read_as_its_documents(tmp_path):
    """Nexis Uni exports Word files by default: the same layout, one paragraph a line."""
    lines = nexis_document("Council approves transit plan", "Metro Ledger", "Monday, May 12, 2025", [P1, P2])
    path = make_docx(tmp_path / "nexis.docx", lambda d: [d.add_paragraph(line) for line in lines if line])
    a = one(path).fields
    assert (a.title, a.outlet, a.published, a.author) == ("Council approves transit plan", "Metro Ledger",
                                                          "2025-05-12", "Mina Park")
    assert a.text == f"{P1}\n\n{P2}"
