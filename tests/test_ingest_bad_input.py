"""Bad input never crashes a run and never loses what was stored: each bad file is reported with its reason."""

from __future__ import annotations

import json
import os
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
    bad = write(run / "slides.pptx", "PK pretend these are slides about reservoirs\n")
    g = good(run)
    report = stored.ingest(bad, g)
    stored.check(report, bad, ("unsupported", ".pptx"), good=1)


def test_a_file_that_only_pretends_to_be_a_pdf(stored, tmp_path):
    run = tmp_path / "run"
    bad = write(run / "report.pdf", "%PDF-1.4 pretend this is a PDF about reservoirs\n")
    g = good(run)
    report = stored.ingest(bad, g)
    stored.check(report, bad, ("not a readable PDF",), good=1)


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


# ---- the table: many kinds of bad input in one run, through the Python API and the CLI --------

# (kind, file name, content, words the failure's reason must hold; None: must be ingested, bounded)
BAD_FILES: list[tuple[str, str, str | bytes, tuple[str, ...] | None]] = [
    ("zero bytes", "empty.txt", "", ("empty",)),
    ("whitespace only", "blank.md", " \n\t\n\n", ("empty",)),
    ("binary in .txt", "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, ("binary",)),
    ("latin-1 bytes", "latin1.txt", "Caf\u00e9 news\n\nThe caf\u00e9 closed.\n".encode("latin-1"), ("utf-8",)),
    ("UTF-16 BOM, odd bytes", "utf16.txt", b"\xff\xfeA\x00B", ("utf-16",)),
    ("malformed JSON", "broken.json", '{"title": "Half", "text": "unterminated', ("invalid json",)),
    ("JSON nested 10,000 deep", "deep.json", "[" * 10_000 + "]" * 10_000, ("nested too deeply",)),
    ("JSONL line nested 10,000 deep", "deep.jsonl", "{\"a\": " * 10_000 + "1" + "}" * 10_000, ("nested",)),
    ("JSON without text", "notext.json", json.dumps({"title": "Only a title"}), ("text",)),
    ("JSON scalar", "scalar.json", "42", ("json",)),
    ("JSON string", "string.json", '"just a string"', ("json",)),
    ("JSON null", "null.json", "null", ("json",)),
    ("JSON empty object", "emptyobj.json", "{}", ("text",)),
    ("JSON empty list", "emptylist.json", "[]", ("no articles",)),
    ("JSON text is a number", "numtext.json", json.dumps({"title": "N", "text": 12345}), ("text",)),
    ("JSON text is an object", "objtext.json", json.dumps({"title": "O", "text": {"a": 1}}), ("text",)),
    ("JSON text is blank", "blanktext.json", json.dumps({"title": "B", "text": "   "}), ("text",)),
    ("JSONL of bad lines", "bad.jsonl", "{not json\n[1, 2\n", ("invalid json",)),
    ("JSONL of blank lines", "blank.jsonl", "\n\n   \n", ("empty",)),
    ("HTML without body text", "blank.html", "<!doctype html><html><head><title>x</title></head><body></body></html>",
     ("no article text",)),
    ("HTML that is binary", "binary.html", b"\x00\x01\x02\x03" * 500, ("binary",)),
    ("broken symbolic link", "dangling.txt", "->nowhere", ("symbolic link",)),
    ("invalid sidecar", "sided.txt", "Sided Story\n\nA story whose sidecar is broken.\n", ("sidecar",)),
    ("sidecar not an object", "sided2.txt", "Sided Two\n\nAnother story with a list sidecar.\n", ("sidecar",)),
    ("over the size limit", "huge.txt", "Huge\n\n" + "A sentence that repeats. " * 50_000, ("too large",)),
    # ingested, but bounded: a passage never exceeds the configured size whatever the line length
    ("200 KB single line of words", "oneline.txt", "One Line\n\n" + "word " * 40_000, None),
    ("100 KB word without spaces", "noSpaces.txt", "No Spaces\n\n" + "x" * 100_000, None),
    ("title of 20,000 characters", "longtitle.json", json.dumps({"title": "T" * 20_000, "text": GOOD_BODY}), None),
    ("date that is not a date", "baddate.json", json.dumps({"title": "D", "text": GOOD_BODY, "date": "soonish"}),
     None),
    ("NUL bytes after the first 8 KB", "latenul.txt", "Late NUL\n\n" + "ok " * 3000 + "\x00\x00 end.", None),
    ("CRLF and a UTF-8 BOM", "crlf.txt", "\ufeffCRLF Story\r\n\r\nWindows line endings here.\r\n", None),
    ("file name with a newline", "new\nline.txt", "Odd Name\n\nA story with an odd file name.\n", None),
]
SIDECARS = {"sided.meta.json": "{broken", "sided2.meta.json": "[1, 2]"}
GOOD_COUNT = 3


def make_table_run(folder: Path) -> dict[str, Path]:
    """The table's files plus GOOD_COUNT good ones in one folder; the path of each bad kind."""
    paths = {}
    for kind, name, content, _ in BAD_FILES:
        path = folder / name
        if kind == "broken symbolic link":
            folder.mkdir(parents=True, exist_ok=True)
            path.symlink_to(folder / "no-such-target.txt")
        else:
            write(path, content)
        sidecar = path.with_name(path.stem + ".meta.json")
        paths[kind] = sidecar if sidecar.name in SIDECARS else path  # a bad sidecar is reported by its own name
    for name, content in SIDECARS.items():
        write(folder / name, content)
    for i in range(GOOD_COUNT):
        good(folder, f"good{i}.txt")
    return paths


def check_table(failed: list[tuple[str, str]], added: list[str], paths: dict[str, Path]) -> None:
    reasons: dict[Path, list[str]] = {}
    for path, reason in failed:
        reasons.setdefault(Path(os.path.abspath(path.split("#")[0])), []).append(reason)
    for kind, _, _, words in BAD_FILES:
        key = Path(os.path.abspath(paths[kind]))
        if words is None:
            assert key not in reasons, (kind, reasons.get(key))
            continue
        assert key in reasons, (kind, failed)
        assert any(all(w.lower() in r.lower() for w in words) for r in reasons[key]), (kind, reasons[key])
        assert all("\n" not in r and "Traceback" not in r and len(r) < 400 for r in reasons[key]), reasons[key]
    # a file whose sidecar is bad is not ingested (its metadata cannot be trusted)
    expected_added = GOOD_COUNT + sum(1 for *_, words in BAD_FILES if words is None)
    assert len(added) == expected_added, added


def test_the_bad_input_table_through_the_api(home, tmp_path, fake_embedder):
    b = Briefing(settings=Settings(home=home, max_file_mb=1.0), embedder=fake_embedder)
    stored = make_stored(b, tmp_path)
    paths = make_table_run(tmp_path / "run")
    report = b.ingest([tmp_path / "run", *[p for p in paths.values() if p.name.startswith("dangling")]])
    # the symlink is listed twice (folder walk and by name): both fail alone
    check_table(report.failed, report.added, paths)
    articles = {a.article_id: a for a in b.sources()}
    assert {p.passage_id for p in b.store.passages_of(stored.kept_id)} == stored.kept_passages  # 0 data lost
    longest = max(len(p.text.split()) for p in b.store.all_passages())
    assert longest <= b.settings.chunk_size  # whitespace tokens: the fake embedder's tokenizer
    assert len(articles) == len(report.added) + 1


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda b: b.ask("what happened?", k=0), "k must be"),
        (lambda b: b.ask("what happened?", k=-1), "k must be"),
        (lambda b: b.ask("what happened?", k="8"), "k must be"),
        (lambda b: b.ask("x" * 50_000), "50,000 characters"),
        (lambda b: b.ask("   "), "empty"),
        (lambda b: b.retrieve("what happened?", k=0), "k must be"),
        (lambda b: list(b.ask_stream("y" * 5_000)), "5,000 characters"),
    ],
    ids=["k0", "k-1", "k-str", "question-50k", "question-blank", "retrieve-k0", "stream-5k"],
)
def test_api_arguments_are_refused_up_front(home, fake_embedder, call, words):
    from briefing.errors import InputError

    b = Briefing(settings=Settings(home=home), embedder=fake_embedder)
    with pytest.raises(InputError, match=words) as info:
        call(b)
    assert len(str(info.value)) < 200  # the question is never echoed back
    assert "store" not in b.__dict__  # refused before the store was even opened
