"""Sentence vectors kept between questions: the answerer and the verifier embed the same sentences again and again."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

MEMO_SIZE = 50_000  # vectors kept (~75 MB at 384 dimensions): a few thousand retrieved passages' sentences


class MemoEmbedder:
    """Wraps an embedder: ``embed`` encodes only the texts it has not seen lately (least recently used out).

    Questions about one store retrieve many of the same passages, so the extractive answerer and the
    verifier mostly re-embed sentences they embedded for an earlier question. The encoder is
    deterministic, so a remembered vector is the one it would compute again (within float rounding of
    a different batch). Thread-safe: the chat answers several users at once.
    """

    def __init__(self, inner, size: int = MEMO_SIZE) -> None:
        self.inner = inner
        self.size = size
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            found = {t: self._memo[t] for t in texts if t in self._memo}
            for t in found:
                self._memo.move_to_end(t)
        # Shortest first: the encoder pads each batch to its longest text, and the answerer mixes
        # one-line sentences with whole passages.
        todo = sorted(dict.fromkeys(t for t in texts if t not in found), key=len)
        if todo:
            fresh = [np.array(v) for v in self.inner.embed(todo)]  # copies: a kept row holds no whole batch
            found.update(zip(todo, fresh, strict=True))
            with self._lock:
                self._memo.update(zip(todo, fresh, strict=True))
                while len(self._memo) > self.size:
                    self._memo.popitem(last=False)
        if not texts:
            return self.inner.embed(texts)
        return np.stack([found[t] for t in texts])

    def __getattr__(self, attr: str):  # name, tokenizer, count_tokens, ...: the wrapped embedder's
        return getattr(self.inner, attr)
