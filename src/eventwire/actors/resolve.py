"""Find and resolve actor mentions in a parsed document.

``resolve_actors(doc, kb, date)`` walks the article sentence by sentence and
returns, for each token that heads an actor mention, the resolved ``Actor``.
Resolution paths, in order of trust:

1. ``kb``: the mention (or its name part) is in the knowledge base;
2. ``acronym``/``memory``: the article defined it earlier (acronym, surname);
3. ``inferred``: country from an adjective, possessive or "of" phrase, sector
   from a title ("Libyan military leader X", "the Military Prosecutor General of the GNA");
4. ``memory`` for generic nouns ("the army" -> the last military actor) and
   ``pronoun`` for subject pronouns (previous sentence's subject when it agrees).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from ..lexicon import lexicon
from ..models import Actor
from ..nlp import TokenColumns, is_skipped
from ..places.gazetteer import is_division_word
from ..places.toponyms import resolve_toponym
from .entities import ORG_WORDS
from .kb import KBEntry, KnowledgeBase, normalise
from .memory import DocumentMemory

NOUN_POS = {"NOUN", "PROPN"}
PERSON_PRONOUNS = lexicon("person_pronouns")
GROUP_PRONOUNS = lexicon("group_pronouns")
REGION_WORDS = lexicon("region_words")  # "the region's armed forces": of no one country
PRONOUN_GENDERS = (lexicon("feminine_pronouns"), lexicon("masculine_pronouns"))
CHAIN_SENTENCES = 2  # how many sentences back a pronoun chain reaches
# A place name met while resolving is read against the countries named most so far, the
# first three (the coder reads the finished article's places against all it names).
CONTEXT_LIMIT = 3
# Modifier hops from a country adjective to the noun it belongs to ("Libyan military leader
# Khalifa Haftar" takes 3); a bound keeps a run-on chain of names linear.
MAX_OWNER_HOPS = 16
# Premodifiers of a title read for its sector, nearest the head first ("former deputy
# military prosecutor general" has 4).
MAX_TITLE_WORDS = 8
# Subordinate nouns that take their possessor's full code: "his officers", "its fighters".
FOLLOWER_NOUNS = lexicon("follower_nouns")
# Heads that take the sector of the body they lead: "the leader of the GNA".
GENERIC_HEADS = lexicon("generic_heads")
# Heads that take the full code of the body they speak for: "a spokesperson for the police".
BODY_HEADS = lexicon("body_heads")
# "alias" made a subject by the parse stands for the person it names ("Guzman, alias El Chapo").
ALIAS_WORDS = lexicon("alias_words")
# A part of a body acts as the body: "the Central Operations Unit of the Civil Guard".
PART_NOUNS = lexicon("part_nouns")
# A group owns the camps, cells and hideouts named after it: "a Zetas training camp".
GROUP_HOLDINGS = lexicon("group_holdings")
# A coalition of bodies is those bodies: "a coalition of human rights organizations" (NGO).
COLLECTIVE_NOUNS = lexicon("collective_nouns")
# A party's activists and a company's workers are that party or company: "an activist of the PPP".
AFFILIATE_NOUNS = lexicon("affiliate_nouns")
# "his Venezuelan counterpart": the possessor's role, in the place the noun names.
COUNTERPART_NOUNS = lexicon("counterpart_nouns")
AFFILIATE_PARTICIPLES = lexicon("affiliate_participles")
# "two persons, identified as A and B": the participles that name the people a noun introduces.
NAMING_PARTICIPLES = lexicon("naming_participles")
# A unit named for the crime it fights is police: "the Anti-Extortion Task Force".
POLICE_UNIT_HEADS = lexicon("police_unit_heads")
POLICE_WORK_WORDS = lexicon("police_work_words")
POLICE_SECTOR = "COP"
# The armed groups that hold military titles of their own ("a militant commander"); a
# criminal's is told by other words ("criminal investigation unit" is no gang's).
NON_STATE_ARMED = ("INS", "REB", "UAF", "SEP")
# "allied with Sinaloa": a place word after these, beginning the name of a group named in the
# last sentences, stands for the group (GROUP_SECTORS); a wider window reads too far back.
PARTY_PREPS = ("with", "against", "between")
GROUP_SECTORS = ("CRM", "INS", "REB", "UAF", "SEP")
GROUP_ELLIPSIS_WINDOW = 8
COUNTER_WORDS = ("anti", "counter")
STATE_SECTORS = ("GOV", "COP", "MIL", "JUD", "LEG", "SPY")
# Bodies that are where they are established: a state body serves there, a business trades
# there ("officials in China", "clubs in Argentina were raided"); armed men or visitors may be of
# any country ("rebels in Havana", "gunmen in Jutiapa").
SETTLED_SECTORS = frozenset(STATE_SECTORS) | {"BUS"}
# The branches of the state a title may name, finer than the government (GOV) a KB gives.
GOVERNMENT = "GOV"
STATE_BRANCHES = tuple(s for s in STATE_SECTORS if s != GOVERNMENT)
# A title so marked is a past role, not the one a known person holds now.
PAST_TITLE_WORDS = ("former", "ex", "ex-", "late", "then")
# Ranks before a title: "deputy chief" names no body of deputies.
RANK_WORDS = lexicon("rank_words")
# Participles that say what a person is charged with: "a man convicted of murder" is a suspect.
CHARGED_PARTICIPLES = lexicon("charged_participles")
# Nouns that name an organisation without saying which: "the group" refers back to one.
GROUP_NOUNS = lexicon("group_nouns")
# Forms of address before a name ("Mr Haftar"): not a first name of someone else.
HONORIFICS = lexicon("honorifics")
# Name prefixes that spaCy splits off ("al-Sarraj", "Abu Bakr").
NAME_PARTICLES = lexicon("name_particles")
# "the gunmen stole their phones": the owner of what is taken is not the taker (_victim_owner)
DEPRIVING_VERBS = lexicon("depriving_verbs")
RELATIVE_PRONOUNS = ("who", "which", "that")
SPEECH_LEMMAS = lexicon("speech_lemmas")  # "told reporters that ...": the ones told own nothing taken
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9\-]{1,7}$")


@dataclass(slots=True)
class _Span:
    start: int  # token index
    end: int
    entry: KBEntry


def _code(country: str | None, sectors: tuple[str, ...]) -> str:
    return (country or "") + "".join(sectors)


STATE_SECTOR = "GOV"
FOCUS_EVIDENCE = "the article's focus"  # the evidence of a country given only by the focus
PEOPLE_SECTOR = "CVL"
# "it" standing for a country is that country, its state when a party; "her" may stand for a person
# of a country, "they" for its people ("Colombians").
STATE_PRONOUNS = ("it", "its")
ARMED_MEN = lexicon("armed_men")
BASED_VERBS = lexicon("based_verbs")
ARMED_SECTORS = ("CRM", "INS", "REB", "UAF", "SEP")  # armed non-state sectors, the first wins a tie
# "the agency": the last state body named, within a few sentences ("the group" is GROUP_NOUNS').
AGENCY_DESCRIPTIONS = lexicon("agency_descriptions")
DESCRIPTION_WINDOW = 4


def as_state_actor(actor: Actor | None, token: Token | None, acting: bool = False) -> Actor | None:
    """A country named as a party to an event ("Argentina deported ...", "Costa Rica accused
    Nicaragua", "Moscow rejected") is its government: the annotation guide codes states that
    act or are acted upon as COUNTRY+GOV. A province or a city does so only when it acts
    ("Veracruz fired 980 policemen": its government); one that is attacked or seized stands for
    its country. Demonyms ("a Colombian group", "Brazilians") are people of the country, not
    the state, and stay as they are."""
    if actor is None or token is None or actor.sectors or not actor.country or actor.code != actor.country:
        return actor
    if token.ent_type_ == "NORP" or not (token.pos_ in ("PROPN", "NOUN") or token.lower_ in STATE_PRONOUNS):
        return actor
    if actor.resolution == "inferred" and not (acting and "gazetteer" in actor.evidence):
        return actor
    return Actor(actor.country + STATE_SECTOR, actor.country, (STATE_SECTOR,), actor.name, actor.text, actor.start,
                 actor.end, actor.resolution, f"{actor.evidence}; a state as a party: {STATE_SECTOR}")


def _surname_like(word: str) -> bool:
    """A capitalised word that may be a surname: no initial ("W."), no particle ("bin", "de")."""
    return len(word) >= 3 and word[:1].isupper() and word.isalpha() and word.lower() not in NAME_PARTICLES


# Parts of speech _resolve may turn into an actor (others only inside a KB span).
_RESOLVABLE_POS = NOUN_POS | {"PRON", "ADJ", "X", "NUM"}


class ActorResolver:
    """Resolves the mentions of one document; holds the document memory."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, date: str | None, gazetteer: Any = None,
                 columns: TokenColumns | None = None) -> None:
        self.gazetteer = gazetteer
        self.doc = doc
        self.cols = columns or TokenColumns.of(doc)
        self.kids = self.cols.children
        self.kb = kb
        self.date = date
        self.memory = DocumentMemory(non_state=frozenset(kb.non_state_sectors))
        self.by_token: dict[int, Actor] = {}
        self.person_tokens: set[int] = set()
        self.role_person_tokens: set[int] = set()  # singular role nouns: "a teacher", "the driver"
        self.kb_spans: dict[int, _Span] = {}  # token index -> span covering it
        self._word_keys: dict[tuple[str, bool], str] = {}  # (word, first?) -> its normalised word
        self._cache: dict[int, Actor | None] = {}
        self._sent_index: dict[int, int] = {}
        self._sent_start: list[int] = [0] * len(doc)  # token index -> start of its sentence
        self._sent_end: list[int] = [0] * len(doc)

    # ---- stage 1: knowledge-base spans -------------------------------------------------
    def _start_length(self, i: int) -> int:
        """The most tokens a KB name starting at token ``i`` may take (0: none starts there)."""
        cols = self.cols
        text, pos = cols.text[i], cols.pos[i]
        if not (cols.is_alpha[i] or text[:1].isalpha()) or (cols.is_stop[i] and text.islower()) or pos == "DET":
            return 0
        words = self.kb.first_word_count(text)
        if cols.lower[i] in NAME_PARTICLES:
            words = max(words, 4)
        return min(words * 2 + 1, 10) if words else (1 if pos == "PROPN" else 0)

    def _match_kb_spans(self, sent: Span) -> None:
        texts, pos, ws = self.cols.text, self.cols.pos, self.cols.text_ws
        # Where the written word holding each token starts ("People's" is one word of two tokens):
        # a key's first and last words are written words, so a lookup whose span does not start
        # and end with a key's first and last words cannot hit and is skipped.
        word_start = {}
        for k in range(sent.start, sent.end):
            word_start[k] = word_start[k - 1] if k > sent.start and not ws[k - 1].endswith(" ") else k
        i = sent.start
        while i < sent.end:
            max_len = self._start_length(i)
            if not max_len:
                i += 1
                continue
            found: _Span | None = None
            glued = i  # the last token of the first written word
            while glued + 1 < sent.end and not ws[glued].endswith(" "):
                glued += 1
            first = self._word_key(self.cols.span_text(i, glued + 1), first=True)
            for length in range(min(max_len, sent.end - i), 0, -1):
                end = i + length
                last = texts[end - 1]
                if not (last.isalpha() or last[-1:].isalnum() or last.endswith(".")):
                    continue
                head = first if end > glued else self._word_key(self.cols.span_text(i, end), first=True)
                tail = self._word_key(self.cols.span_text(max(word_start[end - 1], i), end), first=False)
                entry = self.kb.lookup(self.cols.span_text(i, end), self.date) \
                    if self.kb.may_be_key(head, tail) else None
                if entry is None and length == 1 and pos[i] == "PROPN" and len(texts[i]) >= 5:
                    entry = self.kb.fuzzy_lookup(texts[i], self.date)
                elif entry is None and length > 1 and all(p == "PROPN" for p in pos[i:end]):
                    entry = self.kb.fuzzy_lookup(self.cols.span_text(i, end), self.date)
                if entry is not None:
                    found = _Span(i, end, entry)
                    break
            if found is not None and (self._another_persons_name(found, sent.start)
                                      or self._first_names_of_another(found, sent.end)):
                found = None  # "Mirjana Bibi" is not Netanyahu ("Bibi"); "Gul Nawaz Khan" not al-Nawaz
            if found is not None:
                for j in range(found.start, found.end):
                    self.kb_spans[j] = found
                i = found.end
            else:
                i += 1

    def _word_key(self, word: str, first: bool) -> str:
        """The first (or last) word of ``word`` as :func:`normalise` leaves it, memoised."""
        key = (word, first)
        got = self._word_keys.get(key)
        if got is None:
            norm = normalise(word)
            got = (norm.split(" ")[0] if first else norm.rsplit(" ", 1)[-1]) if norm else ""
            self._word_keys[key] = got
        return got

    # ---- helpers ---------------------------------------------------------------------------
    def _another_persons_name(self, sp: _Span, sent_start: int) -> bool:
        """A KB person or group matched on the last words of a longer name: the proper noun just
        before it is neither part of the entry's name, nor a title, nor a name the KB knows."""
        if sp.entry.kind not in ("person", "group") or sp.start <= sent_start:
            return False
        j = sp.start - 1
        word = self.cols.text[j]
        if self.cols.pos[j] != "PROPN" or not word[:1].isupper() or j in self.kb_spans:
            return False
        lower = word.lower().rstrip(".")
        if word.endswith(".") or lower in HONORIFICS or lower in NAME_PARTICLES:
            return False
        # A misspelt first name keeps its initials ("Ghbadan Salame" is Ghassan Salame).
        if any(lower[:2] == part[:2] for part in normalise(sp.entry.name).split()) or self.kb.sector_of(lower):
            return False
        return True

    def _first_names_of_another(self, sp: _Span, sent_end: int) -> bool:
        """A KB person matched on the first words of their name only, followed by a name that is not
        theirs: "Jose Luis Bruno" is not Jose Luis Cancela ("Jose Luis" alone is an alias of his);
        "Joaquin Guzman Loera" is Joaquin Guzman, whose whole name was matched."""
        if sp.entry.kind != "person" or sp.end >= sent_end:
            return False
        name = normalise(sp.entry.name).split()
        matched = normalise(self.cols.span_text(sp.start, sp.end)).split()
        if len(matched) >= len(name) or name[:len(matched)] != matched:
            return False
        nxt = self.cols.text[sp.end]
        return self.cols.pos[sp.end] == "PROPN" and nxt[:1].isupper() and normalise(nxt) != name[len(matched)]

    def _span_head(self, sp: _Span) -> Token:
        span = self.doc[sp.start : sp.end]
        return span.root

    def _premodifiers(self, head: Token) -> list[Token]:
        """The adjectives, compounds and nominal modifiers before ``head``, and theirs: in "Libyan
        Marshal Khalifa Haftar" the adjective hangs off a compound of the head."""
        mods = [c for c in self.kids[head.i] if c.dep_ in ("amod", "compound", "nmod") and c.i < head.i]
        for c in list(mods):
            mods += [g for g in self.kids[c.i] if g.dep_ in ("amod", "compound", "nmod") and g.i < c.i]
        return mods

    def _country_from_modifiers(self, head: Token, seen: set[int]) -> tuple[str | None, str]:
        """Country from an adjective, a compound, a possessive or an "of" phrase."""
        premods = self._premodifiers(head)
        for child in premods:
            sp = self.kb_spans.get(child.i)
            if sp is not None and sp.entry.kind in ("country", "adjective", "abbreviation", "capital"):
                return sp.entry.country, f"{child.dep_} '{child.text}'"
            if sp is not None and sp.entry.kind == "person" and sp.entry.country \
                    and self._span_head(sp).i == child.i and head.pos_ != "PROPN":
                # "the Trump administration", "the Maduro government": the leader's country.
                return sp.entry.country, f"{child.dep_} '{child.text}' ({sp.entry.name})"
            adj = self.kb.country_of_adjective(child.text)
            if adj:
                return adj, f"adjective '{child.text}'"
        for child in premods:
            # "Medellin police", "the Tamaulipas state police": a place names whose they are.
            if child.ent_type_ == "GPE" and child.pos_ == "PROPN" and self.gazetteer is not None \
                    and child.i not in self.kb_spans:
                ent = next((e for e in self.cols.ents if e.start <= child.i < e.end), None)
                if ent is None or ent.end > head.i:
                    continue
                place = resolve_toponym(ent.text, self.gazetteer, self.memory.context_countries(CONTEXT_LIMIT))
                if place is not None and place.country:
                    return place.country, f"place '{ent.text}' in {place.country} (gazetteer, {place.feature})"
        for child in self.kids[head.i]:
            if child.dep_ == "poss":
                act = self._actor_of(child, seen)
                if act is not None and act.country:
                    return act.country, f"possessive '{child.text}'"
        for child in self.kids[head.i]:
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "from"):
                for pobj in self.kids[child.i]:
                    if pobj.dep_ == "pobj":
                        act = self._actor_of(pobj, seen)
                        if act is not None and act.country:
                            return act.country, f"'{child.text} {pobj.text}'"
        for child in self.kids[head.i]:
            # "crime groups operating in Bolivia", "a gang based in Honduras": where they are
            if child.dep_ == "acl" and child.lemma_.lower() in BASED_VERBS:
                for prep in self.kids[child.i]:
                    if prep.dep_ == "prep" and prep.lower_ in ("in", "out"):
                        for pobj in self.kids[prep.i]:
                            act = self._actor_of(pobj, seen) if pobj.dep_ == "pobj" else None
                            if act is not None and act.country and not act.sectors:
                                return act.country, f"'{child.text} {prep.text} {pobj.text}'"
        return None, ""

    def _title_sector(self, head: Token) -> tuple[str | None, str]:
        """Sector from a title or sector noun: the head with its compound/amod premodifiers
        (and theirs: "Libyan military leader Omar Zintani" -> "military leader")."""
        mods = [c for c in self.cols.lefts(head) if c.dep_ in ("compound", "amod") and c.i not in self.kb_spans]
        for m in list(mods):
            mods += [g for g in self.cols.lefts(m) if g.dep_ in ("compound", "amod") and g.i not in self.kb_spans]
        mods.sort(key=lambda t: t.i)
        mods = mods[-MAX_TITLE_WORDS:]  # a run-on chain of modifiers would cost its length cubed
        # Longest phrase first: "military prosecutor general", then shorter ones.
        words = [m.lemma_.lower() for m in mods] + [head.lemma_.lower()]
        texts = [m.lower_ for m in mods] + [head.lower_]
        for k in range(len(words)):
            for cand in (" ".join(words[k:]), " ".join(texts[k:])):
                sector = self.kb.sector_of(cand)
                if sector:
                    if sector == (self.kb.sector_of(words[-1]) or self.kb.sector_of(texts[-1])):
                        sector = self._body_of_head(words, texts, sector)  # the head decided, not a term
                    sector = self._police_unit(head, words, texts, self._armed_group_title(words, sector))
                    return sector, f"title '{' '.join(t.text for t in (mods[k:] + [head]))}'"
        for m in mods:
            sector = self.kb.sector_of(m.lemma_.lower()) or self.kb.sector_of(m.lower_)
            if sector:
                return sector, f"title '{m.text}'"
        if self._police_unit(head, words, texts, None):
            return POLICE_SECTOR, f"title '{' '.join(t.text for t in (mods + [head]))}': a police unit"
        return None, ""

    def _titled_person(self, tok: Token, e: KBEntry) -> Actor | None:
        """A known person the KB puts in the government whose title in the text names another
        branch of the state: "Venezuela's attorney general Luisa Ortega Diaz" is JUD, "army chief
        X" MIL. The KB's GOV is the coarse code of any official; the article tells the post at
        the time of its events. A description ("Libyan strongman Haftar") does not move a
        person the KB gives a branch of its own, and a former title ("former president") is
        a past role."""
        if not e.country or e.sectors[:1] != (GOVERNMENT,):
            return None
        sector, why = self._title_sector(tok)
        if sector not in STATE_BRANCHES:
            return None
        if any(t.lower_ in PAST_TITLE_WORDS for t in self.cols.lefts(tok)) \
                or any(t.lower_ in PAST_TITLE_WORDS for m in self.cols.lefts(tok) for t in self.cols.lefts(m)):
            return None
        return self._make(tok, _code(e.country, (sector,)), e.country, (sector,), e.name, "kb",
                          f"kb {e.source} '{e.name}' ({e.code}); {why} in the text")

    def _body_of_head(self, words: list[str], texts: list[str], sector: str) -> str:
        """``sector`` of a bare head, or that of the body a modifier names when the head speaks for or
        leads one: "an army spokesman" MIL, "guerrilla representatives" REB, "the Colombian government
        and guerrilla representatives" GOV (the nearest such modifier; a head that is no body head,
        "deputy minister", keeps its own)."""
        if words[-1] not in BODY_HEADS and texts[-1] not in BODY_HEADS:
            return sector
        for w, t in zip(reversed(words[:-1]), reversed(texts[:-1]), strict=True):
            if w in RANK_WORDS:
                continue  # "deputy" in "deputy commissioner" is a rank, not a legislature's deputy
            body = self.kb.sector_of(w) or self.kb.sector_of(t)
            if body:
                return body
        return sector

    def _armed_group_title(self, words: list[str], sector: str) -> str:
        """``sector``, or that of the armed group a military title is held in: "a militant
        commander" INS, "a paramilitary commander" UAF, "a militia unit" UAF; "commander" alone
        is the army's. A word after "anti" or "counter" names the enemy ("an anti-militant
        unit")."""
        if sector != "MIL":
            return sector
        for k, w in enumerate(words[:-1]):
            held = self.kb.sector_of(w)
            if held in NON_STATE_ARMED and not (k and words[k - 1] in COUNTER_WORDS) \
                    and not (k > 1 and words[k - 1] == "-" and words[k - 2] in COUNTER_WORDS):
                return held
        return sector

    @staticmethod
    def _police_unit(head: Token, words: list[str], texts: list[str], sector: str | None) -> str | None:
        """``sector``, or police when the title is a unit named for the crime it fights ("the
        Special Anti-Extortion Task Force", "the criminal investigation unit", "the Anti-narcotics
        Division"): a unit or force is the army's unless the words say police work."""
        if sector not in (None, "MIL") or head.lemma_.lower() not in POLICE_UNIT_HEADS:
            return sector
        if any(w in POLICE_WORK_WORDS for w in words[:-1]) or any(w in POLICE_WORK_WORDS for w in texts[:-1]):
            return POLICE_SECTOR
        return sector

    def _of_actor(self, head: Token, seen: set[int]) -> Actor | None:
        for child in self.kids[head.i]:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in self.kids[child.i]:
                    if pobj.dep_ == "pobj":
                        return self._actor_of(pobj, seen)
        return None

    def _group_named_before(self, tok: Token, sent_index: int, country: str | None = None) -> Actor | None:
        """What a definite "the group" refers back to: the last organisation that is not a state body
        (a gang, rebels, an NGO), earlier in the sentence or within the last three sentences; "the
        Italian group" the last such group of that country."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in self.kids[tok.i]):
            return None

        def is_group(a: Actor) -> bool:
            return bool(a.sectors) and a.sectors[0] not in STATE_SECTORS and a.sectors[0] != "CVL" \
                and (country is None or a.country == country)
        for j in range(tok.i - 1, self._sent_start[tok.i] - 1, -1):
            a = self.by_token.get(j)
            if a is not None and j not in self.person_tokens and j not in self.role_person_tokens and is_group(a):
                return a
        for item in reversed(self.memory.recent):
            if sent_index - item.sentence_index > 3:
                break
            if not item.is_person and not item.role_person and is_group(item.actor):
                return item.actor
        return None

    def _charged_sector(self, head: Token) -> tuple[str | None, str]:
        """A person described by what they are charged with is a criminal suspect: "a model from
        Colombia convicted of drug trafficking", "a man wanted for murder" (a role the noun gives,
        "an official accused of fraud", is kept: this is only asked of nouns with no sector)."""
        place = self._origin(head)
        for c in self.kids[head.i] + (self.kids[place.i] if place is not None else []):
            # the parser may hang the participle on the place the person is from: "a model from
            # Colombia convicted of ..." (a place is not convicted)
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in CHARGED_PARTICIPLES and any(
                    p.dep_ == "prep" and p.lower_ in ("of", "for", "with") for p in self.kids[c.i]):
                return "CRM", f"'{head.text} {c.text}': charged with a crime"
        return None, ""

    def _origin(self, head: Token) -> Token | None:
        """The place a person noun says they are from: "a model from Colombia" (the "from" right
        after the noun, whatever the parser hung it on)."""
        nxt = head.i + 1
        if nxt >= self._sent_end[head.i] or self.doc[nxt].lower_ != "from" or self.doc[nxt].dep_ != "prep":
            return None
        return next((o for o in self.kids[nxt] if o.dep_ == "pobj" and o.ent_type_ in ("GPE", "NORP")), None)

    def _country_in(self, head: Token, seen: set[int]) -> tuple[str | None, str]:
        """The country of the place a sector noun is said to be in: "officials in China", "police
        in the city of Cali"."""
        for prep in self.kids[head.i]:
            if prep.dep_ != "prep" or prep.lower_ != "in":
                continue
            for pobj in self.kids[prep.i]:
                if pobj.dep_ != "pobj":
                    continue
                places = [pobj] + [o for of in self.kids[pobj.i] if of.dep_ == "prep" and of.lower_ == "of"
                                   for o in self.kids[of.i] if o.dep_ == "pobj"]
                for place in places:
                    act = self._actor_of(place, seen)
                    if act is not None and act.country and not act.sectors:
                        return act.country, f"'{prep.text} {place.text}'"
        return None, ""

    def _body_named(self, head: Token, seen: set[int], preps: tuple[str, ...], possessor: bool = False,
                    persons: bool = True) -> Actor | None:
        """The first actor with a sector that an object of ``preps`` after ``head`` names (and,
        with ``possessor``, its possessive); with ``persons`` False, never a person."""
        for c in self.kids[head.i]:
            if possessor and c.dep_ == "poss":
                owners = [c]
            elif c.dep_ == "prep" and c.lower_ in preps:
                owners = [o for o in self.kids[c.i] if o.dep_ == "pobj"]
            else:
                continue
            for owner in owners:
                body = self._actor_of(owner, seen)
                if body is not None and body.sectors and (persons or owner.i not in self.person_tokens):
                    return body
        return None

    def _body_led(self, head: Token, seen: set[int]) -> Actor | None:
        """The body a generic head speaks for, leads or comes from, when it has a sector: "a
        spokesperson for the Honduran police" is HNDCOP, "the head of the army" MIL, "officials from
        the criminal investigation unit" COP. A country ("the leader of Peru", "officials from
        Peru") is not such a body: its leader keeps the sector of the title."""
        return self._body_named(head, seen, ("for", "of", "from"), persons=False)

    def _counterpart(self, tok: Token, seen: set[int]) -> Actor | None:
        """A counterpart holds the role of its possessor, in the country its own adjective or
        in/from place names: "the Colombian president met his Venezuelan counterpart" meets
        Venezuela's government, "gang leaders took orders from their counterparts in El Salvador"
        from Salvadoran gangsters. The possessor's country is not lent: the counterpart is
        elsewhere ("their counterparts across the border"), so with no place of its own it is the
        role alone."""
        owner = next((c for c in self.kids[tok.i] if c.dep_ == "poss"), None)
        role = self._actor_of(owner, seen) if owner is not None else None
        if role is None or not role.sectors:
            return None
        country, why = None, "no place named"
        for mod in self._premodifiers(tok):
            sp = self.kb_spans.get(mod.i)
            country = sp.entry.country if sp is not None and sp.entry.kind in ("country", "adjective") \
                else self.kb.country_of_adjective(mod.text)
            if country:
                why = f"'{mod.text}'"
                break
        for prep in (p for p in self.kids[tok.i] if p.dep_ == "prep" and p.lower_ in ("in", "from") and not country):
            for pobj in (o for o in self.kids[prep.i] if o.dep_ == "pobj"):
                place = self._actor_of(pobj, seen)
                if place is not None and place.country and not place.sectors:
                    country, why = place.country, f"'{prep.text} {pobj.text}'"
        return self._make(tok, _code(country, role.sectors), country, role.sectors, role.name, role.resolution,
                          f"'{tok.text}' of {role.text} ({role.code}): its role, place {why}", role.layer)

    def _body_of_members(self, whole: Token, seen: set[int]) -> Actor | None:
        """The bodies a collective noun is made of, when an "of" phrase names them with a sector:
        "a coalition of human rights organizations" is those organizations (NGO)."""
        return self._body_named(whole, seen, ("of",))

    def _body_employing(self, person: Token, seen: set[int]) -> Actor | None:
        """The organisation a worker or activist belongs to, when it has a sector: "an activist of
        the Liberal Party" (PTY), "engineers employed by a mining company" (BUS). A person or a
        country is no such organisation ("workers of Pakistan" stay labour)."""
        body = self._body_named(person, seen, ("of",), persons=False)
        if body is not None:
            return body
        for part in self.kids[person.i]:
            if part.dep_ == "acl" and part.lemma_.lower() in AFFILIATE_PARTICIPLES:
                # "employed by a company": the parse makes "by" an agent, "working for" a prep
                for c in self.kids[part.i]:
                    if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "for"):
                        for owner in self.kids[c.i]:
                            body = self._actor_of(owner, seen) if owner.dep_ == "pobj" else None
                            if body is not None and body.sectors and owner.i not in self.person_tokens:
                                return body
        return None

    def _named_as(self, people: Token, seen: set[int]) -> Actor | None:
        """The people a plain noun introduces by name, when the name is told a role: in "two persons,
        identified as A and B, the workers of the PPP," the persons are the party's (PTY), not
        civilians. A name told no other role leaves them civilians."""
        for part in self.kids[people.i]:
            if part.dep_ == "acl" and part.lemma_.lower() in NAMING_PARTICIPLES:
                for prep in self.kids[part.i]:
                    if prep.dep_ == "prep" and prep.lower_ == "as":
                        names = [n for n in self.kids[prep.i] if n.dep_ == "pobj"]
                        # "identified as A and B, the workers of ...": the role hangs on the last name
                        names += [c for n in names for c in self.kids[n.i] if c.dep_ == "conj"]
                        for name in names:
                            a = self._actor_of(name, seen)
                            if a is not None and a.sectors and a.sectors[0] != PEOPLE_SECTOR:
                                return a
        return None

    def _body_owning(self, part: Token, seen: set[int]) -> Actor | None:
        """The body a part noun belongs to, when it has a sector: "the Central Operations Unit of
        Spain's Civil Guard" (ESPCOP), "the Attorney General's Office" (JUD), "a chapter of the
        TTP", "the minister's office". A country owns no such part ("El Salvador's Anti-narcotics
        Division" is told by its own title)."""
        return self._body_named(part, seen, ("of",), possessor=True)

    def _group_of_title(self, head: Token) -> KBEntry | None:
        """The named group (or IGO) a title or member noun belongs to: a premodifier ("Hamas
        fighters", "TTP spokesman Ehsan", "the Tehreek-e-Taliban Pakistan (TTP) spokesman") or a
        "for"/"of" object ("a spokesman for the TTP")."""
        mods = self._premodifiers(head)
        for prep in self.kids[head.i]:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "of"):
                for o in self.kids[prep.i]:
                    if o.dep_ == "pobj":
                        # "an operator for the Zetas criminal group": the group's name on "group"
                        mods += [o] + (self._premodifiers(o) if o.lemma_.lower() in GROUP_NOUNS else [])
        for c in mods:
            sp = self.kb_spans.get(c.i)
            if sp is not None and sp.entry.kind in ("group", "igo", "user") and sp.entry.code \
                    and self._span_head(sp).i == c.i:
                return sp.entry
        return None

    def _takes_group_code(self, group: KBEntry, head: Token) -> bool:
        """A member of a non-state group or an IGO is coded as the group ("Hamas fighters" PSEREB); in
        a state body, a title of its own sector keeps it ("the Military Prosecutor General of the
        GNA" is LBYJUD), while a spokesman or a commander speaks for the body ("LNA spokesman" LBYMIL)."""
        if group.kind == "igo" or (group.sectors and group.sectors[0] in self.kb.non_state_sectors):
            return True
        title = [t.lemma_.lower() for t in self.cols.lefts(head) if t.dep_ == "compound"] + [head.lemma_.lower()]
        return any(w in GENERIC_HEADS or w in FOLLOWER_NOUNS for w in title)

    def _appos_info(self, head: Token, seen: set[int]) -> tuple[str | None, str | None, str]:
        for child in self.kids[head.i]:
            if child.dep_ == "appos" and child.i not in seen:
                seen.add(child.i)
                if child.lemma_.lower() in AFFILIATE_NOUNS:
                    # "X, the workers of the PPP": the organisation, not the worker's own sector
                    body = self._body_employing(child, seen)
                    if body is not None:
                        return body.country, body.sectors[0], f"apposition '{child.text}' of {body.text}"
                sector, why_s = self._title_sector(child)
                country, why_c = self._country_from_modifiers(child, seen)
                if sector is None and child.lemma_.lower() in GENERIC_HEADS:
                    # "X, the leader of the GNA": a generic head takes the sector of what it leads.
                    led = self._of_actor(child, seen)
                    if led is not None and led.sectors:
                        sector, why_s = led.sectors[0], f"'{child.text} of {led.text}'"
                if sector is None and country is None:
                    act = self._actor_of(child, seen)
                    if act is not None:
                        return act.country, (act.sectors[0] if act.sectors else None), f"apposition '{child.text}'"
                if sector or country:
                    return country, sector, f"apposition: {why_c} {why_s}".strip()
        # "X, the leader of the GNA": the apposition may hang off the verb in bad parses; ignore.
        return None, None, ""

    def _predicate_info(self, head: Token, seen: set[int]) -> tuple[str | None, str | None, str]:
        """"X was a major drug trafficker", "X is the police chief of Cali": a name that is the
        subject of 'be' takes the title of the noun it is said to be, as an apposition gives it."""
        verb = head.head
        if head.dep_ != "nsubj" or verb.i == head.i or verb.lemma_.lower() != "be":
            return None, None, ""
        attr = next((c for c in self.kids[verb.i] if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
        if attr is None or attr.i in seen:
            return None, None, ""
        seen.add(attr.i)
        sector, why_s = self._title_sector(attr)
        if sector is None:
            return None, None, ""
        country, why_c = self._country_from_modifiers(attr, seen)
        return country, sector, f"predicate: {why_c} {why_s}".strip()

    def _mention_span(self, head: Token) -> tuple[int, int]:
        left = head.i
        for child in self.cols.lefts(head):
            if child.dep_ in ("compound", "amod", "nmod", "det", "poss", "nummod", "case") or child.i in self.kb_spans:
                left = min(left, child.left_edge.i if child.dep_ != "det" else child.i)
        sp = self.kb_spans.get(head.i)
        right = head.i + 1
        if sp is not None:
            left = min(left, sp.start)
            right = max(right, sp.end)
        while left < head.i and self.doc[left].dep_ == "det" and self.doc[left].lower_ in ("the", "a", "an"):
            left += 1
        return left, right

    def _make(self, head: Token, code: str, country: str | None, sectors: tuple[str, ...],
              name: str, resolution: str, evidence: str, layer: str = "") -> Actor:
        start_tok, end_tok = self._mention_span(head)
        start, end = self.cols.span_chars(start_tok, end_tok)
        return Actor(
            code=code, country=country, sectors=sectors, name=name, text=self.cols.span_text(start_tok, end_tok),
            start=start, end=end, resolution=resolution, evidence=evidence, layer=layer,
        )

    # ---- the resolver for one token ----------------------------------------------------------
    def _actor_of(self, tok: Token, seen: set[int] | None = None) -> Actor | None:
        if tok.i in self._cache:
            return self._cache[tok.i]
        seen = set() if seen is None else seen
        if tok.i in seen:
            return None
        seen.add(tok.i)
        actor = self._resolve(tok, seen)
        self._cache[tok.i] = actor
        return actor

    def _subject_before(self, verb: Token, tok: Token, passive: bool = False) -> Token | None:
        """The subject of ``verb`` (or of the first verb it is coordinated with) standing before ``tok``;
        with ``passive``, a passive subject too."""
        deps = ("nsubj", "nsubjpass") if passive else ("nsubj",)
        for _ in range(3):
            subj = next((c for c in self.kids[verb.i] if c.dep_ in deps and c.i < tok.i), None)
            if subj is not None or verb.dep_ != "conj":
                return subj
            verb = verb.head
        return None

    def _own_subjects(self, pronoun: Token) -> set[int]:
        """For an object pronoun ("praised him"), the subjects of its verb and of the verbs that verb
        is coordinated with: not what the pronoun stands for. Empty for other pronouns."""
        if pronoun.dep_ not in ("dobj", "dative"):
            return set()
        verb = pronoun.head
        subjects: set[int] = set()
        for _ in range(3):
            subjects.update(c.i for c in self.kids[verb.i] if c.dep_ in ("nsubj", "nsubjpass"))
            if verb.dep_ != "conj" or verb.head.i == verb.i:
                break
            verb = verb.head
        return subjects or {-1}  # (not empty: an object pronoun never takes its clause's subject)

    def _lost_clause_subject(self, pronoun: Token) -> Token | None:
        """The antecedent of an object pronoun whose verb the parse gave two subjects: in "X, who
        was appointed a day after the US government indicted him, announced ..." both X and the
        government hang on "indicted"; the nearer is its subject, the farther (of a clause the
        parse lost) is who "him" stands for."""
        if pronoun.dep_ != "dobj":
            return None
        subjects = [c for c in self.kids[pronoun.head.i] if c.dep_ == "nsubj" and c.i < pronoun.head.i]
        if len(subjects) < 2 or subjects[0].i not in self.by_token:
            return None
        return subjects[0]

    def _phrase_owner(self, pronoun: Token, want_person: bool | None) -> Token | None:
        """The noun a possessive pronoun's phrase hangs on, when it agrees: in "a battle site for the
        self-defense groups in their fight against the cartel" the fight is the groups', whatever
        the clause's subject ("roads have become ...")."""
        if pronoun.dep_ != "poss" or pronoun.head.dep_ != "pobj":
            return None
        prep = pronoun.head.head
        noun = prep.head
        if prep.dep_ == "prep" and noun.pos_ in ("VERB", "AUX") and pronoun.lower_ == "their":
            # the parse hung the phrase on the verb: the nearest plural party before it, when the
            # verb's subject is none ("roads have become a site for the groups in their fight")
            subj = self._subject_before(noun, pronoun, passive=True)
            before = [c for c in self.kids[noun.i] if c.i < prep.i and c.dep_ in ("attr", "dobj", "prep")]
            if before and (subj is None or self._actor_of(subj) is None):
                last = before[-1]
                for t in range(prep.i - 1, last.left_edge.i - 1, -1):
                    if t in self.by_token and self.doc[t].tag_ in ("NNS", "NNPS"):
                        return self.doc[t]
            return None
        if prep.dep_ != "prep" or noun.pos_ not in ("NOUN", "PROPN") or noun.i > pronoun.i \
                or noun.i not in self.by_token:
            return None
        person = noun.i in self.person_tokens or noun.i in self.role_person_tokens
        plural = noun.tag_ in ("NNS", "NNPS")
        lower = pronoun.lower_
        if lower == "their":
            return noun if plural else None
        if want_person is None or person != want_person or plural:
            return None
        return noun

    def _governing_subject(self, pronoun: Token) -> Token | None:
        """The actor a subject or object pronoun of a dependent clause stands for: the subject of the
        clause it depends on, named before it ("Canada acted in 2015, when it designated the gang",
        "police said they had arrested 20 men", "X was freed after the president pardoned him"). The
        previous sentence's subject is only a guess after that."""
        verb = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass", "dobj") or verb.head.i == verb.i:
            return None
        governing = verb.head
        if verb.dep_ == "relcl" and any(c.lower_ == "when" for c in self.kids[verb.i]):
            # "in late 2012, when it designated ...": the time clause hangs off the date
            for _ in range(3):
                if governing.pos_ in ("VERB", "AUX") or governing.head.i == governing.i:
                    break
                governing = governing.head
        elif verb.dep_ not in ("advcl", "ccomp", "conj"):
            return None
        if governing.pos_ not in ("VERB", "AUX"):
            return None
        subj = self._subject_before(governing, pronoun, passive=True)
        return subj if subj is not None and subj.i in self.by_token else None

    @staticmethod
    def _depriving_verb(pronoun: Token) -> Token | None:
        """The verb of taking or harming (``depriving_verbs``) whose object a possessive pronoun is
        in: "stole their phones", "stole some of their belongings", "torched the roof of his house"."""
        if pronoun.dep_ != "poss":
            return None
        head = pronoun.head
        for _ in range(3):
            if head.dep_ == "dobj":
                return head.head if head.head.lemma_.lower() in DEPRIVING_VERBS else None
            if head.dep_ != "pobj" or head.head.dep_ != "prep":
                return None
            head = head.head.head
        return None

    def _nearest_person(self, pronoun: Token, sent_start: int) -> int | None:
        """The nearest person named before a possessive 'his'/'her' in its sentence or the one
        before: "the body of a man was dumped, and the site of his murder is unknown"."""
        prev_start = self._sent_start[sent_start - 1] if sent_start > 0 else 0
        for j in range(pronoun.i - 1, prev_start - 1, -1):
            if (j in self.person_tokens or j in self.role_person_tokens) and j in self.by_token \
                    and self.doc[j].pos_ != "PRON":
                return j
        return None

    def _same_pronoun_before(self, pronoun: Token, sent_start: int) -> int | None:
        """The last pronoun of the same gender resolved in this sentence or the two before: a
        person the article names only by a name the KB does not know ("Sanclemente changed her
        appearance. Authorities found her") is followed through the pronouns that stand for it."""
        gender = next((g for g in PRONOUN_GENDERS if pronoun.lower_ in g), None)
        if gender is None:
            return None
        start = sent_start
        for _ in range(CHAIN_SENTENCES):
            start = self._sent_start[start - 1] if start > 0 else 0
        for j in range(pronoun.i - 1, start - 1, -1):
            a = self.by_token.get(j)
            if a is not None and a.resolution == "pronoun" and self.doc[j].lower_ in gender:
                return j
        return None

    def _victim_owner(self, verb: Token, sent_start: int, want_person: bool | None) -> Token | None:
        """The owner of what ``verb`` takes or harms: nobody in its subject's phrase ("officials from
        the police unit who stole their phones" are not the owners), but the nearest party named
        before that phrase in the sentence ("the migrants ... were intercepted by officials who
        stole their phones"); a place names no owner. None when the sentence names none."""
        subj = next((c for c in self.kids[verb.i] if c.dep_ == "nsubj"), None)
        if subj is None:
            return None
        if subj.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            # "officials from the unit (CICPC) who stole": the whole phrase the clause is in, up to
            # its verb, since the clause may hang on any noun of it
            subj = verb.head
            for _ in range(MAX_OWNER_HOPS):
                if subj.head.i == subj.i or subj.head.pos_ in ("VERB", "AUX"):
                    break
                subj = subj.head
        for j in range(subj.left_edge.i - 1, sent_start - 1, -1):
            a = self.by_token.get(j)
            if a is None or not (a.sectors or j in self.person_tokens):
                continue
            tok = self.doc[j]
            if tok.dep_ in ("dobj", "dative") and tok.head.lemma_.lower() in SPEECH_LEMMAS:
                continue  # "the farmers told reporters that soldiers stole their cattle"
            if want_person is not None and (j in self.person_tokens or j in self.role_person_tokens) != want_person:
                continue
            return tok
        return None

    def _resolve(self, tok: Token, seen: set[int]) -> Actor | None:
        sent_start = self._sent_start[tok.i]  # Token.sent walks the doc: precomputed in run()
        sent_index = self._sent_index.get(sent_start, 0)
        lower = tok.lower_

        # Pronouns: the previous sentence's subject when it agrees, else the last fitting actor.
        if tok.pos_ == "PRON":
            if lower in PERSON_PRONOUNS:
                want_person = True
            elif lower in GROUP_PRONOUNS:
                want_person = False if lower in ("it", "its") else None
            else:
                return None
            item = self.memory.last_subject
            holder = self._phrase_owner(tok, want_person)
            if holder is not None:
                a = self.by_token[holder.i]
                return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx,
                             tok.idx + len(tok.text), "pronoun", f"'{tok.text}' -> noun it hangs on {a.name}")
            # "Haftar met Sarraj and praised him": an object pronoun is not its own clause's subject.
            own_subjects = self._own_subjects(tok)
            taking = self._depriving_verb(tok)
            if taking is not None:
                owner = self._victim_owner(taking, sent_start, want_person)
                if owner is not None:
                    a = self.by_token[owner.i]
                    return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx,
                                 tok.idx + len(tok.text), "pronoun",
                                 f"'{tok.text}' -> {a.name}, owner of what '{taking.text}' takes")
            if (item is None or tok.dep_ == "poss") and not own_subjects and taking is None:
                # "X met Y and stressed his commitment": a possessive refers to its clause's subject.
                verb = tok.head
                while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                    verb = verb.head
                subj = self._subject_before(verb, tok)
                # "a suicide bomber rammed his vehicle": a role noun is one person too
                one_person = subj is not None and (subj.i in self.person_tokens or subj.i in self.role_person_tokens)
                if subj is not None and subj.i in self.by_token and subj.pos_ != "PRON" and \
                        (want_person is None or one_person == want_person):
                    a = self.by_token[subj.i]
                    return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx,
                                 tok.idx + len(tok.text), "pronoun", f"'{tok.text}' -> clause subject {a.name}")
            lost = self._lost_clause_subject(tok)
            if lost is not None and (want_person is None or (lost.i in self.person_tokens) == want_person):
                a = self.by_token[lost.i]
                return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx,
                             tok.idx + len(tok.text), "pronoun", f"'{tok.text}' -> lost clause's subject {a.name}")
            subj = self._governing_subject(tok)
            is_person = subj is not None and (subj.i in self.person_tokens or subj.i in self.role_person_tokens)
            if subj is not None and subj.i not in own_subjects and (want_person is None or is_person == want_person):
                a = self.by_token[subj.i]
                return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx,
                             tok.idx + len(tok.text), "pronoun", f"'{tok.text}' -> governing subject {a.name}")
            if item is None:
                # "Donald Trump He spoke": an antecedent earlier in the same sentence.
                for j in range(tok.i - 1, sent_start - 1, -1):
                    prev = self.by_token.get(j)
                    if prev is not None and j not in own_subjects \
                            and (want_person is None or (j in self.person_tokens) == want_person):
                        a = prev
                        return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx,
                                     tok.idx + len(tok.text), "pronoun", f"'{tok.text}' -> {a.name} ({a.text})")
            near = self._nearest_person(tok, sent_start) if want_person and tok.dep_ == "poss" else None
            if near is not None:
                a = self.by_token[near]
                return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx, tok.idx + len(tok.text),
                             "pronoun", f"'{tok.text}' -> nearest person {a.name} ({a.text})")
            if item is None or (want_person is not None and item.is_person != want_person):
                item = self.memory.fitting(None, person=want_person, sentence_index=sent_index, window=3)
            if item is None and want_person:
                # No named person: "a teacher was abducted ... released him".
                item = self.memory.fitting(None, person=True, roles=True, sentence_index=sent_index, window=3)
            if item is None and want_person:
                chained = self._same_pronoun_before(tok, sent_start)
                if chained is not None:
                    a = self.by_token[chained]
                    return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx, tok.idx + len(tok.text),
                                 "pronoun", f"'{tok.text}' -> as '{self.doc[chained].text}' before: {a.name}")
            if item is None:
                return None
            if item.is_person:
                self.person_tokens.add(tok.i)
            a = item.actor
            return Actor(a.code, a.country, a.sectors, a.name, tok.text, tok.idx, tok.idx + len(tok.text),
                         "pronoun", f"'{tok.text}' -> {a.name} ({a.text})")

        if tok.pos_ not in NOUN_POS and not (tok.pos_ == "ADJ" and tok.i in self.kb_spans):
            if tok.pos_ not in ("ADJ", "X", "NUM") and tok.i not in self.kb_spans:
                return None

        if tok.dep_ == "amod" and tok.pos_ == "ADJ":
            return None  # "military" in "military leader" qualifies its head's mention
        if tok.dep_ == "compound" and tok.head.pos_ in NOUN_POS and tok.head.i != tok.i \
                and tok.i < tok.head.i:
            # A premodifier ("Marshal" in "Marshal Haftar", "Tripoli" in "Tripoli government")
            # is part of its head's mention, not a mention of its own.
            return None
        sp = self.kb_spans.get(tok.i)
        if sp is not None and self._span_head(sp).i != tok.i:
            # A non-head token of a KB name ("Khalifa" in "Khalifa Haftar") is not its own mention.
            return None

        # 1. Named entity in the knowledge base (person, group, IGO).
        if sp is not None and sp.entry.kind in ("person", "group", "igo", "user") and sp.entry.code:
            e = sp.entry
            if e.kind == "person":
                self.person_tokens.add(tok.i)
                titled = self._titled_person(tok, e)
                if titled is not None:
                    return titled
                namesake = self._namesake_in_group(tok, sp, e, seen)
                if namesake is not None:
                    return namesake
            return self._make(tok, e.code, e.country, tuple(e.sectors), e.name, "kb",
                              f"kb {e.source} '{self.cols.span_text(sp.start, sp.end)}'", e.layer)

        # 2. Learned acronym, or a name remembered from earlier in the article.
        if tok.pos_ == "PROPN" or (tok.text[:1].isupper() and tok.pos_ in NOUN_POS):
            item = self.memory.by_acronym(tok.text) if ACRONYM_RE.match(tok.text) else None
            how = "acronym"
            if item is None:
                item = self.memory.by_name(tok.text)
                how = "memory"
            if item is not None and sp is None:
                a = item.actor
                if item.is_person:
                    self.person_tokens.add(tok.i)
                return self._make(tok, a.code, a.country, a.sectors, a.name, how,
                                  f"{how}: '{tok.text}' = {a.name} ({a.code}) from sentence {item.sentence_index}")

        if tok.ent_type_ in ("GPE", "LOC", "FAC") and sp is None:
            person = self._role_apposed(tok, seen)
            if person is not None:
                return person
            group = self._group_named_for_place(tok, sent_index)
            if group is not None:
                return group
            # A place the KB does not know ("Mosul", "Idlib"): its country, from the gazetteer.
            # CAMEO codes an attack on a city as an attack on its country.
            return self._place_actor(tok)
        sector, why_sector = self._title_sector(tok)
        country, why_country = self._country_from_modifiers(tok, seen)

        # 3. Country / capital / adjective: the mention is a state, or a title of that state.
        if sp is not None and sp.entry.kind in ("country", "capital", "abbreviation", "adjective"):
            e = sp.entry
            head_sector = sector
            if e.kind == "capital" and tok.dep_ in ("nsubj", "nsubjpass", "poss", "agent", "conj") \
                    and not head_sector:
                # "Moscow rejected", "Washington's decision": a capital used for its government.
                # "talks in Havana" is a place, coded as the country.
                head_sector = "GOV"
            sectors = (head_sector,) if head_sector else ()
            if e.kind == "adjective" and not sectors and tok.pos_ == "ADJ":
                return None  # a bare adjective ("Libyan oil") is not an actor by itself
            if e.kind == "adjective" and not sectors and tok.pos_ in NOUN_POS and sp.end - sp.start == 1 \
                    and not any(c.dep_ == "det" and c.lower_ == "the" for c in self.kids[tok.i]):
                # "a Salvadoran", "two Colombians": people of the country, civilians unless the text
                # gives them a role; not its state ("the Palestinians rejected the map" speaks for one)
                sectors = (PEOPLE_SECTOR,)
                why_sector = f"a demonym for people: {PEOPLE_SECTOR}"
            return self._make(tok, _code(e.country, sectors), e.country, sectors, e.name, "kb",
                              f"kb {e.source} '{self.cols.span_text(sp.start, sp.end)}'"
                              + (f"; {why_sector}" if why_sector else ""), e.layer)

        if lower in ALIAS_WORDS:
            # "Sinaloa boss Joaquin Guzman, alias El Chapo, broke his pact": a parse that makes
            # "alias" the subject means the person named just before it, or by the name it gives.
            before = self.doc[tok.i - 2] if tok.i >= 2 and self.doc[tok.i - 1].text == "," else None
            named = [before] if before is not None and before.pos_ in NOUN_POS else []
            named += [c for c in self.kids[tok.i] if c.dep_ in ("appos", "npadvmod")]
            for n in named:
                a = self._actor_of(n, seen)
                if a is not None:
                    return self._make(tok, a.code, a.country, a.sectors, a.name, a.resolution,
                                      f"'{n.text}, {tok.text}': {a.evidence}", a.layer)
        if tok.lemma_.lower() in COUNTERPART_NOUNS:
            peer = self._counterpart(tok, seen)
            if peer is not None:
                return peer
        if tok.lemma_.lower() in COLLECTIVE_NOUNS:
            members = self._body_of_members(tok, seen)
            if members is not None:
                return self._make(tok, members.code, members.country, members.sectors, members.name,
                                  members.resolution, f"'{tok.text}' of {members.text} ({members.code}): "
                                  f"{members.evidence}", members.layer)
        if tok.lemma_.lower() in AFFILIATE_NOUNS or lower in AFFILIATE_NOUNS:
            body = self._body_employing(tok, seen)
            if body is not None:
                return self._make(tok, body.code, body.country, body.sectors, body.name, body.resolution,
                                  f"'{tok.text}' of {body.text} ({body.code}): {body.evidence}", body.layer)
            e = self._group_of_title(tok)  # "an MQM activist", "a PPP worker"
            if e is not None and e.code:
                return self._make(tok, e.code, e.country, tuple(e.sectors), e.name, "kb",
                                  f"'{tok.text}' of {e.name}: kb {e.source}", e.layer)
        # A part of a body, named ("the Central Operations Unit of the Civil Guard") or not.
        if tok.lemma_.lower() in PART_NOUNS or lower in PART_NOUNS:
            body = self._body_owning(tok, seen)
            # "the forces of the regime" are its army: a unit of a government titled by a branch
            # of the state keeps that branch
            if body is not None and not (sector in STATE_BRANCHES and body.sectors[:1] == (GOVERNMENT,)):
                return self._make(tok, body.code, body.country, body.sectors, body.name, body.resolution,
                                  f"'{tok.text}' of {body.text} ({body.code}): {body.evidence}", body.layer)

        # 4. Person name or title with inferred country and sector.
        is_name = tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG")
        if is_name and sector:
            # "TTP spokesman Ehsanullah Ehsan", "FARC commander X": the title is held in a named group.
            group = self._group_of_title(tok)
            if group is not None and self._takes_group_code(group, tok):
                self.person_tokens.add(tok.i) if tok.ent_type_ == "PERSON" else None
                return self._make(tok, group.code or "", group.country, tuple(group.sectors), self._name_text(tok),
                                  "kb", f"{why_sector} of {group.name}: kb {group.source}", group.layer)
        if is_name:
            a_country, a_sector, why_appos = self._appos_info(tok, seen)
            if not (country or sector or a_country or a_sector):
                a_country, a_sector, why_appos = self._predicate_info(tok, seen)
            country = country or a_country
            sector = sector or a_sector
            if country or sector:
                sectors = (sector,) if sector else ()
                ent = tok.ent_type_
                name = self._name_text(tok)
                why = "; ".join(w for w in (why_country, why_sector, why_appos) if w)
                actor = self._make(tok, _code(country, sectors), country, sectors, name, "inferred", why)
                if ent == "PERSON" or sector:
                    self.person_tokens.add(tok.i) if ent == "PERSON" else None
                return actor
            return None

        # "the two men", "the three leaders": a numbered definite plural refers back to actors
        # already named; it is not a new anonymous actor.
        if any(c.dep_ == "nummod" for c in self.kids[tok.i]) and any(
                c.dep_ == "det" and c.lower_ == "the" for c in self.kids[tok.i]) and not country:
            return None
        if not sector and not country and tok.lemma_.lower() in AGENCY_DESCRIPTIONS and tok.tag_ == "NN" \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in self.kids[tok.i]) \
                and not any(c.dep_ in ("compound", "amod", "prep", "poss") for c in self.kids[tok.i]):
            # "The agency seized two tons": a bare definite description refers back to a state body.
            item = self.memory.fitting_body(STATE_SECTORS, window=DESCRIPTION_WINDOW,
                                            sentence_index=sent_index)
            if item is not None:
                a = item.actor
                return self._make(tok, a.code, a.country, a.sectors, a.name, "memory",
                                  f"'{tok.text}' -> last {a.sectors[0]} body {a.name} ({a.code})")
            return None
        # 5. Sector noun: "the army", "the president", "police", "his officers", "the Libyan army".
        if tok.lemma_.lower() in BODY_HEADS or lower in BODY_HEADS:
            body = self._body_led(tok, seen)
            if body is not None:
                return self._make(tok, body.code, body.country, body.sectors, body.name, body.resolution,
                                  f"'{tok.text}' for {body.text} ({body.code}): {body.evidence}", body.layer)
        if tok.lemma_.lower() in GENERIC_HEADS and not sector:
            e = self._group_of_title(tok)  # "the head of the Sinaloa Cartel"
            if e is not None:
                return self._make(tok, e.code or "", e.country, tuple(e.sectors), e.name, "kb",
                                  f"'{tok.text}' of {e.name}: kb {e.source}", e.layer)
        if sector is None and tok.lemma_.lower() in GROUP_NOUNS:
            # "the group", "the organization": the armed or civic group named last
            a = self._group_named_before(tok, sent_index, country)
            if a is not None:
                return self._make(tok, a.code, a.country, a.sectors, a.name, "memory",
                                  f"'{tok.text}' -> last group {a.name} ({a.code})")
        if sector is None and tok.pos_ == "NOUN":
            sector, why_sector = self._charged_sector(tok)
            origin = self._origin(tok) if sector and not country else None
            place = self._actor_of(origin, seen) if origin is not None else None
            if place is not None and place.country and not place.sectors:
                country, why_country = place.country, f"'from {origin.text}'"  # "a model from Colombia"
        if sector or (lower in FOLLOWER_NOUNS or tok.lemma_.lower() in FOLLOWER_NOUNS):
            # "Hamas fighters", "Taliban gunmen", "a spokesman for the TTP": members of a known group
            # carry its code.
            e = self._group_of_title(tok)
            if e is not None and self._takes_group_code(e, tok):
                return self._make(tok, e.code or "", e.country, tuple(e.sectors), e.name, "kb",
                                  f"member of {e.name}: kb {e.source}", e.layer)
            poss = next((c for c in self.kids[tok.i] if c.dep_ == "poss"), None)
            if poss is not None and tok.lemma_.lower() in FOLLOWER_NOUNS:
                owner = self._actor_of(poss, seen)
                # "Peru's armed forces" are its military: a country owner gives its country, the title
                # its sector; a group or a body owner ("the cartel's men") its whole code
                if owner is not None and (owner.sectors or not sector):
                    return self._make(tok, owner.code, owner.country, owner.sectors, owner.name, "memory",
                                      f"'{poss.text} {tok.text}': follower of {owner.name} ({owner.code})")
            if sector is None:
                return None
            if sector == PEOPLE_SECTOR:
                named = self._named_as(tok, seen)
                if named is not None:
                    return self._make(tok, named.code, named.country, named.sectors, named.name, named.resolution,
                                      f"'{tok.text}' identified as {named.text} ({named.code}): {named.evidence}",
                                      named.layer)
            if tok.tag_ == "NN" and tok.lemma_.lower() not in ORG_WORDS:
                self.role_person_tokens.add(tok.i)  # "a teacher", "the policeman": one person, "him" later
            if not country and sector in SETTLED_SECTORS:
                # "officials in China", "companies in Peru": SETTLED_SECTORS
                country, why_country = self._country_in(tok, seen)
            if country:
                return self._make(tok, _code(country, (sector,)), country, (sector,), tok.text, "inferred",
                                  f"{why_country}; {why_sector}")
            has_det = any(c.dep_ == "det" and c.lower_ == "the" for c in self.kids[tok.i])
            if has_det:
                item = self.memory.fitting(sector, sentence_index=sent_index)
                if item is not None:
                    a = item.actor
                    return self._make(tok, a.code, a.country, a.sectors, a.name, "memory",
                                      f"'{tok.text}' -> last {sector} actor {a.name} ({a.code})")
            return self._make(tok, sector, None, (sector,), tok.lemma_.lower(), "inferred", why_sector)
        return None

    def _group_named_for_place(self, tok: Token, sent_index: int) -> Actor | None:
        """A place word that begins the name of an armed or criminal group named earlier, as the
        other party of an alliance or a fight, is that group: in "the Sinaloa Cartel ... the Gulf
        Cartel has allied with Sinaloa", Sinaloa is the cartel, not the state. Only after
        "with", "against" or "between" ("violence in Sinaloa" stays a place)."""
        party = tok.head if tok.dep_ == "conj" else tok
        if party.dep_ != "pobj" or party.head.lower_ not in PARTY_PREPS:
            return None
        for item in reversed(self.memory.recent):
            if sent_index - item.sentence_index > GROUP_ELLIPSIS_WINDOW:
                break
            a = item.actor
            if not item.is_person and a.sectors and a.sectors[0] in GROUP_SECTORS \
                    and a.name.split(" ")[0] == tok.text and len(a.name.split(" ")) > 1:
                return self._make(tok, a.code, a.country, a.sectors, a.name, "memory",
                                  f"'{tok.text}' for {a.name} ({a.code}), named in sentence {item.sentence_index}")
        return None

    def _namesake_in_group(self, tok: Token, sp: _Span, e: KBEntry, seen: set[int]) -> Actor | None:
        """A lone surname the KB knows for someone of the state is another person when an
        apposition puts it in an armed or criminal group: "police arrested Duque, the head of
        the Urabenos" is the gang's leader, not the president Duque. A full name, or an
        apposition that names no such group ("Duque, the head of state"), keeps the KB's person."""
        if sp.end - sp.start != 1 or not e.sectors or e.sectors[0] in GROUP_SECTORS:
            return None
        for child in self.kids[tok.i]:
            if child.dep_ != "appos":
                continue
            group = self._actor_of(child, seen)
            if group is not None and group.sectors and group.sectors[0] in GROUP_SECTORS:
                return self._make(tok, group.code, group.country, group.sectors, self._name_text(tok), "inferred",
                                  f"'{tok.text}', apposed '{child.text}' of {group.name} ({group.code}): "
                                  f"not the KB's {e.name}")
        return None

    def _role_apposed(self, tok: Token, seen: set[int]) -> Actor | None:
        """A name the parse took for a place is a person when an apposition gives it a role:
        "Raul Martinez, a suspected trafficker, was killed" is a criminal, not the town of
        Martinez (a place's apposition, "Oran, a city in Salta", names no role)."""
        if not any(c.dep_ == "appos" for c in self.kids[tok.i]):
            return None
        country, sector, why = self._appos_info(tok, seen)
        if sector is None:
            return None
        self.person_tokens.add(tok.i)
        return self._make(tok, _code(country, (sector,)), country, (sector,), self._name_text(tok), "inferred", why)

    def _place_actor(self, tok: Token) -> Actor | None:
        if self.gazetteer is None or tok.ent_iob_ == "" or (
                tok.pos_ != "PROPN" and not (tok.ent_type_ == "GPE" and is_division_word(tok.lower_))):
            return None
        lo, hi = self._sent_start[tok.i], self._sent_end[tok.i]
        ent = next((e for e in self.cols.ents if lo <= e.start <= tok.i < e.end <= hi), None)
        if ent is None or ent.root.i != tok.i:
            return None
        # "Pulwama District" is Pulwama.
        place = resolve_toponym(ent.text, self.gazetteer, self.memory.context_countries(CONTEXT_LIMIT))
        if place is None or not place.country:
            return None
        return Actor(place.country, place.country, (), place.name, ent.text, ent.start_char, ent.end_char,
                     "inferred", f"place '{ent.text}' in {place.country} (gazetteer, {place.feature})")

    def _name_text(self, tok: Token) -> str:
        parts = [c for c in self.cols.lefts(tok) if c.dep_ == "compound" and c.pos_ == "PROPN"]
        toks = [t for t in parts if self.kb.sector_of(t.lower_) is None] + [tok]
        return " ".join(t.text for t in toks)

    # ---- sentence loop -------------------------------------------------------------------------
    def _learn(self, sent: Span, index: int) -> None:
        """Update document memory after a sentence: names, acronyms, last subject."""
        doc = self.doc
        for i in range(sent.start, sent.end):
            actor = self.by_token.get(i)
            if actor is None:
                continue
            tok = doc[i]
            is_person = i in self.person_tokens
            names: tuple[str, ...] = ()
            if actor.resolution in ("inferred", "kb") and tok.pos_ == "PROPN" \
                    and self.kb.sector_of(tok.lower_) is None:
                full = self._name_text(tok)
                names = (full, tok.text) if is_person or actor.resolution == "inferred" else (full,)
                parts = full.split()
                if is_person and len(parts) >= 3 and len(parts[0]) >= 3:
                    names += (parts[0],)  # family name first ("Kim Jong Un" -> "Kim")
                if is_person and len(parts) >= 3 and _surname_like(parts[-2]):
                    # Two surnames, the father's first: "Luisa Ortega Diaz" is later "Ortega".
                    names += (parts[-2],)
            self.memory.remember(actor, is_person=is_person, sentence_index=index, names=names,
                                 role_person=i in self.role_person_tokens)

        self._learn_acronyms(sent, index)
        root = sent.root
        subj = next((c for c in self.kids[root.i] if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i in self.by_token:
            self.memory.last_subject = next(
                (r for r in reversed(self.memory.recent) if r.actor is self.by_token[subj.i]), None)
        elif subj is not None and subj.pos_ != "PRON":
            self.memory.last_subject = None

    def _learn_acronyms(self, sent: Span, index: int) -> None:
        """"the Government of National Unity (GNA)": learn GNA for the rest of the article."""
        doc = self.doc
        texts = self.cols.text
        for i in range(sent.start + 1, sent.end - 1):
            if not (texts[i - 1] == "(" and texts[i + 1] == ")" and ACRONYM_RE.match(texts[i])):
                continue
            acr = doc[i]
            if self.memory.by_acronym(acr.text) is not None:
                continue
            owner = None
            if acr.dep_ == "appos":
                # "the rebel group Popular Front (PF)": the bracket hangs off a name that is
                # itself an apposition of the actor, so climb appositions to it.
                owner = acr.head
                for _ in range(3):
                    if owner.i in self.by_token or owner.dep_ != "appos" or owner.head.i == owner.i:
                        break
                    owner = owner.head
                owner = owner if owner.i in self.by_token else None
            if owner is None:
                j = i - 2  # the phrase just before the bracket, climbing to its head noun
                while j >= sent.start and doc[j].i not in self.by_token \
                        and doc[j].dep_ in ("compound", "pobj", "prep") and doc[j].head.i < i:
                    j = doc[j].head.i if doc[j].head.i in self.by_token else j - 1
                owner = doc[j] if j >= sent.start and doc[j].i in self.by_token else None
            if owner is not None:
                self.memory.learn_acronym(acr.text, self.by_token[owner.i],
                                          is_person=owner.i in self.person_tokens, sentence_index=index)

    def _apply_armed_sector(self) -> None:
        """"Gunmen", "armed men": of the armed non-state sector the article names most."""
        armed = [i for i, a in self.by_token.items()
                 if a.resolution == "inferred" and a.name in ARMED_MEN and len(a.sectors) == 1]
        if not armed:
            return
        counts: dict[str, int] = {}
        for i, a in self.by_token.items():
            if i not in armed and a.sectors and a.sectors[0] in ARMED_SECTORS:
                counts[a.sectors[0]] = counts.get(a.sectors[0], 0) + 1
        if not counts:
            return
        sector = max(ARMED_SECTORS, key=lambda s: counts.get(s, 0))  # ties: the order of ARMED_SECTORS
        for i in armed:
            a = self.by_token[i]
            if a.sectors == (sector,):
                continue
            self.by_token[i] = Actor((a.country or "") + sector, a.country, (sector,), a.name, a.text, a.start, a.end,
                                     a.resolution, f"{a.evidence}; {sector}, the armed group the article names most")

    def _apply_focus_country(self) -> None:
        """Bare sector nouns ("police", "a government") belong to the article's focus country."""
        focus = self.memory.focus_country()
        if focus is None:
            return
        for i, a in list(self.by_token.items()):
            # Every use of a bare sector noun: the noun itself, and "they"/"the army" referring back to it.
            if a.country is None and a.resolution in ("inferred", "memory", "pronoun") and a.sectors \
                    and a.code == "".join(a.sectors) and a.sectors[0] != "IGO":
                if a.resolution == "inferred" and self._region_owned(self.doc[i]):
                    continue
                country, why = self._clause_place(self.doc[i]) if a.resolution == "inferred" else (None, "")
                why = why or f"{FOCUS_EVIDENCE} {focus}"
                country = country or focus
                self.by_token[i] = Actor(country + a.code, country, a.sectors, a.name, a.text, a.start, a.end,
                                         a.resolution, f"{a.evidence}; country from {why}")

    @staticmethod
    def _region_owned(tok: Token) -> bool:
        """A noun a region owns ("the region's armed forces") names people of many countries."""
        return any(c.dep_ == "poss" and c.lemma_.lower() in REGION_WORDS for c in tok.children)

    def _clause_place(self, tok: Token) -> tuple[str | None, str]:
        """The country of the place the clause of a subject happens in ("In Medellin, six bus
        drivers have been killed", "In Peru, five former presidents are under investigation"): a
        bare noun there is of that place, whatever country the article is about."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.i == tok.i:
            return None, ""
        return self._country_in(tok.head, set())

    def run(self) -> dict[int, Actor]:
        doc, pos = self.doc, self.cols.pos
        sents = self.cols.sents
        for sent in sents:
            self._sent_start[sent.start:sent.end] = [sent.start] * (sent.end - sent.start)
            self._sent_end[sent.start:sent.end] = [sent.end] * (sent.end - sent.start)
        for index, sent in enumerate(sents):
            self._sent_index[sent.start] = index
            if is_skipped(sent):
                continue  # not prose: left unparsed by nlp.parse_bounded, skipped by the coder
            self._match_kb_spans(sent)
            # Resolve in token order so that introductions precede their later uses.
            for i in range(sent.start, sent.end):
                if pos[i] not in _RESOLVABLE_POS and i not in self.kb_spans:
                    continue  # _resolve returns None for these: no Token object needed
                tok = doc[i]
                if tok.is_punct or tok.is_space:
                    continue
                actor = self._actor_of(tok)
                if actor is not None:
                    self.by_token[tok.i] = actor
            self._learn(sent, index)
        self._apply_armed_sector()
        self._apply_focus_country()
        self._add_adjective_owners()
        return self.by_token

    def _add_adjective_owners(self) -> None:
        """"a British draft", "Iranian sites", "one United Nations expert": a country adjective or an
        international organisation on a non-actor noun is that owner's mention, so events can name it
        as the owner of what acts or is acted on. (A group's name on a noun more often names the
        thing than an act of the group's: "the FARC conflict", "the AUC demobilization"; only the
        places and parts a group holds take it as owner, ``_add_group_holder``.)"""
        for i, sp in list(self.kb_spans.items()):
            if i in self.by_token or sp.entry.kind not in ("adjective", "country", "abbreviation", "igo", "group"):
                continue
            tok = self.doc[i]
            if self._span_head(sp).i != i or tok.dep_ not in ("amod", "compound", "nmod"):
                continue
            e = sp.entry
            if e.kind == "group":
                self._add_group_holder(tok, sp)
                continue
            owner = tok.head
            for _ in range(MAX_OWNER_HOPS):  # bounded: "Libya Libya Libya ..." is one long chain
                if owner.i in self.by_token or owner.dep_ not in ("compound", "amod", "nmod") \
                        or owner.head.i == owner.i:
                    break
                owner = owner.head  # "Libyan military leader Khalifa Haftar": already that actor
            if owner.i in self.by_token and self.by_token[owner.i].country is not None:
                continue  # "British UN Security Council": the IGO has no country, Britain is its own
            text = self.cols.span_text(sp.start, sp.end)
            start, end = self.cols.span_chars(sp.start, sp.end)
            if e.kind == "igo":  # an organisation keeps its whole code
                self.by_token[i] = Actor(e.code or "", e.country, tuple(e.sectors), e.name, text,
                                         start, end, "kb", f"kb {e.source} '{text}' (owner)", e.layer)
                continue
            self.by_token[i] = Actor(e.country or e.code or "", e.country, (), e.name, text,
                                     start, end, "kb", f"kb {e.source} '{text}' (owner)", e.layer)


    def _add_group_holder(self, tok: Token, sp: _Span) -> None:
        """"a Zetas training camp", "the FARC cells": a group's name on a place or part it holds
        (``group_holdings``) is the group's mention, so an act on the thing is done to the group.
        The group keeps its whole code, as where it is named alone."""
        holding = tok.head
        if holding.i in self.by_token or holding.pos_ != "NOUN" or holding.lemma_.lower() not in GROUP_HOLDINGS:
            return
        e = sp.entry
        text = self.cols.span_text(sp.start, sp.end)
        start, end = self.cols.span_chars(sp.start, sp.end)
        self.by_token[tok.i] = Actor(e.code or "", e.country, tuple(e.sectors), e.name, text, start, end, "kb",
                                     f"kb {e.source} '{text}' (holder of '{holding.text}')", e.layer)


def resolve_actors(doc: Doc, kb: KnowledgeBase, date: str | None, gazetteer: Any = None,
                   columns: TokenColumns | None = None) -> tuple[dict[int, Actor], DocumentMemory]:
    """Resolve every actor mention of ``doc``; returns token index -> Actor and the memory.

    With a gazetteer, place names the KB does not know resolve to their country."""
    resolver = ActorResolver(doc, kb, date, gazetteer, columns)
    by_token = resolver.run()
    return by_token, resolver.memory
