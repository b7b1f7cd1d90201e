"""Choose the events of a sentence from the pattern matches.

- a support verb over an event noun yields one event: a verbal reaction
  ("condemned the attack") keeps the verb, otherwise the noun is the event
  ("launched an offensive"); an event noun that modifies another ("a review meeting") is its kind;
- a statement (root 01) is kept only when the sentence holds no other event;
- a future meeting someone announces or the sentence states ("will meet") is CAMEO 036, an expressed
  intent; a future inside a clause no one tells ("it is unclear who will ...") is no one's intent;
- duplicates (same actors, same code) collapse to the most specific match, and coordinated verbs
  of one root on the same words ("abducted and killed by the rebels") to the last, their outcome;
- events are ordered by salience: closest to the sentence root first.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..cameo import intent_by_root, refusal_by_code
from ..lexicon import lexicon
from .clause import reporting_head
from .match import LIGHT_VERBS, SPEECH_LEMMAS, Candidate, claimed_act, reports_before


def _depth(tok: Token) -> int:
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok = tok.head
        d += 1
    return d


def _root(code: str) -> int:
    return int(code[:2])


# CAMEO codes an announced future act as the expression of intent: cooperation under 03,
# conflict under 13 ("will meet" -> 036, "will attack" -> 138). A refusal to yield is 124x.
# Both maps are columns of data/cameo.tsv (intent, refusal).
INTENT_BY_ROOT = intent_by_root()
REFUSAL_BY_CODE = refusal_by_code()
INTENT_AUX = ("future auxiliary", "modal 'would'")
VIOLENT = ("17", "18", "19", "20")
DOCUMENT_NOUNS = lexicon("document_nouns")
MEANS_PREPS = ("in", "during")  # "killed in an attack": the event the verb's act was part of
# "murdered after his resignation", "ordered the arrests following an investigation": a phrase of
# time names another event, before or after the verb's own, not what the verb acts on ("during"
# is left out: "killed during clashes", "surrendered during talks" mostly tell the verb's setting).
TIME_PREPS = ("after", "before", "following", "since")



def _announced(trig: Token) -> bool:
    """Someone tells the act to come: a verb reports the trigger's clause ("the army said it
    would attack", "the governor disclosed that the police will arrest them"), or the sentence
    states it ("France will meet Germany next week", "the union would hold talks": a modal on
    the main clause). A future inside a clause that no one tells is the writer's
    guess, no one's intent: "it is unclear who will prosecute him", "what action the government
    will take is unknown"."""
    if reporting_head(trig, lambda head: head.pos_ == "VERB" or head.lemma_.lower() in SPEECH_LEMMAS):
        return True
    verb = trig
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _announced_intent(c: Candidate) -> None:
    why = c.notes[0] if c.notes else ""
    if c.modality in ("future", "hypothetical") and why.startswith(INTENT_AUX) and _announced(c.trigger):
        new = INTENT_BY_ROOT.get(c.code[:2])
        if new is not None:
            c.notes.append(f"announced intent: {c.code} -> {new}")
            c.code = new
        c.modality = "asserted"
    elif c.modality == "negated" and why.startswith("negated") and c.code[:2] == "08":
        new = REFUSAL_BY_CODE.get(c.code, "124")
        c.notes.append(f"refusal to yield: {c.code} -> {new}")
        c.code = new
        c.modality = "asserted"


