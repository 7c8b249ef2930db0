"""Passage texts read back from their articles' records (the passages collection stores none: index/store.py).

A passage is its article's ``text[start:end]`` (ingest/passages.py cuts it so), and the article's record
holds that text, so a read fetches each article's text once and slices its passages out of it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

CACHE_CHARS = 16_000_000  # article text kept between reads: the RealTimeQA corpus (615 articles) is 6.9 M
RECORDS_PER_GET = 500  # article ids per Chroma ``get``


def passage_text(stored: str | None, meta: dict, texts: dict[tuple[str, str], str]) -> str:
    """A passage row's text: its stored document when it has one (a store written before texts were left out,
    or a passage that is not its article's slice), else its article's ``text[start:end]`` from ``texts``
    (``ArticleTexts.of``); "" when its article has no record of the passage's content hash (a passage of a
    replaced or deleted article, or of a write killed before its record: never shown, ``Store.committed``)."""
    if stored:
        return stored
    article = texts.get((meta.get("article_id", ""), meta.get("content_hash", "")))
    return "" if article is None else article[int(meta.get("start", 0)) : int(meta.get("end", 0))]


class ArticleTexts:
    """Article texts by (article id, content hash), the most recently used kept up to ``max_chars`` characters.

    A content hash covers the article's text, so a kept text never goes stale: another process replacing
    the article gives it a new hash, and its passages a new key.
    """

    def __init__(self, max_chars: int = CACHE_CHARS) -> None:
        self.max_chars = max_chars
        self._texts: OrderedDict[tuple[str, str], str] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()  # the chat serves questions from several threads

    def of(self, records, wanted: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The texts of these (article id, content hash) pairs: kept ones, the rest from the ``records`` collection
        in one ``get`` per ``RECORDS_PER_GET`` articles. A pair whose article's record has another hash, or
        none, is left out."""
        found: dict[tuple[str, str], str] = {}
        with self._lock:
            for key in wanted:
                if (text := self._texts.get(key)) is not None:
                    self._texts.move_to_end(key)
                    found[key] = text
        missing = sorted({article for article, _ in wanted - found.keys()})
        for i in range(0, len(missing), RECORDS_PER_GET):
            got = records.get(ids=missing[i : i + RECORDS_PER_GET], include=["documents", "metadatas"])
            for article, text, meta in zip(got["ids"], got["documents"], got["metadatas"], strict=True):
                key = (article, (meta or {}).get("content_hash", ""))
                self._keep(key, text or "")
                if key in wanted:
                    found[key] = text or ""
        return found

    def _keep(self, key: tuple[str, str], text: str) -> None:
        if len(text) > self.max_chars:
            return
        with self._lock:
            if key in self._texts:
                return
            self._texts[key] = text
            self._chars += len(text)
            while self._chars > self.max_chars:
                _, dropped = self._texts.popitem(last=False)
                self._chars -= len(dropped)
