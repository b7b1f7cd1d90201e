"""Store benchmark: ingest rate, and dyad queries over 1,000,000 events.

    .venv/bin/python bench/store.py [--articles 1000] [--events 1000000] [--keep DIR]

1. Ingest: 1,000 synthetic coded articles (10 events each) through
   Store.write_many (one transaction per batch of 50), then rebuild_groups.
2. Query: 1,000,000 synthetic events written straight into a store with SQL,
   then the dyad query the CLI runs (`query --dyad USA-LBY`, newest 50) and a
   dyad count, each timed as the median of repeated runs (target < 100 ms).

Results (2 cores, shared with other jobs: best of 3 runs each; load averages
were 4-5 before and about 2 after, so read the query lines with the side-by-side
figures below):

    figure                                   before     after
    ingest, batches of 50 (articles/s)          145       379   MinHash permutations shared
    ingest, Store.write per article (/s)         12        40
    rebuild_groups, 9,000 events               0.58 s    0.07 s
    rebuild_groups, 1,000,000 events           55.1 s     4.6 s  SQL; anchors in numpy
    query --dyad USA-LBY --limit 50           103.8 ms   41.2 ms
    query --dyad USAGOV-LBYMIL --root --since 114.2 ms   38.1 ms
    dyad count USA-LBY                         19.3 ms    8.4 ms
    stats                                       218 ms     99 ms

Side by side in one process at load 2.2 (median of 7, three rounds), the old
single query vs ids-first then rows: --dyad USA-LBY 60-66 vs 51-57 ms;
--dyad USAGOV-LBYMIL --root 19 --since 60-65 vs 44-52 ms; --actor LBY about
81-87 vs 81-82 ms; --text 68-72 vs 71-79 ms. The 1,000,000-event groups equal
the old Python loop's row for row.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_store_factory import corpus  # noqa: E402

from eventwire.store import Store  # noqa: E402

SYNTHETIC_EVENTS = """
INSERT INTO articles (content_hash, doc_id, source, published, text, cluster_id, ingested_at)
SELECT 'h' || i, 'doc-' || i, 'outlet-' || (i % 37), DATE '2019-01-01' + CAST(i % 365 AS INTEGER),
       'synthetic', 'h' || i, TIMESTAMP '2020-01-01'
FROM range({articles}) t(i);
INSERT INTO events (event_id, content_hash, doc_id, sentence_index, sentence, date,
                    source_code, source_country, target_code, target_country, cameo, cameo_root,
                    quad_class, goldstein, plover_type, modality, location_country,
                    trigger_text, trigger_start, trigger_end, rule, confidence, json)
SELECT 'e' || i, 'h' || (i // 10), 'doc-' || (i // 10), i % 10, 'synthetic sentence',
       DATE '2019-01-01' + CAST((i // 10) % 365 AS INTEGER),
       ['USA', 'LBY', 'FRA', 'RUS', 'UKR', 'EGY', 'TUR', 'ITA', 'QAT', 'ARE'][1 + i % 10] ||
           ['GOV', 'MIL', '', 'REB'][1 + i % 4],
       ['USA', 'LBY', 'FRA', 'RUS', 'UKR', 'EGY', 'TUR', 'ITA', 'QAT', 'ARE'][1 + i % 10],
       ['LBY', 'USA', 'RUS', 'UKR', 'FRA', 'TUR', 'EGY', 'QAT'][1 + (i // 7) % 8] ||
           ['MIL', 'GOV', ''][1 + i % 3],
       ['LBY', 'USA', 'RUS', 'UKR', 'FRA', 'TUR', 'EGY', 'QAT'][1 + (i // 7) % 8],
       ['190', '042', '112', '036', '173', '0233'][1 + i % 6],
       ['19', '04', '11', '03', '17', '02'][1 + i % 6],
       [4, 1, 3, 1, 4, 2][1 + i % 6], -5.0, 'ASSAULT',
       CASE WHEN i % 9 = 0 THEN 'negated' ELSE 'asserted' END, 'LBY',
       'hit', 0, 3, 'bench', 0.9, '{{}}'
FROM range({events}) t(i);
"""


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def bench_ingest(workdir: Path, articles: int) -> None:
    items = corpus(articles, events_per_article=10, seed=1)
    with Store(workdir / "ingest.duckdb") as store:
        took, stats = timed(lambda: store.write_many(items, batch_size=50))
        rows = stats.articles + stats.events + sum(len(c.sentences) + len(c.mentions) for c in items)
        print(f"ingest: {stats.articles} articles, {stats.events} events, {rows} rows in "
              f"{took:.2f}s = {stats.articles / took:,.0f} articles/s, "
              f"{stats.events / took:,.0f} events/s, {rows / took:,.0f} rows/s")  # fmt: skip
        took, stats = timed(lambda: store.write_many(items, batch_size=50))
        print(f"re-ingest (all duplicates): {stats.duplicates} skipped in {took:.2f}s")
        took, _ = timed(store.rebuild_groups)
        print(f"rebuild_groups over {store.stats()['asserted_events']} events: {took:.2f}s")
        took, _ = timed(lambda: [store.write(c) for c in corpus(100, 10, seed=2)])
        print(f"ingest one transaction per article (Store.write): {100 / took:,.0f} articles/s")


def bench_query(workdir: Path, events: int) -> None:
    path = workdir / "million.duckdb"
    with Store(path) as store:
        took, _ = timed(lambda: store.con.execute(
            SYNTHETIC_EVENTS.format(articles=events // 10, events=events)))  # fmt: skip
        print(f"synthetic load: {events:,} events in {took:.1f}s")
        took, _ = timed(store.rebuild_groups)
        print(f"rebuild_groups over {events:,} events: {took:.1f}s")
    with Store(path, read_only=True) as store:
        took, frame = timed(lambda: store.events(dyad="USA-LBY", limit=50), repeat=7)
        print(f"query --dyad USA-LBY --limit 50: {took * 1000:.1f} ms ({len(frame)} rows)")
        took, frame = timed(lambda: store.events(dyad="USAGOV-LBYMIL", root="19", since="2019-06-01",
                                                 limit=50), repeat=7)  # fmt: skip
        print(f"query --dyad USAGOV-LBYMIL --root 19 --since: {took * 1000:.1f} ms ({len(frame)} rows)")
        sql = ("SELECT count(*) FROM asserted_events WHERE starts_with(source_code, 'USA') "
               "AND starts_with(target_code, 'LBY')")  # fmt: skip
        took, count = timed(lambda: store.con.execute(sql).fetchall()[0][0], repeat=7)
        print(f"dyad count USA-LBY: {took * 1000:.1f} ms ({count:,} events)")
        took, _ = timed(store.stats, repeat=3)
        print(f"stats: {took * 1000:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="Keep the benchmark stores in this folder.")
    args = parser.parse_args()
    print("load average: {:.2f} {:.2f} {:.2f} (2 cores: above 2 the timings are inflated)".format(
        *os.getloadavg()))  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        bench_ingest(workdir, args.articles)
        bench_query(workdir, args.events)


if __name__ == "__main__":
    main()
