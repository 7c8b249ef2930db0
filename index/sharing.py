"""Several processes on one BRIEFING_HOME: writers take turns, readers notice each other's commits.

Embedded Chroma keeps each collection's vector index in the memory of the process that opened it;
another process's writes reach the SQLite file but not that copy, so its queries return ids that
were deleted meanwhile ("Error finding id", or rows without metadata) until it reopens. So:

- every write (ingest batch, delete, repair) holds ``HOME/store.lock`` (``filelock``), and
  replaces ``HOME/store.commit`` as it starts and as it ends;
- before each operation, a process compares that marker with the one it opened at; when another
  process has committed since, it reopens its Chroma client (about 50 ms), under the lock so it
  never loads an index a writer is half-way through.

With a Chroma server (``BRIEFING_CHROMA_URL``) the server owns the index, so nothing is reopened;
the lock still serialises this home's writers.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.errors import StoreError

LOCK_NAME = "store.lock"
MARKER_NAME = "store.commit"
LOCK_TIMEOUT_S = 600.0  # a writer waits this long for another process's write before giving up


def marker_key(marker: Path) -> tuple[int, int, int] | None:
    """What identifies one commit: the marker file is replaced (new inode) at every commit."""
    try:
        st = marker.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


class SharedClient:
    """One Chroma client for one store folder in this process, kept in step with other processes' commits.

    ``open_client`` builds a fresh client; ``reopens`` counts how often another process's commit
    made this process reopen (for tests and benchmarks).
    """

    def __init__(self, home: Path, open_client: Callable[[], object], embedded: bool) -> None:
        from filelock import FileLock  # lazy: only stores need it

        home.mkdir(parents=True, exist_ok=True)
        self.marker = home / MARKER_NAME
        self.file_lock = FileLock(str(home / LOCK_NAME), timeout=LOCK_TIMEOUT_S)
        self.guard = threading.RLock()  # threads of this process: no query runs while the client is swapped
        self.embedded = embedded
        self.reopens = 0
        self._open_client = open_client
        self._client = None
        self._seen: tuple[int, int, int] | None = None
        self._collections: dict[str, object] = {}

    def collection(self, name: str, **options):
        """The named collection of an up-to-date client (reopened when another process committed)."""
        with self.guard:
            self._catch_up()
            if name not in self._collections:
                self._collections[name] = self._client.get_or_create_collection(name, **options)
            return self._collections[name]

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the store's write lock (this process's threads and other processes), commit on success."""
        from filelock import Timeout

        with self.guard:
            try:
                self.file_lock.acquire()
            except Timeout:
                raise StoreError(f"another process has held {self.file_lock.lock_file} "
                                 f"for over {LOCK_TIMEOUT_S:.0f} s; is an ingest stuck?") from None
            try:
                self._catch_up(locked=True)
                self._commit()  # already now: a writer killed half-way still makes readers reopen
                yield
            finally:
                self._commit()
                self.file_lock.release()

    def _catch_up(self, locked: bool = False) -> None:
        if self._client is None:
            self._client = self._open_client()
            self._seen = marker_key(self.marker)
            return
        if not self.embedded or marker_key(self.marker) == self._seen:
            return
        if locked:
            self._reopen()
        else:
            with self.file_lock:
                self._reopen()

    def _reopen(self) -> None:
        self._seen = marker_key(self.marker)
        self._collections.clear()
        old, self._client = self._client, None
        _forget_system(old)
        self._client = self._open_client()
        self.reopens += 1

    def _commit(self) -> None:
        tmp = self.marker.with_name(f"{MARKER_NAME}.{os.getpid()}.tmp")
        tmp.write_text(uuid.uuid4().hex, encoding="utf-8")
        os.replace(tmp, self.marker)  # atomic: readers see the old marker or the new one
        self._seen = marker_key(self.marker)  # this process's client already holds its own write


def _forget_system(client) -> None:
    """Make chromadb build a new in-process system for this path next time, and stop the stale one.

    chromadb caches one "system" per path per process (``SharedSystemClient``); a new client on
    the same path would otherwise get the stale one back.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    identifier = getattr(client, "_identifier", None)
    system = SharedSystemClient._identifier_to_system.pop(identifier, None)
    SharedSystemClient._identifier_to_refcount.pop(identifier, None)
    if system is not None:
        system.stop()


_SHARED: dict[tuple[str, str], SharedClient] = {}
_SHARED_LOCK = threading.Lock()


def shared_client(home: Path, where: str, open_client: Callable[[], object], embedded: bool) -> SharedClient:
    """The process-wide ``SharedClient`` of a store: like chromadb's own per-path cache, one per store."""
    key = (str(home.resolve()), where)
    with _SHARED_LOCK:
        if key not in _SHARED:
            _SHARED[key] = SharedClient(home, open_client, embedded)
        return _SHARED[key]
