"""The passages' HNSW graph is saved every 100 records (index/store.py ``HNSW_SYNC_THRESHOLD``), so no process re-adds
records to it when it opens the store, and a search is the same in every process; and a search walks the graph widely
enough (``HNSW_SEARCH_EF``) to find the exact nearest passages. Embedded and against a server."""

from __future__ import annotations

import numpy as np

from briefing import Briefing
from briefing.index.store import HNSW_SEARCH_EF, HNSW_SYNC_THRESHOLD


def hnsw(collection) -> dict:
    return collection.configuration["hnsw"]


def test_a_new_store_saves_its_passages_graph_every_100_records(store_settings, seeds, fake_embedder):
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    assert b.ingest([seeds]).failed == []
    assert hnsw(b.store.passages)["sync_threshold"] == HNSW_SYNC_THRESHOLD == 100
    assert hnsw(b.store.passages)["ef_search"] == HNSW_SEARCH_EF == 500


def test_a_store_made_before_gets_it_at_its_next_write(store_settings, seeds, fake_embedder, tmp_path):
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    old = b.store.shared.collection(f"{store_settings.collection}_passages", metadata={"hnsw:space": "cosine"},
                                    embedding_function=None)  # as stores were made before: Chroma's default
    assert (hnsw(old)["sync_threshold"], hnsw(old)["ef_search"]) == (1000, 100)
    assert b.ingest([seeds]).failed == []
    assert (hnsw(b.store.passages)["sync_threshold"], hnsw(b.store.passages)["ef_search"]) == (100, 500)


def test_the_nearest_passages_are_the_exact_nearest(store_settings, fake_embedder):
    """2,000 random unit vectors (hard for a graph search: no clusters) and 20 random questions: the 30 nearest (an
    unfiltered dense search) are exactly those of a brute-force cosine, and of the 120 nearest (a filtered one's pool)
    at most 1 in 100 is missed. At Chroma's default breadth (100) 19 of the 20 top-30 searches missed some, and
    230 of the 2,400 pool places were wrong."""
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((2000, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    ids = [f"p{i}" for i in range(len(vectors))]
    for i in range(0, len(ids), 500):
        b.store.passages.add(ids=ids[i : i + 500], embeddings=vectors[i : i + 500])
    missed = 0
    for question in rng.standard_normal((20, 384)).astype(np.float32):
        question /= np.linalg.norm(question)
        order = np.argsort(-(vectors @ question))
        assert [pid for pid, _ in b.store.nearest_ids(question, 30)] == [ids[i] for i in order[:30]]
        missed += len({ids[i] for i in order[:120]} - {pid for pid, _ in b.store.nearest_ids(question, 120)})
    assert missed <= 24
