"""The keyword side of retrieval: bm25s indexes over the store's passages, updated with each write."""

from __future__ import annotations

import json
import os
import shutil
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from functools import cached_property
from itertools import chain
from pathlib import Path

import numpy as np

from briefing.index.store import date_ord, name_key
from briefing.types import Passage


def import_bm25s_without_scipy() -> None:
    """Import bm25s leaving scipy out, for a process that asks one question (`briefing ask`).

    bm25s imports ``scipy.sparse`` at its top for one thing, building an index's sparse matrix, which its own numpy
    code builds as well (the same arrays; as fast at 10 k passages, ~10x slower at 100 k: bench/README, "Stop 32").
    Loading and searching an index never use scipy, and importing it took 0.26 s of a cold `briefing ask` of ~3 s.
    `briefing ingest` leaves the keyword index built, so a question's process only loads it; were it to build one
    (its cache deleted), bm25s's numpy code does. scipy is hidden only while bm25s is imported: anything imported
    later gets it. Nothing is done when bm25s or scipy is already imported."""
    if "bm25s" in sys.modules or "scipy" in sys.modules:
        return
    sys.modules["scipy"] = None  # type: ignore[assignment]  # `import scipy.sparse` raises ImportError: bm25s expects it
    try:
        import bm25s  # noqa: F401
    finally:
        del sys.modules["scipy"]


def _stemmer():
    import Stemmer  # PyStemmer

    return Stemmer.Stemmer("english")


