"""Bad input never stops the batch: one Rejected per bad input, good articles still come out."""

from __future__ import annotations

import codecs
import json
import logging
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from eventwire.ingest import clean_text, read_inputs
from eventwire.models import Article, Rejected

GOOD = "Security forces detained twelve protesters in Khartoum on Monday, witnesses said."


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _run(paths, **kwargs) -> tuple[list[Article], list[Rejected]]:
    items = list(read_inputs([str(p) for p in paths], **kwargs))
    assert all(isinstance(i, Article | Rejected) for i in items)
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Rejected)
    ]


# (file name, bytes, words the reason must contain)
BAD_FILES = [
    ("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, ["binary", "NUL"]),
    ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 14, 15, 16]) * 200, ["binary", "control"]),
    (
        "latin1.txt",
        "Le président a démissionné.".encode("latin-1"),
        ["UTF-8", "0xE9", "offset 5", "iconv"],
    ),
    ("empty.txt", b"", ["empty"]),
    ("blank.txt", b"  \n\t\n   \r\n", ["whitespace"]),
    ("junk.txt", b"[ad_1]\n\nSource link\n", ["boilerplate"]),
    ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", ["UTF-16", "byte-order mark"]),
    (
        "nothing.html",
        b"<html><head><script>var a = 1;</script></head><body><div></div></body></html>",
        ["no article text", "HTML"],
    ),
]


@pytest.mark.parametrize(("name", "data", "words"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_inputs_bad_file_gives_one_rejected_and_batch_goes_on(
    tmp_path: Path, name, data, words
) -> None:
    bad = tmp_path / name
    bad.write_bytes(data)
    good = _good(tmp_path)
    articles, rejected = _run([bad, good])
    assert [a.text for a in articles] == [GOOD]
    assert len(rejected) == 1
    [r] = rejected
    assert (r.doc_id, r.stage, r.origin) == (str(bad), "read", str(bad))
    assert "\n" not in r.reason
    assert r.message().startswith(f"{bad}: read: ")
    for word in words:
        assert word in r.reason


def test_inputs_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    articles, [r] = _run([missing, _good(tmp_path)])
    assert len(articles) == 1
    assert r.origin == str(missing) and "not found" in r.reason and "path" in r.reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_inputs_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    articles, [r] = _run([locked, _good(tmp_path)])
    assert len(articles) == 1 and "permission denied" in r.reason and "chmod" in r.reason


def test_inputs_directory_without_articles(tmp_path: Path) -> None:
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    (empty / "data.bin").write_text("a,b\n", encoding="utf-8")
    (empty / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    articles, [unknown, r] = _run([empty, _good(tmp_path)])
    assert len(articles) == 1
    assert unknown.origin == str(empty / "data.bin") and "'.bin' is not an article format" in unknown.reason
    assert r.origin == str(empty) and "no .txt" in r.reason


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ("{not json", ["not valid JSON", "column 2"]),
        ("[1, 2]", ["array", "expected an object"]),
        ('"just a string"', ["a string", "expected an object"]),
        ("null", ["null"]),
        ('{"id": "n1", "title": "no body"}', ['no "text" or "html"']),
        ('{"id": "n2", "text": 17}', ['"text" must be a string', "int"]),
        ('{"id": "n3", "text": ["a"]}', ['"text" must be a string', "list"]),
        ('{"id": "n4", "html": "<div><script>x()</script></div>"}', ["no article text"]),
        ('{"id": {"a": 1}, "text": "x"}', ['"id" must be']),
        ('{"id": "n5", "text": "   "}', ["whitespace"]),
        ("[" * 100_000 + "]" * 100_000, ["nested too deeply"]),
    ],
)
def test_inputs_bad_jsonl_line_names_file_and_line(tmp_path: Path, line: str, words) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": GOOD})
        + "\n\n"
        + line
        + "\n"
        + json.dumps({"id": "ok2", "text": GOOD})
        + "\n",
        encoding="utf-8",
    )
    articles, [r] = _run([path])
    assert [a.doc_id for a in articles] == ["ok1", "ok2"]
    assert r.origin == f"{path}:3"  # blank line 2 skipped but still counted
    assert r.message().startswith(f"{path}:3: read: ")
    assert "\n" not in r.reason
    for word in words:
        assert word in r.reason


def test_inputs_jsonl_invalid_utf8_line(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    path.write_bytes(
        b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok"}\n'
    )
    articles, [r] = _run([path])
    assert [a.doc_id for a in articles] == ["a", "c"]
    assert r.origin == f"{path}:2" and "0xE9" in r.reason and "column 25" in r.reason


def test_inputs_truncated_last_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": GOOD}) + '\n{"id": "b", "text": "The minis', encoding="utf-8"
    )
    articles, [r] = _run([path])
    assert [a.doc_id for a in articles] == ["a"]
    assert r.origin == f"{path}:2" and "truncated" in r.reason


