"""Command-line interface. Each command is a thin wrapper over one public function.

A command's docstring is its ``--help``. Library errors (``EventwireError``) are
turned into clean one-line messages here and nowhere else.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

from .errors import EventwireError

try:  # Typer 0.2x carries its own copy of click; its commands take only its own options
    from typer import _click as click
except ImportError:  # pragma: no cover - older Typer runs on click itself
    import click  # type: ignore[no-redef]

if TYPE_CHECKING:
    from .config import Settings

err = Console(stderr=True)
out = Console()

# 0 quiet (errors only), 1 normal, 2 verbose (INFO logs, Dask's too), 3 debug.
_verbosity = {"level": 1}


def fail(exc: Exception, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def note(message: str) -> None:
    """A status line on stderr (summaries, 'wrote N rows'); -q/--quiet silences it."""
    if _verbosity["level"] > 0:
        err.print(message, highlight=False, soft_wrap=True)


def _check_choice(flag: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        fail(EventwireError(f"{flag} {value!r} is not one of: {', '.join(choices)}"), 2)


def configure_logging(level: int) -> None:
    """Log levels for ``level`` (see ``_verbosity``); Dask's INFO lines show only with -v."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    python_level = {0: logging.ERROR, 1: logging.WARNING, 2: logging.INFO}.get(level, logging.DEBUG)
    logging.getLogger("eventwire").setLevel(python_level)
    dask_level = python_level if level >= 2 else max(python_level, logging.WARNING)
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(dask_level)
    # Dask workers are new processes that configure their logging from the environment.
    os.environ["DASK_LOGGING__DISTRIBUTED"] = logging.getLevelName(dask_level).lower()


_QUIET = ("-q", "--quiet")
_VERBOSE = {"-v": 1, "--verbose": 1, "-vv": 2, "-vvv": 2}


def _take_verbosity(args: list[str]) -> list[str]:
    """Remove -q/--quiet and -v/--verbose from anywhere before ``--`` and apply them.

    They are read here rather than declared on each command so that every command
    (and ``dict import-petrarch``) takes them in any position.
    """
    level, kept = 1, []
    for i, arg in enumerate(args):
        if arg == "--":
            kept.extend(args[i:])
            break
        if arg in _QUIET:
            level = 0
        elif arg in _VERBOSE:
            level = max(level, 1) + _VERBOSE[arg] if level else level
        else:
            kept.append(arg)
    _verbosity["level"] = min(level, 3)
    configure_logging(_verbosity["level"])
    return kept


# click < 8.2 prints the help itself for a bare group; newer click raises this.
_NO_ARGS_IS_HELP: Any = getattr(click.exceptions, "NoArgsIsHelpError", ())


class _Group(TyperGroup):
    """The command group: usage mistakes become one ``error:`` line, exit code 2.

    Click (through Typer) would print a usage box; a user mistake gets one line naming
    what is wrong and where the help is.
    """

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:  # fmt: skip
        args = _take_verbosity(list(sys.argv[1:] if args is None else args))
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS_IS_HELP as exc:
            click.echo(exc.ctx.get_help() if exc.ctx else "")
            code = 0
        except click.exceptions.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "eventwire"
            err.print(f"[red]error:[/red] {escape(exc.format_message())} (see {command} --help)",
                      highlight=False, soft_wrap=True)  # fmt: skip
            code = exc.exit_code
        except click.ClickException as exc:
            err.print(f"[red]error:[/red] {escape(exc.format_message())}", highlight=False, soft_wrap=True)
            code = exc.exit_code
        except typer.Abort:
            err.print("aborted", highlight=False)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


app = typer.Typer(
    name="eventwire",
    help="Offline political event coder: news in, CAMEO/PLOVER events out, stored in DuckDB.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_Group,
)


