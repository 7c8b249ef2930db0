"""Latency of retrieval and of whole extractive answers on the RealTimeQA slice, and `briefing ask` cold start.

    .venv/bin/python bench/ask.py [--home DIR] [--cold-runs 3] [--llm extractive|local|openai] [--limit N]
                                  [--naive DIR] [--profile FILE]

Targets: retrieval p50 <= 50 ms, extractive answer p50 <= 300 ms (warm), cold start <= 3 s; `--llm local`:
whole answer p50 <= 20 s on 2 cores. Also prints the time to the first verified claim (the first text the
chain yields: every backend's claims are verified before they are shown) and answer accuracy (the answer
contains the right choice and none of the distractors). `--limit N`: the first N questions only.
`--naive DIR`: also time the naive LlamaIndex pipeline's dense query (bench/naive.py; built into DIR on
first use) on the same questions in the same run, and print hybrid retrieval's p50 as a multiple of it
(target <= 1.5x). `--profile FILE`: pyinstrument profile of the warm answers, as text.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from rtqa import DEFAULT_HOME, rtqa_briefing

from briefing.eval.realtimeqa import answer_correct

REPO = Path(__file__).resolve().parents[1]


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=str(DEFAULT_HOME))
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--llm", default="extractive", choices=["extractive", "local", "openai"])
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--naive", type=Path, help="the naive pipeline's folder (bench/naive.py)")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument text profile of the answers here")
    args = parser.parse_args()
    b, questions = rtqa_briefing(Path(args.home))
    questions = questions[: args.limit] if args.limit else questions
    b.ask("warm up", k=8, backend=args.llm)  # model, store, keyword index (and a local server) loaded once
    naive = None
    if args.naive:
        from naive import NaivePipeline

        naive = NaivePipeline(args.naive, b.embedder)  # the same MiniLM, through llama-index, as the naive build
        naive.retrieve("warm up", k=8)
    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler()

    retrieval, answers, first, naive_ms, correct, fallbacks = [], [], [], [], 0, 0
    for q in questions:
        if naive is not None:  # interleaved with ours: both see the same machine load
            t0 = time.perf_counter()
            naive.retrieve(q["question"], k=8, until=q["date"])
            naive_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        b.retrieve(q["question"], k=8, until=q["date"])
        retrieval.append((time.perf_counter() - t0) * 1000)
        if profiler:
            profiler.start()
        t0, seen = time.perf_counter(), None
        for item in b.ask_stream(q["question"], k=8, until=q["date"], backend=args.llm):
            if seen is None and isinstance(item, str) and item.strip():
                seen = (time.perf_counter() - t0) * 1000
            answer = item
        answers.append((time.perf_counter() - t0) * 1000)
        if profiler:
            profiler.stop()
        first.append(seen if seen is not None else answers[-1])
        fallbacks += answer.fallback_reason is not None
        # the eval's rule: an abstention is never right, even when its list of closest articles names the answer
        correct += not answer.abstained and answer_correct(answer.answer, q["answer"], q["distractors"])

    env = {**os.environ, "BRIEFING_HOME": str(args.home)}
    env.pop("OPENAI_BASE_URL", None)
    env.pop("OPENAI_API_KEY", None)
    cli = str(Path(sys.executable).parent / "briefing")
    cold = []
    for _ in range(args.cold_runs if args.llm == "extractive" else 0):
        t0 = time.perf_counter()
        subprocess.run([cli, "ask", questions[0]["question"], "--until", questions[0]["date"]], env=env,
                       check=True, capture_output=True)
        cold.append(time.perf_counter() - t0)

    n = len(questions)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    print(f"RealTimeQA 2025 slice: {n} questions, k=8, until=quiz date, backend {args.llm} "
          f"({fallbacks} fell back to extractive)")
    target = 300 if args.llm == "extractive" else 20000
    for name, ms, goal in (("retrieval", retrieval, 50), (f"{args.llm} answer", answers, target),
                           ("first verified claim", first, target)):
        print(f"{name:<20} p50 {pct(ms, 50):9.1f} ms  p95 {pct(ms, 95):9.1f} ms  (target p50 <= {goal} ms)")
    if naive_ms:
        print(f"{'naive dense query':<20} p50 {pct(naive_ms, 50):9.1f} ms  p95 {pct(naive_ms, 95):9.1f} ms  "
              f"(LlamaIndex retriever, {naive.chunks} chunks, same questions and until=)")
        print(f"hybrid retrieval / naive dense query, p50: {pct(retrieval, 50) / pct(naive_ms, 50):.2f}x "
              f"(target <= 1.5x)")
    if profiler:
        args.profile.write_text(profiler.output_text(unicode=False, color=False, show_all=False), encoding="utf-8")
        print(f"profile of the answers: {args.profile}")
    if cold:
        print(f"cold start `briefing ask`: median {statistics.median(cold):.2f} s over {len(cold)} runs "
              f"(min {min(cold):.2f} s; target <= 2 s, issue 12)")
    print(f"answer accuracy: {correct}/{n} = {correct / n:.3f} "
          "(not an abstention; contains the right choice and no distractor)")


if __name__ == "__main__":
    main()
