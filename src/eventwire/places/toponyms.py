"""Where did it happen: toponyms in a sentence, resolved against the offline gazetteer.

The pipeline hands :func:`locate_event` the place-name candidates of a sentence, marked
with the scope they came from (the event's own clause, or elsewhere in the sentence);
the clause wins, then the sentence, then the article's focus country.

Place names are not always places: "Moscow said" and "Washington rejected" name
governments (metonymy). :func:`is_actor_use` is that test on a spaCy token, and
:func:`find_toponyms` applies it (and skips demonyms) when listing the places of a text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..lexicon import lexicon
from ..models import Location
from .gazetteer import Gazetteer, Place, bare_toponym, division_word, load_gazetteer

PLACE_LABELS = ("GPE", "LOC", "FAC")
PRECISION_RANK = {"city": 0, "admin2": 1, "admin1": 2, "country": 3}

# Verbs whose subject is an agent that speaks or decides: a place name in that role is
# a government or its people, not where something happened ("Moscow said").
ACTOR_VERBS = lexicon("actor_verbs")
SUBJECT_DEPS = ("nsubj", "csubj")


def rank_countries(counts: Mapping[str, int], limit: int | None = None) -> list[str]:
    """The countries a text names, most named first (the first ``limit``; None: all): what
    its place names are read against (``Gazetteer.resolve`` prefers them in this order).

    The one context-country rule: the coder's place choice, the actor resolver
    (``DocumentMemory.context_countries``), the focus country and ``find_toponyms`` all
    rank here. A tie goes to the code first in alphabetical order, so the order never
    depends on which country the text happened to name first."""
    return sorted(counts, key=lambda c: (-counts[c], c))[:limit]


@dataclass(frozen=True, slots=True)
class ToponymCandidate:
    text: str
    start: int
    end: int
    scope: str  # "clause" | "sentence"


_IN_COUNTRY_RE = re.compile(r"^(?P<place>.+?)(?:\s*,\s*|\s+in\s+)(?P<area>[^,]+?)\s*$")
# "Maiwand District of Kandahar Province", "Mir Ali tehsil of North Waziristan Agency": a place
# named with its division word, then "of" its area.
_DIVISION_OF_RE = re.compile(
    r"^(?!(?:the\s+)?(?:district|tehsil|agency|subdivision|block|province|division)\s)"
    r"(?P<place>.+?\s(?:district|tehsil|agency|subdivision|block|province|division))\s+of\s+(?P<area>.+)$",
    re.IGNORECASE,
)
_PARENTHESIS_RE = re.compile(r"^(.+?)\s*\(([^()]+)\)$")


def resolve_toponym(
    text: str, gazetteer: Gazetteer, context_countries: Sequence[str]
) -> Place | None:
    """The place a toponym names: ``"Tripoli"``, ``"Jamundi, Colombia"``, ``"Sirte in Libya"``.

    A qualifier after a comma or "in" (a country or a first-level division) restricts the
    place to that area; when nothing there matches, the qualifier itself is returned,
    which is the most precise thing we know.
    """
    text = " ".join(text.split()).strip(" ,.;:")
    if not text:
        return None
    m = _IN_COUNTRY_RE.match(text)
    if m:
        area = resolve_toponym(m.group("area"), gazetteer, context_countries)
        if area is not None and area.feature != "city":
            context = [area.country, *context_countries]
            named = m.group("place")
            inside = [
                p
                for p in (*gazetteer.lookup(named), *gazetteer.lookup(bare_toponym(named)))
                if p.country == area.country and p != area
                and (area.feature == "country" or p.admin1 == area.admin1)
            ]
            if inside:
                best = resolve_toponym(named, gazetteer, context)
                if best is not None and best in inside:
                    return best
                return inside[0]
            whole = gazetteer.resolve(text, context_countries)
            if whole is not None:
                return whole
            # "Mir Ali tehsil of North Waziristan Agency in FATA": the district, inside FATA.
            part = resolve_toponym(named, gazetteer, context)
            return part if part is not None and part.country == area.country else area
    of = _DIVISION_OF_RE.match(text)
    if of and gazetteer.resolve(text, context_countries) is None:
        # "Maiwand District of Kandahar Province": the district, read in its area's country.
        area = resolve_toponym(of.group("area"), gazetteer, context_countries)
        if area is not None:
            part = resolve_toponym(of.group("place"), gazetteer, [area.country, *context_countries])
            return part if part is not None and part.country == area.country else area
    paren = _PARENTHESIS_RE.match(text)
    if paren and gazetteer.resolve(text, context_countries) is None:
        # "Federally Administered Tribal Areas (FATA)"
        return resolve_toponym(paren.group(1), gazetteer, context_countries) or \
            resolve_toponym(paren.group(2), gazetteer, context_countries)
    place = gazetteer.resolve(text, context_countries)
    if place is None:
        # "Caqueta province", "the department of Cauca", "Hangu District": retry on the
        # bare name, a division of that name before a town when the word names a division
        # ("Kandahar Province" is listed whole; "the province of Kandahar" is the same).
        bare = bare_toponym(text)
        if bare != text:
            word = division_word(text)
            if word is not None:
                place = gazetteer.resolve(f"{bare} {word}", context_countries)
            if place is None:
                place = gazetteer.resolve(bare, context_countries, division=word is not None)
    return place


def _location(place: Place, source: str) -> Location:
    return Location(
        name=place.name,
        country=place.country,
        lat=place.lat,
        lon=place.lon,
        admin1=place.admin1,
        geonameid=place.geonameid if place.geonameid > 0 else None,
        precision=place.feature,
        source=source,
    )


def locate_event(
    candidates: Sequence[ToponymCandidate],
    gazetteer: Gazetteer,
    context_countries: Sequence[str],
    focus_country: str | None,
    actor_country: str | None = None,
) -> Location | None:
    """Where the event happened: clause toponyms, then sentence toponyms, then the country of
    the state body that acts (``actor_country``), then the focus country.

    Within one scope the most precise resolved place wins (city before division before
    country), then the first. The focus country gives precision "country", source "article";
    the acting body's country gives source "actor": with no place named, "Spanish police
    arrested" happened in Spain, whatever country the article is about.
    """
    for scope in ("clause", "sentence"):
        resolved = []
        for order, candidate in enumerate(c for c in candidates if c.scope == scope):
            place = resolve_toponym(candidate.text, gazetteer, context_countries)
            if place is not None:
                resolved.append((PRECISION_RANK[place.feature], order, place))
        if resolved:
            return _location(min(resolved, key=lambda r: r[:2])[2], scope)
    for country_code, source in ((actor_country, "actor"), (focus_country, "article")):
        if not country_code:
            continue
        country = gazetteer.country(country_code)
        if country is not None:
            return _location(country, source)
        return Location(country_code, country_code.upper(), None, None, precision="country", source=source)
    return None


def is_actor_use(token: Any) -> bool:
    """True if this place-name token names an actor, as in "Moscow said", "Washington rejected".

    The test: the token (or the head of the coordination it belongs to, "Russia and the
    United States rejected") is the subject of a verb of saying or deciding, or a
    possessor ("Russia's veto").
    """
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "poss":
        return True
    if token.dep_ in SUBJECT_DEPS:
        verb = token.head
        if verb.lemma_.lower() in ACTOR_VERBS:
            return True
        # "Moscow has repeatedly said", "Washington is expected to reject": look at the
        # open complement too.
        return any(
            child.dep_ == "xcomp" and child.lemma_.lower() in ACTOR_VERBS for child in verb.children
        )
    return False


def _actor_reason(token: Any) -> str:
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    if token.dep_ == "poss":
        return f"actor use: possessor of '{token.head.text}'"
    return f"actor use: subject of '{token.head.lemma_}'"


def find_toponyms(
    doc_or_text: Any, nlp: Any = None
) -> list[tuple[str, int, int, Place | None, str]]:
    """Every place-like entity in a text with what it resolves to and why.

    Returns ``(text, start, end, place, reason)``; ``place`` is None for entities that are
    not used as places (demonyms, actor uses, common words, unknown names), and
    ``reason`` says which. Countries named as places set the context for the others.
    """
    if isinstance(doc_or_text, str):
        if nlp is None:
            from ..actors.entities import load_parser

            nlp = load_parser()
        doc = nlp(doc_or_text)
    else:
        doc = doc_or_text
    gazetteer = load_gazetteer()
    entities = [e for e in doc.ents if e.label_ in (*PLACE_LABELS, "NORP")]
    # First pass without context, to learn which countries the text is about.
    first = [
        gazetteer.resolve(e.text) if e.label_ in PLACE_LABELS and not is_actor_use(e.root) else None
        for e in entities
    ]
    context = rank_countries(Counter(p.country for p in first if p is not None and p.feature == "country"))
    found: list[tuple[str, int, int, Place | None, str]] = []
    for entity in entities:
        text, start, end = entity.text, entity.start_char, entity.end_char
        if entity.label_ == "NORP":
            found.append((text, start, end, None, "demonym or group (NORP), not a place"))
            continue
        if is_actor_use(entity.root):
            found.append((text, start, end, None, _actor_reason(entity.root)))
            continue
        if gazetteer.is_stop_toponym(text):
            found.append((text, start, end, None, "common word, not a place"))
            continue
        place = resolve_toponym(text, gazetteer, context)
        if place is None:
            found.append((text, start, end, None, f"{entity.label_} not in the gazetteer"))
            continue
        why = f"{entity.label_} -> {place.feature} in {place.country}"
        if context and place.country in context and place.feature != "country":
            why += f" (context {', '.join(context)})"
        found.append((text, start, end, place, why))
    return found
