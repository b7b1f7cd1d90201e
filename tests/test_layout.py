"""The layout's import rules: cli/web/api -> engines -> coding -> stages -> models.

Every ``import`` in ``src/eventwire`` counts, the lazy ones inside functions too, so a
forbidden import cannot come back by hiding in a function body.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "eventwire"

# Lower numbers sit lower: a module imports only from its own level or below.
LEVELS = {
    "base": 0,  # models, errors, config, the CAMEO table, user files, word frequencies
    "nlp": 1,
    "stage": 2,  # ingest, actors, events, places, dates
    "store": 2,
    "coding": 3,
    "export": 3,
    "engines": 4,
    "entry": 5,  # cli, web, api, the package's own __init__
}
BASE = {"models", "errors", "config", "cameo", "lexicon", "userfiles", "words", "cache"}
STAGES = {"ingest", "actors", "events", "places", "dates"}
ENTRY = {"cli", "web", "api", ""}
# The store is an output: it knows rows and SQL, never how they were coded.
STORE_MAY_IMPORT = {"base", "store"}
NLP_MAY_IMPORT = {"base", "nlp"}


def layer_of(module: str) -> str:
    """``eventwire.places.toponyms`` -> ``stage``."""
    top = module.split(".")[1] if "." in module else ""
    if top in BASE:
        return "base"
    if top in STAGES:
        return "stage"
    if top in ENTRY:
        return "entry"
    if top in ("nlp", "coding", "engines", "store", "export"):
        return top
    raise AssertionError(f"{module}: no layer for eventwire.{top}; add it to tests/test_layout.py")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every eventwire module ``path`` imports."""
    return imports_in(path.read_text(encoding="utf-8"), module_name(path), path.name == "__init__.py")


def imports_in(source: str, name: str, is_package: bool) -> list[tuple[int, str]]:
    package = name if is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "eventwire"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "eventwire":
                continue
            # ``from . import runtime`` imports a module: count the module itself.
            for alias in node.names:
                sub = SRC / Path(*f"{target}.{alias.name}".split("."))
                is_module = sub.with_suffix(".py").exists() or sub.is_dir()
                found.append((node.lineno, f"{target}.{alias.name}" if is_module else target))
    return found


def all_imports() -> list[tuple[str, int, str]]:
    return [(module_name(p), line, target)
            for p in sorted(PACKAGE.rglob("*.py"))
            for line, target in imports_of(p)]


def test_layout_imports_point_down() -> None:
    wrong = [f"{src}:{line} imports {target} ({layer_of(src)} -> {layer_of(target)})"
             for src, line, target in all_imports()
             if LEVELS[layer_of(target)] > LEVELS[layer_of(src)]]
    assert not wrong, "imports that point up:\n" + "\n".join(wrong)


@pytest.mark.parametrize(("layer", "allowed"), [("store", STORE_MAY_IMPORT), ("nlp", NLP_MAY_IMPORT)])
def test_layout_store_and_nlp_import_only_below(layer: str, allowed: set[str]) -> None:
    wrong = [f"{src}:{line} imports {target}"
             for src, line, target in all_imports()
             if layer_of(src) == layer and layer_of(target) not in allowed]
    assert not wrong, f"{layer} must import only {sorted(allowed)}:\n" + "\n".join(wrong)


def test_layout_rule_catches_a_lazy_forbidden_import() -> None:
    """The checker itself: the coder imported inside a store function is found."""
    source = "import duckdb\n\ndef code():\n    from .coding import coder\n    return coder\n"
    found = imports_in(source, "eventwire.store", is_package=False)
    assert found == [(4, "eventwire.coding.coder")]
    assert layer_of(found[0][1]) not in STORE_MAY_IMPORT


def test_layout_eventwire_variables_are_read_in_config_only() -> None:
    """Every EVENTWIRE_* variable is a field of config.Environment, read nowhere else."""
    from eventwire.config import Environment

    readers = [f"{module_name(p)}: {m.group(0)}"
               for p in sorted(PACKAGE.rglob("*.py")) if p.name != "config.py"
               for m in re.finditer(r"(os\.environ|getenv)\b[^\n]*EVENTWIRE_\w+", p.read_text(encoding="utf-8"))]
    assert not readers, "read EVENTWIRE_* through config.environment():\n" + "\n".join(readers)
    assert {"model", "ner", "cache_dir", "duckdb_memory", "lock_wait"} <= set(Environment.__dataclass_fields__)
