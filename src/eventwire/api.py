"""The public Python API: what the CLI does, as functions and one object.

Every CLI command has its counterpart here, with the same names as its flags:

=====================================  ==============================================
CLI                                     Python
=====================================  ==============================================
``eventwire code FILES --db F``         ``eventwire.code_files(FILES, db=F)``
``eventwire explain "TEXT"``            ``eventwire.explain_text("TEXT")`` or ``db.explain``
``eventwire query --dyad USA-LBY``      ``db.events(dyad="USA-LBY")`` (a DataFrame)
``eventwire stats``                     ``db.stats()``
``eventwire sql "SELECT ..."``          ``db.sql("SELECT ...")`` (a DataFrame)
``eventwire export --format gdelt O``   ``db.export("O", "gdelt")``
``serve``/``query`` open read-only      ``eventwire.open(F, read_only=True)``
=====================================  ==============================================

    >>> import eventwire
    >>> with eventwire.open("events.duckdb", read_only=True) as db:  # doctest: +SKIP
    ...     frame = db.events(dyad="USA-LBY", since="2019-04-01")
    ...     db.export("strikes.tsv", "gdelt", where="cameo_root = '19'", header=True)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .models import Article
from .store import Store

if TYPE_CHECKING:
    import pandas as pd

    from .config import Settings
    from .models import Event


class EventDB:
    """An eventwire store (a DuckDB file): read, query, export, and code into it.

    Open it with :func:`eventwire.open`; ``read_only=True`` lets several readers share
    the file (as ``query``, ``export`` and ``serve`` do) and refuses writes.

    >>> db = eventwire.open("events.duckdb", read_only=True)   # doctest: +SKIP
    >>> db.events(actor="LBY", root="19", limit=10)              # doctest: +SKIP
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.store = Store(path, read_only=read_only)

    def events(self, **filters: Any) -> pd.DataFrame | list[dict[str, Any]]:
        """Stored events matching every filter, newest first, as a pandas DataFrame.

        Filters (the ``eventwire query`` flags): ``actor``, ``source``, ``target`` (CAMEO
        code prefixes: ``"LBY"`` finds ``LBYMIL``), ``dyad="USA-LBY"`` (directed),
        ``root="19"``, ``quad=4``, ``since``/``until`` (ISO dates, inclusive),
        ``country`` (ISO3 of the location or either actor), ``text`` (words of the
        sentence), ``include_unasserted=False``, ``limit=None``, and
        ``as_dataframe=False`` for a list of plain dicts instead.

        >>> db.events(dyad="USA-LBY", since="2019-04-01", limit=20)   # doctest: +SKIP
        """
        return self.store.events(**filters)

    def stats(self) -> dict[str, Any]:
        """Counts as ``eventwire stats --json`` prints them: articles, events by root,
        top dyads, events per day, errors by stage.

        >>> db.stats()["per_day"][:2]   # doctest: +SKIP
        [{'date': '2019-04-04', 'events': 3}, {'date': '2019-04-11', 'events': 1}]
        """
        return self.store.stats()

    def sql(self, query: str) -> pd.DataFrame:
        """Run one read-only SQL query (tables ``articles``, ``events``, ...; views
        ``asserted_events``, ``events_export``) and return a DataFrame.

        >>> db.sql("SELECT cameo_root, count(*) AS n FROM asserted_events GROUP BY 1")  # doctest: +SKIP
        """
        return self.store.sql(query)

    def export(self, out: str | Path, format: str = "jsonl", where: str | None = None, *,  # noqa: A002
               include_unasserted: bool = False, header: bool = False) -> int:
        """Write events to ``out`` as ``gdelt``, ``plover``, ``csv``, ``parquet`` or ``jsonl``
        (``eventwire export``); ``-`` is standard output, ``.gz`` compresses. Returns the rows written.

        >>> db.export("strikes.tsv", "gdelt", where="cameo_root = '19'", header=True)  # doctest: +SKIP
        12
        """
        from .export import export

        return export(self.store, out, format, where, include_unasserted=include_unasserted, header=header)

    def explain(self, text: str, *, date: str | None = None) -> str:
        """How ``text`` is coded (``eventwire explain``): parse, actors, patterns, events.

        >>> print(db.explain("Russia rejected the proposal on Thursday.", date="2019-04-19"))  # doctest: +SKIP
        """
        return explain_text(text, date=date)

    def code(self, text: str, *, date: str | None = None) -> list[Event]:
        """Code ``text`` (published on ``date``), store its events, and return them.

        >>> db = eventwire.open("events.duckdb")                                   # doctest: +SKIP
        >>> [e.cameo for e in db.code("Trump spoke with Haftar on Monday.", date="2019-04-19")]
        ['040', '040']
        """
        from .coding import coder  # lazy: loading spaCy is slow and reads need none of it
        from .ingest.clean import clean_text

        # As `eventwire code` stores an article: the cleaned text (offsets refer to it),
        # keyed by its content hash, so the same article is stored once either way.
        cleaned = clean_text(text)
        article = Article(doc_id=f"text-{coder.content_hash(cleaned)[:12]}", text=cleaned, published=date,
                          origin="<text>", raw_chars=len(text))
        coded = coder.code_article(article)
        if self.store.write(coded):
            self.store.rebuild_groups()
        return list(coded.events)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> EventDB:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open(path: str | Path, *, read_only: bool = False) -> EventDB:  # noqa: A001 - eventwire.open
    """Open (or create) an eventwire store; ``read_only=True`` only reads, and shares the file.

    >>> with eventwire.open("events.duckdb", read_only=True) as db:   # doctest: +SKIP
    ...     print(db.stats()["events"])
    """
    return EventDB(path, read_only=read_only)


