"""Command-line interface. Each command is a thin wrapper over one public function.

A command's docstring is its ``--help``. Library errors (``EventwireError``) are
turned into clean one-line messages here and nowhere else.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

from .errors import EventwireError

if TYPE_CHECKING:
    from .config import Settings

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
    err.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


# ---- coding commands (code, explain, actors, places, eval) : lead ----


def _settings(actors: list[Path] | None = None, max_article_chars: int | None = None,
              include_unasserted: bool | None = None) -> Settings:
    from .config import load_settings

    try:
        return load_settings(
            actors_files=tuple(str(p) for p in actors) if actors else None,
            max_article_chars=max_article_chars,
            include_unasserted=include_unasserted or None,
        )
    except EventwireError as exc:  # a bad EVENTWIRE_CONFIG file
        fail(exc)
        raise  # unreachable: fail() exits


@app.command()
def code(
    articles: list[str] = typer.Argument(..., help="Files (.txt .html .jsonl), directories, or - for stdin."),
    date: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) for records without one."),
    db: Path = typer.Option(Path("eventwire.duckdb"), help="DuckDB file to store into."),
    no_db: bool = typer.Option(False, "--no-db", help="Do not store; only write --out."),
    out: str | None = typer.Option(None, help="Write events to FILE, or - for stdout."),
    format: str = typer.Option("jsonl", help="Output format for --out: jsonl or csv."),
    actors: list[Path] | None = typer.Option(None, help="Extra actor dictionary (YAML); repeatable."),
    max_article_chars: int | None = typer.Option(None, help="Refuse longer articles (default 2,000,000)."),
    all_events: bool = typer.Option(False, "--all", help="Also output negated/hypothetical/future events."),
    engine: str = typer.Option("local", help="local, or dask to code partitions on a Dask cluster."),
    workers: int = typer.Option(2, help="Dask: number of local workers (with --engine dask)."),
    scheduler: str | None = typer.Option(None, help="Dask: scheduler address tcp://host:8786."),
    shards: Path = typer.Option(Path("events"), help="Dask: folder for Parquet shards."),
) -> None:
    """Code news articles into CAMEO events.

    Example: eventwire code ../shared/devdata/seed_article_haftar_2019.txt --date 2019-04-19 --out -
    """
    import time

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from .batch import code_files

    if date is not None:
        _check_date(date)
    settings = _settings(actors, max_article_chars, all_events)
    if engine == "dask":
        from .scale import code_on_dask

        try:
            summary = code_on_dask(articles, date=date, shards=shards, workers=workers,
                                   scheduler=scheduler, settings=settings)
        except EventwireError as exc:
            fail(exc)
        err.print(summary.line(), highlight=False)
        raise typer.Exit(0 if summary.articles or not summary.errors else 1)
    started = time.perf_counter()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as progress:
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
                                 settings=settings, stdin=sys.stdin, on_article=on_article)
        except EventwireError as exc:
            fail(exc)
    took = time.perf_counter() - started
    err.print(f"{summary.line()} in {took:.1f}s" + ("" if no_db else f"; stored in {db}"),
              highlight=False, soft_wrap=True)
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
    from .explain import explain_text

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
) -> None:
    """List the actors in a text: code, how each was resolved (kb, inferred, memory), the evidence.

    Example: eventwire actors "Libyan military leader Khalifa Haftar met Egypt's president." --date 2019-04-19
    """
    from rich.table import Table

    from .explain import find_actors

    try:
        found = find_actors(text, date=date, settings=_settings(actors))
    except EventwireError as exc:
        fail(exc)
    table = Table("text", "code", "name", "resolved by", "evidence")
    for a in found:
        table.add_row(a.text, a.code, a.name, a.resolution, a.evidence)
    out.print(table)


@app.command("eval")
def eval_cmd(
    fmt: str = typer.Argument(..., metavar="FORMAT", help="pentaclass | spans | petrarch | plover"),
    file: Path = typer.Argument(..., help="Gold file."),
    misses: Path | None = typer.Option(None, help="Write misses here (default: FILE.misses.jsonl in cwd)."),
    all_events: bool = typer.Option(False, "--all", help="Count negated/hypothetical events too."),
    limit: int | None = typer.Option(None, help="Only the first N records."),
) -> None:
    """Evaluate the coder against a gold file and print precision/recall/F1 and a confusion matrix.

    Example: eventwire eval pentaclass ../shared/devdata/cameo_pentaclass_train.tsv
    """
    from .evaluate import evaluate

    try:
        report = evaluate(fmt, file, misses_path=misses, include_unasserted=all_events, limit=limit)
    except EventwireError as exc:
        fail(exc)
    out.print(report.render(), highlight=False, markup=False)



# ---- store commands (query, stats, sql, export, load) : store helper ----

_DB_HELP = "DuckDB file written by `eventwire code`."


def _print_frame(frame: object, fmt: str, title: str = "", compact: bool = False) -> None:
    """Print a DataFrame as a rich table, JSON Lines or CSV on stdout."""
    import pandas as pd

    assert isinstance(frame, pd.DataFrame)
    if fmt == "csv":
        sys.stdout.write(frame.to_csv(index=False))
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
            table.add_row(*("" if v is None or v is pd.NaT or v != v else str(v) for v in row))
        out.print(table)


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
    quad: int | None = typer.Option(None, help="Quad class 1-4."),
    since: str | None = typer.Option(None, help="First date, YYYY-MM-DD."),
    until: str | None = typer.Option(None, help="Last date, YYYY-MM-DD."),
    country: str | None = typer.Option(None, help="ISO3 of the location or either actor."),
    text: str | None = typer.Option(None, help="Words the sentence contains."),
    all_events: bool = typer.Option(False, "--all", help="Include negated/hypothetical/future events."),
    limit: int = typer.Option(50, help="At most this many events, newest first."),
    format: str = typer.Option("table", help="table, jsonl or csv."),
    parquet: Path | None = typer.Option(None, help="Query Dask Parquet shards in DIR instead of --db."),
) -> None:
    """Show stored events matching the filters (asserted events unless --all).

    Example: eventwire query --db events.duckdb --dyad LBY-LBY --root 19 --since 2019-04-01
    """
    from .store import ShardEvents, Store

    try:
        with (ShardEvents([parquet]) if parquet is not None else Store(db, read_only=True)) as store:
            frame = store.events(actor=actor, source=source, target=target, dyad=dyad, root=root,
                                 quad=quad, since=since, until=until, country=country, text=text,
                                 include_unasserted=all_events, limit=limit)  # fmt: skip
    except EventwireError as exc:
        fail(exc)
    if format == "table":
        frame = frame[[c for c in _QUERY_COLUMNS if c in frame.columns]].copy()
        frame["date"] = frame["date"].map(lambda d: d.strftime("%Y-%m-%d") if hasattr(d, "strftime") else d)
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
    out.print(f"[bold]{summary['path']}[/bold]: {summary['articles']} articles in "
              f"{summary['clusters']} near-duplicate clusters, {summary['asserted_events']} asserted "
              f"of {summary['events']} events, {summary['event_groups']} real-world events, "
              f"{summary['errors']} errors; dates {summary['first_date']} to {summary['last_date']}")  # fmt: skip
    import pandas as pd

    _print_frame(pd.DataFrame(summary["by_root"]), "table", "events by CAMEO root")
    _print_frame(pd.DataFrame(summary["top_dyads"]), "table", "top dyads")
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

    Example: eventwire sql "SELECT cameo_root, count(*) FROM asserted_events GROUP BY 1" --db events.duckdb
    """
    from .store import Store

    try:
        with Store(db, read_only=True) as store:
            frame = store.sql(statement)
    except EventwireError as exc:
        fail(exc)
    _print_frame(frame, format)


