"""Writing passages to Chroma: with their texts as documents vs without (index/store.py), and without llama-index.

    .venv/bin/python bench/store_write.py [--limit 150] [--reps 3]

The first ``--limit`` RealTimeQA 2025 articles split as ingest splits them, with random unit vectors (the
encoder is not the subject) and the metadata the store writes, added in groups of 512 passages to a fresh
embedded collection per run, three ways: llama-index's TextNodes through ``ChromaVectorStore.add`` with each
passage's text (the Chroma document, which embedded Chroma indexes in an FTS5 trigram table: how index/store.py
wrote before issue 12); the same with empty texts (how it writes now: the text is read back from the article's
record); and ``collection.add`` of those rows without llama-index's ``_node_content`` JSON copy, vectors as one
array (measured, not kept: bench/README.md). Prints wall and CPU seconds (all threads), the collection's size on
disk and the 1-minute load, modes interleaved in each rep.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.encoder_modes import passages  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=150, help="the first N articles of the corpus")
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()

    import chromadb
    import numpy as np
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

    from briefing.index.store import encode_spans
    from briefing.ingest.embed import bundled_model_path
    from briefing.ingest.onnx_embed import OnnxEmbedder

    tokenizer = OnnxEmbedder(Path("unused.onnx"), bundled_model_path(), "tokenizer only").tokenizer
    texts = [t for call in passages(args.limit, tokenizer) for t in call]
    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((len(texts), 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)

    def meta(i: int) -> tuple[str, dict]:
        article = f"article-{i // 13:05d}"  # ~13 passages an article, as in this corpus
        return article, {
            "article_id": article, "content_hash": "0123456789abcdef", "title": texts[i].split("\n", 1)[0],
            "outlet": "An Outlet", "outlet_key": "an outlet", "site": "example.com", "site_key": "example.com",
            "published": "2025-03-01", "published_ord": 20250301, "url": f"https://example.com/{article}",
            "start": 900 * (i % 13), "end": 900 * (i % 13) + len(texts[i]),
            "sentences": encode_spans([(k * 90, k * 90 + 89) for k in range(9)]),
        }

    def via_llama_index(collection, part: range, with_texts: bool) -> None:  # a text: the passage, without its title
        nodes = []
        for i in part:
            article, m = meta(i)
            source = {NodeRelationship.SOURCE: RelatedNodeInfo(node_id=article)}
            text = texts[i].split("\n", 1)[-1] if with_texts else ""
            nodes.append(TextNode(id_=f"p{i}", text=text, embedding=vectors[i].tolist(), metadata=m,
                                  relationships=source))
        ChromaVectorStore.from_collection(collection).add(nodes)

    def direct(collection, part: range) -> None:
        rows = [meta(i) for i in part]
        collection.add(ids=[f"p{i}" for i in part], embeddings=vectors[part.start : part.stop],
                       metadatas=[m | {"document_id": a, "doc_id": a, "ref_doc_id": a} for a, m in rows],
                       documents=[""] * len(part))

    modes = (("ChromaVectorStore, texts", lambda c, part: via_llama_index(c, part, True)),
             ("ChromaVectorStore, no texts", lambda c, part: via_llama_index(c, part, False)),
             ("collection.add, no texts", direct))

    print(f"RealTimeQA 2025, first {args.limit} articles: {len(texts)} passages, {os.cpu_count()} CPUs")
    for rep in range(args.reps):
        for name, write in modes:
            with tempfile.TemporaryDirectory(prefix="briefing-bench-write-") as tmp:
                client = chromadb.PersistentClient(path=tmp, settings=chromadb.Settings(anonymized_telemetry=False))
                collection = client.get_or_create_collection("passages", metadata={"hnsw:space": "cosine"})
                load = os.getloadavg()[0]
                t0, c0 = time.perf_counter(), time.process_time()
                for start in range(0, len(texts), 512):
                    write(collection, range(start, min(start + 512, len(texts))))
                wall, cpu = time.perf_counter() - t0, time.process_time() - c0
                disk = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
                print(f"rep {rep + 1} {name:27s} wall {wall:5.2f} s  cpu {cpu:5.2f} s  disk {disk / 1e6:5.1f} MB  "
                      f"load {load:.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
