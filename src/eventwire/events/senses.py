"""Other senses of trigger words: the match names no act.

"the Maoist-hit district" is an adjective, "targeting teenagers for recruitment" aims at them
without attacking, "the numbers suggest" infers and says nothing, "the homicide rate" counts
killings without reporting one, "gangs that dedicate themselves to extortion" describes them,
"suspects in US custody" are in a state, "the drug trade" is a market, "the collapse of the
truce" tells an old accord and "the arrest of the boss illustrates how ..." comments on one told
elsewhere. The words are in ``data/lexicon.yaml`` (compound_participles, target_purposes,
inference_verbs, comment_verbs, document_nouns, measure_nouns, activity_verbs, held_states,
illicit_goods, ending_nouns)."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Token

from ..cameo import VIOLENT_ROOTS
from ..lexicon import lexicon
from .assault import CAUSE_PREPS  # "were injured in the blast": the toll's cause
from .match import Candidate, stated_count


def _drop(cands: list[Candidate], reason: Callable[[Candidate], str | None],
          trace: list[str] | None) -> list[Candidate]:
    """The matches ``reason`` finds no other sense for; each dropped one is traced with why."""
    kept = []
    for cand in cands:
        why = reason(cand)
        if why is None:
            kept.append(cand)
        elif trace is not None:
            trace.append(f"  dropped {cand.code} '{cand.trigger.text}': {why}")
    return kept


# "the Maoist-hit Kandhamal District", "militancy hit areas" (the hyphen often lost): a noun
# and a participle make an adjective, "struck by" the noun, not anyone's attack now.
COMPOUND_PARTICIPLES = lexicon("compound_participles")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "agent")


def drop_compound_participles(cands: list[Candidate], children: list[list[Token]],
                              trace: list[str] | None = None) -> list[Candidate]:
    """The matches whose trigger is the participle of a "Maoist-hit" adjective: a past form
    with no subject of its own, right after a noun (or a noun and a hyphen)."""
    def reason(cand: Candidate) -> str | None:
        trig = cand.trigger
        before = trig.doc[trig.i - 1] if trig.i > 0 else None
        if before is not None and before.text in ("-", ")") and trig.i > 1:
            before = trig.doc[trig.i - 2]  # "Maoist-hit", "the Communist Party (CPI Maoist) hit"
        compound = (trig.lemma_.lower() in COMPOUND_PARTICIPLES and trig.tag_ in ("VBN", "VBD")
                    and before is not None and before.pos_ in ("NOUN", "PROPN")
                    and not any(c.dep_ in _SUBJECT_DEPS for c in children[trig.i]))
        return f"'{before.text} {trig.text}' is an adjective" if compound else None
    return _drop(cands, reason, trace)


# "targeting teenagers for recruitment", "targeted for criticism": aimed at, not attacked.
TARGET_PURPOSES = lexicon("target_purposes")


def drop_aimed_targets(cands: list[Candidate], children: list[list[Token]],
                       trace: list[str] | None = None) -> list[Candidate]:
    """The 'target' matches whose "for" phrase names a non-violent purpose."""
    def reason(cand: Candidate) -> str | None:
        trig = cand.trigger
        if trig.lemma_.lower() != "target" or trig.pos_ != "VERB":
            return None
        objects = [o for o in children[trig.i] if o.dep_ == "dobj"]  # "targeting teenagers for ..."
        for prep in [c for t in (trig, *objects) for c in children[t.i]]:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                purpose = next((o.lemma_.lower() for o in children[prep.i]
                                if o.dep_ == "pobj" and o.lemma_.lower() in TARGET_PURPOSES), None)
                if purpose:
                    return f"targeted for {purpose}, not attacked"
        return None
    return _drop(cands, reason, trace)


# "the amount seized suggests ...": a thing as the subject of a verb of inference.
INFERENCE_VERBS = lexicon("inference_verbs")
COMMENT_VERBS = lexicon("comment_verbs") | INFERENCE_VERBS
DOCUMENT_NOUNS = lexicon("document_nouns")


def drop_inferences(cands: list[Candidate], children: list[list[Token]],
                    trace: list[str] | None = None) -> list[Candidate]:
    """The statements made by an inference verb whose subject is neither an actor (its own head
    the matched source) nor a document: "the scale of the attacks suggested the gangs had help"."""
    def reason(cand: Candidate) -> str | None:
        trig = cand.trigger
        subject = None
        if cand.pattern.kind == "verb" and cand.pattern.code[:2] == "01" and trig.lemma_.lower() in INFERENCE_VERBS:
            subject = next((c for c in children[trig.i] if c.dep_ in ("nsubj", "csubj")), None)
        thing = (subject is not None and subject.pos_ in ("NOUN", "PROPN")
                 and not (cand.source_token is not None and cand.source_token.i == subject.i)
                 and subject.lemma_.lower() not in DOCUMENT_NOUNS)
        return f"'{subject.text} {trig.text}' infers, no one says it" if thing else None
    return _drop(cands, reason, trace)


def drop_commented_events(cands: list[Candidate], trace: list[str] | None = None) -> list[Candidate]:
    """The event nouns that are the subject of a verb of comment ("the arrest of the boss
    illustrates how ...", "the discovery of the sub has raised questions"): the writer's topic,
    not a report (data/lexicon.yaml comment_verbs, inference_verbs)."""
    def reason(cand: Candidate) -> str | None:
        trig = cand.trigger
        commented = (cand.pattern.kind == "noun" and trig.dep_ == "nsubj"
                     and trig.head.lemma_.lower() in COMMENT_VERBS)
        return f"the topic of '{trig.head.text}'" if commented else None
    return _drop(cands, reason, trace)


# A count of this many people or cases or more, over a period, is a statistic.
STATISTIC_COUNT = 100
_UNITS = "|".join(lexicon("period_units"))
_PERIOD_RE = re.compile(
    rf"\b(?:between (?:19|20)\d\d and (?:19|20)\d\d|since (?:19|20)\d\d|(?:every|per|each) (?:{_UNITS})\b|annually)",
    re.IGNORECASE)


def drop_statistics(cands: list[Candidate], children: list[list[Token]], sent_text: str,
                    trace: list[str] | None = None) -> list[Candidate]:
    """The matches that count a hundred or more people or cases over a period ("1,368 people
    were murdered on public transport between 2005 and 2011", "more than 100 cases were filed
    every month"): aggregates, not events. "More than 1,000 people were arrested in an operation"
    names no period and stays."""
    if not _PERIOD_RE.search(sent_text):
        return cands

    def reason(cand: Candidate) -> str | None:
        trig = cand.trigger
        counted = [c for c in children[trig.i] if c.dep_ in ("nsubjpass", "nsubj", "dobj")]
        counted += [o for c in children[trig.i] if c.dep_ == "prep" and c.lower_ == "of"
                    for o in children[c.i] if o.dep_ == "pobj"]
        if trig.dep_ == "pobj" and trig.head.dep_ == "prep" and trig.head.lower_ == "of":
            counted.append(trig.head.head)  # "Of 85,000 investigations into ..."
        if trig.pos_ in ("NOUN", "PROPN"):
            counted.append(trig)
        n = max((stated_count(t, children) or 0 for t in counted), default=0)
        return f"{n:,} over a period is a statistic" if n >= STATISTIC_COUNT else None
    return _drop(cands, reason, trace)


# "the homicide rate", "the tally of soldiers killed", "a rise in kidnappings": an event word
# that a measure counts names a sum of events, not one.
MEASURE_NOUNS = lexicon("measure_nouns")
_MEASURED_PREPS = ("of", "in", "on", "for")


def _measure_over(trig: Token) -> Token | None:
    """The measure noun that counts ``trig``: the head of its compound ("homicide rate"), of the
    participle ("the tally of policemen killed"), or of an "of/in/on/for" phrase holding it, the
    people it describes ("the percentage of people detained") or a noun of it ("a drop in
    complaints of abuse")."""
    node = trig
    if trig.pos_ == "VERB" and trig.dep_ == "acl":
        node = trig.head  # "people detained", "policemen killed"
    elif trig.pos_ not in ("NOUN", "PROPN"):
        return None
    if _is_measure(node):
        return node
    if node.dep_ == "compound" and _is_measure(node.head):
        return node.head
    for _ in range(2):
        if not (node.dep_ == "pobj" and node.head.lower_ in _MEASURED_PREPS):
            break
        node = node.head.head
        if _is_measure(node):
            return node
    return None


def _is_measure(tok: Token) -> bool:
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in MEASURE_NOUNS


def drop_aggregates(cands: list[Candidate], trace: list[str] | None = None) -> list[Candidate]:
    """The matches whose trigger a measure noun counts (data/lexicon.yaml measure_nouns)."""
    def reason(cand: Candidate) -> str | None:
        measure = _measure_over(cand.trigger)
        return None if measure is None else f"counted by '{measure.text}', a sum of events"
    return _drop(cands, reason, trace)


# "gangs who dedicate themselves to kidnapping and killing", "a group that specializes in
# smuggling migrants": what a group does for a living describes it; no one act is told.
ACTIVITY_VERBS = lexicon("activity_verbs")
_ACTIVITY_PATH = ("conj", "pobj", "pcomp", "prep", "advcl")


def _livelihood(trig: Token) -> Token | None:
    """The activity verb ("dedicate", "specialize") whose object, or list of objects, holds ``trig``."""
    node = trig
    for _ in range(6):
        if node.dep_ not in _ACTIVITY_PATH or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in ACTIVITY_VERBS:
            return node
    return None


def drop_activities(cands: list[Candidate], trace: list[str] | None = None) -> list[Candidate]:
    """The matches that name what a group does for a living (data/lexicon.yaml activity_verbs)."""
    def reason(cand: Candidate) -> str | None:
        verb = _livelihood(cand.trigger)
        return None if verb is None else f"what '{verb.text}' names is a livelihood"
    return _drop(cands, reason, trace)


# "suspects in US custody", "held in preventive detention": the state of being held, which an
# earlier arrest began ("taken into custody" is the arrest itself).
HELD_STATES = lexicon("held_states")


def drop_held_states(cands: list[Candidate], trace: list[str] | None = None) -> list[Candidate]:
    """The matches on a held-state noun after "in" or "under" (data/lexicon.yaml held_states)."""
    def reason(cand: Candidate) -> str | None:
        trig = cand.trigger
        state = (trig.pos_ == "NOUN" and trig.lemma_.lower() in HELD_STATES and trig.dep_ == "pobj"
                 and trig.head.lower_ in ("in", "under"))
        return f"'{trig.head.text} {trig.text}' is a state, not an act" if state else None
    return _drop(cands, reason, trace)


# "Argentina's drug trade", "the sex trade": an illicit market, not an exchange between parties.
ILLICIT_GOODS = lexicon("illicit_goods")
_MARKET_ROOT = "06"


def drop_illicit_markets(cands: list[Candidate], children: list[list[Token]],
                         trace: list[str] | None = None) -> list[Candidate]:
    """The material-cooperation nouns ("trade", "business") whose modifier names illicit goods."""
    def reason(cand: Candidate) -> str | None:
        trig = cand.trigger
        if not cand.code.startswith(_MARKET_ROOT) or trig.pos_ != "NOUN":
            return None
        goods = next((c for c in children[trig.i] if c.dep_ in ("compound", "amod", "nmod")
                      and c.lemma_.lower() in ILLICIT_GOODS), None)
        return None if goods is None else f"the '{goods.text} {trig.text}' is an illicit market"
    return _drop(cands, reason, trace)


# "the collapse of the gang truce", "the breakdown of the ceasefire", "the truce failed": the
# accord is told as background to its end, which is the news; it is not agreed anew.
ENDING_NOUNS = lexicon("ending_nouns")
ENDING_VERBS = lexicon("ending_verbs")
HOLDING_VERBS = lexicon("accord_holding_verbs")  # "the gangs had a non-aggression agreement"
HELD_ACTS = lexicon("held_act_nouns")  # "has regular exchanges of intelligence": done, not held
_COOPERATION_ROOTS = ("03", "04", "05", "06", "07", "08")
_ACCORD_ROOTS = ("05", "06", "08")  # agreements, alliances, truces: what an end can undo


def _ending_of(of: Token) -> Token | None:
    """The ending noun an "of" phrase belongs to, if any: its head, or the head of the phrase
    the "of" hangs on when a time comes between ("the collapse in early 2017 of the truce")."""
    head = of.head
    for _ in range(2):
        if head.lemma_.lower() in ENDING_NOUNS and head.pos_ == "NOUN":
            return head
        if head.dep_ != "pobj":
            return None
        head = head.head.head
    return None


def drop_ended_accords(cands: list[Candidate], children: list[list[Token]],
                       trace: list[str] | None = None) -> list[Candidate]:
    """The cooperation nouns held in the "of" phrase of an ending noun, or the subject of an ending
    verb ("the truce had failed"; data/lexicon.yaml ending_nouns, ending_verbs); and an accord a
    party only has ("had a tacit non-aggression agreement": accord_holding_verbs), a state told as
    background like an ended one."""
    def reason(cand: Candidate) -> str | None:
        trig = cand.trigger
        if cand.code[:2] not in _COOPERATION_ROOTS or trig.pos_ != "NOUN":
            return None
        if trig.dep_ == "pobj" and trig.head.lower_ == "of":
            ending = _ending_of(trig.head)
            if ending is not None:
                return f"the '{ending.text}' of it is the news"
        verb = trig.head
        if trig.dep_ == "dobj" and verb.lemma_.lower() in HOLDING_VERBS and cand.code[:2] in _ACCORD_ROOTS \
                and trig.lemma_.lower() not in HELD_ACTS:
            return f"an accord '{verb.text}' is a state, not agreed anew"
        if trig.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.lemma_.lower() in ENDING_VERBS \
                and cand.code[:2] in _ACCORD_ROOTS \
                and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in children[verb.i]):
            # "the truce failed", not "the summit failed to reach agreement" (it met)
            return f"that it '{verb.text}' is the news"
        return None
    return _drop(cands, reason, trace)


# "Two soldiers were hurt in the blast", "the ambush that killed the officer": an incident named
# by a definite noun and nothing more (no parties, place or kind) is one the article told before;
# a toll told with it ("were hurt in", "that killed") adds to that incident, it is no new attack.
INCIDENT_NOUNS = lexicon("incident_nouns")
_DEFINITE = ("the", "this", "that", "these", "those")
_RETELLING_DEPS = ("det", "relcl", "acl", "punct")  # "the blast, which ...", "the attack that killed ..."


def _retold_incident(tok: Token, children: list[list[Token]]) -> bool:
    """``tok`` is an incident noun with a definite determiner and no other words of its own."""
    kids = children[tok.i]
    return (tok.pos_ == "NOUN" and tok.lemma_.lower() in INCIDENT_NOUNS
            and any(k.dep_ == "det" and k.lower_ in _DEFINITE for k in kids)
            and all(k.dep_ in _RETELLING_DEPS for k in kids))


def _toll_in(trig: Token, children: list[list[Token]]) -> Token | None:
    """The retold incident whose toll the verb ``trig`` tells, else None: a passive with no "by"
    agent that happened in it ("were injured in the blast"), or a clause on it ("the ambush that
    killed the officer")."""
    if trig.pos_ != "VERB":
        return None
    if trig.dep_ in ("relcl", "acl") and _retold_incident(trig.head, children):
        return trig.head
    kids = children[trig.i]
    if not any(k.dep_ in ("nsubjpass", "auxpass") for k in kids) or any(k.dep_ == "agent" for k in kids):
        return None
    return next((o for k in kids if k.dep_ == "prep" and k.lower_ in CAUSE_PREPS
                 for o in children[k.i] if o.dep_ == "pobj" and _retold_incident(o, children)), None)


def drop_retold_incidents(cands: list[Candidate], children: list[list[Token]],
                          trace: list[str] | None = None) -> list[Candidate]:
    """The violent tolls told in a retold incident ("were injured in the blast") and the match on
    that incident noun itself (data/lexicon.yaml incident_nouns)."""
    violent = [c for c in cands if c.code[:2] in VIOLENT_ROOTS]
    retold = {}
    for cand in violent:
        incident = _toll_in(cand.trigger, children)
        if incident is not None:
            retold[cand.trigger.i] = incident
            retold[incident.i] = incident
    if not retold:
        return cands

    def reason(cand: Candidate) -> str | None:
        incident = retold.get(cand.trigger.i) if cand.code[:2] in VIOLENT_ROOTS else None
        return None if incident is None else f"a toll of '{incident.text}', told before"
    return _drop(cands, reason, trace)
