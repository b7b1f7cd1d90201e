"""`eventwire eval articles`: whole-article scoring against an event annotation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import shared_file
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.coding.evaluate_articles import actor_key, evaluate_articles, locate_quote, read_article_gold
from eventwire.errors import InputError

SECTORS = frozenset({"GOV", "MIL", "COP", "CRM", "CVL", "IGO", "REB"})

ARTICLE = ("Peruvian police arrested three gang members in Lima on 12 March 2021. The weather was nice. "
           "Later the interior minister of Peru praised the police. Gunmen killed a farmer in Cusco.")


def _gold(tmp_path: Path, events: list[dict], text: str = ARTICLE) -> Path:
    (tmp_path / "arts.txt").write_text("An unrelated first line.\n" + text + "\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"corpus": "arts.txt", "line": 1, "events": events}) + "\n", encoding="utf-8")
    return gold


def _event(quote: str, root: str, source: str | None, target: str | None, date: str | None = None,
           country: str | None = "PER") -> dict:
    return {"quote": quote, "root": root, "cameo": root + "0", "source": source, "target": target,
            "date": date, "place": None, "country": country}


@pytest.mark.parametrize(("code", "key"), [
    ("MEXCOP", "MEXCOP"), ("MEXCOPGOV", "MEXCOP"), ("CRM", "CRM"), ("CRMREB", "CRM"),
    ("IGOUNO", "IGOUNO"), ("IGOUNOIMF", "IGOUNO"), ("USA", "USA"), (None, None), ("", None),
])
def test_actor_key_country_and_first_sector(code, key):
    assert actor_key(code, SECTORS) == key


def test_locate_quote_ignores_case_spacing_and_punctuation():
    text = "First sentence. Police  ARRESTED, three gang-members here."
    from eventwire.coding.evaluate_articles import _normalised

    norm, offsets = _normalised(text)
    start, end = locate_quote("police arrested three gang members", norm, offsets)
    assert text[start:end] == "Police  ARRESTED, three gang-members"
    # a quote whose last word was changed by cleaning is still anchored by its leading words
    start, end = locate_quote("police arrested three gang membrs", norm, offsets)
    assert text[start:end].startswith("Police")
    assert locate_quote("nothing like this at all", norm, offsets) is None


def test_evaluate_articles_matches_by_sentence_and_root(tmp_path):
    gold = _gold(tmp_path, [
        _event("police arrested three gang members", "17", "PERCOP", "PERCRM", "2021-03-12"),
        _event("the interior minister of Peru praised the police", "05", "PERGOV", "PERCOP", None),
        _event("Gunmen killed a farmer in Cusco", "04", None, "PERCVL"),  # no 04 is coded there
    ])
    misses = tmp_path / "misses.jsonl"
    report = evaluate_articles(gold, misses_path=misses)
    f = report.figures
    coded = int(report.lines[0].split(", ")[1].split()[0])
    assert coded >= 2
    assert f["event_recall"] == pytest.approx(2 / 3)
    assert f["event_precision"] == pytest.approx(2 / coded)
    assert f["full_recall"] == pytest.approx(2 / 3)
    assert f["source"] == f["target"] == f["date"] == f["country"] == 1.0
    rows = [json.loads(line) for line in misses.read_text().splitlines()]
    kinds = [r["kind"] for r in rows]
    assert kinds.count("miss") == 1 and kinds.count("false_positive") == coded - 2
    miss = next(r for r in rows if r["kind"] == "miss")
    assert miss["gold"]["root"] == "04" and miss["line"] == 1
    assert kinds.count("found") == 2


def test_evaluate_articles_counts_wrong_actors_and_dates(tmp_path):
    gold = _gold(tmp_path, [
        _event("police arrested three gang members", "17", "COLCOP", "PERCRM", "2021-04"),
    ])
    report = evaluate_articles(gold, misses_path=tmp_path / "m.jsonl")
    f = report.figures
    assert f["event_recall"] == 1.0
    assert f["full_recall"] == 0.0
    assert f["source"] == 0.0 and f["target"] == 1.0 and f["date"] == 0.0
    rows = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert any(r["kind"] == "actors" and r["coded"]["source"] == "PERCOP" for r in rows)


def test_evaluate_articles_min_confidence_drops_events(tmp_path):
    gold = _gold(tmp_path, [_event("police arrested three gang members", "17", "PERCOP", "PERCRM")])
    report = evaluate_articles(gold, misses_path=tmp_path / "m.jsonl", min_confidence=0.99)
    assert report.figures["event_recall"] == 0.0
    assert report.lines[0].startswith("all: 1 gold, 0 coded")


@pytest.mark.parametrize(("row", "message"), [
    ("not json", "gold.jsonl:2: not JSON"),
    ('{"corpus": "arts.txt", "line": 9, "events": []}', "arts.txt has no line 9"),
    ('{"corpus": "missing.txt", "line": 0, "events": []}', "missing.txt not found"),
    ('{"corpus": "../arts.txt", "line": 0, "events": []}', "next to the gold file"),
    ('{"corpus": "arts.txt", "line": 0, "events": [{"quote": "x y z", "root": "7"}]}', "two digits"),
    ('{"corpus": "arts.txt", "line": 0, "events": [{"quote": "x y z", "root": "17", "date": "May 2"}]}',
     "YYYY"),
])
def test_read_article_gold_names_file_and_line(tmp_path, row, message):
    (tmp_path / "arts.txt").write_text("one\ntwo\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"corpus": "arts.txt", "line": 0, "events": []}\n' + row + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_article_gold(gold)


def test_cli_eval_articles_bad_gold_is_one_error_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "articles", str(gold)])
    assert result.exit_code != 0
    assert "gold.jsonl:1: not JSON" in result.output
    assert "Traceback" not in result.output


# Floors on the dev annotation (README "Accuracy"): a change that lowers one fails here.
DEV_FLOORS = {"event_precision": 0.70, "event_recall": 0.45, "event_f1": 0.55, "full_f1": 0.35,
              "source": 0.79, "target": 0.70, "date": 0.87}


def test_dev_gold_floors(tmp_path):
    dev = shared_file("devdata", "realnews_events_gold.jsonl")
    report = evaluate_articles(dev, misses_path=tmp_path / "misses.jsonl")
    low = {k: round(report.figures[k], 3) for k, floor in DEV_FLOORS.items() if report.figures[k] < floor}
    assert not low, f"below the floors {DEV_FLOORS}: {low}"
    # All-capital wire copy codes about as well (issue 16: within 0.05 of mixed case).
    upper = evaluate_articles(dev, misses_path=tmp_path / "upper.jsonl", upper=True)
    far = {k: (round(upper.figures[k], 3), round(report.figures[k], 3)) for k in DEV_FLOORS
           if report.figures[k] - upper.figures[k] > 0.05}
    assert not far, f"upper-cased figures more than 0.05 below mixed case: {far}"
