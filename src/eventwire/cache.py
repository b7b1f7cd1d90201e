"""One cache directory and one atomic writer, for the pickled KB and gazetteer indexes.

A file is written under a temporary name next to its target and renamed over it, so a
concurrent reader (another process, a Dask worker) never sees half a file, and a failed
write leaves nothing behind.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .config import environment

T = TypeVar("T")


def cache_dir() -> Path:
    """Where built indexes are cached: ``$EVENTWIRE_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``."""
    override = environment().cache_dir
    if override:
        return Path(override)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "eventwire"


def write_atomic(path: Path, write: Callable[[Path], T]) -> T:
    """Run ``write(tmp)`` on a fresh temporary path beside ``path``, then rename it to
    ``path``; on any failure the temporary file is removed and the error propagates."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(name)
    try:
        result = write(tmp)
        os.replace(tmp, path)
        return result
    finally:
        tmp.unlink(missing_ok=True)


def write_pickle(path: Path, value: object) -> None:
    """Pickle ``value`` to ``path`` atomically (raises OSError when it cannot)."""

    def dump(tmp: Path) -> None:
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)

    write_atomic(path, dump)
