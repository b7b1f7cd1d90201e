"""The fast attribute ruler and lemmatizer annotate every token exactly as spaCy's do."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, ORTH, POS, TAG

from eventwire.actors.entities import load_parser
from eventwire.nlp import DEFAULT_MODEL, speedups
from tests.conftest import REPO, SEED_PATH, shared_file

COLUMNS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def stock():
    return spacy.load(DEFAULT_MODEL, exclude=["ner"])


@pytest.fixture(scope="module")
def fast():
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    assert speedups.install(nlp) == ["attribute_ruler", "lemmatizer", "parser"]
    return nlp


def _differences(stock, fast, texts):
    """Tokens whose annotation differs, as (text, stock, fast) triples."""
    out = []
    for a, b in zip(stock.pipe(texts), fast.pipe(texts), strict=True):
        assert len(a) == len(b)
        if (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all():
            continue
        for x, y in zip(a, b, strict=True):
            ax = (x.tag_, x.pos_, str(x.morph), x.lemma_, x.dep_, x.head.i)
            bx = (y.tag_, y.pos_, str(y.morph), y.lemma_, y.dep_, y.head.i)
            if ax != bx:
                out.append((x.text, ax, bx))
    return out


def _example_texts() -> list[str]:
    texts = [(REPO / "examples" / "libya_offensive_2019.txt").read_text(encoding="utf-8")]
    for line in (REPO / "examples" / "wires.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            texts.append(json.loads(line)["text"])
    return texts


def test_pipeline_uses_the_fast_components():
    nlp = load_parser()
    names = nlp.pipe_names
    assert "attribute_ruler_fast" in names and "lemmatizer_fast" in names
    assert "attribute_ruler" not in names and "lemmatizer" not in names
    assert isinstance(nlp.get_pipe("parser"), speedups.SortedParser)
    for name in ("tok2vec", "tagger"):
        ops = nlp.get_pipe(name).model.ops
        assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False
    assert nlp.get_pipe("parser").parser.model.ops.use_blis is False


def test_sorted_parser_sub_batches_respect_both_caps(stock):
    parser = speedups.SortedParser(stock.get_pipe("parser"), window=6, batch_docs=2, batch_tokens=30)
    docs = [stock.make_doc(" ".join(["word"] * n)) for n in (12, 3, 40, 7, 15, 9)]
    batches = list(parser._sub_batches(docs))
    assert [len(d) for b in batches for d in b] == [3, 7, 9, 12, 15, 40]  # shortest first
    for batch in batches:
        assert len(batch) <= 2
        assert len(batch) == 1 or sum(len(d) for d in batch) <= 30  # a longer doc goes alone
    assert [len(b) for b in batches] == [2, 2, 1, 1]


def test_sorted_parser_keeps_order_and_parse(stock):
    """Windows of 3 and sub-batches of 2 give the stock parse, in input order."""
    texts = _example_texts() + ["Short one.", "", "The army said it shelled the town on Monday."]
    expected = [doc.to_array(COLUMNS) for doc in stock.pipe(texts)]
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    speedups.install(nlp)
    sorted_parser = nlp.get_pipe("parser")
    sorted_parser.window, sorted_parser.batch_docs, sorted_parser.batch_tokens = 3, 2, 200
    got = [doc.to_array(COLUMNS) for doc in nlp.pipe(texts, batch_size=2)]
    assert len(got) == len(expected)
    for a, b in zip(expected, got, strict=True):
        assert a.shape == b.shape and (a == b).all()


def test_same_tokens_as_spacy_on_our_examples(stock, fast):
    # Contractions and multi-token rules ("gonna", "ain't"), spaces, quotes, numbers.
    texts = _example_texts() + [
        "They ain't gonna sign it, she said.  \n\n  We're not leaving; aren't we?",
        "The U.S. didn't say whether it'd veto the draft, but it wouldn't comment.",
        "Let's go, y'all. C'mon, we gotta leave; there were troops and there is a curfew. Y all ain't ready.",
        "",
        "   ",
    ]
    assert _differences(stock, fast, texts) == []


def test_same_tokens_as_spacy_on_dev_articles(stock, fast):
    path = shared_file("devdata", "insightcrime_articles.txt")
    texts = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()[:40] if line.strip()]
    texts.append(SEED_PATH.read_text(encoding="utf-8"))
    sentences = shared_file("devdata", "cameo_pentaclass_train.tsv").read_text(encoding="utf-8").splitlines()
    texts += [line.split("\t")[0] for line in sentences[:400]]
    assert _differences(stock, fast, texts) == []


def test_same_tokens_after_the_caches_are_emptied(stock, fast, monkeypatch):
    monkeypatch.setattr(speedups, "_CACHE_LIMIT", 5)
    texts = _example_texts()[:3]
    assert _differences(stock, fast, texts) == []


def test_a_rule_it_cannot_reproduce_keeps_spacys_component():
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner"])
    # A pattern on an attribute outside (TAG, LOWER, DEP, IS_SPACE): only a Matcher can do it.
    nlp.get_pipe("attribute_ruler").add([[{"LIKE_NUM": True}]], {"LEMMA": "NUMBER"})
    assert speedups.install(nlp) == ["lemmatizer", "parser"]
    assert "attribute_ruler" in nlp.pipe_names
    doc = nlp("Police seized 40 kilos.")
    assert doc[2].lemma_ == "NUMBER"


def test_a_lookup_lemmatizer_is_kept():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert speedups.install(nlp) == []
    assert nlp.pipe_names == ["lemmatizer"]


def test_environment_switch_keeps_spacys_components():
    # In a child process: load_nlp caches the pipeline for the whole test session.
    code = "from eventwire.actors.entities import load_parser; print(' '.join(load_parser().pipe_names))"
    env = {**os.environ, "EVENTWIRE_FAST_COMPONENTS": "0"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    names = out.stdout.split()
    assert "attribute_ruler" in names and "lemmatizer" in names
    assert "attribute_ruler_fast" not in names and "lemmatizer_fast" not in names


def test_token_columns_match_the_doc():
    """The per-document columns the coder reads equal what spaCy's Token API gives."""
    from eventwire.nlp import TokenColumns

    nlp = load_parser()
    for doc in nlp.pipe(_example_texts() + ["", "Rebels, the army said, attacked; police fled."]):
        cols = TokenColumns.of(doc)
        assert cols.text == [t.text for t in doc]
        assert cols.pos == [t.pos_ for t in doc]
        assert cols.lemma == [t.lemma_.lower() for t in doc]
        assert cols.ent_type == [t.ent_type_ for t in doc]
        assert cols.idx == [t.idx for t in doc]
        assert [(s.start, s.end) for s in cols.sents] == [(s.start, s.end) for s in doc.sents]
        assert [(e.start, e.end, e.label_) for e in cols.ents] == [(e.start, e.end, e.label_) for e in doc.ents]
        for tok in doc:
            assert [c.i for c in cols.children[tok.i]] == [c.i for c in tok.children]
            assert [c.i for c in cols.lefts(tok)] == [c.i for c in tok.lefts]
        for start, end in ((0, len(doc)), (1, min(4, len(doc)))):
            if start < end:
                assert cols.span_text(start, end) == doc[start:end].text
                span = doc[start:end]
                assert cols.span_chars(start, end) == (span.start_char, span.end_char)


def test_coding_runs_blas_on_one_thread_and_restores_the_host_setting():
    from threadpoolctl import threadpool_info, threadpool_limits

    from eventwire.coding.coder import get_coder
    from eventwire.models import Article

    def blas_threads() -> set[int]:
        return {info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}

    articles = [Article(doc_id=str(i), text="The army shelled the town. Police arrested two men.",
                        published="2020-01-01", origin="t", raw_chars=50) for i in range(2)]
    with threadpool_limits(limits=2, user_api="blas"):
        assert blas_threads() == {2}
        stream = get_coder().run(articles)
        first = next(stream)
        assert first.events and blas_threads() == {1}  # while the stream is open
        assert len(list(stream)) == 1
        assert blas_threads() == {2}  # the host's setting is back
