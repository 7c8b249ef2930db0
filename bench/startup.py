"""Start-up times of the `briefing` command: `briefing --help` and a cold `briefing ask` on the seeds.

    .venv/bin/python bench/startup.py [--runs 5] [--home DIR] [--briefing PATH]

Targets (issue 12): `briefing --help` <= 0.3 s; `briefing ask` cold start <= 2 s, median of 5. Each run is a
fresh process (nothing warm but the OS file cache). Without --home the seeds are ingested once into a temporary
BRIEFING_HOME (the ingest also makes the ONNX export that lets `ask` start without torch). Prints wall time
(what a user waits) and CPU time (user + sys of the child: what the process itself costs, less sensitive to
other load on a shared machine), with the load averages before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUESTION = "Who is the Pentagon's chief spokesperson?"


def timed(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd``; exits on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)}: exit {proc.returncode}\n{proc.stderr[-2000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--home", help="a BRIEFING_HOME with the seeds ingested (default: a fresh temporary one)")
    parser.add_argument("--briefing", default=str(Path(sys.executable).parent / "briefing"),
                        help="the briefing executable (default: the one beside this python)")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="briefing-startup-"))
    home = Path(args.home) if args.home else tmp / "home"
    env = {**os.environ, "BRIEFING_HOME": str(home)}
    try:
        if not args.home:
            print(f"ingesting the seeds into {home} (once, not timed) ...", flush=True)
            timed([args.briefing, "ingest", str(REPO / "data" / "seeds")], env, tmp)
        cases = {
            "briefing --help": [args.briefing, "--help"],
            "briefing ask (cold, extractive)": [args.briefing, "ask", QUESTION, "--llm", "extractive"],
        }
        print(f"load average before: {load()}")
        print(f"{'command':34} {'wall median':>11} {'min':>6} {'max':>6} {'cpu median':>10}  (s, {args.runs} runs)")
        for label, cmd in cases.items():
            timed(cmd, env, tmp)  # one untimed run: the OS file cache, as a user's second command would find it
            runs = [timed(cmd, env, tmp) for _ in range(args.runs)]
            walls, cpus = [w for w, _ in runs], [c for _, c in runs]
            print(f"{label:34} {statistics.median(walls):11.2f} {min(walls):6.2f} {max(walls):6.2f} "
                  f"{statistics.median(cpus):10.2f}")
        print(f"load average after:  {load()}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
