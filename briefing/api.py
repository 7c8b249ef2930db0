"""The public API: ``Briefing`` ties the stages together. The CLI and the chat are thin shells over it."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from briefing.errors import InputError, NotFoundError
from briefing.settings import Settings
from briefing.types import Answer, Article, IngestReport, Passage


class Briefing:
    """A briefing assistant over one store.

    ``Briefing()`` reads settings from the environment; ``Briefing(home=...)`` overrides the store
    folder; ``settings=`` and ``embedder=`` let callers (and tests) pass their own.
    """

    def __init__(self, home: str | Path | None = None, *, settings: Settings | None = None, embedder=None) -> None:
        settings = settings or Settings()
        if home is not None:
            settings = settings.model_copy(update={"home": Path(home)})
        self.settings = settings
        self._embedder_given = embedder is not None
        if embedder is not None:
            self.embedder = embedder

    @cached_property
    def store(self):
        from briefing.index.store import Store

        return Store(self.settings)

    @cached_property
    def _encoder_settings(self) -> Settings:
        """The settings with BRIEFING_ENCODER=auto (the default) resolved to a precision: the store's own, int8 for
        a new store (``ingest.embed.resolve_encoder``)."""
        if self.settings.encoder != "auto" or self.settings.embed_model or self._embedder_given:
            return self.settings
        from briefing.ingest.embed import resolve_encoder

        return resolve_encoder(self.settings, self.store.encoder(), self.store.count_passages() > 0)

    @cached_property
    def embedder(self):
        """The ingest encoder BRIEFING_ENCODER selects: the bundled model's ONNX export, int8 or fp32."""
        from briefing.ingest.embed import make_embedder

        return make_embedder(self._encoder_settings)

    @cached_property
    def query_embedder(self):
        """Embeds questions and sentences at answer time, with the same vectors as the ingest encoder:
        an ONNX file when there is one (no torch import: `briefing ask` starts fast)."""
        if self._embedder_given:
            return self.embedder
        from briefing.ingest.embed import make_query_embedder

        return make_query_embedder(self._encoder_settings, lambda: self.embedder)

    def _presumed_encoder(self) -> str | None:
        """What made a store from before stores recorded their encoder: the only one there was, fp32."""
        if self._embedder_given:
            return None
        from briefing.ingest.embed import DEFAULT_NAME

        return self.settings.embed_model or DEFAULT_NAME

    def prepare_fast_queries(self) -> Path | None:
        """Make the ONNX export questions use (once, about fifteen seconds), so later questions skip torch."""
        if self._embedder_given or self.settings.embed_model:
            return None
        from briefing.ingest.embed import onnx_embedder

        return onnx_embedder(self._encoder_settings, self._encoder_settings.encoder).onnx_file

    def index_keywords(self) -> int:
        """Bring the keyword index up to date with the store now, as the first question after a write otherwise
        would (`briefing ingest` does, so that `briefing ask` finds it built); the passages it holds."""
        return self.retriever.keyword_index().size

    @cached_property
    def retriever(self):
        from briefing.index.retrieve import Retriever

        self.store.check_encoder(self.query_embedder.name, self._presumed_encoder())  # never two encoders' vectors
        return Retriever(self.store, self.query_embedder, self.settings.home_dir / "cache")

    def retrieve(
        self,
        question: str,
        k: int = 10,
        since: str | None = None,
        until: str | None = None,
        sources: list[str] | None = None,
    ) -> list[Passage]:
        """Passages for a question, best first, inside the date and outlet filters."""
        self._check_question(question, k)
        return self.retriever.retrieve(question, k=k, since=since, until=until, sources=sources)

    @cached_property
    def chain(self):
        from briefing.answering.chain import AnswerChain
        from briefing.answering.extractive import ExtractiveBackend
        from briefing.audit import AuditLog
        from briefing.ingest.outlets import KNOWN_OUTLETS

        backends = {"extractive": ExtractiveBackend(self.sentence_embedder)}
        if self.settings.openai_base_url or self.settings.openai_api_key:
            from briefing.answering.openai_backend import OpenAIBackend

            backends["openai"] = OpenAIBackend.from_settings(self.settings)
        from briefing.answering.local_model import LocalBackend  # cheap: the server starts on first use

        backends["local"] = LocalBackend.from_settings(self.settings, guide=backends["extractive"])
        return AnswerChain(self.retriever, backends, AuditLog(self.audit_path), set(KNOWN_OUTLETS.values()),
                           embedder=self.sentence_embedder)

    @cached_property
    def sentence_embedder(self):
        """The query embedder, remembering the sentences the answerer and the verifier embedded lately."""
        from briefing.answering.embed_memo import MemoEmbedder

        return MemoEmbedder(self.query_embedder)

    @property
    def audit_path(self) -> Path:
        return self.settings.home_dir / "audit.jsonl"

    def ask(
        self,
        question: str,
        since: str | None = None,
        until: str | None = None,
        sources: list[str] | None = None,
        k: int = 8,
        history: list | None = None,
        backend: str | None = None,
    ) -> Answer:
        """Answer from the ingested articles: every claim cited, dated and attributed, or an abstention."""
        self._check_question(question, k)
        return self.chain.ask(question, backend=backend or self.settings.default_backend, k=k, since=since,
                              until=until, sources=sources, history=history)

    def ask_stream(
        self,
        question: str,
        since: str | None = None,
        until: str | None = None,
        sources: list[str] | None = None,
        k: int = 8,
        history: list | None = None,
        backend: str | None = None,
    ) -> Iterator[str | Answer]:
        """Yields text as it is produced, then the final Answer (the same one ``ask`` returns)."""
        self._check_question(question, k)
        return self.chain.ask_stream(question, backend=backend or self.settings.default_backend, k=k, since=since,
                                     until=until, sources=sources, history=history)

    def _check_question(self, question: str, k: int) -> None:
        """Refuse what no answer can come from, before any work: one sentence naming the field."""
        if not isinstance(question, str) or not question.strip():
            raise InputError("the question is empty")
        if len(question) > self.settings.max_question_chars:
            raise InputError(f"the question is {len(question):,} characters long; the limit is "
                             f"{self.settings.max_question_chars:,} (BRIEFING_MAX_QUESTION_CHARS)")
        if isinstance(k, bool) or not isinstance(k, int) or k < 1:
            raise InputError(f"k must be a whole number of at least 1, not {k!r}")

    # ---- library --------------------------------------------------------------------------

    def ingest(self, paths: list[str | Path] | str | Path, progress=None) -> IngestReport:
        """Add or update the articles in files and folders; bad files are reported, never raised."""
        from briefing.ingest.pipeline import Ingestor

        if isinstance(paths, (str, Path)):
            paths = [paths]
        return Ingestor(self.settings, self.store, self.embedder, self._presumed_encoder()).run(
            list(paths), progress=progress)

    def reembed(self, progress=None) -> IngestReport:
        """Embed every stored article again with the configured encoder (BRIEFING_ENCODER), from the store."""
        from briefing.ingest.pipeline import Ingestor

        return Ingestor(self.settings, self.store, self.embedder, self._presumed_encoder()).reembed(progress)

    def sources(self) -> list[Article]:
        """The ingested articles, newest first (undated last)."""
        return self.store.articles()

    def article(self, article_id: str) -> Article:
        """One article with its full text."""
        found = self.store.article(article_id)
        if found is None:
            raise NotFoundError(f"no article with id {article_id!r} (see `briefing sources`)")
        return found

    def find_article_id(self, id_or_prefix: str) -> str:
        """The full id of the one article whose id is, or starts with, ``id_or_prefix`` (as `briefing delete` takes it).

        Raises NotFoundError when no id starts so, InputError when several do (the prefix is ambiguous).
        """
        key = id_or_prefix.strip().lower()
        if not key:
            raise InputError("no article id given (see `briefing sources`)")
        ids = [a.article_id for a in self.store.articles()]
        if key in ids:
            return key
        matches = sorted(i for i in ids if i.startswith(key))
        if not matches:
            raise NotFoundError(f"no article id starts with {key!r} (see `briefing sources`)")
        if len(matches) > 1:
            shown = ", ".join(matches[:4]) + (", …" if len(matches) > 4 else "")
            raise InputError(f"{key!r} is the start of {len(matches)} article ids ({shown}); type more of the id")
        return matches[0]

    def delete(self, article_id: str) -> Article:
        """Remove an article and all its passages; returns what was removed."""
        found = self.article(article_id)
        self.store.delete(article_id)
        return found
