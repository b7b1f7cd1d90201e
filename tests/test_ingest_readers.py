"""Each input kind, mixed inputs, directories, stdin, dates and doc_id rules."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire.ingest import read_inputs
from eventwire.models import Article, Rejected

STORY = "Rebel fighters shelled the port of Misrata on Tuesday, officials said."
HTML = (
    "<html><head><title>Shelling in Misrata</title>"
    '<meta property="article:published_time" content="2019-05-07"></head>'
    "<body><nav>Home | World | Sport</nav><article>"
    f"<p>{STORY}</p><p>The coast guard reported two boats damaged near the harbour wall.</p>"
    "</article><footer>Copyright</footer></body></html>"
)


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _articles(items) -> list[Article]:
    items = list(items)
    assert all(isinstance(i, Article) for i in items), [i for i in items if isinstance(i, Rejected)]
    return items


def test_ingest_readers_txt_is_one_article_with_path_as_id(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY + "\n", encoding="utf-8")
    [article] = _articles(read_inputs([str(path)], default_date="2019-05-08"))
    assert article.doc_id == str(path)
    assert article.origin == str(path)
    assert article.text == STORY
    assert article.published == "2019-05-08"
    assert article.raw_chars == len(STORY) + 1


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_ingest_readers_html_extracts_body_title_and_date(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"page{suffix}"
    path.write_text(HTML, encoding="utf-8")
    [article] = _articles(read_inputs([str(path)], default_date="2000-01-01"))
    assert article.text.startswith(STORY)
    assert "harbour wall" in article.text
    assert "\n\n" in article.text  # paragraphs survive extraction
    assert "Home | World" not in article.text and "Copyright" not in article.text
    assert article.title == "Shelling in Misrata"
    assert article.published == "2019-05-07"  # the page's own date beats the default


@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_ingest_readers_jsonl_fields(tmp_path: Path, suffix: str) -> None:
    path = _jsonl(
        tmp_path / f"batch{suffix}",
        [
            {
                "id": "a1",
                "text": STORY,
                "date": "2019-05-07",
                "title": "T",
                "url": "https://x.test/a1",
                "source": "Wire",
                "language": "en",
            },
            {
                "text": "Police arrested three men in Benghazi.",
                "published": "2019-05-09T23:10:00+02:00",
            },
            {"id": 42, "html": HTML},
        ],
    )
    a, b, c = _articles(read_inputs([str(path)]))
    assert (a.doc_id, a.published, a.title, a.url, a.source, a.language) == (
        "a1",
        "2019-05-07",
        "T",
        "https://x.test/a1",
        "Wire",
        "en",
    )
    assert a.origin == f"{path}:1"
    assert b.doc_id == f"{path}:2" and b.published == "2019-05-09"
    assert c.doc_id == "42" and c.origin == f"{path}:3" and c.text.startswith(STORY)
    assert c.title == "Shelling in Misrata" and c.published == "2019-05-07"


@pytest.mark.parametrize(
    ("record_date", "expected"),
    [("2019-04-05", "2019-04-05"), ("2019-04-05T08:00:00Z", "2019-04-05"), (None, "2020-02-02")],
)
def test_ingest_readers_record_date_beats_default(tmp_path: Path, record_date, expected) -> None:
    record = {"id": "d", "text": STORY}
    if record_date:
        record["date"] = record_date
    path = _jsonl(tmp_path / "d.jsonl", [record])
    [article] = _articles(read_inputs([str(path)], default_date="2020-02-02"))
    assert article.published == expected


def test_ingest_readers_mixed_inputs_keep_order(tmp_path: Path) -> None:
    txt = tmp_path / "one.txt"
    txt.write_text(STORY, encoding="utf-8")
    html = tmp_path / "two.html"
    html.write_text(HTML, encoding="utf-8")
    jsonl = _jsonl(tmp_path / "three.jsonl", [{"id": "j1", "text": "Troops withdrew from Sirte."}])
    stdin = io.StringIO("Protesters gathered in Tunis on Sunday.")
    ids = [
        a.doc_id
        for a in _articles(read_inputs([str(jsonl), str(txt), "-", str(html)], stdin=stdin))
    ]
    assert ids == ["j1", str(txt), "<stdin>", str(html)]


def test_ingest_readers_directory_is_recursive_sorted_and_skips_others(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "z.txt").write_text("Zed story about talks in Cairo.", encoding="utf-8")
    (tmp_path / "a" / "deep" / "y.TXT").write_text(
        "Why story about a strike in Oran.", encoding="utf-8"
    )
    (tmp_path / "a" / "x.htm").write_text(HTML, encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("a,b\n1,2\n", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("Hidden story.", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "c.txt").write_text("Hidden dir story.", encoding="utf-8")
    _jsonl(tmp_path / "m.jsonl", [{"id": "m1", "text": "Talks resumed in Geneva."}])
    items = list(read_inputs([str(tmp_path)]))
    [unknown] = [i for i in items if isinstance(i, Rejected)]
    assert unknown.origin == str(tmp_path / "a" / "notes.md") and "'.md'" in unknown.reason
    ids = [a.doc_id for a in items if isinstance(a, Article)]
    assert ids == [
        str(tmp_path / "a" / "deep" / "y.TXT"),
        str(tmp_path / "a" / "x.htm"),
        str(tmp_path / "b" / "z.txt"),
        "m1",
    ]


@pytest.mark.parametrize(
    ("given", "kind"),
    [
        ('{"id": "s1", "text": "Troops left Sirte."}\n{"text": "Second."}\n', "jsonl"),
        ('\n\n   {"id": "s1", "text": "Troops left Sirte."}\n', "jsonl"),
        ("Troops left Sirte.\n{not json}\n", "text"),
        ("   Troops left Sirte.", "text"),
    ],
)
def test_ingest_readers_stdin_autodetects(given: str, kind: str) -> None:
    items = _articles(read_inputs(["-"], stdin=io.StringIO(given), default_date="2019-01-01"))
    if kind == "jsonl":
        assert items[0].doc_id == "s1" and items[0].origin.startswith("<stdin>:")
        assert items[0].text == "Troops left Sirte."
    else:
        assert len(items) == 1 and items[0].doc_id == "<stdin>"
        assert items[0].text.startswith("Troops left Sirte.")
    assert items[0].published == "2019-01-01"


def test_ingest_readers_text_is_cleaned_once_in_the_reader(tmp_path: Path) -> None:
    path = tmp_path / "scraped.txt"
    path.write_text(
        "[ad_1]\n\nThe army said it seized the capital, Tripolireported  the agency."
        "\n\n\n[ad_2]\nSource link\n",
        encoding="utf-8",
    )
    [article] = _articles(read_inputs([str(path)]))
    assert article.text == "The army said it seized the capital, Tripoli reported the agency."


def test_ingest_readers_streams_jsonl(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "big.jsonl", [{"id": str(i), "text": f"Story {i}."} for i in range(3)])
    reader = read_inputs([str(path)])
    first = next(reader)
    # The file can grow after the first article is out: proof we did not slurp it.
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "late", "text": "Late story."}) + "\n")
    assert [first.doc_id, *(a.doc_id for a in reader)] == ["0", "1", "2", "late"]


# -- CSV and JSON documents --------------------------------------------------------


def test_ingest_readers_csv_rows_are_articles(tmp_path: Path) -> None:
    path = tmp_path / "arts.csv"
    path.write_text(
        "id,date,text,url\n"
        'a1,2019-04-19,"Russia rejected the proposal,\nofficials said.",https://x.org/1\n'
        "a2,,Libyan forces shelled Tripoli.,\n"
        "\n"
        "a3,2019-04-21,,\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(path)], default_date="2019-04-20"))
    a1, a2, a3 = items
    assert (a1.doc_id, a1.published, a1.url, a1.origin) == ("a1", "2019-04-19", "https://x.org/1", f"{path}:2")
    assert "officials said" in a1.text
    assert (a2.doc_id, a2.published, a2.origin) == ("a2", "2019-04-20", f"{path}:4")
    assert isinstance(a3, Rejected) and a3.origin == f"{path}:6" and "text" in a3.reason


def test_ingest_readers_csv_columns_named_by_flags(tmp_path: Path) -> None:
    from eventwire.ingest.readers import Columns

    path = tmp_path / "export.tsv"
    path.write_text("url\tpublished\tbody\nhttps://x.org/9\t2020-01-02T10:00:00\tEgypt hosted talks.\n",
                    encoding="utf-8")
    [article] = read_inputs([str(path)], columns=Columns(text="body", date="published", id="url"))
    assert (article.doc_id, article.published, article.text) == ("https://x.org/9", "2020-01-02", "Egypt hosted talks.")
    [missing] = read_inputs([str(path)])
    assert isinstance(missing, Rejected) and "--text-col" in missing.reason and "body" in missing.reason
    [typo] = read_inputs([str(path)], columns=Columns(text="body", date="pubdate"))
    assert isinstance(typo, Rejected) and "--date-col 'pubdate'" in typo.reason


def test_ingest_readers_csv_bad_encoding_keeps_rows_before(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    good = b"".join(b"a%d,Egypt hosted talks.\n" % i for i in range(3000))  # past the first decoded chunk
    path.write_bytes(b"id,text\n" + good + b"b,Caf\xe9 owners protested.\n")
    items = list(read_inputs([str(path)]))
    assert items[0].doc_id == "a0" and isinstance(items[-2], Article)
    assert isinstance(items[-1], Rejected) and "UTF-8" in items[-1].reason and "0xE9" in items[-1].reason


def test_ingest_readers_json_array_is_read_like_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "arts.json"
    path.write_text(json.dumps([
        {"id": "j1", "date": "2019-04-19", "text": "Egypt hosted talks.", "title": "Talks"},
        {"id": "j2"},
        "not a record",
    ]), encoding="utf-8")
    j1, j2, bad = read_inputs([str(path)])
    assert (j1.doc_id, j1.published, j1.title, j1.origin) == ("j1", "2019-04-19", "Talks", f"{path}#1")
    assert isinstance(j2, Rejected) and j2.doc_id == "j2" and "text" in j2.reason
    assert isinstance(bad, Rejected) and bad.origin == f"{path}#3" and "string" in bad.reason
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "solo", "text": "Troops withdrew from Sirte."}), encoding="utf-8")
    assert [a.doc_id for a in read_inputs([str(one)])] == ["solo"]
    broken = tmp_path / "broken.json"
    broken.write_text('[{"id": "x", "text": "a"', encoding="utf-8")
    [r] = read_inputs([str(broken)])
    assert isinstance(r, Rejected) and "not valid JSON" in r.reason and "line 1" in r.reason


@pytest.mark.parametrize("name", ["notes.md", "story", "page.pdf"])
def test_ingest_readers_unknown_extension_is_reported_not_read_as_text(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(STORY, encoding="utf-8")
    [r] = read_inputs([str(path)])
    assert isinstance(r, Rejected) and r.origin == str(path) and "not an article format" in r.reason
