"""The ingestion run: files -> articles -> passages -> embeddings -> store, idempotent and resumable."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path

from briefing.errors import ConfigError, IngestError
from briefing.index.store import Store
from briefing.ingest import writer
from briefing.ingest.files import LoadedArticle, discover, load_file
from briefing.ingest.onnx_embed import TokenizedText
from briefing.ingest.passages import Span, split_passages
from briefing.ingest.sentences import sentence_spans
from briefing.protocols import Embedder
from briefing.settings import Settings
from briefing.types import Article, IngestReport, Passage

# Articles are embedded and committed in groups of about this many passages: large enough to keep
# the encoder's batches full, small enough that a killed run loses little work.
FLUSH_PASSAGES = 512
# Groups handed on and not yet committed: the next group is read and split while the one before is
# encoded and the one before that is written, and memory stays at a few groups however long the run.
IN_FLIGHT = 2

# article, its passages, what the encoder reads of each (``embedding_texts``), its label, stored before
Pending = list[tuple[Article, list[Passage], list[str], str, bool]]

INDEX_FORMAT = 3  # bump when what is stored per passage changes, so re-ingest rewrites it
# 3: the file's path no longer enters the content hash (a store from before re-embeds once, same ids)
Progress = Callable[[int, int, str], None]


def content_hash(article: Article, settings: Settings, embedder_name: str) -> str:
    """Everything that shapes the stored passages: when it changes, the article is re-embedded.

    Where the file lies is not part of it: the same content under a new path is the article moved.
    """
    payload = article.to_dict(with_text=True)
    for derived in ("article_id", "passages", "content_hash", "source_path"):
        payload.pop(derived)
    payload["_index"] = [INDEX_FORMAT, settings.chunk_size, settings.chunk_overlap, embedder_name]
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def embedding_text(article: Article, passage: Passage) -> str:
    """What the encoder reads for a passage: its article's title gives a short passage its topic."""
    return f"{article.title}\n{passage.text}"


