"""Run-on text is bounded by construction (issue #17 case 2): runs without a sentence
break are cut into sentences of MAX_SENTENCE_TOKENS before parsing, runs of more than
MAX_RUN_TOKENS are not parsed (skipped and reported), and long documents are parsed in
pieces; the text of the Doc is always the article's text."""

from __future__ import annotations

import json
import logging
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEED_PATH

from eventwire.coding.coder import get_coder
from eventwire.models import Article, CodedArticle
from eventwire.nlp import MAX_RUN_TOKENS, MAX_SENTENCE_TOKENS, PARSE_PIECE_TOKENS, RUNS_KEY, SKIPPED_KEY

GOOD = "Security forces detained twelve protesters in Khartoum on Monday, witnesses said."


@pytest.fixture(scope="module")
def coder():
    return get_coder()


@pytest.mark.parametrize(
    ("text", "cut", "skipped"),
    [
        (GOOD + " " + "Libya " * 1500 + "\n\n" + GOOD, True, False),
        (GOOD + "\n" + "A " * 5000 + GOOD, False, True),
        ("Libya  Libya\u00a0" * 2000 + "\n" + GOOD, False, True),
        (("the convoy moved north and " * 100 + ". ") * 40, True, False),  # forty 500-token runs
    ],
    ids=["cut", "skipped", "odd-spaces", "many-runs"],
)
def test_runon_doc_keeps_the_text_and_bounds_sentences(coder, text: str, cut: bool, skipped: bool) -> None:
    doc = coder.parse(text)
    # the parse reads the text as written, all-capital runs in restored case (Coder.prepare)
    assert len(doc.text) == len(text) and doc.text.lower() == text.lower()
    sents = list(doc.sents)
    parsed = [s for s in sents if len(s) > 1 or s.end_char - s.start_char <= MAX_RUN_TOKENS]
    assert max(len(s) for s in parsed) <= MAX_SENTENCE_TOKENS
    assert bool(doc.user_data.get(RUNS_KEY)) == cut
    assert bool(doc.user_data.get(SKIPPED_KEY)) == skipped
    coded = coder.code_doc(Article("x", text, "2020-01-06", origin="x.txt"), doc)
    assert all(len(s.text) < 20_000 for s in coded.sentences)


def test_runon_long_document_is_parsed_in_pieces_with_the_same_events(coder) -> None:
    seed = SEED_PATH.read_text(encoding="utf-8") if SEED_PATH.exists() else (GOOD + "\n\n") * 20
    copies = PARSE_PIECE_TOKENS // len(coder.nlp.make_doc(seed)) + 2
    text = "\n\n".join([seed] * copies)
    article = Article("long", text, "2019-04-20", origin="long.txt")
    doc = coder.parse(text)
    assert len(doc) > PARSE_PIECE_TOKENS and doc.text == text
    pieces = coder.code_doc(article, doc)
    whole = coder.code_doc(article, coder.nlp(text))
    # Pieces are cut at paragraph breaks: the same events as one parse of the whole text.
    assert [e.to_json() for e in pieces.events] == [e.to_json() for e in whole.events]
    assert len(pieces.events) >= copies


def test_runon_stream_reports_and_codes_the_rest(coder, caplog) -> None:
    items = [Article("runon", GOOD + "\n" + "Libya " * 30_000 + "\n" + GOOD, "2020-01-06", origin="runon.txt"),
             Article("good", GOOD, "2020-01-06", origin="good.txt")]
    with caplog.at_level(logging.WARNING, logger="eventwire.coding.coder"):
        out = list(coder.run(items))
    assert [o.article.doc_id for o in out if isinstance(o, CodedArticle)] == ["runon", "good"]
    assert [len(o.events) for o in out] == [2, 1]
    [warning] = [r.getMessage() for r in caplog.records if "skipped" in r.getMessage()]
    assert warning.startswith("runon.txt: 1 run(s) of more than") and "30,000 tokens" in warning


def test_runon_600_kb_codes_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """The real CLI in a child process: 600 kB of "A " and of "Libya " (the issue's cases)
    plus a normal article; under 60 s (30 s on an idle machine) and 1 GB peak RSS."""
    (tmp_path / "a.txt").write_text("A " * 300_000, encoding="utf-8")
    (tmp_path / "libya.txt").write_text("Libya " * 100_000, encoding="utf-8")
    (tmp_path / "z_good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "events.jsonl"
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-c", "from eventwire.cli import main; main()", "code", str(tmp_path),
         "--no-db", "--out", str(out), "--date", "2020-01-06"],
        capture_output=True, text=True, timeout=120,
    )
    took = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert proc.returncode == 0, proc.stderr
    assert took < 60, f"{took:.1f}s"
    assert peak_mb < 1024, f"peak RSS {peak_mb:.0f} MB"
    assert proc.stderr.count("were skipped, not coded") == 2
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {e["doc_id"] for e in events} == {str(tmp_path / "z_good.txt")}



@pytest.mark.parametrize("text", ["中国军队周一在边境举行演习。" * 300, "सेना ने सोमवार को हमला किया। " * 400,
                                  "أعلن الجيش السيطرة على المطار؟ " * 400])
def test_runon_other_scripts_sentence_ends_are_breaks(coder, text: str) -> None:
    doc = coder.parse(text)
    # the parse reads the text as written, all-capital runs in restored case (Coder.prepare)
    assert len(doc.text) == len(text) and doc.text.lower() == text.lower()
    assert not doc.user_data.get(SKIPPED_KEY) and not doc.user_data.get(RUNS_KEY)


def test_runon_stream_keeps_long_prose_in_the_batch_and_its_order(coder, monkeypatch) -> None:
    """Only documents that need pieces leave the nlp.pipe stream (which then restarts);
    a 20,000+ character article of prose is still parsed in the batch."""
    import eventwire.coding.coder as pipeline

    real = pipeline.parse_bounded
    diverted: list[int] = []
    monkeypatch.setattr(pipeline, "parse_bounded", lambda nlp, doc: diverted.append(len(doc)) or real(nlp, doc))
    prose = "\n\n".join([GOOD] * 300)  # 24,000+ characters, ~4,500 tokens
    items = [Article("a", GOOD, "2020-01-06", origin="a"), Article("prose", prose, "2020-01-06", origin="p"),
             Article("runon", GOOD + "\n" + "A " * 3000, "2020-01-06", origin="r"),
             Article("d", GOOD, "2020-01-06", origin="d")]
    out = list(coder.run(items))
    assert len(prose) > PARSE_PIECE_TOKENS
    assert [o.article.doc_id for o in out] == ["a", "prose", "runon", "d"]
    assert [len(o.events) for o in out] == [1, 300, 1, 1]
    assert diverted == [len(coder.nlp.make_doc(items[2].text))]
