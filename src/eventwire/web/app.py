"""The dashboard: a read-only REST API over a store, and one page that draws it.

``create_app(db_path)`` opens the store read-only (DuckDB ``read_only=True``, file
access disabled) and serves:

* ``/api/...``: JSON endpoints, described in ``/openapi.json`` and ``/docs``;
* ``/``: the dashboard page, whose JS, CSS and world shapes come from
  ``web/static`` (no CDN: it works offline).

Each request gets its own cursor on the shared read-only connection, because a
DuckDB connection must not be used by two threads at once and FastAPI runs
handlers in a thread pool. Nothing a client sends reaches the file system: ids
in paths are only ever SQL parameters.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import AsyncIterator, Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from .. import __version__
from ..errors import StoreError
from ..store import DatabaseError, Store
from ..store import store_error as store_error_of
from . import queries
from .queries import EventFilter

log = logging.getLogger(__name__)

# Actor codes are CAMEO letters/digits (LBY, LBYMIL, IGOUNO); a dyad is two of them.
CODE = r"^[A-Za-z0-9]{1,40}$"
DYAD = r"^[A-Za-z0-9]{1,40}[-,>/ ]+[A-Za-z0-9]{1,40}$"
ID_MAX = 512

STATIC_DIR = resources.files("eventwire") / "web" / "static"


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


class ReadOnlyDB:
    """The store opened read-only, handing out one cursor per request."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._store: Store | None = None
        self._lock = threading.Lock()

    def _open(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = Store(self.path, read_only=True)
            return self._store

    def cursor(self) -> Any:
        """A new cursor on the read-only connection; the caller closes it."""
        return self._open().con.cursor()

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def cursor(request: Request) -> Iterator[Any]:
    """A cursor for one request on the app's read-only connection, closed afterwards."""
    try:
        cur = request.app.state.db.cursor()
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from exc
    try:
        yield cur
    finally:
        cur.close()


Cursor = Annotated[Any, Depends(cursor)]


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


def create_app(db_path: str | Path) -> FastAPI:
    """The dashboard app over the store at ``db_path``, opened read-only."""
    db = ReadOnlyDB(db_path)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        db.close()

    app = FastAPI(
        title="eventwire",
        lifespan=lifespan,
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
        cur: Cursor, f: Filter,
        page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        page_size: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> Any:  # fmt: skip
        """Events matching the filters, newest first, one page at a time, with the total."""
        return queries.list_events(cur, f, page=page, page_size=page_size)

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
    def get_network(cur: Cursor, f: Filter, top: Annotated[int, Query(ge=2, le=200)] = 30) -> Any:
        """Top-N actors and weighted source->target edges, cooperation (1-2) vs conflict (3-4)."""
        return queries.network(cur, f, top=top)

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

    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if not request.url.path.startswith(("/docs", "/redoc")):
            # The page needs nothing from elsewhere and no inline script: even if
            # markup were ever injected, it could neither run nor load anything.
            response.headers["Content-Security-Policy"] = (
                "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
            )
        return response

    return app