class Ingestor:
    """One ingestion run over paths; the store and embedder are passed in."""

    def __init__(
        self, settings: Settings, store: Store, embedder: Embedder, presumed_encoder: str | None = None
    ) -> None:
        """``presumed_encoder``: what made the vectors of a store from before stores recorded their encoder."""
        self.settings = settings
        self.store = store
        self.embedder = embedder
        self.presumed_encoder = presumed_encoder

    def to_article(self, loaded: LoadedArticle) -> Article:
        f = loaded.fields
        article = Article(
            article_id=loaded.article_id,
            title=f.title or Path(loaded.source_path).stem,
            text=f.text,
            outlet=f.outlet,
            site=f.site,
            published=f.published,
            author=f.author,
            url=f.url,
            source_path=loaded.source_path,
        )
        article.content_hash = content_hash(article, self.settings, self.embedder.name)
        return article

    def split(self, article: Article, sentences: bool = True) -> list[Passage]:
        """The article's passages; ``sentences=False`` leaves their sentence spans for ``with_sentences``."""
        return self._passages(article, self._spans(article), sentences)

    def _spans(self, article: Article) -> list[Span]:
        return split_passages(
            article.text, self.settings.chunk_size, self.settings.chunk_overlap, self.embedder.tokenizer,
            getattr(self.embedder, "token_words", None),
        )

    def _passages(self, article: Article, spans: list[Span], sentences: bool) -> list[Passage]:
        return [
            Passage(
                passage_id=f"{article.article_id}-{article.content_hash[:8]}-{i:04d}",
                article_id=article.article_id,
                text=span.text,
                start=span.start,
                end=span.end,
                title=article.title,
                outlet=article.outlet,
                site=article.site,
                published=article.published,
                url=article.url,
                source_path=article.source_path,
                sentences=sentence_spans(span.text) if sentences else [],
                content_hash=article.content_hash,
            )
            for i, span in enumerate(spans)
        ]

    def embedding_texts(self, article: Article, passages: list[Passage], spans: list[Span]) -> list[str]:
        """What the encoder reads of each passage (``embedding_text``), with its word-piece ids where the splitter
        knows them (``Span.ids``, only from an embedder with ``token_words``): the title's, then the span's, as a
        ``TokenizedText``, so the encoder does not tokenize each passage a second time (~2 CPU s of the RealTimeQA
        corpus). The title is tokenized once per article by the same tokenizer, which cuts words at the newline
        between the two: title + span ids are the ids of the joined text (tests/test_ingest_tokens.py)."""
        title_ids: list[int] | None = None
        texts: list[str] = []
        for passage, span in zip(passages, spans, strict=True):
            text = embedding_text(article, passage)
            if span.ids is not None:
                if title_ids is None:
                    title_ids = list(self.embedder.tokenizer(article.title))
                text = TokenizedText(text, title_ids + span.ids)
            texts.append(text)
        return texts

    @staticmethod
    def with_sentences(passages: list[Passage]) -> list[Passage]:
        for passage in passages:
            passage.sentences = sentence_spans(passage.text)
        return passages

    def run(self, paths: list[str | Path], progress: Progress | None = None) -> IngestReport:
        """Ingest files and folders; never raises for bad input, which is reported per path."""
        report = IngestReport()
        # before any work: a store of another encoder is an error, not a mix (``reembed`` converts it)
        self.store.check_encoder(self.embedder.name, self.presumed_encoder)
        self.store.repair()  # finish what a killed run left half-written
        known = self.store.article_hashes()
        # content hash -> stored article without a URL (an article known by its file): finds moved files
        by_content = {a.content_hash: a for a in self.store.articles() if not a.url}
        files = list(discover(paths))
        self._embed_and_store(self._to_embed(files, known, by_content, report, progress), report)
        return report

    def _to_embed(
        self, files: list, known: dict[str, str], by_content: dict[str, Article], report: IngestReport,
        progress: Progress | None,
    ) -> Iterator[tuple[Article, str, bool]]:
        """Read each file: the articles to embed (with their label and whether they were stored before)."""
        seen: dict[str, str] = {}
        for done, (path, missing) in enumerate(files, start=1):
            if progress:
                progress(done, len(files), str(path))
            if missing:
                report.failed.append((str(path), missing))
                continue
            try:
                loaded = load_file(path, int(self.settings.max_file_mb * 1_000_000))
            except IngestError as exc:
                report.failed.append((exc.path, exc.reason))
                continue
            except (ValueError, TypeError, LookupError, RecursionError, OSError) as exc:
                # a parser's own failure on input it was never meant to see: this file fails, the run goes on
                report.failed.append((str(path), f"could not be read as an article ({type(exc).__name__}: {exc})"))
                continue
            for item in loaded:
                if isinstance(item, IngestError):
                    report.failed.append((item.path, item.reason))
                    continue
                if item.article_id in seen:
                    report.failed.append((item.label, f"same article (same URL) as {seen[item.article_id]}; skipped"))
                    continue
                seen[item.article_id] = item.label
                article = self.to_article(item)
                if known.get(article.article_id) == article.content_hash:
                    report.unchanged.append(item.label)
                    continue
                if article.article_id not in known and not article.url and article.content_hash in by_content:
                    self._moved_or_copied(article, by_content[article.content_hash], item.label, report)
                    continue
                if not article.url:
                    by_content[article.content_hash] = article  # a copy later in this run is not a new article
                yield article, item.label, article.article_id in known

    def _embed_and_store(self, articles: Iterable[tuple[Article, str, bool]], report: IngestReport) -> None:
        """Split the articles and hand them on in groups of about ``FLUSH_PASSAGES`` passages.

        This thread reads and splits the next group while worker threads encode the one before and
        find the sentences of and write the one before that (onnxruntime releases the GIL; the sentence
        splitter's first use imports nltk, ~1.4 s, beside the first encoding). From a run's first group of
        ``writer.PROCESS_WRITER_FROM`` passages on, the writes' Chroma calls run in a child process
        (ingest/writer.py: Chroma's ``add`` holds the GIL). A worker's error is raised here, as it was when
        they ran in this thread, once the groups before it are committed; no group after it is written.
        """
        self._process: writer.WriterProcess | None = None
        try:
            with _Overlap(self.embedder.embed) as overlap:
                pending: Pending = []
                for article, label, existed in articles:
                    spans = self._spans(article)
                    passages = self._passages(article, spans, sentences=False)
                    pending.append((article, passages, self.embedding_texts(article, passages, spans), label, existed))
                    if sum(len(passages) for _, passages, _, _, _ in pending) >= FLUSH_PASSAGES:
                        self._flush(pending, report, overlap)
                        pending = []
                self._flush(pending, report, overlap)
        finally:
            if self._process is not None:
                self._process.close()

    def _moved_or_copied(self, article: Article, stored: Article, label: str, report: IngestReport) -> None:
        """The same content as a stored article known by its file: moved when that file is gone, else a copy.

        Either way nothing is embedded and no second article appears; a move updates the stored path.
        """
        old = Path(stored.source_path or "")
        if stored.source_path and old.is_absolute() and not old.exists():
            self.store.move(stored.article_id, article.source_path)
            stored.source_path = article.source_path
            report.unchanged.append(label)
        elif stored.source_path == article.source_path:
            report.unchanged.append(label)
        else:
            report.unchanged.append(f"{label} (same content as {stored.source_path}; kept once)")

    def _flush(self, pending: Pending, report: IngestReport, overlap: _Overlap) -> None:
        """Hand the queued articles on: embedded in one call, then stored article by article, in order."""
        if pending:
            texts = [text for _, _, inputs, _, _ in pending for text in inputs]
            if (self._process is None and len(texts) >= writer.PROCESS_WRITER_FROM
                    and type(self.store) is Store
                    and writer.process_writer_supported()):
                self._process = writer.WriterProcess(self.settings)  # starts while this group is encoded
            process = self._process
            overlap.submit(texts, lambda vectors: self._store(pending, vectors, report, process))

    def _store(self, pending: Pending, vectors, report: IngestReport, process: writer.WriterProcess | None = None
               ) -> None:
        """On the writer thread: each passage's sentence spans (stored with it, not encoded), then the write
        (its Chroma calls in the child ``process`` when there is one: ingest/writer.py)."""
        batch, offset = [], 0
        for article, passages, _, _, _ in pending:
            batch.append((article, self.with_sentences(passages), vectors[offset : offset + len(passages)]))
            offset += len(passages)
        if process is not None:
            process.apply(self.store.prepare(batch), encoder=self.embedder.name)
        else:
            self.store.write(batch, encoder=self.embedder.name)
        for _, _, _, label, existed in pending:
            (report.updated if existed else report.added).append(label)

    def reembed(self, progress: Progress | None = None) -> IngestReport:
        """Embed every stored article again with this run's encoder, from the text its record keeps.

        When the store's encoder differs, all its vectors are deleted first and the new encoder is
        recorded (never two encoders' vectors side by side); then each article whose hash is not this
        encoder's is split and embedded. A killed run resumes where it stopped when run again.
        """
        report = IngestReport()
        try:
            self.store.check_encoder(self.embedder.name, self.presumed_encoder)
        except ConfigError:
            self.store.reset_encoder(self.embedder.name)
        self._embed_and_store(self._to_reembed(self.store.articles(with_text=True), report, progress), report)
        return report

    def _to_reembed(
        self, articles: list[Article], report: IngestReport, progress: Progress | None
    ) -> Iterator[tuple[Article, str, bool]]:
        for done, stored in enumerate(articles, start=1):
            if progress:
                progress(done, len(articles), stored.article_id)
            label = stored.url or stored.source_path or stored.article_id
            article = replace(stored, passages=0, content_hash="")
            article.content_hash = content_hash(article, self.settings, self.embedder.name)
            if article.content_hash == stored.content_hash:
                report.unchanged.append(label)
                continue
            yield article, label, True


