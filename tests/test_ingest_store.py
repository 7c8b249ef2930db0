"""Store behaviour of ingestion, embedded and against a Chroma server: idempotence, replacement, delete, kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from briefing import Briefing, NotFoundError, Settings
from briefing.index.store import Store

SEED_COUNT = 4


def passage_ids(b: Briefing) -> set[str]:
    return {p.passage_id for p in b.store.all_passages()}


def assert_consistent(store: Store) -> None:
    """Every passage belongs to a committed article at its current version, and the counts agree."""
    articles = {a.article_id: a for a in store.articles()}
    got = store.passages.get(include=["metadatas"])
    ids = got["ids"]
    assert len(ids) == len(set(ids))
    assert len(ids) == store.count_passages() == sum(a.passages for a in articles.values())
    spans: set[tuple[str, int, int]] = set()
    for pid, meta in zip(ids, got["metadatas"], strict=True):
        article = articles.get(meta["article_id"])
        assert article is not None, f"passage {pid} has no article record"
        assert meta["content_hash"] == article.content_hash, f"passage {pid} is from an older version"
        span = (meta["article_id"], meta["start"], meta["end"])
        assert span not in spans, f"duplicate passage {span}"
        spans.add(span)


def test_reingesting_unchanged_seeds_changes_nothing(briefing, seeds, counting_embedder):
    first = briefing.ingest([seeds])
    assert first.failed == [] and len(first.added) == SEED_COUNT
    assert counting_embedder.calls >= 1
    before_ids = passage_ids(briefing)
    before_count = briefing.store.count_passages()
    before_hashes = briefing.store.article_hashes()
    calls, texts = counting_embedder.calls, counting_embedder.texts

    second = briefing.ingest([seeds])
    assert len(second.unchanged) == SEED_COUNT
    assert second.added == [] and second.updated == [] and second.failed == []
    assert (counting_embedder.calls, counting_embedder.texts) == (calls, texts)  # nothing re-embedded
    assert briefing.store.count_passages() == before_count
    assert passage_ids(briefing) == before_ids
    assert briefing.store.article_hashes() == before_hashes
    assert_consistent(briefing.store)


def test_a_changed_article_replaces_its_old_passages(briefing, seeds, counting_embedder):
    briefing.ingest([seeds])
    target = seeds / "002_4fdec09c74d0d657.txt"
    article = next(a for a in briefing.sources() if a.source_path.endswith(target.name))
    old_ids = {p.passage_id for p in briefing.store.passages_of(article.article_id)}
    assert old_ids
    others_before = passage_ids(briefing) - old_ids

    added = "The zebra parliament of Oslo voted unanimously to paint every tram in stripes."
    original = target.read_text(encoding="utf-8")
    target.write_text(original.replace("\n\n", f"\n\n{added}\n\n", 1), encoding="utf-8")
    texts_before = counting_embedder.texts

    report = briefing.ingest([seeds])
    assert len(report.updated) == 1 and report.updated[0].endswith(target.name)
    assert len(report.unchanged) == SEED_COUNT - 1
    assert report.added == [] and report.failed == []

    new = briefing.store.passages_of(article.article_id)
    new_ids = {p.passage_id for p in new}
    assert not (old_ids & passage_ids(briefing)), "old passages of the changed article remain"
    assert passage_ids(briefing) == others_before | new_ids  # the other articles are untouched
    assert counting_embedder.texts - texts_before == len(new)  # only the changed article was embedded
    assert any(added in p.text for p in new)
    stored = briefing.article(article.article_id)
    assert added in stored.text
    assert stored.passages == len(new)
    assert len(briefing.sources()) == SEED_COUNT

    # the new sentence is what the vector index now finds for it
    hits = briefing.store.query(counting_embedder.embed([added])[0], k=1)
    assert hits and hits[0].article_id == article.article_id and added in hits[0].text
    assert_consistent(briefing.store)


def test_delete_removes_the_article_and_its_passages(briefing, seeds):
    briefing.ingest([seeds])
    victim = next(a for a in briefing.sources() if a.outlet == "The Hill")
    keep = {a.article_id for a in briefing.sources()} - {victim.article_id}
    assert briefing.store.passages_of(victim.article_id)

    removed = briefing.delete(victim.article_id)
    assert removed.article_id == victim.article_id and removed.title == victim.title
    assert {a.article_id for a in briefing.sources()} == keep
    assert briefing.store.passages_of(victim.article_id) == []
    assert briefing.store.article(victim.article_id) is None
    assert all(p.article_id != victim.article_id for p in briefing.store.all_passages())
    assert_consistent(briefing.store)
    with pytest.raises(NotFoundError):
        briefing.article(victim.article_id)
    with pytest.raises(NotFoundError):
        briefing.delete(victim.article_id)
    with pytest.raises(NotFoundError, match="no-such-id"):
        briefing.delete("no-such-id")

    again = briefing.ingest([seeds])  # a deleted article comes back when its file is ingested again
    assert len(again.added) == 1 and len(again.unchanged) == SEED_COUNT - 1
    assert_consistent(briefing.store)


# ---- kill -9 in the middle of a run ---------------------------------------------------------

DRIVER = textwrap.dedent(
    '''
    """Ingest a folder in small flushes, reporting progress and commits on stdout (a test driver)."""
    import hashlib, json, os, signal, sys, threading, time

    import numpy as np

    import briefing.ingest.pipeline as pipeline
    from briefing import Briefing, Settings
    from briefing.index.store import Store

    pipeline.FLUSH_PASSAGES = 8  # commit every few articles, so a kill lands between commits
    said = threading.Lock()


    def print(*parts, **_):  # whole lines: commits are printed by the writer thread, progress by the main one
        with said:
            sys.stdout.write(" ".join(map(str, parts)) + "\\n")
            sys.stdout.flush()


    class Embedder:  # fast and deterministic: the store, not the model, is under test here
        name = "fake-384"

        @staticmethod
        def tokenizer(text):
            return text.split()

        def count_tokens(self, text):
            return len(text.split())

        def embed(self, texts):
            rows = []
            for t in texts:
                seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:8], "little")
                v = np.random.default_rng(seed).standard_normal(384)
                rows.append(v / np.linalg.norm(v))
            return np.asarray(rows, dtype=np.float32)


    def inspect(store, label):
        """orphans: passages of no committed article version; hollow: records missing some of their passages."""
        hashes = store.article_hashes()
        metas = store.passages.get(include=["metadatas"])["metadatas"]
        current = [m["article_id"] for m in metas if hashes.get(m["article_id"]) == m["content_hash"]]
        hollow = sum(1 for a in store.articles() if current.count(a.article_id) != a.passages)
        found = {"records": len(hashes), "passages": len(metas), "orphans": len(metas) - len(current)}
        print(label, json.dumps({**found, "hollow": hollow}), flush=True)


    folder = sys.argv[1]
    settings = Settings()
    b = Briefing(settings=settings, embedder=Embedder())
    inspect(b.store, "before")

    delay = float(os.environ.get("DRIVER_DELAY", "0"))
    die_at_write = int(os.environ.get("DRIVER_DIE_AT_WRITE", "0"))
    writes = 0
    original_write = Store.write


    def write(self, batch, **options):
        global writes
        writes += 1
        if writes == die_at_write:
            # die once the new passages are added, before the records are upserted: the worst moment
            from chromadb.api.models.Collection import Collection

            add = Collection.add

            def add_then_die(collection, *args, **kwargs):
                add(collection, *args, **kwargs)
                print("dying", flush=True)
                os.kill(os.getpid(), signal.SIGKILL)

            Collection.add = add_then_die
        original_write(self, batch, **options)
        print("committed", len(batch), flush=True)


    Store.write = write


    def progress(done, total, path):
        print("progress", done, total, flush=True)
        time.sleep(delay)


    report = b.ingest([folder], progress=progress)
    print("report", json.dumps(report.to_dict()), flush=True)
    inspect(b.store, "after")
    '''
)

WORDS = (
    "harbor council budget transit storm vaccine senate court tariff satellite reactor drought "
    "election strike museum rocket wildfire merger subway glacier orchestra pipeline vineyard"
).split()


def make_corpus(folder: Path, n: int, tag: str = "Story") -> None:
    """n distinct articles of five ~60-word paragraphs (a few passages each at 192 word-tokens)."""
    folder.mkdir(parents=True)
    for i in range(n):
        paragraphs = []
        for j in range(5):
            words = [WORDS[(i * 7 + j * 3 + k) % len(WORDS)] for k in range(58)]
            paragraphs.append(f"{tag} {i} paragraph {j}: " + " ".join(words) + ".")
        (folder / f"a{i:03d}.txt").write_text(f"{tag} number {i}\n\n" + "\n\n".join(paragraphs) + "\n")


def driver_env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "OPENAI_"))}
    env.update(BRIEFING_HOME=str(settings.home), BRIEFING_COLLECTION=settings.collection, **extra)
    if settings.chroma_url:
        env["BRIEFING_CHROMA_URL"] = settings.chroma_url
    return env


def run_driver(script: Path, folder: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(script), str(folder)], env=env, capture_output=True, text=True, timeout=300
    )


def final_report(stdout: str) -> dict:
    lines = [ln for ln in stdout.splitlines() if ln.startswith("report ")]
    assert len(lines) == 1, stdout[-2000:]
    return json.loads(lines[0].removeprefix("report "))


def state(stdout: str, when: str = "after") -> dict:
    """The store as the driver saw it "before" or "after" its run: records, passages, orphan passages."""
    lines = [ln for ln in stdout.splitlines() if ln.startswith(f"{when} ")]
    assert len(lines) == 1, stdout[-2000:]
    return json.loads(lines[0].removeprefix(f"{when} "))


def committed(stdout: str) -> int:
    return sum(int(ln.split()[1]) for ln in stdout.splitlines() if ln.startswith("committed "))


N_ARTICLES = 30


@pytest.fixture
def driver(tmp_path: Path) -> Path:
    script = tmp_path / "driver.py"
    script.write_text(DRIVER)
    return script


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    make_corpus(folder, N_ARTICLES)
    return folder


def finish_and_check(
    driver: Path, corpus: Path, settings: Settings, committed_before: int, extra: int = 0, verb: str = "added"
) -> None:
    """Run the corpus to completion; then every article is in once, with exactly its own passages."""
    done = run_driver(driver, corpus, driver_env(settings))
    assert done.returncode == 0, done.stderr[-3000:]
    report = final_report(done.stdout)
    assert report["failed"] == []
    assert len(report["unchanged"]) >= committed_before  # work committed before the kill is kept
    assert len(report[verb]) + len(report["unchanged"]) == N_ARTICLES
    assert state(done.stdout)["orphans"] == state(done.stdout)["hollow"] == 0
    assert state(done.stdout)["records"] == N_ARTICLES + extra

    store = Store(settings)
    articles = [a for a in store.articles(with_text=True) if a.title.startswith("Story ")]
    assert len(articles) == N_ARTICLES
    assert len(store.articles()) == N_ARTICLES + extra
    assert sorted(a.title for a in articles) == sorted(f"Story number {i}" for i in range(N_ARTICLES))
    assert all(a.passages >= 2 for a in articles)
    if verb == "updated":
        assert all(REVISION in a.text for a in articles)
    assert_consistent(store)


def test_kill_9_mid_run_then_rerun(driver, corpus, store_settings):
    # a pause per file, so the kill lands mid-run even on a busy machine
    env = driver_env(store_settings, DRIVER_DELAY="0.2")
    proc = subprocess.Popen(
        [sys.executable, str(driver), str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen: list[str] = []
    try:
        for line in proc.stdout:
            seen.append(line)
            parts = line.split()
            if parts[:1] == ["progress"] and int(parts[1]) >= N_ARTICLES // 2:
                proc.send_signal(signal.SIGKILL)
                break
        seen.extend(proc.stdout.read().splitlines(keepends=True))
    finally:
        proc.kill()
        proc.wait(timeout=30)
    out = "".join(seen)
    assert proc.returncode == -signal.SIGKILL, out[-2000:]
    assert "\nreport " not in f"\n{out}", "the run finished before it was killed"
    before = committed(out)
    assert 0 < before < N_ARTICLES, out[-2000:]

    finish_and_check(driver, corpus, store_settings, before)


REVISION = "Revised after publication: the figures in the third paragraph were corrected."


def test_killed_mid_update_between_passages_and_record(driver, corpus, store_settings, tmp_path):
    first = run_driver(driver, corpus, driver_env(store_settings))
    assert first.returncode == 0, first.stderr[-3000:]
    assert len(final_report(first.stdout)["added"]) == N_ARTICLES
    for path in corpus.iterdir():
        path.write_text(path.read_text() + f"\n{REVISION}\n")

    # Dies after writing the third batch's new passages, before committing their records.
    dying = run_driver(driver, corpus, driver_env(store_settings, DRIVER_DIE_AT_WRITE="3"))
    assert dying.returncode == -signal.SIGKILL, dying.stderr[-3000:]
    assert "dying" in dying.stdout
    before = committed(dying.stdout)
    assert 0 < before < N_ARTICLES

    # The next run repairs the store even when it does not touch the half-written articles' files,
    # and the articles whose update was cut short keep their previous version whole.
    other = tmp_path / "other"
    make_corpus(other, 2, tag="Other")
    unrelated = run_driver(driver, other, driver_env(store_settings))
    assert unrelated.returncode == 0, unrelated.stderr[-3000:]
    after_kill = state(unrelated.stdout, "before")
    assert after_kill["records"] == N_ARTICLES
    assert after_kill["orphans"] > 0  # the new passages are there, without a committed record
    assert len(final_report(unrelated.stdout)["added"]) == 2
    repaired = state(unrelated.stdout)
    assert repaired["orphans"] == 0 and repaired["hollow"] == 0, repaired
    assert repaired["records"] == N_ARTICLES + 2

    finish_and_check(driver, corpus, store_settings, before, extra=2, verb="updated")


# ---- what readers see after a kill -9 -------------------------------------------------------


def assert_only_committed(b: Briefing, query: str) -> int:
    """Every passage retrieval returns (dense, keyword, hybrid) belongs to its article's committed version."""
    hashes = b.store.article_hashes()
    seen = 0
    for mode in ("dense", "keyword", "hybrid"):
        got = b.retriever.retrieve(query, k=60, mode=mode)
        metas = b.store.passages.get(ids=[p.passage_id for p in got], include=["metadatas"])["metadatas"]
        assert all(hashes.get(m["article_id"]) == m["content_hash"] for m in metas), mode
        seen += len(got)
    return seen


