"""The ingest pipeline overlapped vs serial vs its raw encoder, interleaved in one process (RealTimeQA 2025).

    .venv/bin/python bench/ingest_overlap.py [--limit 150] [--reps 2] [--encoder int8|fp32] [--modes thread,overlap,raw]

On a shared machine, variants run minutes apart in separate processes (``bench/ingest.py``) see different
loads; here the modes run right after one another, each rep in the same order, on one warmed-up model:

- ``overlap``: ``Briefing.ingest`` as shipped (groups encoded and written on worker threads, Chroma's calls in a
  child process: ingest/writer.py);
- ``thread``: the same, with Chroma's calls on the writer thread (``writer.PROCESS_WRITER_FROM`` out of reach);
- ``serial``: as ``thread``, waiting for each group's write before reading on (the pipeline before);
- ``raw``: the encoder alone on the texts the last ingest embedded, in the same calls.

Each ingest goes into a fresh store; a 3-article ingest first pays the first-use costs outside the clock.
Prints wall and CPU seconds (all threads, and the writer process) and the 1-minute load before and after each run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RecordingEmbedder, bench_data_or_exit  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=150, help="the first N articles of the corpus")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--encoder", choices=("int8", "fp32"), default="int8")
    ap.add_argument("--modes", default="serial,thread,overlap,raw", help="run in this order in each rep")
    args = ap.parse_args()
    modes = [m.strip() for m in args.modes.split(",")]

    import resource

    import briefing.ingest.pipeline as pipeline
    import briefing.ingest.writer as writer
    from briefing import Briefing, Settings

    process_from = writer.PROCESS_WRITER_FROM

    def cpu_s() -> float:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    overlapped = pipeline._Overlap.submit

    def serial(self, texts, store):
        overlapped(self, texts, store)
        while self.in_flight:
            self._wait(self.in_flight.popleft())

    lines = (bench_data_or_exit() / "corpus.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-overlap-") as tmp:
        work = Path(tmp)
        corpus, warm = work / "corpus.jsonl", work / "warm.jsonl"
        corpus.write_text("".join(lines[: args.limit]), encoding="utf-8")
        warm.write_text("".join(lines[:3]), encoding="utf-8")

        def settings(name: str) -> Settings:
            return Settings(home=work / name, chroma_url=None, encoder=args.encoder, openai_base_url=None,
                            openai_api_key=None)

        model = Briefing(settings=settings("warm")).embedder
        model.embed(["warm-up"])
        Briefing(settings=settings("warm"), embedder=model).ingest([warm])  # imports, first Chroma writes
        calls: list[list[str]] | None = None
        print(f"RealTimeQA 2025, first {args.limit} articles, {args.encoder}, {os.cpu_count()} CPUs")
        for rep in range(1, args.reps + 1):
            for mode in modes:
                if mode == "raw" and calls is None:
                    continue
                load = os.getloadavg()[0]
                recorder = RecordingEmbedder(model)
                t0, c0 = time.perf_counter(), cpu_s()
                if mode == "raw":
                    for call in calls:
                        model.embed(call)
                else:
                    pipeline._Overlap.submit = serial if mode == "serial" else overlapped
                    writer.PROCESS_WRITER_FROM = process_from if mode == "overlap" else 10**12
                    Briefing(settings=settings(f"{mode}-{rep}"), embedder=recorder).ingest([corpus])
                wall, cpu = time.perf_counter() - t0, cpu_s() - c0
                if mode != "raw":
                    calls = recorder.calls
                print(f"rep {rep} {mode:<8} wall {wall:6.1f} s  cpu {cpu:6.1f} s  "
                      f"load {load:.1f}-{os.getloadavg()[0]:.1f}", flush=True)
        pipeline._Overlap.submit = overlapped
        writer.PROCESS_WRITER_FROM = process_from
    return 0


if __name__ == "__main__":
    sys.exit(main())
