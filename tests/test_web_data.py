"""Stores the dashboard tests run against, and checks that they hold what the tests expect.

``build_coded_db`` codes the seed article and a few InsightCrime articles with the
real pipeline (skipping when ../shared is absent); ``write_hostile_article`` adds an
article whose text carries markup, coded from model objects so its spans are exact.
The browser tests import these builders (tests/ is on sys.path through conftest).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import shared_file

from eventwire.models import Actor, Article, CodedArticle, Event, Location, Sentence, Trigger
from eventwire.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SEED_DATE = "2019-04-19"
SEED_DOC_ID = "seed_article_haftar_2019"
INSIGHTCRIME_ARTICLES = 5
HOSTILE_DOC_ID = "hostile-markup"
HOSTILE_TEXT = (
    "Protesters gathered in Caracas on Monday. "
    "<script>alert(1)</script> Venezuelan police attacked protesters in Caracas "
    "<img src=x onerror=alert(2)> on Monday."
)


def build_coded_db(path: Path) -> Path:
    """Code the seed and a few InsightCrime articles into ``path`` with the real pipeline.

    Articles go through the pipeline's own cleaning and coding (``pipeline.run``)
    and the store's batched write, as ``eventwire code`` does after reading files.
    """
    from eventwire.coding.coder import run
    from eventwire.ingest.clean import clean_text
    from eventwire.models import CodedArticle

    try:
        seed = shared_file("devdata", "seed_article_haftar_2019.txt")
        crime = shared_file("devdata", "insightcrime_articles.txt")
    except pytest.skip.Exception:
        # Without ../shared (a bare CI clone) the dashboard is still tested for real: our own
        # bundled examples stand in, the Libya story for the seed and the wires for the rest.
        raw = [(SEED_DOC_ID, (EXAMPLES / "libya_offensive_2019.txt").read_text(encoding="utf-8"), SEED_DATE)]
        wires = [json.loads(line) for line in (EXAMPLES / "wires.jsonl").read_text(encoding="utf-8").splitlines()]
        for i, rec in zip(range(INSIGHTCRIME_ARTICLES), wires, strict=True):
            raw.append((f"insightcrime-{i}", rec["text"], rec["date"]))
    else:
        raw = [(SEED_DOC_ID, seed.read_text(encoding="utf-8"), SEED_DATE)]
        with crime.open(encoding="utf-8") as lines:
            for i, line in zip(range(INSIGHTCRIME_ARTICLES), lines, strict=False):
                raw.append((f"insightcrime-{i}", line.strip(), f"2019-05-0{i + 1}"))
    articles = [
        Article(doc_id, clean_text(text), published=date, origin=doc_id, raw_chars=len(text))
        for doc_id, text, date in raw
    ]
    coded = list(run(articles))
    rejected = [c for c in coded if not isinstance(c, CodedArticle)]
    assert not rejected, rejected
    with Store(path) as store:
        store.write_many(coded)
        store.rebuild_groups()
    return path


def _actor(
    code: str, country: str, name: str, text: str, sentence_start: int, sentence: str
) -> Actor:
    start = sentence_start + sentence.index(text)
    return Actor(code, country, (), name, text, start, start + len(text))


def write_hostile_article(path: Path) -> str:
    """Store an article whose text has a script tag and an onerror image; return its event id."""
    text = HOSTILE_TEXT
    first_end = text.index("Monday.") + len("Monday.")
    s_start = text.index("<script>")
    sentence = text[s_start:]
    trigger_start = s_start + sentence.index("attacked")
    event = Event(
        event_id=f"{HOSTILE_DOC_ID}-e1", doc_id=HOSTILE_DOC_ID, sentence_index=1,
        sentence=sentence, date="2019-03-11", date_source="text",
        source=_actor("VENCOP", "VEN", "Venezuelan police", "Venezuelan police", s_start, sentence),
        target=_actor("VENCVL", "VEN", "protesters", "protesters", s_start, sentence),
        cameo="180", cameo_root="18", quad_class=4, goldstein=-9.0,
        plover_type="ASSAULT", plover_mode=None, modality="asserted",
        location=Location("Caracas", "VEN", 10.488, -66.879),
        trigger=Trigger("attacked", trigger_start, trigger_start + len("attacked")),
        rule="test:assault", confidence=0.9, cameo_name="Use unconventional violence",
    )  # fmt: skip
    coded = CodedArticle(
        article=Article(HOSTILE_DOC_ID, text, published="2019-03-12", title="<b>title</b>"),
        sentences=(
            Sentence(HOSTILE_DOC_ID, 0, 0, first_end, text[:first_end]),
            Sentence(HOSTILE_DOC_ID, 1, s_start, len(text), sentence),
        ),
        mentions=(),
        events=(event,),
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
    )
    with Store(path) as store:
        store.write(coded)
    return event.event_id


@pytest.fixture(scope="module")
def coded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_coded_db(tmp_path_factory.mktemp("web") / "coded.duckdb")


def test_web_data_seed_has_the_tripoli_offensive(coded_db: Path) -> None:
    with Store(coded_db, read_only=True) as store:
        events = store.events(actor="LBY", root="19", as_dataframe=False)
    assert events, "the seed article should code Haftar's offensive on Tripoli (CAMEO root 19)"
    assert any(e["location_name"] == "Tripoli" for e in events)


def test_web_data_insightcrime_articles_are_stored(coded_db: Path) -> None:
    with Store(coded_db, read_only=True) as store:
        docs = set(store.sql("SELECT doc_id FROM articles")["doc_id"])
    assert {f"insightcrime-{i}" for i in range(INSIGHTCRIME_ARTICLES)} <= docs


def test_web_data_hostile_article_keeps_its_markup(tmp_path: Path) -> None:
    db = tmp_path / "h.duckdb"
    write_hostile_article(db)
    with Store(db, read_only=True) as store:
        (text,) = store.sql("SELECT text FROM articles")["text"]
        (row,) = store.events(as_dataframe=False)
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(2)>" in text
    assert text[row["trigger_start"] : row["trigger_end"]] == "attacked"
    assert text[row["source_start"] : row["source_end"]] == "Venezuelan police"
