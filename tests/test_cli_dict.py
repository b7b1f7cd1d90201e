"""`eventwire dict import-petrarch` and using its output with `code --actors` (issue #3)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app

DATA = Path(__file__).parent / "data" / "petrarch"
runner = CliRunner()


def test_cli_dict_import_petrarch_then_code_with_it(tmp_path):
    out = tmp_path / "imported.yaml"
    result = runner.invoke(app, ["dict", "import-petrarch", str(DATA / "sample.actors.txt"), str(out),
                                 "--agents", str(DATA / "sample.agents.txt")])
    assert result.exit_code == 0, result.output
    assert out.exists() and "wrote" in result.stderr
    article = tmp_path / "a.txt"
    article.write_text("Firefly attacked Chicolini's army on Monday.", encoding="utf-8")
    events_file = tmp_path / "e.jsonl"
    result = runner.invoke(app, ["code", str(article), "--date", "2008-06-04", "--no-db", "--actors", str(out),
                                 "--out", str(events_file)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in events_file.read_text().splitlines()]
    # Firefly held the ESPGOV role from 2005-03-01 to 2010-11-15 in the invented dictionary.
    assert any(e["source"] and e["source"]["code"] == "ESPGOV" and e["cameo_root"] == "19" for e in events), events


def test_cli_dict_import_petrarch_missing_file_is_clean_error(tmp_path):
    result = runner.invoke(app, ["dict", "import-petrarch", str(tmp_path / "nope.txt"), str(tmp_path / "o.yaml")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr and "Traceback" not in result.stderr
