"""The one arrested is a suspect: law-enforcement acts on people with no role of their own.

A match of an arrest, deportation or conviction code (``data/suspects.yaml``) whose patient is
a person the dictionaries give no role (an unknown name, "six people", "seven Guatemalans")
gets that person as a criminal suspect (CRM) of their own country, else of the article's focus
country. A confiscation of contraband ("seized 17 tons of marijuana") acts on criminals whose
country the text does not tell: CRM. Roles the text gives are kept: "arrested the governor" is
GOV, "detained two soldiers" MIL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..errors import DictionaryError
from ..models import Actor
from ..userfiles import packaged_text, parse_rule_mapping, rule_words
from .match import QUANTITY_NOUNS, Candidate, subtree_indices

WORD_LISTS = ("codes", "persons", "confiscation", "contraband", "measures", "authorities")
FIELDS = (*WORD_LISTS, "enforcers", "held_by", "sent_by", "sent_by_own_state", "expelled_when_undergone")
SUSPECT = "CRM"
PLAIN_SECTORS = ((), ("CVL",))  # a nationality, a civilian: no role that survives an arrest


@dataclass(frozen=True, slots=True)
class SuspectRules:
    codes: frozenset[str]
    persons: frozenset[str]
    confiscation: frozenset[str]
    contraband: frozenset[str]
    measures: frozenset[str]
    enforcers: dict[str, str]  # CAMEO code -> sector of those who carry it out
    authorities: frozenset[str]
    held_by: dict[str, str]  # trigger lemma -> sector of the state named where it happens
    sent_by: dict[str, str]  # trigger lemma -> sector of the state named after "from"
    sent_by_own_state: frozenset[str]  # ... else of the state of the one sent
    expelled_when_undergone: dict[str, str]  # trigger lemma -> code when no state acts


def parse_rules(text: str, path: str) -> SuspectRules:
    data = parse_rule_mapping(text, path, FIELDS)
    enforcers = data["enforcers"]
    if not isinstance(enforcers, dict) or not all(
            isinstance(k, str) and k.isdigit() and isinstance(v, str) and len(v) == 3 and v.isupper()
            for k, v in enforcers.items()):
        raise DictionaryError(path, None, "'enforcers' must map quoted CAMEO codes to three-letter sector codes")
    for key in ("held_by", "sent_by"):
        if not isinstance(data[key], dict) or not all(
                isinstance(k, str) and k.isalpha() and k.islower() and isinstance(v, str) and len(v) == 3
                and v.isupper() for k, v in data[key].items()):
            raise DictionaryError(path, None, f"{key!r} must map lowercase trigger lemmas to three-letter sector codes")
    expelled = data["expelled_when_undergone"]
    if not isinstance(expelled, dict) or not all(
            isinstance(k, str) and k.isalpha() and isinstance(v, str) and v.isdigit() for k, v in expelled.items()):
        raise DictionaryError(path, None, "'expelled_when_undergone' must map trigger lemmas to quoted CAMEO codes")
    own = data["sent_by_own_state"]
    if not isinstance(own, list) or not all(isinstance(w, str) and w in data["sent_by"] for w in own):
        raise DictionaryError(path, None, "'sent_by_own_state' must list lemmas of 'sent_by'")
    sets: dict[str, frozenset[str]] = {}
    for key in WORD_LISTS:
        value = data[key]
        words = rule_words(value, path, f"{key!r} must be a non-empty list of words")
        if key in ("codes", "confiscation") and not all(w.isdigit() and 2 <= len(w) <= 4 for w in value):
            raise DictionaryError(path, None, f"{key!r} must list quoted CAMEO codes, got {value!r}")
        sets[key] = frozenset(w.lower() for w in words)
    return SuspectRules(enforcers=dict(enforcers), held_by=dict(data["held_by"]), sent_by=dict(data["sent_by"]),
                        sent_by_own_state=frozenset(own), expelled_when_undergone=dict(expelled), **sets)


@cache
def load_suspect_rules() -> SuspectRules:
    return parse_rules(*packaged_text("suspects.yaml"))


def _through_quantity(tok: Token, children: list[list[Token]], measures: frozenset[str]) -> Token:
    """"24 members", "dozens of its members", "300 kilograms of cocaine": the thing counted."""
    for _ in range(3):
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NUM" and lemma not in QUANTITY_NOUNS and lemma not in measures:
            break
        of = next((c for c in children[tok.i] if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((o for o in children[of.i] if o.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            break
        tok = obj
    return tok


def patient_of(cand: Candidate, children: list[list[Token]], measures: frozenset[str] = frozenset()) -> Token | None:
    """The token for what undergoes the trigger: the passive subject or object of a verb, the
    noun a participle modifies ("the men detained"), the "of" object of a noun ("the arrest of X")."""
    trig = cand.trigger
    kids = children[trig.i]
    found = None
    if cand.pattern.kind == "verb":
        # a relative "that" parsed as an object yields to a real one: "findings that soldiers
        # massacred at least 15 farmers" (the "that" is the complementizer)
        objects = sorted((c for c in kids if c.dep_ == "dobj"), key=lambda c: c.tag_ == "WDT")
        found = next((c for c in kids if c.dep_ == "nsubjpass"), None) or next(iter(objects), None)
        if found is None and trig.dep_ == "acl" and trig.tag_ == "VBN" and trig.head.i != trig.i:
            found = trig.head
    else:
        of = next((c for c in kids if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            found = next((o for o in children[of.i] if o.dep_ == "pobj"), None)
    return _through_quantity(found, children, measures) if found is not None else None


def _is_person(tok: Token, rules: SuspectRules) -> bool:
    if tok.lemma_.lower() in rules.persons:
        return True
    return tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON"


def _name_span(tok: Token) -> tuple[int, int, str]:
    """Character span and text of a person's name (the whole entity) or of a noun."""
    if tok.ent_iob_ != "O" and tok.ent_type_:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return ent.start_char, ent.end_char, ent.text
    return tok.idx, tok.idx + len(tok.text), tok.text


