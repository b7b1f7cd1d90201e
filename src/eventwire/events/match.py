"""Match event patterns over the dependency parse of one sentence.

For each token whose lemma is a pattern trigger, the most specific pattern whose
constraints hold wins. Arguments come from the parse:

- verbs: source = subject (or the ``by`` agent of a passive; inherited through
  coordination, ``xcomp`` and relative clauses), target = direct object, the
  object of the pattern's preposition, or of a default target preposition;
- nouns: source = possessive (the target instead for nouns of undergoing, "Ventura's
  arrest", unless an "of" phrase names who underwent it), ``by`` phrase, or the subject of
  the governing (support) verb ("Haftar launched an offensive"); target = the object of
  of/on/against/with/to/between, or of a purpose clause ("an offensive to seize Tripoli").
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Span, Token

from ..actors.resolve import ARMED_SECTORS, STATE_SECTOR
from ..lexicon import lexicon, ordered_lexicon
from ..models import Actor
from ..nlp import TokenColumns
from ..places.gazetteer import is_division_word
from ..userfiles import packaged_text, parse_rule_mapping, rule_words
from .modality import modality_of
from .patterns import Pattern, PatternSet

VERB_TARGET_PREPS = ordered_lexicon("verb_target_preps")
NOUN_TARGET_PREPS = ordered_lexicon("noun_target_preps")
SPEECH_LEMMAS = lexicon("speech_lemmas")
SUBJ_DEPS = ("nsubj", "nsubjpass", "csubj")
QUANTITY_NOUNS = lexicon("quantity_nouns")
SERIES_NOUNS = lexicon("series_nouns")  # "a wave of killings": the verb of the wave governs the killings
RAISING_VERBS = lexicon("raising_verbs")  # "is suspected to have been abducted": the subject undergoes it
NAME_ENTS = frozenset({"ORG", "GPE", "PERSON", "NORP", "FAC", "LOC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"})
# Support verbs lend their subject to an event noun ("Haftar launched an offensive");
# other verbs do not ("Libya faced a wider war" is not Libya waging war).
LIGHT_VERBS = lexicon("light_verbs")
SEQUENCE_ADVERBS = lexicon("sequence_adverbs")
NUMBER_WORDS = ordered_lexicon("number_words")  # one, two, ... twenty: their value is their place
STATE_PARTICIPLES = lexicon("state_participles")
MUTUAL_WORDS = lexicon("mutual_words")  # "the two cartels clashed": each fights the other
ATTRIBUTION_VERBS = lexicon("attribution_verbs")  # "blamed the murders on the gangs": the gangs
UNDERGOING_VERBS = lexicon("undergoing_verbs")
TOLL_VERBS = lexicon("toll_verbs")  # "a bomb blast left 12 policemen dead": its victims
TOLL_WORDS = lexicon("toll_words")
DYING_VERBS = lexicon("dying_verbs")  # "18 people perished after an army incursion": its victims
# What a toll is the outcome of: "were injured in the blast", "perished after an incursion"
CAUSE_PREPS = frozenset({"in", "during", "after", "following"})
UNDERGOER_ROLES = lexicon("undergoer_roles")  # "X is the target of an investigation": X undergoes it
ACCUSING_VERBS = lexicon("accusing_verbs")  # "an indictment charging X": X is who it is against
CAUSATIVE_VERBS = lexicon("causative_verbs")  # "had them murdered": they undergo, the subject acts
RECEIVING_VERBS = lexicon("receiving_verbs")  # "received threats from X": X threatens the subject
OWN_ACT_REPORTS = lexicon("own_act_reports")
CLAIMING_VERBS = lexicon("claiming_verbs")  # "claimed responsibility for the killing": the claimer did it
CLAIMED_NOUNS = lexicon("claimed_nouns")
ACCUSING_NOUNS = lexicon("accusing_nouns")  # "allegations that the army ...": the clause's subject is accused
SELF_ACT_NOUNS = lexicon("self_act_nouns")  # "the demobilization of the AUC": the AUC acts
SINGLING_ADVERBS = lexicon("singling_adverbs")  # "critics -- particularly the minister --"
STATE_PAIR_NOUNS = lexicon("state_pair_nouns")  # "both countries": the last two named
# the roots of cooperation (intent, consultation, diplomacy, material help): what "both countries"
# do with no one else named they do with each other
PAIR_COOPERATION_ROOTS = ("03", "04", "05", "06")
PAIR_WORDS = lexicon("pair_words")
# "a CICIG-led investigation", "an army-led offensive": who leads it acts
LEADING_PARTICIPLES = ("lead", "head", "command", "run", "direct")
HOLDING_PARTICIPLES = lexicon("holding_participles")  # "a ranch owned by X": X's ranch
OBJECT_PRONOUNS = ("him", "her", "them")  # a person or people named before: earlier_object
TIME_PREPS = ("after", "before", "since", "upon", "while", "when")  # "after being arrested, X was ..."
INSTRUMENT_PREPS = ("through", "via")  # "through investigations, police found ...": the subject's means
# "captured the gang leader in the town of X", "cancelled the visit in March": a phrase of place
# or time says where or when, not what was acted on.
WHERE_PREPS = lexicon("where_preps")
_WHERE_ENTS = ("GPE", "LOC", "FAC", "DATE", "TIME")
DOCUMENT_NOUNS = lexicon("document_nouns")  # writings that speak for their author
STATE_VERBS = lexicon("state_verbs")  # "stands accused": a participle after them is undergone
REPORTING_STATE = ("GOV", "COP", "MIL", "JUD", "SPY")  # sectors that report what the state did
STATE_ACT_ROOT = "17"  # the coercive acts (arrests, seizures) a state reports as its own
FORCE_ROOTS = ("19", "20")  # armed force: "an army incursion" is the army's
# Acts a modifier names the doer of: armed force ("an army incursion") and protest ("opposition
# protests", "inmate uprisings", "teacher strikes": the modifier protests)
MODIFIER_DOER_ROOTS = (*FORCE_ROOTS, "14")
# Acts two parties do to each other, whose "between" phrase may name both sides in one plural
# actor ("a shootout between rival gangs", "talks between the factions"); a robbery or a
# killing "between" them is no mutual act.
MUTUAL_ROOTS = ("04", "05", "06", "08", "16", "19")
# Appeals, demands and disapproval whose words are a that-clause: about the clause's subject
CLAUSE_PARTY_ROOTS = ("02", "10", "11")
FINITE_AUX_TAGS = ("VBZ", "VBP", "VBD", "MD")  # "has", "have", "had", "will": a clause of its own
# Where an event noun happened, not what it acted on: "his capture in the town of X" is no
# capture of a town.
NOUN_WHERE_PREPS = ("in", "at", "near")


@dataclass(slots=True)
class Candidate:
    """One pattern that fired on one trigger, with its arguments (internal to events/)."""

    pattern: Pattern
    trigger: Token
    source: Actor | None
    target: Actor | None
    modality: str
    notes: list[str] = field(default_factory=list)
    code: str = ""
    source_token: Token | None = None
    target_token: Token | None = None

    def __post_init__(self) -> None:
        if not self.code:
            self.code = self.pattern.code


# the party a stance noun is towards: "support for X", "gratitude to X"
STANCE_PREPS = ("for", "to", "toward", "towards")

def claimed_act(trigger: Token) -> Token | None:
    """The claiming verb when the event noun ``trigger`` is the act a party claims ("the gang
    claimed responsibility for the killing of three men", "took credit for the bombing":
    ``claiming_verbs``, ``claimed_nouns``); None otherwise."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "for":
        return None
    noun = trigger.head.head
    if noun.dep_ != "dobj" or _lemma(noun) not in CLAIMED_NOUNS or noun.head.i == noun.i:
        return None
    verb = noun.head
    return verb if _lemma(verb) in CLAIMING_VERBS else None


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _intensive(tok: Token) -> bool:
    """An intensive pronoun ("the army itself"), a second subject the parse gives a verb."""
    return tok.tag_ == "PRP" and tok.lower_.endswith(("self", "selves"))


def _shifted_object(tok: Token) -> bool:
    """An object after a long adverbial, which the parser reads as one ("returned to Brazil last
    week 21 frogs"): a noun adverbial that is no date or time."""
    return tok.dep_ == "npadvmod" and tok.pos_ == "NOUN" and tok.ent_type_ not in ("DATE", "TIME")


def _children(kids: list[Token], *deps: str) -> list[Token]:
    return [c for c in kids if c.dep_ in deps]


