"""The four seed articles: their metadata as a reader of each file would state it, and clean passages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import IngestError
from briefing.ingest.files import load_file
from briefing.ingest.metadata import clean_text, date_from_url, outlet_from_url, parse_published, site_of

SEEDS = Path(__file__).resolve().parent.parent / "data" / "seeds"

# What each file says about itself (read off the files; see data/seeds/).
EXPECTED = {
    "000_f1b9db061f09dfc8.txt": {
        "title": "The Pentagon Said It Was Nearly Aligned With Anthropic. Then Trump Declared the Deal Dead.",
        "outlet": "AI Daily",  # header line under "← Front Page"
        "site": None,
        "published": "2026-03-22",  # "Security • March 22, 2026"
        "author": "AI Daily Editorial",  # "By AI Daily Editorial • March 22, 2026"
        "url": None,
        "starts": "A court filing unsealed this week",
    },
    "001_d2d31d55b6497b43.txt": {
        "outlet": None,  # names the Financial Times as a source, but is not credited to anyone
        "site": None,
        "published": "2026-03-05",  # " date 2026-03-05 Anthropic is back ..."
        "url": None,
        "starts": "Anthropic is back at the table",
    },
    "002_4fdec09c74d0d657.txt": {
        "outlet": None,
        "site": None,
        "published": None,  # no date anywhere in the header
        "url": None,
        "starts": "Anthropic chief executive Dario Amodei",
    },
    "003_90a6f74279e4adcb.txt": {
        "title": "Anthropic says \u2018virtually no progress\u2019 on Pentagon AI talks as deadline looms",
        "outlet": "The Hill",  # the trailing credit link to thehill.com
        "site": "ustower.net",  # the WordPress site that carried it
        "published": "2026-02-26",  # "date": "2026-02-26T18:38:00"
        "author": None,  # a WordPress author id (7) names nobody
        "url": "https://ustower.net/?p=54128",
        "starts": "Anthropic said Thursday that \u201cvirtually no progress\u201d",
    },
}

MARKUP = re.compile(r"<[a-zA-Z/!]|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")


def test_the_seed_folder_holds_four_articles():
    assert sorted(p.name for p in SEEDS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_metadata(name):
    found = load_file(SEEDS / name, 10_000_000)
    assert len(found) == 1 and not isinstance(found[0], IngestError), found
    fields = found[0].fields
    for key, value in EXPECTED[name].items():
        if key == "starts":
            assert fields.text.startswith(value), fields.text[:120]
        else:
            assert getattr(fields, key) == value, (key, getattr(fields, key))
    assert not MARKUP.search(fields.text), MARKUP.search(fields.text)
    assert "\u00a0" not in fields.text


def test_seed_header_and_page_chrome_are_not_article_text():
    fields = load_file(SEEDS / "000_f1b9db061f09dfc8.txt", 10_000_000)[0].fields
    assert "Front Page" not in fields.text
    assert "By AI Daily Editorial" not in fields.text
    assert not fields.text.rstrip().endswith("Sources")  # the dangling footer heading
    wp = load_file(SEEDS / "003_90a6f74279e4adcb.txt", 10_000_000)[0].fields
    assert "Thehill" not in wp.text
    assert wp.text.rstrip().endswith("good-faith negotiations.")


def test_stored_seeds_and_their_passages(briefing, seeds):
    report = briefing.ingest([seeds])
    assert report.failed == []
    assert len(report.added) == 4
    articles = {a.source_path.rsplit("/", 1)[-1]: a for a in briefing.sources()}
    assert set(articles) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        meta = briefing.article(articles[name].article_id)
        for key in ("title", "outlet", "site", "published", "author", "url"):
            if key in expected:
                assert getattr(meta, key) == expected[key], (name, key)
        passages = briefing.store.passages_of(meta.article_id)
        assert len(passages) == meta.passages >= 2
        covered = [False] * len(meta.text)
        for p in passages:
            assert p.text == meta.text[p.start : p.end], (name, p.passage_id)
            assert not MARKUP.search(p.text), (name, MARKUP.search(p.text))
            assert "\u00a0" not in p.text
            assert (p.title, p.outlet, p.published, p.url) == (meta.title, meta.outlet, meta.published, meta.url)
            for i in range(p.start, p.end):
                covered[i] = True
        # nothing of the article is left out of every passage
        missed = "".join(ch for ch, ok in zip(meta.text, covered, strict=True) if not ok and not ch.isspace())
        assert missed == "", (name, missed[:80])


# ---- the pure helpers behind the fallbacks --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-02-26T18:38:00", "2026-02-26"),
        ("2025/01/03", "2025-01-03"),
        ("March 22, 2026", "2026-03-22"),
        ("22 March 2026", "2026-03-22"),
        ("2026", None),  # a year is not a day
        ("March 2026", None),
        ("yesterday", None),  # relative dates would be invented
        ("Thursday", None),
        ("2026-02-30", None),
        (1772100000, None),  # epoch numbers are too ambiguous
        ("", None),
        (None, None),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.reuters.com/world/2025/08/28/story/", "2025-08-28"),
        ("https://example.net/2024-05-06-storm", "2024-05-06"),
        ("https://example.net/news/2024/story", None),
        ("https://example.net/2024/13/40/x", None),
        ("https://ustower.net/?p=54128", None),
        (None, None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


@pytest.mark.parametrize(
    ("url", "outlet", "site"),
    [
        ("https://thehill.com/policy/technology/5758006-x/", "The Hill", "thehill.com"),
        ("https://www.nytimes.com/2025/01/01/us/x.html", "The New York Times", "nytimes.com"),
        ("https://edition.cnn.com/x", "CNN", "edition.cnn.com"),
        ("https://ustower.net/?p=54128", "ustower.net", "ustower.net"),
        ("not a url", None, None),
        (None, None, None),
    ],
)
def test_outlet_and_site_from_url(url, outlet, site):
    assert outlet_from_url(url) == outlet
    assert site_of(url) == site


def test_clean_text_decodes_entities_and_drops_tags():
    assert clean_text("A&amp;B&nbsp;said <b>no</b>&amp;nbsp;again") == "A&B said no again"
