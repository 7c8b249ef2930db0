"""What a backend hands to the verifier (the types live in briefing.types, the bottom layer)."""

from __future__ import annotations

from briefing.types import Draft, DraftClaim

__all__ = ["Draft", "DraftClaim"]
