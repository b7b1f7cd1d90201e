"""Build the imported actor layer from the Phoenix/PETRARCH dictionaries.

``build_phoenix(SOURCE_DIR, OUT_DIR)`` reads the Open Event Data Alliance's
``Phoenix.{Countries,International,MilNonState}.actors.txt`` and ``Phoenix.agents.txt``
with :mod:`eventwire.actors.petrarch` (tolerantly: a bad line is skipped and reported)
and writes, into ``OUT_DIR``:

``actors.tsv``    one entity a line: ``kind name code roles aliases source``
``agents.tsv``    one agent noun a line: ``term sector source``
``BUILD_LOG.txt`` counts per file, and every line the build skipped or changed, with why
``LICENSE``       the dictionaries' MIT notice, which must travel with the data

The packaged copy lives in ``eventwire/data/phoenix/`` and is loaded by
:mod:`eventwire.actors.kb` as the *imported* layer, under the curated YAML files.
The output depends only on the input files and this module: no dates, no absolute
paths, stable order, so that a rebuild of the same input is byte-identical.

What the build changes on the way, and why:

- a code whose country is not an ISO 3166 code we know (``USR``, ``YUG``...) drops its
  entity, since the coded country would be wrong; role letters we do not know are cut
  off the code (``USAGOVXYZ`` -> ``USAGOV``), keeping the country;
- an alias that is a single common English word (wordfreq Zipf above the KB's
  ``COMMON_WORD_ZIPF``) or shorter than three letters is dropped: the imported layer
  never matches on common words; so is a name of more than eight words;
- a person named with three words or more also gets "first last" ("Carlos Saul Menem"
  -> "Carlos Menem") and, where names carry two family names (Spanish naming, the
  countries in ``data/phoenix/build.yaml``), "first second"
  ("Andres Pastrana Arango" -> "Andres Pastrana");
- an entry coded with a bare country code (``AFGHANISTAN [AFG] +KABUL +HERAT``) is a
  country and its places: the curated countries and the gazetteer cover those;
- agent nouns whose sector we do not have (``~MUS``, ``~CHR``) are skipped, and so is a
  one-word agent that does not name a person (``ARTILLERY``, ``REBELLION``; see
  ``person_noun_endings`` in ``build.yaml``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import DictionaryError
from .kb import COMMON_WORD_ZIPF, NAME_SUFFIXES, NON_STATE_PREFIXES, _zipf, load_kb, normalise
from .petrarch import import_actors, import_agents

__all__ = ["ACTOR_FILES", "AGENT_FILE", "BuildReport", "build_phoenix", "write_actor_row"]

ACTOR_FILES = (
    "Phoenix.Countries.actors.txt",
    "Phoenix.International.actors.txt",
    "Phoenix.MilNonState.actors.txt",
)
AGENT_FILE = "Phoenix.agents.txt"
NOTICE = ("Actor and verb dictionaries derived from the Phoenix/PETRARCH dictionaries, "
          "Open Event Data Alliance, MIT")
ACTORS_HEADER = "kind\tname\tcode\troles\taliases\tsource"
AGENTS_HEADER = "term\tsector\tsource"
MAX_NAME_WORDS = 8
_ROMAN = frozenset({"ii", "iii", "iv", "vi"})
_FIELD_RE = re.compile(r"[\t\n\r|;]")


@dataclass
class BuildReport:
    """What a build read, wrote and skipped; ``lines`` is the build log."""

    counts: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)
    out_dir: Path | None = None

    def summary(self) -> str:
        c = self.counts
        verbs = f", {c['verb patterns']} verb patterns" if "verb patterns" in c else ""
        return (f"{c['people']} people, {c['groups']} organisations, {c['aliases']} names, "
                f"{c['agents']} agent nouns{verbs}; {c['skipped']} lines or entries skipped "
                f"(see {self.out_dir / 'BUILD_LOG.txt' if self.out_dir else 'the build log'})")


@dataclass(frozen=True)
class _Rules:
    two_family_names: frozenset[str]
    person_noun_endings: tuple[str, ...]


def _rules(countries: frozenset[str]) -> _Rules:
    """``data/phoenix/build.yaml``, checked."""
    label = "eventwire/data/phoenix/build.yaml"
    text = (resources.files("eventwire") / "data" / "phoenix" / "build.yaml").read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise DictionaryError(label, None, f"malformed YAML: {exc}") from exc

    def line_of(word: str) -> int | None:
        return next((i for i, t in enumerate(text.splitlines(), 1) if word in t), None)

    if not isinstance(data, dict) or set(data) != {"two_family_names", "person_noun_endings"}:
        raise DictionaryError(label, None, "expected the keys two_family_names and person_noun_endings")
    for key in data:
        if not isinstance(data[key], list) or not all(isinstance(v, str) and v for v in data[key]):
            raise DictionaryError(label, line_of(key), f"`{key}` must be a list of words")
    for code in data["two_family_names"]:
        if code not in countries:
            raise DictionaryError(label, line_of(code), f"{code!r} is not an ISO3 country code")
    return _Rules(frozenset(data["two_family_names"]), tuple(data["person_noun_endings"]))


def _person_name(name: str) -> str:
    """``"NUR Mohammad Taraki"`` -> ``"Nur Mohammad Taraki"``: the importer keeps words of up
    to three capitals as acronyms, which suits organisations, not people."""
    words = []
    for word in name.split(" "):
        if word.isupper() and len(word) > 1 and word.lower() not in _ROMAN:
            word = word[:1] + word[1:].lower()
        words.append(word)
    return " ".join(words)


def _name_variants(name: str, country: str | None, two_family_names: frozenset[str]) -> list[str]:
    words = [w for w in name.split(" ") if w.lower().rstrip(".") not in NAME_SUFFIXES]
    if len(words) < 3 or any(len(w.rstrip(".")) < 2 for w in (words[0], words[-1])):
        return []
    if words[-2].lower() in {"bin", "ibn", "bint", "ben", "ould", "de", "la", "del", "van", "von", "al", "el"}:
        return []  # "Mohammed bin Salman", "Fernando de la Rua": the last word does not stand alone
    variants = [f"{words[0]} {words[-1]}"]
    if country in two_family_names and len(words) == 3 and len(words[1].rstrip(".")) > 2:
        variants.append(f"{words[0]} {words[1]}")
    return variants


def _clean(text: str) -> str:
    return _FIELD_RE.sub(" ", text).strip()


def write_actor_row(kind: str, name: str, code: str, roles: list[tuple[str, str, str]],
                    aliases: list[str], source: str) -> str:
    """One line of ``actors.tsv``; roles are ``CODE:from:to`` joined by ``;``, aliases by ``|``."""
    role_text = ";".join(f"{c}:{a}:{b}" for c, a, b in roles)
    return "\t".join([kind, _clean(name), code, role_text, "|".join(_clean(a) for a in aliases), source])


class _Codes:
    """Our code rules, from the curated KB: ISO3 countries and known sectors."""

    def __init__(self) -> None:
        kb = load_kb()
        self.countries = frozenset(kb._country_codes)
        self.sectors = frozenset(kb.sector_codes)

    def fix(self, code: str) -> tuple[str | None, str]:
        """(the code we keep or None, what was changed)."""
        prefix = code[:3]
        if prefix in NON_STATE_PREFIXES:
            return code, ""
        if prefix not in self.countries:
            return None, f"{prefix!r} is not a country code we know"
        kept = prefix
        for i in range(3, len(code), 3):
            chunk = code[i : i + 3]
            if chunk not in self.sectors:
                return kept, f"role letters {code[i:]!r} unknown: kept {kept}"
            kept += chunk
        return kept, ""


def _alias_problem(alias: str) -> str:
    key = normalise(alias)
    if len(key.replace(" ", "")) < 3:
        return "shorter than three letters"
    if key.count(" ") >= MAX_NAME_WORDS:
        return f"longer than {MAX_NAME_WORDS} words (the span matcher never tries it)"
    if " " not in key and _zipf(key) > COMMON_WORD_ZIPF:
        return "a frequent single word (wordfreq Zipf above the KB's common-word bar)"
    return ""


def build_phoenix(source_dir: str | Path, out_dir: str | Path, patterns_dir: str | Path | None = None) -> BuildReport:
    """Convert the Phoenix dictionaries in ``source_dir`` into ``out_dir`` (see module doc).

    With ``patterns_dir``, the verb dictionary ``CAMEO.2.0.txt`` is mined too (see
    :mod:`eventwire.events.phoenix_verbs`): pattern files go there, and what did not
    convert, with why, to ``out_dir/VERBS_NOT_CONVERTED.txt``."""
    src, out = Path(source_dir), Path(out_dir)
    for name in (*ACTOR_FILES, AGENT_FILE, "LICENSE"):
        if not (src / name).is_file():
            raise DictionaryError(str(src / name), None,
                                  "missing: point the build at the folder holding the Phoenix dictionaries")
    codes = _Codes()
    rules = _rules(codes.countries)
    report = BuildReport(out_dir=out)
    log = report.lines
    prefix = str(src) + "/"

    def note(message: str) -> None:
        log.append(message.replace(prefix, ""))

    rows: list[str] = []
    for file_name in ACTOR_FILES:
        per_file: Counter[str] = Counter()
        log.append(f"== {file_name}")
        result = import_actors(src / file_name, tolerant=True)
        for repair in result["repairs"]:
            note(f"repaired: {repair}")
        for problem in result["problems"]:
            note(f"skipped: {problem}")
            per_file["skipped"] += 1
        for warning in result["warnings"]:
            note(f"changed: {warning}")
        if result["skipped"]:
            per_file["not coded ([---])"] += len(result["skipped"])
        # A person has dated codes: "HELMUT_KOHL [DEUELI 480101-821001] [DEUGOV 821001-981027]
        # [DEUELI]"; the importer files one with an undated default among the groups.
        records = [("person" if r.get("roles") else "group", r) for r in result["people"] + result["groups"]]
        records.sort(key=lambda kr: int(kr[1]["note"].rsplit(":", 1)[1]))
        for kind, rec in records:
            row = _convert(kind, rec, file_name, codes, rules.two_family_names, note, per_file)
            if row is not None:
                rows.append(row)
        log.append(f"-- {file_name}: " + ", ".join(f"{k} {v}" for k, v in sorted(per_file.items())))
        report.counts.update(per_file)

    log.append(f"== {AGENT_FILE}")
    agents = import_agents(src / AGENT_FILE, tolerant=True)
    per_file = Counter[str]()
    for repair in agents["repairs"]:
        note(f"repaired: {repair}")
    for problem in agents["problems"]:
        note(f"skipped: {problem}")
        per_file["skipped"] += 1
    for warning in agents["warnings"]:
        note(f"changed: {warning}")
    agent_rows = []
    for sector_record in agents["sectors"]:
        sector = sector_record["sector"]
        for term in sector_record["terms"]:
            line = agents["origins"][term]
            if sector not in codes.sectors:
                note(f"skipped: {AGENT_FILE}:{line}: agent {term!r}: sector {sector} is not one of ours")
                per_file["skipped"] += 1
                continue
            if " " not in term and not term.endswith(rules.person_noun_endings):
                note(f"skipped: {AGENT_FILE}:{line}: agent {term!r}: one word that does not name a person "
                     "(see person_noun_endings in build.yaml)")
                per_file["agents not a person noun"] += 1
                continue
            agent_rows.append((line, f"{_clean(term)}\t{sector}\t{AGENT_FILE}:{line}"))
            per_file["agents"] += 1
    agent_rows.sort()
    log.append(f"-- {AGENT_FILE}: " + ", ".join(f"{k} {v}" for k, v in sorted(per_file.items())))
    report.counts.update(per_file)

    out.mkdir(parents=True, exist_ok=True)
    head = [f"# {NOTICE} (see LICENSE beside this file).",
            "# Built by `eventwire dict build-phoenix`; do not edit: rebuild instead."]
    (out / "actors.tsv").write_text("\n".join([*head, ACTORS_HEADER, *rows]) + "\n", encoding="utf-8")
    (out / "agents.tsv").write_text("\n".join([*head, AGENTS_HEADER, *(r for _, r in agent_rows)]) + "\n",
                                    encoding="utf-8")
    licence = (src / "LICENSE").read_text(encoding="utf-8", errors="replace")
    (out / "LICENSE").write_text(f"{NOTICE}.\n\n{licence}", encoding="utf-8")
    if patterns_dir is not None:
        _build_verbs(src, out, Path(patterns_dir), report)
    total = ", ".join(f"{k} {v}" for k, v in sorted(report.counts.items()))
    (out / "BUILD_LOG.txt").write_text(
        "\n".join([f"# eventwire dict build-phoenix: {total}", *log]) + "\n", encoding="utf-8")
    return report


VERB_FILE = "CAMEO.2.0.txt"


def _build_verbs(src: Path, out: Path, patterns_dir: Path, report: BuildReport) -> None:
    from ..events.patterns import parse_pattern_file
    from ..events.phoenix_verbs import convert_verbs, write_pattern_files

    if not (src / VERB_FILE).is_file():
        raise DictionaryError(str(src / VERB_FILE), None, "missing: the verb dictionary is needed for --patterns")
    # Our own verbs: the packaged root files only, so that a rebuild ignores its own output.
    folder = resources.files("eventwire") / "data" / "patterns"
    known = {p.lemma for f in folder.iterdir() if f.name.endswith(".yaml")
             for p in parse_pattern_file(f.read_text(encoding="utf-8"), f.name) if p.kind == "verb"}
    conversion = convert_verbs(src / VERB_FILE, known)
    patterns_dir.mkdir(parents=True, exist_ok=True)
    for old in patterns_dir.glob("*_phoenix.yaml"):
        old.unlink()
    write_pattern_files(conversion, patterns_dir, NOTICE)
    counts = ", ".join(f"{k} {v}" for k, v in sorted(conversion.counts.items()))
    (out / "VERBS_NOT_CONVERTED.txt").write_text(
        "\n".join([f"# {VERB_FILE} -> NN_phoenix.yaml pattern files: {counts}",
                    "# What did not convert into our patterns, and why (file:line: reason).",
                    *conversion.skipped]) + "\n", encoding="utf-8")
    report.lines.append(f"-- {VERB_FILE}: {counts}")
    report.counts["verb patterns"] += conversion.counts["patterns"]


def _convert(kind: str, rec: dict[str, Any], file_name: str, codes: _Codes, two_family_names: frozenset[str],
             note: Any, counts: Counter[str]) -> str | None:
    where = f"{file_name}:{rec['note'].rsplit(':', 1)[1]}"
    fixed_roles: list[tuple[str, str, str]] = []
    all_codes = [(rec.get("code"), "", "")] if rec.get("code") else []
    all_codes += [(r["code"], r.get("from", ""), r.get("to", "")) for r in rec.get("roles", [])]
    default = ""
    for i, (code, start, end) in enumerate(all_codes):
        kept, why = codes.fix(code)
        if kept is None:
            note(f"skipped: {where}: {rec['name']!r}: code {code}: {why}")
            counts["skipped"] += 1
            return None
        if why:
            note(f"changed: {where}: {rec['name']!r}: code {code}: {why}")
        if i == 0 and rec.get("code"):
            default = kept
        else:
            fixed_roles.append((kept, start, end))
    if default and len(default) == 3 and not fixed_roles and default[:3] in codes.countries:
        # "AFGHANISTAN [AFG] +KABUL +HERAT ...": a country and its places. The curated
        # countries and the gazetteer know them, and as actors they would hide the places.
        note(f"skipped: {where}: {rec['name']!r}: a country or place entry (code {default})")
        counts["places skipped"] += 1
        return None
    name = rec["name"]
    if kind == "person":
        name = _person_name(name)
    aliases = [name, *(_person_name(a) if kind == "person" else a for a in rec.get("aliases", []))]
    if kind == "person":
        country = (fixed_roles[-1][0] if fixed_roles else default)[:3]
        aliases += _name_variants(name, country, two_family_names)
    kept_aliases: list[str] = []
    seen: set[str] = set()
    for alias in aliases:
        key = normalise(alias)
        if key in seen:
            continue
        seen.add(key)
        why = _alias_problem(alias)
        if why:
            note(f"skipped: {where}: name {alias!r} of {rec['name']!r}: {why}")
            counts["names skipped"] += 1
            continue
        kept_aliases.append(alias)
    if not kept_aliases:
        note(f"skipped: {where}: {rec['name']!r}: no usable name")
        counts["skipped"] += 1
        return None
    counts["people" if kind == "person" else "groups"] += 1
    counts["aliases"] += len(kept_aliases)
    return write_actor_row(kind, kept_aliases[0], default, fixed_roles, kept_aliases[1:], where)