def _show_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_show_version,
                                 help="Print the version and exit."),
    quiet: bool = typer.Option(False, "-q", "--quiet", help="Print only errors (any command)."),
    verbose: bool = typer.Option(False, "-v", "--verbose", help="Print progress logs, Dask's too (any command)."),
) -> None:
    """Offline political event coder: news in, CAMEO/PLOVER events out, stored in DuckDB.

    -q/--quiet and -v/--verbose work on every command, before or after its name.
    """


# ---- coding commands (code, explain, actors, eval; places comes after load) ----


def _settings(actors: list[Path] | None = None, max_article_chars: int | None = None,
              include_unasserted: bool | None = None, min_confidence: float | None = None) -> Settings:
    from .config import load_settings

    try:
        return load_settings(
            actors_files=tuple(str(p) for p in actors) if actors else None,
            max_article_chars=max_article_chars,
            include_unasserted=include_unasserted or None,
            min_confidence=min_confidence,
        )
    except EventwireError as exc:  # a bad EVENTWIRE_CONFIG file
        fail(exc)
        raise  # unreachable: fail() exits


_MIN_CONFIDENCE_HELP = "Only events at least this sure (0-1; coding defaults to the verifier's threshold)."


@app.command()
def code(
    articles: list[str] = typer.Argument(
        ..., help="Files (.txt .html .jsonl .csv .json), directories, or - for stdin."),
    date: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) for records without one."),
    db: Path = typer.Option(Path("eventwire.duckdb"), help="DuckDB file to store into."),
    no_db: bool = typer.Option(False, "--no-db", help="Do not store; only write --out."),
    out: str | None = typer.Option(None, help="Write events to FILE (.gz compresses), or - for stdout."),
    format: str = typer.Option("jsonl", help="Output format for --out: jsonl or csv."),
    text_col: str = typer.Option("text", help="CSV/JSON input: the column holding the article text."),
    date_col: str = typer.Option("date", help="CSV/JSON input: the column holding the publication date."),
    id_col: str = typer.Option("id", help="CSV/JSON input: the column holding the article id."),
    actors: list[Path] | None = typer.Option(None, help="Extra actor dictionary (YAML); repeatable."),
    max_article_chars: int | None = typer.Option(None, min=1, help="Refuse longer articles (default 2,000,000)."),
    all_events: bool = typer.Option(False, "--all", help="Also output negated/hypothetical/future events."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                                                help=_MIN_CONFIDENCE_HELP),
    engine: str = typer.Option("local", help="local, or dask to code partitions on a Dask cluster."),
    workers: int = typer.Option(2, min=1, help="Dask: number of local workers (with --engine dask)."),
    scheduler: str | None = typer.Option(None, help="Dask: scheduler address tcp://host:8786."),
    shards: Path = typer.Option(Path("events"), help="Dask: folder for Parquet shards."),
) -> None:
    """Code news articles into CAMEO events.

    CSV files hold one article a row (columns id,date,text; name others with --text-col,
    --date-col, --id-col); a .json file holds an array of records read like JSON Lines.

    Example: eventwire code ../shared/devdata/seed_article_haftar_2019.txt --date 2019-04-19 --out -
    """
    import time

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .engines.local import code_files
    from .ingest.readers import Columns

    if date is not None:
        _check_date(date)
    _check_choice("--format", format, ("jsonl", "csv"))
    _check_choice("--engine", engine, ("local", "dask"))
    if no_db and out is None and engine == "local":
        fail(EventwireError("--no-db without --out would code and throw the events away; "
                            "add --out FILE (or --out - for stdout), or drop --no-db"), 2)
    columns = Columns(text=text_col, date=date_col, id=id_col)
    settings = _settings(actors, max_article_chars, all_events, min_confidence)
    if engine == "dask":
        from .engines.dask import code_on_dask

        try:
            summary = code_on_dask(articles, date=date, shards=shards, workers=workers,
                                   scheduler=scheduler, settings=settings, columns=columns)
        except EventwireError as exc:
            fail(exc)
        note(summary.line())
        raise typer.Exit(0 if summary.articles or not summary.errors else 1)
    started = time.perf_counter()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal or _verbosity["level"] == 0) as progress:
        task = progress.add_task("coding", total=None)
        counts = {"articles": 0, "events": 0}

        def on_article(item: object) -> None:
            from .models import Rejected

            if isinstance(item, Rejected):
                err.print(f"[red]error:[/red] {escape(item.message())}", highlight=False, soft_wrap=True)
            else:
                counts["articles"] += 1
                counts["events"] += len(item.events)  # type: ignore[attr-defined]
            progress.update(task, description=f"coded {counts['articles']} articles, {counts['events']} events")

        try:
            summary = code_files(articles, date=date, db=None if no_db else db, out=out, fmt=format,
                                 settings=settings, stdin=sys.stdin, on_article=on_article,
                                 columns=columns)
        except EventwireError as exc:
            fail(exc)
    took = time.perf_counter() - started
    note(f"{summary.line()} in {took:.1f}s" + ("" if no_db else f"; stored in {db}"))
    if summary.articles == 0 and summary.errors:
        raise typer.Exit(1)


