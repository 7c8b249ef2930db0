"""Hybrid retrieval: fusion, filters inside retrieval, near-duplicate collapsing, the keyword index."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from briefing import Briefing, Settings
from briefing.index.keyword import KeywordIndex
from briefing.index.retrieve import collapse_duplicates, fuse_rankings, matches_filters
from briefing.index.store import passage_where
from briefing.types import Passage


def p(pid: str, text: str = "x", **meta) -> Passage:
    return Passage(passage_id=pid, article_id=meta.pop("article_id", pid), text=text, start=0, end=len(text), **meta)


def test_rrf_rewards_agreement_between_rankings():
    fused = dict(fuse_rankings([["a", "b", "c"], ["c", "a", "d"]]))
    assert max(fused, key=fused.get) == "a"  # ranks 1 and 2 beat ranks 3 and 1
    assert fused["c"] > fused["b"] > fused["d"] or fused["c"] > fused["d"]
    assert fused["a"] == 1 / 61 + 1 / 62


def test_rrf_weights_shift_the_balance():
    dense_heavy = fuse_rankings([["a"], ["b"]], weights=[1.0, 0.5])
    assert [item for item, _ in dense_heavy] == ["a", "b"]


def test_filters_are_inclusive_and_exclude_undated_articles():
    dated = p("1", published="2026-02-26", outlet="The Hill", site="ustower.net")
    undated = p("2", published=None, outlet="The Hill")
    assert matches_filters(dated, "2026-02-26", "2026-02-26", None)
    assert not matches_filters(dated, None, "2026-02-25", None)
    assert not matches_filters(undated, None, "2030-01-01", None)
    assert matches_filters(undated, None, None, ["the hill"])
    assert matches_filters(dated, None, None, ["USTOWER.NET"])
    assert not matches_filters(dated, None, None, ["AI Daily"])


def test_chroma_where_matches_the_same_rule():
    where = passage_where("2026-01-01", "2026-03-01", ["The Hill"])
    assert {"published_ord": {"$gte": 20260101}} in where["$and"]
    assert {"published_ord": {"$lte": 20260301}} in where["$and"]
    assert passage_where() is None


def test_near_duplicates_collapse_into_also_reported_by():
    story = (
        "The Pentagon delivered its last and final offer to the company on Wednesday night, asking the firm "
        "to allow the department to access its model for all lawful purposes."
    )
    first = p("1", story, article_id="a", outlet="The Hill")
    copy = p("2", story + " Reporting by staff.", article_id="b", outlet="ustower.net")
    other = p("3", "Weather delayed several flights out of the capital on Monday morning.", article_id="c")
    kept = collapse_duplicates([first, copy, other])
    assert [k.passage_id for k in kept] == ["1", "3"]
    assert kept[0].also_reported_by == ["ustower.net"]


def test_keyword_index_honours_the_mask_and_round_trips(tmp_path):
    passages = [
        p("1", "Sean Parnell is the chief Pentagon spokesperson"),
        p("2", "Pentagon spokesperson statement"),
        p("3", "unrelated weather report"),
    ]
    index = KeywordIndex(passages)
    assert [i for i, _ in index.search("Parnell spokesperson", 3)][0] == 0
    import numpy as np

    masked = index.search("Parnell spokesperson", 3, mask=np.array([False, True, True]))
    assert [i for i, _ in masked] == [1]
    index.save(tmp_path / "idx")
    loaded = KeywordIndex.load(tmp_path / "idx")
    assert loaded.ids == ["1", "2", "3"]
    assert loaded.search("Parnell", 3)[0][0] == 0


def test_hybrid_retrieval_on_a_store_with_a_republished_story(embedder, tmp_path):
    story = (
        "Anthropic said Thursday that virtually no progress had been made in the company's talks with the "
        "Pentagon over the terms of use for its AI models ahead of a Friday afternoon deadline. The Department "
        "of Defense delivered its last and final offer to the company on Wednesday night."
    )
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "hill.json").write_text(
        json.dumps(
            {
                "title": "Talks stall",
                "text": story,
                "published": "2026-02-26",
                "url": "https://thehill.com/policy/5758006-talks-stall/",
            }
        )
    )
    (folder / "copy.json").write_text(
        json.dumps(
            {"title": "Talks stall (copy)", "text": story, "published": "2026-02-27", "url": "https://ustower.net/?p=1"}
        )
    )
    (folder / "other.json").write_text(
        json.dumps(
            {
                "title": "Weather",
                "text": "Rain fell across the capital on Monday, delaying flights and trains for hours.",
                "published": "2026-03-01",
                "url": "https://example.org/w",
            }
        )
    )
    b = Briefing(settings=Settings(home=tmp_path / "home"), embedder=embedder)
    assert b.ingest([folder]).ok
    hits = b.retrieve("Did the talks make progress before the deadline?", k=5)
    assert hits[0].outlet in {"The Hill", "ustower.net"}
    assert len([h for h in hits if "virtually no progress" in h.text]) == 1  # one story, not two
    assert hits[0].also_reported_by  # the other carrier is named
    assert 0 < hits[0].score <= 1  # cosine similarity
    until = b.retrieve("Did the talks make progress before the deadline?", k=5, until="2026-02-26")
    assert {h.published for h in until} == {"2026-02-26"}
    # The keyword index follows the store: after a delete, the article is gone from keyword hits too.
    hill = next(a for a in b.sources() if a.outlet == "The Hill")
    b.delete(hill.article_id)
    assert all(
        h.article_id != hill.article_id for h in b.retriever.keyword("virtually no progress", 10, None, None, None)
    )


def test_vectorised_keyword_mask_applies_the_same_rule_as_matches_filters():
    passages = [
        p("1", published="2026-02-26", outlet="The Hill", site="ustower.net"),
        p("2", published=None, outlet="The Hill"),
        p("3", published="2026-03-22", outlet="AI Daily"),
        p("4", published="2026-03-05"),
        p("5", published="2025-12-31", site="example.org"),
    ]
    index = KeywordIndex(passages)
    assert index.filter_mask(None, None, None) is None
    filters = [
        ("2026-02-26", None, None), (None, "2026-03-05", None), ("2026-01-01", "2026-03-01", None),
        (None, None, ["the hill"]), (None, None, [" USTOWER.NET ", "ai daily"]), (None, None, ["nobody"]),
        ("2026-03-01", None, ["AI Daily", "The Hill"]), (None, "2025-12-31", ["example.org"]),
    ]
    for since, until, sources in filters:
        expected = [matches_filters(q, since, until, sources) for q in passages]
        assert index.filter_mask(since, until, sources).tolist() == expected, (since, until, sources)


def test_filtered_dense_search_equals_chromas_filtered_search(briefing, seeds, monkeypatch):
    """The unfiltered-pool shortcut must return exactly what Chroma's own filtered search returns (exact on a store
    this small), whether the pool holds enough hits (fast path) or not: then the passages the keyword index lets
    through are searched by id, and when it does not hold the pool, by Chroma's filter."""
    assert briefing.ingest([seeds]).ok
    retriever, store = briefing.retriever, briefing.store
    vec = briefing.query_embedder.embed(["What did the Pentagon offer Anthropic?"])[0]
    filtered_calls = []
    query = store.query

    def spy(embedding, k, where=None):
        filtered_calls.append(where is not None)
        return query(embedding, k, where)

    monkeypatch.setattr(store, "query", spy)
    cases = [("2026-02-01", None, None, 3), (None, "2026-03-05", None, 3), (None, "2026-02-26", None, 2),
             (None, None, ["AI Daily"], 2), (None, "2026-01-01", None, 2), (None, None, ["The Hill"], 1)]
    ids_only, among = [], []
    nearest_ids, query_among = store.nearest_ids, store.query_among
    monkeypatch.setattr(store, "nearest_ids", lambda embedding, k: ids_only.append(k) or nearest_ids(embedding, k))
    monkeypatch.setattr(store, "query_among", lambda embedding, k, ids: among.append(len(ids))
                        or query_among(embedding, k, ids))
    for since, until, sources, n in cases:
        got = [x.passage_id for x in retriever.dense(vec, n, since, until, sources)]
        want = [x.passage_id for x in query(vec, n, passage_where(since, until, sources))]
        assert got == want, (since, until, sources)
        scores = [x.score for x in retriever.dense(vec, n, since, until, sources)]
        assert scores == pytest.approx([x.score for x in query(vec, n, passage_where(since, until, sources))],
                                       abs=1e-5)
    # both paths ran: the pool by ids (filtered by the keyword index), and the passages passing the filters by id
    assert ids_only and among and not any(filtered_calls)
    # a pool passage the keyword index does not hold yet (another process's write): the store's metadata decides
    monkeypatch.setattr(type(retriever.keyword_index()), "within", lambda self, ids, since, until, sources: None)
    for since, until, sources, n in cases:
        got = [x.passage_id for x in retriever.dense(vec, n, since, until, sources)]
        assert got == [x.passage_id for x in query(vec, n, passage_where(since, until, sources))]
    assert any(filtered_calls)


