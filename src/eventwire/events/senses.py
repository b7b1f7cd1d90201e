"""Other senses of trigger words: the match names no act of violence.

"the Maoist-hit district" is an adjective, "targeting teenagers for recruitment" aims at them
without attacking, "the numbers suggest" infers and says nothing. The words are in
``data/lexicon.yaml`` (compound_participles, target_purposes, inference_verbs, document_nouns)."""

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


# "the amount seized suggests ...": a thing as the subject of a verb of inference.
INFERENCE_VERBS = lexicon("inference_verbs")
DOCUMENT_NOUNS = lexicon("document_nouns")


def drop_inferences(cands: list[Candidate], children: list[list[Token]],
                    trace: list[str] | None = None) -> list[Candidate]:
    """The statements made by an inference verb whose subject is neither an actor (its own head
    the matched source) nor a document: "the scale of the attacks suggested the gangs had help"."""
    kept = []
    for cand in cands:
        trig = cand.trigger
        subject = None
        if cand.pattern.kind == "verb" and cand.pattern.code[:2] == "01" and trig.lemma_.lower() in INFERENCE_VERBS:
            subject = next((c for c in children[trig.i] if c.dep_ in ("nsubj", "csubj")), None)
        thing = (subject is not None and subject.pos_ in ("NOUN", "PROPN")
                 and not (cand.source_token is not None and cand.source_token.i == subject.i)
                 and subject.lemma_.lower() not in DOCUMENT_NOUNS)
        if not thing:
            kept.append(cand)
        elif trace is not None:
            trace.append(f"  dropped {cand.code} '{trig.text}': '{subject.text} {trig.text}' infers, no one says it")
    return kept
