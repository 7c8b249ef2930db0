"""Each article format ``ingest`` understands, from small files written here (CONTRACT: article formats)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import IngestError
from briefing.ingest.files import LoadedArticle, discover, load_file

LIMIT = 10_000_000

BODY_1 = (
    "The city council approved a new transit plan on Monday after months of debate over routes and fares. "
    "Supporters said the plan would cut commuting times for thousands of residents."
)
BODY_2 = (
    "Opponents argued that the cost estimates were too optimistic and that the council had not consulted "
    "the neighbourhoods most affected by the new bus lanes."
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load_all(path: Path) -> list[LoadedArticle]:
    found = load_file(path, LIMIT)
    errors = [item for item in found if isinstance(item, IngestError)]
    assert not errors, errors
    return found


def load_one(path: Path) -> LoadedArticle:
    found = load_all(path)
    assert len(found) == 1, found
    return found[0]


def assert_clean(text: str) -> None:
    """No markup or undecoded entities reach article text."""
    for bad in ("<", ">", "&amp;", "&nbsp;", "&#", "\u00a0"):
        assert bad not in text, f"{bad!r} in {text!r}"


# ---- plain text and Markdown ----------------------------------------------------------------


def test_txt_header_gives_outlet_date_title_and_byline(tmp_path):
    path = write(
        tmp_path / "transit.txt",
        "Metro Ledger\n"
        "City Hall • March 22, 2026\n"
        "\n"
        "Council Approves Transit Plan\n"
        "\n"
        "By Jane Okafor • March 22, 2026\n"
        "\n"
        f"{BODY_1}\n\n{BODY_2}\n",
    )
    a = load_one(path).fields
    assert a.outlet == "Metro Ledger"
    assert a.published == "2026-03-22"
    assert a.title == "Council Approves Transit Plan"
    assert a.author == "Jane Okafor"
    assert a.text.startswith("The city council approved")
    assert a.text.rstrip().endswith("new bus lanes.")
    for header_bit in ("Metro Ledger", "City Hall", "By Jane", "Council Approves Transit Plan"):
        assert header_bit not in a.text


def test_txt_date_line_gives_date_and_no_outlet(tmp_path):
    path = write(
        tmp_path / "dated.txt",
        f"date 2026-03-05\n\nCouncil Approves Transit Plan\n\n{BODY_1}\n\n{BODY_2}\n",
    )
    a = load_one(path).fields
    assert a.published == "2026-03-05"
    assert a.outlet is None
    assert a.title == "Council Approves Transit Plan"
    assert "2026-03-05" not in a.text
    assert a.text.startswith("The city council approved")


def test_txt_date_line_sharing_its_line_with_the_body(tmp_path):
    path = write(tmp_path / "inline.txt", f" date 2026-03-05 {BODY_1}\n\n{BODY_2}\n")
    a = load_one(path).fields
    assert a.published == "2026-03-05"
    assert a.outlet is None
    assert a.text.startswith("The city council approved")
    assert "date 2026" not in a.text


def test_md_heading_is_the_title(tmp_path):
    path = write(tmp_path / "transit.md", f"# Council Approves Transit Plan\n\n{BODY_1}\n\n## Reactions\n\n{BODY_2}\n")
    a = load_one(path).fields
    assert a.title == "Council Approves Transit Plan"
    assert not a.text.startswith("#")
    assert BODY_1 in a.text and BODY_2 in a.text
    assert a.outlet is None and a.published is None


def test_windows_line_endings_and_a_byte_order_mark(tmp_path):
    crlf = "Metro Ledger\r\nCity Hall \u2022 March 22, 2026\r\n\r\nCouncil Approves Transit Plan\r\n\r\n"
    path = write(tmp_path / "crlf.txt", ("\ufeff" + crlf + f"{BODY_1}\r\n\r\n{BODY_2}\r\n").encode("utf-8"))
    a = load_one(path).fields
    assert (a.outlet, a.published, a.title) == ("Metro Ledger", "2026-03-22", "Council Approves Transit Plan")
    assert "\r" not in a.text and "\ufeff" not in a.text
    assert a.text == f"{BODY_1}\n\n{BODY_2}"


# ---- HTML -----------------------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbor Bridge Reopens After Repairs | Coastal Courier</title>
<meta property="og:site_name" content="Coastal Courier">
<meta property="og:title" content="Harbor Bridge Reopens After Repairs">
<meta property="article:published_time" content="2025-11-04T08:30:00Z">
<meta name="author" content="Maria Lopez">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sports">Sports</a></nav>
<article>
<h1>Harbor Bridge Reopens After Repairs</h1>
<p>The harbor bridge reopened to traffic on Tuesday after eight months of repairs that cost the city
forty million dollars &amp; closed the main route between the two districts.</p>
<p>City engineers said&nbsp;the new deck was designed to carry heavier trucks and to withstand the
winter storms that damaged the old structure two years ago.</p>
<p>Commuters who had faced long detours through the industrial zone welcomed the reopening, and local
shop owners near the bridge said business had already picked up.</p>
</article>
<footer>Copyright Coastal Courier. All rights reserved.</footer>
</body></html>
"""


