"""Hybrid retrieval: dense (Chroma) and keyword (BM25) candidates, fused, filtered, near-duplicates collapsed."""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from briefing.index.keyword import KeywordIndex, KeywordLibrary
from briefing.index.store import Store, name_key, passage_where
from briefing.types import Passage

MODES = ("hybrid", "dense", "keyword")
RRF_K = 60  # the constant from Cormack et al. (2009); rankings below ~60 barely count
CANDIDATES_PER_SIDE = 30
DENSE_OVERSAMPLE = 4  # a filtered dense search first looks for its hits among 4x as many unfiltered ones
# ... and when they are not there (a narrow filter), searches the passages the filters let through by their ids, up to
# this many (exact, and faster than Chroma's metadata filter: 24-34 ms for 2,500-40,000 ids at 100 k passages)
EXACT_FILTERED_MAX = 50_000
FUSION_WEIGHTS = (0.5, 1.0)  # dense, keyword: best R@1 with until=date on RealTimeQA (bench/retrieval.py)
DUPLICATE_JACCARD = 0.6  # share of word 4-grams two passages must share to be one story
_WORD = re.compile(r"\w+")


def fuse_rankings(
    rankings: list[list[str]], weights: list[float] | None = None, k: int = RRF_K
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: id -> sum of weight / (k + rank), best first (ties keep first-seen order)."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda kv: kv[1], reverse=True)


def with_keyword_head(order: list[str], head: str | None, k: int) -> list[str]:
    """The fused order with the keyword search's best passage among the first k: it holds the question's rarest
    words (a name the embedder splits into unknown pieces, "Matt LaFleur"), and fusion alone drops it below k when
    the two searches agree on other passages. It takes the k-th place, the rest keep their order; with k < 3 the
    fused best places are left as they are."""
    if head is None or k < 3 or head not in order or order.index(head) < k:
        return order
    rest = [pid for pid in order if pid != head]
    return rest[: k - 1] + [head] + rest[k - 1 :]


def matches_filters(p: Passage, since: str | None, until: str | None, sources: list[str] | None) -> bool:
    """The same rule as the Chroma ``where``: date bounds are inclusive and exclude undated articles."""
    if (since or until) and not p.published:
        return False
    if since and p.published < since:
        return False
    if until and p.published > until:
        return False
    if sources:
        wanted = {k for s in sources if (k := name_key(s))}
        return name_key(p.outlet) in wanted or name_key(p.site) in wanted
    return True


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    if len(words) <= n:
        return {tuple(words)}
    return set(zip(*(words[i:] for i in range(n)), strict=False))  # each run of n words (the shorter lists end it)


def collapse_duplicates(
    passages: list[Passage], threshold: float = DUPLICATE_JACCARD, limit: int | None = None
) -> list[Passage]:
    """Keep the best-ranked copy of a story carried by several articles; the others become "also reported by".

    With ``limit``, at most that many stories are kept; the passages after them are still compared
    with the kept ones, so their outlets still count as "also reported by".
    """
    kept: list[tuple[Passage, set]] = []
    for p in passages:
        sh = _shingles(p.text)
        for q, qsh in kept:
            if q.article_id != p.article_id:
                shared = len(sh & qsh)
                if shared / max(1, len(sh) + len(qsh) - shared) >= threshold:
                    name = p.outlet or p.site or p.title
                    if name not in q.also_reported_by:
                        q.also_reported_by.append(name)
                    break
        else:
            if limit is None or len(kept) < limit:
                kept.append((p, sh))
    return [p for p, _ in kept]


class Retriever:
    """Searches one store; the keyword index is cached on disk per store fingerprint."""

    def __init__(self, store: Store, embedder, cache_dir: Path) -> None:
        self.store = store
        self.embedder = embedder
        self.cache_dir = cache_dir
        self._keyword: tuple[str, KeywordIndex] | None = None
        self.weights = FUSION_WEIGHTS

    def keyword_index(self) -> KeywordLibrary:
        """The keyword index of the store as it is now: from memory, from the cache folder, updated with
        the articles written since an index this or another process built, or built whole."""
        fingerprint = self.store.fingerprint()
        if self._keyword and self._keyword[0] == fingerprint:
            return self._keyword[1]
        folder = self.cache_dir / f"bm25-{self.store.settings.collection}"
        in_memory = dict(self._keyword[1].segments) if self._keyword else {}
        library = KeywordLibrary.load(folder, fingerprint, in_memory) or self._updated(folder, fingerprint)
        self._keyword = (fingerprint, library)
        return library

    def _updated(self, folder: Path, fingerprint: str) -> KeywordLibrary:
        base = self._keyword
        if base is None and (latest := KeywordLibrary.latest_state(folder)):
            loaded = KeywordLibrary.load(folder, latest)
            base = (latest, loaded) if loaded else None
        committed = None
        if base is not None:
            touched = self.store.changes_since(base[0])
            if touched is not None:
                current = self.store.article_hashes_of(touched)
            else:  # history unknown (a server, or too many writes since): compare every record
                committed, covered = self.store.article_hashes(), base[1].covered
                current = {a: committed.get(a) for a in committed.keys() | covered.keys()
                           if committed.get(a) != covered.get(a)}
            if not base[1].outgrown_by(current):  # a big change is indexed whole, never read into a segment first
                library = base[1].updated(current, self.store.passages_of_articles, uuid.uuid4().hex[:16])
                if library.size and not library.needs_compaction():
                    library.save(folder, fingerprint)
                    return library
        committed = self.store.article_hashes() if committed is None else committed
        whole = self.store.over_passages(KeywordIndex.from_pages, committed)  # page by page: texts never all held
        library = KeywordLibrary([(uuid.uuid4().hex[:16], whole)], dict(committed))
        if library.size:
            library.save(folder, fingerprint)
            KeywordLibrary.prune(folder, library, fingerprint)
            for old in self.cache_dir.glob(f"bm25-{self.store.settings.collection}-*"):  # the one-folder layout
                shutil.rmtree(old, ignore_errors=True)
        return library

    def dense(self, query_vec: np.ndarray, n: int, since, until, sources, also: Sequence[str] = (),
              read: dict[str, Passage] | None = None) -> list[Passage]:
        """The n nearest passages inside the filters.

        ``also``: further passage ids (the keyword search's hits) to read in the same request, when the nearest
        passages are read by id; every passage read is left in ``read`` (``score``: the cosine similarity of its
        stored vector to ``query_vec``).

        Chroma's metadata filter costs ~45 ms on 10k passages, so a filtered search first takes the
        ``DENSE_OVERSAMPLE * n`` nearest passages unfiltered: when n of them pass the filters, they are
        exactly the n nearest inside the filters (every passage outside that pool is farther away).
        Otherwise (narrow filters) the passages the keyword index says pass the filters are searched by id, exactly;
        Chroma's own filtered search, approximate and slower, runs only when that index does not hold the pool
        (passages newer than it) or a listed passage is gone. The pool is read as ids only and filtered by the
        dates and outlets the keyword index holds (its metadata would cost ~8 ms more).
        """
        where = passage_where(since, until, sources)
        if where is None:
            kept = self.store.nearest_ids(query_vec, n)
            return self._read(kept, also, query_vec, read)
        # The pool's ids alone, filtered by the dates and outlets the keyword index holds for them: only the n
        # passages kept are read (reading a pool's metadata is most of its query's time)
        nearest = self.store.nearest_ids(query_vec, n * DENSE_OVERSAMPLE)
        library = self.keyword_index()  # one reading of it for the pool and the ids passing the filters
        inside = library.within([pid for pid, _ in nearest], since, until, sources)
        if inside is not None and (sum(inside) >= n or len(nearest) < n * DENSE_OVERSAMPLE):
            kept = [(pid, sim) for (pid, sim), ok in zip(nearest, inside, strict=True) if ok][:n]
            return self._read(kept, also, query_vec, read)
        if inside is not None:  # the keyword index holds the pool: it knows which passages pass the filters
            allowed = library.passing(since, until, sources, limit=EXACT_FILTERED_MAX)
            found = self.store.query_among(query_vec, n, allowed) if allowed is not None else None
            if found is not None:
                return found
        pool = self.store.query(query_vec, n * DENSE_OVERSAMPLE)
        inside = [p for p in pool if matches_filters(p, since, until, sources)]
        if len(inside) >= n or len(pool) < n * DENSE_OVERSAMPLE:  # a short pool is the whole store
            return inside[:n]
        return self.store.query(query_vec, n, where)

    def _read(self, kept: list[tuple[str, float]], also: Sequence[str], query_vec: np.ndarray,
              read: dict[str, Passage] | None) -> list[Passage]:
        """The passages of ``kept`` (id, cosine) in its order, read in one request with those of ``also``."""
        found = self.store.passages_by_id(list(dict.fromkeys([pid for pid, _ in kept] + list(also))), query_vec)
        if read is not None:
            read.update(found)
        return [replace(found[pid], score=sim) for pid, sim in kept if pid in found]

    def keyword(self, query: str, n: int, since, until, sources, query_vec: np.ndarray | None = None) -> list[Passage]:
        """The n best BM25 hits inside the filters; ``score`` is the BM25 score, or with ``query_vec`` the
        cosine similarity to it. A hit deleted or replaced since the index was read (another process's
        write, within ``FINGERPRINT_TTL_S``) has no stored row any more: it is dropped, never cited."""
        return self.keyword_passages(self.keyword_index().search(query, n, since, until, sources), query_vec)

    def keyword_passages(self, hits: list[tuple[str, float]], query_vec: np.ndarray | None = None,
                         read: dict[str, Passage] | None = None) -> list[Passage]:
        """The stored passages of keyword hits (id, BM25 score), as ``keyword`` returns them; ``read``: passages
        already read with ``query_vec`` (their scores are its cosine similarities, of no use without it)."""
        read = dict(read or {}) if query_vec is not None else {}
        missing = [pid for pid, _ in hits if pid not in read]
        read.update(self.store.passages_by_id(missing, query_vec) if missing else {})
        if query_vec is not None:
            return [read[pid] for pid, _ in hits if pid in read]
        return [replace(read[pid], score=s) for pid, s in hits if pid in read]

    def openings(self, passages: list[Passage]) -> list[Passage]:
        """The first passage of each of these passages' articles, in the order the articles first come
        ("summarize the articles" is answered by each article's opening, wherever the search landed in it)."""
        order = list(dict.fromkeys(p.article_id for p in passages))
        first = self._first_passages(order)
        score = {p.article_id: p.score for p in reversed(passages)}
        return [replace(first[a], score=score[a]) for a in order if a in first]

    def _first_passages(self, article_ids: list[str]) -> dict[str, Passage]:
        """Each of these articles' first passage (articles deleted meanwhile are left out)."""
        first: dict[str, Passage] = {}
        for p in self.store.passages_of_articles(self.store.article_hashes_of(article_ids)):
            if p.article_id not in first or p.start < first[p.article_id].start:
                first[p.article_id] = p
        return first

    def newest(self, k: int, since: str | None = None, until: str | None = None,
               sources: list[str] | None = None) -> list[Passage]:
        """The opening passage of each of the ``k`` most recently published articles inside the filters, newest
        first ("what is the latest news": by date, not by likeness to the words asking for it)."""
        order = self.keyword_index().newest_articles(k, since, until, sources)
        first = self._first_passages(order)
        return [first[a] for a in order if a in first]

    def retrieve(
        self,
        query: str,
        k: int = 8,
        since: str | None = None,
        until: str | None = None,
        sources: list[str] | None = None,
        mode: str = "hybrid",
    ) -> list[Passage]:
        """The k best passages for ``query`` inside the filters, best first.

        ``score`` is the cosine similarity between the question and the passage (comparable across
        queries, which abstention relies on); the order is the fused ranking.
        """
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; expected one of {MODES}")
        n = max(k * 3, CANDIDATES_PER_SIDE)
        query_vec = self.embedder.embed([query])[0]
        # the keyword hits first, so that the passages of both searches are read in one request
        hits = self.keyword_index().search(query, n, since, until, sources) if mode != "dense" else []
        read: dict[str, Passage] = {}
        dense = self.dense(query_vec, n, since, until, sources, also=[pid for pid, _ in hits], read=read) \
            if mode != "keyword" else []
        keyword = self.keyword_passages(hits, query_vec, read) if mode != "dense" else []
        by_id = {p.passage_id: p for p in keyword}
        by_id.update({p.passage_id: p for p in dense})  # dense copies carry the cosine score
        fused = fuse_rankings([[p.passage_id for p in dense], [p.passage_id for p in keyword]], list(self.weights))
        order = with_keyword_head([pid for pid, _ in fused], keyword[0].passage_id if keyword else None, k)
        ranked = [replace(by_id[pid], also_reported_by=[]) for pid in order][:CANDIDATES_PER_SIDE]
        return collapse_duplicates(self.store.committed(ranked), limit=k)
