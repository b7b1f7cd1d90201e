"""Violence against people who are not fighting is assault (CAMEO 18), not fighting (19).

The verbs of violence ("kill", "shoot", "attack") sit in the fight patterns (root 19); who
is hit tells them apart. A match of one of the lemmas in ``data/assault.yaml`` whose target
is a civilian-like sector (``victims``; for killings also ``victims_of_killing``) and whose
source is not a conventional combatant is recoded to that lemma's CAMEO 18 code: "unidentified
gunmen killed a farmer" is 1823 (kill by physical assault), "troops killed five rebels" stays 190.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Token

from ..actors.resolve import FOCUS_EVIDENCE
from ..cameo import VIOLENT_ROOTS
from ..errors import DictionaryError
from ..userfiles import packaged_text, parse_rule_mapping, rule_words
from .match import CAUSE_PREPS, Candidate, _first_conjunct, stated_count, subtree_indices
from .suspects import patient_of

FIELDS = ("codes", "victims", "victims_of_killing", "combatants", "casualties", "unattributed")
OPTIONAL = ("few_victims", "home_forces")
KILLING = "1823"


@dataclass(frozen=True, slots=True)
class AssaultRules:
    codes: dict[str, str]  # trigger phrase -> CAMEO 18 code
    victims: frozenset[str]
    victims_of_killing: frozenset[str]
    combatants: frozenset[str]
    casualties: frozenset[str]
    unattributed: frozenset[str]
    few_victims: tuple[int, str] | None = None  # a mass killing of fewer victims is this code
    home_forces: frozenset[str] = frozenset()  # state forces whose victims are of their country


def parse_rules(text: str, path: str) -> AssaultRules:
    expected = f"expected the keys {', '.join(FIELDS)} (and optionally {', '.join(OPTIONAL)})"
    data = parse_rule_mapping(text, path, problem=expected)
    if not set(FIELDS) <= set(data) <= set(FIELDS) | set(OPTIONAL):
        raise DictionaryError(path, 1, expected)
    few = data.get("few_victims")
    if few is not None and not (isinstance(few, dict) and set(few) == {"below", "code"}
                                and isinstance(few["below"], int) and few["below"] > 1
                                and isinstance(few["code"], str) and few["code"].startswith("18")):
        raise DictionaryError(path, None, "'few_victims' must be {below: NUMBER, code: 'quoted CAMEO 18 code'}")
    codes = data["codes"]
    if not isinstance(codes, dict) or not codes:
        raise DictionaryError(path, None, "codes must map trigger lemmas to CAMEO 18 codes")
    for lemma, code in codes.items():
        if not isinstance(code, str) or not code.startswith("18") or not code.isdigit():
            raise DictionaryError(path, None, f"code for {lemma!r} must be a quoted CAMEO 18 code, got {code!r}")
    sets = {}
    casualties = rule_words(data["casualties"], path, "'casualties' must be a list of verb lemmas", empty=True)
    sets["casualties"] = frozenset(w.lower() for w in casualties)
    unattributed = data["unattributed"]
    if not isinstance(unattributed, list) or not all(isinstance(w, str) and w.strip().lower() in codes
                                                      for w in unattributed):
        raise DictionaryError(path, None, "'unattributed' must list trigger phrases that 'codes' maps")
    sets["unattributed"] = frozenset(w.strip().lower() for w in unattributed)
    for key in FIELDS[1:4]:
        value = data[key]
        if not isinstance(value, list) or not all(isinstance(s, str) and len(s) == 3 for s in value):
            raise DictionaryError(path, None, f"{key!r} must be a list of three-letter sector codes")
        sets[key] = frozenset(s.upper() for s in value)
    home = data.get("home_forces", [])
    if not isinstance(home, list) or not all(isinstance(s, str) and len(s) == 3 for s in home):
        raise DictionaryError(path, None, "'home_forces' must be a list of three-letter sector codes")
    return AssaultRules({str(k).lower(): v for k, v in codes.items()}, **sets,
                        few_victims=(few["below"], few["code"]) if few is not None else None,
                        home_forces=frozenset(s.upper() for s in home))


@cache
def load_assault_rules() -> AssaultRules:
    return parse_rules(*packaged_text("assault.yaml"))


def recode_assaults(cands: list[Candidate], rules: AssaultRules) -> None:
    """Recode, in place, each fight match that hits people who are not fighting."""
    for cand in cands:
        if not cand.code.startswith("19") or cand.target is None:
            continue
        code = rules.codes.get(cand.pattern.phrase)
        if code is None:
            continue
        if cand.source is None and cand.pattern.phrase in rules.unattributed:
            cand.notes.append(f"a killing with no one named as killer: {cand.code} -> {code}")
            cand.code = code  # "its leader was killed in 2010": a murder, not a battle
            continue
        if cand.source is not None and set(cand.source.sectors) & rules.combatants:
            continue
        victims = rules.victims | (rules.victims_of_killing if code == KILLING else frozenset())
        hit = set(cand.target.sectors) & victims
        if not hit:
            continue
        cand.notes.append(f"assault on {sorted(hit)[0]}: {cand.code} -> {code}")
        cand.code = code


def home_victims(cands: list[Candidate], rules: AssaultRules) -> None:
    """People a country's own soldiers or police hurt are of that country: in "then-commander
    of SouthCom ... months before Mexican soldiers massacred more than a dozen people", the
    people, whose country was only the article's focus (the United States), are Mexicans. A
    victim the sentence gives a country of its own keeps it."""
    for cand in cands:
        src, tgt = cand.source, cand.target
        if src is None or tgt is None or cand.code[:2] not in VIOLENT_ROOTS or not src.country \
                or not set(src.sectors) & rules.home_forces or tgt.country == src.country \
                or not tgt.sectors or not set(tgt.sectors) <= rules.victims or FOCUS_EVIDENCE not in tgt.evidence:
            continue
        code = src.country + "".join(tgt.sectors)
        cand.notes.append(f"victims of {src.code}: {tgt.code} -> {code}")
        cand.target = replace(tgt, code=code, country=src.country,
                              evidence=f"{tgt.evidence}; victims of {src.code}")


MASS_KILLING = "202"


def recode_small_massacres(cands: list[Candidate], children: list[list[Token]], rules: AssaultRules) -> None:
    """A "massacre" of a counted handful ("the massacre of 10 members", "massacred at least 15
    people") is a killing by assault (1823), not a mass killing (202): below the count in
    ``assault.yaml`` (few_victims). An uncounted massacre stays a mass killing."""
    if rules.few_victims is None:
        return
    below, code = rules.few_victims
    for cand in cands:
        if cand.code != MASS_KILLING:
            continue
        patient = patient_of(cand, children) or cand.target_token
        count = stated_count(patient, children) if patient is not None else None
        if count is not None and count < below:
            cand.notes.append(f"{count} killed, under {below}: {cand.code} -> {code}")
            cand.code = code


def _bare_participle(cand: Candidate, rules: AssaultRules) -> bool:
    """A toll participle with no subject of its own ("..., killing nine and injuring 13")."""
    trig = cand.trigger
    return (cand.code[:2] in VIOLENT_ROOTS and cand.pattern.kind == "verb" and cand.pattern.lemma in rules.casualties
            and trig.tag_ == "VBG" and not any(k.dep_ in ("nsubj", "nsubjpass") for k in trig.children))


def _split_passive(trig: Token, kids: list[Token]) -> bool:
    """A passive a date splits from its "be": in "two troopers were on July 27 injured in a blast"
    the parser hangs "injured" on "were" as a clause of its own, with no passive auxiliary
    (match.py split_passive gives it its subject the same way)."""
    head = trig.head
    return (trig.tag_ == "VBN" and trig.dep_ in ("advcl", "xcomp", "acomp") and head.i < trig.i
            and head.lemma_.lower() == "be"
            and not any(k.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for k in kids))


def drop_casualty_reports(cands: list[Candidate], children: list[list[Token]], rules: AssaultRules,
                          trace: list[str] | None = None) -> list[Candidate]:
    """Leave out each passive toll verb ("were killed", "were injured") with no "by" agent whose
    attack is a violent match of its own in a "when/after ..." clause or an "in/during ..."
    phrase of the same verb: the attack is the event, the toll is its outcome. An attack that
    names no target takes the toll's victims ("ten people were injured in a grenade attack").
    The other tolls of a sentence whose toll is so placed (passives with no "by" agent, participles
    with no subject) are of the same attack ("a girl was killed and five people were injured in a
    rocket attack", "..., killing nine persons and injuring 13", however the parse joins them)."""
    violent = {c.trigger.i: c for c in cands
               if c.code[:2] in VIOLENT_ROOTS and c.pattern.lemma not in rules.casualties}
    if not violent:
        return cands
    kept = []
    tolls = []  # the passive tolls no cause was found for, in case another toll finds one
    last_cause = None
    for cand in cands:
        trig = cand.trigger
        kids = children[trig.i]
        toll = (cand.code[:2] in VIOLENT_ROOTS and cand.pattern.kind == "verb"
                and cand.pattern.lemma in rules.casualties
                and (any(k.dep_ in ("nsubjpass", "auxpass") for k in kids) or _split_passive(trig, kids))
                and not any(k.dep_ == "agent" for k in kids))
        cause = None
        first = _first_conjunct(trig) if trig.tag_ == "VBG" else trig  # "killing nine and injuring 13"
        if (cand.code[:2] in VIOLENT_ROOTS and cand.pattern.kind == "verb" and cand.pattern.lemma in rules.casualties
                and trig.tag_ == "VBG" and first.dep_ in ("advcl", "conj", "xcomp") and first.head.i in violent):
            # "a suicide bomber detonated a vehicle, killing nine persons and injuring 13": the toll
            cause = violent[first.head.i]
        elif toll:
            # "X were killed and four others injured when militants fired ...": the coordinated
            # toll verbs share the clause that tells the cause
            verbs = [trig, *(v for v in trig.conjuncts if v.pos_ in ("VERB", "AUX"))]
            for k in (k for v in verbs for k in children[v.i]):
                if k.dep_ == "advcl":
                    cause = next((violent[i] for i in subtree_indices(k, children) if i in violent), None)
                elif k.dep_ == "prep" and k.lower_ in CAUSE_PREPS:
                    cause = next((violent[o.i] for o in children[k.i] if o.dep_ == "pobj" and o.i in violent), None)
                if cause is not None:
                    break
        if cause is None:
            kept.append(cand)
            if toll or _bare_participle(cand, rules):
                tolls.append(cand)
            continue
        last_cause = cause
        if cause.target is None and cand.target is not None:
            cause.target, cause.target_token = cand.target, cand.target_token  # the attack's victims
            cause.notes.append(f"victims from '{trig.text}'")
        if trace is not None:
            trace.append(f"  dropped {cand.code} '{trig.text}': the toll of '{cause.trigger.text}', coded as itself")
    if last_cause is None or not tolls:
        return kept
    if trace is not None:
        trace.extend(f"  dropped {t.code} '{t.trigger.text}': a toll beside that of '{last_cause.trigger.text}'"
                     for t in tolls)
    return [c for c in kept if all(c is not t for t in tolls)]
