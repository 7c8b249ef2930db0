"""Helpers for the tests that start real local servers (Chroma, llama.cpp, the chat): free ports, waiting
until a server answers, stopping it."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # a local server: never via a proxy


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(proc: subprocess.Popen, url: str, log_path: Path, seconds: float, what: str) -> None:
    """Poll ``url`` until it answers 200; fail the test with the log's tail if ``proc`` exits or time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        if proc.poll() is not None:
            pytest.fail(f"{what} exited with {proc.returncode}:\n{log_path.read_text(errors='replace')[-3000:]}",
                        pytrace=False)
        try:
            with _LOCAL.open(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{what} at {url} did not answer in {seconds:.0f} s:\n"
                        f"{log_path.read_text(errors='replace')[-3000:]}", pytrace=False)
        time.sleep(0.3)


def stop(proc: subprocess.Popen, grace: float = 20) -> None:
    """Terminate, then kill if it has not exited within ``grace`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