def mark_suspects(cands: list[Candidate], actors: dict[int, Actor], children: list[list[Token]],
                  focus: str | None, rules: SuspectRules) -> None:
    """Give, in place, each arrest-like match its suspect and each confiscation of contraband its
    criminal owner, where the text gives them no role of their own."""
    for cand in cands:
        _expelled(cand, rules)
        _enforcer(cand, rules)
        _state_where_held(cand, actors, children, rules)
        _state_that_sends(cand, actors, children, rules)
        if cand.code in rules.codes:
            _suspect(cand, actors, children, focus, rules)
        elif cand.code in rules.confiscation:
            _criminal_owner(cand, children, rules)


def _as_sector(actor: Actor, sector: str, evidence: str) -> Actor:
    """``actor``'s country (or none) with ``sector`` alone: "authorities" who arrest are police."""
    return dataclasses.replace(actor, code=(actor.country or "") + sector, sectors=(sector,), evidence=evidence)


def _enforcer(cand: Candidate, rules: SuspectRules) -> None:
    """"Panamanian authorities arrested X": the generic state that arrests is its police; so is
    a pronoun that stands for it ("authorities announced they had arrested X")."""
    sector = rules.enforcers.get(cand.code)
    src, tok = cand.source, cand.source_token
    if sector is None or src is None or tok is None or tuple(src.sectors) != ("GOV",):
        return
    if tok.lemma_.lower() not in rules.authorities and not (
            src.resolution == "pronoun" and _singulars(src.name.lower()) & rules.authorities):
        return
    why = f"{src.evidence}; {sector} as the one who carries out {cand.code} (suspects.yaml)"
    cand.source = _as_sector(src, sector, why)
    cand.notes.append(f"'{tok.text}' carrying out {cand.code}: {sector}")


