"""Other senses of trigger words: the match names no act of violence.

"the Maoist-hit district" is an adjective, "targeting teenagers for recruitment" aims at them
without attacking. The words are in ``data/lexicon.yaml`` (compound_participles,
target_purposes)."""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import lexicon
from .match import Candidate

# "the Maoist-hit Kandhamal District", "militancy hit areas" (the hyphen often lost): a noun
# and a participle make an adjective, "struck by" the noun, not anyone's attack now.
COMPOUND_PARTICIPLES = lexicon("compound_participles")
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
TARGET_PURPOSES = lexicon("target_purposes")


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
