"""The pipeline's cheap components and the bounded parse: paragraph breaks, the sentence
cap for runs without a break, parsing long documents in pieces, and the runs left unparsed."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.component("eventwire_paragraphs")
def split_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: scraped headlines and captions carry no full stop."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


# A run of tokens with no sentence break ("A A A ...", a name list, a table dump) is cut
# into sentences of at most this many tokens before parsing: the coder's walks over one
# sentence's tree grow faster than its length. The longest such run in the dev corpora
# (InsightCrime, India police, SATP) is 325 tokens, so normal text is never cut.
MAX_SENTENCE_TOKENS = 400
# A run longer than this is not prose: it is not parsed, and the coder skips it (one
# unparsed sentence) and reports it. Parsing costs ~0.1-0.5 ms a token: 600 kB of "A "
# would take minutes. The coder also skips any sentence longer than this.
MAX_RUN_TOKENS = 2_000
# Documents longer than this are parsed in pieces of about this many tokens and joined:
# tok2vec and the parser hold ~15 kB per token of the document they are given at once
# (600 kB of "A " is 300,000 tokens, 4.5 GB). The longest dev article has ~6,000 tokens.
PARSE_PIECE_TOKENS = 20_000
RUNS_KEY = "eventwire_split_runs"  # Doc.user_data: [(start_char, tokens)] of the cut runs
SKIPPED_KEY = "eventwire_skipped_runs"  # Doc.user_data: [(start_char, tokens)], not parsed
# Sentence ends, with the CJK, Devanagari, Arabic and Urdu ones: text in those scripts is
# read too, and must not look like one run.
_BREAK_CHARS = ".!?;\n\u3002\uff01\uff1f\uff1b\u0964\u0965\u061f\u061b\u06d4"
# A run of N tokens holds at least N characters without a break: these find candidates.
# The lookbehind starts a match only where a run starts, so a search is linear (without
# it, each position inside a run is tried again: 50 ms on 16 kB of prose).
_LONG_RUN = re.compile(f"(?<![^{re.escape(_BREAK_CHARS)}])[^{re.escape(_BREAK_CHARS)}]{{{MAX_SENTENCE_TOKENS},}}")
_SKIP_RUN = re.compile(f"(?<![^{re.escape(_BREAK_CHARS)}])[^{re.escape(_BREAK_CHARS)}]{{{MAX_RUN_TOKENS},}}")
_BREAK = re.compile(f"[{re.escape(_BREAK_CHARS)}]")


@Language.component("eventwire_sentence_cap")
def cap_sentences(doc: Doc) -> Doc:
    """Start a sentence every ``MAX_SENTENCE_TOKENS`` tokens of a run with no break
    (a token holding . ! ? ; a newline, or a sentence end of another script), before the parser sees the document; the
    cut runs are listed in ``doc.user_data[RUNS_KEY]`` for the caller to report."""
    if not _LONG_RUN.search(doc.text):
        return doc  # a run of N tokens holds N characters without a break: none here
    runs: list[tuple[int, int]] = []
    length = 0  # tokens since the last break
    for tok in doc:
        if length and length % MAX_SENTENCE_TOKENS == 0:
            tok.is_sent_start = True
        length += 1
        if _BREAK.search(tok.text):
            if length > MAX_SENTENCE_TOKENS:
                runs.append((doc[tok.i + 1 - length].idx, length))
            length = 0
    if length > MAX_SENTENCE_TOKENS:
        runs.append((doc[len(doc) - length].idx, length))
    if runs:
        doc.user_data[RUNS_KEY] = runs
    return doc


def needs_pieces(text: str) -> bool:
    """True if ``text`` may be too long to parse at once or hold a run to skip: then
    ``parse_bounded`` must parse it (a cheap test on characters; tokens may clear it)."""
    return len(text) > PARSE_PIECE_TOKENS or _SKIP_RUN.search(text) is not None


def needs_pieces_doc(doc: Doc) -> bool:
    """True if the tokenised ``doc`` is too long to parse at once or holds a run to skip."""
    return len(doc) > PARSE_PIECE_TOKENS or bool(_runs_to_skip(doc))


def parse_bounded(nlp: Language, doc: Doc) -> Doc:
    """Parse the tokenised ``doc`` with ``nlp`` in bounded time and memory.

    Runs of more than ``MAX_RUN_TOKENS`` tokens without a break are not parsed: each
    becomes one token and one sentence that the coder skips (``is_skipped``) (listed in ``user_data[SKIPPED_KEY]``).
    The rest is parsed in pieces of about ``PARSE_PIECE_TOKENS`` tokens, cut after a
    newline or a full stop where one is near, and everything is joined back into one Doc
    of the same text. A short document without such a run is parsed whole, as usual."""
    skipped = _runs_to_skip(doc)
    if not skipped and len(doc) <= PARSE_PIECE_TOKENS:
        return nlp(doc)
    pieces: list[Doc] = []
    runs: list[tuple[int, int]] = []
    start = 0
    for run_start, run_end in [*skipped, (len(doc), len(doc))]:
        while start < run_start:
            end = _piece_end(doc, start, run_start)
            piece = nlp(doc[start:end].as_doc())
            offset = doc[start].idx
            runs.extend((offset + char, n) for char, n in piece.user_data.get(RUNS_KEY, ()))
            pieces.append(piece)
            start = end
        if run_start < run_end:
            pieces.append(_unparsed(doc[run_start:run_end]))
            start = run_end
    joined = Doc.from_docs(pieces, ensure_whitespace=False, exclude=["tensor", "user_data"])
    if runs:
        joined.user_data[RUNS_KEY] = runs
    if skipped:
        joined.user_data[SKIPPED_KEY] = [(doc[a].idx, b - a) for a, b in skipped]
    return joined


def _runs_to_skip(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token spans of the runs of more than ``MAX_RUN_TOKENS`` tokens
    without a break, found on the text and mapped to tokens without a Python token loop."""
    text = doc.text
    if not _SKIP_RUN.search(text):
        return []
    starts = doc.to_array(IDX).astype("int64")
    ends = starts + doc.to_array(LENGTH).astype("int64")
    spans: list[tuple[int, int]] = []
    for match in _SKIP_RUN.finditer(text):
        first = int(numpy.searchsorted(starts, match.start(), side="left"))  # whole tokens only
        last = int(numpy.searchsorted(ends, match.end(), side="right"))
        if last - first > MAX_RUN_TOKENS:
            spans.append((first, last))
    return spans


