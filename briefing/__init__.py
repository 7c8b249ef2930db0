"""briefing: a news briefing assistant whose every claim is cited, dated and attributed."""

from __future__ import annotations

from briefing.api import Briefing
from briefing.errors import BriefingError, ConfigError, IngestError, InputError, LLMError, NotFoundError, StoreError
from briefing.settings import Settings
from briefing.types import Answer, Article, Citation, Claim, IngestReport, Passage

__all__ = [
    "Answer",
    "Article",
    "Briefing",
    "BriefingError",
    "Citation",
    "Claim",
    "ConfigError",
    "IngestError",
    "InputError",
    "IngestReport",
    "LLMError",
    "NotFoundError",
    "Passage",
    "Settings",
    "StoreError",
]
