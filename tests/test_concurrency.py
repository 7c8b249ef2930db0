"""Many processes on one BRIEFING_HOME, as users run them: the chat (`briefing serve`) answering while another
process ingests and deletes, embedded and against a real Chroma server; kill -9 in the middle of writes.

Rounds: ``BRIEFING_TEST_ROUNDS`` (default 4 in the suite; the issue's 50-round run sets it to 50).
Writer: ``BRIEFING_TEST_WRITER`` = ``api`` (one Python process, the default) or ``cli`` (`briefing ingest`
and `briefing delete` processes, one per step: slower, as each loads the embedding model).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import unique_collection
from servers import free_port, stop, wait_until_serving

REPO = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BRIEFING_TEST_ROUNDS", "4"))
WRITER = os.environ.get("BRIEFING_TEST_WRITER", "api")
ASKERS = 3  # chats asking at once


def clean_env(home: Path, chroma_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFING_", "OPENAI_"))}
    env |= {"BRIEFING_HOME": str(home), "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
            "PYTHONPATH": os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    if chroma_url:
        env |= {"BRIEFING_CHROMA_URL": chroma_url, "BRIEFING_COLLECTION": unique_collection()}
    return env


def briefing_cli() -> str:
    return str(Path(sys.executable).parent / "briefing")


class Asker(threading.Thread):
    """One chat user: asks about the newest article (or one deleted) until told to stop; records every answer."""

    def __init__(self, url: str, timeline: Timeline, stop_event: threading.Event, n: int) -> None:
        super().__init__(daemon=True)
        from gradio_client import Client

        self.client = Client(url, verbose=False)
        self.timeline, self.stop_event, self.n = timeline, stop_event, n
        self.records: list[dict] = []

    def run(self) -> None:
        i = 0
        while not self.stop_event.is_set():
            word = self.timeline.pick(self.n + i)
            i += 1
            if word is None:
                time.sleep(0.2)
                continue
            question = f"What did the {word} council vote to build?"
            started = time.time()
            try:
                self.client.reset_session()  # a new conversation: the sources panel shows this answer's only
                result = self.client.predict(question, None, None, [], 8, "extractive", api_name="/chat")
                error = "bq-error" in str(result[1]) and str(result[1])[-400:]
                # the source cards only: the panel's heading repeats the question
                shown = " ".join(str(result[2]).split('<article class="bq-card"')[1:])
            except Exception as exc:  # noqa: BLE001 - every failure is counted, whatever its type
                error, shown = f"{type(exc).__name__}: {exc}", ""
            self.records.append({"word": word, "started": started, "ended": time.time(), "error": error,
                                 "cited": word in shown,
                                 "context": shown[max(0, shown.find(word) - 300): shown.find(word) + 100]
                                 if word in shown else ""})


class Timeline:
    """The writer's JSON lines: when each article was added and deleted."""

    def __init__(self, proc: subprocess.Popen) -> None:
        self.added: dict[str, float] = {}
        self.deleted: dict[str, float] = {}
        self.events: list[dict] = []
        self.done = threading.Event()
        self._thread = threading.Thread(target=self._read, args=(proc,), daemon=True)
        self._thread.start()

    def _read(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            event = json.loads(line)
            self.events.append(event)
            if event["event"] == "added":
                self.added[event["word"]] = event["t"]
            elif event["event"] == "deleted":
                self.deleted[event["word"]] = event["t"]
        self.done.set()

    def pick(self, i: int) -> str | None:
        """Mostly the newest article (live), every third question one already deleted."""
        added = list(self.added)
        if not added:
            return None
        deleted = [w for w in added if w in self.deleted]
        return deleted[-1] if deleted and i % 3 == 2 else added[-1]


def judge(records: list[dict], timeline: Timeline) -> dict:
    """Errors; questions about a deleted article that still cited it; questions about a live one that did not."""
    errors = [r for r in records if r["error"]]
    after_delete = [r for r in records if r["word"] in timeline.deleted and r["started"] > timeline.deleted[r["word"]]]
    live = [r for r in records if r["started"] > timeline.added[r["word"]]
            and r["ended"] < timeline.deleted.get(r["word"], float("inf")) and not r["error"]]
    return {
        "questions": len(records),
        "errors": errors,
        "deleted_asked": len(after_delete),
        "deleted_cited": [r for r in after_delete if r["cited"]],
        "live_asked": len(live),
        "live_not_cited": [r for r in live if not r["cited"]],
        "seconds_per_answer": sum(r["ended"] - r["started"] for r in records) / max(1, len(records)),
    }


def run_chat_and_writer(tmp_path: Path, chroma_url: str | None, rounds: int, mode: str) -> tuple[dict, Timeline]:
    home = tmp_path / "home"
    env = clean_env(home, chroma_url)
    seeded = subprocess.run([briefing_cli(), "ingest", str(REPO / "data" / "seeds")], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr
    port = free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "wb") as log:
        chat = subprocess.Popen([briefing_cli(), "serve", "--port", str(port)], env=env, cwd=tmp_path,
                                stdout=log, stderr=subprocess.STDOUT)
    writer = None
    try:
        wait_until_serving(chat, f"http://127.0.0.1:{port}/", log_path, 180, "the chat")
        writer = subprocess.Popen([sys.executable, str(REPO / "tests" / "concurrency_writer.py"), str(rounds),
                                   str(tmp_path / "new"), mode], env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        timeline = Timeline(writer)
        stop_event = threading.Event()
        askers = [Asker(f"http://127.0.0.1:{port}/", timeline, stop_event, n) for n in range(ASKERS)]
        for a in askers:
            a.start()
        timeline.done.wait(timeout=60 * 60)
        time.sleep(3)  # questions about the last deletion, too
        stop_event.set()
        for a in askers:
            a.join(timeout=300)
        assert writer.wait(timeout=60) == 0, writer.stderr.read()[-3000:]
    finally:
        if writer is not None and writer.poll() is None:
            writer.kill()
        stop(chat)
    serve_log = log_path.read_text(errors="replace")
    assert "Traceback" not in serve_log, serve_log[-3000:]
    return judge([r for a in askers for r in a.records], timeline), timeline


@pytest.mark.slow
@pytest.mark.parametrize("where", ["embedded", pytest.param("server", marks=pytest.mark.chroma_server)])
def test_the_chat_keeps_answering_while_another_process_ingests_and_deletes(where, tmp_path, request):
    chroma_url = request.getfixturevalue("chroma_server") if where == "server" else None
    verdict, timeline = run_chat_and_writer(tmp_path, chroma_url, ROUNDS, WRITER)
    print(f"\n{where}, {WRITER} writer (load {os.getloadavg()[0]:.1f}): {ROUNDS} rounds, "
          f"{verdict['questions']} questions "
          f"({verdict['seconds_per_answer']:.2f} s each), {len(verdict['errors'])} errors, "
          f"{verdict['live_asked']} asked about a live article, {len(verdict['live_not_cited'])} of them not cited, "
          f"{verdict['deleted_asked']} asked about a deleted one, {len(verdict['deleted_cited'])} of them cited")
    assert all(e.get("ok", True) for e in timeline.events), timeline.events
    assert len([e for e in timeline.events if e["event"] == "deleted"]) == ROUNDS - 1
    assert verdict["errors"] == []
    assert verdict["deleted_cited"] == [], [r["context"] for r in verdict["deleted_cited"]]
    # bound: an article is answerable by the first question that starts after its ingest returned
    assert verdict["live_not_cited"] == []
    assert verdict["live_asked"] > 0 and verdict["deleted_asked"] > 0
