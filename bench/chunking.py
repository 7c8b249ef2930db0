"""Dense-retrieval answer recall on RealTimeQA for several chunkings: how the default chunk size was chosen.

    .venv/bin/python bench/chunking.py [--configs 192/32,256/32,...] [--no-title-at SIZE/OVERLAP] [--json]

For each chunk_size/overlap (word pieces of the embedding model), the corpus is split exactly as
the pipeline splits it (``Ingestor.to_article`` + ``Ingestor.split``: sentence-aware, the model's own
tokenizer), each passage is encoded as ``embedding_text(article, passage)`` (title + passage, as
stored), and every question is answered by exact cosine search with numpy (no Chroma: faster, and
the same ranking up to HNSW approximation). Metric: answer recall@k, the share of questions whose
``answer`` (case-insensitive) occurs in the text of one of the top-k passages, k = 1, 5, 10; once
over the whole corpus and once with ``until=date`` (only articles published on or before the
question's date; undated articles never pass a date bound, as in the store).

Finally, at the best chunking (recall@5 with until, then @10, then @1), the passages are encoded
without the title prefix, to compare what the encoder should read.

Embeddings are cached per configuration under the system temp folder (``--cache`` to change), so
reruns only score. The first run takes several minutes per configuration on a 2-core CPU.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import bench_data_or_exit, read_jsonl  # noqa: E402

DEFAULT_CONFIGS = "192/32,256/32,128/32,192/0"  # in priority order
KS = (1, 5, 10)


def log(message: str) -> None:
    """Progress goes to stderr, so that --json output stays machine-readable."""
    print(message, file=sys.stderr, flush=True)


def parse_config(text: str) -> tuple[int, int]:
    size, _, overlap = text.partition("/")
    return int(size), int(overlap or 0)


def load_articles(corpus: Path, ingestor, limit: int | None):
    """The corpus as the pipeline sees it: load_file, to_article, duplicates (same id) skipped."""
    from briefing.errors import IngestError
    from briefing.ingest.files import load_file

    articles, seen = [], set()
    for item in load_file(corpus, int(ingestor.settings.max_file_mb * 1_000_000)):
        if isinstance(item, IngestError) or item.article_id in seen:
            continue
        seen.add(item.article_id)
        articles.append(ingestor.to_article(item))
        if limit and len(articles) >= limit:
            break
    return articles


class Chunking:
    """One configuration's passages and their vectors (cached on disk)."""

    def __init__(self, size: int, overlap: int, title: bool) -> None:
        self.size, self.overlap, self.title = size, overlap, title
        self.texts: list[str] = []  # passage text (what the answer is looked for in)
        self.published: list[str | None] = []
        self.tokens: list[int] = []
        self.vectors: np.ndarray | None = None
        self.embed_s: float | None = None  # None: read from the cache
        self.cached = False

    @property
    def label(self) -> str:
        return f"{self.size}/{self.overlap}" + ("" if self.title else " no title")

    def build(self, articles_fn, embedder, cache: Path, fingerprint: str) -> None:
        from briefing.ingest.pipeline import Ingestor, embedding_text

        key = hashlib.sha256(
            json.dumps([fingerprint, embedder.name, self.size, self.overlap, self.title]).encode()
        ).hexdigest()[:16]
        meta_path, vec_path = cache / f"{key}.json", cache / f"{key}.npy"
        if meta_path.is_file() and vec_path.is_file():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            self.texts, self.published, self.tokens = meta["texts"], meta["published"], meta["tokens"]
            self.embed_s = meta.get("embed_s")
            self.vectors = np.load(vec_path)
            self.cached = True
            return

        from briefing import Settings

        settings = Settings(chunk_size=self.size, chunk_overlap=self.overlap)
        ingestor = Ingestor(settings, None, embedder)  # split logic only: no store
        inputs = []
        for article in articles_fn(ingestor):
            for passage in ingestor.split(article):
                self.texts.append(passage.text)
                self.published.append(article.published)
                self.tokens.append(embedder.count_tokens(passage.text))
                inputs.append(embedding_text(article, passage) if self.title else passage.text)
        log(f"  {self.label}: {len(inputs)} passages, encoding ...")
        t0 = time.perf_counter()
        self.vectors = embedder.embed(inputs)
        self.embed_s = time.perf_counter() - t0
        log(f"  {self.label}: encoded in {self.embed_s:.0f} s")
        np.save(vec_path, self.vectors)
        meta = {"texts": self.texts, "published": self.published, "tokens": self.tokens, "embed_s": self.embed_s}
        meta_path.write_text(json.dumps(meta), encoding="utf-8")

    def score(self, questions: list[dict], qvecs: np.ndarray, until: bool) -> dict:
        sims = qvecs @ self.vectors.T  # unit vectors: cosine similarity
        lowered = [t.lower() for t in self.texts]
        hits = {k: 0 for k in KS}
        reachable = 0  # the answer occurs in some passage that passes the filter: the ceiling
        for qi, q in enumerate(questions):
            row = sims[qi].copy()
            if until:
                allowed = np.array([p is not None and p <= q["date"] for p in self.published], dtype=bool)
                row[~allowed] = -np.inf
            else:
                allowed = np.ones(len(row), dtype=bool)
            answer = q["answer"].lower()
            reachable += any(allowed[i] and answer in lowered[i] for i in range(len(lowered)))
            n = min(max(KS), int(allowed.sum()))
            top = np.argpartition(-row, n - 1)[:n] if n else np.array([], dtype=int)
            top = top[np.argsort(-row[top])]
            for k in KS:
                hits[k] += any(answer in lowered[i] for i in top[:k])
        total = len(questions)
        return {f"R@{k}": hits[k] / total for k in KS} | {"ceiling": reachable / total}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--configs", default=DEFAULT_CONFIGS, help=f"SIZE/OVERLAP,... (default {DEFAULT_CONFIGS})")
    ap.add_argument("--no-title-at", metavar="SIZE/OVERLAP",
                    help="where to compare title-less embedding (default: the best configuration); 'none' to skip")
    ap.add_argument("--limit", type=int, help="only the first N articles (quick runs; recall is then meaningless)")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "briefing-bench-chunking")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    data = bench_data_or_exit()
    corpus = data / "corpus.jsonl"
    questions = read_jsonl(data / "questions.jsonl")
    args.cache.mkdir(parents=True, exist_ok=True)
    stat = corpus.stat()
    fingerprint = f"{stat.st_size}:{int(stat.st_mtime)}:{args.limit}"

    from briefing.ingest.embed import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.embed(["warm-up"])
    articles_cache: list = []

    def articles_fn(ingestor):
        if not articles_cache:
            articles_cache.extend(load_articles(corpus, ingestor, args.limit))
        return articles_cache

    qvecs = embedder.embed([q["question"] for q in questions])

    rows = []

    def run(chunking: Chunking) -> None:
        chunking.build(articles_fn, embedder, args.cache, fingerprint)
        for until in (False, True):
            rows.append({
                "config": chunking.label, "chunk_size": chunking.size, "overlap": chunking.overlap,
                "title": chunking.title, "until": until, "passages": len(chunking.texts),
                "mean_tokens": float(np.mean(chunking.tokens)) if chunking.tokens else 0.0,
                "embed_s": chunking.embed_s, "cached": chunking.cached,
                **chunking.score(questions, qvecs, until),
            })

    configs = [parse_config(c) for c in args.configs.split(",") if c.strip()]
    log(f"{len(questions)} questions; configs {', '.join(f'{s}/{o}' for s, o in configs)}; cache {args.cache}")
    for size, overlap in configs:
        run(Chunking(size, overlap, title=True))

    if args.no_title_at != "none":
        if args.no_title_at:
            best = parse_config(args.no_title_at)
        else:
            with_until = [r for r in rows if r["until"] and r["title"]]
            top = max(with_until, key=lambda r: (r["R@5"], r["R@10"], r["R@1"]))
            best = (top["chunk_size"], top["overlap"])
        run(Chunking(*best, title=False))

    if args.json:
        json.dump(rows, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0

    print()
    print(f"answer recall on RealTimeQA 2025 ({len(questions)} questions), dense only, exact cosine")
    head = f"{'chunk/overlap':<20}{'until':<7}{'passages':>9}{'tokens':>8}{'R@1':>7}{'R@5':>7}{'R@10':>7}" \
           f"{'ceiling':>9}{'encode s':>10}"
    print(head)
    print("-" * len(head))
    for r in rows:
        enc = "" if r["embed_s"] is None else f"{r['embed_s']:.0f}" + (" (c)" if r["cached"] else "")
        print(f"{r['config']:<20}{'yes' if r['until'] else 'no':<7}{r['passages']:>9}{r['mean_tokens']:>8.0f}"
              f"{r['R@1']:>7.3f}{r['R@5']:>7.3f}{r['R@10']:>7.3f}{r['ceiling']:>9.3f}{enc:>10}")
    print("tokens: mean word pieces per passage (title excluded); ceiling: share of questions whose answer "
          "occurs in some passage at all (that passes the date filter); (c): from the cache")
    return 0


if __name__ == "__main__":
    sys.exit(main())
