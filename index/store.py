"""The Chroma store: passages (vectors + filterable metadata) and one record per article.

Passages go through llama-index's ChromaVectorStore; the article records live in a second
collection and are written last, so a record is the commit marker of its article: a passage is
read only while its article's record carries the passage's content hash (``committed``), so a
run killed half-way never shows its passages, and ``repair`` later removes them. Writes take
turns across processes and readers follow other processes' commits (index/sharing.py).

What is stored where:

- passages collection: one row per passage: its vector, its article's filterable metadata (dates, outlet,
  site, content hash), its span ``start``/``end`` in the article text and its sentence spans, and
  llama-index's node JSON (``_node_content``, without the text). Its Chroma document is empty: the text
  is the article's ``text[start:end]``, read back from the record (index/texts.py), because embedded
  Chroma indexes every document in an SQLite FTS5 trigram index nothing here queries (RealTimeQA's 9,646
  passages: 7.5-7.9 CPU s and 109 MB with their texts, 5.0-5.3 CPU s and 59 MB without; bench/store_write.py).
  Rows written before that hold their text, which is read as it is: such a store needs no migration. A
  passage that is not its article's slice (only a hand-made one) is stored with its text, too.
- records collection: one row per article: its whole text as the document, its metadata and content hash.
- state collection: the store's generation and the articles recent writes touched.
"""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import TypeVar
from urllib.parse import urlsplit

import numpy as np

from briefing.errors import ConfigError, StoreError
from briefing.index.texts import ArticleTexts, passage_text
from briefing.settings import Settings
from briefing.types import Article, Passage

_ARTICLE_FIELDS = ("title", "outlet", "site", "published", "author", "url", "source_path")
FINGERPRINT_TTL_S = 2.0  # how long another process's write may go unseen by the derived caches
PAGE = 2000  # rows per read when reading a whole collection
HISTORY = 64  # generations whose touched articles the state record keeps (see ``changes_since``)
STATE_ID = "state"
ENCODER_KEY = "encoder"  # metadata of the records collection: the encoder that made every stored vector
T = TypeVar("T")


# Chroma saves a collection's HNSW graph every ``sync_threshold`` records (default 1000); the ones after the last save
# are added to the graph again by every process that opens the store, and that graph differs slightly between
# processes (its random levels), so a dense search's tail did: 1 of 65 RealTimeQA answers differed between three
# processes. Saved every 100 records (Chroma's batch, the least it allows), what is left over is searched exactly, so a
# search is the same in every process, and a process opening the store re-adds nothing: measured on 50,000 random
# vectors, writes cost the same (16.7 vs 17.0 s) and the first query (20 vectors at once) after opening took 61
# instead of 360 ms.
HNSW_SYNC_THRESHOLD = 100
# How many candidates an HNSW search keeps while it walks the graph. Chroma's default (100) is less than the 120
# nearest a filtered dense search asks for (index/retrieve.py ``DENSE_OVERSAMPLE``), and on the RealTimeQA store it
# missed 5 of the 650 exact top-10 passages of the quiz questions (two fresh builds then answered differently).
# At 500 it missed none, at ~0.5 ms more per query on 9,641 passages (bench/README.md, "HNSW search breadth").
HNSW_SEARCH_EF = 500
HNSW_CONFIG = {"sync_threshold": HNSW_SYNC_THRESHOLD, "ef_search": HNSW_SEARCH_EF}

@dataclass
class PreparedWrite:
    """One ``Store.write``'s rows, shaped for Chroma (``Store.prepare``): what ``Store.apply`` stores."""

    article_ids: list[str]
    passages: list[dict[str, list]]  # the passages' rows (ids, embeddings, metadatas, documents), one dict an add
    records: dict[str, list]  # ids, embeddings, documents, metadatas: the articles' records
    hashes: list[str]  # the articles' content hashes: their passages of any other hash are dropped


