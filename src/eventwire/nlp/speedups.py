"""Exact, faster stand-ins for spaCy components of the English pipelines.

Profiling `nlp.pipe` on InsightCrime articles (en_core_web_sm 3.8, one core) puts the
``attribute_ruler`` at about 30% and the ``lemmatizer`` at about 18% of the parse
without NER: both spend their time in per-token Python (a 179-pattern Matcher plus a
Span and a dict walk per match; a Token object and a cache probe per token).

Their output depends on very little:

* most attribute-ruler patterns look at one token's TAG, LOWER, DEP and IS_SPACE, so
  the attributes they assign are a function of those four values and are computed
  once per distinct combination; the few multi-token patterns (no operators) are tried
  only where a token passes their first token's test;
* the rule lemmatizer's lemma is a function of (ORTH, POS, MORPH): spaCy caches it
  under that very key. A new key still costs 0.2 ms in spaCy because its lemma index
  is a list of words searched linearly; the stand-in makes those lists sets.

Both stand-ins read the token columns with ``Doc.to_array`` and write them back with
``Doc.from_array``, and produce the same annotations as the originals:
``tests/test_speedups.py`` compares every token of real articles with the stock
pipeline. Anything they cannot reproduce exactly (a pattern form they do not know, a
doc without a parse where DEP patterns exist) is handed to the original component.

Two more changes touch only how the statistical components compute, not what:

* thinc multiplies matrices with BLIS; numpy's OpenBLAS does the tok2vec and parser
  products about 1.2x faster on this kind of CPU (AVX-512). ``use_numpy_gemm`` points the
  models at thinc's ``NumpyOps(use_blis=False)``. The parse is the same (the tests
  compare every tag, dependency and head with the stock pipeline).
* spaCy's parser steps all documents of a batch together, and each step has a fixed
  cost; under ``nlp.pipe(batch_size=4)`` it parses two documents at a time.
  ``SortedParser`` parses up to ``batch_docs`` length-sorted documents per step while a
  token cap bounds the memory of the parser's precomputed features (4 kB per token).
  It holds a window of 32 documents, so on a live stream results come 32 articles
  (or the end of the input) at a time; the store already writes in batches of 50.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import numpy
from spacy import util
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps

log = logging.getLogger(__name__)

# The token attributes single-token patterns may test, in the order of the cache key.
_KEY_ATTRS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_KEY_IDS = [TAG, LOWER, DEP, IS_SPACE]
# Attributes a rule may set that Doc.from_array can write.
# Cache entries kept before a cache is emptied, so memory stays bounded on long streams.
_CACHE_LIMIT = 500_000
_SETTABLE = {POS: "POS", MORPH: "MORPH", LEMMA: "LEMMA", TAG: "TAG", DEP: "DEP"}


class UnsupportedPattern(ValueError):
    """A pattern form the fast ruler cannot evaluate; the original ruler is used."""


def _predicate(spec: Any) -> Callable[[Any], bool]:
    """One token-attribute test of a Matcher pattern, as a Python predicate."""
    if isinstance(spec, str | bool | int):
        return lambda value: value == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((op, arg),) = spec.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda value: value in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda value: value not in banned
        if op == "REGEX":
            rx = re.compile(arg)
            return lambda value: isinstance(value, str) and rx.search(value) is not None
    raise UnsupportedPattern(f"pattern value {spec!r}")


def _token_test(token_spec: dict[str, Any]) -> Callable[[tuple[Any, ...]], bool]:
    """A test over the cache key (tag, lower, dep, is_space) for one pattern token."""
    tests = []
    for attr, spec in token_spec.items():
        if attr not in _KEY_ATTRS:
            raise UnsupportedPattern(f"pattern attribute {attr!r}")
        tests.append((_KEY_ATTRS.index(attr), _predicate(spec)))
    # The usual cases, one or two attributes ("LOWER", "TAG"), test without a generator per call.
    if len(tests) == 1:
        (pos, test), = tests
        return lambda key: test(key[pos])
    if len(tests) == 2:
        (pos1, test1), (pos2, test2) = tests
        return lambda key: test1(key[pos1]) and test2(key[pos2])
    return lambda key: all(test(key[pos]) for pos, test in tests)


class _PerDocComponent:
    """``pipe`` for a component whose work is per document."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)