def test_html_page_metadata_and_body(tmp_path):
    a = load_one(write(tmp_path / "bridge.html", PAGE)).fields
    assert a.title == "Harbor Bridge Reopens After Repairs"
    assert a.outlet == "Coastal Courier"
    assert a.published == "2025-11-04"
    assert a.author == "Maria Lopez"
    assert "forty million dollars & closed the main route" in a.text
    assert "engineers said the new deck" in a.text
    assert "shop owners near the bridge" in a.text
    assert "All rights reserved" not in a.text
    assert "Sports" not in a.text
    assert_clean(a.text)


def test_html_without_stated_date_stays_undated(tmp_path):
    page = (
        "<!doctype html><html><head><title>Council Votes on Parks Budget</title></head><body><article>"
        "<h1>Council Votes on Parks Budget</h1>"
        "<p>On March 3, 2025, the city council voted to expand the parks budget for the coming year, after a "
        "long debate that ran late into the evening.</p>"
        "<p>Members said the money would pay for new playgrounds, repairs to walking trails and longer opening "
        "hours at the public pools during the summer months.</p>"
        "<p>The vote was seven to two, with the dissenting members arguing that the increase should have been "
        "paired with cuts elsewhere in the city budget.</p></article></body></html>"
    )
    a = load_one(write(tmp_path / "parks.html", page)).fields
    assert a.title == "Council Votes on Parks Budget"
    assert "seven to two" in a.text
    assert a.published is None  # a date mentioned in the story is not the page's date
    assert a.outlet is None


# ---- JSON -----------------------------------------------------------------------------------


def test_json_object_with_field_aliases(tmp_path):
    obj = {
        "title": "Port Strike Ends",
        "body": "Dock workers returned to work on Monday after a ten-day strike.\n\n"
        "The union said the deal raised wages by six percent &amp; improved safety rules.",
        "link": "https://www.example-news.org/world/port-strike-ends",
        "published_at": "2024-06-10T09:00:00+00:00",
        "site_name": "Example News",
        "authors": ["Ana Ruiz", "Tom Bell"],
    }
    a = load_one(write(tmp_path / "strike.json", json.dumps(obj))).fields
    assert a.title == "Port Strike Ends"
    assert a.text.startswith("Dock workers returned to work on Monday")
    assert "six percent & improved safety" in a.text
    assert_clean(a.text)
    assert a.url == obj["link"]
    assert a.published == "2024-06-10"
    assert a.outlet == "Example News"
    assert "Ana Ruiz" in a.author and "Tom Bell" in a.author


def test_json_list_of_articles(tmp_path):
    items = [
        {"title": "First Story", "content": BODY_1, "date": "2025-01-03", "outlet": "North Star"},
        {"title": "Second Story", "text": BODY_2, "publish_date": "2025/01/04", "source": "South Wind"},
    ]
    path = write(tmp_path / "two.json", json.dumps(items))
    found = load_all(path)
    assert [f.fields.title for f in found] == ["First Story", "Second Story"]
    assert [f.fields.text for f in found] == [BODY_1, BODY_2]
    assert [f.fields.published for f in found] == ["2025-01-03", "2025-01-04"]
    assert [f.fields.outlet for f in found] == ["North Star", "South Wind"]
    assert len({f.article_id for f in found}) == 2
    assert len({f.label for f in found}) == 2
    assert all(f.label.startswith(str(path.resolve())) for f in found)



