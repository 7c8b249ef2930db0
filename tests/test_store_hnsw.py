"""The passages' HNSW graph is saved every 100 records (index/store.py ``HNSW_SYNC_THRESHOLD``), so no process re-adds
records to it when it opens the store, and a search is the same in every process; embedded and against a server."""

from __future__ import annotations

from briefing import Briefing
from briefing.index.store import HNSW_SYNC_THRESHOLD


def sync_threshold(collection) -> int:
    return collection.configuration["hnsw"]["sync_threshold"]


def test_a_new_store_saves_its_passages_graph_every_100_records(store_settings, seeds, fake_embedder):
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    assert b.ingest([seeds]).failed == []
    assert sync_threshold(b.store.passages) == HNSW_SYNC_THRESHOLD == 100


def test_a_store_made_before_gets_it_at_its_next_write(store_settings, seeds, fake_embedder, tmp_path):
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    old = b.store.shared.collection(f"{store_settings.collection}_passages", metadata={"hnsw:space": "cosine"},
                                    embedding_function=None)  # as stores were made before: Chroma's default
    assert sync_threshold(old) == 1000
    assert b.ingest([seeds]).failed == []
    assert sync_threshold(b.store.passages) == 100
