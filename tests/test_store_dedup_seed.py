"""Issue #6 end to end: the seed and a scraped clone of it make one cluster, and each real
event is counted once in event_groups with num_articles = 2."""

from __future__ import annotations

import json

from conftest import shared_file

import eventwire
from eventwire.engines.local import code_files


def _clone(text: str) -> str:
    """A re-post: other ads injected and two sentences reworded."""
    text = text.replace("[ad_1]", "[ad_1]\n\nAdvertisement\n\n[ad_3]")
    text = text.replace(
        "The White House however did not explain why she had been slow to report the phone call.",
        "The White House did not say why it took days to report the call.")
    text = text.replace(
        "The army supports a rival administration based in eastern Libya",
        "His army backs a rival government based in the east of Libya")
    return text


def test_store_near_duplicate_seed_counts_events_once(tmp_path):
    seed = shared_file("devdata", "seed_article_haftar_2019.txt").read_text(encoding="utf-8")
    clone = _clone(seed)
    assert clone != seed
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(
        json.dumps({"id": "original", "date": "2019-04-19", "source": "outlet-a", "text": seed}) + "\n"
        + json.dumps({"id": "repost-77", "date": "2019-04-19", "source": "outlet-b", "text": clone}) + "\n",
        encoding="utf-8")
    db = tmp_path / "e.duckdb"
    summary = code_files([str(corpus)], db=db)
    assert summary.articles == 2 and summary.errors == 0

    store = eventwire.open(db)
    clusters = store.sql("SELECT doc_id, cluster_id FROM articles ORDER BY doc_id")
    assert len(clusters) == 2 and clusters["cluster_id"].nunique() == 1

    # The offensive on Tripoli: two event rows (one per article), one real-world event.
    groups = store.sql(
        "SELECT num_mentions, num_articles, num_sources FROM event_groups "
        "WHERE source_code = 'LBYMIL' AND cameo_root = '19' AND date = DATE '2019-04-04'")
    assert len(groups) == 1
    assert groups["num_articles"][0] == 2 and groups["num_sources"][0] == 2
    rows = store.sql("SELECT count(*) AS n FROM events WHERE source_code = 'LBYMIL' AND cameo_root = '19' "
                     "AND date = DATE '2019-04-04' AND modality = 'asserted'")
    assert rows["n"][0] == groups["num_mentions"][0] == 2

    # Every group that both copies report has num_articles = 2; nothing counts twice.
    both = store.sql("SELECT num_articles FROM event_groups")
    assert both["num_articles"].max() == 2
    n_events = store.sql("SELECT count(*) AS n FROM events WHERE modality = 'asserted'")["n"][0]
    n_groups = store.sql("SELECT count(*) AS n FROM event_groups")["n"][0]
    assert n_groups < n_events


def test_store_same_corpus_twice_identical_counts(tmp_path):
    seed = shared_file("devdata", "seed_article_haftar_2019.txt")
    db = tmp_path / "e.duckdb"
    tables = ("articles", "sentences", "mentions", "events", "event_groups")
    counts = []
    for _ in range(2):
        code_files([str(seed)], date="2019-04-19", db=db)
        store = eventwire.open(db)
        counts.append({t: store.sql(f"SELECT count(*) AS n FROM {t}")["n"][0] for t in tables})
        store.close() if hasattr(store, "close") else None
    assert counts[0] == counts[1] and counts[0]["events"] > 0