def _singulars(noun: str) -> set[str]:
    """The forms a plural noun's lemma may take ("authorities" -> "authority"): a pronoun's
    actor keeps the name of the noun it stands for, as written."""
    forms = {noun}
    if noun.endswith("ies"):
        forms.add(noun[:-3] + "y")
    elif noun.endswith("s"):
        forms.add(noun[:-1])
    return forms


def _carried_contraband(thing: Token, verb: Token, children: list[list[Token]],
                        rules: SuspectRules) -> Token | None:
    """The contraband a seized thing carries: "a submarine carrying three tons of cocaine", "a
    truck loaded with marijuana", "a vessel with 300 kilos of heroin"; the participle may hang on
    the seizing verb itself, after a comma ("seized a submarine off the coast, carrying around
    three tons of cocaine")."""
    def contraband(tok: Token) -> Token | None:
        tok = _through_quantity(tok, children, rules.measures)
        return tok if tok.lemma_.lower() in rules.contraband else None
    for c in children[thing.i]:
        if c.dep_ == "prep" and c.lower_ == "with":
            for o in children[c.i]:
                if o.dep_ == "pobj" and contraband(o) is not None:
                    return contraband(o)
        if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB":
            found = _participle_load(c, children, contraband)
            if found is not None:
                return found
    for c in children[verb.i]:
        if c.dep_ == "advcl" and c.tag_ in ("VBG", "VBN") and c.i > thing.i \
                and not any(o.dep_ in ("nsubj", "nsubjpass") for o in children[c.i]):
            found = _participle_load(c, children, contraband, any_prep=True)
            if found is not None:
                return found
    return None


def _participle_load(verb: Token, children: list[list[Token]], contraband: Callable[[Token], Token | None],
                     any_prep: bool = False) -> Token | None:
    """The contraband a participle of carrying takes: its object or its 'with' phrase; with
    ``any_prep`` (a participle loose on the clause), any phrase of a quantity of contraband, as the
    parse reads an approximation as a preposition ("carrying around three tons of cocaine")."""
    for o in children[verb.i]:
        if o.dep_ == "dobj" and contraband(o) is not None:
            return contraband(o)
        if o.dep_ == "prep" and (o.lower_ == "with" or any_prep):
            for q in children[o.i]:
                if q.dep_ == "pobj" and contraband(q) is not None:
                    return contraband(q)
    return None


def _expelled(cand: Candidate, rules: SuspectRules) -> None:
    """"Villanueva was later extradited to the United States": with no state named as acting, the
    news is what happened to the person - expelled (174). "Colombia extradited X" stays the
    states' judicial cooperation (063)."""
    code = rules.expelled_when_undergone.get(cand.pattern.lemma)
    if code is None or cand.source is not None:
        return
    cand.notes.append(f"undergone, no state acting: {cand.code} -> {code}")
    cand.code = code


def _state_where_held(cand: Candidate, actors: dict[int, Actor], children: list[list[Token]],
                      rules: SuspectRules) -> None:
    """"is facing charges in Honduras", "serving a prison sentence in the US": the courts of the
    country where the charge or the sentence is are the ones who hold the person."""
    sector = rules.held_by.get(cand.pattern.lemma)
    if sector is None or cand.source is not None or cand.pattern.kind != "verb":
        return
    heads = [cand.trigger, *(c for c in children[cand.trigger.i] if c.dep_ == "dobj")]
    for head in heads:
        for p in children[head.i]:
            if p.dep_ != "prep" or p.lower_ != "in":
                continue
            for o in children[p.i]:
                place = actors.get(o.i) if o.dep_ == "pobj" else None
                if place is None or not place.country or place.sectors:
                    continue
                cand.source = _as_sector(place, sector, f"{place.evidence}; {sector} of the country where "
                                         f"{cand.code} is held (suspects.yaml held_by)")
                cand.source_token = o
                cand.notes.append(f"held in '{o.text}': {place.country}{sector}")
                return


