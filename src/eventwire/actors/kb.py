"""The actor knowledge base: who is who, in which role, on which day.

Knowledge lives in YAML files under ``eventwire/data/actors/``:

``countries.yaml``  every ISO 3166-1 country: names, demonyms, capitals, abbreviations
``igos.yaml``       international organisations and NGOs with CAMEO codes
``sectors.yaml``    CAMEO role terms ("prosecutor" -> JUD), one sector per term
``people.yaml``     people with date-ranged roles
``groups.yaml``     armed groups, parties and institutions (static code or roles)

Under these curated files lies the *imported* layer, ``eventwire/data/phoenix/``:
``actors.tsv`` and ``agents.tsv``, converted from the Phoenix/PETRARCH dictionaries
(Open Event Data Alliance, MIT; see :mod:`eventwire.actors.phoenix`). Layers, from
the most trusted: user files (``--actors``) > curated YAML > imported. Where two
layers know a name the upper one decides (a curated surname beats an imported full
name); the imported layer still beats inference from context, because a name it
knows resolves before titles and the article's focus country are considered. Imported
names never match in all-lowercase text, get no automatic surnames and take no part in
one-typo matching (accents and the Arabic article are still tolerated); imported agent
nouns only add sector terms the curated ``sectors.yaml`` lacks.

A user file (``eventwire code --actors my_actors.yaml``) uses the same record
formats. It is either a list of records of one kind (the kind is taken from the
file name: ``people``, ``groups``, ``countries``, ``igos``, ``sectors``) or a
mapping that mixes kinds::

    people:
      - {name: Jane Doe, aliases: [J. Doe], roles: [{code: GBRGOV, from: 2024-07-05}]}
    groups:
      - {name: Example Front, aliases: [EF], code: LBYREB}

User records override packaged ones: a user record with the same canonical
name replaces the packaged entity, and every user key wins over a packaged key.

Roles cover ``from <= date < to`` (``to`` is exclusive, so consecutive roles
share a boundary date). Dates are ISO ``YYYY-MM-DD``; ``YYYY-MM`` and ``YYYY``
are accepted when only the month or year is known (the period then starts on
the first day / ends after the last day of that month or year).

Every record is validated and a problem raises
:class:`eventwire.errors.DictionaryError` naming ``file:line``.

Keys are :func:`normalise`\\ d phrases. The matcher should find candidates with
:meth:`KnowledgeBase.phrases` (all lowercase) and confirm each candidate with
:meth:`KnowledgeBase.lookup` on the original text: ``lookup`` enforces case for
acronyms ("US" is the country, "us" is not) and for names that are also common
English words ("Turkey" is a country, "turkey" is not).
"""

from __future__ import annotations

import functools
import hashlib
import pickle
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..cache import cache_dir, write_pickle
from ..config import environment
from ..errors import DictionaryError
from ..userfiles import read_user_text, refuse_yaml_aliases
from ..words import zipf as _zipf

__all__ = ["KBEntry", "KnowledgeBase", "load_kb", "normalise", "PACKAGED_FILES"]

PACKAGED_FILES = ("sectors.yaml", "countries.yaml", "igos.yaml", "groups.yaml", "people.yaml")
IMPORTED_FILES = ("actors.tsv", "agents.tsv")  # under data/phoenix/, built by `dict build-phoenix`

# Codes that are not in pycountry but appear in news and in CAMEO dictionaries.
EXTRA_COUNTRY_CODES = frozenset({"XKX", "KOS"})
# CAMEO actor-type prefixes that stand where a country code usually stands.
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "UIS", "NGM", "REG"})
# A single word more common than this (wordfreq Zipf scale) is an ordinary English word:
# it is never fuzzy-matched, never becomes an automatic surname alias, and matches a name
# only when written with a capital letter ("Turkey", not "turkey").
COMMON_WORD_ZIPF = 4.0
# Acronyms whose lowercase form is at least this common must match case exactly ("WHO", "US").
ACRONYM_EXACT_ZIPF = 3.0
PATRONYMIC_PARTICLES = frozenset({"bin", "ibn", "bint", "ben", "ould", "wuld"})
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