def test_inputs_bad_date_keeps_article_and_warns(tmp_path: Path, caplog) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(
        "".join(
            json.dumps(r) + "\n"
            for r in [
                {"id": "a", "text": GOOD, "date": "last Tuesday"},
                {"id": "b", "text": GOOD, "date": 20190405},
                {"id": "c", "text": GOOD, "date": "2019-13-45"},
            ]
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="eventwire.ingest.readers"):
        articles, rejected = _run([path], default_date="2019-04-01")
    assert not rejected
    assert [a.published for a in articles] == ["2019-04-01"] * 3
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 3 and all("bad date" in w and str(path) in w for w in warnings)


@pytest.mark.parametrize("kind", ["txt", "jsonl"])
def test_inputs_article_over_the_limit(tmp_path: Path, kind: str) -> None:
    body = "word " * 300
    if kind == "txt":
        path = tmp_path / "long.txt"
        path.write_text(body, encoding="utf-8")
    else:
        path = tmp_path / "long.jsonl"
        path.write_text(json.dumps({"id": "long", "text": body}) + "\n", encoding="utf-8")
    articles, [r] = _run([path, _good(tmp_path)], max_article_chars=1000)
    assert len(articles) == 1
    assert "--max-article-chars" in r.reason and "1,500" in r.reason


@pytest.mark.parametrize("kind", ["txt", "jsonl", "stdin"])
def test_inputs_50_mb_article_refused_with_bounded_memory(tmp_path: Path, kind: str) -> None:
    import io

    size = 50 * 1024 * 1024
    chunk = ("Militias clashed near the airport. " * 30_000).encode()
    path = tmp_path / ("huge.txt" if kind == "txt" else "huge.jsonl")
    with path.open("wb") as handle:
        if kind == "jsonl":
            handle.write(b'{"id": "huge", "text": "')
        written = 0
        while written < size:
            handle.write(chunk)
            written += len(chunk)
        if kind == "jsonl":
            handle.write(b'"}\n')
        handle.write(
            json.dumps({"id": "after", "text": GOOD}).encode() + b"\n" if kind == "jsonl" else b""
        )
    tracemalloc.start()
    try:
        if kind == "stdin":
            with path.open(encoding="utf-8") as stream:
                items = list(read_inputs(["-"], stdin=stream))
        else:
            items = list(read_inputs([str(path)]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    rejected = [i for i in items if isinstance(i, Rejected)]
    assert len(rejected) == 1 and "--max-article-chars" in rejected[0].reason
    if kind == "jsonl":
        assert [i.doc_id for i in items if isinstance(i, Article)] == ["after"]
    # The limit is 2M characters; never hold the 50 MB input (let alone twice).
    assert peak < 30 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"
    del io


def test_inputs_utf16_and_utf32_with_bom_decode(tmp_path: Path) -> None:
    text = "Le président a rencontré le ministre à Alger. وزير"
    paths = []
    for codec in ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"]:
        path = tmp_path / f"{codec}.txt"
        data = text.encode(codec)
        if codec == "utf-16-be":
            data = codecs.BOM_UTF16_BE + data
        path.write_bytes(data)
        paths.append(path)
    articles, rejected = _run(paths)
    assert not rejected
    assert [a.text for a in articles] == [text] * 4


def test_inputs_html_bomb_finishes_without_recursion_error(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html"
    bomb.write_text(
        "<html><body>"
        + "<div>" * 100_000
        + "Deep text about a ceasefire."
        + "</div>" * 100_000
        + "</body></html>",
        encoding="utf-8",
    )
    wide = tmp_path / "wide.html"
    wide.write_text(
        "<html><body>" + "<div>cell</div>" * 100_000 + "</body></html>", encoding="utf-8"
    )
    started = time.monotonic()
    items = list(read_inputs([str(bomb), str(wide), str(_good(tmp_path))]))
    assert time.monotonic() - started < 60
    assert len(items) == 3
    assert isinstance(items[2], Article) and items[2].text == GOOD
    assert isinstance(items[0], Article) and "ceasefire" in items[0].text


@pytest.mark.parametrize(
    "text",
    [
        " ".join(
            f"the convoy moved north from town {i} and nobody stopped it" for i in range(10_000)
        ),
        "🔥😀🇱🇾🙏" * 5000,
        "أعلن الجيش الوطني الليبي السيطرة على مطار طرابلس الدولي يوم الجمعة " * 500,
        "Troops\x00 left\x07 the\x1b city\x7f on\x0b Monday.\u200b\ufeff",
    ],
    ids=["no-punctuation", "emoji", "arabic", "controls"],
)
def test_inputs_odd_but_valid_text_is_read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "odd.jsonl"  # JSON so NUL can travel as an escape
    path.write_text(json.dumps({"id": "odd", "text": text}) + "\n", encoding="utf-8")
    started = time.monotonic()
    articles, rejected = _run([path])
    assert time.monotonic() - started < 30
    assert not rejected and len(articles) == 1
    cleaned = articles[0].text
    assert cleaned == clean_text(cleaned)
    assert not any(ch in cleaned for ch in "\x00\x07\x1b\x7f\x0b\u200b\ufeff")
    if "Troops" in text:
        assert cleaned == "Troops left the city on Monday."


@pytest.mark.parametrize(
    "html",
    [
        '<y><{&S<![":di+"/pa',  # atheris: html.parser's AssertionError on a bad "<![" section
        "<p>Rebels took the airport.<![CDATA[ x ]]></p>" + "<div>" * 500,
    ],
)
def test_inputs_malformed_html_never_raises(tmp_path: Path, html: str) -> None:
    path = tmp_path / "bad.html"
    path.write_text(html, encoding="utf-8")
    items = list(read_inputs([str(path), str(_good(tmp_path))]))
    assert len(items) == 2 and isinstance(items[1], Article)
