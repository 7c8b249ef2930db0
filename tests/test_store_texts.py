"""Passages are stored without their text and read back as their article's text[start:end] (index/texts.py);
stores written with the texts (before issue 12) still read, embedded and against a Chroma server."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import numpy as np
import pytest

from briefing import Briefing
from briefing.index.store import Store, get_all
from briefing.index.texts import ArticleTexts
from briefing.types import Article, Passage


@pytest.fixture
def seeded(store_settings, seeds, fake_embedder) -> Briefing:
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    assert b.ingest([seeds]).failed == []
    return b


def every_read(store: Store, embedder) -> dict[str, list[Passage]]:
    """The passages each read of index/store.py returns, sorted by id (scores left out)."""
    committed = store.article_hashes()
    ids = sorted(committed)
    everything = store.all_passages()
    reads = {
        "all_passages": everything,
        "over_passages": store.over_passages(lambda pages: [p for page in pages for p in page]),
        "passages_of_articles": store.passages_of_articles(committed),
        "passages_of": [p for a in ids for p in store.passages_of(a)],
        "passages_by_id": list(store.passages_by_id([p.passage_id for p in everything]).values()),
        "query": store.query(embedder.embed(["Pentagon contract talks"])[0], k=len(everything)),
    }
    return {name: sorted((replace(p, score=0.0) for p in got), key=lambda p: p.passage_id)
            for name, got in reads.items()}


def test_passages_are_stored_without_their_text(seeded):
    store = seeded.store
    rows = get_all(store.passages, ["documents", "metadatas"])
    assert rows["ids"] and all(not d for d in rows["documents"]), "passage texts are stored again"
    articles = {a.article_id: a for a in store.articles(with_text=True)}
    for meta in rows["metadatas"]:  # nor a copy of the text in the metadata (llama-index's node JSON)
        text = articles[meta["article_id"]].text[meta["start"] : meta["end"]]
        assert json.loads(meta["_node_content"])["text"] == ""
        assert not any(isinstance(v, str) and text in v for v in meta.values())


def test_every_read_gives_each_passage_as_its_articles_slice(seeded, fake_embedder):
    store = seeded.store
    articles = {a.article_id: a for a in store.articles(with_text=True)}
    reads = every_read(store, fake_embedder)
    assert len(reads["all_passages"]) == sum(a.passages for a in articles.values())
    for name, passages in reads.items():
        assert passages == reads["all_passages"], name
        for p in passages:
            assert p.text and p.text == articles[p.article_id].text[p.start : p.end], (name, p.passage_id)
            assert not p.text.startswith(f"{p.title}\n")  # the title goes to the encoder, never into the text
    hits = seeded.retrieve("What did the Pentagon spokesperson say?", k=5)
    assert hits and all(p.text == articles[p.article_id].text[p.start : p.end] for p in hits)


def old_format_write(store: Store, batch) -> None:
    """A write as index/store.py made it before issue 12: each passage's text as its Chroma document."""
    prepared = Store.prepare(batch)
    texts = {p.passage_id: p.text for _, passages, _ in batch for p in passages}
    for rows in prepared.passages:
        rows["documents"] = [texts[i] for i in rows["ids"]]
    store.apply(prepared)


def test_a_store_written_with_passage_texts_reads_the_same(store_settings, seeds, fake_embedder, monkeypatch):
    new = Briefing(settings=store_settings, embedder=fake_embedder)
    new.ingest([seeds])
    batch = [(a, new.store.passages_of(a.article_id), None) for a in new.store.articles(with_text=True)]
    batch = [(a, ps, np.asarray([new.store.vectors([p.passage_id])[p.passage_id] for p in ps])) for a, ps, _ in batch]
    old = Store(store_settings.model_copy(update={"collection": f"{store_settings.collection}old"}))
    old_format_write(old, batch)
    assert all(get_all(old.passages, ["documents"])["documents"])

    def no_record_reads(self, records, wanted):  # a stored text is used as is: no article text fetched
        assert not wanted
        return {}

    expected = every_read(new.store, fake_embedder)
    monkeypatch.setattr(ArticleTexts, "of", no_record_reads)
    assert every_read(old, fake_embedder) == expected