def test_passages_written_before_a_kill_are_never_retrieved(driver, corpus, store_settings, fake_embedder):
    dying = run_driver(driver, corpus, driver_env(store_settings, DRIVER_DIE_AT_WRITE="2"))
    assert dying.returncode == -signal.SIGKILL and "dying" in dying.stdout, dying.stdout[-2000:]
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    hashes = b.store.article_hashes()
    raw = b.store.query(fake_embedder.embed(["Story paragraph harbor council"])[0], k=500)
    uncommitted = {p.article_id for p in raw if p.article_id not in hashes}
    assert uncommitted, "the kill left no uncommitted passages: the test would prove nothing"
    assert assert_only_committed(b, "Story paragraph harbor council budget transit") > 0
    # a passage stores no text: it is read from its article's record, which these never got (so never shown)
    assert {p.text for p in raw if p.article_id in uncommitted} == {""}
    for article_id in uncommitted:  # asked about their own words (from their files), too
        text = Path(next(p.source_path for p in raw if p.article_id == article_id)).read_text()
        assert assert_only_committed(b, text[:200]) > 0


DELETE_DRIVER = textwrap.dedent(
    '''
    """Delete one article and die right after its passages are removed, before its record is."""
    import os, signal, sys

    from chromadb.api.models.Collection import Collection

    from briefing import Briefing

    delete = Collection.delete

    def delete_then_die(collection, *args, **kwargs):
        delete(collection, *args, **kwargs)
        print("dying", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    b = Briefing()
    Collection.delete = delete_then_die
    b.delete(sys.argv[1])
    '''
)


