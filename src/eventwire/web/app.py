"""The dashboard: a read-only REST API over a store, and one page that draws it.

``create_app(db_path)`` opens the store read-only (DuckDB ``read_only=True``, file
access disabled) and serves:

* ``/api/...``: JSON endpoints, described in ``/openapi.json`` and ``/docs``;
* ``/``: the dashboard page, whose JS, CSS and world shapes come from
  ``web/static`` (no CDN: it works offline).

Each request gets its own cursor on the shared read-only connection, because a
DuckDB connection must not be used by two threads at once and FastAPI runs
handlers in a thread pool. The connection is let go whenever ``eventwire code``
wants to write the same file, and reopened on the next request (``ReadOnlyDB``,
``eventwire.handoff``), so the dashboard can watch an ingest. Nothing a client
sends reaches the file system: ids in paths are only ever SQL parameters, and a
request whose Host header names another site is refused (DNS rebinding).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import __version__
from ..errors import StoreError
from ..store import DatabaseError, Store, handoff
from ..store import store_error as store_error_of
from . import queries
from .queries import EventFilter

log = logging.getLogger(__name__)

# Actor codes are CAMEO letters/digits (LBY, LBYMIL, IGOUNO); a dyad is two of them.
CODE = r"^[A-Za-z0-9]{1,40}$"
DYAD = r"^[A-Za-z0-9]{1,40}[-,>/ ]+[A-Za-z0-9]{1,40}$"
ID_MAX = 512

STATIC_DIR = resources.files("eventwire") / "web" / "static"
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


# ---------------------------------------------------------------- response models


class EventRow(BaseModel):
    event_id: str
    doc_id: str
    sentence_index: int | None = None
    date: str | None = Field(None, description="Event date, ISO YYYY-MM-DD")
    source_code: str | None = Field(None, description="CAMEO actor code of the source")
    source_name: str | None = None
    target_code: str | None = Field(None, description="CAMEO actor code of the target")
    target_name: str | None = None
    cameo: str = Field(description="CAMEO event code, a string ('010' keeps its zero)")
    cameo_root: str
    cameo_name: str | None = None
    quad_class: int | None = Field(
        None,
        description="QuadClass: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict",  # noqa: E501
    )
    goldstein: float | None = None
    modality: str | None = Field(None, description="asserted | negated | hypothetical | future")
    location_name: str | None = None
    location_country: str | None = Field(None, description="ISO3")
    location_lat: float | None = None
    location_lon: float | None = None
    trigger_text: str | None = None
    rule: str | None = None
    confidence: float | None = None
    sentence: str | None = None


class EventPage(BaseModel):
    total: int = Field(description="Number of events matching the filters")
    page: int
    page_size: int
    rows: list[EventRow]


class Span(BaseModel):
    role: Literal["source", "target", "trigger"]
    start: int = Field(description="Character offset into the enclosing text (sentence or article)")
    end: int
    text: str


class Evidence(BaseModel):
    sentence: str
    sentence_start: int | None = Field(None, description="Offset of the sentence in the article")
    spans: list[Span] = Field(description="Source, target and trigger, relative to the sentence")
    rule: str | None = Field(None, description="The pattern that fired")
    confidence: float | None = None


class ArticleRef(BaseModel):
    doc_id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


class OtherEvent(BaseModel):
    event_id: str
    sentence_index: int | None = None
    date: str | None = None
    source_code: str | None = None
    target_code: str | None = None
    cameo: str
    cameo_name: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    modality: str | None = None
    trigger_text: str | None = None


class EventDetail(BaseModel):
    event: dict[str, Any] = Field(description="Every stored column of the event (flattened JSON)")
    evidence: Evidence
    article: ArticleRef
    other_events: list[OtherEvent] = Field(description="The other events of the same article")


class ArticleEvent(BaseModel):
    event_id: str
    sentence_index: int | None = None
    date: str | None = None
    cameo: str
    cameo_name: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    modality: str | None = None
    source_code: str | None = None
    target_code: str | None = None
    spans: list[Span] = Field(description="Offsets into the article text")


class ArticleView(BaseModel):
    doc_id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    text: str = Field(description="The cleaned text; plain text, to be escaped when displayed")
    events: list[ArticleEvent]


class ActorCount(BaseModel):
    code: str
    name: str | None = None
    as_source: int
    as_target: int
    total: int


class DyadPoint(BaseModel):
    period: str = Field(description="First day of the interval")
    count: int
    mean_goldstein: float | None = None
    a_to_b: int
    b_to_a: int


class DyadSeries(BaseModel):
    a: str
    b: str
    interval: str
    directed: bool
    series: list[DyadPoint]


class Node(BaseModel):
    code: str
    name: str | None = None
    count: int = Field(description="Events with this actor as source or target")


class Edge(BaseModel):
    source: str
    target: str
    kind: Literal["cooperation", "conflict"] = Field(
        description="cooperation: QuadClass 1-2; conflict: QuadClass 3-4"
    )
    weight: int
    mean_goldstein: float | None = None


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class MapPoint(BaseModel):
    name: str | None = None
    country: str | None = None
    lat: float
    lon: float
    count: int
    mean_goldstein: float | None = None


class CountryCount(BaseModel):
    country: str = Field(description="ISO3")
    iso_numeric: str | None = Field(None, description="ISO 3166 numeric, the world shapes' id")
    count: int
    mean_goldstein: float | None = None


class MapData(BaseModel):
    points: list[MapPoint]
    countries: list[CountryCount]


class TimelineDay(BaseModel):
    date: str
    total: int
    q1: int
    q2: int
    q3: int
    q4: int
    mean_goldstein: float | None = None


class RootCount(BaseModel):
    root: str
    name: str
    count: int


class Summary(BaseModel):
    articles: int
    events: int
    asserted_events: int
    first_date: str | None = None
    last_date: str | None = None
    roots: list[RootCount]


# ---------------------------------------------------------------- database access


# How long a request waits for a coder to let go of the file before answering 503.
READ_WAIT_SECONDS = 4.0


class ReadOnlyDB:
    """The store opened read-only, shared by the requests in flight, let go for a writer.

    DuckDB locks the whole file, so a connection kept open would stop
    ``eventwire code`` from writing (and one the coder holds stops us from
    reading). The two hand the file over (see ``eventwire.handoff``): a request
    that finds the file taken waits for it, saying so, and the coder closes it
    after its commit in progress; when the coder wants the file back, new requests
    wait and the connection is closed as soon as those in flight are answered. A
    watcher thread closes an idle connection a coder is waiting for.
    """

    def __init__(self, path: str | Path, wait: float = READ_WAIT_SECONDS) -> None:
        self.path = Path(path)
        self.wait = wait
        self._store: Store | None = None
        self._users = 0
        self._closed = False
        self._cond = threading.Condition()
        self._watcher: threading.Thread | None = None

    def acquire(self) -> Store:
        """The open store, for one request; pair with ``release``."""
        deadline = time.monotonic() + self.wait
        # Held only once this request has to wait: that is what a coder looks for.
        waiting = handoff.Signal(handoff.readers_path(self.path), exclusive=False)
        try:
            with self._cond:
                while True:
                    if self._closed:
                        raise StoreError("the server is shutting down")
                    if not handoff.writer_waiting(self.path):
                        if self._store is None:
                            try:
                                self._store = self._open(deadline)
                            except _Final:
                                raise
                            except StoreError:
                                pass  # a writer has the file: wait for it
                        if self._store is not None:
                            self._users += 1
                            return self._store
                    if time.monotonic() > deadline:
                        raise StoreError(
                            f"{self.path} is being written by another program (eventwire code?) "
                            f"and was not let go within {self.wait:.0f} s; retry in a moment"
                        )
                    if not waiting.held:
                        waiting.hold()
                    self._cond.wait(0.02)
        finally:
            waiting.drop()

    def _open(self, deadline: float) -> Store:
        try:
            store = Store(self.path, read_only=True)
        except StoreError as exc:
            # Locked by a writer: the caller retries until its deadline. Anything else
            # (a missing or damaged file) is the answer.
            if "locked" in str(exc) and time.monotonic() <= deadline:
                raise
            raise _Final(str(exc)) from exc
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="eventwire-db-watch", daemon=True)
            self._watcher.start()
        return store

    def release(self) -> None:
        with self._cond:
            self._users -= 1
            if self._users == 0 and handoff.writer_waiting(self.path):
                self._close_store()
            self._cond.notify_all()

    def _watch(self) -> None:
        # An idle connection is closed as soon as a coder wants the file.
        while True:
            with self._cond:
                if self._closed:
                    return
                if self._store is not None and self._users == 0 and handoff.writer_waiting(self.path):
                    self._close_store()
                    self._cond.notify_all()
                self._cond.wait(0.05)

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._close_store()
            self._cond.notify_all()
        if self._watcher is not None:
            self._watcher.join(timeout=5)
        handoff.remove(handoff.readers_path(self.path))


def check_store(path: str | Path, wait: float = READ_WAIT_SECONDS * 3) -> None:
    """Raise the store's StoreError if ``path`` cannot be served (waiting out a coder)."""
    db = ReadOnlyDB(path, wait=wait)
    try:
        db.acquire()
        db.release()
    finally:
        db.close()


