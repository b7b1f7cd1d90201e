"""The Read stage: input files -> cleaned ``Article`` records (or ``Rejected``)."""

from eventwire.ingest.clean import clean_text, load_junk
from eventwire.ingest.glue import split_glued
from eventwire.ingest.readers import read_inputs

__all__ = ["clean_text", "load_junk", "read_inputs", "split_glued"]