def _check_date(value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        fail(EventwireError(f"--date {value!r} is not a date; use YYYY-MM-DD, e.g. --date 2019-04-19"), 2)


@app.command()
def explain(
    sentence: str = typer.Argument(..., help="A sentence or short text to code."),
    date: str | None = typer.Option(None, help="Publication date YYYY-MM-DD."),
    actors: list[Path] | None = typer.Option(None, help="Extra actor dictionary (YAML)."),
) -> None:
    """Show how a sentence is coded: the parse, actors, patterns tried, the winning rule, the events.

    Example: eventwire explain "Russia rejected the proposal on Thursday." --date 2019-04-19
    """
    from .coding.explain import explain_text

    if date is not None:
        _check_date(date)
    try:
        report = explain_text(sentence, date=date, settings=_settings(actors))
    except EventwireError as exc:
        fail(exc)
    out.print(report, highlight=False, markup=False)


@app.command("actors")
def actors_cmd(
    text: str = typer.Argument(..., help="Text to scan for actors."),
    date: str | None = typer.Option(None, help="Publication date YYYY-MM-DD (roles depend on it)."),
    actors: list[Path] | None = typer.Option(None, help="Extra actor dictionary (YAML)."),
    format: str = typer.Option("table", help="table, or json (one array of actor objects)."),
) -> None:
    """List the actors in a text: code, how each was resolved (kb, inferred, memory), the KB layer, the evidence.

    The layer is the part of the knowledge base that named the actor: user (--actors),
    curated (eventwire's own files) or phoenix (imported from the Phoenix dictionaries).

    Example: eventwire actors "Libyan military leader Khalifa Haftar met Egypt's president." --date 2019-04-19
    """
    import json

    from rich.table import Table

    from .coding.explain import find_actors

    _check_choice("--format", format, ("table", "json"))
    if date is not None:
        _check_date(date)
    try:
        found = find_actors(text, date=date, settings=_settings(actors))
    except EventwireError as exc:
        fail(exc)
    if format == "json":
        rows = [{**a.to_json(), "layer": a.layer} for a in found]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table("text", "code")
    table.add_column("name", no_wrap=True)  # a wrapped name reads as two actors
    for column in ("resolved by", "layer", "evidence"):
        table.add_column(column)
    for a in found:
        table.add_row(*_plain_cells(a.text, a.code, a.name, a.resolution, a.layer, a.evidence))
    out.print(table)


@app.command("eval")
def eval_cmd(
    fmt: str = typer.Argument(..., metavar="FORMAT", help="articles | pentaclass | spans | petrarch | plover"),
    file: Path = typer.Argument(..., help="Gold file."),
    misses: str | None = typer.Option(
        None, help="Write misses here (default: FILE.misses.jsonl in cwd); - prints them on stdout "
                   "and the report on stderr."),
    all_events: bool = typer.Option(False, "--all", help="Count negated/hypothetical events too."),
    limit: int | None = typer.Option(None, min=0, help="Only the first N records."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="articles: score only events this sure."),
    upper: bool = typer.Option(False, "--upper", help="articles: upper-case each article first (wire copy)."),
) -> None:
    """Evaluate the coder against a gold file and print precision/recall/F1.

    `articles` scores whole articles (JSONL gold naming corpus files next to it): event and
    full-tuple P/R/F1, actor/date/country accuracy on matched events, precision by confidence,
    per corpus and per half. The sentence formats also print a confusion matrix.

    Example: eventwire eval articles ../shared/devdata/realnews_events_gold.jsonl
    """
    import tempfile

    from .coding.evaluate import evaluate
    from .coding.evaluate_articles import evaluate_articles

    _check_choice("FORMAT", fmt, ("articles", "pentaclass", "spans", "petrarch", "plover"))
    with tempfile.TemporaryDirectory(prefix="eventwire-eval-") as folder:
        to_stdout = misses == "-"  # stdout carries the misses (JSONL); the report goes to stderr
        misses_path = Path(folder) / "misses.jsonl" if to_stdout else (Path(misses) if misses else None)
        try:
            if fmt == "articles":
                report = evaluate_articles(file, misses_path=misses_path, include_unasserted=all_events,
                                           min_confidence=min_confidence, limit=limit, upper=upper)
            else:
                report = evaluate(fmt, file, misses_path=misses_path, include_unasserted=all_events, limit=limit)
        except EventwireError as exc:
            fail(exc)
        if to_stdout:
            sys.stdout.write(misses_path.read_text(encoding="utf-8"))  # type: ignore[union-attr]
            report.lines = [line.replace(str(misses_path), "standard output") for line in report.lines]
    (err if to_stdout else out).print(report.render(), highlight=False, markup=False)



# ---- store commands (query, stats, sql, export, load) ----

_DB_HELP = "DuckDB file written by `eventwire code`."


def _print_frame(frame: object, fmt: str, title: str = "", compact: bool = False) -> None:
    """Print a DataFrame as a rich table, JSON Lines or CSV on stdout.

    CSV follows the export's convention: lists joined with ``;``, no internal columns.
    """
    import pandas as pd

    from .export import csv_frame, join_list

    assert isinstance(frame, pd.DataFrame)
    if fmt == "csv":
        sys.stdout.write(csv_frame(frame).to_csv(index=False))
    elif fmt == "jsonl":
        if "json" in frame.columns:  # events: the public JSON contract
            for text in frame["json"]:
                sys.stdout.write(text + "\n")
        else:
            sys.stdout.write(frame.to_json(orient="records", lines=True, date_format="iso"))
    else:
        from rich.table import Table

        table = Table(title=title or None, show_lines=False)
        for col in frame.columns:
            if compact:  # one line per event: long text is cut with an ellipsis
                short = col in ("date", "source", "target", "cameo")
                table.add_column(str(col), overflow="ellipsis", no_wrap=True,
                                 min_width={"date": 10, "cameo": 5}.get(str(col), 6 if short else None),
                                 max_width=None if short else 26)
            else:
                table.add_column(str(col), overflow="fold")
        for row in frame.itertuples(index=False):
            table.add_row(*_plain_cells(*("" if _blank(v) else str(join_list(v)) for v in row)))
        out.print(table)


def _plain_cells(*values: object) -> list[Any]:
    """Table cells as plain text: brackets in a sentence or name ('[the minister]') are
    not rich markup, which would drop them or fail on a stray closing tag."""
    from rich.text import Text

    return [Text("" if v is None else str(v)) for v in values]


def _blank(value: object) -> bool:
    """None, NaN or NaT: an empty table cell (lists and strings are never blank here)."""
    if value is None or isinstance(value, (str, bytes)) or hasattr(value, "__len__"):
        return value is None
    return value != value  # only NaN and NaT differ from themselves


def _table_date(value: object) -> str:
    """A date cell: YYYY-MM-DD, or empty for an undated event (NULL arrives as NaT or None)."""
    if _blank(value):
        return ""
    return value.strftime("%Y-%m-%d") if hasattr(value, "strftime") else str(value)


_FRAME_FORMATS = ("table", "jsonl", "csv")
_QUERY_COLUMNS = ["date", "source_code", "cameo", "target_code", "cameo_name", "location_name",
                  "trigger_text", "source_text", "target_text"]  # fmt: skip


@app.command()
def query(
    db: Path = typer.Option(Path("eventwire.duckdb"), help=_DB_HELP),
    actor: str | None = typer.Option(None, help="Actor code prefix as source or target (LBY)."),
    source: str | None = typer.Option(None, help="Source actor code prefix."),
    target: str | None = typer.Option(None, help="Target actor code prefix."),
    dyad: str | None = typer.Option(None, help="SOURCE-TARGET code prefixes, e.g. USA-LBY."),
    root: str | None = typer.Option(None, help="CAMEO root code, e.g. 19."),
    quad: int | None = typer.Option(None, min=1, max=4, help="Quad class 1-4."),
    since: str | None = typer.Option(None, help="First date, YYYY-MM-DD."),
    until: str | None = typer.Option(None, help="Last date, YYYY-MM-DD."),
    country: str | None = typer.Option(None, help="ISO3 of the location or either actor."),
    text: str | None = typer.Option(None, help="Words the sentence contains."),
    all_events: bool = typer.Option(False, "--all", help="Include negated/hypothetical/future events."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                                                help=_MIN_CONFIDENCE_HELP),
    limit: int = typer.Option(50, min=0, help="At most this many events, newest first."),
    format: str = typer.Option("table", help="table, jsonl or csv."),
    parquet: Path | None = typer.Option(None, help="Query Dask Parquet shards in DIR instead of --db."),
) -> None:
    """Show stored events matching the filters (asserted events unless --all).

    Example: eventwire query --db events.duckdb --dyad LBY-LBY --root 19 --since 2019-04-01
    """
    from .store import ShardEvents, Store

    _check_choice("--format", format, _FRAME_FORMATS)
    try:
        with (ShardEvents([parquet]) if parquet is not None else Store(db, read_only=True)) as store:
            frame = store.events(actor=actor, source=source, target=target, dyad=dyad, root=root,
                                 quad=quad, since=since, until=until, country=country, text=text,
                                 include_unasserted=all_events, min_confidence=min_confidence,
                                 limit=limit)  # fmt: skip
    except EventwireError as exc:
        fail(exc)
    if format == "table":
        frame = frame[[c for c in _QUERY_COLUMNS if c in frame.columns]].copy()
        frame["date"] = frame["date"].map(_table_date)
        if out.width < 130:  # a narrow terminal keeps the coded columns whole
            frame = frame.drop(columns=[c for c in ("source_text", "target_text") if c in frame.columns])
        frame = frame.rename(columns={"source_code": "source", "target_code": "target", "cameo_name": "event",
                                      "location_name": "where", "trigger_text": "trigger",
                                      "source_text": "source text", "target_text": "target text"})
    _print_frame(frame, format, title=f"{len(frame)} events", compact=True)


@app.command()
def stats(
    db: Path = typer.Option(Path("eventwire.duckdb"), help=_DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
) -> None:
    """Summarise a store: articles, events by root, top dyads, events per day, errors.

    Example: eventwire stats --db events.duckdb
    """
    import json

    from .store import Store

    try:
        with Store(db, read_only=True) as store:
            summary = store.stats()
    except EventwireError as exc:
        fail(exc)
    if as_json:
        sys.stdout.write(json.dumps(summary, indent=2, default=str) + "\n")
        return
    first, last = summary["first_date"], summary["last_date"]
    dates = f"dates {first} to {last}" if first else "no dated events"
    out.print(f"[bold]{escape(summary['path'])}[/bold]: {summary['articles']} articles in "
              f"{summary['clusters']} near-duplicate clusters, {summary['asserted_events']} asserted "
              f"of {summary['events']} events, {summary['event_groups']} real-world events, "
              f"{summary['errors']} errors; {dates}")  # fmt: skip
    import pandas as pd

    for rows, title in ((summary["by_root"], "events by CAMEO root"), (summary["top_dyads"], "top dyads")):
        if rows:  # an empty store has no rows and no columns: no table
            _print_frame(pd.DataFrame(rows), "table", title)
    if summary["errors_by_stage"]:
        _print_frame(pd.DataFrame(list(summary["errors_by_stage"].items()),
                                  columns=["stage", "errors"]), "table", "errors")  # fmt: skip


@app.command()
def sql(
    statement: str = typer.Argument(..., help="One read-only SQL query."),
    db: Path = typer.Option(Path("eventwire.duckdb"), help=_DB_HELP),
    format: str = typer.Option("table", help="table, jsonl or csv."),
) -> None:
    """Run a read-only SQL query on the store (tables: articles, sentences, mentions, events,
    event_groups, errors; views: asserted_events, events_export).

    Every selected column is written. NULL is empty in CSV and null in JSON; dates are
    ISO 8601; lists are ';'-joined in CSV and arrays in JSON; BLOBs (articles.minhash)
    are hex text in CSV and JSON, and their first 8 bytes in the table.

    Example: eventwire sql "SELECT cameo_root, count(*) FROM asserted_events GROUP BY 1" --db events.duckdb
    """
    from .store import Store

    _check_choice("--format", format, _FRAME_FORMATS)
    try:
        with Store(db, read_only=True) as store:
            rows = store.query_rows(statement)
    except EventwireError as exc:
        fail(exc)
    _print_rows(rows, format)


def _print_rows(rows: Any, fmt: str) -> None:
    """Print query ``Rows`` (Python values, as DuckDB gives them) as a table, JSON Lines or CSV."""
    import json

    from .export import csv_cell, json_value, write_rows_csv

    if fmt == "csv":
        write_rows_csv(rows, sys.stdout)
    elif fmt == "jsonl":
        for row in rows.rows:
            record = {c: json_value(v) for c, v in zip(rows.columns, row, strict=True)}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        from rich.table import Table

        table = Table(show_lines=False)
        for column in rows.columns:
            table.add_column(str(column), overflow="fold")
        for row in rows.rows:
            table.add_row(*_plain_cells(*(_short_blob(v) if isinstance(v, bytes) else csv_cell(v) for v in row)))
        out.print(table)


def _short_blob(value: bytes) -> str:
    """A BLOB in a table: its first 8 bytes in hex and its length (a MinHash has 1024)."""
    return value.hex() if len(value) <= 8 else f"{value[:8].hex()}… ({len(value)} bytes)"


@app.command("export")
def export_cmd(
    out_path: str = typer.Argument(..., metavar="OUT", help="File to write (.gz compresses), or - for stdout."),
    db: Path = typer.Option(Path("eventwire.duckdb"), help=_DB_HELP),
    format: str = typer.Option("jsonl", help="gdelt, plover, csv, parquet or jsonl."),
    where: str | None = typer.Option(None, help="SQL condition on the events_export view."),
    all_events: bool = typer.Option(False, "--all", help="Include negated/hypothetical/future events."),
    min_confidence: float | None = typer.Option(None, "--min-confidence", min=0.0, max=1.0,
                                                help=_MIN_CONFIDENCE_HELP),
    header: bool = typer.Option(False, "--header", help="gdelt: first line with GDELT's column names."),
) -> None:
    """Export stored events as GDELT 2.0 (61 tab-separated columns), PLOVER 2.0, CSV, Parquet or JSONL.

    Example: eventwire export --db events.duckdb --format gdelt --header --where "cameo_root = '19'" strikes.tsv
    """
    from .export import FORMATS, export

    _check_choice("--format", format, FORMATS)
    try:
        rows = export(db, out_path, format, where, include_unasserted=all_events, min_confidence=min_confidence,
                      header=header)
    except EventwireError as exc:
        fail(exc)
    note(f"wrote {rows} {format} rows to {'standard output' if out_path == '-' else out_path}")


@app.command()
def load(
    shards: list[Path] = typer.Argument(..., help="Parquet shard files or folders of shards."),
    db: Path = typer.Option(Path("eventwire.duckdb"), help="DuckDB file to load into."),
    group_window_days: int = typer.Option(1, min=0, help="Days apart that still make one real-world event."),
) -> None:
    """Load Parquet shards written by `eventwire code --engine dask` into a store (idempotent).

    Example: eventwire load events/ --db events.duckdb
    """
    from .store import Store, load_parquet_shards

    try:
        with Store(db, group_window_days=group_window_days) as store:
            total = load_parquet_shards(store, shards)
    except EventwireError as exc:
        fail(exc)
    err.print(f"loaded {total.articles} articles ({total.events} events); skipped "
              f"{total.duplicates} already stored; {total.rejected + total.failed} errors; "
              f"into {db}", highlight=False)  # fmt: skip


@app.command()
def places(
    text: str = typer.Argument(..., help="Text to scan for place names."),
    format: str = typer.Option("table", help="table, or json (one array of toponym objects)."),
) -> None:
    """List the toponyms in a text and how each resolved (or why it was skipped).

    Example: eventwire places "Haftar's forces advanced on Tripoli, Libya, as Moscow said it was worried."
    """
    import json

    from rich.table import Table

    from .coding.explain import require_text
    from .ingest.clean import clean_text
    from .places.toponyms import find_toponyms

    _check_choice("--format", format, ("table", "json"))
    try:
        found = find_toponyms(clean_text(require_text(text)))
    except EventwireError as exc:
        fail(exc)
    if format == "json":
        records = [
            {"text": name, "start": start, "end": end, "reason": reason,
             "place": None if place is None else {
                 "name": place.name, "country": place.country, "admin1": place.admin1, "lat": place.lat,
                 "lon": place.lon, "geonameid": place.geonameid, "feature": place.feature}}
            for name, start, end, place, reason in found
        ]  # fmt: skip
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    table = Table("text", "place", "country", "lat", "lon", "kind", "why")
    for name, _start, _end, place, reason in found:
        if place is None:
            table.add_row(*_plain_cells(name, "", "", "", "", "", reason))
        else:
            table.add_row(*_plain_cells(name, place.name, place.country, f"{place.lat:.4f}", f"{place.lon:.4f}",
                                        place.feature, reason))  # fmt: skip
    out.print(table)


# ---- dictionary commands (dict import-petrarch, dict build-phoenix) ----

dict_app = typer.Typer(help="Actor dictionaries: convert PETRARCH/TABARI files into eventwire's formats.",
                       no_args_is_help=True)
app.add_typer(dict_app, name="dict")


@dict_app.command("import-petrarch")
def import_petrarch(
    actors_file: Path = typer.Argument(..., help="PETRARCH/TABARI .actors.txt file."),
    out_file: Path = typer.Argument(..., help="YAML file to write (use it with --actors), or - for stdout."),
    agents: Path | None = typer.Option(None, help="PETRARCH .agents.txt file to convert too."),
) -> None:
    """Convert a PETRARCH/TABARI actor dictionary (and agents file) into an eventwire actor file.

    Example: eventwire dict import-petrarch Phoenix.Countries.actors.txt my_actors.yaml --agents Phoenix.agents.txt
    """
    from .actors.petrarch import import_actors, import_agents, write_yaml

    try:
        records = import_actors(actors_file)
        if agents is not None:
            agent_records = import_agents(agents)
            records["sectors"] = agent_records["sectors"]
            records["warnings"] = [*records.get("warnings", []), *agent_records["warnings"]]
        path = write_yaml(records, out_file)
    except EventwireError as exc:
        fail(exc)
    for warning in [*records.get("repairs", []), *records.get("warnings", [])]:
        note(f"warning: {escape(str(warning))}")
    people, groups = len(records.get("people", [])), len(records.get("groups", []))
    where = "standard output" if str(path) == "-" else str(path)
    note(f"wrote {where}: {people} people, {groups} groups, {len(records.get('sectors', []))} sector entries; "
         f"use it with: eventwire code --actors {'FILE' if str(path) == '-' else path} ...")


@dict_app.command("build-phoenix")
def build_phoenix_cmd(
    source: Path = typer.Argument(..., help="Folder holding the Phoenix.*.actors.txt, Phoenix.agents.txt and LICENSE."),
    out_dir: Path = typer.Argument(..., help="Folder to write actors.tsv, agents.tsv, BUILD_LOG.txt and LICENSE to."),
    patterns: Path | None = typer.Option(None, help="Also mine CAMEO.2.0.txt into pattern files in this folder."),
) -> None:
    """Build the imported actor layer from the Phoenix/PETRARCH dictionaries (Open Event Data Alliance, MIT).

    Lines the build cannot read are skipped and listed, with file:line, in OUT_DIR/BUILD_LOG.txt.
    The package ships the result in eventwire/data/phoenix/ (rebuild it there with `make phoenix`).

    Example: eventwire dict build-phoenix ../shared/reference/phoenix phoenix_out --patterns patterns_out
    """
    from .actors.phoenix import build_phoenix

    try:
        report = build_phoenix(source, out_dir, patterns)
    except EventwireError as exc:
        fail(exc)
    note(f"wrote {out_dir}: {report.summary()}")


# ---- serve: the dashboard and REST API ----


@app.command()
def serve(
    db: Path = typer.Option(Path("eventwire.duckdb"), help="DuckDB store to show (opened read-only)."),
    host: str = typer.Option("127.0.0.1", help="Interface to bind; 0.0.0.0 exposes it to your network."),
    port: int = typer.Option(8000, min=0, max=65535, help="TCP port (0: any free port)."),
    allow_host: list[str] = typer.Option(
        [], "--allow-host",
        help="Another name or address clients use in the Host header (repeatable); others get 400.",
    ),
) -> None:
    """Serve the dashboard and the read-only REST API (OpenAPI at /docs) over a store.

    It can run while `eventwire code` writes into the same store: the two take turns with the file.

    Example: eventwire serve --db eventwire.duckdb --port 8000, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from .web import create_app
    from .web.app import allowed_hosts_for, check_store

    try:
        check_store(db)  # fail now, with the store's message, not on first request
        _check_port(host, port)
    except EventwireError as exc:
        fail(exc)
    hosts = allowed_hosts_for(host, allow_host)
    note(f"serving {db} read-only at http://{host}:{port}/ (Ctrl+C to stop)")
    if host in ("0.0.0.0", "::") and not allow_host:
        note("only loopback names are answered: add --allow-host NAME for the name or "
             "address other machines use")
    uvicorn.run(create_app(db, allowed_hosts=hosts), host=host, port=port, log_level="warning")


def _check_port(host: str, port: int) -> None:
    """Fail before saying 'serving' when the port is taken or the host cannot be bound."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise EventwireError(f"--host {host!r} cannot be resolved ({exc.strerror}); use e.g. 127.0.0.1") from exc
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            raise EventwireError(f"cannot serve on {host}:{port}: {exc.strerror}; "
                                 "another program may be using the port: choose another with --port") from exc


def main() -> None:  # pragma: no cover - entry point
    configure_logging(1)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
