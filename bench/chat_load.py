"""Load check of the chat: simulated users asking at once over the Gradio client API.

    .venv/bin/python bench/chat_load.py [--users 20] [--seconds 60] [--turns 3] [--json]

Starts the app as its own process on 127.0.0.1 (a free port) over a fresh temporary BRIEFING_HOME with
the seeds ingested (`python -m briefing.bootstrap`), waits until it answers, then runs ``--users``
threads, each a user with its own `gradio_client.Client` asking the `/chat` endpoint with the
extractive backend, one question after another, starting a new conversation (a new session, the
client's ``reset_session``) every ``--turns`` questions. New questions stop after ``--seconds``; those
in flight are waited for and counted.

Prints requests served, errors (target 0: an exception, or an answer rendered as an error), and the
latency of a whole answer (submit -> final output, queueing included) at p50/p95/max; and the CPU
seconds the server and these simulated users each spent during the load: on one machine the users
share its cores with the server, so their CPU is time the server could not have.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUESTIONS = [
    "Who is the Pentagon's chief spokesperson?",
    "What did Anthropic say about the Pentagon's latest offer?",
    "When did Anthropic and the Pentagon reopen talks?",
    "What safeguards are being discussed for military use of Claude?",
    "Who won the 2026 World Cup?",  # an abstention: a different path through the answerer
    "Why did the original defense AI deal collapse?",
]
REQUEST_TIMEOUT = 600.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def start_app(home: Path, port: int, log_path: Path) -> subprocess.Popen:
    """Seeds the home, then serves the chat in a child process; returns once the page answers."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "BRIEFING_"))}
    env.update(BRIEFING_HOME=str(home), GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1")
    subprocess.run([sys.executable, "-m", "briefing.bootstrap"], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    code = ("from briefing import Briefing; from briefing.ui.chat import serve; "
            f"serve(Briefing(), host='127.0.0.1', port={port})")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the app exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as resp:
                if resp.status == 200:
                    return proc
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit(f"the app did not answer on port {port} within 300 s")


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def ok(self, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


def final_message(outputs) -> str:
    """The last assistant message's HTML from the /chat outputs (textbox, chatbot, sources, timeline)."""
    chat = outputs[1]
    content = chat[-1]["content"]
    return " ".join(part.get("text", "") for part in content) if isinstance(content, list) else str(content)


def user(index: int, url: str, stop_at: float, turns: int, results: Results) -> None:
    from gradio_client import Client

    asked = 0
    client = None
    while time.monotonic() < stop_at:
        if client is None:
            try:
                client = Client(url, verbose=False)
            except Exception as exc:  # any failure to connect is an error to count
                results.error(f"user {index}: connect: {type(exc).__name__}: {exc}")
                time.sleep(1)
                continue
        elif asked % turns == 0:
            # a new session: a new conversation. (A new Client would fetch the app's config and API description
            # again: measured ~25 % of the users' CPU, taken from the server on a shared 2-core machine.)
            client.reset_session()
        question = QUESTIONS[(index + asked) % len(QUESTIONS)]
        asked += 1
        t0 = time.perf_counter()
        try:
            outputs = client.submit(question, None, None, [], 8, "extractive", api_name="/chat").result(
                timeout=REQUEST_TIMEOUT
            )
            message = final_message(outputs)
        except Exception as exc:  # counted, and the user goes on
            results.error(f"user {index}: {question!r}: {type(exc).__name__}: {exc}")
            continue
        if "bq-error" in message or "bq-answer" not in message:
            results.error(f"user {index}: {question!r}: answered with an error: {message[:200]}")
            continue
        results.ok(time.perf_counter() - t0)


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a process has spent so far (/proc/PID/stat), None when unreadable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime (fields 14-15)


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--turns", type=int, default=3, help="questions per conversation")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="chat-load-") as tmp:
        home, port = Path(tmp) / "home", free_port()
        url = f"http://127.0.0.1:{port}/"
        t_start = time.perf_counter()
        proc = start_app(home, port, Path(tmp) / "app.log")
        startup = time.perf_counter() - t_start
        results = Results()
        try:
            t0 = time.perf_counter()
            server_cpu0, users_cpu0 = cpu_seconds(proc.pid), cpu_seconds(os.getpid())
            stop_at = time.monotonic() + args.seconds
            threads = [threading.Thread(target=user, args=(i, url, stop_at, max(1, args.turns), results), daemon=True)
                       for i in range(args.users)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            server_cpu, users_cpu = cpu_seconds(proc.pid), cpu_seconds(os.getpid())
            server_cpu = server_cpu - server_cpu0 if server_cpu is not None and server_cpu0 is not None else None
            users_cpu = users_cpu - users_cpu0 if users_cpu is not None and users_cpu0 is not None else None
            rss = peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()

    lat = sorted(results.latencies)
    summary = {
        "users": args.users,
        "seconds": args.seconds,
        "wall_s": round(wall, 1),
        "startup_s": round(startup, 1),
        "served": len(lat),
        "errors": len(results.errors),
        "throughput_per_s": round(len(lat) / wall, 2) if wall else 0.0,
        "p50_s": round(pct(lat, 50), 2) if lat else None,
        "p95_s": round(pct(lat, 95), 2) if lat else None,
        "max_s": round(lat[-1], 2) if lat else None,
        "server_peak_rss_mb": round(rss) if rss else None,
        "server_cpu_s": round(server_cpu, 1) if server_cpu is not None else None,
        "users_cpu_s": round(users_cpu, 1) if users_cpu is not None else None,
        "server_cpu_ms_per_answer": round(1000 * server_cpu / len(lat)) if server_cpu is not None and lat else None,
        "first_errors": results.errors[:5],
    }
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"chat_load: {args.users} users for {args.seconds:g} s against the extractive backend "
              f"(app start-up {summary['startup_s']} s, wall {summary['wall_s']} s)")
        print(f"requests served: {summary['served']}  errors: {summary['errors']}  "
              f"throughput: {summary['throughput_per_s']}/s")
        if lat:
            print(f"latency p50: {summary['p50_s']} s  p95: {summary['p95_s']} s  max: {summary['max_s']} s")
        if rss:
            print(f"server peak RSS: {summary['server_peak_rss_mb']} MB")
        if server_cpu is not None and users_cpu is not None:
            print(f"CPU during the load: server {summary['server_cpu_s']} s "
                  f"({summary['server_cpu_ms_per_answer']} ms an answer), simulated users {summary['users_cpu_s']} s")
        for line in summary["first_errors"]:
            print(f"  error: {line}")
    sys.exit(1 if results.errors or not lat else 0)


if __name__ == "__main__":
    main()
