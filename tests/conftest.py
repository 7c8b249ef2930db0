"""Shared fixtures: the real embedder (loaded once), a home per test, a real Chroma server, seeds."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import numpy as np
import pytest
from servers import free_port, stop, wait_until_serving

from briefing import Briefing, Settings

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "data" / "seeds"


# ---- embedders ------------------------------------------------------------------------------


class CountingEmbedder:
    """Delegates to a real embedder and counts what is sent to ``embed`` (to prove what was not re-embedded).

    Vectors are memoized per text across the session (the model is deterministic), so the seeds are
    encoded once per run however many stores they are ingested into; the counts are unaffected.
    """

    def __init__(self, inner, memo: dict[str, np.ndarray] | None = None) -> None:
        self.inner = inner
        self.memo = memo if memo is not None else {}
        self.calls = 0
        self.texts = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def tokenizer(self):
        return self.inner.tokenizer

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        todo = list(dict.fromkeys(t for t in texts if t not in self.memo))
        if todo:
            self.memo.update(zip(todo, self.inner.embed(todo), strict=True))
        return np.stack([self.memo[t] for t in texts]) if texts else self.inner.embed(texts)

    def __getattr__(self, attr: str):  # anything else (max_tokens, model, ...) comes from the real one
        return getattr(self.inner, attr)


class FakeEmbedder:
    """A fast stand-in at the embedding seam: whitespace tokens, stable pseudo-random unit vectors (dim 384)."""

    name = "fake-384"
    dim = 384

    def __init__(self) -> None:
        self.calls = 0
        self.texts = 0

    @staticmethod
    def tokenizer(text: str) -> list[str]:
        return text.split()

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.texts += len(texts)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "little")
            vec = np.random.default_rng(seed).standard_normal(self.dim)
            out[row] = vec / np.linalg.norm(vec)
        return out


@pytest.fixture(scope="session")
def embedder():
    """The real default embedder (bundled all-MiniLM-L6-v2), loaded once per test run."""
    from briefing.ingest.embed import SentenceTransformerEmbedder

    real = SentenceTransformerEmbedder()
    real.embed(["warm up"])  # load the weights now, not inside the first test's timing
    return real


@pytest.fixture(scope="session")
def _vector_memo() -> dict[str, np.ndarray]:
    return {}


@pytest.fixture
def counting_embedder(embedder, _vector_memo) -> CountingEmbedder:
    """The real embedder, counting its ``embed`` calls and texts afresh for each test."""
    return CountingEmbedder(embedder, _vector_memo)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


# ---- environment and stores -----------------------------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh BRIEFING_HOME; no OpenAI server, no Chroma server, no stray BRIEFING_ settings."""
    for name in list(os.environ):
        if name.startswith(("OPENAI_", "BRIEFING_")):
            monkeypatch.delenv(name)
    path = tmp_path / "home"
    path.mkdir()
    monkeypatch.setenv("BRIEFING_HOME", str(path))
    return path


def chroma_binary() -> Path:
    candidate = Path(sys.executable).parent / "chroma"
    if candidate.exists():
        return candidate
    found = shutil.which("chroma")
    if not found:
        pytest.fail(
            f"the `chroma` server CLI is missing (looked for {candidate} and on PATH); "
            "it ships with chromadb: `make install` or `pip install chromadb`",
            pytrace=False,
        )
    return Path(found)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):
    """A real `chroma run` server on a free local port, for the whole test run; yields its URL."""
    binary = chroma_binary()
    data = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = data / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(binary), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(data / "db")],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    try:
        wait_until_serving(proc, f"{url}/api/v2/heartbeat", log_path, 60, "the chroma server")
        yield url
    finally:
        stop(proc)


def unique_collection() -> str:
    return "t" + uuid.uuid4().hex[:10]


@pytest.fixture(params=["embedded", pytest.param("server", marks=pytest.mark.chroma_server)])
def store_settings(request: pytest.FixtureRequest, home: Path) -> Settings:
    """Settings for a fresh store: embedded under ``home``, or a fresh collection on the Chroma server."""
    url = request.getfixturevalue("chroma_server") if request.param == "server" else None
    return Settings(home=home, chroma_url=url, collection=unique_collection())


@pytest.fixture
def briefing(store_settings: Settings, counting_embedder: CountingEmbedder) -> Briefing:
    """A Briefing over a fresh store (run once embedded, once against the Chroma server) and the real embedder."""
    return Briefing(settings=store_settings, embedder=counting_embedder)


# ---- data ------------------------------------------------------------------------------------


def copy_seeds(dest: Path) -> Path:
    """Copy the four bundled seed articles into ``dest`` (created) and return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for src in sorted(SEEDS.iterdir()):
        if src.is_file():
            shutil.copy2(src, dest / src.name)
    return dest


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of data/seeds/ that a test may edit."""
    return copy_seeds(tmp_path / "seeds")
