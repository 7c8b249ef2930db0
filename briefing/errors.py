"""The one error family users see: each carries a sentence they can act on."""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the library raises on purpose."""


class ConfigError(BriefingError):
    """A setting is missing or wrong (environment variable, model path, server URL)."""


class IngestError(BriefingError):
    """A file could not be turned into articles; the message names the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class InputError(BriefingError):
    """An argument out of range (``k``, an empty or overlong question): refused before any work."""


class StoreError(BriefingError):
    """The Chroma store could not be reached or written."""


class NotFoundError(BriefingError):
    """An article id that is not in the store."""


class LLMError(BriefingError):
    """The OpenAI-compatible server failed (connection, timeout, HTTP error, bad completion)."""
