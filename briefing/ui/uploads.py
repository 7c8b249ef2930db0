"""Where the chat's uploads go: checked first, then each in a folder named for its content.

Size and type are checked on the uploaded copy before anything is written to BRIEFING_HOME. An
accepted file lands in ``uploads/<content hash>/<its name>``, so two users uploading the same name
with different contents keep both files, and the same content uploaded twice is one file (one
article). A file that ingest then refuses is removed again. Nothing here imports gradio.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

SIDECAR_SUFFIX = ".meta.json"  # uploaded beside its article; read by ingest, not ingested itself
KEY_CHARS = 16  # hex digits of the content hash naming an upload's folder


@dataclass
class Placed:
    """The outcome of placing one batch of uploads."""

    targets: list[Path] = field(default_factory=list)  # stored articles to ingest (sidecars beside them)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason), nothing written
    sidecars: dict[Path, Path] = field(default_factory=dict)  # stored article -> its stored sidecar
    created: set[Path] = field(default_factory=set)  # stored files this batch wrote (the others existed)


def _mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def check_upload(path: Path, max_bytes: int, types: set[str]) -> str | None:
    """Why this upload is refused (too large, a type ingest cannot read, gone), or None when it may be kept."""
    try:
        size = path.stat().st_size
    except OSError:
        return "the upload was lost before it could be kept; upload it again"
    if size > max_bytes:
        return f"file too large ({_mb(size)}; the limit is {_mb(max_bytes)}, BRIEFING_MAX_FILE_MB)"
    if path.name.endswith(SIDECAR_SUFFIX):
        return None
    suffix = path.suffix.lower()
    if suffix not in types:
        return f"unsupported file type {suffix or '(none)'}; accepted: {' '.join(sorted(types))}"
    return None


def sidecar_owner(sidecar: str, names: list[str]) -> str | None:
    """The article a NAME.meta.json belongs to: the one named NAME or whose stem is NAME (as ingest reads it)."""
    base = sidecar[: -len(SIDECAR_SUFFIX)]
    for name in names:
        if name == base or Path(name).stem == base:
            return name
    return None


def content_key(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        with path.open("rb") as fh:
            digest.update(hashlib.file_digest(fh, "sha256").digest())
    return digest.hexdigest()[:KEY_CHARS]


def _store(src: Path, dest: Path, created: set[Path]) -> None:
    """Copy unless the same content is already there (the folder's name is its hash); atomic rename."""
    if dest.exists():
        return
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(f".{dest.name}.part")
    shutil.copyfile(src, part)
    os.replace(part, dest)
    created.add(dest)


def place_uploads(sources: list[Path], folder: Path, max_bytes: int, types: set[str]) -> Placed:
    """Check every upload, then copy the accepted ones to ``folder/<content hash>/<name>``."""
    placed = Placed()
    ok: list[Path] = []
    for src in sources:
        reason = check_upload(src, max_bytes, types)
        if reason:
            placed.refused.append((src.name, reason))
        else:
            ok.append(src)
    articles = [p for p in ok if not p.name.endswith(SIDECAR_SUFFIX)]
    sidecars: dict[str, Path] = {}
    for p in ok:
        if p.name.endswith(SIDECAR_SUFFIX):
            owner = sidecar_owner(p.name, [a.name for a in articles])
            if owner is None:
                placed.refused.append((p.name, "a metadata sidecar needs its article in the same upload"))
            else:
                sidecars[owner] = p
    for src in articles:
        sidecar = sidecars.get(src.name)
        key = content_key([src] + ([sidecar] if sidecar else []))
        dest = folder / key / src.name
        _store(src, dest, placed.created)
        if sidecar:
            _store(sidecar, dest.with_name(sidecar.name), placed.created)
            placed.sidecars[dest] = dest.with_name(sidecar.name)
        placed.targets.append(dest)
    return placed


def remove_stored(placed: Placed, refused: list[Path]) -> None:
    """Delete refused articles (and their sidecars) this batch wrote, and their folders once empty."""
    for dest in refused:
        for path in (dest, placed.sidecars.get(dest)):
            if path is not None and path in placed.created:
                path.unlink(missing_ok=True)
        try:
            dest.parent.rmdir()
        except OSError:
            pass  # not empty: an earlier upload of the same content lives there


def remove_temporary(sources: list[Path], temp_root: Path) -> None:
    """Delete the web server's temporary copies of the uploads, and nothing outside its upload folder."""
    root = temp_root.resolve()
    for src in sources:
        path = src.resolve()
        if path.is_relative_to(root) and path != root:
            path.unlink(missing_ok=True)
            try:
                path.parent.rmdir()
            except OSError:
                pass
