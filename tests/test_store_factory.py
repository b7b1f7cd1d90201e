"""A small factory of CodedArticle/Event records for the store, export and dedup tests.

The pipeline is built independently, so store tests build their records here.
Other test modules import these helpers (``from test_store_factory import ...``);
the tests in this file check that the factory's records survive the store's
row and JSON round trips.
"""

from __future__ import annotations

import hashlib
import random

import pytest

from eventwire.models import (
    Actor,
    Article,
    CodedArticle,
    Event,
    Location,
    Mention,
    Sentence,
    Trigger,
)
from eventwire.store import event_from_json, event_row

_WORDS = (
    "army council militia ministry talks border convoy rebels capital port harbour oil field "
    "airport brigade envoy ceasefire district governor police clinic bridge village market "
    "statement spokesman aid workers refugees camp road checkpoint tanker election court "
    "parliament protest union strike factory drought harvest river valley desert coast navy "
    "drone shelling artillery supplies negotiation treaty embassy sanctions loan bank currency "
    "inflation school hospital mayor tribe elders mediator observer mission summit agenda "
    "pipeline refinery militant ambush patrol outpost garrison barracks curfew blockade"
).split()

LOC_TRIPOLI = Location("Tripoli", "LBY", 32.89, 13.19, admin1="TB", geonameid=2210247)
LOC_WASHINGTON = Location("Washington", "USA", 38.9, -77.04, admin1="DC", geonameid=4140963)


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def actor(code: str, start: int = 0, name: str | None = None) -> Actor:
    group = code[:3] in ("IGO", "NGO")  # international actors have no country
    country = None if group else code[:3]
    sectors = tuple(code[i : i + 3] for i in range(0 if group else 3, len(code), 3))
    return Actor(code, country, sectors, name or code, code.lower(), start, start + len(code),
                 "kb", f"test:{code}")  # fmt: skip


def make_event(
    chash: str,
    doc_id: str,
    index: int = 0,
    *,
    source: str | None = "USAGOV",
    target: str | None = "LBYMIL",
    cameo: str = "190",
    date: str | None = "2019-04-05",
    modality: str = "asserted",
    location: Location | None = LOC_TRIPOLI,
    sentence: str | None = None,
    quad_class: int | None = None,
) -> Event:
    root = cameo[:2]
    quad = quad_class if quad_class is not None else (
        1 if root < "06" else 2 if root < "09" else 3 if root < "14" else 4)
    trigger = Trigger("shelled", 10 + index, 17 + index)
    key = f"{chash}|{index}|{trigger.start}|{source}|{target}|{cameo}"
    return Event(
        event_id=hashlib.sha1(key.encode()).hexdigest()[:20],
        doc_id=doc_id,
        sentence_index=index,
        sentence=sentence or f"Sentence {index} of {doc_id}: {source} {cameo} {target}.",
        date=date,
        date_source="text" if date else None,
        source=actor(source) if source else None,
        target=actor(target, 20) if target else None,
        cameo=cameo,
        cameo_root=root,
        quad_class=quad,
        goldstein=-10.0 if root == "19" else 1.0,
        plover_type="ASSAULT" if root == "19" else "" if root == "01" else "CONSULT",
        plover_mode="firearms" if root == "19" else None,
        modality=modality,
        location=location,
        trigger=trigger,
        rule=f"test.{cameo}",
        confidence=0.9,
        date_expression="on Friday" if date else None,
        cameo_name="Use conventional military force" if root == "19" else "",
    )


def make_coded(
    text: str,
    doc_id: str,
    specs: list[dict] | None = None,
    *,
    published: str | None = "2019-04-05",
    source: str | None = None,
    url: str | None = None,
) -> CodedArticle:
    """An article with one event per spec (keyword arguments of make_event)."""
    chash = content_hash(text)
    specs = specs if specs is not None else [{}]
    events = tuple(make_event(chash, doc_id, i, **spec) for i, spec in enumerate(specs))
    sentences = tuple(
        Sentence(doc_id, i, i * 10, i * 10 + 9, e.sentence) for i, e in enumerate(events)
    )
    mentions = tuple(
        Mention(doc_id, e.sentence_index, a) for e in events for a in (e.source, e.target) if a
    )
    article = Article(doc_id=doc_id, text=text, published=published, title=f"Title {doc_id}",
                      url=url, source=source, origin=f"test:{doc_id}", raw_chars=len(text))  # fmt: skip
    return CodedArticle(article, sentences, mentions, events, chash, "LBY", ())


def random_text(seed: int, words: int = 120) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(words):
        w = rng.choice(_WORDS)
        out.append(w.capitalize() if i % 12 == 0 else w)
        if i % 12 == 11:
            out[-1] += "."
    return " ".join(out) + f" Report {seed}."


def corpus(n: int, events_per_article: int = 3, seed: int = 0) -> list[CodedArticle]:
    """``n`` distinct, unrelated articles, each with ``events_per_article`` events."""
    roots = ["190", "042", "112", "036", "173", "057"]
    dyads = [("USAGOV", "LBYMIL"), ("LBYMIL", "LBYGOV"), ("FRA", "LBY"), ("RUS", "UKR")]
    items = []
    for i in range(n):
        specs = [
            {"cameo": roots[(i + j) % len(roots)], "source": dyads[(i + j) % 4][0],
             "target": dyads[(i + j) % 4][1], "date": f"2019-04-{1 + (i + j) % 28:02d}",
             "modality": "negated" if (i + j) % 10 == 0 else "asserted"}
            for j in range(events_per_article)
        ]  # fmt: skip
        items.append(make_coded(random_text(seed * 1_000_003 + i), f"doc-{seed}-{i}", specs))
    return items


# ---------------------------------------------------------------- tests of the factory


@pytest.mark.parametrize("spec", [{}, {"source": None}, {"target": None, "location": None},
                                  {"date": None, "modality": "negated"}])  # fmt: skip
def test_store_event_json_round_trip(spec: dict) -> None:
    event = make_event("h" * 64, "doc-1", 2, **spec)
    assert event_from_json(event.to_json()) == event


def test_store_event_row_flattens_every_json_field() -> None:
    event = make_event("h" * 64, "doc-1", 1)
    row = event_row(event, "h" * 64)
    data = event.to_json()
    assert row["source_code"] == data["source"]["code"] == "USAGOV"
    assert row["target_sectors"] == ["MIL"]
    assert row["location_geonameid"] == 2210247
    assert row["plover_type"] == "ASSAULT" and row["trigger_start"] == 11
    for key in data:
        flat = {"source", "target", "location", "trigger", "plover"}
        assert key in flat or key in row, key


def test_store_corpus_articles_are_distinct() -> None:
    items = corpus(20)
    assert len({c.content_hash for c in items}) == 20
    assert len({e.event_id for c in items for e in c.events}) == 60
