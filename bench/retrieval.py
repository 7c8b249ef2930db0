"""Answer recall@1/5/10 on RealTimeQA for dense, keyword and hybrid retrieval, with and without until=date.

    .venv/bin/python bench/retrieval.py [--home DIR]

The metric (the benchmark's README): the share of questions whose answer string appears in one of the
top-k passages. `until=date` hides articles published after the day the quiz was asked.
"""

from __future__ import annotations

import argparse
import json

from rtqa import DEFAULT_HOME, answer_in, rtqa_briefing

KS = (1, 5, 10)


def recall_at_k(hits: list[int | None], k: int) -> float:
    """Share of questions whose first answer-bearing passage ranks within k (hits: 1-based rank or None)."""
    return sum(1 for h in hits if h is not None and h <= k) / max(1, len(hits))


def first_hit(answer: str, passages) -> int | None:
    for rank, p in enumerate(passages, start=1):
        if answer_in(answer, [p.text]):
            return rank
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=str(DEFAULT_HOME))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    b, questions = rtqa_briefing(args.home)
    retriever = b.retriever
    configs = [("dense", (1.0, 1.0)), ("keyword", (1.0, 1.0)), ("hybrid", (1.0, 1.0)), ("hybrid", (1.0, 0.5)),
               ("hybrid", (0.5, 1.0))]
    rows = []
    for mode, weights in configs:
        retriever.weights = weights
        for until in (False, True):
            hits = []
            for q in questions:
                passages = retriever.retrieve(q["question"], k=max(KS), until=q["date"] if until else None, mode=mode)
                hits.append(first_hit(q["answer"], passages))
            name = mode if mode != "hybrid" else f"hybrid RRF w={weights[0]:g}/{weights[1]:g}"
            rows.append({"retrieval": name, "until": until, **{f"R@{k}": recall_at_k(hits, k) for k in KS}})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print(f"RealTimeQA 2025 slice: {len(questions)} questions, {len(b.sources())} articles, "
          f"{b.store.count_passages()} passages")
    print(f"{'retrieval':<26} {'until':<6} " + " ".join(f"{'R@' + str(k):>6}" for k in KS))
    for r in rows:
        print(f"{r['retrieval']:<26} {'yes' if r['until'] else 'no':<6} "
              + " ".join(f"{r['R@' + str(k)]:>6.3f}" for k in KS))


if __name__ == "__main__":
    main()
