"""What a backend hands to the verifier: claims with [n] markers pointing into the retrieved passages."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class DraftClaim:
    """One sentence of a draft answer. ``[n]`` markers are 1-based indexes into the passages list."""

    text: str
    quotes: dict[int, str] = field(default_factory=dict)  # n -> verbatim sentence, when the backend knows it


@dataclass
class Draft:
    claims: list[DraftClaim]
    abstain_reason: str | None = None  # set when the backend itself found no support
    partial: bool = False  # more claims are coming: a streaming backend's draft so far
    fallback: Draft | None = None  # verified instead when no claim of this one survives verification
