"""Whole-article evaluation against an event annotation (``eventwire eval articles``).

The gold file is JSONL, one article per line: ``{"corpus": FILE, "line": N, "events": [...]}``,
where ``FILE`` sits next to the gold file and holds one article per line (``N`` counts from 0),
and each event carries the fields of ``event_annotation_guide.md`` (``quote``, ``root``,
``cameo``, ``source``, ``target``, ``date``, ``place``, ``country``).

Scoring, per article:
- A coded event **matches** a gold event when its sentence overlaps the gold ``quote`` (found in
  the cleaned article text, ignoring case, spacing and punctuation) and it has the same CAMEO
  root. Matching is one to one; among candidates, the pair that also agrees on the actors wins.
- Event precision/recall/F1 count matched events; **full-tuple** P/R/F1 count matched events whose
  source and target also agree, each compared by the guide's actor rule: country (or IGO) plus
  the first sector, or the bare sector where the code has no country (``actor_key``).
- On matched events: source, target, date (the coder's date cut to the gold's precision; a null
  gold date wants a null date) and country (of the event's location) accuracy.
- Precision by confidence band, figures per corpus and per half of the gold file (even and odd
  rows), and a JSONL file with every gold and coded event: ``found`` (full tuple right),
  ``actors`` (found, an actor wrong), ``miss``, ``false_positive`` and ``rejected``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..errors import InputError
from ..ingest.clean import clean_text
from ..models import Article, CodedArticle, Event, Rejected

GOLD_EVENT_FIELDS = ("quote", "root", "cameo", "source", "target", "date", "place", "country")
CONFIDENCE_BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 1.01)
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    quote: str
    root: str
    cameo: str
    source: str | None
    target: str | None
    date: str | None
    place: str | None
    country: str | None


@dataclass(frozen=True, slots=True)
class GoldArticle:
    row: int  # 0-based row in the gold file: the halves split on it
    corpus: str
    line: int  # 0-based line in the corpus file
    text: str  # the raw article line
    events: tuple[GoldEvent, ...]


@dataclass
class Tally:
    """Counts for one slice of the gold (all, a corpus, a half)."""

    gold: int = 0
    pred: int = 0
    matched: int = 0
    full: int = 0
    source_ok: int = 0
    target_ok: int = 0
    date_ok: int = 0
    country_ok: int = 0
    no_event_in_sentence: int = 0
    unlocated: int = 0
    bands: dict[int, list[int]] = field(default_factory=dict)  # band index -> [matched, all]

    def figures(self) -> dict[str, float]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        p, r = ratio(self.matched, self.pred), ratio(self.matched, self.gold)
        fp, fr = ratio(self.full, self.pred), ratio(self.full, self.gold)
        return {
            "event_precision": p, "event_recall": r, "event_f1": f1(p, r),
            "full_precision": fp, "full_recall": fr, "full_f1": f1(fp, fr),
            "source": ratio(self.source_ok, self.matched), "target": ratio(self.target_ok, self.matched),
            "date": ratio(self.date_ok, self.matched), "country": ratio(self.country_ok, self.matched),
            "no_event_in_sentence": ratio(self.no_event_in_sentence, self.gold),
        }

    def add(self, other: Tally) -> None:
        for name in ("gold", "pred", "matched", "full", "source_ok", "target_ok", "date_ok", "country_ok",
                     "no_event_in_sentence", "unlocated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for band, (m, n) in other.bands.items():
            cell = self.bands.setdefault(band, [0, 0])
            cell[0] += m
            cell[1] += n


# ---- reading the gold ----

def _optional_str(value: object, name: str, where: str) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f"{where}: field {name!r} must be a string or null, got {type(value).__name__}")


def _gold_event(raw: object, where: str) -> GoldEvent:
    if not isinstance(raw, dict):
        raise InputError(f"{where}: an event must be an object")
    missing = [f for f in ("quote", "root") if not raw.get(f)]
    if missing:
        raise InputError(f"{where}: event lacks {', '.join(missing)}")
    values = {name: _optional_str(raw.get(name), name, where) for name in GOLD_EVENT_FIELDS}
    root = values["root"] or ""
    if not (len(root) == 2 and root.isdigit()):
        raise InputError(f"{where}: root must be two digits, got {root!r}")
    date = values["date"]
    if date is not None and not _DATE_RE.match(date):
        raise InputError(f"{where}: date must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
    values["cameo"] = values["cameo"] or root
    return GoldEvent(**values)  # type: ignore[arg-type]


def read_article_gold(path: Path) -> list[GoldArticle]:
    """Read the gold rows and the article lines they name; errors name ``file:line``."""
    corpora: dict[str, list[str]] = {}
    articles: list[GoldArticle] = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{where}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict) or not isinstance(row.get("corpus"), str) \
                    or not isinstance(row.get("line"), int) or not isinstance(row.get("events"), list):
                raise InputError(f"{where}: expected {{\"corpus\": FILE, \"line\": N, \"events\": [...]}}")
            corpus = row["corpus"]
            if Path(corpus).name != corpus:
                raise InputError(f"{where}: corpus must be a file name next to the gold file, got {corpus!r}")
            if corpus not in corpora:
                corpus_path = path.parent / corpus
                if not corpus_path.is_file():
                    raise InputError(f"{where}: corpus file {corpus_path} not found next to the gold file")
                corpora[corpus] = corpus_path.read_text(encoding="utf-8", errors="replace").splitlines()
            lines = corpora[corpus]
            if not 0 <= row["line"] < len(lines):
                raise InputError(f"{where}: {corpus} has no line {row['line']} (it has {len(lines)})")
            events = tuple(_gold_event(ev, f"{where} event {k}") for k, ev in enumerate(row["events"], 1))
            articles.append(GoldArticle(len(articles), corpus, row["line"], lines[row["line"]], events))
    return articles


# ---- comparing ----

def actor_key(code: str | None, sectors: Iterable[str]) -> str | None:
    """The guide's actor identity: country (or IGO) and first sector, or a bare sector.

    ``sectors`` are the CAMEO sector codes; a code whose first group is one of them (other
    than ``IGO``, which leads IGO codes such as ``IGOUNO``) has no country."""
    if not code:
        return None
    code = code.upper()
    if code[:3] in sectors and code[:3] != "IGO":
        return code[:3]
    return code[:6]


def _normalised(text: str) -> tuple[str, list[int]]:
    """Lower-case letters and digits only, with each kept character's offset in ``text``."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        if ch.isalnum():
            chars.append(ch.lower())
            offsets.append(i)
    return "".join(chars), offsets


