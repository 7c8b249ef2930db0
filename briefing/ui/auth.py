"""Parsing ``BRIEFING_AUTH``: "user:password", comma-separated pairs, or a file of such lines."""

from __future__ import annotations

from pathlib import Path

from briefing.errors import ConfigError


def parse_auth(value: str | None) -> list[tuple[str, str]] | None:
    """The (user, password) pairs to log in with, or None when no login is configured.

    A value naming an existing file is read one pair a line (blank lines and ``#`` comments skipped);
    otherwise it is a comma-separated list of pairs. A malformed entry is a ConfigError, never ignored.
    """
    if value is None or not value.strip():
        return None
    candidate = Path(value.strip()).expanduser()
    if candidate.is_file():
        entries = candidate.read_text(encoding="utf-8").splitlines()
        where = f"in {candidate}"
    else:
        if "/" in value and ":" not in value:
            raise ConfigError(f"BRIEFING_AUTH: no such file {value.strip()!r}")
        entries = value.split(",")
        where = "in BRIEFING_AUTH"
    pairs = []
    for raw in entries:
        entry = raw.strip()
        if not entry or entry.startswith("#"):
            continue
        user, sep, password = entry.partition(":")
        if not sep or not user.strip() or not password:
            raise ConfigError(f"BRIEFING_AUTH: expected user:password {where}, got an entry without one")
        pairs.append((user.strip(), password))
    if not pairs:
        raise ConfigError(f"BRIEFING_AUTH: no user:password pairs {where}")
    return pairs
