"""When did it happen: date expressions in a sentence, resolved against the publication date.

Detection is a set of regular expressions (no dateparser: the forms news uses are few,
and regexes are ~100x faster and never guess a language). Each expression is resolved
relative to the publication date with these rules:

=====================================  ==================================================
expression                             resolves to
=====================================  ==================================================
"Friday", "on Friday", "this Friday"   the most recent Friday on or before publication
                                       (published on a Friday: that day)
"last Friday", "past Friday"           the most recent Friday strictly before publication
"next Friday", "coming Friday"         the first Friday strictly after publication
"today", "tonight", "this morning"     publication day
"yesterday", "last night"              publication - 1 day; "the day before yesterday" - 2
"tomorrow"                             publication + 1 day
"3 days ago", "two weeks ago"          publication - n days / weeks / months
"last week"                            publication - 7 days
"this week", "later this week"         publication day (we cannot know the day better)
"earlier this week"                    Monday of the publication week
"this month", "earlier this month"     first day of the publication month
"last month" / "next month"            first day of the previous / next month
"this year", "last year", "next year"  1 January of that year
"April 4", "on 4 April", "April 4th"   nearest occurrence on or before publication;
                                       if the sentence speaks of the future (next, will,
                                       tomorrow, coming): the nearest occurrence either way
"April 4, 2019", "2019-04-04"          that date
"in March", "March 2019"               first day of that month (the most recent past
                                       March when no year is given)
"in 2011"                              1 January 2011 (year precision)
"from Monday to Wednesday",            start date, with ``end_date`` the end (an end after
"between April 4 and 6", "April 4-6"   publication is clamped to it, the event is ongoing)
=====================================  ==================================================

Nothing resolves after the publication date unless the sentence says next, will,
tomorrow or coming; an explicit future date without those words is ignored.

An expression is *historical* (background, never the event date) when it sits in a
"since ..." phrase, counts back years ("two years ago", "a decade after"), names a decade
("in the 1980s"), or is a year or month governed by since/after/following/the fall of.
An event whose own clause holds a historical expression and no other gets no date (never
the publication date): the text does not say its day.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from .models import ResolvedDate, parse_published

KINDS = ("weekday", "relative", "month_day", "iso", "month_year", "year", "range", "this_period")


@dataclass(frozen=True, slots=True)
class DateExpression:
    text: str
    start: int  # offsets within the text given
    end: int
    kind: str  # one of KINDS
    historical: bool  # part of reported history, never the event date


# --------------------------------------------------------------------------- vocabulary

WEEKDAY_NUMBER = {
    name: i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
MONTH_NUMBER = {
    **{calendar.month_name[i].lower(): i for i in range(1, 13)},
    **{calendar.month_abbr[i].lower(): i for i in range(1, 13)},
    "sept": 9,
}
NUMBER_WORD = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "several": 3, "few": 3, "a few": 3,
}

WEEKDAY = r"(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
# "may" and "march" are also a verb: only capitalised forms are months. Abbreviations
# must be capitalised too ("Sat", "Jun" are names elsewhere, "mar" is a verb).
MONTH = (
    r"(?:(?i:january|february|april|june|july|august|september|october|november|december)"
    r"|March|May|MARCH|MAY|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?:1[89]\d\d|20\d\d)(?![\d])"
NUMBER = (
    r"(?:\d{1,3}|a few|an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|several|few)"
)
TO = r"(?:to|and|until|till|through|thru|-|–)"

FUTURE_RE = re.compile(r"\b(?:next|will|tomorrow|coming)\b", re.IGNORECASE)
SINCE_RE = re.compile(r"\bsince\b", re.IGNORECASE)
PHRASE_END_RE = re.compile(r"[.;:!?,()\"]")
GOVERNOR_RE = re.compile(
    r"\b(?:since|after|following|fall\s+of|ouster\s+of|overthrow\s+of|toppling\s+of|death\s+of)\b"
    r"[^.;:!?,]*$",
    re.IGNORECASE,
)


def _day_number(text: str) -> int:
    return int(re.match(r"\d+", text).group())  # type: ignore[union-attr]


def _month_number(text: str) -> int:
    return MONTH_NUMBER[text.lower().rstrip(".")]


# --------------------------------------------------------------------------- patterns
#
# Each pattern names its kind and a resolver ``(match, published, future) -> (start, end)``
# that returns None when it cannot resolve (no publication date for a relative
# expression, an impossible date). Patterns are tried in order; a match overlapping an
# earlier one is dropped, so longer forms come first.


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    regex: re.Pattern[str]
    resolve: Callable[[re.Match[str], date | None, bool], tuple[date, date | None] | None]
    historical: bool = False


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _weekday_before(published: date, weekday: int, strictly: bool = False) -> date:
    back = (published.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return published - timedelta(days=back)


def _weekday_after(published: date, weekday: int) -> date:
    ahead = (weekday - published.weekday()) % 7 or 7
    return published + timedelta(days=ahead)


def _month_day(
    month: int, day: int, year: int | None, published: date | None, future: bool
) -> date | None:
    if year is not None:
        return _safe_date(year, month, day)
    if published is None:
        return None
    options = [
        d for d in (_safe_date(published.year + k, month, day) for k in (-1, 0, 1)) if d is not None
    ]
    past = [d for d in options if d <= published]
    if future and options:
        return min(options, key=lambda d: (abs((d - published).days), d > published))
    return max(past) if past else None


def _resolve_weekday(m: re.Match[str], published: date | None, future: bool):
    if published is None:
        return None
    weekday = WEEKDAY_NUMBER[m.group("w").lower()]
    modifier = (m.group("mod") or "").lower()
    if modifier in ("next", "coming"):
        return _weekday_after(published, weekday), None
    return _weekday_before(published, weekday, strictly=modifier in ("last", "past")), None


def _resolve_month_day(m: re.Match[str], published: date | None, future: bool):
    year = int(m.group("y")) if m.group("y") else None
    month, day = _month_number(m.group("m")), _day_number(m.group("d"))
    found = _month_day(month, day, year, published, future)
    return (found, None) if found else None


def _resolve_iso(m: re.Match[str], published: date | None, future: bool):
    found = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return (found, None) if found else None


def _resolve_month_year(m: re.Match[str], published: date | None, future: bool):
    month = _month_number(m.group("m"))
    if m.groupdict().get("y"):
        return date(int(m.group("y")), month, 1), None
    if published is None:
        return None
    relative_year = (m.groupdict().get("rel") or "").lower()
    if relative_year:
        step = {"last": -1, "this": 0, "next": 1}[relative_year]
        return date(published.year + step, month, 1), None
    modifier = (m.groupdict().get("prep") or "").lower()
    this_year = date(published.year, month, 1)
    if modifier in ("next", "coming") or (future and this_year > published and modifier != "last"):
        return (this_year if this_year > published else date(published.year + 1, month, 1)), None
    if modifier == "last" and this_year.month >= published.month:
        return date(published.year - 1, month, 1), None
    return (this_year if this_year <= published else date(published.year - 1, month, 1)), None


def _resolve_year(m: re.Match[str], published: date | None, future: bool):
    return date(int(m.group("y")), 1, 1), None


def _resolve_relative(m: re.Match[str], published: date | None, future: bool):
    if published is None:
        return None
    word = re.sub(r"\s+", " ", m.group(0).lower())
    if "before yesterday" in word:
        return published - timedelta(days=2), None
    if "yesterday" in word or "last night" in word:
        return published - timedelta(days=1), None
    if "tomorrow" in word:
        return published + timedelta(days=1), None
    if any(w in word for w in ("today", "tonight", "this morning", "this afternoon", "evening")):
        return published, None
    unit = (m.groupdict().get("unit") or "").lower()
    if not unit:
        return None
    if m.groupdict().get("n"):
        n_text = m.group("n").lower()
        n = int(n_text) if n_text.isdigit() else NUMBER_WORD.get(n_text, 1)
        if unit.startswith("day"):
            return published - timedelta(days=n), None
        if unit.startswith("week"):
            return published - timedelta(weeks=n), None
        if unit.startswith("month"):
            return _add_months(published, -n), None
        years = n * (10 if unit.startswith("decade") else 1)
        if published.year - years < 1:
            return None
        return date(published.year - years, 1, 1), None
    step = -1 if word.startswith(("last", "past")) else 1
    if unit == "week":
        return published + timedelta(days=7 * step), None
    if unit == "month":
        return _add_months(date(published.year, published.month, 1), step), None
    return date(published.year + step, 1, 1), None


def _resolve_this_period(m: re.Match[str], published: date | None, future: bool):
    if published is None:
        return None
    unit = m.group("unit").lower()
    earlier = (m.group("when") or "").lower() == "earlier"
    if unit in ("week", "weekend"):
        return (published - timedelta(days=published.weekday()) if earlier else published), None
    if unit == "month":
        return date(published.year, published.month, 1), None
    return date(published.year, 1, 1), None


def _resolve_unanchored(m: re.Match[str], published: date | None, future: bool):
    return None  # "a decade after": marks history, dates nothing


def _resolve_range(m: re.Match[str], published: date | None, future: bool):
    groups = m.groupdict()
    if groups.get("w1"):
        if published is None:
            return None
        end = _weekday_before(published, WEEKDAY_NUMBER[groups["w2"].lower()])
        start = _weekday_before(end, WEEKDAY_NUMBER[groups["w1"].lower()])
        return start, end
    if groups.get("y1"):
        y1, y2 = int(groups["y1"]), int(groups["y2"])
        if y2 < y1:
            return None
        return date(y1, 1, 1), date(y2, 12, 31)
    m1 = _month_number(groups["m1"])
    m2 = _month_number(groups["m2"]) if groups.get("m2") else m1
    year = int(groups["y"]) if groups.get("y") else None
    start = _month_day(m1, _day_number(groups["d1"]), year, published, future)
    if start is None:
        return None
    end = _safe_date(start.year, m2, _day_number(groups["d2"]))
    if end is not None and end < start:
        end = _safe_date(start.year + 1, m2, _day_number(groups["d2"]))
    if end is None:
        return None
    return start, end


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


PATTERNS: tuple[_Pattern, ...] = (
    _Pattern("range", _compile(
        rf"\b(?:from|between)\s+(?P<m1>{MONTH})\s+(?P<d1>{DAY})\s*{TO}\s*(?:(?P<m2>{MONTH})\s+)?"
        rf"(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"), _resolve_range),
    _Pattern("range", _compile(
        rf"\b(?:(?:from|between)\s+)?(?P<d1>{DAY})\s*{TO}\s*(?P<d2>{DAY})\s+(?P<m1>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR}))?"), _resolve_range),
    _Pattern("range", _compile(
        rf"\b(?P<m1>{MONTH})\s+(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})(?:,?\s+(?P<y>{YEAR}))?"),
        _resolve_range),
    _Pattern("range", _compile(
        rf"\b(?:from|between)\s+(?P<w1>{WEEKDAY})\s+{TO}\s+(?P<w2>{WEEKDAY})\b"), _resolve_range),
    _Pattern("range", _compile(
        rf"\b(?:from|between)\s+(?P<y1>{YEAR})\s+{TO}\s+(?P<y2>{YEAR})"), _resolve_range),
    _Pattern("iso", _compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), _resolve_iso),
    _Pattern("month_day", _compile(
        rf"\b(?:on\s+)?(?:{WEEKDAY},?\s+)?(?P<m>{MONTH})\s+(?P<d>{DAY})(?:,?\s+(?P<y>{YEAR}))?"),
        _resolve_month_day),
    _Pattern("month_day", _compile(
        rf"\b(?:on\s+)?(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<m>{MONTH})"
        rf"(?:,?\s+(?P<y>{YEAR}))?(?![A-Za-z])"), _resolve_month_day),
    _Pattern("month_year", _compile(
        rf"\b(?:(?:in|during|since|until|by|early|late|mid-?)\s*)?(?P<m>{MONTH})(?:\s+of)?\s+"
        r"(?i:(?P<rel>last|this|next)\s+year)\b"), _resolve_month_year),
    _Pattern("month_year", _compile(
        rf"\b(?:(?P<prep>in|during|since|until|by|early|late|mid-?)\s*)?(?P<m>{MONTH})"
        rf"(?:\s+of)?,?\s+(?P<y>{YEAR})"), _resolve_month_year),
    _Pattern("month_year", _compile(
        rf"\b(?P<prep>in|during|since|until|by|early|late|mid-|last|next|this|coming)\s*(?P<m>{MONTH})"
        rf"(?!\w)"), _resolve_month_year),
    _Pattern("year", _compile(
        r"(?i:\b(?:(?:in|during|throughout|since|by|until|from)\s+)?the\s+(?:(?:early|late|mid)[-\s]?)?"
        r"(?:1[89]|20)\d0s\b)"), _resolve_unanchored, historical=True),
    _Pattern("year", _compile(
        r"(?i:\b(?:(?:in|since|during|until|till|by|after|before|from|throughout)\s+"
        r"(?:(?:early|late|mid-?)\s*)?|(?:early|late|mid-)\s*))"
        rf"(?P<y>{YEAR})(?!\s*[-–]\s*\d)"), _resolve_year),
    _Pattern("relative", _compile(
        rf"(?i:\b(?P<n>{NUMBER})\s+(?P<unit>day|week|month)s?\s+ago\b)"), _resolve_relative),
    _Pattern("relative", _compile(
        rf"(?i:\b(?P<n>{NUMBER})\s+(?P<unit>year|decade)s?\s+ago\b)"), _resolve_relative,
        historical=True),
    _Pattern("relative", _compile(
        rf"(?i:\b(?:{NUMBER})\s+(?:year|decade|month)s?\s+(?:after|later|earlier|before)\b)"),
        _resolve_unanchored, historical=True),
    _Pattern("relative", _compile(
        r"(?i:\b(?:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|last\s+night"
        r"|this\s+(?:morning|afternoon|evening))\b)"), _resolve_relative),
    _Pattern("relative", _compile(
        r"(?i:\b(?:last|past|next|coming)\s+(?P<unit>week|month|year)\b)"), _resolve_relative),
    _Pattern("this_period", _compile(
        r"(?i:\b(?:(?P<when>earlier|later)\s+)?this\s+(?:past\s+)?(?P<unit>week|weekend|month|year)\b)"),
        _resolve_this_period),
    _Pattern("weekday", _compile(
        rf"(?i:\b(?:(?P<mod>last|next|this|on|coming|past)\s+)?)(?P<w>{WEEKDAY})"
        r"(?i:(?:\s+(?:morning|afternoon|evening|night))?\b)"), _resolve_weekday),
)


# Every pattern above needs a digit, a month or weekday name, or one of these words.
# Half the sentences with an event have none of them and skip the sixteen patterns.
DATE_SCREEN_RE = re.compile(
    r"(?i:\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday|jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|oct|nov|dec|week|month|year|decade|ago|yesterday|today|tonight|tomorrow|night|morning"
    r"|afternoon|evening)"
)


def _since_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in SINCE_RE.finditer(text):
        stop = PHRASE_END_RE.search(text, m.end())
        spans.append((m.start(), stop.start() if stop else len(text)))
    return spans


@functools.lru_cache(maxsize=256)  # several events of one sentence scan it once
def _scan(text: str) -> list[tuple[DateExpression, _Pattern, re.Match[str]]]:
    taken: list[tuple[int, int]] = []
    found: list[tuple[DateExpression, _Pattern, re.Match[str]]] = []
    if not DATE_SCREEN_RE.search(text):
        return found
    since = _since_spans(text)
    for pattern in PATTERNS:
        for m in pattern.regex.finditer(text):
            start, end = m.span()
            if start == end or any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            historical = pattern.historical or any(s <= start < e for s, e in since)
            if not historical and pattern.kind in ("year", "month_year"):
                segment = text[max(0, start - 80):start] + m.group(0)
                historical = bool(GOVERNOR_RE.search(segment[: len(segment) - len(m.group(0))]))
                historical = historical or m.group(0).lower().startswith(("since", "after"))
            expression = DateExpression(m.group(0), start, end, pattern.kind, historical)
            found.append((expression, pattern, m))
    found.sort(key=lambda item: item[0].start)
    return found


def find_date_expressions(text: str) -> list[DateExpression]:
    """Every date expression in ``text``, in order, with its kind and historical flag."""
    return [expression for expression, _, _ in _scan(text)]


# --------------------------------------------------------------------------- resolution

# How precise each resolved expression is; the most precise one in scope wins.
_DAY, _WEEK, _MONTH, _YEAR = range(4)


def _precision(expression: DateExpression) -> int:
    if expression.kind in ("weekday", "month_day", "iso", "range"):
        return _DAY
    if expression.kind == "month_year":
        return _MONTH
    if expression.kind == "year":
        return _YEAR
    lowered = expression.text.lower()
    if "month" in lowered:
        return _MONTH
    if "year" in lowered or "decade" in lowered:
        return _YEAR
    if "week" in lowered:
        return _WEEK
    return _DAY


def resolve_date(
    sentence: str, published: str | None, clause: tuple[int, int] | None = None
) -> ResolvedDate:
    """The date of the event a sentence reports.

    A date expression inside ``clause`` (character offsets within ``sentence``) wins;
    otherwise any non-historical expression in the sentence; otherwise the publication
    date (``source="publication"``). Among several candidates the most precise wins,
    then the first. Without a publication date, relative expressions cannot resolve.
    """
    anchor = parse_published(published)
    future = bool(FUTURE_RE.search(sentence))
    candidates: list[tuple[int, int, int, DateExpression, date, date | None]] = []
    background: DateExpression | None = None  # a historical expression in the event's own clause
    for expression, pattern, m in _scan(sentence):
        if expression.historical:
            if background is None and clause is not None \
                    and clause[0] <= expression.start and expression.end <= clause[1]:
                background = expression
            continue
        resolved = pattern.resolve(m, anchor, future)
        if resolved is None:
            continue
        start, end = resolved
        if anchor is not None and not future:
            if start > anchor:
                continue  # an explicit future date with no future wording: not this event
            if end is not None and end > anchor:
                end = anchor  # an ongoing range: it has run until publication
        inside = (
            clause is not None and clause[0] <= expression.start and expression.end <= clause[1]
        )
        rank = (0 if inside else 1, _precision(expression), expression.start)
        candidates.append((*rank, expression, start, end))
    if candidates:
        rank, _, _, expression, start, end = min(candidates, key=lambda c: c[:3])
        if rank == 0 or background is None:
            return ResolvedDate(
                start.isoformat(), "text", expression.text, end.isoformat() if end else None
            )
    if background is not None:
        # "In the 1980s the cartel bombed ...", "two years ago": history, whose day the text
        # does not give. Not the publication date, nor another clause's date.
        return ResolvedDate(None, None, background.text, None)
    if anchor is not None:
        return ResolvedDate(anchor.isoformat(), "publication", None, None)
    return ResolvedDate(None, None)
