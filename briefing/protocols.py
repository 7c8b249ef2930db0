"""The two seams, as protocols: an embedder turns texts into vectors, a backend drafts an answer.

They import nothing of the project at run time (the annotations are strings), so every layer can name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

    from briefing.types import Draft, Passage


class Embedder(Protocol):
    """``embed(texts) -> array``: the ingest encoder and the question encoder both fit it."""

    name: str

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...

    def count_tokens(self, text: str) -> int: ...


class Backend(Protocol):
    """The one-method seam. A backend may also offer ``stream(...)`` (text deltas, then the Draft) and
    ``rewrite(question, history)`` (an LLM-made standalone question)."""

    name: str

    def generate(self, question: str, passages: list[Passage], history: list | None = None) -> Draft: ...