def test_a_delete_killed_half_way_leaves_no_orphan_passage(driver, corpus, store_settings, fake_embedder, tmp_path):
    done = run_driver(driver, corpus, driver_env(store_settings))
    assert done.returncode == 0, done.stderr[-3000:]
    b = Briefing(settings=store_settings, embedder=fake_embedder)
    victim = b.sources()[0]
    assert b.store.passages_of(victim.article_id)
    script = tmp_path / "delete_driver.py"
    script.write_text(DELETE_DRIVER)
    dying = run_driver(script, Path(victim.article_id), driver_env(store_settings))
    assert dying.returncode == -signal.SIGKILL and "dying" in dying.stdout, dying.stderr[-3000:]

    assert b.store.passages_of(victim.article_id) == []  # passages went first
    for mode in ("dense", "keyword", "hybrid"):
        got = b.retriever.retrieve(victim.title, k=60, mode=mode)
        assert got and all(p.article_id != victim.article_id for p in got), mode
    assert_only_committed(b, victim.title)
    b.delete(victim.article_id)  # deleting again finishes the job
    assert b.store.article(victim.article_id) is None
    assert_consistent(b.store)


# ---- identity: the working directory and moves ------------------------------------------------


def test_another_working_directory_or_a_moved_folder_changes_nothing(briefing, tmp_path, counting_embedder,
                                                                     monkeypatch):
    from conftest import copy_seeds

    first_home = tmp_path / "desk"
    copy_seeds(first_home / "seeds")
    monkeypatch.chdir(first_home)
    assert len(briefing.ingest(["seeds"]).added) == SEED_COUNT
    before_ids, before_count = passage_ids(briefing), briefing.store.count_passages()
    embedded = counting_embedder.texts

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    again = briefing.ingest([first_home / "seeds"])
    assert len(again.unchanged) == SEED_COUNT and again.added == again.updated == []

    moved = tmp_path / "archive" / "2026"
    moved.parent.mkdir()
    (first_home / "seeds").rename(moved)
    after_move = briefing.ingest(["../archive/2026"])
    assert len(after_move.unchanged) == SEED_COUNT and after_move.added == after_move.updated == []
    assert counting_embedder.texts == embedded  # 0 re-embedded
    assert len(briefing.sources()) == SEED_COUNT  # 0 duplicates
    assert passage_ids(briefing) == before_ids and briefing.store.count_passages() == before_count
    by_file = [a for a in briefing.sources() if not a.url]
    assert by_file, "every seed has a URL: the move of a file-identified article went untested"
    assert all(Path(a.source_path).parent == moved.resolve() for a in by_file)
    for a in by_file:  # the passages carry the new path too
        assert {p.source_path for p in briefing.store.passages_of(a.article_id)} == {a.source_path}

    copy = tmp_path / "copy"
    copy_seeds(copy)  # the same content at a second place while the first still exists: kept once
    assert briefing.ingest([copy]).added == []
    assert len(briefing.sources()) == SEED_COUNT and counting_embedder.texts == embedded
    assert_consistent(briefing.store)