def _unparsed(span: Span) -> Doc:
    """``span`` as a Doc of one token and one sentence (POS X), which the coder skips:
    nothing of it is parsed or walked token by token."""
    return Doc(span.doc.vocab, words=[span.text], spaces=[bool(span[-1].whitespace_)],
               heads=[0], deps=["ROOT"], pos=["X"], tags=["XX"], lemmas=[span.text],
               sent_starts=[True], ents=["O"])


def is_skipped(sent: Span) -> bool:
    """True for a sentence the coder skips: longer than ``MAX_RUN_TOKENS`` tokens, or a
    run that ``parse_bounded`` left unparsed as one token."""
    length = sent.end - sent.start
    return length > MAX_RUN_TOKENS or (length == 1 and sent.end_char - sent.start_char > MAX_RUN_TOKENS)


def _piece_end(doc: Doc, start: int, limit: int) -> int:
    """End (exclusive, at most ``limit``) of the piece from ``start``: after the last
    newline or full stop in its second half if there is one."""
    end = min(start + PARSE_PIECE_TOKENS, limit)
    if end == limit:
        return end
    for i in range(end - 1, start + PARSE_PIECE_TOKENS // 2, -1):
        text = doc[i].text
        if "\n" in text or text in (".", "!", "?"):
            return i + 1
    return end
