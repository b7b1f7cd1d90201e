"""Import PETRARCH/TABARI actor and agent dictionaries into eventwire's YAML records.

Many event-data users keep decades of curation in these formats. This module turns
them into the records :mod:`eventwire.actors.kb` loads, so that the result can be
passed to ``eventwire code --actors``::

    records = import_actors("Phoenix.Countries.actors.txt")
    write_yaml(records, "my_actors.yaml")

Actor files (``*.actors.txt``)
    ``NAME [CODE]`` starts an entry (words joined by ``_`` or spaces); ``+SYNONYM``
    lines add aliases; codes may also stand on their own ``[CODE ...]`` lines after
    the name. Dated codes: ``[CODE >YYMMDD]`` (from), ``[CODE <YYMMDD]`` (before),
    ``[CODE YYMMDD-YYMMDD]`` (between; the end is exclusive). Two-digit years 00-30
    are 20xx, others 19xx. ``#`` starts a comment, ``<!-- ... -->`` is a comment
    block, and ``[---]`` means "known, do not code" (the entry is listed under
    ``skipped``).

    An entry whose codes are all dated becomes a ``people`` record with ``roles``;
    any other entry becomes a ``groups`` record (its undated code is the default,
    dated codes become ``roles``). Names are title-cased ("BARACK_OBAMA" -> "Barack
    Obama"), except words of up to three letters, which are kept as acronyms ("UN").

Agent files (``*.agents.txt``)
    ``PRESIDENT [~GOV]``, ``POLICEMAN {POLICEMEN} [~COP]``, ``ARMED_FORCES {} [~MIL]``
    and macros ``!PERSON! = MAN, MEN, WOMAN, WOMEN`` that expand inside entries
    (``CONGRESS!PERSON!``). Each agent becomes a lowercase term of the sector named by
    the first three letters of its code; an irregular plural becomes a term too.

Problems that make a line unreadable raise :class:`~eventwire.errors.DictionaryError`
naming ``file:line``. Problems eventwire can live with (a code whose role letters
eventwire does not know, a term given to two sectors) are collected under
``warnings`` as ``file:line: message`` strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..errors import DictionaryError, OutputError

__all__ = ["import_actors", "import_agents", "write_yaml", "parse_yymmdd"]

_CODE_BLOCK_RE = re.compile(r"\[([^\]]*)\]")
_ROLE_CODE_RE = re.compile(r"^~?(?:[A-Z]{3})+$")
_DATE_RE = re.compile(r"^(?:\d{6}|\d{8})$")
_SLIP_RE = re.compile(r"([<>])\s+(?=\d)")
# Control characters other than tab: stray NUL/SUB bytes in old dictionary files.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PLURAL_RE = re.compile(r"\{([^}]*)\}")
_MACRO_DEF_RE = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")
_MACRO_USE_RE = re.compile(r"![A-Z0-9_]+!")
_SMALL_WORDS = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "in",
        "on",
        "al",
        "el",
        "de",
        "la",
        "du",
        "da",
        "bin",
        "ibn",
        "bint",
        "von",
        "van",
        "der",
    }
)


def parse_yymmdd(text: str, path: str = "<text>", line: int | None = None) -> str:
    """``"090120"`` -> ``"2009-01-20"``; two-digit years 00-30 are 20xx, others 19xx.

    Eight digits (``"19270101"``) are read as YYYYMMDD, as some dictionaries write them."""
    if not _DATE_RE.match(text):
        raise DictionaryError(path, line, f"bad date {text!r}: expected YYMMDD")
    if len(text) == 8:
        year, mm, dd = int(text[:4]), int(text[4:6]), int(text[6:])
    else:
        yy, mm, dd = int(text[:2]), int(text[2:4]), int(text[4:])
        year = 2000 + yy if yy <= 30 else 1900 + yy
    from datetime import date

    try:
        return date(year, mm, dd).isoformat()
    except ValueError as exc:
        raise DictionaryError(path, line, f"bad date {text!r}: {exc}") from exc


# ---------------------------------------------------------------------------- reading


def _readable_lines(text: str, label: str, tolerant: bool, problems: list[str]) -> Iterator[tuple[int, str]]:
    """``_clean_lines``; an unclosed comment block (nothing after it can be read) raises, or
    when ``tolerant`` is noted in ``problems`` and ends the lines."""
    try:
        yield from _clean_lines(text, label)
    except DictionaryError as exc:
        if not tolerant:
            raise
        problems.append(str(exc))


def _clean_lines(text: str, path: str) -> Iterator[tuple[int, str]]:
    """(line number, content) with comments and ``<!-- -->`` blocks removed."""
    in_block = False
    block_start = 0
    # split("\n"), not splitlines(): form feeds and U+2028 inside a line must not shift
    # the line numbers that messages quote.
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw
        out = ""
        while line:
            if in_block:
                end = line.find("-->")
                if end < 0:
                    line = ""
                    break
                line = line[end + 3 :]
                in_block = False
            else:
                start = line.find("<!--")
                if start < 0:
                    out += line
                    break
                out += line[:start]
                line = line[start + 4 :]
                in_block = True
                block_start = number
        if "#" in out:
            out = out[: out.index("#")]
        out = out.strip()
        if out:
            yield number, out
    if in_block:
        raise DictionaryError(path, block_start, "unclosed <!-- comment block")


def _words(name: str) -> str:
    return " ".join(name.replace("_", " ").split())


def _display(name: str) -> str:
    """``"BARACK_OBAMA"`` -> ``"Barack Obama"``; short words stay acronyms (``"UN"``)."""
    words = []
    for i, word in enumerate(_words(name).split(" ")):
        lower = word.lower()
        if i > 0 and lower in _SMALL_WORDS:
            words.append(lower)
        elif len(word) <= 3 and word.isupper():
            words.append(word)
        elif word.isupper() or word.islower():
            words.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
        else:
            words.append(word)
    return " ".join(words)


def _parse_code(body: str, path: str, line: int) -> tuple[str | None, str, str]:
    """``"USAGOV >090120"`` -> ("USAGOV", "2009-01-20", ""). Code None means ``---``.

    A space after ``>`` or ``<`` (``[EGYGOV > 140608]``) is a common slip and is read."""
    parts = _SLIP_RE.sub(r"\1", body).split()
    if not parts:
        raise DictionaryError(path, line, "empty code []")
    code = parts[0]
    if code == "---":
        return None, "", ""
    if not re.fullmatch(r"(?:[A-Z]{3})+", code):
        raise DictionaryError(
            path, line, f"bad CAMEO code {code!r}: expected 3-letter uppercase blocks"
        )
    start = end = ""
    if len(parts) > 2:
        raise DictionaryError(path, line, f"unexpected text in code [{body}]")
    if len(parts) == 2:
        when = parts[1]
        if when.startswith(">"):
            start = parse_yymmdd(when[1:], path, line)
        elif when.startswith("<"):
            end = parse_yymmdd(when[1:], path, line)
        elif "-" in when:
            a, _, b = when.partition("-")
            start, end = parse_yymmdd(a, path, line), parse_yymmdd(b, path, line)
            if end <= start:
                raise DictionaryError(path, line, f"date range {when} ends before it starts")
        else:
            raise DictionaryError(
                path,
                line,
                f"bad date restriction {when!r}: expected >YYMMDD, <YYMMDD or YYMMDD-YYMMDD",
            )
    return code, start, end


def import_actors(path: str | Path, *, tolerant: bool = False) -> dict[str, Any]:
    """Read a PETRARCH/TABARI ``.actors.txt`` file into eventwire records.

    Returns ``{"people": [...], "groups": [...], "skipped": [names], "warnings": [...],
    "problems": [...]}`` where people and groups are the record dicts of ``people.yaml`` /
    ``groups.yaml``; each record's ``note`` names the file and line it came from.
    ``repairs`` lists what reading the file had to mend (encodings, control characters).

    By default the first unreadable line raises :class:`DictionaryError`. With
    ``tolerant=True`` (the Phoenix build) a bad line is listed under ``problems`` as
    ``file:line: message`` and skipped: a bad synonym loses that synonym, a bad code
    loses its whole entry (a person missing one period would be coded wrongly in it).
    """
    p = Path(path)
    label = str(p)
    text, repairs = _read_text(p)
    problems: list[str] = []
    entries: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None

    def codes_of(body_line: str, number: int) -> list[tuple[str | None, str, str, int]]:
        return [(*_parse_code(body, label, number), number) for body in _CODE_BLOCK_RE.findall(body_line)]

    for number, line in _readable_lines(text, label, tolerant, problems):
        try:
            if line.startswith("+"):
                if current is None:
                    raise DictionaryError(label, number, f"synonym {line!r} before any actor entry")
                synonym = line[1:].strip()
                head = _CODE_BLOCK_RE.sub("", synonym).strip()
                if not head:
                    raise DictionaryError(label, number, "empty synonym")
                if synonym.count("[") != synonym.count("]"):
                    raise DictionaryError(label, number, f"unbalanced brackets in {line!r}")
                codes = codes_of(synonym, number)
                current["aliases"].append((_display(head), number))
                current["codes"].extend(codes)
                continue
            if line.startswith("["):
                if current is None:
                    raise DictionaryError(label, number, f"code {line!r} before any actor entry")
                rest = _CODE_BLOCK_RE.sub("", line).strip()
                if rest or line.count("[") != line.count("]"):
                    raise DictionaryError(label, number, f"malformed code line {line!r}")
                current["codes"].extend(codes_of(line, number))
                continue
            if line.count("[") != line.count("]"):
                raise DictionaryError(label, number, f"unbalanced brackets in {line!r}")
            name = _CODE_BLOCK_RE.sub("", line).strip().rstrip("_").strip()
            if not name:
                raise DictionaryError(label, number, f"no actor name in {line!r}")
            current = {"name": _display(name), "line": number, "aliases": [], "codes": []}
            entries.append(current)
            current["codes"].extend(codes_of(line, number))
        except DictionaryError as exc:
            if not tolerant:
                raise
            problems.append(str(exc))
            if current is not None and (line.startswith("[") or current["line"] == number):
                current["broken"] = True  # a code of this entry is unreadable: drop the entry
            elif not line.startswith("+"):
                # An unreadable entry line: its synonyms and codes must not join the entry before.
                current = {"name": line, "line": number, "aliases": [], "codes": []}

    people: list[dict[str, Any]] = []
    groups: list[dict[str, Any]] = []
    skipped: list[str] = []
    warnings: list[str] = []
    for entry in entries:
        where = f"{p.name}:{entry['line']}"
        codes = entry["codes"]
        if entry.get("broken"):
            problems.append(f"{label}:{entry['line']}: entry {entry['name']!r} dropped: "
                            "one of its codes is unreadable (see above)")
            continue
        if not codes:
            exc = DictionaryError(label, entry["line"], f"actor {entry['name']!r} has no [CODE]")
            if not tolerant:
                raise exc
            problems.append(str(exc))
            continue
        if any(code is None for code, *_ in codes):
            skipped.append(entry["name"])
            continue
        aliases = _unique([a for a, _ in entry["aliases"]], exclude=entry["name"])
        if not tolerant:
            for code, *_rest, number in codes:
                unknown = _unknown_roles(code)
                if unknown:
                    warnings.append(
                        f"{label}:{number}: code {code} of {entry['name']!r} has role letters "
                        f"{', '.join(unknown)} that eventwire does not know; edit it before loading"
                    )
        undated = [c for c in codes if not c[1] and not c[2]]
        dated = [c for c in codes if c[1] or c[2]]
        roles = [
            _role(code, start, end) for code, start, end, _ in sorted(dated, key=lambda c: c[1])
        ]
        roles = _drop_overlaps(roles, label, entry, warnings)
        record: dict[str, Any] = {"name": entry["name"], "aliases": aliases}
        if undated:
            record["code"] = undated[0][0]
            if len(undated) > 1:
                extra = ", ".join(c[0] for c in undated[1:])
                warnings.append(
                    f"{label}:{entry['line']}: {entry['name']!r} has several undated codes; "
                    f"kept {undated[0][0]}, dropped {extra}"
                )
            if roles:
                record["roles"] = roles
            record["note"] = f"imported from {where}"
            groups.append(record)
        else:
            record["roles"] = roles
            record["note"] = f"imported from {where}"
            people.append(record)
    return {"people": people, "groups": groups, "skipped": skipped, "warnings": warnings,
            "problems": problems, "repairs": repairs}


def import_agents(path: str | Path, *, tolerant: bool = False) -> dict[str, Any]:
    """Read a PETRARCH/TABARI ``.agents.txt`` file into sector records.

    Returns ``{"sectors": [{sector, description, terms}], "warnings": [...],
    "problems": [...]}``; ``tolerant`` as in :func:`import_actors` (a bad line is skipped
    and listed under ``problems``). ``origins`` maps each term to the line it came from.
    """
    p = Path(path)
    label = str(p)
    text, repairs = _read_text(p)
    problems: list[str] = []
    macros: dict[str, list[str]] = {}
    terms_by_sector: dict[str, list[str]] = {}
    seen: dict[str, tuple[str, int]] = {}
    warnings: list[str] = []
    for number, line in _readable_lines(text, label, tolerant, problems):
        try:
            _agent_line(line, number, label, macros, seen, terms_by_sector, warnings)
        except DictionaryError as exc:
            if not tolerant:
                raise
            problems.append(str(exc))
    sectors = [
        {"sector": sector, "description": f"imported from {p.name}", "terms": terms}
        for sector, terms in terms_by_sector.items()
    ]
    return {"sectors": sectors, "warnings": warnings, "problems": problems, "repairs": repairs,
            "origins": {term: line for term, (_, line) in seen.items()}}


def _agent_line(line: str, number: int, label: str, macros: dict[str, list[str]],
                seen: dict[str, tuple[str, int]], terms_by_sector: dict[str, list[str]],
                warnings: list[str]) -> None:
    macro = _MACRO_DEF_RE.match(line)
    if macro:
        values = [v.strip() for v in macro.group(2).split(",") if v.strip()]
        if not values:
            raise DictionaryError(label, number, f"macro {macro.group(1)} has no values")
        macros[macro.group(1)] = values
        return
    codes = _CODE_BLOCK_RE.findall(line)
    if not codes:
        raise DictionaryError(label, number, f"agent {line!r} has no [~CODE]")
    if line.count("[") != line.count("]") or line.count("{") != line.count("}"):
        raise DictionaryError(label, number, f"unbalanced brackets in {line!r}")
    code = codes[0].strip()
    if not _ROLE_CODE_RE.match(code):
        raise DictionaryError(
            label, number, f"bad agent code {code!r}: expected e.g. ~GOV or ~GOVFRM"
        )
    sector = code.lstrip("~")[:3]
    plurals = _PLURAL_RE.findall(line)
    head = _PLURAL_RE.sub("", _CODE_BLOCK_RE.sub("", line)).strip()
    if not head:
        raise DictionaryError(label, number, f"no agent phrase in {line!r}")
    forms = [head] + [pl.strip() for pl in plurals if pl.strip()]
    for form in forms:
        for expanded in _expand(form, macros, label, number):
            term = _words(expanded).lower()
            previous = seen.get(term)
            if previous is not None:
                if previous[0] != sector:
                    warnings.append(
                        f"{label}:{number}: term {term!r} is {sector} here "
                        f"but {previous[0]} at line "
                        f"{previous[1]}; kept {previous[0]}"
                    )
                continue
            seen[term] = (sector, number)
            terms_by_sector.setdefault(sector, []).append(term)


def write_yaml(records: dict[str, Any], out_path: str | Path) -> Path:
    """Write imported records as a user actor file that :func:`~eventwire.actors.kb.load_kb` reads.

    ``skipped`` and ``warnings`` become comments at the top of the file; ``out_path``
    ``-`` writes to standard output.
    """
    out = Path(out_path)
    lines = ["# Imported from PETRARCH/TABARI dictionaries by eventwire.actors.petrarch."]
    for warning in records.get("warnings", []):
        lines.append(f"# warning: {warning}")
    skipped = records.get("skipped", [])
    if skipped:
        lines.append(f"# not coded ([---]): {', '.join(skipped)}")
    body = {
        k: records[k]
        for k in ("sectors", "countries", "igos", "groups", "people")
        if records.get(k)
    }
    text = "\n".join(lines) + "\n"
    if body:
        text += yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
    if str(out_path) == "-":  # standard output, as everywhere in eventwire
        import sys

        sys.stdout.write(text)
        return out
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {out}: {exc.strerror or exc}; check that the folder exists "
                          "and is writable") from exc
    return out


# ---------------------------------------------------------------------------- helpers


def _read_text(p: Path) -> tuple[str, list[str]]:
    """The file's text and what reading it had to repair, as ``file:line: ...`` notes.

    Dictionaries in the wild mix encodings line by line: a line that is not UTF-8 is
    read as Windows-1252 (Latin-1 plus quotes), and control characters are dropped."""
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DictionaryError(
            str(p), None, f"cannot read dictionary: {exc.strerror or exc}"
        ) from exc
    notes: list[str] = []
    lines: list[str] = []
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        try:
            line = chunk.decode("utf-8")
        except UnicodeDecodeError:
            line = chunk.decode("cp1252", errors="replace")
            notes.append(f"{p}:{number}: not UTF-8; read as Windows-1252")
        if _CONTROL_RE.search(line.rstrip("\r")):
            line = _CONTROL_RE.sub("", line.rstrip("\r"))
            notes.append(f"{p}:{number}: control characters removed")
        if "\ufffd" in line:
            notes.append(f"{p}:{number}: holds U+FFFD (a character lost before this file was made)")
        lines.append(line)
    return "\n".join(lines), notes


def _role(code: str, start: str, end: str) -> dict[str, str]:
    role = {"code": code}
    if start:
        role["from"] = start
    if end:
        role["to"] = end
    return role


def _drop_overlaps(
    roles: list[dict[str, str]], label: str, entry: dict[str, Any], warnings: list[str]
) -> list[dict[str, str]]:
    """PETRARCH tolerates overlapping periods; eventwire does not. Keep the earlier one."""
    kept: list[dict[str, str]] = []
    for role in roles:
        if kept:
            last = kept[-1]
            if "to" not in last or ("from" not in role) or last["to"] > role["from"]:
                warnings.append(
                    f"{label}:{entry['line']}: {entry['name']!r}: role {role['code']} overlaps "
                    f"{last['code']}; dropped {role['code']}"
                )
                continue
        kept.append(role)
    return kept


def _unknown_roles(code: str) -> list[str]:
    from .kb import NON_STATE_PREFIXES, load_kb

    if code[:3] in NON_STATE_PREFIXES:
        return []
    known = load_kb().sector_codes
    return [code[i : i + 3] for i in range(3, len(code), 3) if code[i : i + 3] not in known]


def _expand(form: str, macros: dict[str, list[str]], label: str, line: int) -> list[str]:
    match = _MACRO_USE_RE.search(form)
    if not match:
        return [form]
    name = match.group(0)
    if name not in macros:
        raise DictionaryError(label, line, f"undefined macro {name} (define it as `{name} = A, B`)")
    out: list[str] = []
    for value in macros[name]:
        out.extend(
            _expand(form[: match.start()] + value + form[match.end() :], macros, label, line)
        )
    return out


def _unique(items: list[str], exclude: str) -> list[str]:
    seen = {exclude.lower()}
    out = []
    for item in items:
        if item.lower() not in seen:
            seen.add(item.lower())
            out.append(item)
    return out
