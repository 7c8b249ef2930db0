"""The keyword index follows writes by segments (index/keyword.py) keyed by the store's generations (index/store.py)."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

import briefing.index.store
from briefing import Settings
from briefing.index.keyword import KeywordIndex
from briefing.index.retrieve import Retriever
from briefing.index.store import Store
from briefing.types import Article, Passage

WORDS = ("harbour", "glacier", "orchard", "lantern", "meadow", "quarry", "violin", "saddle", "compass", "falcon",
         "granite", "pepper", "ribbon", "thunder", "walnut", "copper", "island", "marble", "velvet", "canyon")


def article(n: int, text: str, version: str = "1") -> tuple[Article, list[Passage], np.ndarray]:
    """One article of two passages (the second shares filler words with every article)."""
    digest = hashlib.sha256(f"{n}-{version}-{text}".encode()).hexdigest()[:16]
    aid = f"a{n:03d}"
    texts = [text, "The council met on Tuesday to discuss the budget and the roads."]
    passages = [Passage(passage_id=f"{aid}-{digest[:8]}-{i:04d}", article_id=aid, text=t, start=0, end=len(t),
                        sentences=[(0, len(t))]) for i, t in enumerate(texts)]
    art = Article(article_id=aid, title=f"Article {n}", text="\n\n".join(texts), outlet="Daily", published="2026-01-02",
                  passages=2, content_hash=digest)
    vectors = np.random.default_rng(n).standard_normal((2, 8)).astype(np.float32)
    return art, passages, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def hits(retriever: Retriever, query: str) -> set[str]:
    return {p.article_id for p in retriever.keyword(query, 10, None, None, None)}


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """The passage count of every keyword index built from passages (not loaded from its folder)."""
    built: list[int] = []
    real_init = KeywordIndex.__init__

    def init(self, passages, bm25=None):
        if bm25 is None:
            built.append(len(passages))
        real_init(self, passages, bm25)

    monkeypatch.setattr(KeywordIndex, "__init__", init)
    return built


@pytest.fixture
def library(tmp_path):
    store = Store(Settings(home=tmp_path / "home"))
    store.write([article(i, f"A story about the {w} and nothing else.") for i, w in enumerate(WORDS)])
    return store, Retriever(store, embedder=None, cache_dir=tmp_path / "home" / "cache")


def test_a_write_adds_a_segment_and_a_delete_masks_without_rebuilding(library, builds):
    store, retriever = library
    assert hits(retriever, "glacier") == {"a001"}
    first = retriever.keyword_index()
    assert len(first.segments) == 1
    built = builds
    built.clear()

    store.write([article(50, "The zebrafish escaped from the aquarium.")])
    assert hits(retriever, "zebrafish") == {"a050"}
    assert built == [2]  # only the new article's passages were indexed
    store.delete("a001")
    assert hits(retriever, "glacier") == set()
    store.write([article(2, "The orchard now grows plums.", version="2")])  # a replaced article
    assert hits(retriever, "plums") == {"a002"}
    assert hits(retriever, "orchard") == {"a002"}  # its new text, once: the old version is masked
    assert len(retriever.keyword("orchard", 10, None, None, None)) == 1
    assert built == [2, 2]
    assert retriever.keyword_index().segments[0] is first.segments[0]  # the big segment was never rebuilt


def test_another_process_loads_the_saved_library_and_catches_up_from_the_history(library, tmp_path, builds):
    store, retriever = library
    hits(retriever, "glacier")
    store.write([article(60, "A heron stood in the reeds.")])  # after the library was saved
    fresh = Retriever(Store(Settings(home=tmp_path / "home")), embedder=None, cache_dir=tmp_path / "home" / "cache")
    built = builds
    built.clear()
    assert hits(fresh, "heron") == {"a060"}
    assert hits(fresh, "glacier") == {"a001"}
    assert built == [2]  # the saved library was loaded, and only the article written since was indexed


def test_many_changes_rebuild_the_library_whole(library):
    store, retriever = library
    hits(retriever, "glacier")
    store.write([article(100 + i, f"Report number {i} on the snowfall.") for i in range(10)])  # 20 of 40 passages
    library = retriever.keyword_index()
    assert len(library.segments) == 1 and not library.dead
    assert library.size == 60


def test_a_big_change_is_indexed_whole_without_reading_it_into_a_segment_first(library, builds, monkeypatch):
    store, retriever = library
    hits(retriever, "glacier")
    store.write([article(100 + i, f"Report number {i} on the snowfall.") for i in range(10)])  # 20 of 40 passages
    read = []
    real = store.passages_of_articles
    monkeypatch.setattr(store, "passages_of_articles", lambda committed: read.append(committed) or real(committed))
    builds.clear()
    assert hits(retriever, "snowfall") == {f"a{100 + i:03d}" for i in range(10)}
    assert read == [] and builds == []  # no segment: the whole build reads the store page by page
    assert len(retriever.keyword_index().segments) == 1


def test_the_history_names_what_changed_since_a_fingerprint(library):
    store, _ = library
    before = store.fingerprint()
    store.write([article(70, "A new one.")])
    store.delete("a003")
    assert store.fingerprint() != before
    assert store.changes_since(before) == {"a070", "a003"}
    assert store.changes_since(store.fingerprint()) == set()
    assert store.changes_since("not-a-generation") is None


def test_whole_collections_are_read_in_pages(library, monkeypatch):
    store, _ = library
    monkeypatch.setattr(briefing.index.store, "PAGE", 3)
    assert len(store.article_hashes()) == len(WORDS)
    assert len(store.all_passages()) == 2 * len(WORDS)
