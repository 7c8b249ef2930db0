"""Ingestion throughput on the RealTimeQA corpus, against the raw encoder on the same texts.

    .venv/bin/python bench/ingest.py [--limit N] [--json] [--one-call] [--profile FILE]

Ingests ``corpus.jsonl`` through the public API into a fresh temporary BRIEFING_HOME (embedded
Chroma), with the embedding model loaded *before* the clock starts. Then re-encodes exactly the
texts the pipeline embedded (recorded at the embedder seam), with the same model object, the same
batch size and the same call grouping, and reports ingest_wall / raw_encode: everything the
pipeline adds on top of the encoder (reading, splitting, tokenising, Chroma writes, imports).
Also times the CLI start-up (`briefing --help`) and `import briefing`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, RecordingEmbedder, bench_data_or_exit, best_of, peak_rss_mb  # noqa: E402

TARGET_RATIO = 1.15
TARGET_HELP_S = 0.5


def time_cli(repeat: int = 5) -> tuple[float, float]:
    """Best-of-N wall time of `briefing --help` and of `python -c "import briefing"`."""
    exe = REPO / ".venv" / "bin" / "briefing"
    py = REPO / ".venv" / "bin" / "python"
    if not exe.exists():
        exe = Path(sys.executable).with_name("briefing")
        py = Path(sys.executable)
    run = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, cwd=REPO)
    help_s = best_of(lambda: subprocess.run([str(exe), "--help"], **run), repeat)
    import_s = best_of(lambda: subprocess.run([str(py), "-c", "import briefing"], **run), repeat)
    return help_s, import_s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N articles of the corpus (quick runs)")
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument("--one-call", action="store_true", help="also time the raw encode as one single embed() call")
    ap.add_argument("--profile", metavar="FILE", help="run the ingest under cProfile and dump stats to FILE")
    args = ap.parse_args()

    corpus = bench_data_or_exit() / "corpus.jsonl"

    from briefing import Briefing, Settings
    from briefing.ingest.embed import SentenceTransformerEmbedder

    with tempfile.TemporaryDirectory(prefix="briefing-bench-ingest-") as tmp:
        tmp = Path(tmp)
        if args.limit:
            lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)[: args.limit]
            corpus = tmp / "corpus.jsonl"  # a temp excerpt, outside the repository
            corpus.write_text("".join(lines), encoding="utf-8")

        settings = Settings(home=tmp / "home", chroma_url=None)  # always a fresh embedded store
        model = SentenceTransformerEmbedder(settings.embed_model)
        t0 = time.perf_counter()
        model.embed(["warm-up"])  # loads the weights: kept out of both timings
        _ = model.tokenizer
        load_s = time.perf_counter() - t0

        recorder = RecordingEmbedder(model)
        b = Briefing(settings=settings, embedder=recorder)

        profiler = None
        if args.profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        t0, c0 = time.perf_counter(), time.process_time()
        report = b.ingest([corpus])
        ingest_s, ingest_cpu = time.perf_counter() - t0, time.process_time() - c0
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)

        passages = b.store.count_passages()
        texts = recorder.texts
        if len(texts) != passages:
            print(f"warning: {len(texts)} texts embedded but {passages} passages stored", file=sys.stderr)

        # The same texts, same model object, same batch size, same call grouping as the pipeline.
        t0, c0 = time.perf_counter(), time.process_time()
        for call in recorder.calls:
            model.embed(call)
        raw_s, raw_cpu = time.perf_counter() - t0, time.process_time() - c0
        one_call_s = None
        if args.one_call:
            t0 = time.perf_counter()
            model.embed(texts)
            one_call_s = time.perf_counter() - t0
        peak = peak_rss_mb()

    help_s, import_s = time_cli()

    results = {
        "articles": len(report.added) + len(report.updated),
        "failed": len(report.failed),
        "passages": passages,
        "chars_embedded": sum(len(t) for t in texts),
        "embed_calls": len(recorder.calls),
        "batch_size": model.batch_size,
        "chunk_size": settings.chunk_size,
        "chunk_overlap": settings.chunk_overlap,
        "model_load_s": round(load_s, 3),
        "ingest_wall_s": round(ingest_s, 3),
        "passages_per_s": round(passages / ingest_s, 2) if ingest_s else None,
        "embed_inside_ingest_s": round(recorder.seconds, 3),
        "non_embed_inside_ingest_s": round(ingest_s - recorder.seconds, 3),
        "raw_encode_s": round(raw_s, 3),
        "raw_encode_one_call_s": round(one_call_s, 3) if one_call_s is not None else None,
        "ratio_ingest_over_raw": round(ingest_s / raw_s, 3) if raw_s else None,
        "ingest_cpu_s": round(ingest_cpu, 3),
        "raw_encode_cpu_s": round(raw_cpu, 3),
        "cpu_ratio_ingest_over_raw": round(ingest_cpu / raw_cpu, 3) if raw_cpu else None,
        "peak_rss_mb": round(peak, 1),
        "help_s": round(help_s, 3),
        "import_briefing_s": round(import_s, 3),
        "targets": {"ratio_ingest_over_raw": TARGET_RATIO, "help_s": TARGET_HELP_S},
    }
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0

    r = results
    ok = lambda good: "ok" if good else "MISSED"  # noqa: E731
    print(f"corpus:               {corpus.name}{f' (first {args.limit})' if args.limit else ''}")
    print(f"articles:             {r['articles']} ingested, {r['failed']} failed")
    print(f"passages:             {r['passages']}  (chunk {r['chunk_size']}/{r['chunk_overlap']}, "
          f"{r['chars_embedded']:,} chars in {r['embed_calls']} embed calls, batch {r['batch_size']})")
    print(f"model load:           {load_s:8.2f} s   (excluded from both timings)")
    print(f"ingest wall:          {ingest_s:8.2f} s")
    print(f"  embed inside:       {recorder.seconds:8.2f} s")
    print(f"  everything else:    {ingest_s - recorder.seconds:8.2f} s   (read, split, store, imports)")
    print(f"passages/s:           {r['passages_per_s']:8.1f}")
    print(f"raw encode:           {raw_s:8.2f} s   (same texts, model, batch size and grouping)")
    if one_call_s is not None:
        print(f"raw encode, 1 call:   {one_call_s:8.2f} s")
    ratio = r["ratio_ingest_over_raw"]
    print(f"ingest / raw encode:  {ratio:8.3f}     target <= {TARGET_RATIO}  {ok(ratio <= TARGET_RATIO)}")
    cpu_ratio = r["cpu_ratio_ingest_over_raw"]
    print(f"CPU time (all threads): ingest {ingest_cpu:.2f} s, raw encode {raw_cpu:.2f} s, ratio {cpu_ratio:.3f}"
          "   (less sensitive to other load on the machine than wall time)")
    print(f"peak memory (RSS):    {peak:8.0f} MB")
    help_ok = ok(help_s < TARGET_HELP_S)
    print(f"briefing --help:      {help_s:8.3f} s   target < {TARGET_HELP_S}  {help_ok}  (best of 5)")
    print(f"import briefing:      {import_s:8.3f} s   (best of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
