"""Command-line interface. Each command is a thin wrapper over one public function.

A command's docstring is its ``--help``. Library errors (``EventwireError``) are
turned into clean one-line messages here and nowhere else.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .errors import EventwireError

app = typer.Typer(
    name="eventwire",
    help="Offline political event coder: news in, CAMEO/PLOVER events out, stored in DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
out = Console()


def fail(exc: Exception, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(code)


# ---- coding commands (code, explain, actors, places, eval) : lead ----


# ---- store commands (query, stats, sql, export, load) : store helper ----


# ---- dictionary commands (dict import-petrarch) : kb helper ----


# ---- serve : dashboard ----


def main() -> None:  # pragma: no cover - entry point
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