def test_own_and_other_writers_commits_reach_the_keyword_index_at_once(
    embedder, seeds, tmp_path, monkeypatch
):
    import briefing.index.store

    monkeypatch.setattr(briefing.index.store, "FINGERPRINT_TTL_S", 3600.0)  # only the commit marker counts here
    settings = Settings(home=tmp_path / "home")
    reader = Briefing(settings=settings, embedder=embedder)
    assert reader.ingest([seeds / "000_f1b9db061f09dfc8.txt"]).ok
    assert reader.retriever.keyword("Parnell", 5, None, None, None) == []
    assert reader.ingest([seeds]).ok  # the reader's own write: seen by the very next search
    hits = reader.retriever.keyword("Parnell", 5, None, None, None)
    assert hits
    parnell_article = hits[0].article_id
    # Another writer deletes that article: its commit marker makes the reader rebuild at once.
    Briefing(settings=settings, embedder=embedder).delete(parnell_article)
    assert all(h.article_id != parnell_article for h in reader.retriever.keyword("Parnell", 5, None, None, None))
    assert all(h.article_id != parnell_article for h in reader.retrieve("Who is Sean Parnell?", k=8))


def test_summarize_the_articles_answers_with_each_articles_opening(briefing, seeds):
    assert briefing.ingest([seeds]).ok
    passages = briefing.retrieve("give me an overview", k=12)
    openings = briefing.retriever.openings(passages)
    assert [p.article_id for p in openings] == list(dict.fromkeys(p.article_id for p in passages))
    assert all(p.start == 0 for p in openings)
    answer = briefing.ask("give me an overview", backend="extractive")
    firsts = {p.article_id: p.text for p in openings}
    assert len(answer.claims) >= 3
    for citation in answer.citations:  # each claim quotes the opening passage of its article
        assert citation.quote in firsts[citation.article_id]


