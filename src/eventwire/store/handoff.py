"""Handing one store file back and forth between a writer and readers in other processes.

DuckDB locks a whole database file: while ``eventwire code`` has it open for
writing, no other process can open it, and while ``eventwire serve`` has it open
(even read-only), the coder cannot. So that both can run at once, each side says
when it is waiting for the other, with two small lock files next to the store:

* ``<store>.writer``: the coder holds an exclusive lock on it from the moment it
  wants the file until it has closed it again. A server that sees it closes its
  connection as soon as its requests in flight are answered, and opens no new one.
* ``<store>.readers``: a server request waiting for the file holds a shared lock
  on it. A coder that sees it closes the file after the commit in progress (its
  coded articles stay in memory until the next batch).

These are advisory ``flock`` locks: the kernel drops them when a process dies, so a
crash never leaves the file blocked (a stale lock file is harmless, and each side
removes its file when it closes the store). Where ``fcntl`` or the lock files are not
available (Windows, a read-only directory), the signals are silently skipped and
both sides fall back on retrying the open.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def writer_path(store: str | Path) -> Path:
    return Path(f"{store}.writer")


def readers_path(store: str | Path) -> Path:
    return Path(f"{store}.readers")


class Signal:
    """A held flock on a lock file (exclusive for the writer, shared for readers)."""

    def __init__(self, path: Path, *, exclusive: bool) -> None:
        self.path = path
        self.exclusive = exclusive
        self._fd: int | None = None

    def hold(self) -> None:
        """Take the lock (waiting only for another writer, never for readers' probes)."""
        if self._fd is not None or fcntl is None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return  # e.g. a read-only directory: no signal, the other side retries
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if self.exclusive else fcntl.LOCK_SH)
        except OSError:
            os.close(fd)
            return
        self._fd = fd

    def drop(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def __enter__(self) -> Signal:
        self.hold()
        return self

    def __exit__(self, *exc: object) -> None:
        self.drop()


def remove(path: Path) -> None:
    """Remove a lock file when done with it (best effort: another process may still use it)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def _is_held(path: Path, *, by_writer: bool) -> bool:
    """Whether another process holds the lock on ``path`` (without waiting for it)."""
    if fcntl is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False  # no lock file: nobody ever signalled
    try:
        # A writer holds LOCK_EX, so even a shared probe fails; readers hold LOCK_SH,
        # which only an exclusive probe notices.
        fcntl.flock(fd, (fcntl.LOCK_SH if by_writer else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def writer_waiting(store: str | Path) -> bool:
    """True while a coder wants (or has) the store file open for writing."""
    return _is_held(writer_path(store), by_writer=True)


def readers_waiting(store: str | Path) -> bool:
    """True while a server request waits to open the store file."""
    return _is_held(readers_path(store), by_writer=False)
