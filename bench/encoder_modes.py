"""The raw ONNX encoders alone on real passages: how batches are run, and (``--fused``) a fused graph.

    .venv/bin/python bench/encoder_modes.py [--limit 150] [--reps 2] [--fused] [--pipeline int8|fp32]

Passages: the first ``--limit`` RealTimeQA 2025 articles split as ingest splits them (192/32 word pieces,
title + passage, as the encoder reads them), encoded in one call per article group of ~512 passages.
Modes, interleaved in each rep on warmed-up sessions (on a shared machine, the load moves between runs):

- ``intra-op``: batches of 32 one at a time, split across the cores by onnxruntime's intra-op threads (idle
  threads sleep): how the encoder ran first;
- ``batches-32``: batches of 32 at once, one per core, each on one thread, onnxruntime's default graph rewrites:
  how it ran next;
- ``side-by-side``: ``OnnxEmbedder`` as shipped: the passages one per call, side by side, with the precision's
  graph rewrites left out (``onnx_embed.UNFUSED``: int8 without SkipLayerNormalization);
- ``--fused``: also onnxruntime.transformers' ``optimize_model`` (BERT fusions: Attention, EmbedLayerNorm,
  SkipLayerNorm, BiasGelu) of the fp32 export, and ``quantize_dynamic`` of that (QAttention), side by side.

``--pipeline P``: instead, ``Briefing.ingest`` of those articles into a fresh store per run, the encoder at
precision P in the two modes, interleaved (the pipeline's threads compete with the encoder's).

Prints wall and CPU seconds (all threads), passages/s, the 1-minute load, each variant's cosine to fp32
(worst passage), and int8 / fp32 speed per mode (best of the reps).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_data_or_exit, read_jsonl  # noqa: E402


def passages(limit: int, tokenizer) -> list[list[str]]:
    from briefing.ingest.passages import split_passages

    texts = []
    for row in read_jsonl(bench_data_or_exit() / "corpus.jsonl")[:limit]:
        title = row.get("title") or ""
        texts += [f"{title}\n{row['text'][s.start:s.end]}" for s in split_passages(row["text"], 192, 32, tokenizer)]
    return [texts[i : i + 512] for i in range(0, len(texts), 512)]


def fused(fp32: Path, folder: Path) -> tuple[Path, Path]:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    opt, optq = folder / "fused-fp32.onnx", folder / "fused-int8.onnx"
    optimize_model(str(fp32), model_type="bert", num_heads=12, hidden_size=384).save_model_to_file(str(opt))
    # the fused operators are outside ONNX's shape inference: their outputs are float
    quantize_dynamic(str(opt), str(optq), weight_type=QuantType.QInt8, per_channel=True,
                     extra_options={"DefaultTensorType": 1})
    return opt, optq


def pipeline(args: argparse.Namespace, encoders: dict) -> int:
    """Whole ingests of the first ``--limit`` articles, one fresh store per run, the encoder modes interleaved."""
    from briefing import Briefing, Settings
    from briefing.ingest.embed import DEFAULT_NAME, INT8_NAME

    lines = (bench_data_or_exit() / "corpus.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-modes-"))
    corpus, warm = work / "corpus.jsonl", work / "warm.jsonl"  # excerpts, outside the repository
    corpus.write_text("".join(lines[: args.limit]), encoding="utf-8")
    warm.write_text("".join(lines[-3:]), encoding="utf-8")  # articles outside the timed ones
    for e in encoders.values():
        e.name = INT8_NAME if args.pipeline == "int8" else DEFAULT_NAME
        e.embed(["warm-up"] * 64)
    print(f"RealTimeQA 2025, first {args.limit} articles, {args.pipeline}, {os.cpu_count()} CPUs")
    for rep in range(args.reps):
        for mode, e in encoders.items():
            settings = Settings(home=work / f"home-{rep}-{mode}", chroma_url=None, encoder=args.pipeline,
                                openai_base_url=None, openai_api_key=None)
            b = Briefing(settings=settings, embedder=e)
            b.ingest([warm])  # first-use costs (imports, Punkt) outside the clock
            load = os.getloadavg()[0]
            t0, c0 = time.perf_counter(), time.process_time()
            b.ingest([corpus])
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            print(f"rep {rep + 1} {mode:13s} wall {wall:6.1f} s  cpu {cpu:6.1f} s  load {load:.2f}-"
                  f"{os.getloadavg()[0]:.2f}", flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=150, help="the first N articles of the corpus")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--fused", action="store_true", help="also the optimize_model graph, fp32 and int8")
    ap.add_argument("--pipeline", choices=("int8", "fp32"), help="time whole ingests at this precision instead")
    args = ap.parse_args()

    import numpy as np
    import onnxruntime

    from briefing import Settings
    from briefing.ingest.embed import bundled_model_path
    from briefing.ingest.onnx_embed import UNFUSED, OnnxEmbedder, ensure_onnx

    logging.getLogger().setLevel(logging.ERROR)  # the quantiser's advice goes to the root logger
    model, models = bundled_model_path(), Settings().models_path
    files = {p: ensure_onnx(models, model, p) for p in ("fp32", "int8")}
    encoders: dict[str, OnnxEmbedder] = {}
    for precision, f in files.items():
        before = OnnxEmbedder(f, model, precision, batch_size=32, threads=1)  # threads=1: never side by side
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        intra_op = onnxruntime.InferenceSession(str(f), options, providers=["CPUExecutionProvider"])
        before.__dict__["session"] = intra_op  # all cores, one batch at a time
        encoders[f"{precision} intra-op"] = before
        encoders[f"{precision} batches-32"] = OnnxEmbedder(f, model, precision, batch_size=32)
        encoders[f"{precision} side-by-side"] = OnnxEmbedder(f, model, precision,
                                                             disabled_optimizers=UNFUSED[precision])
    tmp = tempfile.TemporaryDirectory(prefix="briefing-bench-fused-")
    if args.fused:
        for precision, f in zip(("fp32", "int8"), fused(files["fp32"], Path(tmp.name)), strict=True):
            encoders[f"{precision} fused"] = OnnxEmbedder(f, model, precision)

    if args.pipeline:
        return pipeline(args, {k.split(" ", 1)[1]: e for k, e in encoders.items() if k.startswith(args.pipeline)})
    calls = passages(args.limit, encoders["fp32 side-by-side"].tokenizer)
    n = sum(len(c) for c in calls)
    print(f"RealTimeQA 2025, first {args.limit} articles: {n} passages in {len(calls)} calls, {os.cpu_count()} CPUs")
    for e in encoders.values():
        e.embed(calls[0][:64])  # sessions made and warmed up outside the clock
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in encoders}
    vectors: dict[str, np.ndarray] = {}
    for rep in range(args.reps):
        for name, e in encoders.items():
            load = os.getloadavg()[0]
            t0, c0 = time.perf_counter(), time.process_time()
            vectors[name] = np.concatenate([e.embed(call) for call in calls])
            wall, cpu = time.perf_counter() - t0, time.process_time() - c0
            times[name].append((wall, cpu))
            print(f"rep {rep + 1} {name:18s} wall {wall:6.1f} s  cpu {cpu:6.1f} s  {n / wall:6.1f} passages/s  "
                  f"load {load:.2f}-{os.getloadavg()[0]:.2f}", flush=True)
    print()
    for name in encoders:
        cos = (vectors[name] * vectors["fp32 side-by-side"]).sum(axis=1)
        wall, cpu = (min(t[i] for t in times[name]) for i in (0, 1))
        print(f"{name:18s} best wall {wall:6.1f} s  cpu {cpu:6.1f} s  cosine to fp32: worst {cos.min():.4f}, "
              f"mean {cos.mean():.4f}")
    for mode in ("intra-op", "batches-32", "side-by-side", "fused"):
        if f"int8 {mode}" in times:
            f32, i8 = times[f"fp32 {mode}"], times[f"int8 {mode}"]
            print(f"int8 / fp32 speed, {mode}: wall {min(t[0] for t in f32) / min(t[0] for t in i8):.2f}x, "
                  f"cpu {min(t[1] for t in f32) / min(t[1] for t in i8):.2f}x")
    print(json.dumps({k: v for k, v in times.items()}))
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
