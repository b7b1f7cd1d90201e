"""The lock-file signals between a coder and a server sharing one store (eventwire.handoff)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eventwire.store import Store, handoff

HOLD = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from eventwire.store import handoff\n"
    "s = handoff.Signal(Path(sys.argv[1]), exclusive=sys.argv[2] == 'writer')\n"
    "s.hold(); print('held', flush=True); sys.stdin.readline()\n"
)


def _holder(path: Path, role: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), role], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_handoff_signals_are_seen_by_the_other_process_and_end_with_it(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    assert not handoff.writer_waiting(db) and not handoff.readers_waiting(db)  # no files yet
    for role, path, seen in (
        ("writer", handoff.writer_path(db), handoff.writer_waiting),
        ("reader", handoff.readers_path(db), handoff.readers_waiting),
    ):
        proc = _holder(path, role)
        try:
            assert seen(db), role
        finally:
            proc.kill()  # a crash: the kernel drops the lock
            proc.wait(timeout=10)
        assert not seen(db), f"a dead {role} still signals"


def test_handoff_store_lets_go_only_for_a_waiting_reader(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    store = Store(db, share_with_readers=True)
    try:
        assert handoff.writer_waiting(db)  # it has the file
        assert not store.yield_to_readers()
        reader = _holder(handoff.readers_path(db), "reader")
        try:
            assert store.yield_to_readers()
            assert not handoff.writer_waiting(db)
            # The file is free: another process can open it read-only.
            done = subprocess.run([sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1], "
                                   "read_only=True).close()", str(db)], capture_output=True, text=True)  # fmt: skip
            assert done.returncode == 0, done.stderr
        finally:
            reader.kill()
            reader.wait(timeout=10)
        assert store.stored_hashes(["x"]) == set()  # the next use takes it back
        assert handoff.writer_waiting(db)
    finally:
        store.close()
    assert not handoff.writer_waiting(db) and not handoff.writer_path(db).exists()
