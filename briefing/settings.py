"""Settings, read once from the environment (prefix BRIEFING_) and passed down explicitly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_HOME = Path("~/.briefing")
# The local model's GGUF is shared by every BRIEFING_HOME: one 1.1 GB copy per user.
DEFAULT_MODELS_DIR = Path(os.environ.get("XDG_CACHE_HOME") or "~/.cache") / "briefing" / "models"


class Settings(BaseSettings):
    """Everything configurable. Build once (``Settings()``) and hand it to ``Briefing``."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_", extra="ignore")

    home: Path = Field(DEFAULT_HOME, description="store, caches and audit log")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server")
    collection: str = Field("briefing", min_length=3, description="Chroma collection prefix")
    embed_model: str | None = Field(
        None, description="sentence-transformers name or path; None: the bundled all-MiniLM-L6-v2"
    )
    # The bundled model runs as an ONNX export: fp32 (numerically sentence-transformers) or int8 (quantised:
    # ~2x less CPU per passage, vectors within cosine 0.98; README "Encoder" has the measurements).
    # A store records its encoder; vectors of two are never mixed. "auto": the store's own, int8 for a new store.
    encoder: Literal["auto", "int8", "fp32"] = Field(
        "auto", description="the bundled model's precision (ingest + questions); auto: the store's own, int8 for a new "
                            "store")
    # Word pieces per passage; all-MiniLM-L6-v2 reads at most 256 (measured in bench/chunking.py).
    chunk_size: int = Field(192, ge=32, le=2048)
    chunk_overlap: int = Field(32, ge=0)
    max_file_mb: float = Field(20.0, gt=0, description="larger files are refused, not truncated")

    max_question_chars: int = Field(2000, ge=1, description="longer questions are refused, not truncated")

    llm_model: str | None = None
    llm_timeout: float = Field(60.0, gt=0)
    # Ask for JSON claims through response_format; off: the free-text [n] contract only.
    llm_structured: bool = True
    # The `local` backend (the bundled model on this machine's CPU): slower than a server, so its own limit.
    models_dir: Path = Field(
        DEFAULT_MODELS_DIR, description="where the local model's GGUF is assembled and ONNX exports are cached"
    )
    local_timeout: float = Field(120.0, gt=0)
    local_threads: int = Field(max(1, min(4, os.cpu_count() or 1)), ge=1)
    local_ctx: int = Field(4096, ge=512)
    openai_base_url: str | None = Field(
        None, validation_alias=AliasChoices("OPENAI_BASE_URL", "BRIEFING_OPENAI_BASE_URL")
    )
    openai_api_key: str | None = Field(
        None, validation_alias=AliasChoices("OPENAI_API_KEY", "BRIEFING_OPENAI_API_KEY")
    )

    auth: str | None = Field(
        None, description='chat login: "user:password", comma-separated pairs, or a file of such lines'
    )

    @property
    def home_dir(self) -> Path:
        return self.home.expanduser()

    @property
    def models_path(self) -> Path:
        return self.models_dir.expanduser()

    @property
    def default_backend(self) -> str:
        """CONTRACT: openai when a server or key is configured, else extractive."""
        return "openai" if (self.openai_base_url or self.openai_api_key) else "extractive"