def _attribution(c: Candidate) -> bool:
    """A statement after the words it reports ("..., diplomats said") attributes them.

    So does an accusation recoded from such a statement when no party to the story makes it:
    "..., the newspaper added" or "..., the report said" cites a news outlet or a document
    (data/lexicon.yaml: document_nouns) for the facts before it."""
    if c.pattern.kind != "verb" or not reports_before(c.trigger):
        return False
    if c.code == "010":
        return True
    if c.pattern.code[:2] != "01" or c.code[:2] == "01":
        return False
    if c.source is not None:
        return "MED" in c.source.sectors
    subject = next((k for k in c.trigger.children if k.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in DOCUMENT_NOUNS


def _has_party(group: list[Candidate]) -> bool:
    return any(c.source is not None or c.target is not None for c in group)


def _only_noun_has_parties(verb: list[Candidate], noun: list[Candidate]) -> bool:
    """"was gunned down in a firefight with police": the verb names no party, the event noun
    it happened in does; the noun is kept rather than lose the event with the partyless verb
    (only through MEANS_PREPS: "murdered after his resignation" is two events), or when both tell
    one act ("a truce between the MS-13 and Barrio 18 was brokered": the truce names its parties)."""
    return not _has_party(verb) and _has_party(noun)


def _parties(c: Candidate) -> tuple:
    """The root and the very words of the source and target of a match."""
    return (c.source.start if c.source else None, c.target.start if c.target else None, c.code[:2])


def _one_per_coordinated_act(kept: list[Candidate]) -> list[Candidate]:
    """Coordinated verbs of one root done by the same party to the same party tell one act, the
    last verb its outcome: "was abducted and killed by the rebels" is the killing, "arrested and
    jailed" the jailing. Each earlier verb of such a pair is left out."""
    verbs = {c.trigger.i: c for c in kept if c.pattern.kind == "verb"}
    earlier = set()
    for c in verbs.values():
        head = c.trigger.head
        if c.trigger.dep_ == "conj" and head.i in verbs and _parties(verbs[head.i]) == _parties(c):
            earlier.add(head.i)
    return [c for c in kept if c.trigger.i not in earlier]


def _another_time(via: Token, noun: Candidate, verb: Candidate) -> bool:
    """The event noun is in a phrase of time of the verb (TIME_PREPS) and is another kind of
    act: "ordered the arrests following an investigation" is an investigation and an order.
    Violence or coercion beside a violent or coercive act ("arrested after the attack") stays
    one event, as does the same kind of act."""
    if via.lower_ not in TIME_PREPS or noun.code[:2] == verb.code[:2]:
        return False
    return not (noun.code[:2] in VIOLENT and verb.code[:2] in VIOLENT)


_GIVEN_DETS = ("the", "this", "that", "these", "those")  # a definite phrase names what was told before


def _told_first(act: Token) -> bool:
    """An act noun that names its undergoer as someone not told before: "the killing of three
    men", "the kidnapping of a mayor", not "the attack" nor "the attacks on the checkpoints",
    which retell an incident the article gave already (a claim of responsibility then only
    claims it)."""
    for prep in act.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "on", "against"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and not any(
                        k.dep_ == "poss" or (k.dep_ == "det" and k.lower_ in _GIVEN_DETS) for k in obj.children):
                    return True
    return False


def select_events(cands: list[Candidate], *, require_actor: bool = True) -> list[Candidate]:
    if not cands:
        return []
    by_trigger: dict[int, list[Candidate]] = {}
    for c in cands:
        by_trigger.setdefault(c.trigger.i, []).append(c)

    dropped: set[int] = set()
    for ti, group in by_trigger.items():
        trig = group[0].trigger
        if trig.pos_ in ("NOUN", "PROPN"):
            head = trig.head
            via = trig
            if trig.dep_ == "pobj" and head.dep_ == "prep":
                via, head = head, head.head
            if via.dep_ in ("dobj", "pobj", "prep", "nsubjpass") and head.i in by_trigger and head.i != ti \
                    and not _another_time(via, group[0], by_trigger[head.i][0]):
                verb = by_trigger[head.i][0]
                specific = bool(verb.pattern.objects)
                light = verb.trigger.lemma_.lower() in LIGHT_VERBS
                generic_statement = _root(verb.code) <= 2 and _root(group[0].code) > 2
                same_act = _root(verb.code) == _root(group[0].code)  # "a truce ... was brokered"
                if (specific or not (light or generic_statement)) \
                        and not ((via.lower_ in MEANS_PREPS or same_act)
                                 and _only_noun_has_parties(by_trigger[head.i], group)):
                    dropped.add(ti)  # "condemned the attack", "suspended aid": the verb is the event
                else:
                    dropped.add(head.i)  # "carried out an attack", "held talks": the noun is the event
        if trig.pos_ == "NOUN" and trig.dep_ == "compound" and trig.head.i in by_trigger and trig.head.i != ti:
            dropped.add(ti)  # "a review meeting", "a rescue mission": the noun it modifies is the event
        elif trig.dep_ in ("acl", "relcl") and trig.head.i in by_trigger and trig.head.i != ti:
            dropped.add(ti)  # "the warrant issued by X": the clause describes the noun's event
    # An event noun inside the object of a reaction ("expressed condolences over the attack",
    # "denied charges of torture") is the topic of that reaction, not a new event.
    for ti, group in by_trigger.items():
        trig = group[0].trigger
        if ti in dropped or trig.pos_ not in ("NOUN", "PROPN"):
            continue
        if claimed_act(trig) is not None and _told_first(trig):
            continue  # "claimed responsibility for the killing of three men": the claimer did it
        node = trig
        for _ in range(6):
            if node.dep_ not in ("pobj", "prep", "dobj", "compound", "conj", "appos", "pcomp") \
                    or node.head.i == node.i:
                break
            node = node.head
            if node.pos_ in ("VERB", "AUX") and node.i not in by_trigger and node.lemma_.lower() in LIGHT_VERBS \
                    and node.dep_ in ("pcomp", "xcomp"):
                continue  # "accused Moscow of launching an invasion": look past the support verb
            owner = by_trigger.get(node.i)
            if owner is not None and node.i not in dropped and node.i != ti:
                oc = owner[0]
                if _root(oc.code) <= 2 and oc.pattern.objects \
                        or (node.pos_ in ("NOUN", "PROPN") and _root(oc.code) <= 2) \
                        or (node.pos_ in ("VERB", "AUX") and 9 <= _root(oc.code) <= 13):
                    dropped.add(ti)  # "accused X of an invasion", "denied charges of torture": alleged
                break
    kept = [c for c in cands if c.trigger.i not in dropped]
    # "..., diplomats said": a statement after the words it reports attributes them; it is
    # the source of the news, not the news (annotation guide). Dropped first, so that it
    # does not stand in for the sentence's other events below.
    kept = [c for c in kept if not _attribution(c)]

    for c in kept:
        _announced_intent(c)

    if require_actor:
        kept = [c for c in kept if c.source is not None or c.target is not None]
    # A half-filled match is redundant beside a full one with the same source and code family.
    full = {(c.source.code if c.source else None, c.code[:2]) for c in kept if c.source and c.target}
    full_t = {(c.target.code if c.target else None, c.code[:2]) for c in kept if c.source and c.target}
    kept = [c for c in kept if (c.source and c.target)
            or (c.source and (c.source.code, c.code[:2]) not in full)
            or (c.target and not c.source and (c.target.code, c.code[:2]) not in full_t)
            or (not c.source and not c.target)]
    # The generic statement (010) is coded only when the sentence holds no other event;
    # specific comments (012 pessimism, 015 claims, 016 denials, 018 condolences) are events.
    # Only an asserted event replaces it: "said that the government must ensure security"
    # reports a statement, not an ensuring.
    if any(c.code != "010" and c.modality == "asserted" for c in kept):
        kept = [c for c in kept if c.code != "010"]

    kept = _one_per_coordinated_act(kept)
    kept.sort(key=lambda c: (c.modality != "asserted", _depth(c.trigger), c.trigger.i,
                             -c.pattern.specificity))
    seen: set[tuple] = set()
    out: list[Candidate] = []
    for c in kept:
        key = (c.source.code if c.source else None, c.target.code if c.target else None, c.code)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out
