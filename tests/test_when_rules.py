"""Date resolution rules, one case per rule, plus properties over arbitrary text."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import dates as when
from eventwire.dates import find_date_expressions, resolve_date
from eventwire.models import ResolvedDate
from tests.conftest import shared_file

PUBLISHED = "2019-04-19"  # a Friday
SEED_SINCE = (
    "Since the fall of the dictator's regime in 2011 Muammar Gaddafi After a popular uprising, "
    "Libya is plunged into chaos with many militias imposing their law."
)


@pytest.mark.parametrize(
    ("sentence", "expected", "expression"),
    [
        ("Trump and Haftar spoke on Monday about terrorism.", "2019-04-15", "on Monday"),
        ("The proposal was rejected Thursday by Russia.", "2019-04-18", "Thursday"),
        ("reported the White House Friday.", "2019-04-19", "Friday"),  # same day
        ("The ministers met last Friday.", "2019-04-12", "last Friday"),
        ("Talks will resume next Monday.", "2019-04-22", "next Monday"),
        ("Rebels shelled the airport yesterday.", "2019-04-18", "yesterday"),
        ("Protesters gathered tonight in the square.", "2019-04-19", "tonight"),
        ("The army withdrew last week.", "2019-04-12", "last week"),
        ("He spoke this week with Haftar.", "2019-04-19", "this week"),
        ("Troops arrived earlier this month.", "2019-04-01", "earlier this month"),
        ("Prices rose last month.", "2019-03-01", "last month"),
        ("Haftar launched an offensive on April 4 to seize Tripoli.", "2019-04-04", "on April 4"),
        ("Elections were held on April 25.", "2018-04-25", "on April 25"),  # no future dates
        ("The deal was signed on 4 April.", "2019-04-04", "on 4 April"),
        ("The deal was signed on April 4, 2017.", "2017-04-04", "on April 4, 2017"),
        ("The report is dated 2019-04-04.", "2019-04-04", "2019-04-04"),
        ("Gaddafi was killed in 2011.", "2011-01-01", "in 2011"),
        ("Fighting broke out in March.", "2019-03-01", "in March"),
        ("Fighting broke out in May.", "2018-05-01", "in May"),
        ("Three soldiers died three days ago.", "2019-04-16", "three days ago"),
    ],
)
def test_when_rule_resolves_text_date(sentence: str, expected: str, expression: str) -> None:
    resolved = resolve_date(sentence, PUBLISHED)
    assert resolved == ResolvedDate(expected, "text", expression, None)


@pytest.mark.parametrize(
    ("sentence", "start", "end"),
    [
        ("Clashes continued from Monday to Wednesday.", "2019-04-15", "2019-04-17"),
        ("Clashes continued between April 4 and 6.", "2019-04-04", "2019-04-06"),
        ("Clashes continued April 4-6.", "2019-04-04", "2019-04-06"),
        ("Talks ran from April 30 to May 2.", "2018-04-30", "2018-05-02"),
        # an ongoing range ends at publication
        ("Strikes run from April 18 to 22.", "2019-04-18", "2019-04-19"),
    ],
)
def test_when_range_has_end_date(sentence: str, start: str, end: str) -> None:
    resolved = resolve_date(sentence, PUBLISHED)
    assert (resolved.date, resolved.end_date, resolved.source) == (start, end, "text")


@pytest.mark.parametrize(
    "sentence",
    [
        SEED_SINCE,
        "Since 2014 the country has had two governments.",
        "The militia, founded two years ago, attacked.",
        "A decade after the revolution the city is split.",
        "Violence has grown after the uprising in 2011.",
        "The march was nice.",  # "march" is a verb here, not a month
        "The vote is set for 2019-05-01.",  # future date without future wording
    ],
)
def test_when_historical_or_no_date_falls_back_to_publication(sentence: str) -> None:
    assert resolve_date(sentence, PUBLISHED) == ResolvedDate(PUBLISHED, "publication", None, None)


def test_when_since_phrase_is_marked_historical() -> None:
    expressions = find_date_expressions(SEED_SINCE)
    assert [(e.text, e.kind, e.historical) for e in expressions] == [("in 2011", "year", True)]
    start = SEED_SINCE.index("in 2011")
    assert (expressions[0].start, expressions[0].end) == (start, start + len("in 2011"))


def test_when_clause_beats_sentence() -> None:
    sentence = "He spoke this week with Haftar, the White House reported Friday."
    speak_clause = (0, sentence.index(","))
    report_clause = (sentence.index("the White House"), len(sentence))
    assert resolve_date(sentence, PUBLISHED, speak_clause).expression == "this week"
    assert resolve_date(sentence, PUBLISHED, report_clause).expression == "Friday"


def test_when_more_precise_expression_wins_without_clause() -> None:
    sentence = "Last week, on Tuesday, gunmen attacked a convoy."
    assert resolve_date(sentence, PUBLISHED) == ResolvedDate("2019-04-16", "text", "on Tuesday")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Gunmen attacked a convoy on Monday.", ResolvedDate(None, None)),
        ("Nothing is dated here.", ResolvedDate(None, None)),
        ("Signed on April 4, 2017.", ResolvedDate("2017-04-04", "text", "on April 4, 2017")),
    ],
)
def test_when_no_published_date(sentence: str, expected: ResolvedDate) -> None:
    assert resolve_date(sentence, None) == expected


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("on Monday", ["weekday"]),
        ("yesterday and last week", ["relative", "relative"]),
        ("on April 4, 2019", ["month_day"]),
        ("2019-04-04", ["iso"]),
        ("in March 2018", ["month_year"]),
        ("in 2011", ["year"]),
        ("from Monday to Wednesday", ["range"]),
        ("earlier this month", ["this_period"]),
        ("May I see the March plans?", []),
    ],
)
def test_when_finds_expression_kinds(text: str, kinds: list[str]) -> None:
    assert [e.kind for e in find_date_expressions(text)] == kinds


FUTURE_WORDS = re.compile(r"\b(?:next|will|tomorrow|coming)\b", re.IGNORECASE)
DATE_WORDS = st.sampled_from(
    [
        "on Monday", "Friday", "last Friday", "next Monday", "yesterday", "today", "tomorrow",
        "last week", "this week", "earlier this month", "last month", "next year", "on April 4",
        "April 30", "4 May 2020", "2019-12-31", "2030-01-01", "in 2011", "in 2025", "in March",
        "in December", "from Monday to Wednesday", "between April 18 and 30", "three days ago",
        "since 2011", "will", "coming", "said", "Tripoli", ",", "in", "May", "march",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_when_never_crashes_on_any_string(text: str) -> None:
    find_date_expressions(text)
    resolved = resolve_date(text, PUBLISHED, (0, len(text) // 2))
    assert resolved.source in ("text", "publication")
    assert resolve_date(text, None).source in ("text", None)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.one_of(DATE_WORDS, st.text(max_size=8)), max_size=12),
    st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)),
)
def test_when_never_after_publication_without_future_words(
    words: list[str], published: date
) -> None:
    sentence = " ".join(words)
    resolved = resolve_date(sentence, published.isoformat())
    assert resolved.date is not None
    if not FUTURE_WORDS.search(sentence):
        assert resolved.date <= published.isoformat()
        assert resolved.end_date is None or resolved.end_date <= published.isoformat()


def _unscreened(text: str) -> list[tuple[int, int]]:
    """Spans every date pattern matches, without the screen."""
    return sorted({m.span() for p in when.PATTERNS for m in p.regex.finditer(text) if m.start() != m.end()})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(DATE_WORDS, st.text(max_size=8)), max_size=12))
def test_date_screen_never_hides_a_pattern(words: list[str]) -> None:
    text = " ".join(words)
    if not when.DATE_SCREEN_RE.search(text):
        assert _unscreened(text) == []


def test_date_screen_on_dev_sentences() -> None:
    """On real sentences, the screen skips only sentences no pattern matches (and skips many)."""
    lines = shared_file("devdata", "cameo_pentaclass_train.tsv").read_text(encoding="utf-8").splitlines()
    sentences = [line.split("\t")[0] for line in lines]
    skipped = [s for s in sentences if not when.DATE_SCREEN_RE.search(s)]
    assert len(skipped) > len(sentences) // 5
    assert all(_unscreened(s) == [] for s in skipped)


@pytest.mark.parametrize(("sentence", "expression"), [
    ("In the 1980s, the Medellin Cartel bombed an airliner.", "In the 1980s"),
    ("The group was founded during the late 1990s by former soldiers.", "during the late 1990s"),
    ("He was arrested two years ago in Bogota.", "two years ago"),
])
def test_when_background_in_the_clause_gives_no_date_not_the_publication(sentence, expression):
    resolved = resolve_date(sentence, "2014-05-01", (0, len(sentence)))
    assert (resolved.date, resolved.source, resolved.expression) == (None, None, expression)


def test_when_background_elsewhere_in_the_sentence_leaves_the_event_dated():
    sentence = "Police arrested him on Monday, two years after the massacre."
    clause = (0, sentence.index(","))
    assert resolve_date(sentence, "2014-05-01", clause).date == "2014-04-28"
    no_clause_date = "Police arrested him, two years after the massacre."
    assert resolve_date(no_clause_date, "2014-05-01", (0, no_clause_date.index(","))).source == "publication"


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2019-04-19", date(2019, 4, 19)),
        ("2019-04-19T08:00:00Z", date(2019, 4, 19)),
        ("2019-04-19T23:30:00-05:00", date(2019, 4, 19)),
        (" 2019-04-19 ", date(2019, 4, 19)),
        ("2019-04-19 and more", date(2019, 4, 19)),
        ("19 April 2019", None),
        ("2019-13-01", None),
        ("", None),
        (None, None),
        (20190419, None),
    ],
)
def test_when_publication_date_parsed_in_one_place(value: object, day: date | None) -> None:
    from eventwire.dates import parse_published as from_dates
    from eventwire.ingest.decoding import _parse_date
    from eventwire.models import parse_published

    assert from_dates is parse_published
    assert parse_published(value) == day
    assert _parse_date(value) == (day.isoformat() if day else None)
