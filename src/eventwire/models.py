"""The typed records that cross stage boundaries.

Every stage takes and returns these dataclasses; spaCy objects never leave
``nlp``, ``actors`` or ``events``. They are frozen and slotted so that Dask can
pickle them cheaply and ``dataclasses.asdict`` turns them into store rows.
CAMEO codes are ``str`` because ``"010"`` needs its zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

Modality = Literal["asserted", "negated", "hypothetical", "future"]
DateSource = Literal["text", "publication"]
Resolution = Literal["kb", "inferred", "memory", "pronoun", "acronym", "user"]


def parse_published(value: object) -> date | None:
    """A publication date as given (``"2019-04-19"``, ``"2019-04-19T08:00:00Z"``) -> its day;
    anything else -> None. The one parser of ``Article.published``: readers, dates and the
    store all read it here (here, not in ``dates.py``, because the store may not import a stage)."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read from the input, after cleaning.

    ``text`` is the cleaned text; every character offset elsewhere refers to it.
    """

    doc_id: str
    text: str
    published: str | None = None  # ISO date YYYY-MM-DD
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    origin: str = ""  # file path (and line) the article came from
    raw_chars: int = 0  # size before cleaning, for the errors table and stats


@dataclass(frozen=True, slots=True)
class Rejected:
    """Something that could not be read or coded, with where and why."""

    doc_id: str
    stage: str  # "read", "clean", "parse", "code", "store"
    reason: str
    origin: str = ""  # file[:line]

    def message(self) -> str:
        where = self.origin or self.doc_id
        return f"{where}: {self.stage}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor mention. ``code`` is the CAMEO actor code (``LBYMIL``)."""

    code: str
    country: str | None
    sectors: tuple[str, ...]
    name: str
    text: str
    start: int
    end: int
    resolution: str = "kb"  # kb | inferred | memory | pronoun | acronym | user
    evidence: str = ""  # why: "kb:people.yaml Khalifa Haftar", "title 'military leader'"
    layer: str = ""  # which KB layer named it: "user" | "curated" | "phoenix"; "" when not the KB

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "country": self.country,
            "sectors": list(self.sectors),
            "name": self.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "resolution": self.resolution,
            "evidence": self.evidence,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor mention in a sentence, as stored in the ``mentions`` table."""

    doc_id: str
    sentence_index: int
    actor: Actor


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    admin1: str | None = None
    geonameid: int | None = None
    precision: str = "city"  # city | admin2 | admin1 | country
    source: str = "sentence"  # clause | sentence | actor (the acting state body's country) | article

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "admin1": self.admin1, "geonameid": self.geonameid, "precision": self.precision,
                "source": self.source}


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    date: str | None  # YYYY-MM-DD
    source: str | None  # text | publication | None
    expression: str | None = None
    end_date: str | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    date: str | None
    date_source: str | None
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    modality: str
    location: Location | None
    trigger: Trigger
    rule: str
    confidence: float
    date_expression: str | None = None
    end_date: str | None = None
    cameo_name: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "date": self.date,
            "date_source": self.date_source,
            "date_expression": self.date_expression,
            "end_date": self.end_date,
            "source": self.source.to_json() if self.source else None,
            "target": self.target.to_json() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "cameo_name": self.cameo_name,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "modality": self.modality,
            "location": self.location.to_json() if self.location else None,
            "trigger": {"text": self.trigger.text, "start": self.trigger.start, "end": self.trigger.end},
            "rule": self.rule,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class CodedArticle:
    """Everything the pipeline learned about one article; the store writes it in one transaction."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    events: tuple[Event, ...]
    content_hash: str
    focus_country: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class Summary:
    """What one coding run did; the CLI prints ``line()``. The Dask engine's summary
    extends it (its articles go to shards, so ``stored`` stays 0 there)."""

    articles: int = 0
    sentences: int = 0
    events: int = 0
    unasserted: int = 0
    errors: int = 0
    stored: int = 0
    already_stored: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    unasserted_kept: bool = False  # --all: negated/hypothetical/future events are among ``events``

    def counts(self) -> str:
        """The counters every engine reports, in the words the CLI prints: what was
        written, and what was left out of it."""
        if self.unasserted_kept:
            events = f"{self.events} events, {self.unasserted} of them negated, hypothetical or future"
        else:
            events = (f"{self.events} asserted events; {self.unasserted} negated, hypothetical or "
                      "future events left out (--all keeps them)")
        return f"{self.articles} articles, {self.sentences} sentences, {events}; {self.errors} errors"

    def line(self) -> str:
        extra = f", {self.already_stored} already stored" if self.already_stored else ""
        return self.counts() + extra
