"""eventwire: offline, explainable political event coding.

    >>> import eventwire
    >>> events = eventwire.code_text("Russia rejected the British proposal on Thursday.", date="2019-04-19")
    >>> db = eventwire.open("eventwire.duckdb", read_only=True)
    >>> db.events(dyad="USA-LBY")                     # a pandas DataFrame
    >>> db.export("events.tsv", "gdelt", header=True)

The API mirrors the CLI (see :mod:`eventwire.api`); ``import eventwire`` stays light:
DuckDB, pandas and spaCy load on first use.
"""

from __future__ import annotations

import logging
from typing import Any

from .errors import DictionaryError, EventwireError, InputError, OutputError, StoreError
from .models import Actor, Article, CodedArticle, Event, Location, Mention, Rejected, Sentence

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())

# Public names served from eventwire.api on first use.
_API = ("EventDB", "code_files", "code_text", "events_frame", "explain_text", "open")


def __getattr__(name: str) -> Any:
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


__all__ = [
    "Actor", "Article", "CodedArticle", "DictionaryError", "Event", "EventDB", "EventwireError", "InputError",
    "Location", "Mention", "OutputError", "Rejected", "Sentence", "StoreError", "code_files", "code_text",
    "events_frame", "explain_text", "open",
]  # fmt: skip
