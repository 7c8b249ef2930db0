"""`briefing sources` read in an 80-column terminal or through a pipe, and `briefing delete` by a unique id prefix."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from test_cli_ingest import run

from briefing import Briefing
from briefing.settings import Settings

ARTICLES = 17  # more ids than hex digits: at least two ids must share their first character


@pytest.fixture
def store(tmp_path: Path, fake_embedder) -> Path:
    """A home holding 17 articles with long titles and outlets, one of them undated."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(ARTICLES):
        date = "" if i == 0 else f"date: 2026-03-{i + 1:02d}\n"
        (folder / f"{i:02d}.md").write_text(
            f"---\ntitle: A very long headline number {i} about the regional transit authority's budget talks\n"
            f"outlet: The Metropolitan Ledger and Evening Courier of the Eastern Seaboard\n{date}---\n\n"
            f"Story {i}: the council met again to discuss the transit budget and the new bus lanes.\n",
            encoding="utf-8",
        )
    home = tmp_path / "home"
    report = Briefing(settings=Settings(home=home), embedder=fake_embedder).ingest([folder])
    assert len(report.added) == ARTICLES, report.to_dict()
    return home


def listed(home: Path) -> list[dict]:
    done = run("sources", "--json", home=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_sources_at_80_columns_piped_shows_every_id_and_date_whole(store):
    articles = listed(store)
    done = run("sources", home=store, extra={"COLUMNS": "80"})  # captured: a pipe, as in `briefing sources | cat`
    assert done.returncode == 0, done.stderr
    assert not re.search(r"[\u2500-\u257f]", done.stdout), "no table borders when piped"
    tokens = set(done.stdout.split())
    for a in articles:
        assert a["article_id"] in tokens, a["article_id"]  # whole, copyable as one word
        assert (a["published"] or "undated") in tokens
        assert a["title"] in done.stdout  # the title is not cut either
    first_lines = [line for line in done.stdout.splitlines() if line and not line.startswith(" ")]
    assert len(first_lines) == ARTICLES
    assert all(line.split()[0] in {a["article_id"] for a in articles} for line in first_lines)


def test_delete_by_a_unique_prefix(store):
    ids = [a["article_id"] for a in listed(store)]
    target = ids[3]
    prefix = next(target[:n] for n in range(1, len(target)) if sum(i.startswith(target[:n]) for i in ids) == 1)
    done = run("delete", prefix, home=store)
    assert done.returncode == 0, done.stderr
    assert f"deleted {target}" in done.stdout
    assert sorted(a["article_id"] for a in listed(store)) == sorted(i for i in ids if i != target)


def test_an_ambiguous_or_unknown_prefix_is_refused_in_one_line_and_deletes_nothing(store):
    ids = [a["article_id"] for a in listed(store)]
    shared = next(c for c in "0123456789abcdef" if sum(i.startswith(c) for i in ids) >= 2)
    done = run("delete", shared, home=store)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert f"'{shared}' is the start of" in done.stderr and "type more of the id" in done.stderr

    done = run("delete", "zz", home=store)  # ids are hexadecimal: nothing starts with z
    assert done.returncode == 2
    assert "no article id starts with 'zz'" in done.stderr
    assert sorted(a["article_id"] for a in listed(store)) == sorted(ids)
