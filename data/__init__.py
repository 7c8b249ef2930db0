"""The sample corpus (``data/seeds/``), shipped as package data of ``briefing.data``."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def seeds_dir() -> Path:
    """The folder of the four seed articles, wherever the package is installed."""
    return Path(str(files(__name__) / "seeds"))
