"""An ingest's Chroma writes made by a child process, so the encoder's threads never wait for them.

Embedded Chroma's ``add`` holds the GIL for its whole call (~1 ms a passage: SQLite, its full-text index and
the HNSW insert): meanwhile every encoder thread that finishes a passage waits for the GIL to start the next,
and a core stands idle (measured: the encoder's threads blocked 4-10 % of their time in an int8 ingest;
bench/README.md). The writer thread still finds the sentence spans and shapes the rows (``Store.prepare``); the
child only applies them (``Store.apply``: the same calls, in the same order, under the store's lock), so it
imports chromadb and nothing heavier. Several processes writing one store is the store's ordinary case
(index/sharing.py): the parent reopens its client after the child's commits. The child starts at a run's first
group of ``PROCESS_WRITER_FROM`` passages (a full group); a smaller run is written by the writer thread, as
before (the child's start costs ~1 s of CPU).

The protocol: the parent sends the settings, then ``(prepared, encoder)`` per group, then None; the child
answers each with ``("ok", None)`` or ``("error", exception)``.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from multiprocessing.connection import Connection

from briefing.errors import StoreError
from briefing.index.store import PreparedWrite
from briefing.settings import Settings

# A run hands its writes to a child from its first group of this many passages on (pipeline.FLUSH_PASSAGES: a full
# group); a run of fewer, one file of a few articles, is written by the writer thread.
PROCESS_WRITER_FROM = 512


def process_writer_supported() -> bool:
    """Pipes handed to a child by file descriptor: POSIX only (elsewhere the writer thread writes every group)."""
    return os.name == "posix"


class WriterProcess:
    """A child process that applies prepared writes to the store of ``settings``, in order."""

    def __init__(self, settings: Settings) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "briefing.ingest.writer", str(to_child_r), str(from_child_w)],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.send = Connection(to_child_w, readable=False)
        self.recv = Connection(from_child_r, writable=False)
        self.send.send(settings)

    def apply(self, prepared: PreparedWrite, encoder: str | None) -> None:
        """``Store.apply`` in the child; its error is raised here."""
        try:
            self.send.send((prepared, encoder))
            status, payload = self.recv.recv()
        except (EOFError, OSError):
            self.proc.wait()
            raise StoreError(f"the process writing the store ended unexpectedly (exit code {self.proc.returncode})"
                             ) from None
        if status == "error":
            raise payload

    def close(self) -> None:
        """Let the child finish and exit (it is killed when it does not within a minute)."""
        try:
            self.send.send(None)
        except OSError:
            pass  # it has ended already
        self.send.close()
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.recv.close()


def serve(recv: Connection, send: Connection) -> None:
    """The child's loop: apply each prepared write it is sent until it is sent None."""
    from briefing.index.store import Store

    store = Store(recv.recv())
    store.passages  # noqa: B018 - opens the client (imports chromadb) while the parent is still encoding
    while (message := recv.recv()) is not None:
        prepared, encoder = message
        try:
            store.apply(prepared, encoder)
        except Exception as exc:  # noqa: BLE001 - every failure goes back to the parent, which raises it
            try:
                pickle.loads(pickle.dumps(exc))
            except Exception:  # noqa: BLE001 - an exception that cannot cross processes: its message does
                exc = StoreError(f"{type(exc).__name__}: {exc}")
            send.send(("error", exc))
        else:
            send.send(("ok", None))


if __name__ == "__main__":
    serve(Connection(int(sys.argv[1]), writable=False), Connection(int(sys.argv[2]), readable=False))
