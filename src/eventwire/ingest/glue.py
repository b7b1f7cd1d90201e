"""Split words that scrapers glued together ("Tripolireported" -> "Tripoli reported").

Scrapers drop the space where a link, a line break or an inline tag used to be.
The rule is lexical, not a hand list: a token is split only when the glued form
is not an English word and both halves are (word frequencies from ``wordfreq``).
A capitalised left half may be a name that no word list knows ("Al Sarrajand"),
so then the right half must be a very common word instead.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..words import zipf

# Zipf >= 1 means "wordfreq has seen it": glued forms score 0.0.
KNOWN_WORD = 1.0
# Both halves of a lower-case split must be ordinary words ...
COMMON_HALF = 3.5
# ... and a two-letter right half must be a function word ("in", "of", "he").
SHORT_RIGHT = 6.5
# Capitalised tokens are mostly names built from words (Bullrich, Overdick), so
# the right half must be a frequent word of four letters or more ("reported").
NAME_LEFT = 3.0
NAME_RIGHT = 4.5
# A left half no word list knows is accepted as a name only with evidence, and
# then only before the most frequent words ("and", "the", "for").
EVIDENCE_RIGHT = 3.0
BARE_NAME_RIGHT = 7.0
MIN_TOKEN = 8
MAX_TOKEN = 40

_CHUNK = re.compile(rf"\S{{{MIN_TOKEN},}}")
_LETTERS = re.compile(r"[^\W\d_]+")
# URLs, e-mail addresses, handles, hashtags and file names are never split.
_UNTOUCHABLE = re.compile(r"(://|^www\.|@|^#|\w\.[A-Za-z]{2,}\b|[/\\])")
_PREVIOUS_WORD = re.compile(r"([^\W\d_]+)[^\w\n]*$")


def _zipf(word: str) -> float:
    return zipf(word.lower())  # words.zipf is the bounded memo of word frequencies


# Bounded memos (32,768 entries each: long tokens, and below whole chunks): 1,000 news
# articles ask ~18,000 distinct halves and ~14,000 distinct long tokens, so these keep
# every hot entry while capping what a long run can pile up.
@lru_cache(maxsize=32_768)
def glue_candidates(token: str) -> tuple[int | None, int | None]:
    """Where ``token`` could be split: (a split into two known words, a name + word split).

    The second index is only a candidate: ``split_glued`` accepts it when the
    document gives evidence that the left half is a name.
    """
    if not (MIN_TOKEN <= len(token) <= MAX_TOKEN) or not token.isascii() or not token.isalpha():
        return None, None
    uppers = [i + 1 for i, ch in enumerate(token[1:]) if ch.isupper()]
    # Acronyms and brand casing (PdVSA, UberEATS, iPhone) are deliberate.
    if len(uppers) > 1 or (token[0].islower() and uppers):
        return None, None
    if _zipf(token) >= KNOWN_WORD:
        return None, None
    if uppers:
        # One lower->Upper boundary ("SalameHe"): split there or nowhere.
        i = uppers[0]
        if i >= 2 and len(token) - i >= 2 and _zipf(token[i:]) >= COMMON_HALF:
            return i, None
        return None, None
    capitalised = token[0].isupper()
    best: tuple[float, int] | None = None
    best_name: tuple[float, int] | None = None
    for i in range(3, len(token) - 1):
        left, right = token[:i], token[i:]
        zl, zr = _zipf(left), _zipf(right)
        if len(right) == 2 and (capitalised or zr < SHORT_RIGHT):
            continue
        if capitalised:
            ok = zl >= NAME_LEFT and zr >= NAME_RIGHT and len(right) >= 4
        else:
            ok = zl >= COMMON_HALF and zr >= COMMON_HALF and (len(right) >= 4 or zr >= SHORT_RIGHT)
        if ok and (best is None or zl + zr > best[0]):
            best = (zl + zr, i)
        if capitalised and zr >= EVIDENCE_RIGHT and len(right) >= 3:
            if best_name is None or zr > best_name[0]:
                best_name = (zr, i)
    return (best[1] if best else None), (best_name[1] if best_name else None)


class _Vocabulary:
    """The words of one document, built only when a name split needs evidence."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = set(_LETTERS.findall(self._text))
        return word in self._words


def _name_evidence(token: str, point: int, before: str, vocabulary: _Vocabulary) -> bool:
    left, right = token[:point], token[point:]
    if left in vocabulary:  # the name also occurs on its own in this document
        return True
    # "Fayez Al Sarrajand": the last word of a multi-word name, before "and"/"the".
    previous = _PREVIOUS_WORD.search(before[-40:])
    return (
        _zipf(right) >= BARE_NAME_RIGHT and previous is not None and previous.group(1)[0].isupper()
    )


@lru_cache(maxsize=32_768)
def _split_without_context(chunk: str) -> str | None:
    """``chunk`` with its glued words split, or None when a split would need the
    document's evidence. Most chunks are ordinary long words, the same in every article."""
    return _split_chunk(chunk, "", None)


def _split_in_context(chunk: str, text: str, start: int, vocabulary: _Vocabulary) -> str:
    """Split ``chunk``, found at ``start`` in ``text``."""
    split = _split_without_context(chunk)
    if split is None:
        split = _split_chunk(chunk, text[max(0, start - 40) : start], vocabulary)
        assert split is not None  # with a vocabulary every split is decided
    return split


def _split_chunk(chunk: str, before_chunk: str, vocabulary: _Vocabulary | None) -> str | None:
    """Split the glued words of ``chunk``; without a vocabulary, None where a name split
    would need evidence from the document."""
    if len(chunk) < MIN_TOKEN or _UNTOUCHABLE.search(chunk):
        return chunk
    parts: list[str] = []
    last = 0
    for match in _LETTERS.finditer(chunk):
        token = match.group()
        # A letter run touching a digit or apostrophe is part of a code or a contraction.
        before = chunk[match.start() - 1] if match.start() > 0 else ""
        after = chunk[match.end()] if match.end() < len(chunk) else ""
        if (before and before in "'’" + "0123456789") or (after and after in "'’0123456789"):
            continue
        point, name_point = glue_candidates(token)
        if point is None and name_point is not None:
            if vocabulary is None:
                return None
            context = before_chunk + chunk[: match.start()]
            if _name_evidence(token, name_point, context, vocabulary):
                point = name_point
        if point is not None:
            parts.append(chunk[last : match.start() + point])
            parts.append(" ")
            last = match.start() + point
    if not parts:
        return chunk
    parts.append(chunk[last:])
    return "".join(parts)


def split_glued(text: str) -> str:
    """Insert a space inside tokens that are two words glued together.

    Only spaces are inserted, so removing every space from the result gives back
    the non-space characters of ``text``.

    >>> split_glued("the capital, Tripolireported the White House")
    'the capital, Tripoli reported the White House'

    A pass splits each token once, so several words glued together ("reportedthethe")
    take several passes; it repeats until nothing changes, which makes it idempotent.
    Every pass that changes the text inserts a space into a token of ``MIN_TOKEN`` or
    more non-space characters, so the passes end.
    """
    while True:
        split = _split_pass(text)
        if split == text:
            return text
        text = split


def _split_pass(text: str) -> str:
    vocabulary = _Vocabulary(text)
    return _CHUNK.sub(
        lambda m: _split_in_context(m.group(), text, m.start(), vocabulary),
        text,
    )