@app.command("export")
def export_cmd(
    out_path: Path = typer.Argument(..., metavar="OUT", help="File to write."),
    db: Path = typer.Option(Path("eventwire.duckdb"), help=_DB_HELP),
    format: str = typer.Option("jsonl", help="gdelt, plover, csv, parquet or jsonl."),
    where: str | None = typer.Option(None, help="SQL condition on the events_export view."),
    all_events: bool = typer.Option(False, "--all", help="Include negated/hypothetical/future events."),
) -> None:
    """Export stored events as GDELT 2.0 (61 tab-separated columns), PLOVER, CSV, Parquet or JSONL.

    Example: eventwire export --db events.duckdb --format gdelt --where "cameo_root = '19'" strikes.tsv
    """
    from .export import export

    try:
        rows = export(db, out_path, format, where, include_unasserted=all_events)
    except EventwireError as exc:
        fail(exc)
    err.print(f"wrote {rows} {format} rows to {out_path}", highlight=False)


@app.command()
def load(
    shards: list[Path] = typer.Argument(..., help="Parquet shard files or folders of shards."),
    db: Path = typer.Option(Path("eventwire.duckdb"), help="DuckDB file to load into."),
    group_window_days: int = typer.Option(1, help="Days apart that still make one real-world event."),
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
) -> None:
    """List the toponyms in a text and how each resolved (or why it was skipped).

    Example: eventwire places "Haftar's forces advanced on Tripoli, Libya, as Moscow said it was worried."
    """
    from rich.table import Table

    from .ingest.clean import clean_text
    from .where import find_toponyms

    try:
        found = find_toponyms(clean_text(text))
    except EventwireError as exc:
        fail(exc)
    table = Table("text", "place", "country", "lat", "lon", "kind", "why")
    for name, _start, _end, place, reason in found:
        if place is None:
            table.add_row(name, "", "", "", "", "", reason)
        else:
            table.add_row(name, place.name, place.country, f"{place.lat:.4f}", f"{place.lon:.4f}",
                          place.feature, reason)
    out.print(table)