def code_text(text: str, *, date: str | None = None, doc_id: str = "<text>", settings: Settings | None = None,
              as_dataframe: bool = False) -> list[Event] | pd.DataFrame:
    """Code one text and return its events (``eventwire code - --no-db --out -``).

    With ``as_dataframe=True`` the events come as a pandas DataFrame with the same
    columns as :meth:`EventDB.events`, one row per event.

    >>> events = eventwire.code_text("Russia rejected the British proposal on Thursday.", date="2019-04-19")
    >>> [(e.source.code, e.cameo, e.target.code) for e in events]   # doctest: +SKIP
    [('RUS', '125', 'GBR')]
    >>> eventwire.code_text("Libyan forces shelled Tripoli.", as_dataframe=True)[["cameo", "date"]]  # doctest: +SKIP
    """
    from .coding.coder import code_text as _code_text

    events = _code_text(text, date=date, doc_id=doc_id, settings=settings)
    return events_frame(events) if as_dataframe else events


def events_frame(events: list[Event]) -> pd.DataFrame:
    """Events as a DataFrame with the store's columns (dates as dates, sectors as lists).

    >>> eventwire.events_frame(events).groupby("date").size()   # doctest: +SKIP
    """
    import pandas as pd

    from .store import event_row

    rows = [event_row(e, "") for e in events]
    frame = pd.DataFrame(rows)
    if rows:
        frame = frame.drop(columns=["content_hash", "json"], errors="ignore")
        for col in ("date", "end_date"):
            frame[col] = pd.to_datetime(frame[col], errors="coerce").dt.date
    return frame


def explain_text(text: str, *, date: str | None = None, settings: Settings | None = None) -> str:
    """How ``text`` is coded: the parse, the actors, every pattern tried, the events.

    >>> print(eventwire.explain_text("Russia rejected the proposal on Thursday.", date="2019-04-19"))  # doctest: +SKIP
    """
    from .coding.explain import explain_text as _explain_text

    return _explain_text(text, date=date, settings=settings)


def code_files(paths: Any, **kwargs: Any) -> Any:
    """Code files, directories and ``-`` into a store and/or an event file (``eventwire code``).

    Keywords are the CLI's flags: ``date``, ``db`` (None: do not store), ``out`` (a path,
    ``-``, or a stream), ``fmt`` (``jsonl``/``csv``), ``columns`` (CSV/JSON column names,
    :class:`eventwire.ingest.readers.Columns`), ``settings``. Returns the run's
    :class:`~eventwire.models.Summary`.

    >>> eventwire.code_files(["news/"], date="2019-04-19", db="events.duckdb").line()  # doctest: +SKIP
    '12 articles, 240 sentences, 95 asserted events; ...'
    """
    from .engines.local import code_files as _code_files

    return _code_files(paths, **kwargs)


__all__ = ["EventDB", "code_files", "code_text", "events_frame", "explain_text", "open"]
