"""Ingest overlaps encoding and Chroma writes with reading and splitting: order, bounds and errors."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from conftest import FakeEmbedder

import briefing.ingest.pipeline as pipeline
from briefing import Briefing, Settings
from briefing.errors import StoreError
from briefing.index.store import Store

WORDS = "harbor council budget transit storm vaccine senate court tariff satellite reactor drought".split()


def make_corpus(folder: Path, n: int) -> list[Path]:
    """n distinct articles of three ~40-word paragraphs (a couple of passages each at 32 word-tokens)."""
    folder.mkdir(parents=True)
    paths = []
    for i in range(n):
        paragraphs = [f"Story {i} part {j}: " + " ".join(WORDS[(i + j + k) % len(WORDS)] for k in range(40)) + "."
                      for j in range(3)]
        path = folder / f"a{i:03d}.txt"
        path.write_text(f"Story number {i}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def small_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "FLUSH_PASSAGES", 6)  # a group every two or three articles


@pytest.fixture
def settings(home: Path) -> Settings:
    return Settings(home=home, chroma_url=None, chunk_size=32, chunk_overlap=8)


class Recorder:
    """Wraps ``Store.write`` and the embedder: what happened, in which order, on which thread."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, embedder: FakeEmbedder, fail_write_at: int = 0,
                 fail_embed_at: int = 0, write_pause: float = 0.0) -> None:
        self.events: list[tuple[str, int]] = []
        self.threads: set[str] = set()
        self.written: list[list[str]] = []
        self.embeds = self.writes = 0
        self.lock = threading.Lock()
        self.next_embed_started = threading.Event()
        self.overlapped = False
        inner_write, inner_embed = Store.write, embedder.embed

        def write(store, batch, **options):
            with self.lock:
                self.writes += 1
                n = self.writes
                self.events.append(("write", n))
                self.threads.add(threading.current_thread().name)
            if n == fail_write_at:
                raise StoreError("the disk is full (a test's failure)")
            if n == 1 and write_pause:  # the first write waits (bounded) for the next group's encoding
                self.overlapped = self.next_embed_started.wait(write_pause)
            inner_write(store, batch, **options)
            with self.lock:
                self.written.append([article.title for article, _, _ in batch])

        def embed(texts):
            with self.lock:
                self.embeds += 1
                n = self.embeds
                self.events.append(("embed", n))
                self.threads.add(threading.current_thread().name)
                # never more than IN_FLIGHT groups handed on and not yet written
                assert n - len(self.written) <= pipeline.IN_FLIGHT
            if n == 2:
                self.next_embed_started.set()
            if n == fail_embed_at:
                raise RuntimeError("the encoder ran out of memory (a test's failure)")
            return inner_embed(texts)

        monkeypatch.setattr(Store, "write", write)
        embedder.embed = embed


def titles(b: Briefing) -> list[str]:
    return sorted(a.title for a in b.sources())


def test_groups_are_encoded_while_the_previous_one_is_written(tmp_path, settings, small_groups, monkeypatch):
    paths = make_corpus(tmp_path / "corpus", 12)
    embedder = FakeEmbedder()
    seen = Recorder(monkeypatch, embedder, write_pause=30.0)
    b = Briefing(settings=settings, embedder=embedder)
    report = b.ingest([tmp_path / "corpus"])

    assert seen.overlapped, "the second group was not encoded while the first was being written"
    assert threading.current_thread().name not in seen.threads  # both ran on worker threads
    assert report.failed == [] and report.added == [str(p) for p in paths]  # in file order, as before
    assert titles(b) == sorted(f"Story number {i}" for i in range(12))
    # groups are written in the order they were read
    flat = [t for group in seen.written for t in group]
    assert flat == [f"Story number {i}" for i in range(12)]
    assert seen.writes > 3


def test_a_failed_write_is_raised_and_no_later_group_is_written(tmp_path, settings, small_groups, monkeypatch):
    make_corpus(tmp_path / "corpus", 12)
    embedder = FakeEmbedder()
    seen = Recorder(monkeypatch, embedder, fail_write_at=2)
    b = Briefing(settings=settings, embedder=embedder)
    with pytest.raises(StoreError, match="the disk is full"):
        b.ingest([tmp_path / "corpus"])

    assert len(seen.written) == 1 and seen.writes == 2  # the group before it committed, none after it tried
    assert titles(b) == sorted(seen.written[0])
    # the next run finishes the job from where it stopped
    monkeypatch.undo()
    again = Briefing(settings=settings, embedder=FakeEmbedder()).ingest([tmp_path / "corpus"])
    assert again.failed == [] and len(again.unchanged) == len(seen.written[0])
    assert len(again.added) == 12 - len(seen.written[0])


def test_a_failed_encoding_is_raised_and_no_later_group_is_written(tmp_path, settings, small_groups, monkeypatch):
    make_corpus(tmp_path / "corpus", 12)
    embedder = FakeEmbedder()
    seen = Recorder(monkeypatch, embedder, fail_embed_at=3)
    b = Briefing(settings=settings, embedder=embedder)
    with pytest.raises(RuntimeError, match="ran out of memory"):
        b.ingest([tmp_path / "corpus"])

    assert seen.writes == 2 and seen.embeds == 3  # the two groups before it committed; nothing after it ran
    assert titles(b) == sorted(t for group in seen.written for t in group)


def test_bad_files_are_still_reported_one_line_each_and_the_rest_is_stored(tmp_path, settings, small_groups):
    paths = make_corpus(tmp_path / "corpus", 8)
    (tmp_path / "corpus" / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "corpus" / "binary.pdf").write_bytes(b"\x00\x01 not a pdf")
    b = Briefing(settings=settings, embedder=FakeEmbedder())
    report = b.ingest([tmp_path / "corpus"])
    assert sorted(Path(p).name for p, _ in report.failed) == ["binary.pdf", "empty.txt"]
    assert all(reason and "\n" not in reason for _, reason in report.failed)
    assert report.added == [str(p) for p in paths]
    assert len(b.sources()) == 8


def test_reembed_goes_through_the_same_overlap(tmp_path, settings, small_groups, monkeypatch):
    make_corpus(tmp_path / "corpus", 10)
    Briefing(settings=settings, embedder=FakeEmbedder()).ingest([tmp_path / "corpus"])

    class Other(FakeEmbedder):
        name = "fake-384 other"

    embedder = Other()
    seen = Recorder(monkeypatch, embedder)
    b = Briefing(settings=settings, embedder=embedder)
    report = b.reembed()
    assert report.failed == [] and len(report.updated) == 10
    assert threading.current_thread().name not in seen.threads
    assert b.store.encoder() == "fake-384 other"
    assert b.store.count_passages() == sum(a.passages for a in b.sources()) > 10


def test_sentence_spans_found_on_the_writer_thread_are_stored(tmp_path, settings, small_groups):
    from briefing.ingest.sentences import sentence_spans

    make_corpus(tmp_path / "corpus", 5)
    b = Briefing(settings=settings, embedder=FakeEmbedder())
    b.ingest([tmp_path / "corpus"])
    stored = b.store.all_passages()
    assert len(stored) > 5
    assert all(p.sentences and p.sentences == sentence_spans(p.text) for p in stored)
