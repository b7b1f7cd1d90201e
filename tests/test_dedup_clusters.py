"""Near-duplicate clustering: MinHash LSH over word 5-shingles, persisted across runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_store_factory import make_coded, random_text

from eventwire.store import Store, dedup

# Our own invented wire story (about twenty sentences), used only in these tests.
STORY = """\
Forces loyal to the eastern commander advanced on the southern outskirts of the capital on Thursday, \
according to officials in the internationally recognised government. Residents of the Ain Zara \
district said they heard heavy artillery fire through the night and saw columns of armoured \
vehicles moving along the airport road. The government in the capital ordered its own units to \
take up defensive positions around the city and called on the population to stay indoors. A \
spokesman for the eastern forces said the operation aimed to free the city from armed groups \
and promised that civilians would not be harmed. The United Nations envoy called for an immediate \
halt to the fighting and warned that the offensive could derail a national conference planned \
for later in the month. Diplomats from several European countries met in the capital to discuss \
the crisis and urged both sides to return to talks. The health ministry said at least eleven \
people had been killed and dozens wounded in the first two days of clashes. Aid agencies reported \
that hundreds of families had fled their homes in the southern suburbs and were sheltering in \
schools. The only working airport in the capital suspended flights after a warplane struck a \
nearby military site. Fuel prices rose sharply in local markets as traders worried about \
supplies from the coastal refineries. Analysts said the advance was the most serious threat to \
the government since it was installed three years ago. Leaders of armed groups from the western \
city of Misrata announced they would send reinforcements to defend the capital. The eastern \
commander's air force said it had carried out several strikes on positions held by its rivals. \
The European Union and the African Union issued a joint statement expressing deep concern. \
Officials in the capital said they would ask the Security Council to condemn the attack. The \
fighting continued into the weekend with no sign of a ceasefire."""

# The same story republished: other id, ad markers, two sentences reworded.
COPY = (
    "ADVERTISEMENT\n"
    + STORY.replace(
        "Diplomats from several European countries met in the capital to discuss the crisis "
        "and urged both sides to return to talks.",
        "European diplomats gathered on Friday to talk over the crisis, pressing the two camps "
        "to resume negotiations.",
    ).replace(
        "Fuel prices rose sharply in local markets as traders worried about supplies from the "
        "coastal refineries.",
        "In local markets, traders fearing shortages from coastal refineries pushed fuel "
        "prices up steeply.",
    )
    + "\nAdvertisement - scroll to continue reading. Subscribe for more stories."
)


def test_dedup_copy_differs_from_story() -> None:
    assert COPY != STORY
    assert "European diplomats gathered" in COPY and "European diplomats gathered" not in STORY
    assert "pushed fuel" in COPY


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One two three four five six", {"one two three four five", "two three four five six"}),
        ("Hello, WORLD!", {"hello world"}),
        ("  ...  ", set()),
    ],
)
def test_dedup_shingles(text: str, expected: set[str]) -> None:
    assert dedup.shingle_text(text) == expected


def test_dedup_signature_bytes_round_trip() -> None:
    minhash = dedup.compute_minhash(STORY)
    assert minhash is not None
    again = dedup.minhash_from_bytes(dedup.signature_bytes(minhash))
    assert again.jaccard(minhash) == 1.0


def test_dedup_copy_is_similar_and_unrelated_is_not() -> None:
    story, copy = dedup.compute_minhash(STORY), dedup.compute_minhash(COPY)
    other = dedup.compute_minhash(random_text(7, 300))
    assert story.jaccard(copy) >= 0.75
    assert story.jaccard(other) < 0.2


def _cluster(store: Store, content_hash: str) -> str:
    return store.sql(
        f"SELECT cluster_id FROM articles WHERE content_hash = '{content_hash}'"
    ).iloc[0, 0]


def test_dedup_copy_joins_cluster_unrelated_does_not(tmp_path: Path) -> None:
    original = make_coded(STORY, "wire-1", source="Wire")
    copy = make_coded(COPY, "portal-99", source="Portal")
    unrelated = make_coded(random_text(3, 300), "other-1")
    with Store(tmp_path / "e.duckdb") as store:
        stats = store.write_many([original, copy, unrelated])
        assert stats.articles == 3
        assert _cluster(store, copy.content_hash) == _cluster(store, original.content_hash)
        assert _cluster(store, original.content_hash) == original.content_hash
        assert _cluster(store, unrelated.content_hash) == unrelated.content_hash


def test_dedup_clusters_work_across_runs(tmp_path: Path) -> None:
    path = tmp_path / "e.duckdb"
    original = make_coded(STORY, "wire-1")
    with Store(path) as store:
        store.write(original)
    with Store(path) as store:  # a new run: the index is rebuilt from stored signatures
        store.write(make_coded(COPY, "portal-99"))
        clusters = store.sql("SELECT count(DISTINCT cluster_id) AS n, count(*) AS a FROM articles")
    assert clusters.iloc[0].tolist() == [1, 2]


def test_dedup_empty_text_is_its_own_cluster(tmp_path: Path) -> None:
    empty = make_coded("", "empty-1")
    with Store(tmp_path / "e.duckdb") as store:
        assert store.write(empty)
        assert _cluster(store, empty.content_hash) == empty.content_hash
