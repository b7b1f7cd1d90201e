"""How common an English word is: wordfreq's Zipf frequency, shared and cached.

wordfreq costs ~0.3 s to import and load, so it is imported on the first question. Used by
glue splitting, case restoration, the knowledge base (acronyms and common-word names) and
the gazetteer (common words known only as a place's alternate name).
"""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """``word``'s Zipf frequency in English, as written (callers lower-case where they mean to)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")