def _state_that_sends(cand: Candidate, actors: dict[int, Actor], children: list[list[Token]],
                      rules: SuspectRules) -> None:
    """"was deported from Spain": Spain's government sends them; "Villanueva was extradited to the
    United States": with no "from", an extradition is by the state of the one extradited."""
    sector = rules.sent_by.get(cand.pattern.lemma)
    if sector is None or cand.source is not None:
        return
    state, tok = None, None
    for p in children[cand.trigger.i]:
        if p.dep_ == "prep" and p.lower_ == "from":
            for o in children[p.i]:
                place = actors.get(o.i) if o.dep_ == "pobj" else None
                if place is not None and place.country and not place.sectors:
                    state, tok = place, o
    if state is None and cand.pattern.lemma in rules.sent_by_own_state and cand.target is not None \
            and cand.target.country:
        state, tok = cand.target, cand.target_token
    if state is None or tok is None:
        return
    country = state.country
    cand.source = _as_sector(state, sector, f"{state.evidence}; {sector} of the state that sends them"
                                            " (suspects.yaml sent_by)")
    cand.source_token = tok
    cand.notes.append(f"sent by {country}{sector}")


def _is_contraband(tok: Token, children: list[list[Token]], rules: SuspectRules) -> bool:
    """Contraband by its own name ("cocaine") or by the word that classes it ("a cocaine shipment",
    "precursor chemicals")."""
    return tok.lemma_.lower() in rules.contraband or any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in rules.contraband for c in children[tok.i])


def _criminal_owner(cand: Candidate, children: list[list[Token]], rules: SuspectRules) -> None:
    thing = patient_of(cand, children, rules.measures)
    if thing is not None and not _is_contraband(thing, children, rules):
        thing = _carried_contraband(thing, cand.trigger, children, rules)
    if thing is None or not _is_contraband(thing, children, rules):
        return
    if cand.target_token is not None and cand.target_token.i in subtree_indices(thing, children):
        return  # "drugs belonging to the cartel": the owner is named
    if cand.target is not None and cand.target.sectors:
        return  # "seized cocaine from a trafficking network": the owner is named
    # A target outside the thing ("seized cocaine at the port of Callao") is where, not whose.
    start, end = thing.idx, thing.idx + len(thing.text)
    cand.target = Actor(SUSPECT, None, (SUSPECT,), "criminal owner", thing.text, start, end, "inferred",
                        f"owner of contraband '{thing.text}' (suspects.yaml)")
    cand.target_token = thing
    cand.notes.append(f"contraband '{thing.text}': owner CRM")


def _suspect(cand: Candidate, actors: dict[int, Actor], children: list[list[Token]],
             focus: str | None, rules: SuspectRules) -> None:
    patient = patient_of(cand, children, rules.measures)
    if patient is None or not _is_person(patient, rules):
        return
    inside = set(subtree_indices(patient, children))
    current = cand.target if cand.target_token is not None and cand.target_token.i in inside else None
    if cand.target is not None and current is None:
        return  # the match names another target than this person
    if current is not None and tuple(current.sectors) not in PLAIN_SECTORS:
        return  # a role the text gives: "arrested the mayor" is GOV
    if patient.i in actors and tuple(actors[patient.i].sectors) not in PLAIN_SECTORS:
        return
    country = current.country if current is not None else None
    if country is None:
        country = next((actors[i].country for i in sorted(inside) if i in actors and actors[i].country), None)
    country = country or focus
    start, end, text = _name_span(patient)  # Doc.text joins every token: not per match
    cand.target = Actor((country or "") + SUSPECT, country, (SUSPECT,), text, text, start, end, "inferred",
                        f"'{text}' undergoes {cand.code} with no role of their own: a suspect (suspects.yaml)"
                        + (f"; country {country}" if country else ""))
    cand.target_token = patient
    cand.notes.append(f"suspect '{text}'")
