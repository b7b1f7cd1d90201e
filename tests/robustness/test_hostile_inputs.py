"""Hostile inputs, second round (issue #17): each gives one line naming the input, in
bounded time and memory, and every other input is still coded."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from eventwire.ingest import read_inputs
from eventwire.models import Article, Rejected

GOOD = "Security forces detained twelve protesters in Khartoum on Monday, witnesses said."


def _read(paths: list[Path | str]) -> tuple[list[Article], list[Rejected]]:
    """Read in a thread so that a blocking open fails the test instead of hanging it."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.extend(read_inputs([str(p) for p in paths])),
                              daemon=True)
    worker.start()
    worker.join(20)
    assert not worker.is_alive(), "reading blocked"
    return ([i for i in result if isinstance(i, Article)],
            [i for i in result if isinstance(i, Rejected)])


# -- 1. FIFOs, sockets and devices -------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")
def test_hostile_fifo_socket_in_directory_and_given_directly(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(folder / "b_pipe.txt")
    os.mkfifo(folder / "c_pipe.jsonl")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(folder / "d_sock.txt"))
        direct = tmp_path / "direct.jsonl"
        os.mkfifo(direct)
        started = time.monotonic()
        articles, rejected = _read([folder, direct, "/dev/null"])
    finally:
        sock.close()
    assert time.monotonic() - started < 20
    assert [a.text for a in articles] == [GOOD]
    reasons = {Path(r.origin).name: r.reason for r in rejected}
    assert set(reasons) == {"b_pipe.txt", "c_pipe.jsonl", "d_sock.txt", "direct.jsonl", "null"}
    assert "FIFO" in reasons["b_pipe.txt"] and "FIFO" in reasons["c_pipe.jsonl"]
    assert "FIFO" in reasons["direct.jsonl"]
    assert "socket" in reasons["d_sock.txt"]
    assert "character device" in reasons["null"]
    for r in rejected:
        assert "\n" not in r.reason and "not a regular file" in r.reason
        assert r.message().startswith(f"{r.origin}: read: ")


# -- 8. invisible text --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["\u200b\u200c\u200d\u2060\ufeff", "\u200c" * 5000 + "\n\n\u200d", "\u00ad\u180e\u3164\u2800\u200e"],
    ids=["zero-width", "many-joiners", "fillers"],
)
def test_hostile_invisible_text_is_reported_empty(tmp_path: Path, text: str) -> None:
    bad = tmp_path / "invisible.txt"
    bad.write_text(text, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    articles, [r] = _read([bad, good])
    assert [a.text for a in articles] == [GOOD]
    assert r.origin == str(bad) and "empty" in r.reason and "invisible" in r.reason


@pytest.mark.parametrize("text", ["🔥🙏", "وزير", "ক্ষ", "a\u200db"])
def test_hostile_visible_text_with_joiners_is_kept(tmp_path: Path, text: str) -> None:
    path = tmp_path / "ok.txt"
    path.write_text(text, encoding="utf-8")
    articles, rejected = _read([path])
    assert not rejected and len(articles) == 1