def test_json_news_api_response_is_its_list_of_articles(tmp_path):
    """A news API's response wraps its articles ({"status": "ok", "articles": [...]}, NewsAPI's shape): each is an
    article, with camel-case fields ("publishedAt"), the outlet and author as {"name": ...}, and the API's mark of
    cut text ("[+1234 chars]") left out; an item without text fails alone, named by its place in the list."""
    response = {
        "status": "ok",
        "totalResults": 3,
        "articles": [
            {"source": {"id": None, "name": "Harbor Gazette"}, "author": "Mina Park",
             "title": "Harlow opens new ferry terminal", "url": "https://harborgazette.example/2025/05/12/terminal",
             "publishedAt": "2025-05-12T14:03:00Z",
             "content": "Harlow opened its new ferry terminal on Monday after three years of construction. The "
                        "terminal cost $48 million, Mayor Ada Lind said. The old terminal will be a… [+2134 chars]"},
            {"source": {"name": "Valley Post"}, "title": "No text here", "url": "https://valleypost.example/x"},
            {"source": {"name": "Valley Post"}, "title": "Marlow council rejects clinic plan",
             "description": BODY_1, "publishedAt": "2025-05-13T09:00:00Z"},
        ],
    }
    found = load_file(write(tmp_path / "newsapi.json", json.dumps(response)), LIMIT)
    errors = [f for f in found if isinstance(f, IngestError)]
    articles = [f.fields for f in found if not isinstance(f, IngestError)]
    assert [a.title for a in articles] == ["Harlow opens new ferry terminal", "Marlow council rejects clinic plan"]
    assert [a.outlet for a in articles] == ["Harbor Gazette", "Valley Post"]
    assert [a.published for a in articles] == ["2025-05-12", "2025-05-13"]
    assert articles[0].author == "Mina Park"
    assert articles[0].text.endswith("The old terminal will be a") and "chars]" not in articles[0].text
    assert articles[1].text == BODY_1  # its description is the text when the item has no other
    assert len(errors) == 1 and "articles#1" in str(errors[0]) and "no text field" in str(errors[0])


def test_json_schema_org_articles_nested_in_a_response(tmp_path):
    """schema.org's field names (headline, articleBody, datePublished, publisher and authors as objects), in a
    list two levels down ({"response": {"results": [...]}})."""
    data = {"response": {"status": "ok", "results": [{
        "@type": "NewsArticle", "headline": "Storm closes Harlow port", "articleBody": BODY_2,
        "datePublished": "2025-06-01T08:00:00+01:00", "publisher": {"@type": "Organization", "name": "Harlow Ledger"},
        "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Tom Bell"}],
        "url": "https://ledger.example/2025/06/01/storm"}]}}
    a = load_one(write(tmp_path / "export.json", json.dumps(data))).fields
    assert (a.title, a.text, a.published) == ("Storm closes Harlow port", BODY_2, "2025-06-01")
    assert a.outlet == "Harlow Ledger"
    assert a.author == "Ana Ruiz, Tom Bell"
    # an object with neither text nor a list of articles is a bad file, said so
    with pytest.raises(IngestError, match="no text field"):
        load_file(write(tmp_path / "empty.json", json.dumps({"status": "ok", "articles": []})), LIMIT)


def test_csv_export_one_article_a_row(tmp_path):
    """A spreadsheet's export: a header row of field names (the JSON aliases, any case), one article a row, commas and
    paragraph breaks inside quoted cells; a row without text fails alone, named by its line; a file without a text
    column fails whole."""
    path = write(tmp_path / "articles.csv",
                 'Title,publishedAt,Outlet,URL,Text\n'
                 f'"Transit plan, at last",2025-05-12,Metro Ledger,https://ledger.example/transit,"{BODY_1}"\n'
                 'Empty row,2025-05-13,Metro Ledger,https://ledger.example/empty,\n'
                 f'Opponents speak,2025-05-14,Valley Post,https://valleypost.example/opp,"{BODY_2}"\n'
                 f'Two paragraphs,2025-05-15,Valley Post,https://valleypost.example/two,"{BODY_1}\n\n{BODY_2}"\n')
    found = load_file(path, LIMIT)
    articles = [f.fields for f in found if not isinstance(f, IngestError)]
    errors = [f for f in found if isinstance(f, IngestError)]
    assert [a.title for a in articles] == ["Transit plan, at last", "Opponents speak", "Two paragraphs"]
    assert [a.text for a in articles[:2]] == [BODY_1, BODY_2]
    assert [a.published for a in articles] == ["2025-05-12", "2025-05-14", "2025-05-15"]
    assert [a.outlet for a in articles] == ["Metro Ledger", "Valley Post", "Valley Post"]
    # a quoted cell's paragraphs stay apart (a line break inside quotes is no new row)
    assert BODY_1 in articles[2].text and BODY_2 in articles[2].text and BODY_1 + BODY_2 not in articles[2].text
    assert len(errors) == 1 and str(errors[0]).startswith(f"{path.resolve()}#3") and "no text field" in str(errors[0])
    semicolons = write(tmp_path / "eu.csv", f'title;date;content\nTransit;2025-05-12;"{BODY_1}"\n')
    assert load_one(semicolons).fields.text == BODY_1  # a European spreadsheet's separator
    prices = write(tmp_path / "prices.csv", "item,price\nbread,2.50\n")
    with pytest.raises(IngestError, match="no text column"):
        load_file(prices, LIMIT)
    # in a folder, a table that is not of articles is skipped, not reported; named, it is tried and reported
    assert sorted(p.name for p, _ in discover([tmp_path])) == ["articles.csv", "eu.csv"]
    assert [p.name for p, _ in discover([prices])] == ["prices.csv"]

