"""Take the README's dashboard screenshots (1400 and 800 px wide) with Playwright + Chromium.

    python scripts/screenshots.py                        # codes examples/ into a temporary store
    python scripts/screenshots.py --db eventwire.duckdb  # or shows a store you already have

The store is served on 127.0.0.1 by the real app; Debian's Chromium (/usr/bin/chromium)
loads the page, clicks the first event of the table so that the evidence panel is
filled, and writes docs/dashboard-1400.png and docs/dashboard-800.png.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
WIDTHS = {1400: 1000, 800: 1000}  # viewport width -> height (the whole page is taken)


def code_examples(db: Path) -> None:
    from eventwire.engines.local import code_files

    code_files([str(REPO / "examples")], date="2019-04-19", db=db)


def serve(db: Path) -> tuple[str, object]:
    import uvicorn

    from eventwire.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def shoot(url: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for width, height in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url + "/")
            page.wait_for_selector("body[data-loaded='true']", timeout=30_000)
            page.locator("#events tbody tr[data-event-id]").first.click()
            page.locator("#evidence .sentence mark").first.wait_for(timeout=10_000)
            path = out / f"dashboard-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            written.append(path)
            page.close()
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, help="store to show (default: code examples/ into a temporary one)")
    parser.add_argument("--out", type=Path, default=REPO / "docs", help="folder for the PNG files")
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found: apt-get install -y chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "examples.duckdb"
            code_examples(db)
        url, server = serve(db)
        args.out.mkdir(parents=True, exist_ok=True)
        for path in shoot(url, args.out):
            print(f"wrote {path} ({path.stat().st_size // 1024} KB)")
        server.should_exit = True  # type: ignore[attr-defined]
    return 0


if __name__ == "__main__":
    sys.exit(main())