class KeywordIndex:
    """BM25 over passage title + text; ``search`` honours a boolean filter mask inside the ranking.

    Keeps only what ranking and filtering need (passage and article ids, dates, outlet and site
    keys), not the texts: at 100k passages a copy of every passage made loading take ~20 s and
    ~0.5 GB (bench/scale.py). The caller reads the hits' passages from the store.
    """

    def __init__(self, passages: list[Passage], bm25=None) -> None:
        """An index of ``passages``; with ``bm25``, the columns of an index already built (``load``)."""
        if bm25 is None:
            columns, bm25 = _build([passages])
        else:
            columns = _columns(passages)
        self.ids, self.article_ids, self._dates, self._names = columns
        self._bm25 = bm25

    @classmethod
    def from_pages(cls, pages: Iterable[list[Passage]]) -> KeywordIndex:
        """An index of every passage of ``pages``, read one page at a time: only each passage's token ids
        and columns are kept, never the texts (the whole store's passages at once took ~5 GB at 403 k)."""
        columns, bm25 = _build(pages)
        index = cls([], bm25=bm25)
        index.ids, index.article_ids, index._dates, index._names = columns
        return index

    def __len__(self) -> int:
        return len(self.ids)

    @cached_property
    def stemmer(self):
        return _stemmer()

    @property
    def bm25(self):
        return self._bm25

    def filter_mask(self, since: str | None, until: str | None, sources: list[str] | None) -> np.ndarray | None:
        """Which passages pass the filters (None: all do); the rule of ``retrieve.matches_filters``, vectorised."""
        if not (since or until or sources):
            return None
        mask = np.ones(len(self.ids), dtype=bool)
        if since or until:
            mask &= self._dates > 0  # undated passages never satisfy a date bound
        if since:
            mask &= self._dates >= date_ord(since)
        if until:
            mask &= self._dates <= date_ord(until)
        if sources:
            wanted = list({k for s in sources if (k := name_key(s))})
            outlets, sites = self._names
            mask &= np.isin(outlets, wanted) | np.isin(sites, wanted)
        return mask

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(passage index, BM25 score) best first; only positive scores, only where mask is True."""
        import bm25s

        n = len(self.ids)
        if n == 0 or k <= 0:
            return []
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=self.stemmer, return_ids=False, show_progress=False)
        if not tokens or not tokens[0]:
            return []
        weight = None if mask is None else mask.astype(np.float32)
        if weight is not None and not weight.any():
            return []
        # n_threads=0: a plain loop; any other value starts a thread pool per call (~1-6 ms)
        docs, scores = self.bm25.retrieve(tokens, k=min(k, n), show_progress=False, weight_mask=weight, n_threads=0)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    # ---- persistence: one folder per index ----------------------------------------------------

    def save(self, folder: Path) -> None:
        """Write to a temporary folder of this save alone (processes, threads), then rename it into place."""
        tmp = folder.with_name(f"{folder.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        self.bm25.save(str(tmp / "bm25"), show_progress=False)
        columns = {"ids": self.ids, "article_ids": self.article_ids, "dates": self._dates.tolist(),
                   "outlets": self._names[0].tolist(), "sites": self._names[1].tolist()}
        (tmp / "columns.json").write_text(json.dumps(columns), encoding="utf-8")
        try:
            tmp.rename(folder)  # atomic: a reader never sees half an index
        except OSError:  # another process saved the same index first: theirs is as good
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        import bm25s

        try:
            columns = json.loads((folder / "columns.json").read_text(encoding="utf-8"))
            bm25 = bm25s.BM25.load(str(folder / "bm25"), mmap=True, show_progress=False)
        except (OSError, ValueError):
            return None
        index = cls([], bm25=bm25)
        index.ids, index.article_ids = columns["ids"], columns["article_ids"]
        index._dates = np.array(columns["dates"], dtype=np.int64)
        index._names = (np.array(columns["outlets"], dtype=object), np.array(columns["sites"], dtype=object))
        return index


def _columns(passages: Iterable[Passage]) -> tuple[list[str], list[str], np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """(passage ids, article ids, date numbers (0: undated), (outlet keys, site keys)) of ``passages``."""
    passages = list(passages)
    return ([p.passage_id for p in passages], [p.article_id for p in passages],
            np.array([date_ord(p.published) or 0 for p in passages], dtype=np.int64),
            (np.array([name_key(p.outlet) or "" for p in passages], dtype=object),
             np.array([name_key(p.site) or "" for p in passages], dtype=object)))


class _TokenIds:
    """Each document's token ids from one flat int32 array, in a given order: a document is a list only
    while bm25s reads it (a list of Python ints per passage held at once took ~36 bytes per token)."""

    def __init__(self, tokens: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> None:
        self.tokens, self.starts, self.lengths = tokens, starts, lengths

    def __len__(self) -> int:
        return len(self.starts)

    def __iter__(self) -> Iterator[list[int]]:
        for start, length in zip(self.starts.tolist(), self.lengths.tolist(), strict=True):
            yield self.tokens[start : start + length].tolist()


def _build(pages: Iterable[list[Passage]]):
    """(columns, bm25) of every passage of ``pages``, in passage id order (as one ``bm25s.tokenize`` of all
    the texts and ``BM25.index`` would make it: tokenizing is per text, and a page's vocabulary is mapped
    onto one that grows as pages come); None for bm25 when there are no passages."""
    import bm25s

    stemmer = _stemmer()
    vocab: dict[str, int] = {}
    shared: dict[str, str] = {}  # one string per article id, outlet and site, not one per passage
    ids: list[str] = []
    article_ids: list[str] = []
    dates: list[int] = []
    outlets: list[str] = []
    sites: list[str] = []
    chunks: list[np.ndarray] = []
    lengths: list[int] = []
    for page in pages:
        if not page:
            continue
        tokenized = bm25s.tokenize([f"{p.title}\n{p.text}" for p in page], stopwords="en", stemmer=stemmer,
                                   show_progress=False)
        remap = np.empty(len(tokenized.vocab), dtype=np.int32)
        for token, local in tokenized.vocab.items():
            remap[local] = vocab.setdefault(token, len(vocab))
        sizes = [len(doc) for doc in tokenized.ids]
        flat = np.fromiter(chain.from_iterable(tokenized.ids), dtype=np.int32, count=sum(sizes))
        chunks.append(remap[flat])
        lengths.extend(sizes)
        for p in page:
            ids.append(p.passage_id)
            article_ids.append(shared.setdefault(p.article_id, p.article_id))
            dates.append(date_ord(p.published) or 0)
            outlet, site = name_key(p.outlet) or "", name_key(p.site) or ""
            outlets.append(shared.setdefault(outlet, outlet))
            sites.append(shared.setdefault(site, site))
    order = sorted(range(len(ids)), key=ids.__getitem__)
    columns = ([ids[i] for i in order], [article_ids[i] for i in order],
               np.array(dates, dtype=np.int64)[order] if order else np.zeros(0, dtype=np.int64),
               (np.array([outlets[i] for i in order], dtype=object), np.array([sites[i] for i in order], dtype=object)))
    if not ids:
        return columns, None
    sizes = np.array(lengths, dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    del ids, article_ids, dates, outlets, sites, lengths
    tokens = np.concatenate(chunks)
    del chunks
    empty = not vocab  # no text has a word that is not a stopword: an index where nothing matches
    if empty:
        vocab[""] = 0
    bm25 = bm25s.BM25()
    order = np.array(order, dtype=np.int64)
    with np.errstate(invalid="ignore" if empty else "warn"):  # empty: every length over an average length of 0
        bm25.index(bm25s.tokenization.Tokenized(ids=_TokenIds(tokens, starts[order], sizes[order]), vocab=vocab),
                   show_progress=False)
    return columns, bm25


COMPACT_SHARE = 0.2  # rebuild whole once added or dead passages outside the first segment pass this share
MAX_SEGMENTS = 12


class KeywordLibrary:
    """The keyword index of a whole store as segments, so a write re-indexes only what it wrote.

    The first segment is built from the whole store; articles added or replaced later go into small
    segments of their own, and passages of articles deleted or replaced since are masked out. A query
    runs on every segment and the hits are merged by score. Each segment scores with its own term
    statistics, as an Elasticsearch shard does by default; the library is rebuilt whole once the
    changes pass ``COMPACT_SHARE`` of it, which bounds that difference.
    """

    def __init__(self, segments: list[tuple[str, KeywordIndex]], covered: dict[str, str],
                 dead: set[str] | None = None) -> None:
        self.segments = segments  # (name, index)
        self.covered = covered  # article_id -> content hash of every article indexed
        self.dead = dead or set()  # passage ids masked out
        self.alive = [self._alive(index) for _, index in segments]

    def _alive(self, index: KeywordIndex) -> np.ndarray | None:
        if not self.dead:
            return None
        mask = ~np.isin(np.array(index.ids, dtype=object), list(self.dead))
        return None if mask.all() else mask

    @property
    def size(self) -> int:
        return sum(len(index) for _, index in self.segments)

    def within(self, passage_ids: list[str], since: str | None, until: str | None,
               sources: list[str] | None) -> list[bool] | None:
        """Whether each of these passages passes the filters, by the dates and outlets this library holds (the rule
        of ``retrieve.matches_filters``); None when one of them is not in it (written since it was read): the
        caller then reads the store."""
        where = self._where
        if any(pid not in where for pid in passage_ids):
            return None
        masks = [index.filter_mask(since, until, sources) for _, index in self.segments]
        return [bool(masks[s] is None or masks[s][i]) for s, i in (where[pid] for pid in passage_ids)]

    def passing(self, since: str | None, until: str | None, sources: list[str] | None,
                limit: int) -> list[str] | None:
        """The ids of the live passages that pass the filters (the rule of ``within``); None when more than ``limit``
        do."""
        masks = []
        for (_, index), alive in zip(self.segments, self.alive, strict=True):
            mask = index.filter_mask(since, until, sources)
            if mask is None:
                mask = np.ones(len(index.ids), dtype=bool)
            if alive is not None:
                mask = mask & alive
            masks.append(mask)
        if sum(int(m.sum()) for m in masks) > limit:
            return None
        return [index.ids[i] for (_, index), mask in zip(self.segments, masks, strict=True)
                for i in np.flatnonzero(mask)]

    def newest_articles(self, n: int, since: str | None = None, until: str | None = None,
                        sources: list[str] | None = None) -> list[str]:
        """The ids of the ``n`` most recently published articles inside the filters, newest first (undated ones
        never: "the latest news" is by date); read from the dates this library holds, no store scan."""
        dated: dict[str, int] = {}
        for (_, index), alive in zip(self.segments, self.alive, strict=True):
            mask = index._dates > 0
            if (passing := index.filter_mask(since, until, sources)) is not None:
                mask &= passing
            if alive is not None:
                mask &= alive
            rows = np.flatnonzero(mask)
            found = 0  # this segment's n newest articles are among its passages taken newest first
            for i in rows[np.argsort(-index._dates[rows], kind="stable")]:
                if index.article_ids[i] not in dated:
                    dated[index.article_ids[i]] = int(index._dates[i])
                    found += 1
                    if found == n:
                        break
        return sorted(dated, key=lambda a: (-dated[a], a))[:n]

    @cached_property
    def _where(self) -> dict[str, tuple[int, int]]:
        """passage id -> (segment, row) of its live copy."""
        found = {}
        for s, ((_, index), alive) in enumerate(zip(self.segments, self.alive, strict=True)):
            for i, pid in enumerate(index.ids):
                if alive is None or alive[i]:
                    found[pid] = (s, i)
        return found

    def needs_compaction(self) -> bool:
        if len(self.segments) > MAX_SEGMENTS:
            return True
        changed = len(self.dead) + sum(len(index) for _, index in self.segments[1:])
        return changed > COMPACT_SHARE * max(1, len(self.segments[0][1]) if self.segments else 0)

    def outgrown_by(self, current: dict[str, str | None]) -> bool:
        """Whether these changes (as for ``updated``) would pass the compaction share, judged before any of
        their passages is read: each changed article counted at this library's mean passages per article.
        After a big ingest (60 k new articles on 40 k indexed: 403 k -> 1 M passages), reading the new passages
        into a segment only to rebuild whole next cost more than the rebuild and held every new passage in memory."""
        if not self.segments:
            return True
        stale = sum(1 for a, h in current.items() if self.covered.get(a) != h)
        if not stale:
            return False
        changed = len(self.dead) + sum(len(index) for _, index in self.segments[1:])
        changed += stale * self.size / max(1, len(self.covered))
        return len(self.segments) >= MAX_SEGMENTS or changed > COMPACT_SHARE * max(1, len(self.segments[0][1]))

    def updated(self, current: dict[str, str | None], load: Callable[[dict[str, str]], list[Passage]],
                name: str) -> KeywordLibrary:
        """This library after writes: ``current`` maps each article that may have changed to its committed
        hash (None: gone); ``load`` reads the committed passages of articles; a new segment is ``name``."""
        stale = {a: h for a, h in current.items() if self.covered.get(a) != h}
        if not stale:
            return self
        gone = {a for a in stale if a in self.covered}
        dead = set(self.dead)
        for _, index in self.segments:
            dead.update(pid for pid, aid in zip(index.ids, index.article_ids, strict=True) if aid in gone)
        covered = {a: h for a, h in self.covered.items() if a not in gone}
        added = {a: h for a, h in stale.items() if h is not None}
        segments = list(self.segments)
        passages = load(added) if added else []
        if passages:
            segments.append((name, KeywordIndex(passages)))
        covered.update({a: h for a, h in added.items()})
        return KeywordLibrary(segments, covered, dead)

    def search(self, query: str, k: int, since: str | None = None, until: str | None = None,
               sources: list[str] | None = None) -> list[tuple[str, float]]:
        """(passage id, BM25 score) best first, inside the filters, over every segment."""
        hits: list[tuple[float, int, int, str]] = []
        for s, ((_, index), alive) in enumerate(zip(self.segments, self.alive, strict=True)):
            mask = index.filter_mask(since, until, sources)
            if alive is not None:
                mask = alive if mask is None else mask & alive
            hits.extend((score, s, i, index.ids[i]) for i, score in index.search(query, k, mask))
        hits.sort(key=lambda h: (-h[0], h[1], h[2]))
        return [(pid, score) for score, _, _, pid in hits[:k]]

    # ---- persistence: segments by name, one small state file per store fingerprint -------------

    def save(self, folder: Path, fingerprint: str) -> None:
        """Save the segments not saved yet and this fingerprint's state (atomic renames: readers see all or none)."""
        for name, index in self.segments:
            if not (folder / "segments" / name).exists():
                (folder / "segments").mkdir(parents=True, exist_ok=True)
                index.save(folder / "segments" / name)
        states = folder / "states"
        states.mkdir(parents=True, exist_ok=True)
        tmp = states / f"{fingerprint}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp"
        state = {"segments": [name for name, _ in self.segments], "covered": self.covered, "dead": sorted(self.dead)}
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, states / f"{fingerprint}.json")

    @classmethod
    def load(cls, folder: Path, fingerprint: str,
             cache: dict[str, KeywordIndex] | None = None) -> KeywordLibrary | None:
        """The library saved for ``fingerprint``, or None; ``cache``: segments already in memory, by name."""
        try:
            state = json.loads((folder / "states" / f"{fingerprint}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        segments = []
        for name in state["segments"]:
            index = (cache or {}).get(name) or KeywordIndex.load(folder / "segments" / name)
            if index is None:  # removed by another process's compaction: this state is gone too
                return None
            segments.append((name, index))
        return cls(segments, state["covered"], set(state["dead"]))

    @staticmethod
    def latest_state(folder: Path) -> str | None:
        """The fingerprint of the most recently saved state in ``folder``."""
        states = sorted((folder / "states").glob("*.json"), key=lambda f: f.stat().st_mtime, reverse=True) \
            if (folder / "states").is_dir() else []
        return states[0].stem if states else None

    @staticmethod
    def prune(folder: Path, keep: KeywordLibrary, fingerprint: str) -> None:
        """After a whole rebuild: remove the states and segments of older libraries."""
        names = {name for name, _ in keep.segments}
        for f in (folder / "states").glob("*.json"):
            if f.stem != fingerprint:
                f.unlink(missing_ok=True)
        for d in (folder / "segments").iterdir():
            if d.name not in names and not d.name.endswith(".tmp"):  # .tmp: another process is saving
                shutil.rmtree(d, ignore_errors=True)
