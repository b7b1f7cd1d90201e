"""The only place that loads spaCy: the pipeline, its cheap components, and token columns.

It knows nothing of actors or places; a component that needs them is handed them.
"""

from .columns import TokenColumns
from .components import (
    MAX_RUN_TOKENS,
    MAX_SENTENCE_TOKENS,
    PARSE_PIECE_TOKENS,
    RUNS_KEY,
    SKIPPED_KEY,
    is_skipped,
    needs_pieces,
    needs_pieces_doc,
    parse_bounded,
)
from .load import DEFAULT_MODEL, load_nlp

__all__ = [
    "DEFAULT_MODEL",
    "MAX_RUN_TOKENS",
    "MAX_SENTENCE_TOKENS",
    "PARSE_PIECE_TOKENS",
    "RUNS_KEY",
    "SKIPPED_KEY",
    "TokenColumns",
    "is_skipped",
    "load_nlp",
    "needs_pieces",
    "needs_pieces_doc",
    "parse_bounded",
]