class _Overlap:
    """Two single-thread workers in a row: one encodes each group's texts, the other stores the result.

    Groups are encoded and stored in the order they are submitted. ``submit`` waits while ``IN_FLIGHT``
    groups are not yet stored (memory stays flat) and raises the first worker error there or on leaving
    the ``with`` block, which waits for the workers; after an error no later group is encoded or stored.
    """

    def __init__(self, embed: Callable[[list[str]], object]) -> None:
        self.embed = embed
        self.encoder = ThreadPoolExecutor(1, thread_name_prefix="briefing-encode")
        self.writer = ThreadPoolExecutor(1, thread_name_prefix="briefing-write")
        self.in_flight: deque[Future] = deque()
        self.groups = 0
        self.error: BaseException | None = None
        self.failed_group: int | None = None  # the first group that failed: no later one is worked on
        self.stopped = False  # the submitting thread failed: nothing more is started
        self.lock = threading.Lock()

    def submit(self, texts: list[str], store: Callable[[object], None]) -> None:
        while len(self.in_flight) >= IN_FLIGHT:
            self._wait(self.in_flight.popleft())
        self.groups += 1
        group = self.groups
        vectors = self.encoder.submit(self._guarded, group, self.embed, texts)
        self.in_flight.append(self.writer.submit(self._guarded, group, lambda: store(vectors.result())))

    def _guarded(self, group: int, work: Callable, *args):
        """Run ``work`` unless the run stopped or an earlier group failed; remember the first failure."""
        if self.stopped or (self.failed_group is not None and group > self.failed_group):
            raise _Skipped
        try:
            return work(*args)
        except _Skipped:
            raise
        except BaseException as exc:
            with self.lock:
                if self.failed_group is None or group < self.failed_group:
                    self.error, self.failed_group = exc, group
            raise

    def _wait(self, future: Future) -> None:
        try:
            future.result()
        except _Skipped:
            if self.error is not None:
                raise self.error from None

    def __enter__(self) -> _Overlap:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        self.stopped = exc_type is not None
        try:
            while self.in_flight:
                future = self.in_flight.popleft()
                if self.stopped:  # this thread's own error is the one raised: let the running work finish
                    wait([future])
                else:
                    self._wait(future)
        finally:
            self.encoder.shutdown(wait=True)
            self.writer.shutdown(wait=True)


class _Skipped(Exception):
    """A group left undone because an earlier one failed (never raised out of ``_Overlap``)."""
