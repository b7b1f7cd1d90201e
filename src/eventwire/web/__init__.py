"""The dashboard and REST API (``eventwire serve``): read-only over a store."""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
