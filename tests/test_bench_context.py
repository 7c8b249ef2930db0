"""The equal-context budget of bench/context.py: spans of one article are counted once and cut at the budget."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def _context():
    """bench/context.py, imported with bench/ at the END of the path (its ingest.py must not shadow the package)."""
    sys.path.append(str(BENCH))
    try:
        import context
    finally:
        sys.path.remove(str(BENCH))
    return context


DOCS = {"a": "one two three four five six seven eight nine ten", "b": "alpha beta gamma"}


def count(text: str) -> int:
    return len(text.split())


def cut(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def test_subtract_and_merge_spans():
    ctx = _context()
    assert ctx.subtract((0, 10), [(2, 4), (8, 12)]) == [(0, 2), (4, 8)]
    assert ctx.subtract((3, 5), [(0, 10)]) == []
    assert ctx.merge([(5, 8), (0, 5), (10, 12)]) == [(0, 8), (10, 12)]


def test_overlapping_passages_of_one_article_count_once_and_join():
    ctx = _context()
    # "one two three" then "three four five": the shared word is counted once, the spans are joined
    texts, used = ctx.fill_budget([("a", 0, 13), ("a", 8, 23)], DOCS, None, count, cut)
    assert texts == ["one two three four five"]
    assert used == 5


def test_budget_cuts_the_last_unit_and_stops():
    ctx = _context()
    pieces = [("a", 0, 13), ("b", 0, 16), ("a", 24, 40)]  # 3 + 3 + 3 words
    texts, used = ctx.fill_budget(pieces, DOCS, 4, count, cut)
    assert used == 4
    assert texts == ["one two three", "alpha"]


def test_seed_items_need_every_fact_and_realtimeqa_the_answer():
    ctx = _context()
    item = {"facts": [["Claude"], ["all lawful purposes", "any lawful use"]]}
    assert ctx.answered(item, ["They asked for Claude.", "For any lawful use, they said."])
    assert not ctx.answered(item, ["They asked for Claude."])
    assert ctx.answered({"answer": "Ship Bottom"}, ["a tower from ship bottom, N.J."])
    assert not ctx.answered({"answer": "Ship Bottom"}, ["Atlantic City"])
