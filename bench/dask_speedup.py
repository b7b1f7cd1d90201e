"""Dask scale-out: the same corpus coded on 1 and on 2 local workers.

    .venv/bin/python bench/dask_speedup.py          # 200 InsightCrime articles, 1 vs 2 workers
    .venv/bin/python bench/dask_speedup.py --limit 1000 --workers 1,2,4 --partition-size 25

Each run starts a fresh ``LocalCluster`` (processes, one thread each) through
``eventwire.engines.dask.code_on_dask`` and writes shards into a fresh folder, so no run
skips work done by another. ``setup s`` is cluster start plus the model load on
every worker (in parallel); ``code s`` is from the first partition submitted to
the last shard written, and the rates and speedup are over it. Every run must
produce the same event ids, which the bench checks. Results are printed and
written to ``bench/results/dask-<time>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import DEFAULT_CORPUS, RESULTS, build_corpus, count_words, git_commit, write_jsonl  # noqa: E402


def event_ids(shards: Path) -> list[str]:
    ids: list[str] = []
    for path in sorted(shards.glob("part-*.parquet")):
        if not path.name.endswith((".articles.parquet", ".errors.parquet")):
            ids += [i for i, in duckdb.execute("SELECT event_id FROM read_parquet(?)", [str(path)]).fetchall()]
    return sorted(ids)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=200, help="first N articles (default 200)")
    ap.add_argument(
        "--repeat", type=int, default=1, help="repeat the corpus K times (distinct copies)"
    )
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts (default 1,2)")
    ap.add_argument(
        "--partition-size", type=int, default=25, help="articles per partition (default 25)"
    )
    ap.add_argument("--out", type=Path, default=RESULTS)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("distributed").setLevel(logging.WARNING)  # dask's config asks for INFO
    load_before = os.getloadavg()

    from eventwire.config import Settings
    from eventwire.engines.dask import code_on_dask

    records = build_corpus(args.corpus, args.limit, args.repeat)
    counts = [int(w) for w in args.workers.split(",")]
    runs: list[dict[str, object]] = []
    ids_seen: dict[int, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="eventwire-dask-bench-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_jsonl(records, corpus)
        for n in counts:
            shards = Path(tmp) / f"shards-{n}"
            started = time.perf_counter()
            summary = code_on_dask(
                [corpus],
                shards=shards,
                workers=n,
                settings=Settings(),
                partition_size=args.partition_size,
            )
            wall = time.perf_counter() - started
            ids_seen[n] = event_ids(shards)
            runs.append(
                {
                    "workers": n,
                    "wall_s": wall,
                    "setup_s": summary.setup_seconds,
                    "code_s": summary.coding_seconds,
                    "articles": summary.articles,
                    "sentences": summary.sentences,
                    "events": summary.events,
                    "errors": summary.errors,
                    "partitions": summary.partitions,
                    "line": summary.line(),
                }
            )
    same = len({tuple(v) for v in ids_seen.values()}) == 1
    base = float(runs[0]["code_s"])  # type: ignore[arg-type]
    words = count_words(records)
    lines = [
        f"corpus: {args.corpus} -> {len(records):,} articles, {words:,} words; "
        f"partition_size={args.partition_size}; {os.cpu_count()} CPUs; load average "
        f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after",
        f"{'workers':>7}{'setup s':>9}{'code s':>9}{'wall s':>9}{'articles/s':>12}{'words/s':>10}"
        f"{'speedup':>9}{'events':>8}",
    ]
    for r in runs:
        code_s = float(r["code_s"])  # type: ignore[arg-type]
        lines.append(
            f"{r['workers']:>7}{float(r['setup_s']):>9.1f}{code_s:>9.1f}{float(r['wall_s']):>9.1f}"  # type: ignore[arg-type]
            f"{int(r['articles']) / code_s:>12.2f}{words / code_s:>10,.0f}"  # type: ignore[arg-type]
            f"{base / code_s:>8.2f}x{int(r['events']):>8,}"
        )  # type: ignore[arg-type]
    lines.append("same event ids in every run: " + ("yes" if same else "NO"))
    report = "\n".join(lines)
    print(report)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"dask-{stamp}.json"
    path.write_text(
        json.dumps(
            {
                "meta": {
                    "corpus": str(args.corpus),
                    "articles": len(records),
                    "words": words,
                    "partition_size": args.partition_size,
                    "cpus": os.cpu_count(),
                    "loadavg_before": load_before,
                    "loadavg_after": os.getloadavg(),
                    "commit": git_commit(),
                    "when": stamp,
                },
                "runs": runs,
                "same_event_ids": same,
                "report": report,
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"results: {path}")
    if not same:
        raise SystemExit("the runs disagree on the events: the Dask engine is not deterministic")


if __name__ == "__main__":
    main()
