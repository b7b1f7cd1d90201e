"""Did the event happen? Negation, hypotheticals, futures and questions.

The modality words are closed-class English grammar, not domain knowledge, so
they live here rather than in a data file.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..lexicon import lexicon
from .clause import MODALITY_DEPS, clause_verb
from .patterns import Pattern

NEGATORS = frozenset({"not", "n't", "never", "no"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "can", "must"})
# Verbs whose complement clause describes something that has not (yet) happened.
IRREALIS_GOVERNORS = frozenset({
    "threaten", "plan", "want", "seek", "try", "attempt", "intend", "promise", "pledge", "vow",
    "agree", "refuse", "decline", "fail", "hope", "aim", "prepare", "offer", "demand", "urge",
    "call", "ask", "propose", "wish", "expect", "consider", "warn", "vote", "push", "press",
    "need", "order", "deny", "reject", "oppose", "insist", "move", "fight", "struggle",
    "strive", "allow", "authorize", "encourage",
})
NEGATIVE_GOVERNORS = frozenset({"deny", "refuse", "decline", "fail", "reject"})
# "a lack of coordination between the army and police": the event noun did not happen.
ABSENCE_NOUNS = frozenset({"lack", "absence"})
# "the alleged killing", "its alleged responsibility for the execution": the act an allegation
# names is not asserted (annotation guide: the accusation is the event). A verb's "allegedly"
# ("soldiers allegedly massacred a dozen people") still reports the act, as the dev gold codes it.
ALLEGATION_WORDS = lexicon("allegation_words")
ACCUSATION_ROOT = "11"  # "the alleged collusion" is itself an accusation
# "accused the gang of kidnapping two farmers", "charged with murdering", "blamed for the attack",
# "charges of extortion": the act an accusation names is what is alleged, not what the article
# asserts (annotation guide: "X accused Y of killing Z" is an accusation by X; the killing is
# another event only when the article itself asserts it).
ACCUSING_VERBS = lexicon("accusing_verbs")
ACCUSING_NOUNS = lexicon("accusing_nouns")
ACCUSING_PREPS = frozenset({"of", "for", "with", "in"})
# "to prevent the plunder of its wealth", "avoided a clash": the event noun they take did not happen.
PREVENTING_VERBS = lexicon("preventing_verbs")
# Verbs whose "that" clause is what someone wants done, not what was done: "demanded that the
# government release the prisoners" is a demand (10x); the release has not happened.
DEMAND_GOVERNORS = frozenset({"demand", "urge", "request", "propose", "recommend", "require", "call", "press"})
# ... and these only when the clause's verb is a bare subjunctive ("insisted that he resign").
SUBJUNCTIVE_GOVERNORS = frozenset({"ask", "insist", "suggest", "order"})


def modality_of(trigger: Token, pattern: Pattern, children: list[list[Token]],
                sent_text: str) -> tuple[str, list[str]]:
    """Return (modality, notes) for an event triggered by ``trigger``.

    ``children`` is ``TokenColumns.children`` of the trigger's document and ``sent_text``
    the text of its sentence (``TokenColumns.span_text``; ``Span.text`` builds every token)."""
    notes: list[str] = []
    governor = _noun_governor(trigger)
    if governor is not None and governor.lemma_.lower() in ABSENCE_NOUNS:
        notes.append(f"negated by '{governor.text} of'")
        return "negated", notes
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in PREVENTING_VERBS:
        notes.append(f"prevented by '{trigger.head.text}'")
        return "negated", notes
    alleged = None
    if trigger.pos_ in ("NOUN", "PROPN") and pattern.code[:2] != ACCUSATION_ROOT:
        alleged = next((c for t in (trigger, governor) if t is not None for c in t.children
                        if c.dep_ == "amod" and c.lower_ in ALLEGATION_WORDS), None)
    if alleged is not None:
        notes.append(f"alleged: '{alleged.text}'")
        return "hypothetical", notes
    accuser = _accusation_over(trigger) if pattern.code[:2] != ACCUSATION_ROOT else None
    if accuser is not None:
        notes.append(f"named by the accusation '{accuser.text}'")
        return "hypothetical", notes
    verb = clause_verb(trigger, MODALITY_DEPS)
    kids = list(children[verb.i])
    if trigger.i != verb.i:
        kids += [c for c in children[trigger.i] if c.dep_ == "det" and c.lower_ == "no"]
    if trigger.dep_ == "acl" and trigger.head.i != trigger.i:
        # "there is no evidence linking X to Y": the noun the participle describes is denied
        kids += [c for c in children[trigger.head.i] if c.dep_ == "det" and c.lower_ == "no"]
    if any(c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("neg", "advmod", "det")) for c in kids):
        notes.append(f"negated by '{next(c.text for c in kids if c.lower_ in NEGATORS or c.dep_ == 'neg')}'")
        return "negated", notes
    aux = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
    if any(a in FUTURE_AUX for a in aux) or (
        "going" in aux and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)):
        notes.append("future auxiliary")
        return "future", notes
    if any(a in HYPOTHETICAL_AUX for a in aux):
        notes.append(f"modal '{next(a for a in aux if a in HYPOTHETICAL_AUX)}'")
        return "hypothetical", notes
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in kids):
        notes.append("conditional clause")
        return "hypothetical", notes
    # Complement of an irrealis verb: "threatened to attack", "refused to meet", "plans to visit".
    node = verb
    for _ in range(3):
        if node.dep_ in ("xcomp", "ccomp", "advcl", "acl") and node.head.i != node.i:
            gov = node.head
            to_inf = any(c.dep_ == "aux" and c.lower_ == "to" for c in children[node.i])
            if node.dep_ == "xcomp" and not to_inf:
                # "would help train a new unit", "will help build": a bare infinitive is as real as
                # the verb it completes, and that one is yet to come
                modal = next((c.lower_ for c in children[gov.i] if c.dep_ == "aux"
                              and (c.lower_ in FUTURE_AUX or c.lower_ in HYPOTHETICAL_AUX)), None)
                if modal is not None:
                    notes.append(f"complement of '{modal} {gov.text}'")
                    return ("future" if modal in FUTURE_AUX else "hypothetical"), notes
            if node.dep_ in ("xcomp", "acl", "advcl") and to_inf and gov.lemma_.lower() in IRREALIS_GOVERNORS:
                kind = "negated" if gov.lemma_.lower() in NEGATIVE_GOVERNORS else "hypothetical"
                notes.append(f"complement of '{gov.text}'")
                return kind, notes
            if node.dep_ in ("advcl", "acl") and to_inf:
                notes.append(f"purpose clause of '{gov.text}'")
                return "hypothetical", notes
            if node.dep_ == "ccomp" and (gov.lemma_.lower() in DEMAND_GOVERNORS or (
                    gov.lemma_.lower() in SUBJUNCTIVE_GOVERNORS and node.tag_ == "VB"
                    and not any(c.dep_ in ("aux", "auxpass") for c in children[node.i]))):
                notes.append(f"demanded by '{gov.text}'")
                return "hypothetical", notes
            if node.dep_ == "ccomp" and gov.lemma_.lower() in ("deny",):
                notes.append(f"denied by '{gov.text}'")
                return "negated", notes
            node = gov
        else:
            break
    if sent_text.rstrip().rstrip('"\'”’').endswith("?"):
        notes.append("question")
        return "hypothetical", notes
    return "asserted", notes


def _accusation_over(trigger: Token) -> Token | None:
    """The accusing word whose "of/for/with/in" phrase names the act ``trigger``: "accused" in
    "accused the gang of kidnapping", "charges" in "charges of extortion"; None otherwise."""
    if trigger.dep_ not in ("pcomp", "pobj") or trigger.head.lower_ not in ACCUSING_PREPS:
        return None
    head = trigger.head.head
    if head.i == trigger.head.i:
        return None
    if head.dep_ == "dobj" and head.head.pos_ == "VERB" and head.head.lemma_.lower() in ACCUSING_VERBS:
        return head.head  # "accused the gang of kidnapping": the parse hangs the act on the accused
    lemma = head.lemma_.lower()
    if (head.pos_ in ("VERB", "ADJ") and lemma in ACCUSING_VERBS) or (head.pos_ == "NOUN" and lemma in ACCUSING_NOUNS):
        return head
    return None


def _noun_governor(trigger: Token) -> Token | None:
    """The noun whose "of/for/in" phrase holds the event noun ``trigger``: "lack" in "a lack of
    coordination", "responsibility" in "its responsibility for the execution"; None otherwise."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "pobj":
        return None
    prep = trigger.head
    if prep.lower_ not in ("of", "for", "in") or prep.head.i == prep.i or prep.head.pos_ != "NOUN":
        return None
    return prep.head