class _Final(StoreError):
    """A store error that waiting will not cure (missing file, not a store)."""


def cursor(request: Request) -> Iterator[Any]:
    """A cursor for one request on the app's read-only connection, closed afterwards."""
    db: ReadOnlyDB = request.app.state.db
    try:
        store = db.acquire()
    except StoreError as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "2"}) from exc
    try:
        cur = store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()
    finally:
        db.release()


Cursor = Annotated[Any, Depends(cursor)]
Sort = Annotated[
    Literal["date", "source", "target", "cameo", "quad", "goldstein", "location", "trigger",
            "confidence"],
    Query(description="Column to sort the events by"),
]  # fmt: skip
Order = Annotated[Literal["asc", "desc"], Query(description="Sort direction")]


def _csv_rows(db: ReadOnlyDB, f: EventFilter, sort: str, descending: bool) -> Iterator[str]:
    # The file is held only while the download runs; an abandoned download is
    # closed by the server, which runs the finally clauses.
    store = db.acquire()
    try:
        cur = store.con.cursor()
        try:
            yield from queries.iter_events_csv(cur, f, sort=sort, descending=descending)
        finally:
            cur.close()
    finally:
        db.release()


def event_filter(
    actor: Annotated[
        str | None, Query(pattern=CODE, description="Source or target code prefix, e.g. LBY")
    ] = None,
    source: Annotated[str | None, Query(pattern=CODE, description="Source code prefix")] = None,
    target: Annotated[str | None, Query(pattern=CODE, description="Target code prefix")] = None,
    dyad: Annotated[
        str | None, Query(pattern=DYAD, description="Directed pair, e.g. USA-LBY")
    ] = None,
    root: Annotated[
        str | None, Query(pattern=r"^\d{1,2}$", description="CAMEO root, e.g. 19")
    ] = None,
    quad: Annotated[int | None, Query(ge=1, le=4, description="QuadClass 1-4")] = None,
    since: Annotated[dt.date | None, Query(description="First date, inclusive")] = None,
    until: Annotated[dt.date | None, Query(description="Last date, inclusive")] = None,
    country: Annotated[
        str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 of place or actor")
    ] = None,
    text: Annotated[
        str | None, Query(max_length=200, description="Substring of the sentence")
    ] = None,
    include_unasserted: Annotated[
        bool, Query(description="Also negated, hypothetical, future")
    ] = False,
) -> EventFilter:
    return EventFilter(
        actor=actor, source=source, target=target, dyad=dyad, root=root, quad=quad,
        since=since, until=until, country=country, text=text,
        include_unasserted=include_unasserted,
    )  # fmt: skip