def test_the_keyword_library_says_which_passages_pass_the_filters_or_that_it_does_not_hold_one():
    from briefing.index.keyword import KeywordLibrary

    first = KeywordIndex([p("a1", "the harbour strike", published="2026-03-01", outlet="Harbour Post"),
                          p("a2", "the ferry deal", published="2026-03-20", outlet="Coast Daily")])
    later = KeywordIndex([p("b1", "the pier repairs", published="2026-04-02", outlet="Coast Daily")])
    library = KeywordLibrary([("s1", first), ("s2", later)], {}, dead={"a2"})
    assert library.within(["b1", "a1"], "2026-03-15", None, None) == [True, False]
    assert library.within(["a1", "b1"], None, None, ["coast daily"]) == [False, True]
    assert library.within(["a1", "a2"], None, None, None) is None  # a2 was replaced: not a live passage here
    assert library.within(["zz"], None, "2026-05-01", None) is None  # never indexed
    assert library.passing(None, None, ["coast daily"], limit=10) == ["b1"]  # a2 is dead
    assert library.passing("2026-03-01", None, None, limit=10) == ["a1", "b1"]
    assert library.passing(None, None, None, limit=1) is None  # more pass than asked for


def test_the_newest_articles_come_from_the_dates_the_library_holds_inside_the_filters():
    from briefing.index.keyword import KeywordLibrary

    first = KeywordIndex([p("a1", "the harbour strike", published="2026-03-01", outlet="Harbour Post"),
                          p("a2", "the ferry deal", published="2026-03-20", outlet="Coast Daily"),
                          p("a3", "an undated note", published=None, outlet="Coast Daily"),
                          p("a4", "the pier sale", published="2026-02-11", outlet="Harbour Post")])
    later = KeywordIndex([p("b1", "the pier repairs", published="2026-04-02", outlet="Coast Daily"),
                          p("b2", "the pier repairs again", published="2026-04-02", outlet="Coast Daily",
                            article_id="b1")])
    library = KeywordLibrary([("s1", first), ("s2", later)], {}, dead={"a2"})
    assert library.newest_articles(2) == ["b1", "a1"]  # a2 was replaced, a3 is undated; b1 counted once
    assert library.newest_articles(5, until="2026-03-31") == ["a1", "a4"]
    assert library.newest_articles(5, sources=["harbour post"], since="2026-02-15") == ["a1"]


def test_the_latest_news_opens_each_of_the_newest_articles(briefing, seeds):
    assert briefing.ingest([seeds]).ok
    newest = briefing.retriever.newest(2)
    assert [p.published for p in newest] == ["2026-03-22", "2026-03-05"]
    assert all(p.start == 0 for p in newest)
    assert [p.published for p in briefing.retriever.newest(5, until="2026-03-01")] == ["2026-02-26"]