WP_POST = {
    "id": 77,
    "date": "2025-08-28T10:15:00",
    "date_gmt": "2025-08-28T14:15:00",
    "link": "https://www.capitolrepost.example/?p=77",
    "author": 3,
    "title": {"rendered": "Senate Passes Broadband Bill &#8211; What&#8217;s Next"},
    "content": {
        "rendered": '\n<p class="has-medium-font-size">The Senate passed the rural broadband bill on Thursday by a '
        "wide margin &amp; sent it to the House.</p>\n\n<p>Supporters said the bill would connect two million "
        'homes.&nbsp;</p>\n\n<p><a href="https://thehill.com/policy/technology/12345-broadband-bill/">Thehill</a></p>\n'
    },
    "excerpt": {"rendered": "<p>The Senate passed&#8230;</p>"},
}


def test_wordpress_rest_post_credited_to_its_origin(tmp_path):
    a = load_one(write(tmp_path / "wp.json", json.dumps(WP_POST))).fields
    assert a.title == "Senate Passes Broadband Bill \u2013 What\u2019s Next"
    assert a.text.startswith("The Senate passed the rural broadband bill")
    assert "wide margin & sent it to the House." in a.text
    assert "two million homes." in a.text
    assert "Thehill" not in a.text  # the credit link is not article text
    assert_clean(a.text)
    assert a.published == "2025-08-28"
    assert a.url == WP_POST["link"]
    assert a.outlet == "The Hill"  # credited via the trailing link to thehill.com
    assert a.site == "capitolrepost.example"  # the site that carried it
    assert a.author is None  # a numeric WordPress author id names nobody


def test_wordpress_post_saved_as_txt_is_read_as_json(tmp_path):
    a = load_one(write(tmp_path / "saved.txt", json.dumps(WP_POST))).fields
    assert a.title.startswith("Senate Passes Broadband Bill")
    assert a.outlet == "The Hill"
    assert "{" not in a.text and '"rendered"' not in a.text