Filter = Annotated[EventFilter, Depends(event_filter)]
Id = Annotated[str, PathParam(min_length=1, max_length=ID_MAX)]


# Names under which a server bound to loopback is reached; a DNS-rebinding page
# sends its own host name instead, and is refused.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def allowed_hosts_for(bound: str, extra: Sequence[str] = ()) -> list[str]:
    """The Host names a server bound to ``bound`` answers: that address, loopback names, ``extra``.

    A wildcard bind (0.0.0.0, ::) is not a name clients use: they need ``extra``
    (``--allow-host``) for the machine's name or address.
    """
    hosts = [*LOOPBACK_HOSTS, *(h.strip().lower() for h in extra if h.strip())]
    if bound not in ("0.0.0.0", "::", ""):
        hosts.append(bound.lower())
    return list(dict.fromkeys(h.strip("[]") for h in hosts))


def _host_name(header: str) -> str:
    """The host part of a Host header ('[::1]:8000' -> '::1', 'a.example:80' -> 'a.example')."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def create_app(db_path: str | Path, *, allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The dashboard app over the store at ``db_path``, opened read-only.

    Requests whose Host header is not one of ``allowed_hosts`` (default: the
    loopback names, see ``allowed_hosts_for``) get 400, so that a web page cannot
    reach the API by rebinding its own domain name to 127.0.0.1.
    """
    db = ReadOnlyDB(db_path)
    hosts = frozenset(allowed_hosts_for("127.0.0.1") if allowed_hosts is None else
                      (h.strip("[]").lower() for h in allowed_hosts))  # fmt: skip

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="eventwire",
        lifespan=lifespan,
        docs_url=None,  # served below from vendored files, under the page's CSP
        redoc_url=None,
        version=__version__,
        description=(
            "Read-only API over an eventwire store: CAMEO-coded political events with "
            "their actors, dates, places and evidence. Event filters are those of "
            "`eventwire query`. Reads default to asserted events."
        ),
    )
    app.state.db = db

    @app.exception_handler(StoreError)
    def store_error(request: Request, exc: StoreError) -> JSONResponse:
        # The store's filter checks (a malformed dyad or date) are client errors.
        return JSONResponse(status_code=422, content={"detail": str(exc)})

    @app.exception_handler(DatabaseError)
    def database_error(request: Request, exc: Exception) -> JSONResponse:
        # A read that fails in DuckDB (a damaged block: checksum mismatch) answers JSON
        # naming the file, like every other error of the API, not a bare 500 page.
        log.error("%s: %s", request.url.path, exc)
        return JSONResponse(status_code=503,
                            content={"detail": str(store_error_of(exc, db_path, "read"))})

    @app.get("/api/summary", response_model=Summary, tags=["events"])
    def get_summary(cur: Cursor) -> Any:
        """Totals, the date range and the CAMEO roots present, to set up the filters."""
        return queries.summary(cur)

    @app.get("/api/events", response_model=EventPage, tags=["events"])
    def get_events(
        cur: Cursor, f: Filter, sort: Sort = "date", order: Order = "desc",
        page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        page_size: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Any:  # fmt: skip
        """Events matching the filters, newest first (or by ``sort``), one page at a time."""
        return queries.list_events(
            cur, f, page=page, page_size=page_size, sort=sort, descending=order == "desc"
        )

    @app.get(
        "/api/events.csv", tags=["events"], response_class=StreamingResponse,
        responses={200: {"content": {"text/csv": {}}, "description": "CSV with a header row"}},
    )  # fmt: skip
    def get_events_csv(
        request: Request, f: Filter, sort: Sort = "date", order: Order = "desc"
    ) -> StreamingResponse:
        """Every event matching the filters as CSV, in the table's columns and order."""
        check = cursor(request)  # a 503 now, not a broken download, if the store is unreadable
        next(check)
        check.close()
        return StreamingResponse(
            _csv_rows(request.app.state.db, f, sort, order == "desc"),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="eventwire-events.csv"'},
        )

    @app.get(
        "/api/events/{event_id}", response_model=EventDetail, tags=["events"],
        responses={404: {"description": "No event with this id"}},
    )  # fmt: skip
    def get_event(cur: Cursor, event_id: Id) -> Any:
        """An event with its evidence: sentence, spans, rule, confidence, article, siblings."""
        found = queries.get_event(cur, event_id)
        if found is None:
            raise HTTPException(404, f"no event {event_id!r} in this store")
        return found

    @app.get(
        "/api/articles/{doc_id:path}", response_model=ArticleView, tags=["events"],
        responses={404: {"description": "No article with this doc_id"}},
    )  # fmt: skip
    def get_article(cur: Cursor, doc_id: Id) -> Any:
        """An article's cleaned text and the spans of its events."""
        found = queries.get_article(cur, doc_id)
        if found is None:
            raise HTTPException(404, f"no article {doc_id!r} in this store")
        return found

    @app.get("/api/actors", response_model=list[ActorCount], tags=["aggregates"])
    def get_actors(cur: Cursor, f: Filter, top: Annotated[int, Query(ge=1, le=500)] = 50) -> Any:
        """The most frequent actors, with their counts as source and as target."""
        return queries.top_actors(cur, f, top=top)

    @app.get("/api/dyads", response_model=DyadSeries, tags=["aggregates"])
    def get_dyads(
        cur: Cursor, f: Filter,
        a: Annotated[str, Query(pattern=CODE, description="First actor code prefix, e.g. USA")],
        b: Annotated[str, Query(pattern=CODE, description="Second actor code prefix, e.g. LBY")],
        interval: Literal["day", "week", "month"] = "day",
        directed: Annotated[bool, Query(description="Only a -> b (default: both ways)")] = False,
    ) -> Any:  # fmt: skip
        """Events between two actors over time: count and mean Goldstein per interval."""
        series = queries.dyad_series(cur, f, a=a, b=b, interval=interval, directed=directed)
        return {"a": a.upper(), "b": b.upper(), "interval": interval, "directed": directed,
                "series": series}  # fmt: skip

    @app.get("/api/network", response_model=Network, tags=["aggregates"])
    def get_network(
        cur: Cursor, f: Filter, top: Annotated[int, Query(ge=2, le=200)] = 30,
        edges: Annotated[
            int | None, Query(ge=1, le=5000, description="Keep only the strongest N edges")
        ] = None,
    ) -> Any:  # fmt: skip
        """Top-N actors and weighted source->target edges, cooperation (1-2) vs conflict (3-4)."""
        return queries.network(cur, f, top=top, edges=edges)

    @app.get("/api/map", response_model=MapData, tags=["aggregates"])
    def get_map(cur: Cursor, f: Filter, top: Annotated[int, Query(ge=1, le=5000)] = 1000) -> Any:
        """Events per place (name, lat, lon, count, mean Goldstein) and per location country."""
        return queries.map_points(cur, f, top=top)

    @app.get("/api/timeline", response_model=list[TimelineDay], tags=["aggregates"])
    def get_timeline(cur: Cursor, f: Filter) -> Any:
        """Events per day by QuadClass, with the mean Goldstein of the day."""
        return queries.timeline(cur, f)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(str(STATIC_DIR / "index.html"), media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        """Swagger UI over /openapi.json, from web/static/docs (no CDN)."""
        return FileResponse(str(STATIC_DIR / "docs" / "index.html"), media_type="text/html")

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        if _host_name(request.headers.get("host", "")) not in hosts:
            response: Any = JSONResponse(status_code=400, content={"detail": (
                f"Host {request.headers.get('host', '')!r} is not served here. If you reach "
                "this server by another name, start it with --allow-host NAME."
            )})  # fmt: skip
        else:
            response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        # The pages (dashboard and /docs) need nothing from elsewhere and no inline
        # script: even if markup were ever injected, it could neither run nor load anything.
        response.headers["Content-Security-Policy"] = CSP
        return response

    return app