def test_a_passage_deleted_since_the_keyword_index_listed_it_falls_back_to_chromas_filter(briefing, seeds,
                                                                                           monkeypatch):
    """Searching by id fails on an id no longer stored (another process deleted its article): ``query_among`` says so
    and the filtered search runs instead, with the same result."""
    assert briefing.ingest([seeds]).ok
    retriever, store = briefing.retriever, briefing.store
    vec = briefing.query_embedder.embed(["What did the Pentagon offer Anthropic?"])[0]
    some = [p.passage_id for p in store.query(vec, 3)]
    assert store.query_among(vec, 2, some + ["gone-passage"]) is None
    assert [p.passage_id for p in store.query_among(vec, 2, some)] == some[:2]
    passing = type(retriever.keyword_index()).passing
    monkeypatch.setattr(type(retriever.keyword_index()), "passing",
                        lambda self, *a, **kw: (passing(self, *a, **kw) or []) + ["gone-passage"])
    want = [x.passage_id for x in store.query(vec, 2, passage_where(None, None, ["The Hill"]))]
    assert [x.passage_id for x in retriever.dense(vec, 2, None, None, ["The Hill"])] == want


def test_the_keyword_searchs_best_passage_is_among_the_first_k(tmp_path, embedder, monkeypatch):
    """A rare name ("Qzelby") puts one passage first in the keyword search; when the dense and keyword searches agree
    on others, fusion alone ranks it below k. It takes the k-th place (the fused best two are left alone)."""
    from briefing.index.retrieve import with_keyword_head

    assert with_keyword_head(["a", "b", "c", "d", "e", "q"], "q", 4) == ["a", "b", "c", "q", "d", "e"]
    assert with_keyword_head(["a", "q", "b"], "q", 4) == ["a", "q", "b"]  # already among the first k
    assert with_keyword_head(["a", "b", "q"], "q", 2) == ["a", "b", "q"]
    b = Briefing(settings=Settings(home=tmp_path / "home"), embedder=embedder)
    retriever = b.retriever
    topics = ["ferry timetables", "winter storms", "fish prices", "the new pier", "school buses", "a town budget"]
    common = [p(f"c{i}", f"Coaching jobs at the harbor club and {t} were discussed in week {i}.", article_id=f"a{i}")
              for i, t in enumerate(topics)]
    rare = p("rare", "Coach Brann Qzelby gave Tomas Lowe his first coaching job.", article_id="ar")
    monkeypatch.setattr(retriever, "dense", lambda *a, **kw: common)  # the rare name means little to the embedder
    monkeypatch.setattr(retriever, "keyword_index", lambda: SimpleNamespace(search=lambda *a: []))
    monkeypatch.setattr(retriever, "keyword_passages", lambda *a, **kw: [rare] + common)
    monkeypatch.setattr(retriever.store, "committed", lambda passages: passages)
    hits = retriever.retrieve("who gave Tomas Lowe his first coaching job at Qzelby's club", k=4)
    assert [h.passage_id for h in hits] == ["c0", "c1", "c2", "rare"]


def test_both_searches_passages_are_read_in_one_request_and_equal_separate_reads(briefing, seeds, monkeypatch):
    """A hybrid search reads the passages of its dense and keyword hits together, once, and finds what the two
    searches read apart do: the same passages in the same order, with the same scores."""
    assert briefing.ingest([seeds]).ok
    retriever, store = briefing.retriever, briefing.store
    question = "What did the Pentagon offer Anthropic?"
    vec = briefing.query_embedder.embed([question])[0]
    reads, by_id = [], store.passages_by_id
    for since, until in ((None, None), (None, "2026-03-05")):
        apart_dense = retriever.dense(vec, 24, since, until, None)
        apart_keyword = retriever.keyword(question, 24, since, until, None, vec)
        reads.clear()
        monkeypatch.setattr(store, "passages_by_id", lambda ids, query_vec=None: reads.append(len(ids))
                            or by_id(ids, query_vec))
        got = retriever.retrieve(question, k=8, until=until)
        monkeypatch.setattr(store, "passages_by_id", by_id)
        assert len(reads) == 1 and got, reads
        read: dict = {}
        together = retriever.dense(vec, 24, since, until, None, also=[p.passage_id for p in apart_keyword], read=read)
        assert [(p.passage_id, round(p.score, 5)) for p in together] == \
            [(p.passage_id, round(p.score, 5)) for p in apart_dense]
        assert [(p.passage_id, round(p.score, 5)) for p in retriever.keyword_passages(
            [(p.passage_id, 0.0) for p in apart_keyword], vec, read)] == \
            [(p.passage_id, round(p.score, 5)) for p in apart_keyword]


def test_a_passage_is_shown_only_while_its_articles_record_carries_the_version_it_was_read_from(briefing, seeds):
    """The check before passages are shown compares each article's record, read then, with the content hash the
    passage was read with: a passage of an article replaced since it was read is dropped, one of the current
    version kept."""
    assert briefing.ingest([seeds]).ok
    got = briefing.retriever.retrieve("What did the Pentagon offer Anthropic?", k=8)
    assert got and all(p.content_hash for p in got)
    assert briefing.store.committed(got) == got
    from dataclasses import replace

    stale = [replace(p, content_hash="0" * 16) for p in got]  # as if read before the article was replaced
    assert briefing.store.committed(stale) == []