def test_jsonl_one_article_a_line(tmp_path):
    lines = [
        json.dumps({"title": "Alpha", "text": BODY_1, "published": "2025-02-01"}),
        "",
        json.dumps({"title": "Beta", "body": BODY_2, "url": "https://www.npr.org/2025/02/02/beta"}),
    ]
    found = load_all(write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n"))
    assert [f.fields.title for f in found] == ["Alpha", "Beta"]
    assert found[0].fields.published == "2025-02-01"
    assert found[1].fields.published == "2025-02-02"  # from the URL
    assert found[1].fields.outlet == "NPR"  # from the URL's site
    assert found[0].fields.outlet is None
    assert len({f.article_id for f in found}) == 2


# ---- sidecars and fallbacks -----------------------------------------------------------------


def test_sidecar_overrides_the_file(tmp_path):
    path = write(
        tmp_path / "story.txt",
        f"Metro Ledger\nCity Hall • January 2, 2024\n\nFile Title Here\n\n{BODY_1}\n\n{BODY_2}\n",
    )
    meta = {
        "title": "Sidecar Title",
        "outlet": "Sidecar Times",
        "published": "2024-12-01",
        "url": "https://sidecar.example.com/a",
        "author": "Side Car",
    }
    sidecar = write(tmp_path / "story.meta.json", json.dumps(meta))
    a = load_one(path).fields
    assert a.title == "Sidecar Title"
    assert a.outlet == "Sidecar Times"
    assert a.published == "2024-12-01"
    assert a.url == "https://sidecar.example.com/a"
    assert a.author == "Side Car"
    # in a folder, the sidecar is metadata, not an article of its own
    assert [p for p, _ in discover([tmp_path])] == [path]
    assert sidecar.exists()


def test_sidecar_fills_what_the_file_lacks(tmp_path):
    path = write(tmp_path / "plain.txt", f"{BODY_1}\n\n{BODY_2}\n")
    write(tmp_path / "plain.meta.json", json.dumps({"outlet": "Filled Gazette", "published": "2023-07-09"}))
    a = load_one(path).fields
    assert a.outlet == "Filled Gazette"
    assert a.published == "2023-07-09"
    assert a.text.startswith("The city council approved")


def test_outlet_and_date_from_a_known_outlets_url(tmp_path):
    obj = {"title": "Markets Rally", "text": BODY_1, "url": "https://www.reuters.com/markets/2025/08/28/markets-rally/"}
    a = load_one(write(tmp_path / "r.json", json.dumps(obj))).fields
    assert a.outlet == "Reuters"
    assert a.published == "2025-08-28"


def test_outlet_and_date_from_an_unknown_sites_url(tmp_path):
    obj = {"title": "Storm Hits Coast", "text": BODY_1, "url": "https://news.example.net/2024-05-06-storm-hits-coast"}
    a = load_one(write(tmp_path / "s.json", json.dumps(obj))).fields
    assert a.outlet == "news.example.net"  # the bare site, not a made-up name
    assert a.published == "2024-05-06"


def test_stated_metadata_wins_over_the_url(tmp_path):
    obj = {
        "title": "Storm Hits Coast",
        "text": BODY_1,
        "url": "https://www.reuters.com/world/2024/05/06/storm/",
        "published": "2024-05-07",
        "source": "Coastal Wire",
    }
    a = load_one(write(tmp_path / "w.json", json.dumps(obj))).fields
    assert a.published == "2024-05-07"
    assert a.outlet == "Coastal Wire"


def test_unknown_outlet_and_date_stay_unknown(tmp_path):
    text = (
        "Reuters reported on March 3, 2025 that the talks had stalled, and The Hill said the same a day later.\n\n"
        f"{BODY_1}\n"
    )
    a = load_one(write(tmp_path / "bare.txt", text)).fields
    assert a.outlet is None
    assert a.published is None
    assert a.url is None

    obj = {"title": "No Date Here", "text": BODY_2, "url": "https://example.org/news/no-date-here"}
    b = load_one(write(tmp_path / "nodate.json", json.dumps(obj))).fields
    assert b.published is None
    assert b.outlet == "example.org"


def test_every_format_round_trips_through_the_store(tmp_path, briefing):
    folder = tmp_path / "mixed"
    write(folder / "a.txt", f"Metro Ledger\nCity Hall • March 22, 2026\n\nTransit Plan\n\n{BODY_1}\n")
    write(folder / "b.md", f"# Parks Budget\n\n{BODY_2}\n")
    write(folder / "c.html", PAGE)
    write(folder / "d.json", json.dumps(WP_POST))
    write(folder / "e.jsonl", json.dumps({"title": "Line One", "text": BODY_1, "published": "2025-02-01"}) + "\n")
    write(folder / "notes.csv", "not,an,article\n")  # unsupported inside a folder: skipped, not failed

    report = briefing.ingest([folder])
    assert report.failed == []
    assert len(report.added) == 5
    stored = {a.title: a for a in briefing.sources()}
    assert set(stored) == {
        "Transit Plan",
        "Parks Budget",
        "Harbor Bridge Reopens After Repairs",
        "Senate Passes Broadband Bill \u2013 What\u2019s Next",
        "Line One",
    }
    assert (stored["Transit Plan"].outlet, stored["Transit Plan"].published) == ("Metro Ledger", "2026-03-22")
    assert (stored["Parks Budget"].outlet, stored["Parks Budget"].published) == (None, None)
    bridge = stored["Harbor Bridge Reopens After Repairs"]
    assert (bridge.outlet, bridge.published, bridge.author) == ("Coastal Courier", "2025-11-04", "Maria Lopez")
    wp = stored["Senate Passes Broadband Bill \u2013 What\u2019s Next"]
    assert (wp.outlet, wp.site, wp.published) == ("The Hill", "capitolrepost.example", "2025-08-28")
    assert stored["Line One"].published == "2025-02-01"
    for article in stored.values():
        assert article.passages >= 1
        assert len(briefing.store.passages_of(article.article_id)) == article.passages