def _first_conjunct(verb: Token) -> Token:
    """The first of the verbs coordinated with ``verb`` ("abducted" in "abducted and killed")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head
    return verb


def _conjuncts_of(tok: Token) -> list[Token]:
    """The token and its coordinated siblings ("Russia and the United States")."""
    out = [tok]
    for c in tok.conjuncts:
        if c.i != tok.i and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
    return out


def _under_between(tok: Token, trigger: Token) -> bool:
    """Whether ``tok`` hangs on a 'between' phrase below ``trigger``."""
    while tok.i != trigger.i and tok.head.i != tok.i:
        if tok.dep_ == "prep" and tok.lower_ == "between":
            return True
        tok = tok.head
    return False


def hyphen_joined(before: Token, after: Token) -> bool:
    """``before``, a hyphen, then ``after``, the parse hanging one on the other: "Peru-Chile"."""
    return before.i + 2 == after.i and before.doc[before.i + 1].tag_ == "HYPH" \
        and (before.head.i == after.i or after.head.i == before.i)


def named_alike(first: Token, second: Token, trigger: Token) -> bool:
    """Whether two parties of a symmetric event are named alike, so that each acts on the other:
    coordinated ("Peru and Chile signed a deal", "the governments of Peru and Chile"), both in a
    'between' phrase ("talks between Peru and Chile"), or both modifiers of the event noun ("a
    joint Peru-Chile operation"). When one is the subject and the other an object ("Peru forged an
    alliance with Chile", "Peru met Chile"), the subject's act is the event, coded once, as the
    article annotation guide's gold does."""
    if second in first.conjuncts or (first.dep_ == second.dep_ == "conj" and first.head.i == second.head.i):
        return True
    if _under_between(first, trigger) and _under_between(second, trigger):
        return True
    if hyphen_joined(first, second) or hyphen_joined(second, first):
        return True  # "a joint Peru-Chile operation"
    return first.head.i == second.head.i == trigger.i and first.dep_ == second.dep_ \
        and first.dep_ in ("compound", "amod", "nmod")


def reports_before(verb: Token) -> bool:
    """A verb of saying after the words it reports: "..., diplomats said" (the words are its
    ``ccomp``) or "..., reported the agency" (a conjunct after a comma, with no subject of its own)."""
    if any(k.dep_ == "ccomp" and k.i < verb.i for k in verb.children):
        return True
    return inverted_speaker(verb) is not None


def inverted_speaker(verb: Token) -> Token | None:
    """The speaker named after a verb of saying that follows what it reports, with no subject
    before it: "He was wanted in three countries, reported the agency" (the parse makes the
    agency an object, and the verb a conjunct sharing the first clause's subject)."""
    if verb.lemma_.lower() not in SPEECH_LEMMAS or verb.i == 0 or verb.doc[verb.i - 1].text != ",":
        return None
    if any(k.dep_ in SUBJ_DEPS for k in verb.children):
        return None
    if not (any(k.dep_ == "ccomp" and k.i < verb.i for k in verb.children)
            or (verb.dep_ in ("conj", "parataxis", "advcl", "dep") and verb.head.i < verb.i)):
        return None
    return next((k for k in verb.children if k.dep_ == "dobj" and k.i > verb.i), None)


def relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for: in "Lopez, who was arrested and later jailed by the
    police" and "the man whom soldiers shot", "who" and "whom" are the noun the clause modifies.
    An object 'that' beside another object of its verb is no relative pronoun: in "the findings
    that soldiers massacred 15 people" the clause says what the findings are, and the people
    are who was massacred."""
    if tok.tag_ not in ("WP", "WDT") or tok.dep_ not in ("nsubj", "nsubjpass", "dobj"):
        return None
    if tok.dep_ == "dobj" and any(k.dep_ == "dobj" and k.i != tok.i for k in tok.head.children):
        return None
    verb = _first_conjunct(tok.head)
    if verb.dep_ != "relcl" or verb.head.i == verb.i or verb.head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    return verb.head


def stated_count(tok: Token, children: list[list[Token]]) -> int | None:
    """The number a phrase gives before its noun: "10 Rotela Clan members" 10, "more than a dozen
    people" 12, "at least 15 individuals" 15; None when it gives none."""
    for i in subtree_indices(tok, children):
        t = tok.doc[i]
        if i >= tok.i:
            break  # the count stands before the noun
        word = t.lower_.replace(",", "")
        if word.isdigit():
            return int(word)
        if word == "dozen":
            return 12
        if word in NUMBER_WORDS:
            return NUMBER_WORDS.index(word) + 1
    return None


def subtree_indices(head: Token, children: list[list[Token]]) -> list[int]:
    """The token indices of ``head``'s subtree in order (``children``: ``TokenColumns.children``)."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t.i)
        stack.extend(children[t.i])
    return sorted(out)


@cache
def load_patient_nouns() -> frozenset[str]:
    """Event nouns whose possessor is the one acted upon (``data/patient_nouns.yaml``)."""
    text, path = packaged_text("patient_nouns.yaml")
    problem = "expected 'patient_nouns:' with a list of nouns"
    data = parse_rule_mapping(text, path, problem=problem)
    return frozenset(w.lower() for w in rule_words(data.get("patient_nouns"), path, problem, line=1, empty=True))


class SentenceMatcher:
    def __init__(self, sent: Span, actors: dict[int, Actor], patterns: PatternSet,
                 trace: list[str] | None = None, columns: TokenColumns | None = None) -> None:
        self.patient_nouns = load_patient_nouns()
        self.sent = sent
        self.actors = actors
        self.patterns = patterns
        self.trace = trace
        self.columns = columns or TokenColumns.of(sent.doc)
        self.kids = self.columns.children
        lemma = self.columns.lemma
        self.quote_sources = {
            c.i for i in range(sent.start, sent.end) if lemma[i] in SPEECH_LEMMAS
            for c in self.kids[i] if c.dep_ in SUBJ_DEPS
        }
        self.within_one: set[int] = set()  # triggers whose two sides are members of one actor
        self.stranded: set[int] = set()  # subjects the parse joined to a noun before them
        self.state_pairs: set[frozenset[int]] = set()  # the two countries "both countries" named

    def log(self, msg: str) -> None:
        if self.trace is not None:
            self.trace.append(msg)

    # ---- actor lookup over a phrase ----
    def actor_in(self, tok: Token | None, depth: int = 0, allow_of: bool = True) -> tuple[Actor | None, Token | None]:
        """The actor a phrase denotes: its head, else an 'of'/possessive complement ("the arrest of X")."""
        if tok is None or depth > 3:
            return None, None
        a = self.actors.get(tok.i)
        if a is not None:
            return a, tok
        if not allow_of and tok.pos_ in ("NOUN", "PROPN") and is_division_word(tok.lower_):
            # "the state of Veracruz fired ...": the place named acts (its government, as_state_actor).
            for c in self.kids[tok.i]:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in _children(self.kids[c.i], "pobj"):
                        a = self.actors.get(p.i)
                        if a is not None and not a.sectors:
                            return a, p
        if not allow_of and tok.pos_ in ("NOUN", "PROPN"):
            # "A US drone strike killed ...": the owner of an acting thing acts.
            for c in self.kids[tok.i]:
                if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and c.i in self.actors:
                    return self.actors[c.i], c
            for c in self.leader_of(tok):  # "an army-led offensive killed ...": its leader acts
                return self.actors[c.i], c
            for c in self.kids[tok.i]:
                if c.dep_ == "appos" and c.i in self.actors and self.actors[c.i].sectors and (
                        tok.pos_ == "PROPN" or _lemma(c.left_edge) in SINGLING_ADVERBS):
                    # "the Jalisco Cartel - New Generation (CJNG) has taken over": a name the KB
                    # does not hold is the body its apposition names ("(Bogota)" is where it is);
                    # "truce critics -- particularly Security Minister X -- claimed": the one singled out
                    return self.actors[c.i], c
        if allow_of:
            for c in self.kids[tok.i]:
                if c.dep_ == "appos" and any(k.dep_ == "poss" for k in self.kids[tok.i]):
                    # "fought their main rival, the Gulf Cartel": the apposition names the one
                    # the noun is; its possessor is another party
                    found = self.actor_in(c, depth + 1, allow_of=False)
                    if found[0] is not None:
                        return found
            for c in self.kids[tok.i]:
                if c.dep_ == "poss":
                    a2 = self.actors.get(c.i)
                    if a2 is not None:
                        return a2, c
            for c in self.kids[tok.i]:
                if c.dep_ == "prep" and c.lower_ in ("of", "against", "on", "with", "by"):
                    for p in _children(self.kids[c.i], "pobj"):
                        found = self.actor_in(p, depth + 1)
                        if found[0] is not None:
                            return found
            for c in self.kids[tok.i]:
                if c.dep_ == "appos":
                    found = self.actor_in(c, depth + 1, allow_of=False)
                    if found[0] is not None:
                        return found
            # "Daesh positions", "three Iranian organizations", "US assertions": the owner of a thing.
            for c in self.kids[tok.i]:
                if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i and c.i in self.actors:
                    return self.actors[c.i], c
            # "sanctions imposed on China": a participle clause names the party.
            for c in self.kids[tok.i]:
                if c.dep_ == "acl":
                    held = self.holder(c, depth)
                    if held[0] is not None:
                        return held
                    for p in self.kids[c.i]:
                        if p.dep_ == "prep" and p.lower_ in ("on", "against", "to", "with"):
                            for o in _children(self.kids[p.i], "pobj"):
                                found = self.actor_in(o, depth + 1)
                                if found[0] is not None:
                                    return found
                    for o in _children(self.kids[c.i], "dobj") if _lemma(c) in ACCUSING_VERBS else []:
                        # "the unsealing of an indictment charging Blanco": the one it accuses
                        found = self.actor_in(o, depth + 1)
                        if found[0] is not None:
                            return found
        return self.group_member(tok)

    def group_member(self, tok: Token) -> tuple[Actor | None, Token | None]:
        """People named as being in an armed group are of it: "rivals in the Red Command", "his
        allies in the Zetas" - a plural common noun before a group's name (a place after "in" says
        where; "a role in the criminal landscape" names no one)."""
        if tok.tag_ != "NNS":
            return None, None
        for c in self.kids[tok.i]:
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in _children(self.kids[c.i], "pobj"):
                    a = self.actors.get(p.i)
                    if a is not None and a.sectors and a.sectors[0] in ARMED_SECTORS and p.pos_ == "PROPN" \
                            and p.ent_type_ not in ("GPE", "LOC", "FAC"):
                        return a, p
        return None, None

    def holder(self, participle: Token, depth: int) -> tuple[Actor | None, Token | None]:
        """"a wing of the prison controlled by the Zetas": the agent of a holding participle
        (``holding_participles``) owns the noun it modifies, as a possessor would."""
        if participle.tag_ != "VBN" or _lemma(participle) not in HOLDING_PARTICIPLES:
            return None, None
        for by in _children(self.kids[participle.i], "agent"):
            for o in _children(self.kids[by.i], "pobj"):
                found = self.actor_in(o, depth + 1, allow_of=False)
                if found[0] is not None:
                    return found
        return None, None

    def leader_of(self, noun: Token) -> list[Token]:
        """The party named before a "-led" modifier: "a CICIG-led investigation", "an army-led
        offensive" (the parse hangs the party on the participle)."""
        return [g for c in self.kids[noun.i] if c.dep_ == "amod" and c.tag_ == "VBN"
                and _lemma(c) in LEADING_PARTICIPLES
                for g in self.kids[c.i] if g.dep_ in ("npadvmod", "compound", "nmod") and g.i in self.actors]

    def author_of(self, tok: Token | None) -> list[tuple[Actor, Token]]:
        """Who wrote a document that acts as a subject: "a report by the State Department accused
        ...", "the army's report said ...": its author speaks through it."""
        if tok is None or _lemma(tok) not in DOCUMENT_NOUNS:
            return []
        for c in self.kids[tok.i]:
            if c.dep_ == "poss":
                return self.arg_list(c, allow_of=False)
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                for p in _children(self.kids[c.i], "pobj"):
                    return self.arg_list(p, allow_of=False)
        return []

    def arg_list(self, tok: Token | None, allow_of: bool = True) -> list[tuple[Actor, Token]]:
        if tok is None:
            return []
        antecedent = relative_antecedent(tok)
        if antecedent is not None:
            # "X, who was arrested": X undergoes it; the pronoun stays the argument's word, so that
            # X speaking in the main clause ("X, who was arrested, said") does not hide it
            return [(a, tok) for a, _ in self.arg_list(antecedent, allow_of)]
        if tok.i not in self.actors and (tok.pos_ == "NUM" or tok.lemma_.lower() in QUANTITY_NOUNS):
            # "Thousands of protesters", "six of his officers", "a group of rebels"
            for p in self.kids[tok.i]:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in _children(self.kids[p.i], "pobj"):
                        return self.arg_list(o, allow_of)
        if tok.i not in self.actors:
            examples = self.examples_of(tok)
            if examples is not None:
                return self.arg_list(examples, allow_of)
        if tok.i not in self.actors:
            pair = self.state_pair(tok)
            if pair:
                return pair
        joined = self.coordinated_modifiers(tok)
        if joined:
            return self.named_members([(self.actors[m.i], m) for m in joined])
        out = []
        for c in _conjuncts_of(tok):
            if c.i < tok.i and tok.i in self.stranded:
                continue
            a, at = self.actor_in(c, allow_of=allow_of)
            if a is not None and at is not None and at.dep_ == "compound":
                # "a joint US-Colombia operation netted ...": the hyphenated owners act together
                out.extend((self.actors[t.i], t) for t in self.hyphen_pair(at))
            elif a is not None and at is not None:
                out.append((a, at))
        return self.named_members(out) if out else out

    def state_pair(self, noun: Token) -> list[tuple[Actor, Token]]:
        """"Both countries", "the two nations": the last two countries named before the noun (by
        their names, not their people's), each as its state, since the guide codes one event per
        state ("Peru and Ecuador ... urged both countries" acts on PERGOV and ECUGOV). Nothing
        when fewer than two are named before it. A capital ("the court in The Hague") names a
        place, not one of the pair."""
        if noun.tag_ != "NNS" or _lemma(noun) not in STATE_PAIR_NOUNS \
                or not any(c.dep_ in ("det", "predet", "nummod") and c.lower_ in PAIR_WORDS
                           for c in self.kids[noun.i]):
            return []
        doc = noun.doc
        seen: list[str] = []
        out: list[tuple[Actor, Token]] = []
        for i in sorted((i for i in self.actors if i < noun.i), reverse=True):
            a = self.actors[i]
            if not a.country or a.code != a.country or a.country in seen or not self.names_country(a):
                continue
            seen.append(a.country)
            out.append((dataclasses.replace(a, code=a.country + STATE_SECTOR, sectors=(STATE_SECTOR,),
                                            evidence=f"{a.evidence}; one of '{noun.text}'"), doc[i]))
            if len(out) == 2:
                self.state_pairs.add(frozenset(t.i for _, t in out))
                return out[::-1]
        return []

    @staticmethod
    def names_country(actor: Actor) -> bool:
        """Whether a mention names its country itself ("Peru", "the United States", "US"), not a
        city of it or its people: its words are the country's name, or an abbreviation."""
        return actor.text == actor.name or (actor.text.isupper() and len(actor.text) <= 4)

    def coordinated_modifiers(self, noun: Token) -> list[Token]:
        """Two parties the parse folded into one noun's modifiers: in "the Colombian government and
        guerrilla representatives signed", "government" hangs on "representatives" with "guerrilla"
        as its conjunct, so the noun alone would be one party (here the legislature). Each common
        noun modifier that names a party of its own is one, the head going with the last
        ("guerrilla representatives" are the guerrillas'); names ("Sinaloa and Gulf cartel
        members") are left to the head."""
        for m in self.kids[noun.i]:
            if m.dep_ not in ("nmod", "compound") or m.i > noun.i or m.pos_ != "NOUN" \
                    or m.i not in self.actors:
                continue
            if not any(c.dep_ == "cc" and c.lower_ == "and" for c in self.kids[m.i]):
                continue
            others = [c for c in self.kids[m.i] if c.dep_ == "conj" and m.i < c.i < noun.i
                      and c.pos_ == "NOUN" and c.i in self.actors
                      and self.actors[c.i].code != self.actors[m.i].code]
            if others:
                return [m, *others]
        return []

    def examples_of(self, noun: Token) -> Token | None:
        """The parties a noun that is no actor gives as its examples: "new groups like the Zetas
        and the Rojos", "gangs such as the MS13" are those parties."""
        if noun.pos_ != "NOUN":
            return None
        for c in self.kids[noun.i]:
            if c.dep_ == "prep" and (c.lower_ == "like" or (c.lower_ == "as" and any(
                    k.lower_ == "such" for k in self.kids[c.i]) or self.sent.doc[c.i - 1].lower_ == "such")):
                for p in _children(self.kids[c.i], "pobj"):
                    if p.i in self.actors:
                        return p
        return None

    def named_members(self, parties: list[tuple[Actor, Token]]) -> list[tuple[Actor, Token]]:
        """"the Sinaloa and Juarez cartels": places coordinated before a plural noun of armed
        groups with no determiner of its own name groups of that kind, not the places' states; the
        bare noun ("cartels") is the groups named, no other party. "Mexico and the cartels" are two;
        "Colombian and US authorities" are already the states the places stand for."""
        group, at = parties[-1]
        if at.tag_ != "NNS" or not group.sectors or group.sectors[0] not in ARMED_SECTORS \
                or any(c.dep_ == "det" for c in self.kids[at.i]):
            return parties
        places = parties[:-1]
        if len(parties) == 1:  # "the Sinaloa and Juarez cartels" parsed as one noun phrase
            mods = [c for c in self.kids[at.i] if c.dep_ in ("compound", "nmod") and c.i < at.i]
            places = [(self.actors[t.i], t) for m in mods[:1] for t in (m, *m.conjuncts) if t.i in self.actors]
            if len(places) < 2:
                return parties
        if not all(not a.sectors and t.pos_ == "PROPN" and t.i < at.i for a, t in places):
            return parties
        members = [(dataclasses.replace(a, code=(a.country or "") + group.sectors[0], sectors=group.sectors[:1],
                                        evidence=f"{a.evidence}; one of the '{at.text}' named"), t)
                   for a, t in places]
        if len(parties) == 1 or group.start >= at.idx:
            return members  # the noun alone is the groups named
        return [*members, (group, at)]  # "the Juarez and Sinaloa cartels": it names one more

    # ---- subjects ----
    def subject_of(self, verb: Token, depth: int = 0) -> Token | None:
        if depth > 4:
            return None
        agent = self.passive_agent(verb) or self.shared_agent(verb)
        if agent is not None:
            return agent
        if self.causative_patient(verb) is not None:
            return self.subject_of(verb.head, depth + 1)  # "the boss had them murdered": the boss
        subj = self.own_subject(verb)
        if subj is not None:
            # "who fights": the relative pronoun stands for the noun the clause modifies.
            if subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                return verb.head
            return subj
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in self.kids[verb.i]) or self.split_passive(verb) is not None:
            return None  # a passive's subject undergoes it ("after being extradited": passive_patient)
        stranded = self.stranded_subject(verb)
        if stranded is not None:
            return stranded
        before = self.sent.doc[verb.i - 1] if verb.i > self.sent.start else None
        if verb.tag_ == "VBG" and before is not None and before.dep_ == "npadvmod" and before.head.i == verb.i \
                and before.pos_ in ("NOUN", "PROPN") and before.i in self.actors:
            return before  # "cases included police holding vehicles": the parse's modifier is its subject
        if verb.dep_ == "xcomp" and verb.head.i != verb.i:
            # "led the authorities to send troops", "forced the rebels to retreat": the object of
            # the governing verb does what its infinitive says, when it is a party ("used the
            # area to regroup": a thing is a means, its user acts).
            obj = next((c for c in self.kids[verb.head.i] if c.dep_ == "dobj" and c.i < verb.i), None)
            if obj is not None and self.actor_in(obj, allow_of=False)[0] is not None:
                return obj
        undergoer = self.adjunct_controller(verb)
        if undergoer is not None:
            return undergoer
        if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep", "acomp", "pobj") and verb.head.i != verb.i:
            # "X was guilty of violating ...", "X is responsible for ...": climb to the clause subject.
            return self.subject_of(verb.head, depth + 1)
        if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i:
            # "the warrant issued by X": acl with passive participle - agent handled above
            if verb.tag_ == "VBN":
                return None
            return verb.head
        return None

    def adjunct_controller(self, verb: Token) -> Token | None:
        """The subject of a passive main clause, for a time adjunct with no subject of its own
        that it governs: "after serving a sentence, X was returned", "after being arrested, X was
        extradited" speak of X whatever the voice of the main verb."""
        head = verb.head
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in TIME_PREPS:
            head = head.head
        elif verb.dep_ != "advcl" or not any(m.lower_ in TIME_PREPS for m in self.kids[verb.i] if m.dep_ == "mark"):
            return None
        if head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
            return None
        return next((c for c in self.kids[head.i] if c.dep_ == "nsubjpass"), None)

    def stranded_subject(self, verb: Token) -> Token | None:
        """The subject the parse gave away to the clause before: in "the gangs operate in parts of
        Texas and the US government has designated them", "the government" is parsed as a
        conjunct of "parts" and "designated" as a conjunct verb with no subject. A noun standing
        right before a coordinated verb's finite auxiliary ("has", "will") is that verb's subject.
        So is one before a main verb's: in "despite its ties to Jalisco, the Jalisco Cartel (CJNG)
        has taken over ...", the parse joins the cartel to "Jalisco" and leaves "taken" no subject."""
        root = verb.head.i == verb.i
        if verb.dep_ != "conj" and not root:
            return None
        left = [c for c in self.kids[verb.i] if c.i < verb.i and c.dep_ in ("aux", "advmod", "neg")]
        if not any(c.dep_ == "aux" and c.tag_ in FINITE_AUX_TAGS for c in left):
            return self.opener_subject(verb) if root else None
        before = self.sent.doc[min(c.i for c in left) - 1]
        if before.text == ")" and before.head.i < before.i:
            before = before.head  # "the Jalisco Cartel (CJNG) has": the name the brackets follow
        if before.pos_ not in ("NOUN", "PROPN") or before.dep_ != "conj":
            return None
        if (root and before.i >= self.sent.start) or (
                not root and before.head.i != verb.head.i and any(c.dep_ == "cc" for c in self.kids[before.head.i])):
            self.stranded.add(before.i)  # its conjuncts before it are the other clause's
            return before
        return None

    def opener_subject(self, verb: Token) -> Token | None:
        """The subject the parse joined to the end of an opening phrase: in "when he was mayor of
        the capital, Bukele and his advisors held talks", "Bukele" is parsed as a conjunct of
        "the capital" and "held" is left with no subject. The noun right before a subjectless
        main verb that is a conjunct, climbed to the first conjunct after the comma closing a
        phrase the verb governs from its left, is that verb's subject."""
        start = min((c.i for c in self.kids[verb.i] if c.i < verb.i and c.dep_ in ("advmod", "neg")), default=verb.i)
        if start <= self.sent.start:
            return None
        tok = self.sent.doc[start - 1]
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ != "conj":
            return None
        while tok.head.dep_ == "conj" and tok.head.i < tok.i:
            tok = tok.head
        comma = self.sent.doc[tok.i - 1]
        first = tok.head
        if comma.text != "," or first.i >= tok.i or first.i < self.sent.start:
            return None
        openers = [c for c in self.kids[verb.i] if c.i < first.i and c.dep_ in ("advcl", "prep", "npadvmod")]
        if not any(o.left_edge.i <= first.i <= o.right_edge.i for o in openers):
            return None
        self.stranded.add(tok.i)  # the phrase it was joined to is no second actor
        return tok

    def own_subject(self, verb: Token) -> Token | None:
        """The verb's subject; of two, the one nearest before it: in "X, who was appointed a day
        after the US government indicted him, announced ...", a parse that hangs both X and
        the government on "indicted" gives it the government (X is the subject of a clause
        the parse lost)."""
        subjects = [c for c in self.kids[verb.i] if c.dep_ in ("nsubj", "csubj")]
        if len(subjects) >= 2:
            # "with the military itself acknowledging": the intensive pronoun only stresses the noun
            subjects = [c for c in subjects if not _intensive(c)] or subjects
        if len(subjects) < 2:
            return self._participle_owner(subjects[0]) if subjects else None
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]

    def _participle_owner(self, subj: Token) -> Token:
        """The noun a participle subject modifies: in "the policemen guarding the station opened
        fire" the parse makes "guarding" a clausal subject with "policemen" as its own subject;
        the policemen open fire."""
        if subj.dep_ == "csubj" and subj.tag_ == "VBG":
            own = next((c for c in self.kids[subj.i] if c.dep_ == "nsubj" and c.i < subj.i), None)
            if own is not None and own.pos_ in ("NOUN", "PROPN"):
                return own
        return subj

    def stative_passive(self, verb: Token) -> bool:
        """A past participle that tells the state the subject of its verb is in ("stands accused",
        "appears linked", "remains detained"): the subject undergoes it, as in a passive."""
        return verb.tag_ == "VBN" and verb.dep_ in ("acomp", "xcomp", "oprd", "advcl") and verb.head.i != verb.i \
            and _lemma(verb.head) in STATE_VERBS and not any(c.dep_ == "dobj" for c in self.kids[verb.i])

    def passive_agent(self, verb: Token) -> Token | None:
        by_agent = verb.tag_ == "VBN" or self.nominal_gerund(verb)
        for c in self.kids[verb.i]:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by" and by_agent):
                pobj = next((p for p in self.kids[c.i] if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        return None

    def nominal_gerund(self, verb: Token) -> bool:
        """A gerund used as a noun, with no subject of its own: in "because of lobbying by the
        president" the 'by' phrase names who lobbies, as it does after an event noun ("means"
        phrases, "by deploying troops", hang a clause, not a party, on 'by')."""
        return verb.tag_ == "VBG" and verb.dep_ in ("pcomp", "pobj", "nsubj", "dobj") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in self.kids[verb.i])

    def shared_agent(self, verb: Token) -> Token | None:
        """The ``by`` agent a passive shares with the passives coordinated with it: in "was abducted
        and killed by Maoists" the parse hangs the agent on the last verb only."""
        if not self._is_passive(verb):
            return None
        first = _first_conjunct(verb)
        if first.i != verb.i and not self._is_passive(first):
            return None
        for c in (first, *first.conjuncts):
            if c.i != verb.i and c.pos_ in ("VERB", "AUX") and c.tag_ == "VBN" \
                    and (c.i == first.i or self._shares_subject(c)) \
                    and not any(a.lower_ in SEQUENCE_ADVERBS for a in self.kids[c.i] if a.dep_ == "advmod"):
                # "was arrested and later released by a judge": a later act, another agent
                agent = self.passive_agent(c)
                if agent is not None:
                    return agent
        return None

    def _is_passive(self, verb: Token) -> bool:
        """A passive verb: "was killed", or "killed" coordinated with one ("was abducted and
        killed"); "have blamed" is active."""
        if verb.tag_ != "VBN":
            return False
        deps = {c.dep_ for c in self.kids[verb.i]}
        if deps & {"nsubjpass", "auxpass"}:
            return True
        return "aux" not in deps and self._shares_subject(verb) \
            and verb.head.pos_ in ("VERB", "AUX") and self._is_passive(verb.head)

    def _shares_subject(self, verb: Token) -> bool:
        """A coordinated verb with no subject of its own (it takes the first verb's)."""
        return verb.dep_ == "conj" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in self.kids[verb.i])

    def shared_passive_subject(self, verb: Token) -> Token | None:
        """The passive subject of the first of coordinated passives: "a headman was abducted and
        killed" - the headman undergoes both."""
        if not self._shares_subject(verb) or not self._is_passive(verb):
            return None
        first = _first_conjunct(verb)
        if first.i == verb.i:
            return None
        # "attacked the post and were repulsed by soldiers": the first verb's active subject
        # undergoes the passive one
        return next((c for c in self.kids[first.i] if c.dep_ in ("nsubjpass", "nsubj")), None)

    def passive_subject(self, verb: Token) -> Token | None:
        """Who undergoes a passive verb: its own passive subject, or the one it shares."""
        subj = next((c for c in self.kids[verb.i] if c.dep_ == "nsubjpass"), None)
        antecedent = relative_antecedent(subj) if subj is not None else None
        if antecedent is not None:
            return antecedent  # "the gang, which has been blamed for ...": the noun the clause modifies
        return subj or self.shared_passive_subject(verb) or self.passive_patient(verb) or self.split_passive(verb) \
            or self.causative_patient(verb)

    def own_ordeal(self, verb: Token) -> int | None:
        """The speaker who reports what they underwent, by a passive with no subject of its own
        under the verb of saying: "the girls reported having been coerced by their families" (a
        speaker is otherwise no target of what they report). The speaker's token index, or None."""
        if verb.dep_ not in ("xcomp", "ccomp") or verb.head.i == verb.i or _lemma(verb.head) not in SPEECH_LEMMAS \
                or any(c.dep_ in SUBJ_DEPS for c in self.kids[verb.i]) \
                or not any(c.dep_ == "auxpass" for c in self.kids[verb.i]):
            return None
        subj = next((c for c in self.kids[verb.head.i] if c.dep_ == "nsubj"), None)
        return subj.i if subj is not None else None

    def causative_patient(self, verb: Token) -> Token | None:
        """Who undergoes a participle a causative verb governs (``causative_verbs``): in "the boss
        had them murdered" the parse makes "them" the participle's subject; they are murdered."""
        if verb.tag_ != "VBN" or verb.dep_ not in ("ccomp", "xcomp", "oprd") or verb.head.i == verb.i \
                or _lemma(verb.head) not in CAUSATIVE_VERBS:
            return None
        return next((c for c in self.kids[verb.i] if c.dep_ == "nsubj" and c.i < verb.i), None)

    def split_passive(self, verb: Token) -> Token | None:
        """The subject of a passive a date splits from its participle: in "two soldiers were on
        July 2 killed" the parser hangs "killed" on "were", whose subject undergoes it."""
        head = verb.head
        if verb.tag_ != "VBN" or verb.dep_ not in ("advcl", "xcomp", "acomp") or head.i == verb.i \
                or _lemma(head) != "be" or head.i > verb.i \
                or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in self.kids[verb.i]):
            return None
        return next((c for c in self.kids[head.i] if c.dep_ in ("nsubj", "nsubjpass")), None)

    def passive_patient(self, verb: Token) -> Token | None:
        """The clause subject a subjectless passive climbs to: "X is serving a sentence after
        being extradited" - X was extradited."""
        if verb.dep_ not in ("pcomp", "advcl", "xcomp") or verb.head.i == verb.i \
                or not any(c.dep_ == "auxpass" for c in self.kids[verb.i]) \
                or any(c.dep_ in SUBJ_DEPS for c in self.kids[verb.i]):
            return None
        if verb.dep_ == "xcomp" and _lemma(verb.head) in RAISING_VERBS:
            # "a student is suspected to have been abducted", "he is believed to have been killed":
            # the subject a passive verb of belief raises undergoes the infinitive
            raised = next((c for c in self.kids[verb.head.i] if c.dep_ == "nsubjpass"), None)
            if raised is not None:
                return raised
        return self.adjunct_controller(verb) or self.subject_of(verb.head, 1)

    def undergoing_subject(self, trigger: Token) -> Token | None:
        """The subject that is under an event noun ("three ministers are under investigation",
        "the convoy came under attack"), or that receives it ("received threats from callers"):
        it undergoes the act; the verb lends no actor."""
        if trigger.dep_ == "dobj" and _lemma(trigger.head) in RECEIVING_VERBS:
            return self.subject_of(trigger.head)  # "reported receiving threats": who receives
        if trigger.dep_ != "pobj" or trigger.head.lower_ != "under":
            return None
        verb = self.governing_verb(trigger)
        if verb is None or _lemma(verb) not in UNDERGOING_VERBS:
            return None
        return next((c for c in self.kids[verb.i] if c.dep_ in ("nsubj", "nsubjpass")), None)

    def role_holder(self, trigger: Token) -> Token | None:
        """The one an event noun is done to, named by a role noun whose "of" phrase it is
        (``undergoer_roles``): "Ramirez is the subject of an investigation" (a copula's subject),
        "the chief, himself the target of an inquiry, resigned" (the noun the role is in apposition
        to)."""
        if trigger.dep_ != "pobj" or trigger.head.lower_ != "of":
            return None
        role = trigger.head.head
        if role.i == trigger.head.i or role.lemma_.lower() not in UNDERGOER_ROLES or role.head.i == role.i:
            return None
        if role.dep_ == "appos":
            return role.head
        if role.dep_ in ("attr", "acomp") and role.head.pos_ in ("VERB", "AUX"):
            return next((c for c in self.kids[role.head.i] if c.dep_ in ("nsubj", "nsubjpass")), None)
        return None

    def toll_subject(self, trigger: Token) -> Token | None:
        """The dead an event noun caused, named as the subject of a verb of dying it is the cause
        of (``dying_verbs``, ``CAUSE_PREPS``): "18 people perished after an army incursion"."""
        if trigger.dep_ != "pobj" or trigger.head.lower_ not in CAUSE_PREPS or trigger.head.head.i == trigger.head.i:
            return None
        verb = trigger.head.head
        if _lemma(verb) not in DYING_VERBS:
            return None
        return next((c for c in self.kids[verb.i] if c.dep_ == "nsubj"), None)

    def toll_object(self, trigger: Token) -> Token | None:
        """The people an event noun leaves dead or hurt, as the object of the verb it is the subject
        of (``toll_verbs``, ``toll_words``): "a bomb blast in Quetta left 12 policemen dead"."""
        if trigger.dep_ != "nsubj" or _lemma(trigger.head) not in TOLL_VERBS:
            return None
        verb = trigger.head
        obj = next((c for c in self.kids[verb.i] if c.dep_ == "dobj"), None)
        if obj is None:
            return None
        told = [c for c in self.kids[verb.i] + self.kids[obj.i] if c.dep_ in ("oprd", "amod", "acl", "xcomp", "ccomp")]
        return obj if any(_lemma(c) in TOLL_WORDS or c.lower_ in TOLL_WORDS for c in told) else None

    def governing_verb(self, noun: Token) -> Token | None:
        while noun.dep_ in ("compound", "amod") and noun.head.i != noun.i and noun.head.pos_ in ("NOUN", "PROPN"):
            noun = noun.head  # "launched a mediation effort": the compound's head carries the syntax
        head = noun.head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "ADJ" \
                and head.head.head.pos_ in ("VERB", "AUX"):
            return head.head.head  # "X is responsible for killings"
        if noun.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            return head
        if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            return head.head
        if noun.dep_ == "conj":
            return self.governing_verb(noun.head)
        if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" \
                and _lemma(head.head) in SERIES_NOUNS and not self._setting(head.head):
            return self.governing_verb(head.head)  # "carried out a wave of hundreds of killings"
        return None

    def _setting(self, noun: Token) -> bool:
        """A noun under a preposition other than 'of' sets the scene of its verb ("died during a
        series of attacks", "failed to agree during another round of talks"): the verb's subject
        does not do what the noun counts."""
        return noun.dep_ == "pobj" and noun.head.lower_ != "of"

    # ---- pattern constraints ----
    def object_lemmas(self, trigger: Token, particle: str | None) -> set[str]:
        lemmas: set[str] = set()
        for c in self.kids[trigger.i]:
            if c.dep_ in ("dobj", "attr", "oprd", "nsubjpass"):
                lemmas.add(_lemma(c))
                # "brought trafficking and laundering charges": the parse may split the object
                lemmas.update(_lemma(cj) for cj in c.conjuncts if cj.pos_ in ("NOUN", "PROPN"))
                if c.ent_type_ in ("GPE", "LOC", "FAC"):
                    lemmas.add("@place")
                if self.actor_in(c)[0] is not None:
                    lemmas.add("@actor")  # "fired 980 policemen": people, not rounds
                for comp in _children(self.kids[c.i], "compound", "amod"):
                    lemmas.add(_lemma(comp))
                for sub in self.kids[c.i]:
                    if sub.dep_ in ("acl", "relcl") and sub.pos_ == "VERB":
                        lemmas.add(_lemma(sub))
                    if sub.dep_ == "prep" and not self.says_where(sub):
                        for p in _children(self.kids[sub.i], "pobj"):
                            lemmas.add(_lemma(p))
            elif c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                lemmas.add(_lemma(c))
            elif c.dep_ == "prep" and (c.lower_ == particle or particle is None and not self.says_where(c)) \
                    and not (trigger.pos_ in ("NOUN", "PROPN") and c.lower_ in NOUN_WHERE_PREPS):
                for p in _children(self.kids[c.i], "pcomp"):
                    lemmas.add(_lemma(p))  # "accused of laundering money"
                for p in _children(self.kids[c.i], "pobj"):
                    lemmas.add(_lemma(p))
                    if self._is_armed(p):
                        lemmas.add("@armed")  # "linked to the Zetas": an armed group, not a town
                    for of in self.kids[p.i]:  # "seized over one ton of cocaine"
                        if of.dep_ == "prep" and of.lower_ == "of":
                            lemmas.update(_lemma(q) for q in _children(self.kids[of.i], "pobj"))
                    if c.lower_ == "of" and trigger.pos_ in ("NOUN", "PROPN") \
                            and p.ent_type_ in ("GPE", "LOC", "FAC"):
                        lemmas.add("@place")  # "the capture of Kabul"
        if trigger.dep_ in ("acl", "relcl"):
            lemmas.add(_lemma(trigger.head))
        return lemmas

    def has_of_complement(self, noun: Token, words: tuple[str, ...]) -> bool:
        """The noun's "of" phrase holds ``words``, as its head or the head's modifiers: "an
        exchange of fire", "weapons of mass destruction" for "weapon of mass"."""
        for prep in self.kids[noun.i]:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in _children(self.kids[prep.i], "pobj"):
                    found = {_lemma(obj), obj.lower_}
                    found |= {_lemma(c) for c in self.kids[obj.i] if c.dep_ in ("compound", "amod", "nmod")}
                    if all(w in found for w in words):
                        return True
        return False

    def of_complement(self, trigger: Token, pat: Pattern) -> list[Token]:
        """The words of a 'HEAD of COMPLEMENT' trigger's "of" phrase ("intelligence" in "an exchange
        of intelligence"): part of the trigger, never its party, and the parse hangs the trigger's
        own phrases on them ("exchanges of intelligence with Brazil")."""
        if pat.kind != "noun" or not pat.complement:
            return []
        return [obj for prep in self.kids[trigger.i] if prep.dep_ == "prep" and prep.lower_ == "of"
                for obj in _children(self.kids[prep.i], "pobj")]

    def says_where(self, prep: Token) -> bool:
        """``prep`` heads a phrase of place or time: a named place or date ("near Cali", "in
        March"), a division word ("in the district") or a noun named by an "of" phrase ("in the
        town of Santos", "at the port of Callao")."""
        if prep.lower_ not in WHERE_PREPS:
            return False
        for obj in _children(self.kids[prep.i], "pobj"):
            names = [q for of in _children(self.kids[obj.i], "prep") if of.lower_ == "of"
                     for q in _children(self.kids[of.i], "pobj")]
            if obj.ent_type_ in _WHERE_ENTS or is_division_word(obj.lower_) \
                    or any(q.pos_ == "PROPN" or q.ent_type_ in _WHERE_ENTS for q in names):
                return True
        return False

    def _is_armed(self, tok: Token) -> bool:
        """Whether ``tok`` names an armed non-state actor: a cartel, rebels, a militia."""
        actor = self.actor_in(tok)[0]
        return actor is not None and bool(actor.sectors) and actor.sectors[0] in ARMED_SECTORS

    def prefer_direct_object(self, trigger: Token, chosen: Pattern, pats: list[Pattern]) -> Pattern:
        """Of equally specific verb patterns, the one its direct object satisfies: "ordered the
        arrests following an investigation" is the arrests (173), not a demanded investigation
        (101) that only an adjunct named."""
        if chosen.kind != "verb" or not chosen.objects:
            return chosen
        direct = set()
        for c in self.kids[trigger.i]:
            if c.dep_ in ("dobj", "nsubjpass"):
                direct.add(_lemma(c))
                direct.update(_lemma(cj) for cj in c.conjuncts)
        if not direct or direct & set(chosen.objects):
            return chosen
        for pat in pats:
            if pat.specificity == chosen.specificity and pat.objects and direct & set(pat.objects) \
                    and self.satisfies(pat, trigger):
                self.log(f"  prefer {pat.rule} ({pat.code}): its object is the direct object")
                return pat
        return chosen

    def satisfies(self, pat: Pattern, trigger: Token) -> bool:
        if pat.kind == "verb" and pat.particle:
            mutual = pat.paired and any(
                c.dep_ == "nsubj" and any(x.dep_ == "conj" for x in self.kids[c.i]) for c in self.kids[trigger.i])
            if not mutual and not any(
                    # the second word may be the object: "opened fire", "exchanged fire", "took possession"
                    (c.lower_ == pat.particle or c.lemma_.lower() == pat.particle)
                    and c.dep_ in ("prt", "prep", "advmod", "dative", "agent", "dobj")
                    for c in self.kids[trigger.i]):
                return False
        if pat.kind == "verb" and (pat.transitive or pat.intransitive):
            # "returned the bodies" vs "returned to Colombia"; "the rivals made up" vs "made up 76 percent"
            has_object = any(c.dep_ in ("dobj", "nsubjpass") or _shifted_object(c) for c in self.kids[trigger.i]) \
                or (trigger.dep_ == "acl" and trigger.tag_ == "VBN")  # "the bodies returned to the families"
            if has_object != pat.transitive:
                return False
        if pat.kind == "noun" and pat.modifiers:
            mods = {_lemma(c) for c in self.kids[trigger.i] if c.dep_ in ("compound", "amod", "nmod")}
            mods |= {c.lower_ for c in self.kids[trigger.i] if c.dep_ in ("compound", "amod", "nmod")}
            if not all(m in mods for m in pat.modifiers):
                return False
        if pat.kind == "noun" and pat.complement and not self.has_of_complement(trigger, pat.complement):
            return False
        if pat.objects:
            if not (self.object_lemmas(trigger, pat.particle) & set(pat.objects)):
                return False
        return True

    # ---- arguments ----
    def mutual(self, trigger: Token) -> bool:
        """An act two parties do to each other: "clashed", "fought", a "war", or a verb whose
        object is one ("waged a turf war", "fought a bloody battle")."""
        if _lemma(trigger) in MUTUAL_WORDS:
            return True
        return trigger.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "dobj" and _lemma(c) in MUTUAL_WORDS for c in self.kids[trigger.i])

    def verb_arguments(self, trigger: Token, pat: Pattern) -> tuple[list, list]:
        speaker = inverted_speaker(trigger)
        spoken = self.arg_list(speaker, allow_of=False) if speaker is not None else []
        if spoken:
            return spoken, []  # "..., reported the agency": it speaks
        # "The group appeared in 2011, claiming responsibility for ...": an object that names no
        # party is what is said, not who says it; the participle's subject is the clause's
        subj = self.subject_of(trigger)
        sources = self.arg_list(subj, allow_of=False) or self.author_of(subj)
        if pat.subject_undergoes:
            return [], sources  # "X faces charges", "X is serving a sentence": X undergoes
        if self.stative_passive(trigger) and self.passive_agent(trigger) is None:
            return [], sources  # "X stands accused of fraud", "X appears linked to a cartel": X undergoes
        targets: list[tuple[Actor, Token]] = []
        if pat.paired and len(sources) >= 2 and not any(c.dep_ in ("dobj", "nsubjpass") for c in self.kids[trigger.i]):
            # "Trump and Haftar spoke": a mutual event between the coordinated subjects.
            return sources[:1], sources[1:]
        passive_subj = self.passive_subject(trigger)
        if passive_subj is not None:
            targets = self.arg_list(passive_subj)
        elif trigger.dep_ == "acl" and trigger.tag_ == "VBN":
            # "officers accused of air strikes", "a government recognized by the UN":
            # the modified noun undergoes the event; the prepositions carry the charge.
            targets = [t for t in self.arg_list(trigger.head) if t[1].i not in {s[1].i for s in sources}]
            if not targets:
                return sources, []
        # A particle names the target only if it is a target preposition ("speak with"), not
        # the charge or the demand ("accuse of", "call for").
        preps = pat.target_preps or VERB_TARGET_PREPS
        if not targets and _lemma(trigger) in ATTRIBUTION_VERBS:
            targets = self.accused_party(trigger)
        if not targets:
            for c in self.kids[trigger.i]:
                if c.dep_ in ("dobj", "dative") and c.lower_ not in ("to",):
                    targets = self.arg_list(c) or self.earlier_object(trigger, c)
                    if targets and self._own_possessor(c, targets, sources):
                        targets = self.stance_party(c) or targets
                    elif targets and self._own_thing(c, targets, sources):
                        # "the US sent US funding to the Salvadoran police": the giver's own thing
                        # is no party; the recipient after the verb's "to" is
                        targets = self.recipient(trigger, c) or targets
                    if targets:
                        break
        if not targets:
            for prep_word in preps:
                for c in self.kids[trigger.i]:
                    if c.dep_ in ("prep", "dative", "prt") and c.lower_ == prep_word:
                        for p in _children(self.kids[c.i], "pobj"):
                            targets = self.arg_list(p)
                            if targets:
                                break
                    if targets:
                        break
                if targets:
                    break
        if not targets:
            # Purpose chain: "moved to seize Tripoli", "fights to seize the capital".
            for c in self.kids[trigger.i]:
                if c.dep_ in ("xcomp", "advcl") and c.pos_ == "VERB":
                    for o in _children(self.kids[c.i], "dobj"):
                        targets = targets or self.arg_list(o)
                    # "threatened to retaliate against the United States"
                    for p in self.kids[c.i]:
                        if p.dep_ == "prep" and p.lower_ in VERB_TARGET_PREPS:
                            for o in _children(self.kids[p.i], "pobj"):
                                targets = targets or self.arg_list(o)
        if not targets:
            targets = self.shared_object(trigger)
        if not targets and sources and self.mutual(trigger):
            if len(sources) >= 2:
                return sources[:1], sources[1:]  # "soldiers and rebels clashed": one fights the other
            if self.names_several(sources[0][1]):
                self.within_one.add(trigger.i)  # "rival gangs clashed": two of them fight each other
                return sources, sources
        about = ("ccomp", "prep")  # where a statement's topic is looked for, below
        if targets and pat.code[:2] == "01":
            # "told El Pais that ...", "admitted to reporters": the outlet a statement is made
            # to passes it on; the statement is about what it reports (its clause).
            kept = [t for t in targets if not ("MED" in t[0].sectors and self._addressee(t[1], trigger))]
            if len(kept) < len(targets):
                targets, about = kept, ("ccomp",)
        if not targets and int(pat.code[:2]) <= 13:
            # "demanded a ceasefire in Libya", "condemned violence in Gaza": the place a
            # statement is about is its target.
            for o in self.kids[trigger.i]:
                if o.dep_ == "dobj":
                    for p in self.kids[o.i]:
                        if p.dep_ == "prep" and p.lower_ in ("in", "for", "on", "over"):
                            for q in _children(self.kids[p.i], "pobj"):
                                if q.ent_type_ in ("GPE", "LOC"):
                                    targets = targets or self.arg_list(q)
        if not targets and _lemma(trigger) in SPEECH_LEMMAS | {"warn"}:
            # "said that in Libya there was a risk": a statement is about the first actor it mentions.
            # Its subject first: "added that over his time in office, criminal groups have changed"
            # is about the groups, not about the speaker ("his").
            for c in self.kids[trigger.i]:
                if c.dep_ in about and c.i > trigger.i:
                    subj = next((k for k in self.kids[c.i] if k.dep_ in ("nsubj", "nsubjpass")), None)
                    found = self.arg_list(subj, allow_of=False) if subj is not None else []
                    targets = [t for t in found if t[1].i not in {s[1].i for s in sources}][:1]
                    for t in c.subtree if not targets else ():
                        a = self.actors.get(t.i)
                        if a is not None and t.i not in {s[1].i for s in sources}:
                            targets = [(a, t)]
                            break
                if targets:
                    break
        if not targets and pat.code[:2] in CLAUSE_PARTY_ROOTS:
            targets = self.clause_party(trigger, sources)
        if not targets and len(sources) == 2 and pat.code[:2] in PAIR_COOPERATION_ROOTS \
                and frozenset(s[1].i for s in sources) in self.state_pairs:
            return sources[:1], sources[1:]  # "both countries agreed to meet": with each other
        if len(sources) >= 2 and self.mutual(trigger) and all(
                not a.sectors and at.dep_ == "pobj" for a, at in targets):
            # "the Zetas and the Gulf Cartel clashed", "the two cartels waged a war centered on
            # Juarez": the coordinated subjects fight each other (a place is where, not whom)
            sources, targets = sources[:1], sources[1:]
        return sources, targets

    def clause_party(self, verb: Token, sources: list[tuple[Actor, Token]]) -> list[tuple[Actor, Token]]:
        """The party a complaint or an appeal made in a that-clause is about: its clause's active
        subject ("complained that the authorities had broken their promises", "urged that the
        government act"). A passive subject is what is asked for ("demanded that X be freed")."""
        for c in self.kids[verb.i]:
            if c.dep_ == "ccomp" and c.i > verb.i:
                subj = next((k for k in self.kids[c.i] if k.dep_ == "nsubj"), None)
                found = self.arg_list(subj, allow_of=False) if subj is not None else []
                return [t for t in found if t[1].i not in {s[1].i for s in sources}][:1]
        return []

    def _own_possessor(self, obj: Token, targets: list[tuple[Actor, Token]],
                       sources: list[tuple[Actor, Token]]) -> bool:
        """Whether the object's only actors are its possessor and that possessor is the subject
        itself: "expressed his support", "voiced its gratitude" - the subject's own stance."""
        codes = {a.code for a, _ in sources}
        return bool(codes) and all(t.dep_ == "poss" and t.head.i == obj.i and a.code in codes
                                   for a, t in targets)

    def _own_thing(self, obj: Token, targets: list[tuple[Actor, Token]],
                   sources: list[tuple[Actor, Token]]) -> bool:
        """Whether the object's only actors are country words before it ("US funding", "Brazilian
        rifles") of the subject's own country: the subject's own thing, not a party acted on."""
        countries = {a.country for a, _ in sources if a.country}
        return bool(countries) and all(t.head.i == obj.i and t.i < obj.i and t.dep_ in ("compound", "amod", "nmod")
                                       and not a.sectors and a.country in countries for a, t in targets)

    def recipient(self, verb: Token, obj: Token) -> list[tuple[Actor, Token]]:
        """The party after a verb's "to", or its object's (the parse may hang it on either): "sent
        funding to the police" ([] if none)."""
        return self.party_after(self.kids[verb.i] + self.kids[obj.i], ("to",), ("prep", "dative"))

    def party_after(self, children: list[Token], preps, deps=("prep",)) -> list[tuple[Actor, Token]]:
        """The parties of the first of ``children`` that is one of ``preps`` (by dependency
        ``deps``) and has a party for its object ([] if none)."""
        for c in children:
            if c.dep_ in deps and c.lower_ in preps:
                for p in _children(self.kids[c.i], "pobj"):
                    found = self.arg_list(p)
                    if found:
                        return found
        return []

    def stance_party(self, obj: Token) -> list[tuple[Actor, Token]]:
        """The party a stance held by the subject is towards: "expressed his support for Maduro",
        "voiced her gratitude to the Peruvian police" ([] if the object names none)."""
        return self.party_after(self.kids[obj.i], STANCE_PREPS)

    def accused_party(self, verb: Token) -> list[tuple[Actor, Token]]:
        """The party a deed is laid on: "blamed the murders on the gangs", "attributed the attack
        to the rebels" - not the owner of the deed ("El Salvador's murders")."""
        return self.party_after(self.kids[verb.i], ("on", "to"), ("prep", "dative"))

    def _addressee(self, tok: Token, verb: Token) -> bool:
        """Whether ``tok`` is in the phrase a statement is made to: the object of "tell" or
        "inform", or "to" after the verb or after a verb of its ("talking to reporters")."""
        while tok.dep_ in ("compound", "amod", "nmod", "poss", "appos", "conj") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("dobj", "dative") and tok.head.i == verb.i:
            return _lemma(verb) in SPEECH_LEMMAS
        if tok.dep_ != "pobj" or tok.head.lower_ != "to":
            return False
        over = tok.head.head
        return over.i == verb.i or (over.dep_ in ("advcl", "xcomp") and over.head.i == verb.i)

    def noun_arguments(self, trigger: Token, pat: Pattern) -> tuple[list, list]:
        sources: list[tuple[Actor, Token]] = []
        undergone: list[tuple[Actor, Token]] = []  # "Ventura's arrest": the possessor is acted upon
        self_act = pat.lemma in SELF_ACT_NOUNS
        patient = pat.lemma in self.patient_nouns and not any(
            c.dep_ == "prep" and c.lower_ == "of" for c in self.kids[trigger.i])
        if self_act:
            # "the failed demobilization of the paramilitary AUC": who does it to itself
            for c in self.kids[trigger.i]:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in _children(self.kids[c.i], "pobj"):
                        sources = sources or self.arg_list(p, allow_of=False)
        for c in self.kids[trigger.i]:
            if c.dep_ == "poss":
                if patient:
                    undergone = self.arg_list(c, allow_of=False)
                else:
                    sources = self.arg_list(c, allow_of=False)
        if not sources:
            for c in self.kids[trigger.i]:
                if c.dep_ in ("prep", "agent") and c.lower_ == "by":
                    for p in _children(self.kids[c.i], "pobj"):
                        sources = self.arg_list(p, allow_of=False)
        held = self.undergoing_subject(trigger)
        role = self.role_holder(trigger) if held is None else None
        if (held is not None or role is not None) and not undergone:
            undergone = self.arg_list(held or role, allow_of=False)
            verb = self.governing_verb(trigger) if held is not None else None
            # "X is under investigation by prosecutors", "came under attack from rebels"
            by = next((c for c in self.kids[trigger.i] + (self.kids[verb.i] if verb is not None else [])
                       if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from")), None)
            for p in _children(self.kids[by.i], "pobj") if by is not None and not sources else []:
                sources = self.arg_list(p, allow_of=False)
        if not sources:
            for c in self.kids[trigger.i]:
                if c.dep_ in ("acl", "relcl") and c.tag_ == "VBN":
                    agent = self.passive_agent(c)
                    if agent is not None:
                        sources = self.arg_list(agent, allow_of=False)
        lent = False  # the sources are the support verb's subject, not the noun's own words
        if not sources:
            mod_actor = [c for c in self.kids[trigger.i]
                         if c.dep_ in ("compound", "amod", "nmod") and c.i in self.actors] + self.leader_of(trigger)
            verb = self.governing_verb(trigger)
            if verb is not None and _lemma(verb) in LIGHT_VERBS:
                subj = self.subject_of(verb)
                if subj is not None and subj.i != trigger.i:
                    sources = self.arg_list(subj, allow_of=False)
                    lent = bool(sources)
            elif verb is not None and _lemma(verb) in OWN_ACT_REPORTS and trigger.dep_ == "dobj" \
                    and pat.code.startswith(STATE_ACT_ROOT):
                # "Vice President El Aissami reported the arrest of 28 people": a state reports its
                # own act; a newspaper that reports an arrest did not make it
                subj = self.subject_of(verb)
                found = self.arg_list(subj, allow_of=False) if subj is not None else []
                sources = [s for s in found if s[0].sectors and s[0].sectors[0] in REPORTING_STATE]
            elif claimed_act(trigger) is not None:
                # "the cartel claimed responsibility for the killing": the claimer did it
                subj = self.subject_of(claimed_act(trigger))
                if subj is not None:
                    sources = self.arg_list(subj, allow_of=False)
            elif verb is not None and trigger.dep_ == "pobj" and trigger.head.lower_ in INSTRUMENT_PREPS:
                # "Through long investigations, authorities identified the traffickers": the means
                # a clause's subject used is its own act
                subj = self.subject_of(verb)
                if subj is not None:
                    sources = self.arg_list(subj, allow_of=False)
            elif verb is not None and _lemma(verb) in STATE_PARTICIPLES and trigger.dep_ == "pobj":
                # "the two cartels have been engaged in a bitter war": the state's subject wages it
                subj = next((c for c in self.kids[verb.i] if c.dep_ in ("nsubjpass", "nsubj")), None)
                if subj is not None:
                    sources = self.arg_list(subj, allow_of=False)
            if not sources and mod_actor:
                sources = [(self.actors[t.i], t) for t in self.hyphen_pair(mod_actor[0])]
            if not sources and pat.code[:2] in MODIFIER_DOER_ROOTS:
                sources = self.modifier_party(trigger)
        if undergone:
            sources = [s for s in sources if s[1].i not in {u[1].i for u in undergone}]
            return sources, undergone
        targets: list[tuple[Actor, Token]] = []
        preps = pat.target_preps or NOUN_TARGET_PREPS
        if self_act:
            preps = tuple(p for p in preps if p != "of")
        holders = [trigger] + self.of_complement(trigger, pat)
        for prep_word in preps:
            for c in (c for h in holders for c in self.kids[h.i]):
                if c.dep_ == "prep" and c.lower_ == prep_word:
                    for p in _children(self.kids[c.i], "pobj"):
                        if p not in holders:
                            targets = self.arg_list(p)
                if targets:
                    break
            if targets:
                break
        # "ordered the arrest of X ... accused of air strikes": prep may attach to the governing verb.
        if not targets:
            verb = self.governing_verb(trigger)
            # "X was kept in custody", "X was placed under arrest": the passive subject undergoes it.
            if verb is not None and trigger.dep_ == "pobj":
                targets = self.arg_list(self.passive_subject(verb))
            # "reduced the aid to Yemen", "imposed a curfew on Basra", "opened an investigation into the
            # mayor": the support verb's preposition.
            if verb is not None:
                for c in self.kids[verb.i]:
                    if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "on", "against", "with", "upon", "into"):
                        for p in _children(self.kids[c.i], "pobj"):
                            if p.i != trigger.i:  # "according to an investigation by X": the noun
                                targets = targets or self.arg_list(p)  # itself, whose party is X
            # "launched an offensive on April 4 to seize Tripoli": the purpose clause names the target.
            if verb is not None and not targets:
                for x in self.kids[verb.i]:
                    if x.dep_ in ("xcomp", "advcl") and x.pos_ == "VERB" and x.i > trigger.i:
                        for o in _children(self.kids[x.i], "dobj"):
                            targets = targets or self.arg_list(o)
        if not targets and _lemma(trigger) in ACCUSING_NOUNS:
            targets = self.accused_in_clause(trigger)
        if not targets:
            for c in self.kids[trigger.i]:
                if c.dep_ in ("acl", "relcl", "advcl") and c.pos_ == "VERB":
                    for o in self.kids[c.i]:
                        if o.dep_ == "dobj":
                            targets = self.arg_list(o)
                        if o.dep_ == "prep" and o.lower_ in preps:
                            for p in _children(self.kids[o.i], "pobj"):
                                targets = targets or self.arg_list(p)
                    for x in self.kids[c.i]:
                        if x.dep_ in ("xcomp", "advcl"):
                            for o in _children(self.kids[x.i], "dobj"):
                                targets = targets or self.arg_list(o)
        if not targets and not undergone:
            targets = self.arg_list(self.toll_subject(trigger)) or self.arg_list(self.toll_object(trigger))
        if not sources and not targets and not undergone:
            sources, targets = self.shared_complements(trigger, preps)
        if not targets and len(sources) >= 2 and (pat.paired or int(pat.code[:2]) in (3, 4, 5, 6)
                                                  or self.mutual(trigger)):
            # "The government and the FARC signed an agreement": a deal between the subjects;
            # "the two cartels were locked in a war": a fight between them.
            sources, targets = sources[:1], sources[1:]
        if pat.paired or "between" in preps:
            for c in self.kids[trigger.i]:
                if c.dep_ == "prep" and c.lower_ == "between":
                    for p in _children(self.kids[c.i], "pobj"):
                        both = self.arg_list(p)
                        if len(both) < 2:
                            both = self.parties_in(p)  # "between factions of the MS13 and the Zetas"
                        if len(both) >= 2 and (not sources or lent):
                            # "Juarez is ground zero in a war between A and B": the parties the
                            # noun names, not the support verb's subject
                            sources, targets = both[:1], both[1:]
                        elif len(both) == 1 and not sources and (pat.paired or pat.code[:2] in MUTUAL_ROOTS) \
                                and self.names_several(both[0][1]):
                            # "a shootout between rival gangs": two of the one actor named
                            sources, targets = both, both
                            self.within_one.add(trigger.i)
        return sources, targets

    def accused_in_clause(self, noun: Token) -> list[tuple[Actor, Token]]:
        """Who an accusation's 'that' clause accuses: its subject ("allegations that the army may
        have been involved", "accusations that the police had tortured suspects"), not the object
        of its verb, who is the wronged."""
        for c in self.kids[noun.i]:
            if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in self.kids[c.i]):
                for subj in self.kids[c.i]:
                    if subj.dep_ in ("nsubj", "nsubjpass") and subj.i < c.i:
                        return self.arg_list(subj)
        return []

    def names_several(self, tok: Token) -> bool:
        """A phrase that names several parties of one kind: a plural common noun ("rival gangs",
        "the Sinaloa and Juarez cartels"). A name is one party, whatever its tag ("the FARC"),
        and so is one of coordinated parties whose other is no actor ("between SFs and militants")."""
        if tok.dep_ == "conj" or any(c.dep_ == "conj" for c in self.kids[tok.i]):
            return False
        actor = self.actors.get(tok.i)
        return tok.tag_ in ("NNS", "NNPS") and tok.ent_type_ not in NAME_ENTS \
            and (actor is None or actor.resolution != "kb")

    def shared_object(self, verb: Token) -> list[tuple[Actor, Token]]:
        """The object coordinated verbs share ("killed and beheaded two rebels": the parse gives
        it to the last verb only), for a verb with no complement of its own."""
        own = {c.dep_ for c in self.kids[verb.i]}
        if own & {"dobj", "prep", "xcomp", "ccomp", "dative", "attr", "acomp", "nsubjpass", "agent"}:
            return []
        for c in self.kids[verb.i]:
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > verb.i:
                for o in _children(self.kids[c.i], "dobj"):
                    return self.arg_list(o)
        return []

    def earlier_object(self, verb: Token, pronoun: Token) -> list[tuple[Actor, Token]]:
        """"sanctioned the governor's brother and accused him of ...": an object pronoun the
        resolver left unknown, of a verb coordinated after another, is that verb's object."""
        if pronoun.pos_ != "PRON" or pronoun.lower_ not in OBJECT_PRONOUNS or verb.dep_ != "conj":
            return []
        first = verb.head
        if first.pos_ != "VERB" or first.i > verb.i:
            return []
        for o in _children(self.kids[first.i], "dobj"):
            if o.pos_ != "PRON":
                return self.arg_list(o)
        return []

    def shared_complements(self, noun: Token, preps: tuple[str, ...]) -> tuple[list, list]:
        """The complements coordinated event nouns share ("the abduction, torture and killing of
        the mayor by the gang": the parse gives them to one noun only)."""
        sources: list[tuple[Actor, Token]] = []
        targets: list[tuple[Actor, Token]] = []
        for c in noun.conjuncts:
            if c.i == noun.i or c.pos_ not in ("NOUN", "PROPN"):
                continue
            for p in self.kids[c.i]:
                if p.dep_ in ("prep", "agent") and p.lower_ == "by" and not sources:
                    for o in _children(self.kids[p.i], "pobj"):
                        sources = self.arg_list(o, allow_of=False)
                elif p.dep_ == "prep" and p.lower_ in preps and not targets:
                    for o in _children(self.kids[p.i], "pobj"):
                        targets = self.arg_list(o)
        return sources, targets

    def hyphen_pair(self, mod: Token) -> list[Token]:
        """A modifier party and the one joined to it by a hyphen: "a joint US-Colombia operation",
        "Russia-Ukraine talks" name two parties, in order; else the modifier alone."""
        for c in self.kids[mod.i]:
            if c.dep_ == "compound" and hyphen_joined(c, mod) and c.i in self.actors \
                    and self.actors[c.i].code != self.actors[mod.i].code:
                return [c, mod]
        return [mod]

    def modifier_party(self, trigger: Token) -> list[tuple[Actor, Token]]:
        """The party a modifier of an event noun names when the whole phrase was read as that
        party ("an army incursion", "a massive military operation" -> MIL): it acts, through the
        modifier's token (the trigger itself is never its own actor). Only for the uses of armed
        force and protest (MODIFIER_DOER_ROOTS): "criminal investigations" or "army abuses" do not say
        who acts."""
        actor = self.actors.get(trigger.i)
        if actor is None:
            return []
        doc = self.sent.doc
        mods = [c for c in self.kids[trigger.i] if c.dep_ in ("compound", "amod", "nmod") and c.i < trigger.i
                and actor.start <= doc[c.i].idx]
        return [(actor, mods[-1])] if mods else []

    def parties_in(self, phrase: Token) -> list[tuple[Actor, Token]]:
        """The distinct actors a phrase names, in order, whatever the parse attached them to."""
        out: list[tuple[Actor, Token]] = []
        doc = self.sent.doc
        for i in subtree_indices(phrase, self.kids):
            a = self.actors.get(i)
            if a is not None and doc[i].dep_ in ("poss", "compound", "amod", "nmod") \
                    and doc[i].head.i in self.actors:
                continue  # "Mexico's Zetas": the owner of a party is not another party
            if a is not None and all(a.start != o.start and a.code != o.code for o, _ in out):
                out.append((a, self.sent.doc[i]))
        return out

    def hyphenated_trigger(self, i: int) -> tuple[Token, str, list[Pattern]] | None:
        """A trigger the tokenizer split at its hyphen ("cease-fire", "sit-in", "shoot-out" ->
        three tokens), starting at token ``i``: the head of its three tokens, its kind and the
        patterns of the word written with the hyphen or without it ("shootout"); None otherwise."""
        cols = self.columns
        if i + 2 >= self.sent.end or cols.lower[i + 1] != "-" or not cols.lower[i].isalpha():
            return None
        first, last = cols.lower[i], cols.lemma[i + 2]
        doc = self.sent.doc
        head = next((doc[j] for j in (i, i + 2) if not i <= doc[j].head.i <= i + 2 or doc[j].head.i == j), None)
        if head is None:
            return None
        kind = "verb" if head.pos_ in ("VERB", "AUX") else "noun"
        for word in (f"{first}-{last}", f"{first}-{cols.lower[i + 2]}", f"{first}{last}"):
            pats = self.patterns.candidates(kind, word)
            if pats:
                return head, kind, pats
        return None

    # ---- main ----
    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        cols, doc = self.columns, self.sent.doc
        skip_to = self.sent.start
        for i in range(self.sent.start, self.sent.end):
            if i < skip_to:
                continue  # a part of a hyphenated trigger matched whole
            hyphenated = self.hyphenated_trigger(i)
            if hyphenated is not None:
                tok, kind, pats = hyphenated
                skip_to = i + 3
            else:
                pos = cols.pos[i]
                if pos in ("VERB", "AUX"):
                    kind = "verb"
                elif pos in ("NOUN", "PROPN"):
                    kind = "noun"
                else:
                    continue
                if kind == "noun" and pos == "PROPN" and cols.ent_type[i] in NAME_ENTS:
                    continue  # "Liberation" in "National Liberation Army" names a group, not an event
                pats = self.patterns.candidates(kind, cols.lemma[i])
                if not pats and kind == "noun":
                    pats = self.patterns.candidates(kind, cols.lower[i])
                elif not pats:
                    pats = self.patterns.verb_form_candidates(cols.lower[i])  # "waged" lemmatized "wag"
                if not pats:
                    continue
                tok = doc[i]
            chosen = None
            for pat in pats:
                ok = self.satisfies(pat, tok)
                self.log(f"  try {pat.rule} ({pat.code}) on '{tok.text}': {'ok' if ok else 'constraint failed'}")
                if ok:
                    chosen = pat
                    break
            if chosen is None:
                continue
            chosen = self.prefer_direct_object(tok, chosen, pats)
            if chosen.kind == "verb":
                sources, targets = self.verb_arguments(tok, chosen)
            else:
                sources, targets = self.noun_arguments(tok, chosen)
            sources = [s for s in sources if s[1].i != tok.i]
            ordeal = self.own_ordeal(tok)
            targets = [t for t in targets if (t[1].i not in self.quote_sources or t[1].i == ordeal)
                       and t[1].i != tok.i]
            modality, notes = modality_of(tok, chosen, self.kids,
                                          self.columns.span_text(self.sent.start, self.sent.end))
            src_list = sources or [(None, None)]
            tgt_list = targets or [(None, None)]
            for s, st in src_list:
                for t, tt in tgt_list:
                    if s is not None and t is not None and s.start == t.start and tok.i not in self.within_one:
                        continue
                    out.append(Candidate(chosen, tok, s, t, modality, list(notes), source_token=st, target_token=tt))
                    if s is not None and t is not None and (chosen.paired and named_alike(st, tt, tok)
                                                            or frozenset((st.i, tt.i)) in self.state_pairs):
                        out.append(Candidate(chosen, tok, t, s, modality, list(notes) + ["paired"],
                                             source_token=tt, target_token=st))
        return out


def match_sentence(sent: Span, actors: dict[int, Actor], patterns: PatternSet,
                   trace: list[str] | None = None, columns: TokenColumns | None = None) -> list[Candidate]:
    """All pattern matches in ``sent`` with their arguments and modality, before selection.

    ``columns`` (``TokenColumns.of(doc)``) saves reading the document again per sentence."""
    return SentenceMatcher(sent, actors, patterns, trace, columns).candidates()
