"""Ingest side by side on the RealTimeQA 2025 corpus: this project (fp32, int8), its raw encoders, the naive pipeline.

    .venv/bin/python bench/ingest.py [--limit N] [--json FILE] [--chunk-size N --chunk-overlap N] [--only V,...]

Variants, each in its own subprocess (a fresh interpreter; peak memory is that process's RSS high-water
mark, read from ``os.wait4``; the model is loaded and warmed up *before* the clock starts):

- ``project-fp32`` / ``project-int8``: ``Briefing.ingest`` of ``corpus.jsonl`` into a fresh embedded store
  with BRIEFING_ENCODER=fp32 / int8 (the model's ONNX export, as is / quantised to int8).
- ``raw-fp32`` / ``raw-int8``: the same encoder alone on exactly the texts that project variant embedded,
  in the same call grouping: what the pipeline costs on top of its encoder is project wall / raw wall.
- ``naive``: the LlamaIndex tutorial pipeline: one ``Document`` per article (title and date as metadata),
  ``SentenceSplitter`` 1024/128, ``VectorStoreIndex`` over a persistent Chroma collection, the same
  all-MiniLM-L6-v2 through ``llama-index-embeddings-huggingface`` (``pip install -e '.[bench]'``),
  batch 64. MiniLM reads the first 256 word pieces of each chunk: most of each chunk is never encoded.

Recall: answer recall@1/5/10 on the 65 questions with ``until=`` the quiz date (the answer string in one of
the top-k passages), dense for every variant (raw: exact cosine over the same passages, date-filtered);
the project variants also report their hybrid retrieval (dense + BM25), what `briefing ask` uses.
``--limit N`` ingests the first N articles only (seconds; recall is then low: most answers are missing).
The full run takes many minutes on a loaded 2-core machine; print `uptime` beside its numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import RecordingEmbedder, bench_data_or_exit, read_jsonl  # noqa: E402

VARIANTS = ("project-fp32", "project-int8", "raw-fp32", "raw-int8", "naive")
KS = (1, 5, 10)
NAIVE_CHUNK, NAIVE_OVERLAP, NAIVE_BATCH = 1024, 128, 64
# the goals
INT8_SPEEDUP, RECALL_SLACK, OVERHEAD = 2.0, 0.015, 1.15


# ---- shared --------------------------------------------------------------------------------------


def answer_rank(answer: str, texts: list[str]) -> int | None:
    needle = answer.lower()
    return next((rank for rank, t in enumerate(texts, start=1) if needle in t.lower()), None)


def recall(ranks: list[int | None]) -> dict[str, float]:
    return {f"R@{k}": round(sum(1 for r in ranks if r is not None and r <= k) / max(1, len(ranks)), 4) for k in KS}


def hwm_mb() -> float:
    """This process's RSS high-water mark so far (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    """CPU seconds of this process's threads and of its children waited for (the ingest's writer process)."""
    import resource

    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def make_settings(home: Path, precision: str, args: argparse.Namespace):
    from briefing import Settings

    extra = {"chunk_size": args.chunk_size, "chunk_overlap": args.chunk_overlap}
    return Settings(home=home, chroma_url=None, encoder=precision, openai_base_url=None, openai_api_key=None,
                    **{k: v for k, v in extra.items() if v is not None})


# ---- the children --------------------------------------------------------------------------------


def child_project(precision: str, corpus: Path, work: Path, args: argparse.Namespace) -> dict:
    from briefing import Briefing

    settings = make_settings(work / f"home-{precision}", precision, args)
    model = Briefing(settings=settings).embedder
    model.embed(["warm-up"])  # loads the weights (and the ONNX session): outside the clock
    _ = model.tokenizer
    recorder = RecordingEmbedder(model)
    b = Briefing(settings=settings, embedder=recorder)

    t0, c0 = time.perf_counter(), cpu_s()
    report = b.ingest([corpus])
    wall, cpu = time.perf_counter() - t0, cpu_s() - c0
    peak_ingest = hwm_mb()
    import resource

    peak_writer = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the writer process (ingest/writer.py)
    passages = b.store.count_passages()
    assert b.store.encoder() == model.name

    # what the raw-encoder variant replays, and how it scores recall: the texts, calls and passage dates
    dates = {a.article_id: a.published for a in b.sources()}
    stored = b.store.all_passages()
    (work / f"texts-{precision}.json").write_text(json.dumps({
        "calls": recorder.calls,
        "passages": [{"embedded": f"{p.title}\n{p.text}", "text": p.text, "published": dates.get(p.article_id)}
                     for p in stored],
    }), encoding="utf-8")

    questions = read_jsonl(bench_data_or_exit() / "questions.jsonl")
    ranks: dict[str, list] = {"dense": [], "hybrid": []}
    for q in questions:
        for mode in ranks:
            found = b.retriever.retrieve(q["question"], k=max(KS), until=q["date"], mode=mode)
            ranks[mode].append(answer_rank(q["answer"], [p.text for p in found]))
    return {
        "articles": len(report.added) + len(report.updated), "failed": len(report.failed), "passages": passages,
        "wall_s": wall, "cpu_s": cpu, "embed_s": recorder.seconds, "peak_ingest_mb": peak_ingest,
        "peak_writer_mb": peak_writer,
        "encoder": model.name, "chunk": f"{settings.chunk_size}/{settings.chunk_overlap}",
        "recall_dense": recall(ranks["dense"]), "recall_hybrid": recall(ranks["hybrid"]),
    }


def child_raw(precision: str, corpus: Path, work: Path, args: argparse.Namespace) -> dict:
    import numpy as np

    from briefing import Briefing

    texts = work / f"texts-{precision}.json"
    if not texts.exists():  # both precisions split with the same tokenizer: the other one's passages are these
        texts = next(work.glob("texts-*.json"))
    saved = json.loads(texts.read_text(encoding="utf-8"))
    model = Briefing(settings=make_settings(work / "home-raw", precision, args)).embedder
    model.embed(["warm-up"])
    _ = model.tokenizer
    t0, c0 = time.perf_counter(), cpu_s()
    made = [model.embed(call) for call in saved["calls"]]
    wall, cpu = time.perf_counter() - t0, cpu_s() - c0
    peak = hwm_mb()

    # recall by exact cosine over the same passages (what the store's HNSW index approximates)
    by_text = {t: v for call, vs in zip(saved["calls"], made, strict=True) for t, v in zip(call, vs, strict=True)}
    rows = saved["passages"]
    vectors = np.stack([by_text[r["embedded"]] for r in rows])
    questions = read_jsonl(bench_data_or_exit() / "questions.jsonl")
    asked = model.embed([q["question"] for q in questions])
    ranks = []
    for q, qv in zip(questions, asked, strict=True):
        allowed = np.array([bool(r["published"]) and r["published"] <= q["date"] for r in rows])
        scores = np.where(allowed, vectors @ qv, -np.inf)
        top = [int(i) for i in np.argsort(-scores, kind="stable")[: max(KS)] if allowed[i]]
        ranks.append(answer_rank(q["answer"], [rows[i]["text"] for i in top]))
    articles = sum(1 for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip())
    return {"articles": articles, "passages": sum(len(c) for c in saved["calls"]), "wall_s": wall, "cpu_s": cpu,
            "peak_ingest_mb": peak, "encoder": model.name, "recall_dense": recall(ranks)}


def child_naive(corpus: Path, work: Path, args: argparse.Namespace) -> dict:
    import chromadb
    from llama_index.core import Document, StorageContext, VectorStoreIndex
    from llama_index.core.node_parser import SentenceSplitter
    from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from briefing.ingest.embed import bundled_model_path
    from briefing.ingest.metadata import parse_published

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    embed_model = HuggingFaceEmbedding(model_name=str(bundled_model_path()), device="cpu",
                                       embed_batch_size=NAIVE_BATCH)
    embed_model.get_text_embedding("warm-up")
    client = chromadb.PersistentClient(path=str(work / "naive-chroma"),
                                       settings=chromadb.Settings(anonymized_telemetry=False))
    collection = client.get_or_create_collection("naive", metadata={"hnsw:space": "cosine"})

    t0, c0 = time.perf_counter(), time.process_time()
    docs = []
    for row in read_jsonl(corpus):
        published = parse_published(row["publish_date"]) if row.get("publish_date") else None
        meta = {"title": row.get("title") or ""}
        if published:
            meta |= {"published": published, "published_ord": int(published.replace("-", ""))}
        docs.append(Document(text=row["text"], metadata=meta, excluded_embed_metadata_keys=["published_ord"],
                             excluded_llm_metadata_keys=["published_ord"]))
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    splitter = SentenceSplitter(chunk_size=NAIVE_CHUNK, chunk_overlap=NAIVE_OVERLAP)
    index = VectorStoreIndex.from_documents(docs, storage_context=storage, embed_model=embed_model,
                                            transformations=[splitter])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = hwm_mb()

    questions = read_jsonl(bench_data_or_exit() / "questions.jsonl")
    ranks = []
    for q in questions:
        filters = MetadataFilters(filters=[MetadataFilter(key="published_ord", value=int(q["date"].replace("-", "")),
                                                          operator=FilterOperator.LTE)])
        nodes = index.as_retriever(similarity_top_k=max(KS), filters=filters).retrieve(q["question"])
        ranks.append(answer_rank(q["answer"], [n.node.get_content() for n in nodes]))
    return {"articles": len(docs), "passages": collection.count(), "wall_s": wall, "cpu_s": cpu,
            "peak_ingest_mb": peak, "encoder": f"HuggingFaceEmbedding (batch {NAIVE_BATCH})",
            "chunk": f"{NAIVE_CHUNK}/{NAIVE_OVERLAP} tiktoken", "recall_dense": recall(ranks)}


def run_child(args: argparse.Namespace) -> int:
    corpus, work = Path(args.corpus), Path(args.work)
    kind, _, precision = args.child.partition("-")
    if kind == "project":
        result = child_project(precision, corpus, work, args)
    elif kind == "raw":
        result = child_raw(precision, corpus, work, args)
    else:
        result = child_naive(corpus, work, args)
    print("RESULT " + json.dumps(result), flush=True)
    return 0


# ---- the parent ------------------------------------------------------------------------------------


def run_variant(variant: str, corpus: Path, work: Path, args: argparse.Namespace) -> dict:
    """One variant in a fresh interpreter; its RSS high-water mark comes from ``wait4``."""
    cmd = [sys.executable, __file__, "--child", variant, "--corpus", str(corpus), "--work", str(work)]
    for flag in ("chunk_size", "chunk_overlap"):
        if getattr(args, flag) is not None:
            cmd += [f"--{flag.replace('_', '-')}", str(getattr(args, flag))]
    out_path = work / f"{variant}.out"
    if out_path.exists() and (done := [x for x in out_path.read_text().splitlines() if x.startswith("SUMMARY ")]):
        print(f"{variant}: reusing the result in {out_path}", file=sys.stderr)
        return json.loads(done[-1][len("SUMMARY "):])
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    with out_path.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    lines = out_path.read_text(encoding="utf-8", errors="replace").splitlines()
    found = [line for line in lines if line.startswith("RESULT ")]
    if proc.returncode or not found:
        tail = "\n".join(lines[-15:])
        raise SystemExit(f"{variant} failed (exit {proc.returncode}):\n{tail}")
    result = json.loads(found[-1][len("RESULT "):])
    result.update(variant=variant, process_s=time.perf_counter() - t0, peak_process_mb=usage.ru_maxrss / 1024,
                  load=(load_before, os.getloadavg()[0]))
    result["passages_per_s"] = result["passages"] / result["wall_s"]
    result["articles_per_s"] = result["articles"] / result["wall_s"]
    with out_path.open("a") as out:  # a later run with the same --work-dir reuses it
        out.write("SUMMARY " + json.dumps(result) + "\n")
    return result


def goals(results: dict[str, dict]) -> list[tuple[str, str, bool | None]]:
    """(goal, measured, met) for each of the issue's goals the run has the variants for."""
    out = []
    f32, i8, naive = (results.get(v) for v in ("project-fp32", "project-int8", "naive"))
    if f32 and i8:
        for clock in ("wall", "cpu"):
            speedup = (i8["passages"] / i8[f"{clock}_s"]) / (f32["passages"] / f32[f"{clock}_s"])
            out.append((f"int8 >= {INT8_SPEEDUP:g}x fp32 passages/s (pipeline, {clock})", f"{speedup:.2f}x",
                        speedup >= INT8_SPEEDUP))
        for kind in ("dense", "hybrid"):
            delta = i8[f"recall_{kind}"]["R@5"] - f32[f"recall_{kind}"]["R@5"]
            out.append((f"int8 R@5 within {RECALL_SLACK} of fp32 ({kind})", f"{delta:+.3f}", delta >= -RECALL_SLACK))
    for precision in ("fp32", "int8"):
        project, raw = results.get(f"project-{precision}"), results.get(f"raw-{precision}")
        if project and raw:
            for clock in ("wall", "cpu"):
                ratio = project[f"{clock}_s"] / raw[f"{clock}_s"]
                out.append((f"{precision} pipeline / raw encoder <= {OVERHEAD} ({clock})", f"{ratio:.2f}",
                            ratio <= OVERHEAD))
    for name, ours in (("int8", i8), ("fp32", f32)):
        if ours and naive:
            for clock in ("wall", "cpu"):
                ratio = naive[f"{clock}_s"] / ours[f"{clock}_s"]  # the same articles: articles/s ratio
                out.append((f"{name} articles/s >= naive ({clock})", f"{ratio:.2f}x", ratio >= 1.0))
    if i8 and naive:
        for kind in ("dense", "hybrid"):
            delta = i8[f"recall_{kind}"]["R@5"] - naive["recall_dense"]["R@5"]
            out.append((f"int8 R@5 ({kind}) >= naive R@5", f"{delta:+.3f}", delta >= 0))
    return out


def print_table(results: dict[str, dict], note: str) -> None:
    print(note)
    head = (f"{'variant':<13} {'wall s':>8} {'cpu s':>7} {'passages':>8} {'pass/s':>7} {'art/s':>6} {'peak MB':>8} "
            f"{'dense R@1/5/10':>17} {'hybrid R@1/5/10':>17} {'load':>11}  chunk")
    print(head)
    print("-" * len(head))
    for v, r in results.items():
        dense = "/".join(f"{r['recall_dense'][f'R@{k}']:.2f}" for k in KS)
        hybrid = "/".join(f"{r['recall_hybrid'][f'R@{k}']:.2f}" for k in KS) if "recall_hybrid" in r else "-"
        print(f"{v:<13} {r['wall_s']:8.1f} {r['cpu_s']:7.1f} {r['passages']:8d} {r['passages_per_s']:7.1f} "
              f"{r['articles_per_s']:6.2f} "
              f"{r['peak_process_mb']:8.0f} {dense:>17} {hybrid:>17} {r['load'][0]:5.1f}-{r['load'][1]:<5.1f}"
              f"  {r.get('chunk', '')}")
    print()
    for goal, measured, met in goals(results):
        print(f"{goal:<52} {measured:>8}  {'ok' if met else 'MISSED'}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, help="only the first N articles of the corpus (quick runs)")
    ap.add_argument("--only", help=f"comma-separated variants, run in that order (default: {','.join(VARIANTS)})")
    ap.add_argument("--chunk-size", type=int, help="word pieces per passage (default: BRIEFING_CHUNK_SIZE's)")
    ap.add_argument("--chunk-overlap", type=int)
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    ap.add_argument("--work-dir", type=Path, help="keep stores and results here; a rerun reuses finished variants")
    ap.add_argument("--child", choices=VARIANTS, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--work", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return run_child(args)

    variants = [v.strip() for v in args.only.split(",")] if args.only else list(VARIANTS)  # run in this order
    unknown = set(variants) - set(VARIANTS)
    if unknown:
        ap.error(f"unknown variant(s): {', '.join(sorted(unknown))}")
    for precision in ("fp32", "int8"):  # a raw variant replays its project variant's texts
        raw, project = f"raw-{precision}", f"project-{precision}"
        listed = project in variants and variants.index(project) < variants.index(raw) if raw in variants else True
        if not listed and not (args.work_dir and any(args.work_dir.glob("texts-*.json"))):
            ap.error(f"{raw} needs {project} run before it (or a --work-dir where a project variant ran)")
    corpus = bench_data_or_exit() / "corpus.jsonl"

    from briefing import Settings
    from briefing.ingest.embed import bundled_model_path
    from briefing.ingest.onnx_embed import ensure_onnx

    ensure_onnx(Settings().models_path, bundled_model_path(), "int8")  # the one-time export: not timed

    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="briefing-bench-ingest-") as tmp:
        work = args.work_dir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        if args.limit:
            lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)[: args.limit]
            corpus = work / "corpus.jsonl"  # an excerpt, outside the repository
            corpus.write_text("".join(lines), encoding="utf-8")
        for variant in variants:
            print(f"running {variant} ...", file=sys.stderr, flush=True)
            results[variant] = run_variant(variant, corpus, work, args)
    note = (f"RealTimeQA 2025 corpus{f' (first {args.limit} articles)' if args.limit else ''}, "
            f"{os.cpu_count()} CPUs; load: 1-minute load average before-after each variant; cpu s: CPU time of "
            "all the variant's threads and its writer process while it ingested (less sensitive than wall time to "
            "other load)")
    print_table(results, note)
    if args.json:
        Path(args.json).write_text(json.dumps({"note": note, "results": results,
                                               "goals": goals(results)}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
