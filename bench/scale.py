"""The store at archive size: a synthetic library of N passages in embedded Chroma and in a Chroma server.

    .venv/bin/python bench/scale.py --size 10000                  # seconds to a minute
    .venv/bin/python bench/scale.py --size 100000 --mode both     # embedded and a `chroma run` server
    .venv/bin/python bench/scale.py --size 1000000 --mode embedded --queries 100

Real passage texts are recycled, so BM25 sees real language: the passages (and their vectors) of a store
built by `bench/rtqa.py` when one exists (`--vectors-home`, default the RealTimeQA bench home), else the
RealTimeQA corpus cut into ~1,000-character pieces (or the seeds when it is absent) with synthetic
vectors (a random mix of 48 directions: real sentence embeddings are far from isotropic). Every copy of a
passage gets its base vector plus noise (cosine ~0.9 to it), so the encoder is not the subject and the
nearest-neighbour search still has work to do. Synthetic articles have 10 passages each, a publication
date spread over 2016-2026 and one of 40 outlets. Everything is written through the project's own
``Store.write`` (batches of 100 articles), so the numbers are those of `briefing ingest` minus the encoder.

Each phase runs in its own process (clean memory numbers):
- write: passages/s over the whole run and over its last tenth; peak RSS of the writer (and of the server);
- query: the first query after opening the store (cold), then ``--queries`` dense queries through
  ``Store.query`` (k=30, what retrieval asks for) without a filter, with ``until=`` (about half the
  library passes), with one outlet (1/40 passes); the keyword index (bm25s) built from the store: build
  time, RSS growth, and load time from its cache; whole hybrid ``Retriever.retrieve`` (k=8) with a
  fixed-vector embedder, without and with ``until=``; the process's RSS now and at peak;
- cold start: ``briefing ask`` as a subprocess against that store (real encoder), median of ``--cold-runs``;
- disk: the store folder (embedded) or the server's folder.
The library is kept in ``--dir`` (default /tmp/briefing-scale) and reused when the same size is asked
again (``--fresh`` rebuilds it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np
from common import BENCH_DIR, read_jsonl  # noqa: I001 - common puts the repo on sys.path

from briefing.settings import Settings
from briefing.types import Article, Passage

DIM = 384
PASSAGES_PER_ARTICLE = 10
ARTICLES_PER_BATCH = 100
NOISE = 0.45  # norm of the noise added to a unit base vector: cosine ~0.91 between a copy and its base
OUTLETS = [f"Outlet {chr(65 + i % 26)}{i // 26 or ''}" for i in range(40)]
FIRST_DAY, DAYS = date(2016, 1, 1), 3988  # to 2026-12-01
DEFAULT_VECTORS_HOME = Path(os.environ.get("BRIEFING_BENCH_HOME",
                                           Path.home() / ".cache" / "briefing-bench" / "rtqa"))


# ---- the base passages ------------------------------------------------------------------------

def base_passages(vectors_home: Path | None, cache: Path) -> tuple[list[str], list[str], np.ndarray, str]:
    """(titles, texts, unit vectors, where they came from): the passages every synthetic one recycles."""
    from_store = bool(vectors_home and (vectors_home / "chroma").exists())
    cache = cache.with_name(f"{cache.name}-{'store' if from_store else 'synthetic'}")
    cached = cache / "base.npz"
    if cached.exists():
        data = np.load(cached, allow_pickle=False)
        meta = json.loads((cache / "base.json").read_text(encoding="utf-8"))
        return meta["titles"], meta["texts"], data["vectors"], meta["source"]
    cache.mkdir(parents=True, exist_ok=True)
    if from_store:
        from briefing.index.store import Store

        store = Store(Settings(home=vectors_home))
        got = store.passages.get(include=["metadatas", "embeddings"])
        titles = [m.get("title") or "" for m in got["metadatas"]]
        stored = store.passages_by_id(got["ids"])  # the texts: a passage row holds none (index/store.py)
        texts, vectors = [stored[i].text for i in got["ids"]], np.asarray(got["embeddings"], dtype=np.float32)
        source = f"{len(texts)} passages and their MiniLM vectors from the store at {vectors_home}"
    else:
        titles, texts = _texts_from_corpus()
        rng = np.random.default_rng(7)
        directions = rng.standard_normal((48, DIM)).astype(np.float32)
        vectors = rng.standard_normal((len(texts), 48)).astype(np.float32) ** 3 @ directions
        vectors += 0.1 * rng.standard_normal(vectors.shape).astype(np.float32)
        source = f"{len(texts)} text pieces with synthetic vectors (no store at {vectors_home})"
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    np.savez(cached, vectors=vectors)
    (cache / "base.json").write_text(json.dumps({"titles": titles, "texts": texts, "source": source}),
                                     encoding="utf-8")
    return titles, texts, vectors, source


def _texts_from_corpus() -> tuple[list[str], list[str]]:
    corpus = BENCH_DIR / "corpus.jsonl"
    if corpus.is_file():
        rows = [(r.get("title") or "", r["text"]) for r in read_jsonl(corpus)]
    else:
        from briefing.data import seeds_dir

        rows = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(seeds_dir().iterdir()) if p.is_file()]
    titles, texts = [], []
    for title, text in rows:
        words = text.split()
        for i in range(0, len(words), 160):  # ~1,000 characters, about a passage of the pipeline
            titles.append(title)
            texts.append(" ".join(words[i : i + 160]))
    return titles, texts


# ---- the synthetic library ----------------------------------------------------------------------

def synthetic_batch(first: int, count: int, titles, texts, vectors, rng) -> list[tuple[Article, list, np.ndarray]]:
    """Articles first..first+count-1, each of PASSAGES_PER_ARTICLE recycled passages with perturbed vectors."""
    batch = []
    n_base = len(texts)
    for j in range(first, first + count):
        base = [(j * 7919 + i) % n_base for i in range(PASSAGES_PER_ARTICLE)]  # 7919: spreads copies apart
        digest = hashlib.sha256(f"synthetic-{j}".encode()).hexdigest()
        published = (FIRST_DAY + timedelta(days=j * 2654435761 % DAYS)).isoformat()
        outlet = OUTLETS[j % len(OUTLETS)]
        pieces = [texts[b] for b in base]
        text, passages, start = "", [], 0
        article_id = f"syn{j:08d}"
        for i, piece in enumerate(pieces):
            start = len(text)
            text += piece + "\n\n"
            passages.append(Passage(passage_id=f"{article_id}-{digest[:8]}-{i:04d}", article_id=article_id,
                                    text=piece, start=start, end=start + len(piece), sentences=[(0, len(piece))]))
        noise = rng.standard_normal((len(base), DIM)).astype(np.float32)
        noise *= NOISE / np.linalg.norm(noise, axis=1, keepdims=True)
        vecs = vectors[base] + noise
        vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
        article = Article(article_id=article_id, title=f"{titles[base[0]]} ({j})", text=text, outlet=outlet,
                          site=f"{outlet.lower().replace(' ', '')}.example", published=published,
                          url=f"https://{outlet.lower().replace(' ', '')}.example/{j}", passages=len(base),
                          content_hash=digest[:16])
        batch.append((article, passages, vecs))
    return batch


# ---- process helpers ----------------------------------------------------------------------------

def proc_status(pid: int | str = "self") -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, MB."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return out


def folder_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6 if path.exists() else 0.0


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ChromaServer:
    """`chroma run` on loopback over ``path`` as a child process."""

    def __init__(self, path: Path) -> None:
        self.path, self.port = path, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        chroma = Path(sys.executable).parent / "chroma"
        self.log = open(path.parent / "server.log", "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen([str(chroma), "run", "--host", "127.0.0.1", "--port", str(self.port),
                                      "--path", str(path)], stdout=self.log, stderr=subprocess.STDOUT)
        import urllib.request

        for _ in range(600):
            try:
                urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    raise SystemExit(f"chroma run exited with {self.proc.returncode}; see {self.log.name}") from None
                time.sleep(0.5)
        self.stop()
        raise SystemExit("chroma run did not answer within 300 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def settings_for(home: Path, url: str | None) -> Settings:
    return Settings(home=home, chroma_url=url, openai_base_url=None, openai_api_key=None)


# ---- phases (each in its own process) ----------------------------------------------------------

def phase_write(args) -> dict:
    from briefing.index.store import Store

    titles, texts, vectors, source = base_passages(args.vectors_home, Path(args.dir) / "base")
    store = Store(settings_for(Path(args.home), args.url))
    have = store.count_passages()
    rng = np.random.default_rng(have)
    n_articles = args.size // PASSAGES_PER_ARTICLE
    first = have // PASSAGES_PER_ARTICLE
    t0 = time.perf_counter()
    last_tenth_start, last_tenth_from = None, None
    for j in range(first, n_articles, ARTICLES_PER_BATCH):
        if last_tenth_start is None and j >= n_articles * 0.9:
            last_tenth_start, last_tenth_from = time.perf_counter(), j
        store.write(synthetic_batch(j, min(ARTICLES_PER_BATCH, n_articles - j), titles, texts, vectors, rng))
        if args.progress and (j // ARTICLES_PER_BATCH) % 50 == 0:
            print(f"  wrote {j * PASSAGES_PER_ARTICLE} passages, {time.perf_counter() - t0:.0f} s, "
                  f"RSS {proc_status().get('VmRSS', 0):.0f} MB", file=sys.stderr, flush=True)
    wall = time.perf_counter() - t0
    if store._generation() is None:  # a library written before stores kept a generation: give it one
        with store._writing([]):
            pass
    written = max(0, n_articles - first) * PASSAGES_PER_ARTICLE
    out = {"source": source, "written": written, "write_s": wall,
           "write_per_s": written / wall if wall else None, "writer_peak_mb": proc_status().get("VmHWM")}
    if last_tenth_start is not None:
        tail = (n_articles - last_tenth_from) * PASSAGES_PER_ARTICLE
        out["write_tail_per_s"] = tail / (time.perf_counter() - last_tenth_start)
    return out


class FixedEmbedder:
    """Returns the vector prepared for each question: the encoder is not what this benchmark measures."""

    name = "fixed"

    def __init__(self, vectors: dict[str, np.ndarray]) -> None:
        self.vectors = vectors

    def embed(self, texts: list[str]) -> np.ndarray:
        return np.stack([self.vectors[t] for t in texts])


def phase_query(args) -> dict:
    from briefing.index.retrieve import Retriever
    from briefing.index.store import Store, passage_where

    titles, texts, vectors, _ = base_passages(args.vectors_home, Path(args.dir) / "base")
    rng = np.random.default_rng(11)
    picks = rng.integers(0, len(texts), args.queries)
    questions, qvecs = [], {}
    for b in picks:  # a question: a run of words from a passage, its vector near the passage's base
        words = texts[b].split()
        at = int(rng.integers(0, max(1, len(words) - 12)))
        q = " ".join(words[at : at + 12]) + f" #{len(questions)}"
        v = vectors[b] + 0.6 * rng.standard_normal(DIM).astype(np.float32) / np.sqrt(DIM)
        qvecs[q] = v / np.linalg.norm(v)
        questions.append(q)
    until = (FIRST_DAY + timedelta(days=DAYS // 2)).isoformat()
    out = {"rss_start_mb": proc_status().get("VmRSS")}

    settings = settings_for(Path(args.home), args.url)
    store = Store(settings)
    if store._generation() is None:  # a library written before stores kept a generation: give it one
        with store._writing([]):
            pass
    t0 = time.perf_counter()
    store.query(qvecs[questions[0]], 30)
    out["open_first_query_ms"] = (time.perf_counter() - t0) * 1000
    out["passages"] = store.count_passages()

    def timed(fn) -> list[float]:
        ms = []
        for q in questions:
            t = time.perf_counter()
            fn(q)
            ms.append((time.perf_counter() - t) * 1000)
        return ms

    runs = {
        "dense": lambda q: store.query(qvecs[q], 30),
        "dense until": lambda q: store.query(qvecs[q], 30, passage_where(until=until)),
        "dense outlet": lambda q: store.query(qvecs[q], 30, passage_where(sources=[OUTLETS[3]])),
    }
    for name, fn in runs.items():
        ms = timed(fn)
        out[name] = (pct(ms, 50), pct(ms, 95))
    out["rss_after_dense_mb"] = proc_status().get("VmRSS")
    t0 = time.perf_counter()
    n_records = len(store.article_hashes())
    out["record_scan_ms"] = (time.perf_counter() - t0) * 1000  # what the fingerprint cost before generations
    t0 = time.perf_counter()
    store._fingerprint = None
    store.fingerprint()
    out["fingerprint_ms"] = (time.perf_counter() - t0) * 1000
    out["records"] = n_records

    cache = Path(args.home) / "cache"
    retriever = Retriever(store, FixedEmbedder(qvecs), cache)
    before = proc_status().get("VmRSS", 0)
    t0 = time.perf_counter()
    index = retriever.keyword_index()
    out["keyword_build_s"] = time.perf_counter() - t0
    out["keyword_rss_growth_mb"] = proc_status().get("VmRSS", 0) - before
    out["keyword_peak_mb"] = proc_status().get("VmHWM")
    out["keyword_passages"] = index.size
    out["keyword_disk_mb"] = sum(folder_mb(f) for f in cache.glob("bm25-*"))
    retriever._keyword = None  # loaded from its cache folder, as a new process would
    t0 = time.perf_counter()
    retriever.keyword_index()
    out["keyword_load_s"] = time.perf_counter() - t0
    # a write of one batch, then the keyword index catches up (what the first question after an ingest pays)
    first = store.count_passages() // PASSAGES_PER_ARTICLE
    store.write(synthetic_batch(first, ARTICLES_PER_BATCH, titles, texts, vectors, rng))
    t0 = time.perf_counter()
    library = retriever.keyword_index()
    out["keyword_update_s"] = time.perf_counter() - t0
    out["keyword_segments"] = len(library.segments)

    for name, kw in (("hybrid", {}), ("hybrid until", {"until": until}),
                     ("hybrid outlet", {"sources": [OUTLETS[3]]})):
        ms = timed(lambda q, kw=kw: retriever.retrieve(q, k=8, **kw))
        out[name] = (pct(ms, 50), pct(ms, 95))
    status = proc_status()
    out["rss_end_mb"], out["peak_mb"] = status.get("VmRSS"), status.get("VmHWM")
    return out


def cold_start(home: Path, url: str | None, runs: int) -> float | None:
    if runs <= 0:
        return None
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    env["BRIEFING_HOME"] = str(home)
    if url:
        env["BRIEFING_CHROMA_URL"] = url
    cli = str(Path(sys.executable).parent / "briefing")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([cli, "ask", "What did the president say about the economy?", "--until", "2026-06-01"],
                              env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        if done.returncode not in (0, 3):  # 3: an abstention (CONTRACT), still a full answer path
            print(f"  briefing ask exited {done.returncode}: {done.stderr.strip()[-300:]}", file=sys.stderr)
    return statistics.median(times)


def run_phase(name: str, args, home: Path, url: str | None) -> dict:
    cmd = [sys.executable, __file__, "--phase", name, "--size", str(args.size), "--dir", str(args.dir),
           "--home", str(home), "--queries", str(args.queries)]
    if url:
        cmd += ["--url", url]
    if args.vectors_home:
        cmd += ["--vectors-home", str(args.vectors_home)]
    if args.progress:
        cmd.append("--progress")
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    if done.returncode:
        raise SystemExit(f"phase {name} failed ({done.returncode})")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    (home.parent / f"{name}.json").write_text(json.dumps(result), encoding="utf-8")  # kept whatever happens next
    return result


def run_mode(args, mode: str) -> dict:
    root = Path(args.dir) / f"{mode}-{args.size}"
    if args.fresh:
        shutil.rmtree(root, ignore_errors=True)
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    server = ChromaServer(root / "server") if mode == "server" else None
    url = server.url if server else None
    try:
        result = {"mode": mode, "size": args.size}
        if not args.as_is:
            result |= run_phase("write", args, home, url)
        if server:
            result["server_peak_mb_after_write"] = proc_status(server.proc.pid).get("VmHWM")
        if args.write_only:
            return result | {"disk_mb": folder_mb(root / "server") if server else folder_mb(home / "chroma")}
        from briefing import Briefing

        Briefing(settings=settings_for(home, url)).prepare_fast_queries()  # as `briefing ingest` does
        result |= run_phase("query", args, home, url)
        result["cold_ask_s"] = cold_start(home, url, args.cold_runs)
        if server:
            result["server_rss_mb"] = proc_status(server.proc.pid).get("VmRSS")
            result["server_peak_mb"] = proc_status(server.proc.pid).get("VmHWM")
    finally:
        if server:
            server.stop()
    result["disk_mb"] = folder_mb(root / "server") if server else folder_mb(home / "chroma")
    return result


def fmt(v) -> str:
    if v is None:
        return "-"
    if isinstance(v, (list, tuple)):
        return f"{v[0]:.1f} / {v[1]:.1f}"
    return f"{v:,.1f}" if isinstance(v, float) else str(v)


ROWS = [
    ("passages in the store", "passages"),
    ("written this run", "written"),
    ("write passages/s (whole run)", "write_per_s"),
    ("write passages/s (last tenth)", "write_tail_per_s"),
    ("writer peak RSS MB", "writer_peak_mb"),
    ("first query after open ms", "open_first_query_ms"),
    ("dense k=30 p50 / p95 ms", "dense"),
    ("dense until= p50 / p95 ms", "dense until"),
    ("dense one outlet p50 / p95 ms", "dense outlet"),
    ("keyword index build s", "keyword_build_s"),
    ("keyword index RSS growth MB", "keyword_rss_growth_mb"),
    ("keyword index on disk MB", "keyword_disk_mb"),
    ("keyword index load s", "keyword_load_s"),
    ("keyword update after a 1,000-passage write s", "keyword_update_s"),
    ("records (articles)", "records"),
    ("scan of all records ms (old fingerprint)", "record_scan_ms"),
    ("fingerprint (generation) ms", "fingerprint_ms"),
    ("hybrid k=8 p50 / p95 ms", "hybrid"),
    ("hybrid until= p50 / p95 ms", "hybrid until"),
    ("hybrid one outlet p50 / p95 ms", "hybrid outlet"),
    ("query process RSS MB (end)", "rss_end_mb"),
    ("query process peak RSS MB", "peak_mb"),
    ("server RSS / peak MB", "server"),
    ("`briefing ask` cold start s", "cold_ask_s"),
    ("store on disk MB", "disk_mb"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10000, help="passages in the library")
    ap.add_argument("--mode", choices=["embedded", "server", "both"], default="embedded")
    ap.add_argument("--dir", default="/tmp/briefing-scale")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--cold-runs", type=int, default=3)
    ap.add_argument("--vectors-home", type=Path, default=DEFAULT_VECTORS_HOME)
    ap.add_argument("--fresh", action="store_true", help="rebuild the library even when it exists")
    ap.add_argument("--progress", action="store_true")
    ap.add_argument("--write-only", action="store_true", help="build (or extend) the library, measure writes only")
    ap.add_argument("--as-is", action="store_true", help="measure the library as it is, writing nothing to it first")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--phase", choices=["write", "query"], help=argparse.SUPPRESS)
    ap.add_argument("--home", help=argparse.SUPPRESS)
    ap.add_argument("--url", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(phase_write(args) if args.phase == "write" else phase_query(args)))
        return

    load = os.getloadavg()
    results = [run_mode(args, m) for m in (["embedded", "server"] if args.mode == "both" else [args.mode])]
    for r in results:
        if r.get("server_rss_mb"):
            r["server"] = (r["server_rss_mb"], r["server_peak_mb"])
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"scale benchmark: {args.size:,} passages, {args.queries} queries; load average "
          f"{load[0]:.2f} at start, {os.getloadavg()[0]:.2f} at end")
    print(f"base passages: {results[0].get('source', 'the library as it was (--as-is)')}")
    widths = [34] + [22] * len(results)
    print("".join(h.ljust(w) for h, w in zip(["measure"] + [r["mode"] for r in results], widths, strict=True)))
    for label, key in ROWS:
        print("".join(c.ljust(w) for c, w in zip([label] + [fmt(r.get(key)) for r in results], widths,
                                                 strict=True)))


if __name__ == "__main__":
    main()
