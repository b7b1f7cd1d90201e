"""Atheris harness for the Read stage. Run by hand (see fuzz/README.md).

Each input is written once as .jsonl, .txt and .html and read with
``read_inputs``; its text is also passed to ``clean_text``. Any exception other
than a yielded ``Rejected`` is a bug, and so is cleaning that is not idempotent.
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from eventwire.ingest import clean_text, read_inputs
    from eventwire.models import Article, Rejected

_DIR = tempfile.mkdtemp(prefix="eventwire-fuzz-")


def test_one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    text = fdp.ConsumeUnicodeNoSurrogates(4096)
    once = clean_text(text)
    if clean_text(once) != once:
        raise AssertionError(f"clean_text is not idempotent on {text!r}")
    raw = data[:8192]
    for suffix in (".jsonl", ".txt", ".html"):
        path = os.path.join(_DIR, "input" + suffix)
        with open(path, "wb") as handle:
            handle.write(raw)
        for item in read_inputs([path], max_article_chars=20_000):
            if not isinstance(item, Article | Rejected):
                raise AssertionError(f"unexpected {type(item)}")
            if isinstance(item, Rejected) and "\n" in item.reason:
                raise AssertionError(f"multi-line reason {item.reason!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