class _Rows:
    """Stands in for the passages' collection while llama-index's ``ChromaVectorStore.add`` shapes their rows
    (in adds of at most Chroma's largest batch)."""

    def __init__(self) -> None:
        self.adds: list[dict[str, list]] = []

    def add(self, **rows: list) -> None:
        self.adds.append(rows)


def date_ord(iso: str | None) -> int | None:
    """2026-02-26 -> 20260226: a sortable number Chroma can range-filter."""
    return int(iso.replace("-", "")) if iso else None


def encode_spans(spans: list[tuple[int, int]]) -> str:
    """Sentence spans as compact metadata: "0-67;68-113"."""
    return ";".join(f"{s}-{e}" for s, e in spans)


def decode_spans(value: str) -> list[tuple[int, int]]:
    return [tuple(int(x) for x in part.split("-")) for part in value.split(";") if part]


def name_key(value: str | None) -> str | None:
    """How outlet and site names are compared in filters: trimmed, lower case (None when empty)."""
    key = (value or "").strip().lower()
    return key or None


def fingerprint_of(article_hashes: dict[str, str]) -> str:
    """One short value for a set of committed articles: changes when any is added, changed or deleted."""
    return hashlib.sha256(repr(sorted(article_hashes.items())).encode()).hexdigest()[:16]


def get_all(collection, include: list[str], where: dict | None = None):
    """Every row of a collection in pages of ``PAGE`` (ids, documents, metadatas, ... as Chroma's ``get``).

    One ``get`` of a whole collection makes Chroma hold all rows at once: ~26 MB of RSS per 1,000
    passages that the allocator keeps (bench/scale.py); pages keep that to one page. Pages are not
    one snapshot: ``Store._read_all`` re-reads when another write committed meanwhile.
    """
    merged: dict[str, list] = {"ids": [], **{key: [] for key in include}}
    for got in get_pages(collection, include, where):
        for key in merged:
            merged[key].extend(got.get(key) or [])
    return merged


def get_pages(collection, include: list[str], where: dict | None = None) -> Iterator[dict]:
    """Every row of a collection, one Chroma ``get`` answer of up to ``PAGE`` rows at a time."""
    offset = 0
    while True:
        got = collection.get(include=include, where=where, limit=PAGE, offset=offset)
        yield got
        if len(got["ids"]) < PAGE:
            return
        offset += PAGE


def _clean(meta: dict) -> dict:
    """Chroma metadata cannot hold None: an unknown value is simply absent."""
    return {k: v for k, v in meta.items() if v is not None}


