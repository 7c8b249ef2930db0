"""briefing: a news briefing assistant whose every claim is cited, dated and attributed.

``import briefing`` is cheap: each public name is imported from its module on first use (PEP 562), so
the CLI's ``--help`` and a script that only needs ``briefing.types`` never load pydantic, Chroma or torch.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

# public name -> the module that defines it
_EXPORTS = {
    "Briefing": "briefing.api",
    "Settings": "briefing.settings",
    **dict.fromkeys(
        ["BriefingError", "ConfigError", "IngestError", "InputError", "LLMError", "NotFoundError", "StoreError"],
        "briefing.errors",
    ),
    **dict.fromkeys(["Answer", "Article", "Citation", "Claim", "IngestReport", "Passage"], "briefing.types"),
}

__all__ = [
    "Answer",
    "Article",
    "Briefing",
    "BriefingError",
    "Citation",
    "Claim",
    "ConfigError",
    "IngestError",
    "IngestReport",
    "InputError",
    "LLMError",
    "NotFoundError",
    "Passage",
    "Settings",
    "StoreError",
]

if TYPE_CHECKING:  # for type checkers and IDEs; at run time __getattr__ below does the work
    from briefing.api import Briefing
    from briefing.errors import (
        BriefingError,
        ConfigError,
        IngestError,
        InputError,
        LLMError,
        NotFoundError,
        StoreError,
    )
    from briefing.settings import Settings
    from briefing.types import Answer, Article, Citation, Claim, IngestReport, Passage


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
