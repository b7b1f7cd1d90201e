"""Geocoding benchmark: toponyms/second, gazetteer load time (cold and warm) and RSS.

Usage: .venv/bin/python bench/geocode.py [--articles 200]

The GPE/LOC entities of the first N InsightCrime dev articles are extracted with spaCy
once, up front, and not timed. Load times and memory are measured in fresh
subprocesses so that one measurement cannot warm the next.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
ARTICLES = SHARED / "devdata" / "insightcrime_articles.txt"

PROBE = r"""
import json, resource, time
start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
from eventwire.places.gazetteer import load_gazetteer_uncached
g = load_gazetteer_uncached()
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "places": len(g),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "baseline_mb": start_rss / 1024}))
"""


def probe(cache: str) -> dict:
    env = {**os.environ, "EVENTWIRE_CACHE_DIR": cache}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def extract_names(limit: int) -> list[tuple[str, str]]:
    from eventwire.actors.entities import load_parser

    nlp = load_parser()
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()[:limit]
    names = []
    for doc in nlp.pipe(lines, batch_size=16):
        names.extend((e.text, e.label_) for e in doc.ents if e.label_ in ("GPE", "LOC"))
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    if not ARTICLES.exists():
        sys.exit(f"{ARTICLES} not found: set EVENTWIRE_SHARED to the shared data directory")

    with tempfile.TemporaryDirectory() as cache:
        cold = probe(cache)
        warm = probe(cache)
    print(f"index: {cold['places']} places")
    print(f"cold build + cache write: {cold['seconds']:.2f} s, peak RSS {cold['rss_mb']:.0f} MB")
    print(f"warm load from cache:     {warm['seconds']:.3f} s, peak RSS {warm['rss_mb']:.0f} MB "
          f"(interpreter alone {warm['baseline_mb']:.0f} MB)")

    started = time.perf_counter()
    names = extract_names(args.articles)
    print(f"extracted {len(names)} GPE/LOC names from {args.articles} articles "
          f"in {time.perf_counter() - started:.1f} s (not timed below)")

    from eventwire.places.gazetteer import load_gazetteer
    from eventwire.places.toponyms import resolve_toponym

    gazetteer = load_gazetteer()
    context = ["COL"]  # InsightCrime is mostly about Latin America; one fixed context
    started = time.perf_counter()
    resolved = sum(resolve_toponym(text, gazetteer, context) is not None for text, _ in names)
    seconds = time.perf_counter() - started
    print(f"resolve_toponym: {len(names) / seconds:,.0f} toponyms/s "
          f"({resolved}/{len(names)} = {resolved / max(1, len(names)):.0%} resolved)")
    unresolved = sorted({t for t, _ in names if resolve_toponym(t, gazetteer, context) is None})
    print(f"unresolved sample: {unresolved[:25]}")


if __name__ == "__main__":
    main()
