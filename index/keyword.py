"""The keyword side of retrieval: a bm25s index over the store's passages, rebuilt when the store changes."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from functools import cached_property
from pathlib import Path

import numpy as np

from briefing.index.store import date_ord, name_key
from briefing.types import Passage


def _stemmer():
    import Stemmer  # PyStemmer

    return Stemmer.Stemmer("english")


class KeywordIndex:
    """BM25 over passage title + text; ``search`` honours a boolean filter mask inside the ranking."""

    def __init__(self, passages: list[Passage], bm25=None) -> None:
        self.passages = passages
        self._bm25 = bm25

    @cached_property
    def stemmer(self):
        return _stemmer()

    @property
    def bm25(self):
        import bm25s

        if self._bm25 is None:
            self._bm25 = bm25s.BM25()
            corpus = [f"{p.title}\n{p.text}" for p in self.passages]
            tokens = bm25s.tokenize(corpus, stopwords="en", stemmer=self.stemmer, show_progress=False)
            self._bm25.index(tokens, show_progress=False)
        return self._bm25

    @cached_property
    def _dates(self) -> np.ndarray:
        """Each passage's publication date as 20260226 (0 when undated)."""
        return np.array([date_ord(p.published) or 0 for p in self.passages], dtype=np.int64)

    @cached_property
    def _names(self) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([name_key(p.outlet) or "" for p in self.passages], dtype=object),
                np.array([name_key(p.site) or "" for p in self.passages], dtype=object))

    def filter_mask(self, since: str | None, until: str | None, sources: list[str] | None) -> np.ndarray | None:
        """Which passages pass the filters (None: all do); the rule of ``retrieve.matches_filters``, vectorised."""
        if not (since or until or sources):
            return None
        mask = np.ones(len(self.passages), dtype=bool)
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

        n = len(self.passages)
        if n == 0 or k <= 0:
            return []
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=self.stemmer, return_ids=False, show_progress=False)
        if not tokens or not tokens[0]:
            return []
        weight = None if mask is None else mask.astype(np.float32)
        if weight is not None and not weight.any():
            return []
        docs, scores = self.bm25.retrieve(tokens, k=min(k, n), show_progress=False, weight_mask=weight, n_threads=1)
        return [(int(d), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    # ---- persistence: one folder per store fingerprint --------------------------------------

    def save(self, folder: Path) -> None:
        """Write to a temporary folder of this save alone (processes, threads), then rename it into place."""
        tmp = folder.with_name(f"{folder.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        self.bm25.save(str(tmp / "bm25"))
        rows = [p.to_dict() | {"start": p.start, "end": p.end, "site": p.site, "sentences": p.sentences}
                for p in self.passages]
        (tmp / "passages.json").write_text(json.dumps(rows), encoding="utf-8")
        try:
            tmp.rename(folder)  # atomic: a reader never sees half an index
        except OSError:  # another process saved the same index first: theirs is as good
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        import bm25s

        try:
            raw = json.loads((folder / "passages.json").read_text(encoding="utf-8"))
            bm25 = bm25s.BM25.load(str(folder / "bm25"))
        except (OSError, ValueError):
            return None
        fields = ("passage_id", "article_id", "text", "start", "end", "title", "outlet", "site", "published",
                  "url", "source_path")
        passages = [Passage(**{f: r.get(f) for f in fields}, sentences=[tuple(s) for s in r.get("sentences", [])])
                    for r in raw]
        return cls(passages, bm25=bm25)
