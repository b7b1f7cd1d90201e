"""Properties: cleaning is total and idempotent, glue only inserts spaces, readers never raise."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from eventwire.ingest import clean_text, read_inputs, split_glued
from eventwire.models import Article, Rejected

# Text that looks like scraped news: words, glued words, junk markers, odd spacing, mojibake.
_PIECES = st.sampled_from(
    [
        "Tripolireported",
        "officersaccused",
        "SalameHe",
        "[ad_1]",
        "Source link",
        "Click here to read more.",
        "aEUR(tm)",
        "aEURoe",
        "â€™",
        "Ã©",
        "\n",
        "\n\n\n",
        "  ",
        "\t",
        "\r\n",
        "\x00",
        "\u200b",
        "&amp;",
        "Haftar",
        "the",
        "said",
        ".",
        ",",
        '"',
        "Read more:",
        "Related:",
        "https://x.test/Tripolireported",
        "#Tripolireported",
        "🔥",
        "طرابلس",
        "\x85",
        "\u2028",
    ]
)
_SCRAPED = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join)
_ANY_TEXT = st.one_of(st.text(max_size=400), _SCRAPED)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ANY_TEXT)
@example("\r\n")
@example("x\n \n\ny")
@example("[ad_1] Source link")
@example("A:TripolireportedthetheAa")  # four glued words: more splits than clean_text has passes
def test_clean_properties_clean_text_is_total_and_idempotent(text: str) -> None:
    once = clean_text(text)
    assert isinstance(once, str)
    assert clean_text(once) == once
    assert once == once.strip()
    assert "\n\n\n" not in once and "  " not in once and "\r" not in once


@settings(max_examples=400, deadline=None)
@given(st.one_of(_ANY_TEXT, st.text(alphabet=string.ascii_letters + " ", max_size=200)))
def test_clean_properties_split_glued_only_inserts_spaces(text: str) -> None:
    out = split_glued(text)
    assert out.replace(" ", "") == text.replace(" ", "")
    assert len(out) >= len(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=600),
        st.lists(
            st.sampled_from(
                [
                    b'{"id": "a", "text": "ok"}',
                    b"\n",
                    b"{",
                    b"}",
                    b'"text"',
                    b":",
                    b"\xff",
                    b"[",
                    b"]",
                    b'"',
                    b"\\u0000",
                    b"\xef\xbb\xbf",
                    b"null",
                    b"1e999",
                    b",",
                ]
            ),
            max_size=40,
        ).map(b"".join),
    )
)
def test_clean_properties_jsonl_reader_never_raises(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.jsonl"
        path.write_bytes(data)
        for item in read_inputs([str(path)], max_article_chars=10_000):
            assert isinstance(item, Article | Rejected)
            if isinstance(item, Rejected):
                assert item.reason and "\n" not in item.reason
                assert item.origin.startswith(str(path) + ":")
            else:
                assert item.text and item.text == clean_text(item.text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400), st.sampled_from([".txt", ".html", ".md"]))
def test_clean_properties_file_reader_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        items = list(read_inputs([str(path)]))
        assert len(items) == 1 and isinstance(items[0], Article | Rejected)
