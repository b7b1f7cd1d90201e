"""TokenColumns: a parsed Doc's per-token values, read once with ``Doc.to_array``."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import ENT_TYPE, HEAD, IDX, IS_ALPHA, IS_STOP, LEMMA, LOWER, ORTH, POS, SPACY
from spacy.parts_of_speech import NAMES as POS_ID_NAMES
from spacy.tokens import Doc, Span, Token

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
