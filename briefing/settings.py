"""Settings, read once from the environment (prefix BRIEFING_) and passed down explicitly."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_HOME = Path("~/.briefing")


class Settings(BaseSettings):
    """Everything configurable. Build once (``Settings()``) and hand it to ``Briefing``."""

    model_config = SettingsConfigDict(env_prefix="BRIEFING_", extra="ignore")

    home: Path = Field(DEFAULT_HOME, description="store, caches and audit log")
    chroma_url: str | None = Field(None, description="http://host:port of a Chroma server")
    collection: str = Field("briefing", min_length=3, description="Chroma collection prefix")
    embed_model: str | None = Field(
        None, description="sentence-transformers name or path; None: the bundled all-MiniLM-L6-v2"
    )
    # Word pieces per passage; all-MiniLM-L6-v2 reads at most 256 (measured in bench/chunking.py).
    chunk_size: int = Field(192, ge=32, le=2048)
    chunk_overlap: int = Field(32, ge=0)
    max_file_mb: float = Field(20.0, gt=0, description="larger files are refused, not truncated")

    max_question_chars: int = Field(2000, ge=1, description="longer questions are refused, not truncated")

    llm_model: str | None = None
    llm_timeout: float = Field(60.0, gt=0)
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
    def default_backend(self) -> str:
        """CONTRACT: openai when a server or key is configured, else extractive."""
        return "openai" if (self.openai_base_url or self.openai_api_key) else "extractive"
