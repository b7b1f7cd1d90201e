"""Mine the PETRARCH-2 verb dictionary (``CAMEO.2.0.txt``) for verbs our patterns lack.

``convert_verbs(CAMEO.2.0.txt, known)`` reads the dictionary's verb blocks::

    ---  RETALIATE   [---]  ---          a block: its code applies to the verbs below
    RETALIATE                            verbs of the block (irregular forms in braces)
    - * (AGAINST)                [190]   a pattern: * is the verb
    - * &WEAPON                  [194]   &NAME: any word of a synonym set

and keeps what maps cleanly onto our dependency patterns (``events/patterns.py``) and
says which event it is without guessing from the verb alone:

- ``- * WORD [code]`` -> ``verbs: [v], objects: [word]``; ``- * &SET [code]`` -> objects
  from the set's one-word members;
- ``- * (PREP) [code]`` -> ``verbs: ["v prep"]``.

Only verbs none of our patterns use are taken (``known``): a verb we already code keeps
its tested patterns, and the new ones cannot shadow them. The dictionary spread each
pattern over WordNet synonyms of the verb it was found with ("- * ATTACK [190] # LAUNCH"
sits in a block with ARRANGE, POSE, FORMAT); a pattern is taken only for the verb its
comment names, and a pattern that would contradict one taken before is listed, not
taken. Everything else (a bare verb code, which fires on every use of the verb; words
before the verb; several words after it; source/target markers ``$``/``+``; two codes
``[042:043]``; a code CAMEO does not have) is listed with its reason, as
``file:line: why``. Each produced entry names the source line in its ``note``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..cameo import load_cameo
from ..errors import DictionaryError

__all__ = ["VerbConversion", "convert_verbs", "write_pattern_files"]

_BLOCK_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_PATTERN_RE = re.compile(r"^-\s+(.*?)\s*\[([^\]]*)\]\s*(?:#.*)?$")
_WORD_RE = re.compile(r"^[A-Z][A-Z'-]*_?$")
_CODE_RE = re.compile(r"^\d{3,4}$")
# Measured: the 54 bare-verb codes ("- * [190]" in DIE, "[060]" for LINK, "[030]" for WILL)
# fire on ordinary uses of the verb and lowered `eval articles` precision (0.259 -> 0.255).
BARE = ("a bare verb code: it fires on every use of the verb (DIE -> 190, LINK -> 060); "
        "only verb + object and verb + particle patterns are taken")


@dataclass
class VerbConversion:
    """Entries per CAMEO root, and what was not converted."""

    entries: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _word(token: str) -> str | None:
    """``"SANCTIONS"`` -> ``"sanction"``; None when it is not one plain word."""
    if not _WORD_RE.match(token):
        return None
    return _singular(token.rstrip("_").lower())


def convert_verbs(path: str | Path, known_verbs: set[str]) -> VerbConversion:
    p = Path(path)
    try:
        lines = p.read_bytes().decode("utf-8", errors="replace").split("\n")
    except OSError as exc:
        raise DictionaryError(str(p), None, f"cannot read verb dictionary: {exc.strerror or exc}") from exc
    cameo = load_cameo()
    out = VerbConversion()
    name = p.name
    synsets: dict[str, list[str]] = {}
    current_set: str | None = None
    block_verbs: list[str] = []
    in_verbs = False
    seen: set[tuple[str, str, tuple[str, ...]]] = set()

    def skip(number: int, why: str) -> None:
        out.skipped.append(f"{name}:{number}: {why}")
        out.counts["not converted"] += 1

    claimed: dict[tuple[str, str], tuple[str, int]] = {}

    def add(code: str, verbs: list[str], objects: list[str], number: int) -> None:
        for verb in verbs:
            key = (verb, code, tuple(objects))
            if key in seen:
                continue
            clash = [claimed[(verb, o)] for o in objects or [""] if claimed.get((verb, o), (code,))[0] != code]
            if clash:
                skip(number, f"{verb!r} with {objects or 'any object'} is already code {clash[0][0]} "
                             f"(line {clash[0][1]})")
                continue
            for o in objects or [""]:
                claimed[(verb, o)] = (code, number)
            seen.add(key)
            entry: dict[str, object] = {"code": code, "verbs": [verb]}
            if objects:
                entry["objects"] = objects
            entry["note"] = f"{name}:{number}"
            out.entries.setdefault(code[:2], []).append(entry)
            out.counts["patterns"] += 1

    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].rstrip() if not raw.startswith("#") else ""
        if not line.strip():
            current_set = None
            continue
        if line.startswith("&"):
            current_set = line.strip()
            synsets[current_set] = []
            continue
        if current_set is not None and line.startswith("+"):
            word = _word(line[1:].strip())
            if word is not None:
                synsets[current_set].append(word)
            continue
        block = _BLOCK_RE.match(line)
        if block:
            block_verbs, in_verbs = [], True
            block_code = block.group(2).strip()
            block_head = block.group(1).split("_")[0].lower()
            continue
        if in_verbs and not line.startswith("-"):
            if line.startswith("+"):
                skip(number, f"multi-word verb form {line.strip()!r}")
                continue
            verb = _word(line.split("{")[0].strip())
            if verb is None:
                skip(number, f"verb {line.strip()!r} is not one word")
                continue
            verb = line.split("{")[0].strip().rstrip("_").lower()  # verbs are not singularised
            if verb in known_verbs:
                out.counts["verbs we already code"] += 1
                continue
            block_verbs.append(verb)
            if block_code != "---" and verb == block_head:
                skip(number, BARE)
            continue
        if not line.startswith("-"):
            continue
        in_verbs = False
        if not block_verbs:
            continue  # every verb of the block is one we already code
        pattern = _PATTERN_RE.match(line)
        if not pattern:
            skip(number, f"pattern {line.strip()!r} has no [code]")
            continue
        body, code = pattern.group(1).split(), pattern.group(2).strip()
        origin = raw.split("#", 1)[1].split() if "#" in raw else []
        found_with = origin[0].lower() if origin and origin[0].isupper() else block_head
        verbs = [v for v in block_verbs if v == found_with]
        if not verbs:
            if found_with not in known_verbs:
                skip(number, f"found with {found_with!r}, which is not a verb of this block")
            continue
        if not _CODE_RE.match(code) or code not in cameo:
            skip(number, f"code [{code}] is not one CAMEO code (two codes, or source/target only)")
            continue
        if not body or body[0] != "*":
            skip(number, "words before the verb (subject patterns) have no counterpart in our patterns")
            continue
        rest = body[1:]
        if not rest:
            skip(number, BARE)
        elif len(rest) == 1 and rest[0].startswith("&"):
            members = sorted(set(synsets.get(rest[0], [])))
            if not members:
                skip(number, f"synonym set {rest[0]} is unknown or has no one-word member")
                continue
            add(code, verbs, members, number)
        elif len(rest) == 1 and (word := _word(rest[0])) is not None:
            add(code, verbs, [word], number)
        elif len(rest) == 1 and re.fullmatch(r"\([A-Z]+\)", rest[0]):
            prep = rest[0][1:-1].lower()
            add(code, [f"{v} {prep}" for v in verbs], [], number)
        else:
            skip(number, f"'{' '.join(rest)}' after the verb: phrases, source/target markers and "
                         "prepositional objects do not map onto one verb, particle and object")
    return out


def write_pattern_files(conversion: VerbConversion, out_dir: str | Path, notice: str) -> list[Path]:
    """One ``NN_phoenix.yaml`` per CAMEO root, in our pattern format."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for root in sorted(conversion.entries):
        lines = [f"# CAMEO root {root}: verbs from the PETRARCH-2 verb dictionary that eventwire's own patterns",
                 f"# lack. {notice}. Built by `eventwire dict build-phoenix`; do not edit: rebuild.",
                 "# note: the source pattern's file:line."]
        for entry in conversion.entries[root]:
            parts = [f'code: "{entry["code"]}"', "verbs: [" + ", ".join(f'"{v}"' for v in entry["verbs"]) + "]"]
            if "objects" in entry:
                parts.append("objects: [" + ", ".join(f'"{o}"' for o in entry["objects"]) + "]")
            parts.append(f'note: "{entry["note"]}"')
            lines.append("- {" + ", ".join(parts) + "}")
        path = out / f"{root}_phoenix.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written
