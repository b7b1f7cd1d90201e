"""No command prints a traceback for a user mistake: one `error:` line and a non-zero exit."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from test_store_factory import make_coded, random_text
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store import Store

runner = CliRunner()
COMMANDS = sorted((c.name or c.callback.__name__) for c in app.registered_commands) + ["dict import-petrarch"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-errors") / "e.duckdb"
    with Store(path) as store:
        store.write(make_coded(random_text(1), "a", [{"cameo": "190", "date": "2019-04-06"}]))
        store.rebuild_groups()
    return path


def _one_error_line(args: list[str]) -> str:
    result = runner.invoke(app, args)
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code not in (0, None), (args, text)
    assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
    assert "Traceback" not in text, (args, text)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, (args, result.stderr)
    assert len(result.stderr.strip().splitlines()) == 1, (args, result.stderr)
    return errors[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_errors_unknown_option_is_one_line(command: str) -> None:
    line = _one_error_line([*command.split(), "--no-such-flag"])
    assert "--no-such-flag" in line and f"eventwire {command}" in line


def _busy_port() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    return sock


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["code", "{tmp}/a.txt", "--format", "parquet", "--out", "-"], ["--format", "parquet"]),
        (["code", "{tmp}/a.txt", "--no-db", "--out", "{tmp}/no/such/dir/x.jsonl"], ["cannot write", "no/such/dir"]),
        (["code", "{tmp}/a.txt", "--no-db"], ["--no-db", "--out"]),
        (["code", "{tmp}/a.txt", "--date", "2019-13-01"], ["--date"]),
        (["code", "{tmp}/a.txt", "--engine", "spark"], ["--engine"]),
        (["code", "{tmp}/a.txt", "--max-article-chars", "0"], ["--max-article-chars"]),
        (["explain", "", "--date", "2019-04-19"], ["empty"]),
        (["explain", "Russia met Iran.", "--date", "yesterday"], ["--date"]),
        (["actors", "Russia met Iran.", "--format", "xml"], ["--format"]),
        (["actors", "Russia met Iran.", "--date", "19/04/2019"], ["--date"]),
        (["places", ""], ["empty"]),
        (["places", "Tripoli", "--format", "yaml"], ["--format"]),
        (["eval", "pentaclass", "{tmp}/missing.tsv"], ["missing.tsv"]),
        (["eval", "bleu", "{tmp}/a.txt"], ["FORMAT", "bleu"]),
        (["query", "--db", "{db}", "--format", "parquet"], ["--format", "parquet"]),
        (["query", "--db", "{db}", "--quad", "9"], ["--quad"]),
        (["query", "--db", "{db}", "--limit", "-5"], ["--limit"]),
        (["query", "--db", "{db}", "--since", "yesterday"], ["yesterday"]),
        (["query", "--db", "{tmp}/missing.duckdb"], ["missing.duckdb"]),
        (["stats", "--db", "{tmp}/missing.duckdb"], ["missing.duckdb"]),
        (["sql", "SELECT 1", "--db", "{db}", "--format", "xml"], ["--format", "xml"]),
        (["sql", "DELETE FROM events", "--db", "{db}"], ["read-only"]),
        (["export", "--db", "{db}", "--format", "xlsx", "{tmp}/x.xlsx"], ["--format", "xlsx"]),
        (["export", "--db", "{db}", "--format", "csv", "--header", "{tmp}/x.csv"], ["--header"]),
        (["export", "--db", "{db}", "{tmp}/a.txt/x.jsonl"], ["a.txt"]),
        (["load", "{tmp}/no-shards", "--db", "{tmp}/l.duckdb"], ["no-shards"]),
        (["serve", "--db", "{db}", "--port", "99999"], ["--port"]),
        (["serve", "--db", "{db}", "--port", "{busy}"], ["{busy}", "--port"]),
        (["dict", "import-petrarch", "{tmp}/missing.actors.txt", "{tmp}/out.yaml"], ["missing.actors.txt"]),
    ],
)  # fmt: skip
def test_cli_errors_bad_arguments_give_one_error_line(tmp_path: Path, db: Path, args: list[str], words) -> None:
    (tmp_path / "a.txt").write_text("Russian troops attacked Kharkiv on Monday.", encoding="utf-8")
    with _busy_port() as busy:
        values = {"tmp": str(tmp_path), "db": str(db), "busy": str(busy.getsockname()[1])}
        line = _one_error_line([a.format(**values) for a in args])
        for word in words:
            assert word.format(**values) in line, (args, line)


def test_cli_errors_version_and_quiet(tmp_path: Path) -> None:
    from eventwire import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"eventwire {__version__}"
    story = tmp_path / "a.txt"
    story.write_text("Russian troops attacked Kharkiv on Monday.", encoding="utf-8")
    loud = runner.invoke(app, ["code", str(story), "--no-db", "--out", "-", "--date", "2022-02-28"])
    quiet = runner.invoke(app, ["code", str(story), "--no-db", "--out", "-", "--date", "2022-02-28", "-q"])
    assert loud.exit_code == quiet.exit_code == 0
    assert "1 articles" in loud.stderr and quiet.stderr == ""
    assert quiet.stdout == loud.stdout and '"cameo"' in quiet.stdout


def test_cli_eval_misses_to_stdout_report_to_stderr(tmp_path: Path) -> None:
    gold = Path(__file__).parent / "data" / "eval" / "gold.pentaclass.tsv"
    result = runner.invoke(app, ["eval", "pentaclass", str(gold), "--misses", "-"])
    assert result.exit_code == 0, result.output
    assert "accuracy" in result.stderr and "misses written to standard output" in result.stderr
    for line in result.stdout.splitlines():
        json.loads(line)  # stdout holds only the misses, as JSON Lines
    assert "accuracy" not in result.stdout
    assert not (tmp_path / "-").exists() and not Path("-").exists()
