"""Latency of every dashboard API endpoint on a synthetic 1,000,000-event store.

    .venv/bin/python bench/web_scale.py [--budget 0.75]

Builds the store that tests/test_web_scale.py checks for exactness (the same SQL, read from
that file), asks each endpoint three times and prints the best time and the payload size.
Exits 1 when an endpoint's best time is over the budget (seconds): the latency target lives
here, in a benchmark, not in a timed unit test. Needs the test extras (FastAPI's TestClient).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _spec_module():
    path = ROOT / "tests" / "test_web_scale.py"
    spec = importlib.util.spec_from_file_location("web_scale_spec", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--budget", type=float, default=0.75, help="seconds per request, best of 3")
    args = ap.parse_args()
    spec = _spec_module()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from eventwire.store import Store
    from eventwire.web import create_app

    print(f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.duckdb"
        started = time.perf_counter()
        with Store(path) as store:
            store.con.execute(spec.SYNTHETIC_SQL)
        print(f"built a {spec.EVENTS:,}-event store in {time.perf_counter() - started:.1f}s")
        over = []
        with TestClient(create_app(path), base_url="http://127.0.0.1") as client:
            client.get("/api/summary")  # open the store once, outside the timings
            for url, params in spec.REQUESTS:
                timings = []
                for _ in range(3):
                    started = time.perf_counter()
                    response = client.get(url, params=params)
                    timings.append(time.perf_counter() - started)
                best = min(timings)
                flag = "" if best < args.budget else "  OVER BUDGET"
                print(f"{best * 1000:7.0f} ms {len(response.content):>10,} bytes  {url} {params or ''}{flag}")
                if flag:
                    over.append(url)
    print(f"{len(spec.REQUESTS) - len(over)} of {len(spec.REQUESTS)} endpoints under {args.budget:.2f}s")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