def locate_quote(quote: str, norm_text: str, offsets: list[int]) -> tuple[int, int] | None:
    """The character span of ``quote`` in the text whose normalised form is ``norm_text``.

    Cleaning may have changed a few characters (mojibake, glued words), so when the whole
    quote is not found, its longest leading or trailing part that is found anchors it."""
    q, _ = _normalised(quote)
    if not q:
        return None
    at = norm_text.find(q)
    if at >= 0:
        return offsets[at], offsets[at + len(q) - 1] + 1
    words = quote.split()
    for size in range(len(words) - 1, 2, -1):
        for part in (words[:size], words[-size:]):
            p, _ = _normalised(" ".join(part))
            at = norm_text.find(p) if p else -1
            if at >= 0:
                return offsets[at], offsets[at + len(p) - 1] + 1
    return None


def _actors_agree(e: Event, g: GoldEvent, sectors: frozenset[str]) -> tuple[bool, bool]:
    """Whether the coded source and target are the gold ones, by ``actor_key``."""
    return (actor_key(e.source.code if e.source else None, sectors) == actor_key(g.source, sectors),
            actor_key(e.target.code if e.target else None, sectors) == actor_key(g.target, sectors))


def _date_ok(gold: str | None, pred: str | None) -> bool:
    if gold is None:
        return pred is None
    return pred is not None and pred[:len(gold)] == gold


def _band(confidence: float) -> int:
    for i in range(len(CONFIDENCE_BANDS) - 1):
        if confidence < CONFIDENCE_BANDS[i + 1]:
            return i
    return len(CONFIDENCE_BANDS) - 2


def _event_brief(e: Event) -> dict:
    return {"cameo": e.cameo, "source": e.source.code if e.source else None,
            "target": e.target.code if e.target else None, "date": e.date,
            "country": e.location.country if e.location else None, "trigger": e.trigger.text,
            "rule": e.rule, "confidence": e.confidence, "sentence": e.sentence}


def score_article(gold: GoldArticle, coded: CodedArticle, events: list[Event], sectors: frozenset[str],
                  misses: list[dict], matched: set[int] | None = None) -> Tally:
    """Match one article's coded events to its gold events and count (module docstring).

    ``matched`` receives the indices of the events that match a gold event."""
    tally = Tally(gold=len(gold.events), pred=len(events))
    norm, offsets = _normalised(coded.article.text)
    spans = {s.index: (s.start, s.end) for s in coded.sentences}
    where = {"corpus": gold.corpus, "line": gold.line}
    candidates: list[tuple[int, int, int]] = []  # (-agreement, gold index, event index)
    located: list[tuple[int, int] | None] = []
    for gi, g in enumerate(gold.events):
        span = locate_quote(g.quote, norm, offsets)
        located.append(span)
        if span is None:
            tally.unlocated += 1
            continue
        in_sentence = [pi for pi, e in enumerate(events)
                       if (s := spans.get(e.sentence_index)) and s[0] < span[1] and span[0] < s[1]]
        if not in_sentence:
            tally.no_event_in_sentence += 1
        for pi in in_sentence:
            if events[pi].cameo_root == g.root:
                candidates.append((-sum(_actors_agree(events[pi], g, sectors)), gi, pi))
    candidates.sort()
    gold_used: dict[int, int] = {}
    pred_used: set[int] = set()
    for _, gi, pi in candidates:
        if gi in gold_used or pi in pred_used:
            continue
        gold_used[gi] = pi
        pred_used.add(pi)
    for gi, g in enumerate(gold.events):
        pi = gold_used.get(gi)
        if pi is None:
            misses.append({**where, "kind": "miss", "gold": _gold_brief(g),
                           "why": "quote not found in the cleaned text" if located[gi] is None else
                           "no event with this root in the quoted sentence"})
            continue
        e = events[pi]
        s_ok, t_ok = _actors_agree(e, g, sectors)
        tally.matched += 1
        tally.full += s_ok and t_ok
        tally.source_ok += s_ok
        tally.target_ok += t_ok
        tally.date_ok += _date_ok(g.date, e.date)
        tally.country_ok += g.country == (e.location.country if e.location else None)
        misses.append({**where, "kind": "found" if s_ok and t_ok else "actors", "gold": _gold_brief(g),
                       "coded": _event_brief(e)})
    if matched is not None:
        matched.update(pred_used)
    for pi, e in enumerate(events):
        cell = tally.bands.setdefault(_band(e.confidence), [0, 0])
        cell[0] += pi in pred_used
        cell[1] += 1
        if pi not in pred_used:
            misses.append({**where, "kind": "false_positive", "coded": _event_brief(e)})
    return tally


