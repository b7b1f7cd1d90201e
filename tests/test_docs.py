"""The README is true: every command has help with an example and is documented (after sqlite-utils)."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer.main

from eventwire.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(
    (cmd.name or cmd.callback.__name__.replace("_", "-")) for cmd in app.registered_commands
)
GROUPS = sorted(g.name for g in app.registered_groups if g.name)


def test_docs_readme_opens_with_the_two_commands():
    head = README.split("\n## ", 1)[0] + README.split("\n## ", 2)[1]
    assert "make run" in head and "make test" in head


@pytest.mark.parametrize("name", COMMANDS + GROUPS)
def test_docs_command_documented_in_readme(name):
    assert f"eventwire {name}" in README, f"`eventwire {name}` is not documented in README.md"


@pytest.mark.parametrize("name", COMMANDS)
def test_docs_command_has_help_with_example(name):
    click_app = typer.main.get_command(app)
    cmd = click_app.commands[name]  # type: ignore[attr-defined]
    assert cmd.help and "Example:" in cmd.help, f"`eventwire {name}` needs a docstring with an Example"
