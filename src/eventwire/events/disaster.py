"""No acting party, no event: disasters, accidents and epidemics are not assaults or fights.

"A fire killed 19 people", "an earthquake destroyed the town", "five miners died ... killed in
a landslide": a violent match (CAMEO 18-20) whose subject, or whose "in"/"by" phrase, is a
cause in ``data/disasters.yaml`` is dropped with the reason in the trace.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Token

from ..errors import DictionaryError
from ..userfiles import packaged_text, parse_yaml
from .match import Candidate

VIOLENT_ROOTS = ("18", "19", "20")


def parse_causes(text: str, path: str) -> frozenset[str]:
    data = parse_yaml(text, path)
    causes = data.get("causes") if isinstance(data, dict) else None
    if not isinstance(causes, list) or not causes or not all(isinstance(c, str) and c.strip() for c in causes):
        raise DictionaryError(path, 1, "expected 'causes:' with a non-empty list of words")
    return frozenset(c.strip().lower() for c in causes)


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


# "the Maoist-hit Kandhamal District", "militancy hit areas" (the hyphen often lost): a noun
# and a participle make an adjective, "struck by" the noun, not anyone's attack now.
COMPOUND_PARTICIPLES = frozenset({"hit"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "agent")


def drop_compound_participles(cands: list[Candidate], children: list[list[Token]],
                              trace: list[str] | None = None) -> list[Candidate]:
    """The matches whose trigger is the participle of a "Maoist-hit" adjective: a past form
    with no subject of its own, right after a noun (or a noun and a hyphen)."""
    kept = []
    for cand in cands:
        trig = cand.trigger
        before = trig.doc[trig.i - 1] if trig.i > 0 else None
        if before is not None and before.text in ("-", ")") and trig.i > 1:
            before = trig.doc[trig.i - 2]  # "Maoist-hit", "the Communist Party (CPI Maoist) hit"
        compound = (trig.lemma_.lower() in COMPOUND_PARTICIPLES and trig.tag_ in ("VBN", "VBD")
                    and before is not None and before.pos_ in ("NOUN", "PROPN")
                    and not any(c.dep_ in _SUBJECT_DEPS for c in children[trig.i]))
        if not compound:
            kept.append(cand)
        elif trace is not None:
            trace.append(f"  dropped {cand.code} '{trig.text}': '{before.text} {trig.text}' is an adjective")
    return kept


# "targeting teenagers for recruitment", "targeted for criticism": aimed at, not attacked.
TARGET_PURPOSES = frozenset({"recruitment", "criticism", "investigation", "surveillance", "sanction",
                             "deportation", "removal", "promotion", "conversion"})


def drop_aimed_targets(cands: list[Candidate], children: list[list[Token]],
                       trace: list[str] | None = None) -> list[Candidate]:
    """The 'target' matches whose "for" phrase names a non-violent purpose."""
    kept = []
    for cand in cands:
        trig = cand.trigger
        purpose = None
        if trig.lemma_.lower() == "target" and trig.pos_ == "VERB":
            objects = [o for o in children[trig.i] if o.dep_ == "dobj"]  # "targeting teenagers for ..."
            for prep in [c for t in (trig, *objects) for c in children[t.i]]:
                if prep.dep_ == "prep" and prep.lower_ == "for":
                    purpose = next((o.lemma_.lower() for o in children[prep.i]
                                    if o.dep_ == "pobj" and o.lemma_.lower() in TARGET_PURPOSES), None)
                    if purpose:
                        break
        if purpose is None:
            kept.append(cand)
        elif trace is not None:
            trace.append(f"  dropped {cand.code} '{trig.text}': targeted for {purpose}, not attacked")
    return kept