def passage_where(since: str | None = None, until: str | None = None, sources: list[str] | None = None) -> dict | None:
    """A Chroma ``where`` for the CONTRACT filters; undated passages never satisfy a date bound."""
    clauses: list[dict] = []
    if since:
        clauses.append({"published_ord": {"$gte": date_ord(since)}})
    if until:
        clauses.append({"published_ord": {"$lte": date_ord(until)}})
    if sources:
        keys = sorted({k for s in sources if (k := name_key(s))})
        clauses.append({"$or": [{"outlet_key": {"$in": keys}}, {"site_key": {"$in": keys}}]})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class Store:
    """Chroma, embedded under BRIEFING_HOME or a server at BRIEFING_CHROMA_URL."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        # (value, monotonic time it was read, the commit marker then): see ``fingerprint``
        self._fingerprint: tuple[str, float, object] | None = None
        self._texts = ArticleTexts()  # the article texts passages are read from, kept between reads
        self._hnsw_checked = False  # whether the passages collection has ``HNSW_CONFIG`` (``_configure_hnsw``)

    @cached_property
    def shared(self):
        """The process-wide client of this store, reopened when another process commits (index/sharing.py)."""
        from briefing.index.sharing import shared_client

        url = self.settings.chroma_url
        where = url or str(self.settings.home_dir / "chroma")
        return shared_client(self.settings.home_dir, where, self._open_client, embedded=not url)

    def _open_client(self):
        import chromadb  # lazy: heavy

        chroma_settings = chromadb.Settings(anonymized_telemetry=False)
        url = self.settings.chroma_url
        try:
            if url:
                parts = urlsplit(url if "://" in url else f"http://{url}")
                if not parts.hostname:
                    raise ConfigError(f"BRIEFING_CHROMA_URL is not a URL: {url!r}")
                client = chromadb.HttpClient(
                    host=parts.hostname,
                    port=parts.port or (443 if parts.scheme == "https" else 8000),
                    ssl=parts.scheme == "https",
                    settings=chroma_settings,
                )
                client.heartbeat()
                return client
            path = self.settings.home_dir / "chroma"
            path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        except ConfigError:
            raise
        except Exception as exc:  # noqa: BLE001 - connection errors come in many types
            where = url or str(self.settings.home_dir / "chroma")
            raise StoreError(f"cannot open the Chroma store at {where}: {exc}") from exc

    @property
    def passages(self):
        return self.shared.collection(
            f"{self.settings.collection}_passages",
            metadata={"hnsw:space": "cosine", "hnsw:sync_threshold": HNSW_SYNC_THRESHOLD,
                      "hnsw:search_ef": HNSW_SEARCH_EF},
            embedding_function=None,
        )

    def _configure_hnsw(self) -> None:
        """A store made before ``HNSW_CONFIG`` gets it at its first write (under the write lock)."""
        if self._hnsw_checked:
            return
        hnsw = (self.passages.configuration or {}).get("hnsw") or {}
        if any(hnsw.get(key) != value for key, value in HNSW_CONFIG.items()):
            self.passages.modify(configuration={"hnsw": HNSW_CONFIG})
        self._hnsw_checked = True

    @property
    def records(self):
        return self.shared.collection(f"{self.settings.collection}_articles", embedding_function=None)

    @property
    def state(self):
        """One record: the store's generation and the articles the last ``HISTORY`` generations touched."""
        return self.shared.collection(f"{self.settings.collection}_state", embedding_function=None)

    # ---- generations: what derived caches are keyed by ----------------------------------------

    @contextmanager
    def _writing(self, touched: list[str]) -> Iterator[None]:
        """The write lock, with a new generation as the write starts and another as it ends.

        The first makes a reader re-check these articles even when the writer dies half-way; the
        second, after the records commit, makes it re-check what it may have read mid-write.
        """
        try:
            with self.shared.writing():
                self._bump(touched)
                yield
                self._bump(touched)
        finally:
            self._fingerprint = None

    def _bump(self, touched: list[str]) -> None:
        history = (self._history() or []) + [[uuid.uuid4().hex[:16], sorted(set(touched))]]
        history = history[-HISTORY:]
        self.state.upsert(ids=[STATE_ID], embeddings=[[1.0]], documents=[json.dumps(history)],
                          metadatas=[{"generation": history[-1][0]}])

    def _history(self) -> list | None:
        got = self.state.get(ids=[STATE_ID], include=["documents"])
        return json.loads(got["documents"][0]) if got["ids"] else None

    def _generation(self) -> str | None:
        got = self.state.get(ids=[STATE_ID], include=["metadatas"])
        return got["metadatas"][0].get("generation") if got["ids"] else None

    def changes_since(self, fingerprint: str) -> set[str] | None:
        """The articles written (added, replaced, deleted, moved) since ``fingerprint``; None when unknown.

        Only an embedded store keeps a history to trust: all its writers take this home's lock in
        turn. A Chroma server may have writers from other homes, so there the answer is always None.
        """
        if self.settings.chroma_url:
            return None
        history = self._history() or []
        generations = [g for g, _ in history]
        if fingerprint not in generations:
            return None
        return {a for _, touched in history[generations.index(fingerprint) + 1 :] for a in touched}

    def _read_all(self, collection, include: list[str], where: dict | None = None) -> dict[str, list]:
        """``get_all``, read again (up to 3 times) when a write on this home committed during the read."""
        from briefing.index.sharing import marker_key

        for _ in range(3):
            before = marker_key(self.shared.marker)
            got = get_all(collection, include, where)
            if marker_key(self.shared.marker) == before:
                break
        return got

    # ---- articles -------------------------------------------------------------------------

    def article_hashes(self) -> dict[str, str]:
        """article_id -> content hash of every committed article."""
        got = self._read_all(self.records, ["metadatas"])
        return {i: m.get("content_hash", "") for i, m in zip(got["ids"], got["metadatas"], strict=True)}

    def article_hashes_of(self, article_ids: set[str] | list[str]) -> dict[str, str | None]:
        """article_id -> content hash of its committed record, None when it has none."""
        ids = sorted(article_ids)
        out: dict[str, str | None] = dict.fromkeys(ids)
        for i in range(0, len(ids), 500):
            got = self.records.get(ids=ids[i : i + 500], include=["metadatas"])
            out.update({a: m.get("content_hash", "") for a, m in zip(got["ids"], got["metadatas"], strict=True)})
        return out

    def articles(self, with_text: bool = False) -> list[Article]:
        include = ["metadatas", "documents"] if with_text else ["metadatas"]
        got = self._read_all(self.records, include)
        docs = got.get("documents") or [None] * len(got["ids"])
        out = [self._article(i, m, d) for i, m, d in zip(got["ids"], got["metadatas"], docs, strict=True)]
        return sorted(out, key=lambda a: (a.published or "", a.title), reverse=True)

    def article(self, article_id: str) -> Article | None:
        got = self.records.get(ids=[article_id], include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        return self._article(got["ids"][0], got["metadatas"][0], got["documents"][0])

    @staticmethod
    def _article(article_id: str, meta: dict, text: str | None) -> Article:
        return Article(
            article_id=article_id,
            text=text or "",
            passages=int(meta.get("passages", 0)),
            content_hash=meta.get("content_hash", ""),
            **{f: meta.get(f) or (None if f != "title" else "") for f in _ARTICLE_FIELDS},
        )

    def fingerprint(self) -> str:
        """Changes whenever any article is added, changed or deleted (keys derived caches).

        The store's generation, one read by id; a store written before generations existed is
        fingerprinted by scanning every record (~35 ms for 600 articles) until its next write. It is
        kept until a commit on this home (any process: the commit marker changes) or, for writers
        sharing a Chroma server from other homes, for ``FINGERPRINT_TTL_S``.
        """
        from briefing.index.sharing import marker_key

        now = time.monotonic()
        marker = marker_key(self.shared.marker)
        if self._fingerprint and now - self._fingerprint[1] < FINGERPRINT_TTL_S and self._fingerprint[2] == marker:
            return self._fingerprint[0]
        value = self._generation() or fingerprint_of(self.article_hashes())
        self._fingerprint = (value, now, marker)
        return value

    # ---- the encoder record ---------------------------------------------------------------

    def encoder(self) -> str | None:
        """The encoder that made the store's vectors, recorded at its first write (None: not recorded)."""
        return (self.records.metadata or {}).get(ENCODER_KEY)

    def check_encoder(self, name: str, presumed: str | None = None, fresh: bool = False) -> None:
        """Raise ConfigError when the store's vectors come from another encoder than ``name``.

        A store written before encoders were recorded is taken as made by ``presumed`` (None: unchecked).
        ``fresh``: read the record from a Chroma server now, not from this process's cached collection.
        """
        made_by = self.encoder()
        if fresh and self.settings.chroma_url:  # another home's writer may have recorded one since
            made_by = (self._open_client().get_collection(self.records.name).metadata or {}).get(ENCODER_KEY)
        if made_by is None and presumed is not None and self.count_passages():
            made_by = presumed
        if made_by is not None and made_by != name:
            where = self.settings.chroma_url or str(self.settings.home_dir / "chroma")
            raise ConfigError(
                f"the store at {where} (collection {self.settings.collection!r}) holds vectors of the encoder "
                f"{made_by!r}, and this run's encoder is {name!r}; vectors of two encoders are never mixed. Set "
                f"BRIEFING_ENCODER (int8 or fp32) and BRIEFING_EMBED_MODEL to the store's encoder, or re-embed "
                f"the store with this one: `briefing ingest --reembed`")

    def _claim_encoder(self, name: str) -> None:
        """Inside the write lock: record ``name`` as the store's encoder, or refuse another one's vectors."""
        self.check_encoder(name, fresh=True)
        if self.encoder() is None:
            self.records.modify(metadata={ENCODER_KEY: name})

    def reset_encoder(self, name: str) -> int:
        """Delete every passage vector and record ``name`` as the store's encoder (articles' records stay).

        The first step of a re-embed: readers never see vectors of two encoders, only fewer passages
        until each article is embedded again. Returns how many passages were deleted.
        """
        with self._writing(self.records.get(include=[])["ids"]):  # every article changes: readers re-check all
            ids = self.passages.get(include=[])["ids"]
            for i in range(0, len(ids), 5000):
                self.passages.delete(ids=ids[i : i + 5000])
            self.records.modify(metadata={ENCODER_KEY: name})
        self._fingerprint = None
        return len(ids)

    # ---- writing --------------------------------------------------------------------------

    def write(self, batch: list[tuple[Article, list[Passage], np.ndarray]], encoder: str | None = None) -> None:
        """Add each article's new passages, commit its record, then drop its older passages (the order matters).

        Passage ids carry the content hash, so both versions coexist until the record commits: a run
        killed anywhere in here leaves the previous version whole, and ``repair`` drops the new one.
        ``encoder``: the name of the encoder that made the vectors, checked against the store's record
        (and recorded by a store's first write) under the write lock.
        """
        if batch:
            self.apply(self.prepare(batch), encoder)

    @staticmethod
    def prepare(batch: list[tuple[Article, list[Passage], np.ndarray]]) -> PreparedWrite:
        """The rows ``write`` stores for ``batch``, shaped without touching the store (ingest/writer.py sends them
        to another process): each passage as llama-index's ``ChromaVectorStore`` adds a ``TextNode`` (its
        metadata with the node's JSON copy), each article's record."""
        from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
        from llama_index.vector_stores.chroma import ChromaVectorStore

        nodes = []
        for article, passages, vectors in batch:
            for passage, vector in zip(passages, vectors, strict=True):
                # An empty TextNode: ChromaVectorStore stores a node's text as the Chroma document, which embedded
                # Chroma indexes for full-text search (unused here, and half the write's CPU and disk). The text is
                # the article's slice, read back from its record (``_passages``); one that is not is kept.
                sliced = article.text[passage.start : passage.end] == passage.text
                nodes.append(
                    TextNode(
                        id_=passage.passage_id,
                        text="" if sliced else passage.text,
                        embedding=vector.tolist(),
                        metadata=_clean(Store._passage_meta(article, passage)),
                        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article.article_id)},
                    )
                )
        rows = _Rows()
        ChromaVectorStore(chroma_collection=rows).add(nodes)
        ids = [article.article_id for article, _, _ in batch]
        return PreparedWrite(
            article_ids=ids,
            passages=rows.adds,
            records={
                "ids": ids,
                "embeddings": [[1.0]] * len(ids),  # records are looked up by id, never by similarity
                "documents": [article.text for article, _, _ in batch],
                "metadatas": [_clean(Store._record_meta(article, len(p))) for article, p, _ in batch],
            },
            hashes=sorted({article.content_hash for article, _, _ in batch}),
        )

    def apply(self, prepared: PreparedWrite, encoder: str | None = None) -> None:
        """Store what ``prepare`` shaped, as ``write`` describes (under the write lock, in that order)."""
        with self._writing(prepared.article_ids):
            if encoder is not None:
                self._claim_encoder(encoder)
            self._configure_hnsw()
            new_ids = [i for rows in prepared.passages for i in rows["ids"]]
            if new_ids:  # Chroma's add keeps an existing id's old row: clear leftovers of this very version
                self.passages.delete(ids=new_ids)
            for rows in prepared.passages:
                self.passages.add(**rows)
            self.records.upsert(**prepared.records)
            ids, hashes = prepared.article_ids, prepared.hashes
            self.passages.delete(where={"$and": [{"document_id": {"$in": ids}}, {"content_hash": {"$nin": hashes}}]})

    @staticmethod
    def _record_meta(article: Article, n_passages: int) -> dict:
        meta = {f: getattr(article, f) for f in _ARTICLE_FIELDS}
        meta.update(content_hash=article.content_hash, passages=n_passages, published_ord=date_ord(article.published))
        return meta

    @staticmethod
    def _passage_meta(article: Article, passage: Passage) -> dict:
        return {
            "article_id": article.article_id,
            "content_hash": article.content_hash,
            "title": article.title,
            "outlet": article.outlet,
            "outlet_key": name_key(article.outlet),
            "site": article.site,
            "site_key": name_key(article.site),
            "published": article.published,
            "published_ord": date_ord(article.published),
            "url": article.url,
            "source_path": article.source_path,
            "start": passage.start,
            "end": passage.end,
            "sentences": encode_spans(passage.sentences),
        }

    def delete(self, article_id: str) -> bool:
        """Remove an article and its passages; False when it was not stored.

        Passages go first: a delete killed half-way leaves a record with fewer passages (still
        listed, deleted again by a second ``delete``), never passages without a record.
        """
        with self._writing([article_id]):
            existed = bool(self.records.get(ids=[article_id], include=[])["ids"])
            self.passages.delete(where={"document_id": article_id})
            self.records.delete(ids=[article_id])
        return existed

    def move(self, article_id: str, source_path: str) -> None:
        """Record that an article's file now lives at ``source_path`` (nothing re-embedded)."""
        with self._writing([article_id]):
            self.records.update(ids=[article_id], metadatas=[{"source_path": source_path}])
            got = self.passages.get(where={"document_id": article_id}, include=[])
            if got["ids"]:
                self.passages.update(ids=got["ids"], metadatas=[{"source_path": source_path}] * len(got["ids"]))

    def repair(self) -> int:
        """Delete passages whose article has no committed record or an older content hash."""
        found = self._stale_passages()
        if not found:  # the usual case: no lock taken, no commit that makes readers reopen
            if self._generation() is None and self.count_passages():  # written before generations: give it one
                with self._writing([]):
                    pass
            return 0
        with self._writing(sorted({article for _, article in found})):
            stale = [pid for pid, _ in self._stale_passages()]
            for i in range(0, len(stale), 5000):
                self.passages.delete(ids=stale[i : i + 5000])
        return len(stale)

    def _stale_passages(self) -> list[tuple[str, str]]:
        """(passage id, article id) of every passage without a committed record of its content hash."""
        committed = self.article_hashes()
        got = self._read_all(self.passages, ["metadatas"])
        return [
            (pid, meta.get("article_id", ""))
            for pid, meta in zip(got["ids"], got["metadatas"], strict=True)
            if committed.get(meta.get("article_id")) != meta.get("content_hash")
        ]

    # ---- reading --------------------------------------------------------------------------

    def source_named(self, name: str) -> str | None:
        """The outlet (or site) of this name as the library writes it ("the hill" -> "The Hill"), when any stored
        passage comes from it (the sources filter's rule), else None."""
        where = passage_where(sources=[name])
        if where is None:
            return None
        got = self.passages.get(where=where, limit=1, include=["metadatas"])
        if not got["ids"]:
            return None
        meta = got["metadatas"][0] or {}
        key = name_key(name)
        return next((meta[f] for f in ("outlet", "site") if meta.get(f) and name_key(meta[f]) == key), name)

    def count_passages(self) -> int:
        return self.passages.count()

    def query(self, embedding: np.ndarray, k: int, where: dict | None = None) -> list[Passage]:
        """Nearest passages by cosine similarity, best first, inside the ``where`` filter (fewer in a small store)."""
        # Read straight from the collection: importing llama-index costs seconds per `briefing ask`.
        if k <= 0:
            return []
        got = self.passages.query(query_embeddings=[embedding.tolist()], n_results=k, where=where,
                                  include=["documents", "metadatas", "distances"])
        rows = zip(got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0], strict=True)
        # a row without metadata was deleted by another process after this one loaded its index
        return self._passages([(i, d, m, 1.0 - dist) for i, d, m, dist in rows if m])  # cosine distance -> similarity

    def query_among(self, embedding: np.ndarray, k: int, passage_ids: list[str]) -> list[Passage] | None:
        """The k nearest of these passages, exactly (Chroma searches a list of ids by brute force: at 100 k passages
        twice as fast as its metadata filter, which walks the graph and missed 8 of 20 top-30s for one outlet of 40);
        None when one of them is no longer stored (deleted by another process since the caller listed it)."""
        if k <= 0 or not passage_ids:
            return []
        import chromadb.errors

        try:
            got = self.passages.query(query_embeddings=[embedding.tolist()], n_results=k, ids=passage_ids,
                                      include=["documents", "metadatas", "distances"])
        except chromadb.errors.ChromaError:
            return None
        rows = zip(got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0], strict=True)
        return self._passages([(i, d, m, 1.0 - dist) for i, d, m, dist in rows if m])

    def nearest_ids(self, embedding: np.ndarray, k: int) -> list[tuple[str, float]]:
        """(passage id, cosine similarity) of the k nearest passages, best first: no text or metadata read (reading
        them is most of a query's time, ~8 of ~9.5 ms for 120 hits on 9,641 passages)."""
        if k <= 0:
            return []
        got = self.passages.query(query_embeddings=[embedding.tolist()], n_results=k, include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(got["ids"][0], got["distances"][0], strict=True)]

    def committed(self, passages: list[Passage]) -> list[Passage]:
        """The passages whose article's record, read now, carries the content hash the passage was read with
        (order kept).

        What retrieval returns last: a passage of a run killed before its record, of an article
        deleted or replaced since the passage was read, is never shown (one read of the records: the hash
        came with the passage's row).
        """
        if not passages:
            return []
        records = self.records.get(ids=sorted({p.article_id for p in passages}), include=["metadatas"])
        record_hash = {i: m.get("content_hash") for i, m in zip(records["ids"], records["metadatas"], strict=True)
                       if m}
        return [p for p in passages if p.content_hash and record_hash.get(p.article_id) == p.content_hash]

    def passages_by_id(self, passage_ids: list[str], query_vec: np.ndarray | None = None) -> dict[str, Passage]:
        """The stored passages with these ids (absent ones left out); with ``query_vec``, each one's
        ``score`` is its cosine similarity to it (from the stored vector: nothing re-encoded)."""
        if not passage_ids:
            return {}
        include = ["metadatas", "documents"] + (["embeddings"] if query_vec is not None else [])
        try:
            got = self.passages.get(ids=passage_ids, include=include)
        except Exception as exc:  # noqa: BLE001 - chromadb.errors.InternalError, kept lazy
            # A Chroma server asked for the vectors of a passage another process deleted a moment ago answers
            # "Error finding id": read what still exists, then its vectors.
            if "finding id" not in str(exc):
                raise
            got = self.passages.get(ids=passage_ids, include=["metadatas", "documents"])
            alive = [i for i, m in zip(got["ids"], got["metadatas"], strict=True) if m]
            got = self.passages.get(ids=alive, include=include) if alive else got
        vectors = got.get("embeddings") if query_vec is not None else None
        if vectors is None:
            vectors = [None] * len(got["ids"])
        rows = zip(got["ids"], got["documents"], got["metadatas"], vectors, strict=True)
        # a row without metadata was deleted by another process after this one loaded its index
        passages = self._passages([(i, d, m, 0.0 if v is None else float(np.dot(np.asarray(v, np.float32), query_vec)))
                                   for i, d, m, v in rows if m])
        return {p.passage_id: p for p in passages}

    def vectors(self, passage_ids: list[str]) -> dict[str, np.ndarray]:
        """Stored embeddings by passage id."""
        got = self.passages.get(ids=passage_ids, include=["embeddings"])
        return {i: np.asarray(v, dtype=np.float32) for i, v in zip(got["ids"], got["embeddings"], strict=True)}

    def all_passages(self, committed: dict[str, str] | None = None) -> list[Passage]:
        """Every committed passage, in id order; ``committed``: article_hashes()."""
        return self.over_passages(lambda pages: sorted(chain.from_iterable(pages), key=lambda p: p.passage_id),
                                  committed)

    def over_passages(self, read: Callable[[Iterator[list[Passage]]], T],
                      committed: dict[str, str] | None = None) -> T:
        """``read`` over every committed passage, given a page at a time (``PAGE`` rows, id order within a
        page), so the whole collection is never held at once (the keyword index is built so at 1 M
        passages); run again, up to 3 times, when a write on this home committed during the read (offset
        pages are not one snapshot: a row deleted meanwhile shifts the next pages)."""
        from briefing.index.sharing import marker_key

        committed = self.article_hashes() if committed is None else committed
        for _ in range(3):
            before = marker_key(self.shared.marker)
            pages = (self._committed_rows(got, committed)
                     for got in get_pages(self.passages, ["metadatas", "documents"]))
            out = read(pages)
            if marker_key(self.shared.marker) == before:
                break
        return out

    def passages_of_articles(self, committed: dict[str, str]) -> list[Passage]:
        """The passages of these articles whose content hash is the given one, in id order."""
        ids = sorted(committed)
        got: dict[str, list] = {"ids": [], "documents": [], "metadatas": []}
        for i in range(0, len(ids), 500):
            page = self._read_all(self.passages, ["metadatas", "documents"], {"article_id": {"$in": ids[i : i + 500]}})
            for key in got:
                got[key].extend(page[key])
        return self._committed_rows(got, committed)

    def _committed_rows(self, got: dict, committed: dict[str, str]) -> list[Passage]:
        rows = zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        return sorted(self._passages([(i, d, m, 0.0) for i, d, m in rows
                                      if m and committed.get(m.get("article_id")) == m.get("content_hash")]),
                      key=lambda p: p.passage_id)

    def passages_of(self, article_id: str) -> list[Passage]:
        got = self.passages.get(where={"article_id": article_id}, include=["metadatas", "documents"])
        return sorted(self._passages_from(got), key=lambda p: p.start)

    def _passages_from(self, got: dict) -> list[Passage]:
        return self._passages([(i, d, m, 0.0) for i, d, m in zip(got["ids"], got["documents"], got["metadatas"],
                                                                  strict=True)])

    def _passages(self, rows: list[tuple[str, str | None, dict, float]]) -> list[Passage]:
        """Passages of (id, document, metadata, score) rows, each text as ``passage_text`` gives it: the texts of
        the articles of rows stored without theirs are fetched once for all of them (``ArticleTexts.of``)."""
        wanted = {(m.get("article_id", ""), m.get("content_hash", "")) for _, d, m, _ in rows if not d}
        texts = self._texts.of(self.records, wanted) if wanted else {}
        return [self._passage(i, passage_text(d, m, texts), m, score) for i, d, m, score in rows]

    @staticmethod
    def _passage(passage_id: str, text: str, meta: dict, score: float) -> Passage:
        return Passage(
            passage_id=passage_id,
            article_id=meta.get("article_id", ""),
            text=text,
            start=int(meta.get("start", 0)),
            end=int(meta.get("end", 0)),
            title=meta.get("title") or "",
            outlet=meta.get("outlet") or None,
            site=meta.get("site") or None,
            published=meta.get("published") or None,
            url=meta.get("url") or None,
            source_path=meta.get("source_path") or None,
            score=score,
            sentences=decode_spans(meta.get("sentences", "")),
            content_hash=meta.get("content_hash") or "",
        )