class FastAttributeRuler(_PerDocComponent):
    """The attribute ruler's annotations, cached per (TAG, LOWER, DEP, IS_SPACE)."""

    def __init__(self, original: Any) -> None:
        self.original = original
        self.vocab = original.vocab
        strings = self.vocab.strings
        # Single-token rules, indexed by the LOWER or TAG value they require so that a new
        # key is tested against a handful of candidate rules, not all of them.
        self._by_lower: dict[str, list[tuple[int, Callable[[tuple[Any, ...]], bool]]]] = {}
        self._by_tag: dict[str, list[tuple[int, Callable[[tuple[Any, ...]], bool]]]] = {}
        self._always: list[tuple[int, Callable[[tuple[Any, ...]], bool]]] = []
        # Multi-token rules: (attr_id, index, one test per token); tried only where the
        # first token's key passes its test.
        self.multi: list[tuple[int, int, list[Callable[[tuple[Any, ...]], bool]]]] = []
        self.uses_dep = False
        columns: set[int] = set()
        for attr_id, attrs in enumerate(original.attrs):
            _, patterns = original.matcher.get(str(attr_id))
            index = original.indices[attr_id]
            unknown = set(attrs) - set(_SETTABLE)
            if unknown:
                raise UnsupportedPattern(f"rule {attr_id} sets {sorted(unknown)}")
            columns.update(attrs)
            for pattern in patterns:
                self.uses_dep |= any("DEP" in tok for tok in pattern)
                if len(pattern) == 1 and index in (0, -1):
                    self._index_rule(attr_id, pattern[0])
                else:
                    self.multi.append((attr_id, index, [_token_test(tok) for tok in pattern]))
        self.columns = sorted(columns)
        self._col = {attr: n for n, attr in enumerate(self.columns)}
        self._strings = strings
        # key -> tuple of attr_ids of the single-token rules that match it, in order
        self._matches: dict[tuple[Any, ...], tuple[int, ...]] = {}
        # key -> the (column, value) pairs those rules leave, later rules winning
        self._final: dict[tuple[Any, ...], tuple[tuple[int, int], ...]] = {}
        self._multi_starts: dict[tuple[Any, ...], bool] = {}

    def _text_key(self, key: tuple[Any, ...]) -> tuple[Any, ...]:
        strings = self._strings
        return (strings[key[0]], strings[key[1]], strings[key[2]], bool(key[3]))

    def _match_multi(self, keys: list[tuple[Any, ...]], inverse: Any, extra: dict[int, list[int]]) -> None:
        """Matches of the multi-token rules, as the Matcher finds them (every start, overlaps
        allowed): token index -> attr_ids of the rules aimed at it."""
        starts = self._multi_starts
        may = numpy.zeros(len(keys), dtype=bool)
        for u, key in enumerate(keys):
            found = starts.get(key)
            if found is None:
                text_key = self._text_key(key)
                found = starts[key] = any(tests[0](text_key) for _, _, tests in self.multi)
            may[u] = found
        n = len(inverse)
        for i in numpy.nonzero(may[inverse])[0].tolist():
            for attr_id, index, tests in self.multi:
                end = i + len(tests)
                if end > n or not all(test(self._text_key(keys[inverse[j]]))
                                      for j, test in zip(range(i, end), tests, strict=True)):
                    continue
                extra.setdefault(i + index if index >= 0 else end + index, []).append(attr_id)

    def _final_sets(self, rules: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """(column, value) pairs left after applying ``rules`` in order (later rules win)."""
        merged: dict[int, int] = {}
        for attr_id in rules:
            for attr, value in self.original.attrs[attr_id].items():
                merged[self._col[attr]] = value
        return tuple(merged.items())

    def _index_rule(self, attr_id: int, token_spec: dict[str, Any]) -> None:
        rule = (attr_id, _token_test(token_spec))
        for attr, index in (("LOWER", self._by_lower), ("TAG", self._by_tag)):
            spec = token_spec.get(attr)
            values = [spec] if isinstance(spec, str) else spec.get("IN") if isinstance(spec, dict) else None
            if values is not None:
                for value in values:
                    index.setdefault(value, []).append(rule)
                return
        self._always.append(rule)

    def _rules_for(self, key: tuple[Any, ...]) -> tuple[int, ...]:
        found = self._matches.get(key)
        if found is None:
            text_key = self._text_key(key)
            candidates = (self._by_tag.get(text_key[0], []) + self._by_lower.get(text_key[1], [])
                          + self._always)
            found = tuple(sorted({attr_id for attr_id, test in candidates if test(text_key)}))
            if len(self._matches) >= _CACHE_LIMIT:
                self._matches.clear()  # bounded memory over a long stream
                self._final.clear()
                self._multi_starts.clear()
            self._matches[key] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        if self.uses_dep and not doc.has_annotation("DEP"):
            return self.original(doc)
        # One Python step per distinct key in the doc; numpy spreads the results to tokens.
        unique, inverse = numpy.unique(doc.to_array(_KEY_IDS), axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        keys = [tuple(key) for key in unique.tolist()]
        override = numpy.zeros((len(keys), len(self.columns)), dtype="uint64")
        mask = numpy.zeros((len(keys), len(self.columns)), dtype=bool)
        final = self._final
        for u, key in enumerate(keys):
            sets = final.get(key)
            if sets is None:
                sets = final[key] = self._final_sets(self._rules_for(key))
            for column, value in sets:
                override[u, column] = value
                mask[u, column] = True
        extra: dict[int, list[int]] = {}
        if self.multi:
            self._match_multi(keys, inverse, extra)
        if not mask.any() and not extra:
            return doc
        values = doc.to_array(self.columns)
        token_mask = mask[inverse]
        values = numpy.where(token_mask, override[inverse], values)
        for i, attr_ids in extra.items():
            # The union of the token's own rules and the multi-token ones, in rule order, on top.
            key = keys[inverse[i]]
            for column, value in self._final_sets(tuple(sorted(set(self._rules_for(key)) | set(attr_ids)))):
                values[i, column] = value
        doc.from_array(self.columns, values)
        return doc


class FastLemmatizer(_PerDocComponent):
    """The rule lemmatizer's lemmas, cached per (ORTH, POS, MORPH) as spaCy's own cache is."""

    def __init__(self, original: Any) -> None:
        if getattr(original, "mode", None) != "rule":
            raise UnsupportedPattern(f"lemmatizer mode {getattr(original, 'mode', None)!r}")
        self.original = original
        self.overwrite = bool(original.overwrite)
        self._lemmas: dict[tuple[int, int, int], int] = {}
        # spaCy tests `form in index` against the word lists of lemma_index, which load as
        # Python lists (57k nouns): 0.2 ms per new word. Sets answer the same membership.
        if not original._validated:
            original._validate_tables()
        index = original.lookups.get_table("lemma_index", None)
        if index is not None:
            for pos, words in list(index.items()):
                if isinstance(words, list):
                    index[pos] = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        original = self.original  # tables validated in __init__
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()
        lemmas = numpy.empty(len(rows), dtype="uint64")
        cache = self._lemmas
        add = doc.vocab.strings.add
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not self.overwrite:
                lemmas[i] = lemma
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = add(original.lemmatize(doc[i])[0])
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                    original.cache.clear()
                cache[key] = value
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas)
        return doc


@Language.factory("eventwire_fast_attribute_ruler")
def make_fast_attribute_ruler(nlp: Language, name: str, replaces: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.get_pipe(replaces))


@Language.factory("eventwire_fast_lemmatizer")
def make_fast_lemmatizer(nlp: Language, name: str, replaces: str) -> FastLemmatizer:
    return FastLemmatizer(nlp.get_pipe(replaces))


class SortedParser:
    """spaCy's parser, fed length-sorted sub-batches of at most ``batch_docs`` documents
    and ``batch_tokens`` tokens from windows of ``window`` documents; yields in order."""

    def __init__(self, parser: Any, window: int = 32, batch_docs: int = 8, batch_tokens: int = 8000) -> None:
        self.parser = parser
        self.window = window
        self.batch_docs = batch_docs
        self.batch_tokens = batch_tokens

    def __call__(self, doc: Doc) -> Doc:
        return self.parser(doc)

    def _sub_batches(self, docs: list[Doc]) -> Iterator[list[Doc]]:
        batch: list[Doc] = []
        tokens = 0
        for doc in sorted(docs, key=len):
            if batch and (len(batch) >= self.batch_docs or tokens + len(doc) > self.batch_tokens):
                yield batch
                batch, tokens = [], 0
            batch.append(doc)
            tokens += len(doc)
        if batch:
            yield batch

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        parser = self.parser
        error_handler = parser.get_error_handler()
        for window in util.minibatch(stream, size=self.window):
            try:
                for batch in self._sub_batches(window):
                    parser.set_annotations(batch, parser.predict(batch))
            except Exception as exc:
                error_handler(parser.name, parser, window, exc)
                continue
            yield from window


@Language.factory("eventwire_sorted_parser")
def make_sorted_parser(nlp: Language, name: str, wraps: str) -> SortedParser:
    return SortedParser(nlp.get_pipe(wraps))


def use_numpy_gemm(nlp: Language) -> None:
    """Point the statistical components' models at numpy's matrix product (OpenBLAS)."""
    ops = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if isinstance(model, Model) and type(model.ops) is NumpyOps:
            for node in model.walk():
                node.ops = ops


def install(nlp: Language) -> list[str]:
    """Swap the pipeline's attribute ruler, rule lemmatizer and parser for the fast
    stand-ins, and multiply with numpy.

    Returns the names replaced. A component the stand-in cannot reproduce is kept."""
    replaced = []
    for name, factory in (("attribute_ruler", "eventwire_fast_attribute_ruler"),
                          ("lemmatizer", "eventwire_fast_lemmatizer")):
        if name not in nlp.pipe_names:
            continue
        try:
            nlp.add_pipe(factory, name=f"{name}_fast", after=name, config={"replaces": name})
        except UnsupportedPattern as exc:
            log.info("keeping spaCy's %s: %s", name, exc)
            continue
        nlp.remove_pipe(name)
        replaced.append(name)
    use_numpy_gemm(nlp)
    if "parser" in nlp.pipe_names:
        # The wrapper keeps the name "parser"; at prediction the parser reads the
        # tok2vec output from doc.tensor, so the listener wiring does not matter.
        nlp.add_pipe("eventwire_sorted_parser", name="parser_sorted", after="parser", config={"wraps": "parser"})
        nlp.remove_pipe("parser")
        nlp.rename_pipe("parser_sorted", "parser")
        replaced.append("parser")
    return replaced
