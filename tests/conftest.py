"""Shared fixtures. The spaCy model is loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", REPO.parent / "shared"))
SEED_PATH = SHARED / "devdata" / "seed_article_haftar_2019.txt"


def shared_file(*parts: str) -> Path:
    """Path to a file in ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found: the shared dev data is not available on this machine")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip(f"{SHARED} not found: the shared dev data is not available on this machine")
    return SHARED
