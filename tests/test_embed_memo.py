"""The answerer's sentence-vector memo (briefing/answering/embed_memo.py)."""

from __future__ import annotations

import numpy as np

from briefing.answering.embed_memo import MemoEmbedder


class Counting:
    name = "counting"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.array([[len(t), t.count("a"), 1.0] for t in texts], dtype=np.float32).reshape(len(texts), 3)


def test_each_text_is_embedded_once_and_vectors_come_back_in_order():
    inner = Counting()
    memo = MemoEmbedder(inner)
    first = memo.embed(["alpha", "beta", "alpha"])
    again = memo.embed(["gamma", "beta", "alpha"])
    assert sorted(inner.seen) == ["alpha", "beta", "gamma"]  # each once
    np.testing.assert_array_equal(first, inner.embed(["alpha", "beta", "alpha"]))
    np.testing.assert_array_equal(again, inner.embed(["gamma", "beta", "alpha"]))
    assert memo.name == "counting"  # everything else is the wrapped embedder's
    assert memo.embed([]).shape[0] == 0


def test_the_least_recently_used_text_leaves_first():
    inner = Counting()
    memo = MemoEmbedder(inner, size=2)
    memo.embed(["a", "b"])
    memo.embed(["a"])  # "a" used again: "b" is now the oldest
    memo.embed(["c"])
    inner.seen.clear()
    memo.embed(["a", "b", "c"])
    assert inner.seen == ["b"]


def test_new_texts_reach_the_encoder_shortest_first():
    inner = Counting()
    memo = MemoEmbedder(inner)
    texts = ["a much longer passage of text", "short", "a middling one"]
    np.testing.assert_array_equal(memo.embed(texts), inner.embed(texts))  # the caller's order kept
    assert inner.seen[:3] == ["short", "a middling one", "a much longer passage of text"]