# ---- dictionary commands (dict import-petrarch) : kb helper ----

dict_app = typer.Typer(help="Actor dictionaries: convert PETRARCH/TABARI files into eventwire's YAML.",
                       no_args_is_help=True)
app.add_typer(dict_app, name="dict")


@dict_app.command("import-petrarch")
def import_petrarch(
    actors_file: Path = typer.Argument(..., help="PETRARCH/TABARI .actors.txt file."),
    out_file: Path = typer.Argument(..., help="YAML file to write (use it with --actors)."),
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
    for warning in records.get("warnings", []):
        err.print(f"warning: {escape(str(warning))}", highlight=False, soft_wrap=True)
    people, groups = len(records.get("people", [])), len(records.get("groups", []))
    err.print(f"wrote {path}: {people} people, {groups} groups, {len(records.get('sectors', []))} sector entries; "
              f"use it with: eventwire code --actors {path} ...", highlight=False, soft_wrap=True)


# ---- serve : dashboard ----


@app.command()
def serve(
    db: Path = typer.Option(Path("eventwire.duckdb"), help="DuckDB store to show (opened read-only)."),
    host: str = typer.Option("127.0.0.1", help="Interface to bind; 0.0.0.0 exposes it to your network."),
    port: int = typer.Option(8000, help="TCP port."),
) -> None:
    """Serve the dashboard and the read-only REST API (OpenAPI at /docs) over a store.

    Example: eventwire serve --db eventwire.duckdb --port 8000, then open http://127.0.0.1:8000/
    """
    import uvicorn

    from .store import Store
    from .web import create_app

    try:
        Store(db, read_only=True).close()  # fail now, with the store's message, not on first request
    except EventwireError as exc:
        fail(exc)
    err.print(f"serving {db} read-only at http://{host}:{port}/ (Ctrl+C to stop)", highlight=False)
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


def main() -> None:  # pragma: no cover - entry point
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
