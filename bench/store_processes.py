"""Several processes on one store: what option (a) costs against option (b) of issue 11 (prints numbers).

(a) embedded Chroma + file lock + reopen after another process's commit; (b) a `chroma run` server on
loopback. Measures a k=30 query on 300 passages of dimension 384 both ways, the cost of reopening an
embedded client after a foreign write, and that a stale client really returns deleted rows.

    python bench/store_processes.py            # needs the `chroma` CLI beside the Python interpreter
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import chromadb
import numpy as np

N, DIM, K, REPEAT = 300, 384, 30, 100
SETTINGS = chromadb.Settings(anonymized_telemetry=False)


def fill(client) -> object:
    col = client.get_or_create_collection("bench", metadata={"hnsw:space": "cosine"}, embedding_function=None)
    rng = np.random.default_rng(0)
    col.add(ids=[f"p{i}" for i in range(N)], embeddings=rng.random((N, DIM)).tolist(),
            documents=["passage text " * 60] * N, metadatas=[{"i": i} for i in range(N)])
    return col


def per_query_ms(col) -> float:
    q = np.random.default_rng(1).random(DIM).tolist()
    for _ in range(5):
        col.query(query_embeddings=[q], n_results=K)
    start = time.perf_counter()
    for _ in range(REPEAT):
        col.query(query_embeddings=[q], n_results=K)
    return (time.perf_counter() - start) * 1000 / REPEAT


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / "embedded")
        client = chromadb.PersistentClient(path=path, settings=SETTINGS)
        col = fill(client)
        print(f"(a) embedded query: {per_query_ms(col):.2f} ms")
        q = np.random.default_rng(1).random(DIM).tolist()
        col.query(query_embeddings=[q], n_results=K)
        other = (f"import chromadb; c = chromadb.PersistentClient(path={path!r}, "
                 "settings=chromadb.Settings(anonymized_telemetry=False)); "
                 f"c.get_collection('bench').delete(ids=[f'p{{i}}' for i in range({N - 10})])")
        subprocess.run([sys.executable, "-c", other], check=True)  # another process deletes
        stale = col.query(query_embeddings=[q], n_results=K)
        print(f"    after another process deleted {N - 10} rows, the stale client returns "
              f"{sum(m is None for m in stale['metadatas'][0])} rows without metadata")
        start = time.perf_counter()
        from briefing.index.sharing import _forget_system

        _forget_system(client)
        col = chromadb.PersistentClient(path=path, settings=SETTINGS).get_collection("bench")
        fresh = col.query(query_embeddings=[q], n_results=K)
        print(f"    reopen + first query: {(time.perf_counter() - start) * 1000:.0f} ms, "
              f"{len(fresh['ids'][0])} rows, {sum(m is None for m in fresh['metadatas'][0])} without metadata")

        port = 18000 + os.getpid() % 1000
        chroma = Path(sys.executable).parent / "chroma"
        server = subprocess.Popen([str(chroma), "run", "--host", "127.0.0.1", "--port", str(port),
                                   "--path", str(Path(tmp) / "server")], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            for _ in range(120):
                try:
                    http = chromadb.HttpClient(host="127.0.0.1", port=port, settings=SETTINGS)
                    http.heartbeat()
                    break
                except Exception:  # noqa: BLE001 - not up yet
                    time.sleep(0.5)
            print(f"(b) server query over loopback: {per_query_ms(fill(http)):.2f} ms")
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