_KINDS = ("countries", "igos", "people", "groups", "sectors")
_FIELDS: dict[str, tuple[set[str], set[str]]] = {
    # kind: (required, optional)
    "countries": ({"iso3", "name"}, {"names", "adjectives", "capitals", "abbreviations", "cameo"}),
    "igos": ({"code", "name"}, {"names", "abbreviations", "sectors", "country", "note"}),
    "people": ({"name", "roles"}, {"aliases", "surname", "note"}),
    "groups": ({"name"}, {"aliases", "code", "roles", "note"}),
    "sectors": ({"sector", "description", "terms"}, {"non_state"}),
}
_ROLE_FIELDS = {"code", "from", "to", "note"}

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "`": "'",
        "\u00b4": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
    }
)
_DASHES_RE = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2015\u2212_-]+")
_ARTICLE_RE = re.compile(r"(?<![\w'])(?:al|el)(?:\s+|$)")
_SPACES_RE = re.compile(r"\s+")
_CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")
_ACRONYM_RE = re.compile(r"^(?:[A-Z0-9&]\.?){2,}$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@functools.lru_cache(maxsize=131072)
def normalise(phrase: str) -> str:
    """The lookup key of a phrase.

    Casefolds, strips accents, unifies quotes and hyphens (a hyphen becomes a space),
    drops a leading "the ", writes the Arabic article "al-"/"al "/"el-" as "al ",
    and collapses whitespace: ``normalise("the Al-Sarrâj") == "al sarraj"``.
    """
    if phrase.isascii():
        text = phrase.replace("`", "'").lower()
    else:
        text = unicodedata.normalize("NFKD", phrase.translate(_QUOTES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _DASHES_RE.sub(" ", text)
    text = _SPACES_RE.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    text = _ARTICLE_RE.sub("al ", text)
    return text.strip()


_MISSING = object()  # a cached value may be None


def _memo(cache: dict[Any, Any], key: Any, compute: Callable[[], Any], limit: int = 100_000) -> Any:
    """``cache[key]``, computed on first use; the cache is emptied when it holds ``limit``
    entries, so memory stays bounded on long streams."""
    try:
        return cache[key]
    except KeyError:
        pass
    if len(cache) > limit:
        cache.clear()
    cache[key] = value = compute()
    return value


def _strip_articles(key: str) -> str:
    """``"fayez al sarraj"`` -> ``"fayez sarraj"``: the form fuzzy lookup compares."""
    return " ".join(w for w in key.split(" ") if w != "al") or key




def _is_common_word(word: str) -> bool:
    return " " not in word and _zipf(word) > COMMON_WORD_ZIPF


# ---------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class KBEntry:
    """What a phrase refers to, resolved for one date."""

    # "country" | "capital" | "adjective" | "abbreviation" | "igo" | "person" | "group" | "user"
    kind: str
    key: str  # the normalised phrase that matched
    name: str  # canonical name ("Khalifa Haftar", "Libya")
    code: str | None  # CAMEO actor code for the requested date; None if no role that date
    country: str | None  # ISO3 (or CAMEO country code); None for IGOs
    sectors: tuple[str, ...]
    source: str  # "people.yaml:123": file and line of the record
    is_surname: bool = False
    layer: str = "curated"  # "user" | "curated" | "phoenix": which layer of the KB answered
    entity_kind: str = ""  # what the record names ("person", "group", ...), also for "user" entries


@dataclass(frozen=True, slots=True)
class _Role:
    code: str
    start: str  # inclusive ISO date, "" = since ever
    end: str  # exclusive ISO date, "" = open

    def covers(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day < self.end)


@dataclass(slots=True)
class _Entity:
    kind: str
    name: str
    source: str
    code: str | None = None
    country: str | None = None
    sectors: tuple[str, ...] = ()
    roles: tuple[_Role, ...] = ()
    user: bool = False
    imported: bool = False  # the Phoenix layer, under the curated files

    def code_on(self, day: str | None) -> str | None:
        if not self.roles:
            return self.code
        if day is None:
            open_roles = [r for r in self.roles if not r.end]
            pool = open_roles or list(self.roles)
            return max(pool, key=lambda r: (r.end or "9999", r.start)).code
        for role in self.roles:
            if role.covers(day):
                return role.code
        return self.code

    def has_role_on(self, day: str | None) -> bool:
        if day is None:
            return (not self.roles and self.code is not None) or any(not r.end for r in self.roles)
        return any(r.covers(day) for r in self.roles) or (not self.roles and self.code is not None)


@dataclass(slots=True)
class _Key:
    entity: _Entity
    kind: str  # KBEntry.kind
    surface: str  # the alias as written in the file
    acronym: bool = False  # "US", "WHO": exact case when the lowercase form is a word
    is_surname: bool = False

    @property
    def exact_case(self) -> bool:
        return self.acronym and _zipf(normalise(self.surface).replace(".", "")) > ACRONYM_EXACT_ZIPF


@dataclass(slots=True)
class _Sources:
    """Per-file bookkeeping for duplicate checks."""

    path: str
    keys: dict[str, tuple[_Entity, int]] = field(default_factory=dict)


# ---------------------------------------------------------------------------- the KB


class KnowledgeBase:
    """Lookups over the loaded actor files. Build it with :func:`load_kb`."""

    def __init__(self) -> None:
        self._keys: dict[str, list[_Key]] = {}
        self._surnames: dict[str, list[_Key]] = {}
        self._sector_terms: dict[str, tuple[str, str]] = {}  # term -> (sector, source)
        self.sector_codes: dict[str, str] = {}  # code -> description
        # Sectors of groups whose nationality does not say where an article happens (CRM, REB...).
        self.non_state_sectors: set[str] = set()
        self._adjectives: dict[str, str] = {}
        self._country_codes: set[str] = set()
        self._fuzzy_index: dict[str, set[str]] | None = None
        self._max_tokens: int | None = None
        self._sector_cache: dict[str, str | None] = {}
        self._fuzzy_cache: dict[tuple[str, str | None], KBEntry | None] = {}
        self._lookup_cache: dict[tuple[str, str | None], KBEntry | None] = {}
        self._first_word_cache: dict[str, int] = {}
        self._first_words: dict[str, int] | None = None
        self._first_last: set[tuple[str, str]] | None = None
        self._stripped: dict[str, set[str]] | None = None
        # The imported layer stays in its compact form (row text, key -> row numbers) and
        # becomes entities only when a lookup reaches it: unpickling 26,000 entities as
        # objects would cost more than half a second on every start.
        self._imported_rows: list[str] = []
        self._imported_keys: dict[str, tuple[int, ...]] = {}
        self._imported_entities: dict[int, _Entity] = {}
        self.files: list[str] = []

    # -- public API -------------------------------------------------------------------

    def lookup(self, phrase: str, date: str | None = None) -> KBEntry | None:
        """The entry for exactly this phrase (after :func:`normalise`), or None.

        ``date`` (``YYYY-MM-DD``) picks the role valid that day; ``None`` picks the
        latest (open) role. Acronyms must match case exactly and names that are also
        common English words must be written with a capital letter.
        """
        got = self._lookup_cache.get((phrase, date), _MISSING)  # the hot path: no closure made
        return got if got is not _MISSING else _memo(self._lookup_cache, (phrase, date),
                                                      lambda: self._lookup(phrase, date))

    def _lookup(self, phrase: str, date: str | None) -> KBEntry | None:
        key = normalise(phrase)
        if not key:
            return None
        raw = _SPACES_RE.sub(" ", phrase).strip()
        if raw.lower().startswith("the "):
            raw = raw[4:]
        candidates = [k for k in self._keys.get(key, ()) if self._case_ok(k, raw)]
        found = None
        if candidates:
            found = self._pick(key, candidates, date, surname=False)
        else:
            surnames = [k for k in self._surname_keys(key) if self._case_ok(k, raw)]
            if surnames:
                found = self._pick(key, surnames, date, surname=True)
        return self._or_imported(found, key, [k for k in self._imported(key) if self._case_ok(k, raw)], date)

    def _or_imported(self, found: KBEntry | None, key: str, imported: list[_Key],
                     date: str | None) -> KBEntry | None:
        """The upper layers' answer, unless they have none for that day: then the imported
        layer's. A curated person out of office has no code ("a missing person is better
        than a wrong one"); the Phoenix dictionaries date such periods (ELI, OPP)."""
        if found is not None and (found.code is not None or found.kind == "user"):
            return found  # a user record with no role that day stays silent on purpose
        if not imported:
            return found
        below = self._pick(key, imported, date, surname=False)
        return below if below is not None and below.code is not None else found

    def fuzzy_lookup(self, phrase: str, date: str | None = None) -> KBEntry | None:
        """Like :meth:`lookup`, tolerant of accents, the Arabic article and one typo.

        "Salame" finds "Salamé", "Al Sarraj" and "Sarraj" find "Fayez al-Sarraj", and a
        name of six letters or more may differ by one edit. Lowercase phrases and common
        English words are never fuzzy-matched, and an ambiguous fuzzy match returns None.
        """
        found = self.lookup(phrase, date)
        if found is not None:
            return found
        if phrase == phrase.lower():
            return None
        return _memo(self._fuzzy_cache, (phrase, date), lambda: self._fuzzy_lookup(phrase, date), limit=50_000)

    def _fuzzy_lookup(self, phrase: str, date: str | None) -> KBEntry | None:
        key = normalise(phrase)
        stripped = _strip_articles(key)
        index = self._article_free_index()
        keys = index.get(stripped, set())
        if not keys:
            keys = self._one_edit_keys(stripped)
        if not keys:
            return None
        entries = [self.lookup_key(k, date) for k in sorted(keys)]
        entries = [e for e in entries if e is not None]
        if not entries:
            return None
        distinct = {(e.name, e.code) for e in entries}
        if len(distinct) > 1:
            dated = [e for e in entries if e.code is not None]
            if len({(e.name, e.code) for e in dated}) == 1:
                return dated[0]
            return None
        return entries[0]

    def lookup_key(self, key: str, date: str | None = None) -> KBEntry | None:
        """Lookup of an already normalised key, ignoring case rules (for fuzzy matches)."""
        found = None
        if key in self._keys:
            found = self._pick(key, self._keys[key], date, surname=False)
        elif self._surname_keys(key):
            found = self._pick(key, self._surname_keys(key), date, surname=True)
        return self._or_imported(found, key, self._imported(key), date)

    def sector_of(self, term: str) -> str | None:
        """The CAMEO sector of a role term: "prosecutor" -> "JUD".

        Tries the whole phrase, a singular form, then the longest contained term
        (rightmost on ties): "military prosecutor general" -> "JUD".
        """
        got = self._sector_cache.get(term, _MISSING)
        return got if got is not _MISSING else _memo(self._sector_cache, term, lambda: self._sector_of(term),
                                                      limit=50_000)

    def _sector_of(self, term: str) -> str | None:
        key = normalise(term)
        if not key:
            return None
        for form in (key, _singular(key)):
            if form in self._sector_terms:
                return self._sector_terms[form][0]
        words = key.split(" ")
        # No term is longer than the longest sector term: skip the grams that cannot match.
        for size in range(min(len(words) - 1, self._longest_sector_term()), 0, -1):
            for start in range(len(words) - size, -1, -1):
                gram = " ".join(words[start : start + size])
                for form in (gram, _singular(gram)):
                    if form in self._sector_terms:
                        return self._sector_terms[form][0]
        return None

    def _longest_sector_term(self) -> int:
        longest = getattr(self, "_sector_term_words", None)
        if longest is None:
            longest = max((term.count(" ") + 1 for term in self._sector_terms), default=0)
            self._sector_term_words = longest
        return longest

    def country_of_adjective(self, word: str) -> str | None:
        """ISO3 of a demonym or adjective: "Libyan" -> "LBY", "Britons" -> "GBR"."""
        return self._adjectives.get(normalise(word))

    def is_country_code(self, code: str) -> bool:
        return code in self._country_codes

    def phrases(self) -> Iterable[str]:
        """Every normalised key (lowercase), including usable surnames and imported names."""
        yield from self._keys
        for key in self._surnames:
            if self._surname_keys(key):
                yield key
        for key in self._imported_keys:
            if key not in self._keys:
                yield key

    def surfaces(self) -> Iterator[tuple[str, str]]:
        """Every alias as its file writes it, with its kind ("country", "person", ...): the
        names whose case ``ingest/case.py`` restores in all-capital text."""
        for keys in self._keys.values():
            for k in keys:
                yield k.surface, k.kind

    def case_sensitive_phrases(self) -> dict[str, str]:
        """Normalised key -> surface form, for acronyms that must match case exactly."""
        out: dict[str, str] = {}
        for key, keys in self._keys.items():
            for k in keys:
                if k.exact_case:
                    out[key] = k.surface
        return out

    def max_phrase_tokens(self) -> int:
        if self._max_tokens is None:
            self._max_tokens = max((len(k.split(" ")) for k in self.phrases()), default=0)
        return self._max_tokens

    def first_word_count(self, word: str) -> int:
        """The most words a key starting with ``word`` (after :func:`normalise`) has; 0 when
        no key starts with it. Cached per word: the span matcher asks for every token."""
        got = self._first_word_cache.get(word, _MISSING)
        return got if got is not _MISSING else _memo(
            self._first_word_cache, word,
            lambda: self.first_words().get(normalise(word).split(" ")[0] if word else "", 0))

    def may_be_key(self, first: str, last: str) -> bool:
        """Whether some key starts with the word ``first`` and ends with the word ``last`` (both
        as :func:`normalise` leaves them): the span matcher skips the lookups that cannot hit."""
        if self._first_last is None:
            self._first_last = {(k.split(" ")[0], k.rsplit(" ", 1)[-1]) for k in self.phrases()}
        return (first, last) in self._first_last

    def first_words(self) -> dict[str, int]:
        """First word of every key -> the most words a key starting with it has.

        The matcher only tries spans that start with such a word, which keeps span
        lookup cheap on long articles."""
        if self._first_words is None:
            index: dict[str, int] = {}
            for key in self.phrases():
                words = key.split(" ")
                index[words[0]] = max(index.get(words[0], 0), len(words))
            self._first_words = index
        return self._first_words

    def __len__(self) -> int:
        return len(self._keys) + len(self._surnames) + len(self._imported_keys)

    def layer_counts(self) -> dict[str, dict[str, int]]:
        """Entities per layer and kind: ``{"curated": {"person": 561, ...}, "phoenix": {...}}``."""
        counts: dict[str, dict[str, int]] = {}
        seen: set[int] = set()
        for keys in [*self._keys.values(), *self._surnames.values()]:
            for k in keys:
                if id(k.entity) not in seen:
                    seen.add(id(k.entity))
                    layer = "user" if k.entity.user else "curated"
                    counts.setdefault(layer, {}).setdefault(k.entity.kind, 0)
                    counts[layer][k.entity.kind] += 1
        for row in self._imported_rows:
            kind = row.split("\t", 1)[0]
            kind = "igo" if kind == "group" and row.split("\t", 3)[2][:3] in NON_STATE_PREFIXES else kind
            counts.setdefault("phoenix", {}).setdefault(kind, 0)
            counts["phoenix"][kind] += 1
        counts["phoenix-agents"] = {"term": sum(1 for _, src in self._sector_terms.values()
                                                  if src.startswith("Phoenix."))}
        return counts

    def __contains__(self, phrase: str) -> bool:
        return self.lookup(phrase) is not None

    # -- internals --------------------------------------------------------------------

    def _imported(self, key: str) -> list[_Key]:
        """The imported layer's keys for ``key``, built from the compact rows on first use."""
        rows = self._imported_keys.get(key)
        if not rows:
            return []
        keys = []
        for index in rows:
            ent = self._imported_entities.get(index)
            if ent is None:
                ent = self._imported_entities[index] = _imported_entity(self._imported_rows[index], self)
            fields = self._imported_rows[index].split("\t")
            names = [fields[1], *(fields[4].split("|") if fields[4] else ())]
            surface = next((n for n in names if normalise(n) == key), names[0])
            keys.append(_Key(ent, ent.kind, surface, acronym=_looks_like_acronym(surface)))
        return keys

    def _surname_keys(self, key: str) -> list[_Key]:
        """Automatic surname aliases, unless the surname is an ordinary English word."""
        keys = self._surnames.get(key)
        if not keys or _is_common_word(_strip_articles(key)):
            return []
        return keys

    @staticmethod
    def _case_ok(k: _Key, raw: str) -> bool:
        if k.exact_case:
            return raw == k.surface
        if k.entity.imported and raw == raw.lower():
            return False  # imported names are proper names: "border patrol" is not one
        if raw == raw.lower() and k.surface != k.surface.lower():
            # "turkey", "chad", "male": a lowercase common word is not a name.
            words = normalise(k.surface).split(" ")
            if len(words) == 1 and _is_common_word(words[0]):
                return False
        return True

    def _pick(self, key: str, keys: list[_Key], date: str | None, surname: bool) -> KBEntry | None:
        if len(keys) > 1:
            # Several entities share the key (a surname, or a user override): prefer the
            # user's, then whoever holds a role that day; give up if still ambiguous.
            user = [k for k in keys if k.entity.user]
            keys = user or keys
            if len({id(k.entity) for k in keys}) > 1:
                holding = [k for k in keys if k.entity.has_role_on(date)]
                if len({id(k.entity) for k in holding}) == 1:
                    keys = holding
                elif surname or all(k.entity.imported for k in keys):
                    # Two people share the surname (or an imported name) and the date does
                    # not decide: a missing actor is better than a wrong one.
                    return None
                else:
                    keys = holding or keys  # the same key in two files: first file wins
        k = keys[0]
        ent = k.entity
        code = ent.code_on(date)
        country = ent.country
        if code is not None:
            country = code[:3] if code[:3] in self._country_codes else None
        sectors = ent.sectors
        if ent.kind in ("person", "group"):
            sectors = self._sectors_of_code(code) if code else ()
        return KBEntry(
            kind="user" if ent.user else k.kind,
            key=key,
            name=ent.name,
            code=code,
            country=country,
            sectors=sectors,
            source=ent.source,
            is_surname=k.is_surname or surname,
            layer="user" if ent.user else "phoenix" if ent.imported else "curated",
            entity_kind=ent.kind,
        )

    def _sectors_of_code(self, code: str) -> tuple[str, ...]:
        chunks = [code[i : i + 3] for i in range(3, len(code), 3)]
        return tuple(c for c in chunks if c in self.sector_codes)

    def _article_free_index(self) -> dict[str, set[str]]:
        if self._stripped is None:
            index: dict[str, set[str]] = {}
            for key in self.phrases():
                kinds = {k.kind for k in self._keys.get(key, [])}
                if kinds & {"adjective", "abbreviation"}:
                    continue
                index.setdefault(_strip_articles(key), set()).add(key)
            self._stripped = index
        return self._stripped

    def _one_edit_keys(self, query: str) -> set[str]:
        if len(query.replace(" ", "")) < 6:
            return set()
        if self._fuzzy_index is None:
            index: dict[str, set[str]] = {}
            for stripped, keys in self._article_free_index().items():
                if len(stripped.replace(" ", "")) < 6:
                    continue
                if not any(key in self._keys or key in self._surnames for key in keys):
                    continue  # one-typo matching stays with the curated names (and memory small)
                for variant in _deletes(stripped):
                    index.setdefault(variant, set()).add(stripped)
            self._fuzzy_index = index
        found: set[str] = set()
        for variant in _deletes(query):
            for stripped in self._fuzzy_index.get(variant, ()):
                if _within_one_edit(query, stripped) and _typo_is_rare(query, stripped):
                    found |= self._article_free_index()[stripped]
        return found


def _deletes(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def _typo_is_rare(query: str, key: str) -> bool:
    """The words that differ must not be ordinary English words (no "Bush" ~ "Push")."""
    changed = set(query.split(" ")) ^ set(key.split(" "))
    return bool(changed) and not any(_is_common_word(w) for w in changed)


def _singular(phrase: str) -> str:
    words = phrase.split(" ")
    last = words[-1]
    if last.endswith("men") and len(last) > 4:
        last = last[:-3] + "man"
    elif last.endswith("ies") and len(last) > 4:
        last = last[:-3] + "y"
    elif last.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif last.endswith("s") and not last.endswith(("ss", "us", "is")) and len(last) > 3:
        last = last[:-1]
    return " ".join([*words[:-1], last])


# ---------------------------------------------------------------------------- loading


class _Loader:
    def __init__(self) -> None:
        self.kb = KnowledgeBase()
        self.kb._country_codes = set(_iso3_codes()) | set(EXTRA_COUNTRY_CODES)
        self.iso3 = frozenset(self.kb._country_codes)
        self.entities: list[_Entity] = []
        self.user_keys: dict[str, list[_Key]] = {}
        self.user_names: set[str] = set()
        self.user_files = False

    # -- files ------------------------------------------------------------------------

    def load_text(self, text: str, path: str, user: bool) -> None:
        label = path if user else Path(path).name
        self.kb.files.append(path)
        if user:
            refuse_yaml_aliases(text, label, _YAMLLoader)
        try:
            root = yaml.compose(text, Loader=_YAMLLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark is not None else None
            problem = f"malformed YAML: {exc.problem or exc}"
            if exc.context and exc.context_mark is not None:
                problem += f" ({exc.context} started at line {exc.context_mark.line + 1})"
            raise DictionaryError(label, line, problem) from exc
        except yaml.YAMLError as exc:
            raise DictionaryError(label, None, f"malformed YAML: {exc}") from exc
        if root is None:
            return
        default_kind = Path(path).stem.split(".")[0].lower()
        if isinstance(root, yaml.SequenceNode):
            if default_kind not in _KINDS:
                raise DictionaryError(
                    label,
                    root.start_mark.line + 1,
                    f"a top-level list needs the file name to say its kind ({', '.join(_KINDS)}); "
                    "or use a mapping such as `people: [...]`",
                )
            sections = [(default_kind, root)]
        elif isinstance(root, yaml.MappingNode):
            sections = []
            for knode, vnode in root.value:
                kind = knode.value
                if kind not in _KINDS:
                    raise DictionaryError(
                        label,
                        knode.start_mark.line + 1,
                        f"unknown section {kind!r}; expected one of {', '.join(_KINDS)}",
                    )
                if not isinstance(vnode, yaml.SequenceNode):
                    if isinstance(vnode, yaml.ScalarNode) and vnode.value in ("", "~", "null"):
                        continue
                    raise DictionaryError(
                        label, vnode.start_mark.line + 1, f"{kind} must be a list"
                    )
                sections.append((kind, vnode))
        else:
            raise DictionaryError(
                label, root.start_mark.line + 1, "expected a list or a mapping of lists"
            )
        # Sectors first, so codes in the same file can be checked against them.
        sections.sort(key=lambda s: s[0] != "sectors")
        seen = _Sources(label)
        for kind, seq in sections:
            for node in seq.value:
                line = node.start_mark.line + 1
                record = self._record(node, kind, label, line)
                getattr(self, f"_add_{kind}")(record, label, line, user, seen)

    def _record(self, node: yaml.Node, kind: str, label: str, line: int) -> dict[str, Any]:
        if not isinstance(node, yaml.MappingNode):
            raise DictionaryError(label, line, f"a {kind} record must be a mapping")
        record = _YAMLLoader.construct(node)
        if not isinstance(record, dict):  # pragma: no cover - guarded above
            raise DictionaryError(label, line, f"a {kind} record must be a mapping")
        required, optional = _FIELDS[kind]
        unknown = set(record) - required - optional
        if unknown:
            raise DictionaryError(
                label,
                line,
                f"unknown key(s) {', '.join(sorted(map(str, unknown)))} in {kind} record; "
                f"allowed: {', '.join(sorted(required | optional))}",
            )
        missing = [k for k in sorted(required) if record.get(k) in (None, "")]
        if missing and not (kind == "people" and missing == ["roles"] and "roles" in record):
            raise DictionaryError(label, line, f"{kind} record lacks required {', '.join(missing)}")
        if kind == "groups" and record.get("code") is None and not record.get("roles"):
            raise DictionaryError(label, line, "a group needs a `code` or `roles`")
        return record

    # -- validation helpers -----------------------------------------------------------

    def _str_list(
        self, record: dict[str, Any], field_name: str, label: str, line: int
    ) -> list[str]:
        value = record.get(field_name) or []
        if isinstance(value, str) or not isinstance(value, list):
            raise DictionaryError(label, line, f"`{field_name}` must be a list of strings")
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise DictionaryError(
                    label, line, f"`{field_name}` has a non-string or empty item {item!r}"
                )
        return value

    def _check_code(self, code: Any, label: str, line: int) -> str:
        if not isinstance(code, str) or not _CODE_RE.match(code):
            raise DictionaryError(
                label,
                line,
                f"bad CAMEO code {code!r}: expected 3-letter uppercase blocks such as LBYMIL",
            )
        prefix = code[:3]
        if prefix in NON_STATE_PREFIXES:
            return code
        if prefix not in self.kb._country_codes:
            raise DictionaryError(
                label,
                line,
                f"bad code {code!r}: {prefix!r} is not an ISO 3166 alpha-3 country code "
                f"nor one of {', '.join(sorted(NON_STATE_PREFIXES))}",
            )
        for i in range(3, len(code), 3):
            chunk = code[i : i + 3]
            if self.kb.sector_codes and chunk not in self.kb.sector_codes:
                raise DictionaryError(label, line, f"bad code {code!r}: unknown sector {chunk!r}")
        return code

    def _check_roles(self, record: dict[str, Any], label: str, line: int) -> tuple[_Role, ...]:
        raw = record.get("roles") or []
        if not isinstance(raw, list):
            raise DictionaryError(label, line, "`roles` must be a list of {code, from, to}")
        roles = []
        for item in raw:
            if not isinstance(item, dict) or "code" not in item:
                raise DictionaryError(label, line, f"role {item!r} must be a mapping with a `code`")
            unknown = set(item) - _ROLE_FIELDS
            if unknown:
                raise DictionaryError(
                    label, line, f"unknown key(s) {', '.join(sorted(unknown))} in role"
                )
            code = self._check_code(item["code"], label, line)
            start = _parse_date(item.get("from"), label, line, end=False)
            end = _parse_date(item.get("to"), label, line, end=True)
            if start and end and end <= start:
                raise DictionaryError(
                    label, line, f"role {code} ends ({end}) before it starts ({start})"
                )
            roles.append(_Role(code, start, end))
        roles.sort(key=lambda r: r.start)
        for a, b in zip(roles, roles[1:], strict=False):
            if not a.end or a.end > b.start:
                raise DictionaryError(
                    label,
                    line,
                    f"overlapping roles {a.code} ({a.start or '...'}..{a.end or '...'}) and "
                    f"{b.code} ({b.start or '...'}..{b.end or '...'})",
                )
        return tuple(roles)

    def _add_key(self, alias: str, ent: _Entity, kind: str, seen: _Sources, line: int) -> None:
        key = normalise(alias)
        if not key:
            return
        acronym = _looks_like_acronym(alias)
        previous = seen.keys.get(key)
        if previous is not None and previous[0] is not ent:
            other, other_line = previous
            raise DictionaryError(
                seen.path,
                line,
                f"duplicate alias {alias!r}: already used for {other.name!r} at line {other_line}",
            )
        seen.keys[key] = (ent, line)
        slot = self.user_keys if ent.user else self.kb._keys
        bucket = slot.setdefault(key, [])
        if any(k.entity is ent and k.acronym == acronym for k in bucket):
            return
        bucket.append(_Key(ent, kind, alias.strip(), acronym=acronym))

    def _new_entity(self, ent: _Entity) -> None:
        self.entities.append(ent)
        if ent.user:
            self.user_names.add(normalise(ent.name))

    # -- record kinds -----------------------------------------------------------------

    def _add_sectors(
        self, rec: dict[str, Any], label: str, line: int, user: bool, seen: _Sources
    ) -> None:
        code = rec["sector"]
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
            raise DictionaryError(
                label, line, f"bad sector code {code!r}: expected three uppercase letters"
            )
        if code in self.kb.sector_codes and not user:
            raise DictionaryError(label, line, f"sector {code} is defined twice")
        self.kb.sector_codes[code] = str(rec["description"])
        non_state = rec.get("non_state", False)
        if not isinstance(non_state, bool):
            raise DictionaryError(label, line, f"`non_state` must be true or false, got {non_state!r}")
        if non_state:
            self.kb.non_state_sectors.add(code)
        terms = rec.get("terms")
        if not isinstance(terms, list):
            raise DictionaryError(label, line, "`terms` must be a list of lowercase phrases")
        for item in terms:
            term_line = line
            if isinstance(item, _LinedStr):
                term_line = item.line
            if not isinstance(item, str) or not item.strip():
                raise DictionaryError(label, term_line, f"bad term {item!r} in sector {code}")
            key = normalise(item)
            if key != item.strip().lower().replace("-", " "):
                pass  # accents and quotes are fine; the key is what counts
            previous = self.kb._sector_terms.get(key)
            if previous is not None and (not user or previous[1].startswith(label + ":")):
                raise DictionaryError(
                    label,
                    term_line,
                    f"term {item!r} is in sector {code} and already in "
                    f"{previous[0]} ({previous[1]})",
                )
            self.kb._sector_terms[key] = (code, f"{label}:{term_line}")

    def _add_countries(
        self, rec: dict[str, Any], label: str, line: int, user: bool, seen: _Sources
    ) -> None:
        iso3 = rec["iso3"]
        if not isinstance(iso3, str) or iso3 not in self.iso3:
            raise DictionaryError(
                label,
                line,
                f"bad iso3 {iso3!r}: not an ISO 3166-1 alpha-3 code "
                f"(allowed extras: {', '.join(sorted(EXTRA_COUNTRY_CODES))})",
            )
        code = rec.get("cameo") or iso3
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{3}", code):
            raise DictionaryError(label, line, f"bad cameo code {code!r}")
        self.kb._country_codes.add(code)
        ent = _Entity(
            "country", str(rec["name"]), f"{label}:{line}", code=code, country=code, user=user
        )
        self._new_entity(ent)
        for alias in [str(rec["name"]), *self._str_list(rec, "names", label, line)]:
            self._add_key(alias, ent, "country", seen, line)
        for alias in self._str_list(rec, "capitals", label, line):
            self._add_key(alias, ent, "capital", seen, line)
        for alias in self._str_list(rec, "adjectives", label, line):
            self._add_key(alias, ent, "adjective", seen, line)
            self.kb._adjectives[normalise(alias)] = code
        for alias in self._str_list(rec, "abbreviations", label, line):
            self._add_key(alias, ent, "abbreviation", seen, line)

    def _add_igos(
        self, rec: dict[str, Any], label: str, line: int, user: bool, seen: _Sources
    ) -> None:
        code = self._check_code(rec["code"], label, line)
        sectors = tuple(self._str_list(rec, "sectors", label, line)) or (code[:3],)
        for s in sectors:
            if self.kb.sector_codes and s not in self.kb.sector_codes:
                raise DictionaryError(label, line, f"bad sector {s!r}")
        country = rec.get("country")
        if country is not None and country not in self.kb._country_codes:
            raise DictionaryError(label, line, f"bad country {country!r}")
        ent = _Entity(
            "igo",
            str(rec["name"]),
            f"{label}:{line}",
            code=code,
            country=country,
            sectors=sectors,
            user=user,
        )
        self._new_entity(ent)
        self._add_key(str(rec["name"]), ent, "igo", seen, line)
        for alias in self._str_list(rec, "names", label, line):
            self._add_key(alias, ent, "igo", seen, line)
        for alias in self._str_list(rec, "abbreviations", label, line):
            self._add_key(alias, ent, "igo", seen, line)

    def _add_groups(
        self, rec: dict[str, Any], label: str, line: int, user: bool, seen: _Sources
    ) -> None:
        code = rec.get("code")
        if code is not None:
            code = self._check_code(code, label, line)
        roles = self._check_roles(rec, label, line)
        country = (code or (roles[-1].code if roles else ""))[:3]
        ent = _Entity(
            "group",
            str(rec["name"]),
            f"{label}:{line}",
            code=code,
            country=country if country in self.kb._country_codes else None,
            roles=roles,
            user=user,
        )
        self._new_entity(ent)
        for alias in [str(rec["name"]), *self._str_list(rec, "aliases", label, line)]:
            self._add_key(alias, ent, "group", seen, line)

    def _add_people(
        self, rec: dict[str, Any], label: str, line: int, user: bool, seen: _Sources
    ) -> None:
        roles = self._check_roles(rec, label, line)
        name = str(rec["name"])
        country = roles[-1].code[:3] if roles else None
        ent = _Entity(
            "person",
            name,
            f"{label}:{line}",
            roles=roles,
            country=country if country in self.kb._country_codes else None,
            user=user,
        )
        self._new_entity(ent)
        surname_forms = _surname_keys(name, rec.get("surname", ...), label, line)
        for alias in [name, *self._str_list(rec, "aliases", label, line)]:
            self._add_key(alias, ent, "person", seen, line)
            if normalise(alias) in surname_forms:
                for k in (self.user_keys if user else self.kb._keys)[normalise(alias)]:
                    if k.entity is ent:
                        k.is_surname = True
        for form in surname_forms:
            if form in seen.keys:
                continue  # an explicit alias (this person's or another's) wins
            target = self.kb._surnames  # user surnames share the table; _pick prefers user
            target.setdefault(form, []).append(_Key(ent, "person", form, is_surname=True))

    # -- the imported layer -----------------------------------------------------------

    def load_imported(self, text: str, path: str) -> None:
        """Read ``actors.tsv`` or ``agents.tsv`` of the imported layer (see phoenix.py)."""
        label = f"eventwire/data/phoenix/{Path(path).name}"
        self.kb.files.append(path)
        agents = Path(path).name.startswith("agents")
        header = "term\tsector\tsource" if agents else "kind\tname\tcode\troles\taliases\tsource"
        width = header.count("\t") + 1
        for number, line in enumerate(text.split("\n"), start=1):
            if not line or line.startswith("#") or line == header:
                continue
            fields = line.split("\t")
            if len(fields) != width:
                raise DictionaryError(label, number, f"expected {width} tab-separated fields "
                                      f"({header.replace(chr(9), ', ')}), found {len(fields)}")
            if agents:
                self._add_imported_agent(fields, label, number)
            else:
                self._add_imported_actor(fields, label, number, line)

    def _add_imported_agent(self, fields: list[str], label: str, line: int) -> None:
        term, sector, source = fields
        if sector not in self.kb.sector_codes:
            raise DictionaryError(label, line, f"unknown sector {sector!r} for agent {term!r}")
        key = normalise(term)
        if not key:
            raise DictionaryError(label, line, "empty agent term")
        if key not in self.kb._sector_terms:  # the curated sectors.yaml wins
            self.kb._sector_terms[key] = (sector, source)

    def _add_imported_actor(self, fields: list[str], label: str, line: int, row: str) -> None:
        kind, name, code_text, roles_text, aliases_text, source = fields
        if kind not in ("person", "group"):
            raise DictionaryError(label, line, f"bad kind {kind!r}: expected person or group")
        if not name.strip():
            raise DictionaryError(label, line, "empty name")
        code = self._check_code(code_text, label, line) if code_text else None
        roles_raw = []
        for item in roles_text.split(";") if roles_text else ():
            parts = item.split(":")
            if len(parts) != 3:
                raise DictionaryError(label, line, f"bad role {item!r}: expected CODE:from:to")
            roles_raw.append({"code": parts[0], "from": parts[1], "to": parts[2]})
        roles = self._check_roles({"roles": roles_raw}, label, line)
        if code is None and not roles:
            raise DictionaryError(label, line, f"{name!r} has neither a code nor roles")
        if [(r.code, r.start, r.end) for r in roles] != [(r["code"], r["from"], r["to"]) for r in roles_raw]:
            raise DictionaryError(label, line, "roles must be in date order with YYYY-MM-DD dates")
        index = len(self.kb._imported_rows)
        self.kb._imported_rows.append(row)
        for alias in [name, *(aliases_text.split("|") if aliases_text else ())]:
            key = normalise(alias)
            if not key:
                raise DictionaryError(label, line, f"empty name in {aliases_text!r}")
            bucket = self.kb._imported_keys.get(key, ())
            if index not in bucket:
                # Tuples, not lists: a cached KB unpickles 34,000 of them five times faster.
                self.kb._imported_keys[key] = (*bucket, index)

    # -- finishing --------------------------------------------------------------------

    def finish(self) -> KnowledgeBase:
        kb = self.kb
        if self.user_names:
            # A user record replaces the packaged entity of the same name entirely.
            replaced = {
                id(e) for e in self.entities if not e.user and normalise(e.name) in self.user_names
            }
            hidden = {i for i, row in enumerate(kb._imported_rows)
                      if normalise(row.split("\t", 2)[1]) in self.user_names}
            if hidden:
                for key in list(kb._imported_keys):
                    kb._imported_keys[key] = tuple(i for i in kb._imported_keys[key] if i not in hidden)
                    if not kb._imported_keys[key]:
                        del kb._imported_keys[key]
            if replaced:
                for table in (kb._keys, kb._surnames):
                    for key in list(table):
                        table[key] = [k for k in table[key] if id(k.entity) not in replaced]
                        if not table[key]:
                            del table[key]
        for key, keys in self.user_keys.items():
            kb._keys[key] = keys  # user keys win over packaged ones
        # Surnames that are full aliases already are not surnames; common English words
        # are dropped lazily (see KnowledgeBase._surname_keys) so loading stays cheap.
        for key in list(kb._surnames):
            if key in kb._keys:
                del kb._surnames[key]
        return kb


def _imported_entity(row: str, kb: KnowledgeBase) -> _Entity:
    """The entity of one ``actors.tsv`` row (validated when the KB was built)."""
    kind, name, code, roles_text, _aliases, source = row.split("\t")
    roles = tuple(_Role(*item.split(":")) for item in roles_text.split(";")) if roles_text else ()
    latest = roles[-1].code if roles else code
    if kind == "group" and latest[:3] in NON_STATE_PREFIXES:
        kind = "igo"
    return _Entity(kind, name, source, code=code or None, roles=roles,
                   country=latest[:3] if latest[:3] in kb._country_codes else None,
                   sectors=(latest[:3],) if kind == "igo" else (), imported=True)


def _surname_keys(name: str, override: Any, label: str, line: int) -> set[str]:
    """Automatic surname aliases: "Fayez al-Sarraj" -> {"al sarraj", "sarraj"}."""
    if override is None:
        return set()
    if override is not ...:
        if not isinstance(override, str) or not override.strip():
            raise DictionaryError(label, line, "`surname` must be a string (or null for none)")
        key = normalise(override)
        return {key, _strip_articles(key)}
    words = [w for w in normalise(name).split(" ") if w.rstrip(".") not in NAME_SUFFIXES]
    if len(words) < 2:
        return set()
    if words[-2] in PATRONYMIC_PARTICLES:
        return set()  # "Mohammed bin Salman": the last word is a father's name, not a surname
    last = words[-1]
    if len(last) < 3:
        return set()
    if words[-2] == "al":
        return {f"al {last}", last}
    return {last}


def _looks_like_acronym(alias: str) -> bool:
    return bool(_ACRONYM_RE.match(alias.strip()))


def _parse_date(value: Any, label: str, line: int, end: bool) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, _date):
        return value.isoformat()
    text = str(value)
    m = _DATE_RE.match(text)
    if not m:
        raise DictionaryError(
            label, line, f"bad date {value!r}: expected YYYY-MM-DD (or YYYY-MM, YYYY)"
        )
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        parsed = _date(year, month, day)
    except ValueError as exc:
        raise DictionaryError(label, line, f"bad date {value!r}: {exc}") from exc
    if end and m.group(3) is None:
        # A month/year-precision end covers the whole month/year.
        if m.group(2) is None:
            parsed = _date(year + 1, 1, 1)
        else:
            parsed = _date(year + (month == 12), month % 12 + 1, 1)
    return parsed.isoformat()


class _LinedStr(str):
    """A YAML scalar string that remembers its line, for term-level error messages."""

    line: int


class _YAMLLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """Composes nodes only; ``_construct`` turns them into values that keep their lines.

    PyYAML's resolver tries a dozen regular expressions on every scalar, which is
    most of the load time; ``_construct`` interprets the few plain scalars we need.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit and implicit[0] else _TAG + "str"
        return _TAG + ("seq" if kind is yaml.SequenceNode else "map")

    @classmethod
    def construct(cls, node: yaml.Node) -> Any:
        return _construct(node)


_TAG = "tag:yaml.org,2002:"
_PLAIN = "!eventwire-plain"  # an untagged, unquoted scalar
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_INT_RE = re.compile(r"^[-+]?[0-9]+$")


def _construct(node: yaml.Node) -> Any:
    """Build plain Python values from composed nodes (faster than a constructor).

    Dates stay strings (``_parse_date`` checks them); strings remember their line.
    """
    if isinstance(node, yaml.MappingNode):
        return {_construct(k): _construct(v) for k, v in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [_construct(v) for v in node.value]
    value = node.value
    if node.tag == _PLAIN:
        if value in _NULLS:
            return None
        lowered = value.lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        if _INT_RE.match(value):
            return int(value)
    lined = _LinedStr(value)
    lined.line = node.start_mark.line + 1
    return lined


def _iso3_codes() -> list[str]:
    """ISO 3166-1 alpha-3 codes, read from pycountry's data without importing it (~50 ms)."""
    import importlib.util
    import json

    spec = importlib.util.find_spec("pycountry")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "databases" / "iso3166-1.json"
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            return [entry["alpha_3"] for entry in data["3166-1"]]
    import pycountry  # pragma: no cover - unusual installs

    return [c.alpha_3 for c in pycountry.countries]  # pragma: no cover


def _iter_data(folder: str, names: Sequence[str]) -> Iterator[tuple[str, str]]:
    """(label, text) of the packaged files ``names`` under ``data/folder`` that exist."""
    base = resources.files("eventwire") / "data" / folder
    for name in names:
        res = base / name
        if res.is_file():
            yield f"eventwire/data/{folder}/{name}", res.read_text(encoding="utf-8")


def _iter_packaged() -> Iterator[tuple[str, str]]:
    return _iter_data("actors", PACKAGED_FILES)


def _iter_imported() -> Iterator[tuple[str, str]]:
    return _iter_data("phoenix", IMPORTED_FILES)


def _build(extra_files: tuple[str, ...], use_cache: bool = True, imported: bool = True) -> KnowledgeBase:
    """Parse and validate every file, or reuse a cached build of exactly the same texts."""
    texts = list(_iter_packaged())
    curated = len(texts)
    if imported:
        texts += list(_iter_imported())
    packaged = len(texts)
    for extra in extra_files:
        texts.append((str(extra), read_user_text(str(extra), "actor file")))
    cache = _cache_path(texts) if use_cache else None
    if cache is not None:
        kb = _read_cache(cache)
        if kb is not None:
            return kb
    loader = _Loader()
    for i, (path, text) in enumerate(texts):
        if curated <= i < packaged:
            loader.load_imported(text, path)
        else:
            loader.load_text(text, path, user=i >= packaged)
    kb = loader.finish()
    if cache is not None:
        _write_cache(cache, kb)
    return kb


# A validated build is pickled under the user's cache directory, keyed by a hash of the
# file texts and of this module, so that a warm start costs milliseconds. Parsing and
# validating everything from YAML takes ~0.15 s; set EVENTWIRE_NO_CACHE=1 to always do it.
def _cache_path(texts: list[tuple[str, str]]) -> Path | None:
    if environment().no_cache:
        return None
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path, text in texts:
        digest.update(path.encode("utf-8") + b"\0" + text.encode("utf-8") + b"\0")
    return cache_dir() / f"kb-{digest.hexdigest()[:24]}.pickle"


def _read_cache(path: Path) -> KnowledgeBase | None:
    try:
        with path.open("rb") as fh:
            kb = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return kb if isinstance(kb, KnowledgeBase) else None


def _write_cache(path: Path, kb: KnowledgeBase) -> None:
    try:
        write_pickle(path, kb)  # atomic: concurrent processes never read half a file
    except OSError:
        pass  # a read-only home directory only costs the parse time


@functools.lru_cache(maxsize=2)
def _default_kb(imported: bool = True) -> KnowledgeBase:
    return _build((), imported=imported)


def load_kb(extra_files: Sequence[str | Path] = (), imported: bool | None = None) -> KnowledgeBase:
    """The packaged actor knowledge base, with ``extra_files`` layered on top.

    ``imported=False`` leaves out the imported Phoenix layer (default: on, unless the
    environment sets ``EVENTWIRE_NO_PHOENIX=1``). The default KB (no extra files) is
    built once per process and shared; do not mutate it. See the module docstring for
    the file formats.
    """
    if imported is None:
        imported = not environment().no_phoenix
    if not extra_files:
        return _default_kb(imported)
    return _build(tuple(str(p) for p in extra_files), imported=imported)
