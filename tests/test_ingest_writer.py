"""A large ingest's Chroma writes run in a child process (ingest/writer.py): what it stores, and its failures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder
from test_ingest_overlap import make_corpus

import briefing.ingest.pipeline as pipeline
import briefing.ingest.writer as writer
from briefing import Briefing, Settings
from briefing.errors import ConfigError, StoreError
from briefing.index.store import Store
from briefing.types import Article, Passage


def settings_at(home: Path) -> Settings:
    return Settings(home=home, chroma_url=None, chunk_size=32, chunk_overlap=8)


class Started:
    """Counts the writer processes a run starts and the writes they apply."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.processes = self.applied = 0
        init, apply = writer.WriterProcess.__init__, writer.WriterProcess.apply

        def counted_init(process, settings):
            self.processes += 1
            init(process, settings)

        def counted_apply(process, prepared, encoder):
            self.applied += 1
            apply(process, prepared, encoder)

        monkeypatch.setattr(writer.WriterProcess, "__init__", counted_init)
        monkeypatch.setattr(writer.WriterProcess, "apply", counted_apply)


def stored(store: Store) -> dict:
    """Everything the store holds for its passages and articles, by id."""
    passages = store.passages.get(include=["documents", "metadatas", "embeddings"])  # a small store: one read
    records = store.records.get(include=["documents", "metadatas"])
    return {
        "passages": {i: (d, m, np.asarray(e).round(6).tolist()) for i, d, m, e in
                     zip(passages["ids"], passages["documents"], passages["metadatas"], passages["embeddings"],
                         strict=True)},
        "records": {i: (d, m) for i, d, m in zip(records["ids"], records["documents"], records["metadatas"],
                                                 strict=True)},
        "encoder": store.encoder(),
    }


def test_the_child_process_stores_what_the_writer_thread_stores(tmp_path, home, monkeypatch):
    make_corpus(tmp_path / "corpus", 12)
    monkeypatch.setattr(pipeline, "FLUSH_PASSAGES", 6)  # several groups
    started, runs = Started(monkeypatch), {}
    for name, process_from in (("thread", 10**9), ("process", 6)):
        monkeypatch.setattr(writer, "PROCESS_WRITER_FROM", process_from)
        before = started.processes, started.applied
        b = Briefing(settings=settings_at(home / name), embedder=FakeEmbedder())
        report = b.ingest([tmp_path / "corpus"])
        assert report.failed == [] and len(report.added) == 12
        runs[name] = (stored(b.store), started.processes - before[0], started.applied - before[1])

    (by_thread, thread_processes, _), (by_process, processes, applied) = runs["thread"], runs["process"]
    assert thread_processes == 0
    assert processes == 1 and applied >= 3  # one child for the run, every group written through it
    assert len(by_thread["passages"]) > 12 and len(by_thread["records"]) == 12
    assert by_process == by_thread  # same rows: texts, metadata (sentence spans, llama-index's copy), vectors
    # and the parent reads the child's commits
    assert sorted(a.title for a in Briefing(settings=settings_at(home / "process")).sources()) == sorted(
        f"Story number {i}" for i in range(12))


def test_a_small_run_starts_no_process(tmp_path, home, monkeypatch):
    make_corpus(tmp_path / "corpus", 3)
    started = Started(monkeypatch)
    b = Briefing(settings=settings_at(home), embedder=FakeEmbedder())
    assert len(b.ingest([tmp_path / "corpus"]).added) == 3
    assert started.processes == 0  # fewer passages than writer.PROCESS_WRITER_FROM in a group


def test_a_child_that_dies_fails_the_run_and_the_next_run_finishes_it(tmp_path, home, monkeypatch):
    make_corpus(tmp_path / "corpus", 12)
    monkeypatch.setattr(pipeline, "FLUSH_PASSAGES", 6)
    monkeypatch.setattr(writer, "PROCESS_WRITER_FROM", 6)
    apply, calls = writer.WriterProcess.apply, []

    def dies_at_the_second(process, prepared, encoder):
        calls.append(prepared.article_ids)
        if len(calls) == 2:
            process.proc.kill()  # killed from outside, e.g. out of memory
            process.proc.wait()
        apply(process, prepared, encoder)

    monkeypatch.setattr(writer.WriterProcess, "apply", dies_at_the_second)
    settings = settings_at(home)
    with pytest.raises(StoreError, match="ended unexpectedly"):
        Briefing(settings=settings, embedder=FakeEmbedder()).ingest([tmp_path / "corpus"])
    assert len(calls) == 2  # no group after the failed one was tried
    assert sorted(a.article_id for a in Briefing(settings=settings).sources()) == sorted(calls[0])

    monkeypatch.setattr(writer.WriterProcess, "apply", apply)
    b = Briefing(settings=settings, embedder=FakeEmbedder())
    report = b.ingest([tmp_path / "corpus"])
    assert report.failed == [] and len(report.unchanged) == len(calls[0]) and len(report.added) == 12 - len(calls[0])


def test_the_childs_error_is_raised_in_the_parent(home):
    settings = settings_at(home)
    article = Article(article_id="a1", title="T", text="One sentence. Two.", content_hash="h1")
    passage = Passage(passage_id="a1-h1-0000", article_id="a1", text="One sentence. Two.", start=0, end=18,
                      title="T", sentences=[(0, 13), (14, 18)])
    vectors = np.ones((1, 384), dtype=np.float32) / np.sqrt(384)
    Store(settings).write([(article, [passage], vectors)], encoder="encoder A")

    process = writer.WriterProcess(settings)
    try:
        with pytest.raises(ConfigError, match="vectors of two encoders are never mixed"):
            process.apply(Store.prepare([(article, [passage], vectors)]), encoder="encoder B")
        process.apply(Store.prepare([(article, [passage], vectors)]), encoder="encoder A")  # it goes on serving
    finally:
        process.close()
    assert process.proc.returncode == 0
    assert Store(settings).count_passages() == 1
