"""eventwire: offline, explainable political event coding.

    >>> import eventwire
    >>> events = eventwire.code_text("Russia rejected the British proposal on Thursday.", date="2019-04-19")
    >>> db = eventwire.open("eventwire.duckdb")
"""

from __future__ import annotations

import logging

from .errors import DictionaryError, EventwireError, InputError, StoreError
from .models import Actor, Article, CodedArticle, Event, Location, Mention, Rejected, Sentence

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())


def code_text(text: str, *, date: str | None = None, doc_id: str = "<text>", settings=None) -> list[Event]:
    """Code one text and return its events (see :func:`eventwire.pipeline.code_text`)."""
    from .pipeline import code_text as _code_text

    return _code_text(text, date=date, doc_id=doc_id, settings=settings)


def code_files(paths, **kwargs):
    """Code files/directories/stdin into DuckDB and/or an event file (see :func:`eventwire.batch.code_files`)."""
    from .batch import code_files as _code_files

    return _code_files(paths, **kwargs)


def open(path):  # noqa: A001 - the public API is eventwire.open(path)
    """Open an event database: ``.events(**filters)``, ``.stats()``, ``.sql(q)``, ``.code(text, date=...)``."""
    from .store import open as _open

    return _open(path)


__all__ = [
    "Actor", "Article", "CodedArticle", "DictionaryError", "Event", "EventwireError", "InputError",
    "Location", "Mention", "Rejected", "Sentence", "StoreError", "code_files", "code_text", "open",
]
