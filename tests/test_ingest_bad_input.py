"""Bad input never crashes a run and never loses what was stored: each bad file is reported with its reason."""

from __future__ import annotations

import json
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing import Briefing, IngestReport, Settings

GOOD_BODY = (
    "The regional water board approved a plan to repair three aging reservoirs before the summer. "
    "Engineers said the work would take eighteen months and cost less than first feared.\n\n"
    "Farmers in the valley welcomed the decision, which had been delayed twice by disputes over funding."
)


@dataclass
class Stored:
    """A store that already holds one article, and what it held before the run under test."""

    b: Briefing
    kept_id: str
    kept_passages: set[str]

    def ingest(self, *paths: Path) -> IngestReport:
        return self.b.ingest(list(paths))

    def check(self, report: IngestReport, bad: Path | str, words: tuple[str, ...], good: int) -> str:
        """The bad path failed (alone) for a reason naming the problem; the good files and the kept article are in."""
        bad_key = Path(bad).resolve()
        matches = [reason for path, reason in report.failed if Path(path.split("#")[0]).resolve() == bad_key]
        assert len(matches) == 1, report.failed
        assert len(report.failed) == 1, report.failed
        reason = matches[0]
        for word in words:
            assert word.lower() in reason.lower(), reason
        assert len(report.added) == good, report.to_dict()
        articles = {a.article_id: a for a in self.b.sources()}
        assert len(articles) == good + 1
        assert {p.passage_id for p in self.b.store.passages_of(self.kept_id)} == self.kept_passages
        assert articles[self.kept_id].passages == len(self.kept_passages)
        assert self.b.store.count_passages() == sum(a.passages for a in articles.values())
        return reason


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def good(folder: Path, name: str = "good.txt") -> Path:
    return write(folder / name, f"Reservoir Repairs Approved ({name})\n\n{GOOD_BODY}\n")


def make_stored(b: Briefing, tmp_path: Path) -> Stored:
    kept = write(
        tmp_path / "before" / "kept.md",
        "# Museum Reopens\n\nThe city museum reopened its east wing after a two-year renovation. "
        "Visitors queued around the block for the first look at the restored murals.\n",
    )
    report = b.ingest([kept])
    assert len(report.added) == 1 and not report.failed
    (article,) = b.sources()
    passages = {p.passage_id for p in b.store.passages_of(article.article_id)}
    assert passages
    return Stored(b, article.article_id, passages)


@pytest.fixture
def stored(home: Path, tmp_path: Path, counting_embedder) -> Stored:
    return make_stored(Briefing(settings=Settings(home=home), embedder=counting_embedder), tmp_path)


# ---- unreadable files -----------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "   \n\n\t\n"], ids=["zero-bytes", "whitespace"])
def test_empty_file(stored, tmp_path, content):
    run = tmp_path / "run"
    bad = write(run / "empty.txt", content)
    good(run)
    stored.check(stored.ingest(run), bad, ("empty",), good=1)


def test_binary_file(stored, tmp_path):
    run = tmp_path / "run"
    bad = write(run / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50)
    good(run)
    stored.check(stored.ingest(run), bad, ("binary",), good=1)


def test_invalid_utf8(stored, tmp_path):
    run = tmp_path / "run"
    latin1 = "Caf\u00e9 owners protest new rules\n\nThe caf\u00e9 owners said they would close.\n".encode("latin-1")
    bad = write(run / "latin1.txt", latin1)
    good(run)
    reason = stored.check(stored.ingest(run), bad, ("utf-8",), good=1)
    assert "0xe9" in reason  # names the offending byte


def test_malformed_json(stored, tmp_path):
    run = tmp_path / "run"
    bad = write(run / "broken.json", '{"title": "Half an article", "text": "unterminated')
    good(run)
    stored.check(stored.ingest(run), bad, ("invalid json",), good=1)


def test_json_without_a_text_field(stored, tmp_path):
    run = tmp_path / "run"
    bad = write(run / "notext.json", json.dumps({"title": "Only a title", "url": "https://example.org/a"}))
    good(run)
    stored.check(stored.ingest(run), bad, ("no text field",), good=1)


def test_one_bad_item_in_a_json_list_fails_alone(stored, tmp_path):
    run = tmp_path / "run"
    items = [{"title": "Good Item", "text": GOOD_BODY}, {"title": "Bad Item", "summary": "no text here"}]
    bad = write(run / "list.json", json.dumps(items))
    report = stored.ingest(run)
    stored.check(report, bad, ("no text field",), good=1)
    assert report.failed[0][0].endswith("#1")
    assert [a.title for a in stored.b.sources() if a.article_id != stored.kept_id] == ["Good Item"]