def _gold_brief(g: GoldEvent) -> dict:
    return {name: getattr(g, name) for name in GOLD_EVENT_FIELDS}


# ---- the report ----

@dataclass
class ArticleReport:
    title: str
    lines: list[str]
    figures: dict[str, float]

    def render(self) -> str:
        return "\n".join([self.title, *self.lines])


def _figure_lines(label: str, tally: Tally) -> list[str]:
    f = tally.figures()
    return [
        f"{label}: {tally.gold} gold, {tally.pred} coded, {tally.matched} matched",
        f"  events      precision {f['event_precision']:.3f}  recall {f['event_recall']:.3f}  "
        f"F1 {f['event_f1']:.3f}",
        f"  full tuple  precision {f['full_precision']:.3f}  recall {f['full_recall']:.3f}  F1 {f['full_f1']:.3f}",
        f"  on matched  source {f['source']:.3f}  target {f['target']:.3f}  date {f['date']:.3f}  "
        f"country {f['country']:.3f}",
        f"  gold events with no coded event in their sentence: {f['no_event_in_sentence']:.3f}"
        + (f"  (quotes not found: {tally.unlocated})" if tally.unlocated else ""),
    ]


def evaluate_articles(path: str | Path, *, misses_path: str | Path | None = None, include_unasserted: bool = False,
                      min_confidence: float = 0.0, limit: int | None = None, upper: bool = False,
                      settings: Settings | None = None) -> ArticleReport:
    """Code every article the gold names and score the events (module docstring).

    ``upper`` upper-cases each article before cleaning, to measure all-capital wire copy."""
    from .coder import get_coder

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    gold = read_article_gold(path)
    if limit:
        gold = gold[:limit]
    coder = get_coder(settings)
    sectors = frozenset(coder.res.kb.sector_codes)
    articles: list[Article | Rejected] = []
    for g in gold:
        raw = g.text.upper() if upper else g.text
        articles.append(Article(doc_id=f"{g.corpus}:{g.line}", text=clean_text(raw), origin=f"{g.corpus}:{g.line}"))
    total, halves = Tally(), {"even": Tally(), "odd": Tally()}
    corpora: dict[str, Tally] = {}
    misses: list[dict] = []
    rejected = 0
    for g, coded in zip(gold, coder.run(articles), strict=True):
        if isinstance(coded, Rejected):
            rejected += 1
            tally = Tally(gold=len(g.events))
            misses.append({"corpus": g.corpus, "line": g.line, "kind": "rejected", "why": coded.reason})
        else:
            events = [e for e in coded.events if (include_unasserted or e.modality == "asserted")
                      and e.confidence >= min_confidence]
            tally = score_article(g, coded, events, sectors, misses)
        total.add(tally)
        halves["even" if g.row % 2 == 0 else "odd"].add(tally)
        corpora.setdefault(g.corpus, Tally()).add(tally)
    misses_path = Path(misses_path) if misses_path else Path(f"{path.name}.misses.jsonl")
    with misses_path.open("w", encoding="utf-8") as fh:
        for m in misses:
            fh.write(json.dumps(m, ensure_ascii=False) + "\n")
    lines = _figure_lines("all", total)
    for name, tally in (*halves.items(), *sorted(corpora.items())):
        lines += _figure_lines(name, tally)
    lines.append("precision by confidence band:")
    for band in sorted(total.bands):
        m, n = total.bands[band]
        hi = min(CONFIDENCE_BANDS[band + 1], 1.0)
        lines.append(f"  {CONFIDENCE_BANDS[band]:.1f}-{hi:.1f}: {m / n if n else 0:.3f} of {n}")
    if rejected:
        lines.append(f"articles refused by the coder: {rejected}")
    lines.append(f"found events, misses, false positives and actor mismatches written to {misses_path}")
    figures = total.figures()
    for name, tally in halves.items():
        figures.update({f"{name}.{k}": v for k, v in tally.figures().items()})
    mode = " (upper-cased)" if upper else ""
    return ArticleReport(f"articles{mode}: {len(gold)} articles, {total.gold} gold events", lines, figures)