def hand_made(text: str, article_text: str, start: int) -> tuple[Article, list[Passage], np.ndarray]:
    digest = hashlib.sha256(article_text.encode()).hexdigest()[:16]
    article = Article(article_id="a1", title="Hand made", text=article_text, passages=1, content_hash=digest)
    passage = Passage(passage_id=f"a1-{digest[:8]}-0000", article_id="a1", text=text, start=start,
                      end=start + len(text), title="Hand made", sentences=[(0, len(text))])
    return article, [passage], np.ones((1, 8), dtype=np.float32) / np.sqrt(8)


def test_a_passage_that_is_not_its_articles_slice_keeps_its_text(store_settings):
    store = Store(store_settings)
    store.write([hand_made("The second paragraph.", "The first paragraph.\n\nThe second paragraph.", 0)])
    assert get_all(store.passages, ["documents"])["documents"] == ["The second paragraph."]
    assert [p.text for p in store.all_passages()] == ["The second paragraph."]
    store.write([hand_made("The second paragraph.", "The first paragraph.\n\nThe second paragraph. Then a third.", 22)])
    assert get_all(store.passages, ["documents"])["documents"] == [""]
    assert [p.text for p in store.all_passages()] == ["The second paragraph."]


def test_a_replaced_article_reads_its_new_text_in_another_process(store_settings):
    reader, writer = Store(store_settings), Store(store_settings)  # two stores: what two processes hold
    writer.write([hand_made("Ferries run hourly.", "Ferries run hourly.", 0)])
    assert [p.text for p in reader.all_passages()] == ["Ferries run hourly."]  # now kept by the reader
    writer.write([hand_made("Ferries stopped.", "Ferries stopped.", 0)])
    assert [p.text for p in reader.all_passages()] == ["Ferries stopped."]
    old = reader.passages_by_id(["a1-" + hashlib.sha256(b"Ferries run hourly.").hexdigest()[:8] + "-0000"])
    assert old == {}  # the replaced passage is gone with its version


# ---- ArticleTexts: one read of the records per 500 articles, kept within a bound ------------------------------


class Records:
    """The records collection's ``get``, counted."""

    def __init__(self, texts: dict[str, tuple[str, str]]) -> None:
        self.texts = texts  # article id -> (content hash, text)
        self.gets: list[list[str]] = []

    def get(self, ids, include):
        self.gets.append(list(ids))
        found = [i for i in ids if i in self.texts]
        return {"ids": found, "documents": [self.texts[i][1] for i in found],
                "metadatas": [{"content_hash": self.texts[i][0]} for i in found]}


def test_article_texts_are_read_once_per_500_articles_and_kept():
    records = Records({f"a{i:04d}": ("h", f"text {i}") for i in range(1200)})
    texts = ArticleTexts()
    wanted = {(f"a{i:04d}", "h") for i in range(1200)}
    got = texts.of(records, wanted)
    assert got == {(f"a{i:04d}", "h"): f"text {i}" for i in range(1200)}
    assert [len(ids) for ids in records.gets] == [500, 500, 200]
    assert texts.of(records, {("a0001", "h"), ("a0002", "h")}) == {("a0001", "h"): "text 1", ("a0002", "h"): "text 2"}
    assert len(records.gets) == 3  # kept: not read again


def test_article_texts_leave_out_another_version_and_drop_the_least_recently_used():
    records = Records({"a": ("new", "0123456789"), "b": ("h", "abcdefghij"), "c": ("h", "ABCDEFGHIJ")})
    texts = ArticleTexts(max_chars=20)
    assert texts.of(records, {("a", "old")}) == {}  # the record holds another version: no text for it
    assert texts.of(records, {("b", "h")}) == {("b", "h"): "abcdefghij"}
    assert texts.of(records, {("a", "new")}) == {("a", "new"): "0123456789"}  # kept when read for "old"
    assert len(records.gets) == 2
    texts.of(records, {("c", "h")})  # 30 characters: the least recently used, b, goes
    texts.of(records, {("a", "new"), ("c", "h")})
    assert len(records.gets) == 3
    texts.of(records, {("b", "h")})
    assert records.gets[-1] == ["b"]