def test_one_bad_line_in_jsonl_fails_alone(stored, tmp_path):
    run = tmp_path / "run"
    lines = [json.dumps({"title": "Line Good", "text": GOOD_BODY}), "{not json", ""]
    bad = write(run / "feed.jsonl", "\n".join(lines))
    report = stored.ingest(run)
    stored.check(report, bad, ("invalid json", "line 2"), good=1)


def test_html_without_article_text(stored, tmp_path):
    run = tmp_path / "run"
    bad = write(run / "blank.html", "<!doctype html><html><head><title>Nothing</title></head><body></body></html>")
    good(run)
    stored.check(stored.ingest(run), bad, ("no article text",), good=1)


def test_invalid_sidecar(stored, tmp_path):
    run = tmp_path / "run"
    good(run, "story.txt")
    sidecar = write(run / "story.meta.json", "{broken")
    good(run, "other.txt")
    stored.check(stored.ingest(run), sidecar, ("sidecar",), good=1)


# ---- size limits ----------------------------------------------------------------------------


def test_file_over_a_small_limit(home, tmp_path, counting_embedder):
    b = Briefing(settings=Settings(home=home, max_file_mb=0.002), embedder=counting_embedder)
    stored = make_stored(b, tmp_path)
    run = tmp_path / "run"
    bad = write(run / "long.txt", "Long Story\n\n" + ("A sentence that repeats. " * 400))
    good(run)
    assert bad.stat().st_size > 2000
    stored.check(stored.ingest(run), bad, ("too large", "limit"), good=1)


def test_a_50_mb_file_is_refused_without_being_read(stored, tmp_path):
    run = tmp_path / "run"
    bad = run / "huge.txt"
    run.mkdir()
    with open(bad, "wb") as f:
        f.write(b"Huge Story\n\n")
        f.truncate(50 * 1024 * 1024)  # sparse: cheap to create, 50 MB to read
    good(run)
    tracemalloc.start()
    try:
        report = stored.ingest(run)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    stored.check(report, bad, ("too large",), good=1)
    assert peak < 20 * 1024 * 1024, f"ingest allocated {peak / 1e6:.0f} MB: the big file was read"


# ---- files and folders that change or do not exist -----------------------------------------


def test_file_disappearing_mid_run(stored, tmp_path):
    run = tmp_path / "run"
    good(run, "a.txt")
    bad = good(run, "b.txt")
    good(run, "c.txt")
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, path: str) -> None:
        seen.append((done, total, path))
        if Path(path).name == "b.txt":
            bad.unlink()  # gone after discovery, before it is read

    report = stored.b.ingest([run], progress=progress)
    stored.check(report, bad, ("disappeared",), good=2)
    assert [(d, t) for d, t, _ in seen] == [(1, 3), (2, 3), (3, 3)]


def test_nonexistent_path(stored, tmp_path):
    run = tmp_path / "run"
    g = good(run)
    missing = tmp_path / "no-such-folder" / "nothing.txt"
    report = stored.ingest(missing, g)
    stored.check(report, missing, ("no such file",), good=1)


def test_unsupported_extension_named_explicitly(stored, tmp_path):
    run = tmp_path / "run"
    bad = write(run / "report.pdf", "%PDF-1.4 pretend this is a PDF about reservoirs\n")
    g = good(run)
    report = stored.ingest(bad, g)
    stored.check(report, bad, ("unsupported", ".pdf"), good=1)


def test_a_folder_of_thousands_of_files(home, tmp_path, fake_embedder):
    b = Briefing(settings=Settings(home=home), embedder=fake_embedder)
    stored = make_stored(b, tmp_path)
    run = tmp_path / "many"
    n = 2000
    for i in range(n):
        sub = run / f"batch{i // 500}"
        write(sub / f"n{i:04d}.txt", f"Brief {i}\n\nItem {i}: the council met and item {i} was approved.\n")
    bad = write(run / "batch1" / "zz-empty.txt", "")
    report = stored.ingest(run)
    stored.check(report, bad, ("empty",), good=n)
    assert fake_embedder.texts == n + 1  # the kept article, then one passage per new file
    assert fake_embedder.calls < 20  # embedded in large batches, not file by file

    again = stored.ingest(run)  # and re-ingesting them all is a no-op
    assert len(again.unchanged) == n and again.added == [] and len(again.failed) == 1
    assert fake_embedder.texts == n + 1
