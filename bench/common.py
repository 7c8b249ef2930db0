"""Shared helpers for the bench scripts: where the external benchmark lives, and small utilities.

The RealTimeQA slice is news text owned by its publishers: it is read from ``../shared`` at run time
and never copied into the repository. Scripts call ``bench_data_or_exit()`` and skip (exit 0) when
it is absent.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO.parent / "shared" / "bench" / "realtimeqa-2025"

if str(REPO) not in sys.path:  # `python bench/x.py` puts bench/ on the path, not the repo root
    sys.path.insert(0, str(REPO))


def bench_data_or_exit() -> Path:
    """The benchmark folder, or a message and exit 0 when it is not on this machine."""
    corpus, questions = BENCH_DIR / "corpus.jsonl", BENCH_DIR / "questions.jsonl"
    if not (corpus.is_file() and questions.is_file()):
        print(f"skipped: the RealTimeQA benchmark is not at {BENCH_DIR} (corpus.jsonl, questions.jsonl)")
        raise SystemExit(0)
    return BENCH_DIR


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


class RecordingEmbedder:
    """Wraps an embedder: passes everything through and records each ``embed`` call's texts and time.

    Lets a benchmark replay exactly what the pipeline encoded, in the same batch grouping.
    """

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls: list[list[str]] = []
        self.seconds = 0.0

    @property
    def tokenizer(self):
        return self.inner.tokenizer

    @property
    def token_words(self):
        return getattr(self.inner, "token_words", None)

    @property
    def max_tokens(self) -> int:
        return self.inner.max_tokens

    def count_tokens(self, text: str) -> int:
        return self.inner.count_tokens(text)

    def embed(self, texts: list[str]):
        self.calls.append(list(texts))
        t0 = time.perf_counter()
        try:
            return self.inner.embed(texts)
        finally:
            self.seconds += time.perf_counter() - t0

    @property
    def texts(self) -> list[str]:
        return [t for call in self.calls for t in call]


def best_of(fn, repeat: int = 5) -> float:
    """Smallest wall time of ``repeat`` runs of ``fn()`` (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def word_pieces():
    """The bundled model's tokenizer (``tokenizers.Tokenizer``), without truncation or padding: word pieces to
    count a context in, whichever runtime (ONNX or torch) embeds."""
    from tokenizers import Tokenizer

    from briefing.ingest.embed import bundled_model_path

    tok = Tokenizer.from_file(str(bundled_model_path() / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok
