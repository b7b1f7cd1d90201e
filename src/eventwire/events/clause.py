"""The clause of an event: the verb that carries it and the tokens around that verb.

A verb trigger is its own clause verb. A noun trigger ("the arrest of ...", "talks with
...") hangs off a verb, up to three dependency steps away; ``clause_verb`` walks up to it
over the dependencies it is given. The coder reads the event's date and places in the
clause (``clause_tokens``), modality reads negation and auxiliaries on the clause verb, and
an accusation reads the clause a statement reports (``reported_clause``); the verb that
reports a trigger's clause, at any depth, is ``reporting_head``.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

VERB_POS = ("VERB", "AUX")
# How far up a noun trigger's clause reaches, for each reader. Modality follows every
# argument role: negation and auxiliaries on the verb govern a noun that is its subject
# ("no attack took place"), a conjunct ("talks and a truce were not agreed") or a compound
# modifier ("peace talks"). The places and date of an event follow the object-like roles
# only (object, preposition, passive subject, attribute): a noun that is the active subject
# of a verb keeps its own phrase as its clause, because that verb is usually a second event
# ("the bombing in Tripoli killed five") whose places are not the noun's.
PLACE_DEPS = frozenset({"dobj", "pobj", "prep", "nsubjpass", "attr"})
MODALITY_DEPS = PLACE_DEPS | {"nsubj", "conj", "compound"}
# A child that opens a clause of its own: its subtree is another event's, unless the
# trigger sits inside it.
CLAUSE_BREAK_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj"})
MAX_STEPS = 3


def clause_verb(token: Token, deps: frozenset[str]) -> Token:
    """The verb whose clause carries an event triggered by ``token``: ``token`` itself if a
    verb, else the first verb up to ``MAX_STEPS`` heads up over ``deps`` (``PLACE_DEPS``,
    ``MODALITY_DEPS``), else ``token``."""
    if token.pos_ in VERB_POS:
        return token
    head = token
    for _ in range(MAX_STEPS):
        if head.dep_ not in deps or head.head.i == head.i:
            break
        head = head.head
        if head.pos_ in VERB_POS:
            return head
    return token


def clause_tokens(trigger: Token, children: list[list[Token]]) -> set[int]:
    """The token indices of the trigger's clause, for its date and places (``children`` is
    ``TokenColumns.children``). A noun trigger reaches its verb over ``PLACE_DEPS``; any
    other trigger that is not a verb (an adjective, say) is its own clause head."""
    head = clause_verb(trigger, PLACE_DEPS) if trigger.pos_ in ("NOUN", "PROPN") else trigger
    keep: set[int] = set()
    stack = [head]
    while stack:
        t = stack.pop()
        keep.add(t.i)
        for c in children[t.i]:
            if c.dep_ in CLAUSE_BREAK_DEPS and c.pos_ in VERB_POS and c.i != trigger.i \
                    and not c.is_ancestor(trigger):  # the trigger is not inside c's subtree
                continue
            stack.append(c)
    return keep


def reported_clause(trigger: Token, children: list[list[Token]]) -> Token | None:
    """The head of the clause a statement verb reports ("claimed [the victims were ...]"):
    its first clausal complement (``ccomp``), or None."""
    for c in children[trigger.i]:
        if c.dep_ == "ccomp":
            return c
    return None


def reporting_head(trigger: Token, reports: Callable[[Token], bool]) -> Token | None:
    """The nearest head, at any depth above ``trigger``, whose clausal complement holds it and
    that ``reports`` accepts ("said" in "officials said [rebels attacked]"); None if none."""
    tok = trigger
    while tok.head.i != tok.i:
        if tok.dep_ in ("ccomp", "parataxis") and reports(tok.head):
            return tok.head
        tok = tok.head
    return None
