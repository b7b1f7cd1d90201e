"""Reported speech that attributes wrongdoing is an accusation, not a bare statement.

"Police claimed the victims were involved in drug trafficking": the statement verb's reported
clause (its ``ccomp``) holds a wrongdoing word, so the statement (010) becomes an accusation
(``code`` in ``data/accusations.yaml``, CAMEO 1121) by the speaker against the one accused: the
first actor of an armed or criminal sector in the clause, else the clause's subject. A clause
that names wrongdoing but no party to accuse ("said the valley was a key route for cocaine
trafficking", "only 10 percent of extortion victims filed reports, police said") stays a
statement: an accusation is against someone; so does a wrongdoing word that only places
someone ("women are drawn into the extortion gangs"). When the
reported clause holds an event of its own ("said the gang killed ..."), that event is coded
and the statement is left to the usual selection.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..errors import DictionaryError
from ..models import Actor
from ..userfiles import packaged_text, parse_rule_mapping, rule_words
from .clause import reported_clause
from .match import Candidate, subtree_indices

FIELDS = ("code", "speech", "wrongdoing", "accused_sectors")


@dataclass(frozen=True, slots=True)
class AccusationRules:
    code: str
    speech: frozenset[str]
    wrongdoing: frozenset[str]
    accused_sectors: tuple[str, ...]


def parse_rules(text: str, path: str) -> AccusationRules:
    data = parse_rule_mapping(text, path, FIELDS)
    code = data["code"]
    if not isinstance(code, str) or not code.isdigit() or len(code) < 3:
        raise DictionaryError(path, None, f"code must be a CAMEO code in quotes, got {code!r}")
    lists = {key: rule_words(data[key], path, f"{key!r} must be a non-empty list of words") for key in FIELDS[1:]}
    return AccusationRules(code, frozenset(w.lower() for w in lists["speech"]),
                           frozenset(w.lower() for w in lists["wrongdoing"]),
                           tuple(s.upper() for s in lists["accused_sectors"]))


@cache
def load_accusation_rules() -> AccusationRules:
    return parse_rules(*packaged_text("accusations.yaml"))


# "women are drawn into the extortion gangs", "an instability among criminal groups", "roles in
# organized crime": a wrongdoing word in a phrase that places someone or something is where they
# are, not what anyone is accused of.
PLACING_PREPS = frozenset({"in", "into", "among", "within", "inside"})


def _placed(tok: Token, clause: Token) -> bool:
    """Whether ``tok`` lies in a placing phrase ("into the gangs") below ``clause``."""
    while tok.i != clause.i and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ in PLACING_PREPS:
            return True
        tok = tok.head
    return False


ALLEGATION = "112"  # accusations; what a speaker reports as an accusation is the speaker's


def recode_accusations(cands: list[Candidate], actors: dict[int, Actor], lemmas: list[str],
                       children: list[list[Token]], rules: AccusationRules) -> None:
    """Turn each statement whose reported clause alleges wrongdoing into an accusation, in place."""
    for cand in cands:
        if not cand.code.startswith("01") or cand.pattern.kind != "verb" or cand.pattern.lemma not in rules.speech:
            continue
        clause = reported_clause(cand.trigger, children)
        if clause is None or any(c.dep_ == "neg" for c in children[clause.i]):
            continue  # "said the gang did not have the contacts": no wrongdoing alleged
        tokens = subtree_indices(clause, children)
        inner = set(tokens)
        # "claimed the victims were involved in drug trafficking": an allegation reported is the
        # speaker's own accusation, not a second event
        alleged = [o for o in cands if o.trigger.i in inner and o.code.startswith(ALLEGATION)
                   and o.pattern.kind == "verb"]  # "skeptical of these allegations" reports none
        if any(o.trigger.i in inner and not o.code.startswith("01") and o not in alleged for o in cands):
            continue  # "said the gang killed ...": the reported act is coded as itself
        cue = next((lemmas[i] for i in tokens if lemmas[i] in rules.wrongdoing
                    and not _placed(clause.doc[i], clause)), None)
        if cue is None and alleged:
            cue = alleged[0].trigger.lemma_.lower()
        if cue is None:
            continue
        inside = [i for i in tokens if actors.get(i) is not None]
        at = next((i for s in rules.accused_sectors for i in inside if s in actors[i].sectors), None)
        if at is None:
            subject = next((c for c in children[clause.i] if c.dep_ in ("nsubj", "nsubjpass")), None)
            at = subject.i if subject is not None and actors.get(subject.i) is not None else None
        if at is not None and cand.source is not None and actors[at].code == cand.source.code:
            at = None
        if at is None and cand.target is None:
            continue  # "said the valley was a key route for cocaine trafficking": no one is accused
        for o in alleged:
            cands.remove(o)
        cand.notes.append(f"reported wrongdoing '{cue}': {cand.code} -> {rules.code}")
        cand.code = rules.code
        if at is not None:
            cand.target = _of_subjects_country(actors[at], clause.doc[at], clause, actors, children)
            cand.target_token = clause.doc[at]
        elif cand.target_token is not None and cand.target_token.i in inner:
            prep = _place_prep(clause.doc[cand.target_token.i], clause)
            if prep is not None:
                _accuse_criminals_of_place(cand, clause.doc[cand.target_token.i], prep.lower_ == "from")


PEOPLE = ("CVL",)  # people named by a demonym ("Colombians")
_COUNTRY_WORDS = ("amod", "compound", "poss", "nmod")


def _of_subjects_country(accused: Actor, tok: Token, clause: Token, actors: dict[int, Actor],
                         children: list[list[Token]]) -> Actor:
    """The accused, of the nationality the reported clause's subject names when the accused noun
    names none of its own: "police told reporters that Colombians had set up offices, which are
    criminal structures" accuses Colombian criminals, not the criminals of the country the
    article is about. The subject must be people of a country ("Colombians") and the accused a
    common noun with no country word of its own."""
    subject = next((c for c in children[clause.i] if c.dep_ in ("nsubj", "nsubjpass")), None)
    people = actors.get(subject.i) if subject is not None else None
    if people is None or people.sectors != PEOPLE or not people.country or tok.i == subject.i \
            or people.country == accused.country or tok.pos_ != "NOUN" or not accused.sectors:
        return accused
    if any(c.dep_ in _COUNTRY_WORDS and (c.i in actors or c.ent_type_ in PLACE_ENTS) for c in children[tok.i]):
        return accused  # "Spanish gangs": the noun names its own country
    country = people.country
    return Actor(country + accused.sectors[0], country, accused.sectors[:1], accused.name, accused.text,
                 accused.start, accused.end, accused.resolution,
                 f"{accused.evidence}; of the clause subject's country ({subject.text})")


# "flights departing from Bolivia", "a shipment to Curacao", "to the Dutch Caribbean islands": a
# place named in the reported clause is where the wrongdoing goes, not a party to it
PLACE_PREPS = frozenset({"from", "to", "into", "toward", "towards", "across", "through", "via", "at", "in"})
PLACE_ENTS = ("GPE", "LOC", "NORP")
_NOUN_LINKS = ("amod", "compound", "conj", "appos", "pobj", "nmod")


def _place_prep(tok: Token, clause: Token) -> Token | None:
    """The place preposition whose phrase holds the place name ``tok`` ("from [Bolivia]", "to the
    [Dutch] Caribbean islands"), climbing only within the noun phrase; None if there is none."""
    if tok.ent_type_ not in PLACE_ENTS:
        return None
    while tok.i != clause.i and tok.dep_ in _NOUN_LINKS:
        tok = tok.head
        if tok.dep_ == "prep" and tok.lower_ in PLACE_PREPS:
            return tok
    return None


def _accuse_criminals_of_place(cand: Candidate, place: Token, origin: bool) -> None:
    """Make, in place, the criminals the target of an accusation whose clause names only a place:
    those of the place the wrongdoing comes from ("drug flights departing from Bolivia"), else
    those of the speaker's country ("residents said the boat carried drugs to Curacao")."""
    if origin and cand.target is not None:
        country = cand.target.country
    else:
        country = cand.source.country if cand.source is not None else None
    cand.target = Actor((country or "") + CRIMINALS, country, (CRIMINALS,), "criminals accused", place.text,
                        place.idx, place.idx + len(place.text), "inferred",
                        "who does the wrongdoing reported at this place (accusations.yaml)")
    cand.notes.append(f"place '{place.text}' accused: criminals {cand.target.code}")


INVESTIGATION = "09"  # investigations; one into a crime with no suspect named acts on criminals
CRIMINALS = "CRM"
_CRIME_DEPS = ("dobj", "ccomp", "xcomp")
_CRIME_PREPS = ("of", "into", "on")


def _crime_word(cand: Candidate, lemmas: list[str], children: list[list[Token]],
                rules: AccusationRules) -> Token | None:
    """A wrongdoing word in what an investigation is of ("investigating whether he was killed for
    failing to pay extortion", "an investigation of human trafficking")."""
    for c in children[cand.trigger.i]:
        heads = [c] if c.dep_ in _CRIME_DEPS else []
        if c.dep_ == "prep" and c.lower_ in _CRIME_PREPS:
            heads = [p for p in children[c.i] if p.dep_ == "pobj"]
        for head in heads:
            for i in subtree_indices(head, children):
                if lemmas[i] in rules.wrongdoing:
                    return head.doc[i]
    return None


def mark_investigated_criminals(cands: list[Candidate], lemmas: list[str], children: list[list[Token]],
                                rules: AccusationRules) -> None:
    """Give, in place, an investigation of a crime that names no suspect the criminals of the
    investigator's country as its target ("Guatemalan prosecutors are investigating the extortion
    of bus drivers"): a crime investigated is someone's, as contraband seized is."""
    for cand in cands:
        if not cand.code.startswith(INVESTIGATION) or cand.target is not None or cand.source is None:
            continue
        crime = _crime_word(cand, lemmas, children, rules)
        if crime is None:
            continue
        country = cand.source.country
        start, end = crime.idx, crime.idx + len(crime.text)
        cand.target = Actor((country or "") + CRIMINALS, country, (CRIMINALS,), "criminals investigated", crime.text,
                            start, end, "inferred", f"who committed the '{crime.text}' investigated (accusations.yaml)")
        cand.target_token = crime
        cand.notes.append(f"investigated crime '{crime.text}': {cand.target.code}")
