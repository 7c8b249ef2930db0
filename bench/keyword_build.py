"""The whole keyword (bm25s) build of a store, alone in a fresh process: wall time and memory.

    .venv/bin/python bench/keyword_build.py --home /tmp/briefing-scale/embedded-100000/home

Builds the keyword index of the store at ``--home`` from nothing (a temporary cache folder, so the
store's own cache is left alone), as the first question after a store from before generations or a
compaction does, and prints the build time, the process's RSS before and after, its peak RSS (VmHWM),
and the load average. Nothing is written to the store.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from common import BENCH_DIR  # noqa: F401, I001 - common puts the repo on sys.path

from briefing.settings import Settings


def status() -> dict[str, float]:
    """VmRSS and VmHWM of this process, MB."""
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0]) / 1024
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True, help="BRIEFING_HOME of the store")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from briefing.index.retrieve import Retriever
    from briefing.index.store import Store

    load = os.getloadavg()
    store = Store(Settings(home=args.home, openai_base_url=None, openai_api_key=None))
    passages = store.count_passages()
    store.fingerprint()  # opens the client: not part of the build
    before = status()
    with tempfile.TemporaryDirectory(prefix="keyword-build-") as cache:
        t0, cpu0 = time.perf_counter(), time.process_time()
        library = Retriever(store, None, Path(cache)).keyword_index()
        wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    after = status()
    out = {"passages": passages, "indexed": library.size, "build_s": wall, "cpu_s": cpu,
           "rss_before_mb": before["VmRSS"], "rss_after_mb": after["VmRSS"], "peak_mb": after["VmHWM"],
           "load_start": load[0], "load_end": os.getloadavg()[0]}
    if args.json:
        print(json.dumps(out))
        return
    print(f"keyword build of {args.home}: {library.size:,} of {passages:,} passages in {wall:,.1f} s "
          f"({cpu:,.1f} s CPU); RSS {before['VmRSS']:,.0f} MB before, {after['VmRSS']:,.0f} MB after, "
          f"peak {after['VmHWM']:,.0f} MB; load {load[0]:.2f} at start, {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
