"""The extractive answerer over the naive pipeline's chunks against over the project's passages (RealTimeQA 2025).

    .venv/bin/python bench/naive_answer.py [--home DIR] [--naive-dir DIR]

The naive LlamaIndex pipeline (bench/naive.py) retrieves; it has no answerer of its own without a model server,
so the project's extractive answerer answers from its chunks, as from the project's passages: answer accuracy
(the answer contains the right choice and no distractor; an abstention is never right) with until= the quiz
date, by k, with the mean word pieces of context the answerer read.
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

from common import word_pieces
from naive import DEFAULT_DIR, NaivePipeline
from rtqa import DEFAULT_HOME, rtqa_briefing

from briefing.answering.extractive import ExtractiveBackend
from briefing.eval.realtimeqa import answer_correct


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", default=str(DEFAULT_HOME))
    ap.add_argument("--naive-dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args()
    b, questions = rtqa_briefing(args.home)
    answerer = ExtractiveBackend(b.embedder)
    naive = NaivePipeline(args.naive_dir, b.embedder)
    tok = word_pieces()
    runs = [("project hybrid", 8, lambda q, k: b.retrieve(q["question"], k=k, until=q["date"]))] + [
        ("naive LlamaIndex 1024/128", k, lambda q, k: naive.passages(q["question"], k, until=q["date"]))
        for k in (2, 4, 8)]
    print(f"{'retrieval':<28} {'k':>3} {'accuracy':>9} {'abstained':>10} {'context tokens':>15}")
    for name, k, fetch in runs:
        right = abstained = 0
        tokens = []
        for q in questions:
            passages = fetch(q, k)
            tokens.append(sum(len(tok.encode(p.text, add_special_tokens=False).ids) for p in passages))
            draft = answerer.generate(q["question"], passages)
            text = " ".join(c.text for c in draft.claims)
            abstained += not draft.claims
            right += bool(draft.claims) and answer_correct(text, q["answer"], q["distractors"])
        print(f"{name:<28} {k:>3} {right / len(questions):>9.3f} {abstained / len(questions):>10.2f} "
              f"{statistics.mean(tokens):>15.0f}")


if __name__ == "__main__":
    main()
