"""Golden output of the coder: code fixed inputs into DuckDB files and dump every stored
row, sorted, so two commits can be compared with ``diff -r``.

    PYTHONPATH=src python tools/golden.py OUT_DIR            # seed + 1,002 InsightCrime articles
    PYTHONPATH=src python tools/golden.py OUT_DIR --limit 50 # a quick subset
    diff -r golden-before golden-after

Inputs: the seed article (``--date 2019-04-19``) and the InsightCrime file (one article per
line, written as JSON Lines with ids ``insightcrime:N`` and date 2019-01-01). Each is coded by
``eventwire code`` into its own DuckDB file, plus the seed also as ``--no-db --all --out``
JSON Lines. Dumped per file: every table (articles, sentences, mentions, events,
event_groups, errors, meta), rows sorted, with the columns that hold a wall-clock time
(``ingested_at``, ``logged_at``, ``created_at``/``created_with`` in meta) left out and
the work directory in ``origin`` written as ``WORK/``, so two output directories compare.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

SHARED = Path(os.environ.get("EVENTWIRE_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SEED = SHARED / "devdata" / "seed_article_haftar_2019.txt"
CRIME = SHARED / "devdata" / "insightcrime_articles.txt"
TIME_COLUMNS = {"ingested_at", "logged_at"}
META_SKIP = {"created_at", "created_with"}


def eventwire(*args: str) -> None:
    cmd = [sys.executable, "-c", "from eventwire.cli import main; main()", *args]
    subprocess.run(cmd, check=True)


def write_crime_jsonl(path: Path, limit: int | None) -> None:
    with CRIME.open(encoding="utf-8") as f, path.open("w", encoding="utf-8") as out:
        for n, line in enumerate(f, 1):
            if limit is not None and n > limit:
                break
            if line.strip():
                rec = {"id": f"insightcrime:{n}", "text": line.rstrip("\n"), "date": "2019-01-01"}
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def dump_db(db: Path, out: Path, work: Path) -> None:
    import duckdb

    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(db), read_only=True)
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE'"
    ).fetchall()]
    for table in sorted(tables):
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position", [table]).fetchall()]
        keep = [c for c in cols if c not in TIME_COLUMNS]
        rows = con.execute(f"SELECT {', '.join(keep)} FROM {table}").fetchall()
        lines = []
        for row in rows:
            rec = dict(zip(keep, row, strict=True))
            if table == "meta" and rec.get("key") in META_SKIP:
                continue
            if isinstance(rec.get("minhash"), (bytes, bytearray)):
                rec["minhash"] = bytes(rec["minhash"]).hex()
            line = json.dumps(rec, ensure_ascii=False, sort_keys=True, default=str)
            lines.append(line.replace(f"{work}/", "WORK/"))  # origin names the input file
        (out / f"{table}.jsonl").write_text("".join(sorted(line + "\n" for line in lines)), encoding="utf-8")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="first N InsightCrime lines only")
    args = parser.parse_args()
    out: Path = args.out
    work = out / "work"
    work.mkdir(parents=True, exist_ok=True)
    for f in work.glob("*.duckdb*"):
        f.unlink()

    seed_db = work / "seed.duckdb"
    eventwire("code", str(SEED), "--date", "2019-04-19", "--db", str(seed_db), "-q")
    dump_db(seed_db, out / "seed", work)
    seed_jsonl = out / "seed_events_all.jsonl"
    eventwire("code", str(SEED), "--date", "2019-04-19", "--no-db", "--all", "--out", str(seed_jsonl), "-q")

    crime_in = work / "insightcrime.jsonl"
    write_crime_jsonl(crime_in, args.limit)
    crime_db = work / "insightcrime.duckdb"
    eventwire("code", str(crime_in), "--db", str(crime_db), "-q")
    dump_db(crime_db, out / "insightcrime", work)
    for table in sorted((out / "insightcrime").glob("*.jsonl")):
        n = sum(1 for _ in table.open(encoding="utf-8"))
        print(f"insightcrime {table.stem}: {n} rows")


if __name__ == "__main__":
    main()
