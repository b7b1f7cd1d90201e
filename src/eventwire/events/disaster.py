"""No acting party, no event: disasters, accidents and epidemics are not assaults or fights.

"A fire killed 19 people", "an earthquake destroyed the town", "five miners died ... killed in
a landslide": a violent match (CAMEO 18-20) whose subject, or whose "in"/"by" phrase, is a
cause in ``data/disasters.yaml`` is dropped with the reason in the trace.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..cameo import VIOLENT_ROOTS
from ..userfiles import packaged_text, parse_rule_mapping, rule_words
from .match import Candidate


def parse_causes(text: str, path: str) -> frozenset[str]:
    problem = "expected 'causes:' with a non-empty list of words"
    data = parse_rule_mapping(text, path, problem=problem)
    return frozenset(c.lower() for c in rule_words(data.get("causes"), path, problem, line=1))


@cache
def load_causes() -> frozenset[str]:
    return parse_causes(*packaged_text("disasters.yaml"))


def _cause_of(trigger: Token, children: list[list[Token]], lemmas: list[str], causes: frozenset[str]) -> str | None:
    for child in children[trigger.i]:
        if child.dep_ in ("nsubj", "csubj") and lemmas[child.i] in causes:
            return lemmas[child.i]
        if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "by", "during", "after"):
            for obj in children[child.i]:
                if obj.dep_ == "pobj" and lemmas[obj.i] in causes:
                    return lemmas[obj.i]
    return None


def drop_disasters(cands: list[Candidate], children: list[list[Token]], lemmas: list[str],
                   causes: frozenset[str], trace: list[str] | None = None) -> list[Candidate]:
    """The matches that are someone's act: violent matches caused by a disaster are left out."""
    kept = []
    for cand in cands:
        cause = _cause_of(cand.trigger, children, lemmas, causes) if cand.code[:2] in VIOLENT_ROOTS else None
        if cause is None:
            kept.append(cand)
        elif trace is not None:
            trace.append(f"  dropped {cand.code} '{cand.trigger.text}': caused by a {cause}, nobody's act")
    return kept
