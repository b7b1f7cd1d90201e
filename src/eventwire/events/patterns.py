"""Event patterns: which verbs and nouns trigger which CAMEO code.

The patterns are data (``data/patterns/NN_<root>.yaml``, one file per CAMEO root),
layered with the user's own files. Each entry is validated as it is read, and a bad
entry fails with ``file:line: what is wrong``, quoting the entry. The matcher
(``events/match.py``) consumes the resulting :class:`PatternSet`; nothing here
touches spaCy.

Schema of one entry::

    - code: "190"                    # required, quoted string, must exist in cameo.tsv
      verbs: [attack, "carry out"]   # lemma, or lemma + particle/preposition (max 2 words)
      nouns: [attack, "air strike"]  # lemma of the head, singular; modifiers go before it
      objects: [ceasefire, truce]    # optional: only when the object has one of these lemmas
      target: [on, against]          # optional: prepositions whose object is the target
      paired: true                   # optional: symmetric event, coded both ways
      subject_undergoes: true        # optional: the subject is the target ("faces charges")
      transitive: true               # optional, verbs: only with an object ("returned the bodies",
                                     #   not "returned to Colombia")
      intransitive: true             # optional, verbs: only without a direct object ("the two
                                     #   leaders made up", not "made up 76 percent")
      note: "..."                    # optional, free text
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from eventwire.cameo import load_cameo
from eventwire.errors import DictionaryError
from eventwire.lexicon import lexicon

__all__ = ["Pattern", "PatternSet", "load_patterns", "parse_pattern_file"]

KEYS = ("code", "verbs", "nouns", "objects", "target", "paired", "subject_undergoes", "transitive", "intransitive",
        "note")
# The closed class of English particles and prepositions that follow a phrasal verb ("carry out").
PARTICLES = lexicon("particles")
MAX_VERB_WORDS = 2
MAX_NOUN_WORDS = 3
_WORD = r"[a-z0-9][a-z0-9'-]*"
_PHRASE_RE = re.compile(rf"^{_WORD}( {_WORD})*$")
_WORD_RE = re.compile(rf"^{_WORD}$")
# Semantic object classes the matcher understands, besides lemmas: a place, an actor, an armed
# non-state actor (a cartel, rebels, a militia).
OBJECT_CLASSES = frozenset({"@place", "@actor", "@armed"})
_FILE_ROOT_RE = re.compile(r"^(\d\d)_")
_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger phrase for one CAMEO code."""

    code: str
    kind: str  # "verb" | "noun"
    lemma: str  # head lemma, lowercase
    particle: str | None  # verbs: the second word ("for", "down"); nouns: None
    modifiers: tuple[str, ...]  # nouns: words before the head ("air",); verbs: ()
    objects: tuple[str, ...]  # allowed object lemmas; () = any
    target_preps: tuple[str, ...]  # () = the matcher's default
    paired: bool
    rule: str  # stable id "19_fight.yaml:12:offensive"
    subject_undergoes: bool = False  # verbs: the subject is the target ("X faces charges")
    transitive: bool = False  # verbs: only with an object ("returned the bodies")
    intransitive: bool = False  # verbs: only without a direct object ("the rivals made up")
    complement: tuple[str, ...] = ()  # nouns: the words of an "of" phrase after the head ("exchange of fire")

    @property
    def specificity(self) -> int:
        """Higher wins: an object restriction counts 2, a particle or each modifier 1. A second word
        that is not a particle ("open fire", "take possession") names the object itself: 3, so that
        "opened fire at a checkpoint" is the shooting, not "open" with a checkpoint object."""
        if self.particle and self.particle not in PARTICLES:
            return 3 + len(self.modifiers)
        return (2 if self.objects else 0) + (1 if self.particle else 0) + len(self.modifiers) + len(self.complement)

    @property
    def phrase(self) -> str:
        if self.kind == "verb":
            return f"{self.lemma} {self.particle}" if self.particle else self.lemma
        return " ".join((*self.modifiers, self.lemma, *(("of", *self.complement) if self.complement else ())))


class PatternSet:
    """All patterns, indexed by ``(kind, head lemma)`` for the matcher."""

    __slots__ = ("by_lemma", "by_verb_form", "trigger_lemmas", "codes", "patterns", "sources")

    def __init__(self, patterns: Iterable[Pattern], sources: Sequence[str] = ()) -> None:
        self.patterns: tuple[Pattern, ...] = tuple(patterns)
        self.sources: tuple[str, ...] = tuple(sources)
        index: dict[tuple[str, str], list[Pattern]] = {}
        for pattern in self.patterns:
            index.setdefault((pattern.kind, pattern.lemma), []).append(pattern)
        for bucket in index.values():
            bucket.sort(key=lambda p: -p.specificity)  # stable: file order breaks ties
        self.by_lemma: dict[tuple[str, str], list[Pattern]] = index
        # The regular forms of each one-word trigger verb ("waged", "wages", "waging" -> "wage"), for
        # the words the lemmatizer gets wrong ("waged" -> "wag"): the matcher's fallback.
        forms: dict[str, str] = {}
        for kind, lemma in index:
            if kind == "verb" and lemma.isalpha():
                for form in regular_verb_forms(lemma):
                    forms.setdefault(form, lemma)
        self.by_verb_form: dict[str, list[Pattern]] = {
            form: index[("verb", lemma)] for form, lemma in forms.items() if ("verb", form) not in index}
        self.trigger_lemmas: frozenset[str] = frozenset(lemma for _, lemma in index)
        self.codes: frozenset[str] = frozenset(p.code for p in self.patterns)

    def candidates(self, kind: str, lemma: str) -> list[Pattern]:
        """Patterns whose head is ``lemma``, most specific first; ``[]`` when none."""
        return self.by_lemma.get((kind, lemma.lower()), [])

    def verb_form_candidates(self, word: str) -> list[Pattern]:
        """Patterns of the trigger verb ``word`` is a regular form of ("waged": "wage"); ``[]`` when none."""
        return self.by_verb_form.get(word.lower(), [])

    def __len__(self) -> int:
        return len(self.patterns)

    def __iter__(self) -> Iterator[Pattern]:
        return iter(self.patterns)

    def __repr__(self) -> str:
        counts = (
            f"{len(self.patterns)} patterns, {len(self.codes)} codes, {len(self.sources)} files"
        )
        return f"PatternSet({counts})"


def regular_verb_forms(lemma: str) -> tuple[str, ...]:
    """The regular inflections of a verb: "wage" -> wages, waged, waging; "ban" -> bans, banned,
    banning (and the undoubled forms); "deny" -> denies, denied."""
    if lemma.endswith("e"):
        return (lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return (lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    third = lemma + ("es" if lemma.endswith(("s", "x", "z", "ch", "sh")) else "s")
    forms = [third, lemma + "ed", lemma + "ing"]
    if len(lemma) >= 3 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        forms += [lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"]  # ban -> banned
    return tuple(forms)


def load_patterns(extra_files: Sequence[str | Path] = ()) -> PatternSet:
    """The packaged patterns plus the user's ``extra_files``, validated across all files.

    The packaged set alone is cached; with extra files it is rebuilt each call (the
    packaged files are parsed once either way).
    """
    if not extra_files:
        return _load_packaged()
    parsed = list(_parse_packaged())
    for path in extra_files:
        parsed.append((str(path), tuple(parse_pattern_file(_read_user_file(path), str(path)))))
    return _build(parsed)


@lru_cache(maxsize=1)
def _load_packaged() -> PatternSet:
    return _build(_parse_packaged())


@lru_cache(maxsize=1)
def _parse_packaged() -> tuple[tuple[str, tuple[Pattern, ...]], ...]:
    folder = resources.files("eventwire").joinpath("data", "patterns")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    parsed = [(f.name, tuple(parse_pattern_file(f.read_text(encoding="utf-8"), f.name))) for f in files]
    # Verbs converted from the PETRARCH-2 dictionary (`eventwire dict build-phoenix --patterns`),
    # only for verbs the files above do not use.
    imported = folder.joinpath("phoenix")
    if imported.is_dir():
        for f in sorted((f for f in imported.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name):
            name = f"phoenix/{f.name}"
            parsed.append((name, tuple(parse_pattern_file(f.read_text(encoding="utf-8"), name))))
    return tuple(parsed)


def _read_user_file(path: str | Path) -> str:
    from ..userfiles import read_user_text, refuse_yaml_aliases

    text = read_user_text(str(path), "pattern file")
    refuse_yaml_aliases(text, str(path))
    return text


def _build(parsed_files: Iterable[tuple[str, Sequence[Pattern]]]) -> PatternSet:
    """Check patterns across files (duplicates, conflicts) and index them."""
    patterns: list[Pattern] = []
    sources: list[str] = []
    seen: dict[tuple[str, str, tuple[str, ...]], Pattern] = {}
    by_object: dict[tuple[str, str, str], Pattern] = {}
    for name, file_patterns in parsed_files:
        sources.append(name)
        for pattern in file_patterns:
            key = (pattern.kind, pattern.phrase, pattern.objects)
            first = seen.get(key)
            if first is not None:
                path, line = _where(pattern.rule)
                objects = f" with objects {list(pattern.objects)}" if pattern.objects else ""
                what = f"{pattern.kind} {pattern.phrase!r}{objects}"
                if first.code == pattern.code:
                    problem = (
                        f"duplicate pattern: {what} for code {pattern.code!r} "
                        f"is already at {_place(first.rule)}"
                    )
                else:
                    problem = (
                        f"conflicting pattern: {what} for code {pattern.code!r} is already code "
                        f"{first.code!r} at {_place(first.rule)}; one of them could never win, "
                        "so keep one or add an `objects` restriction to tell them apart"
                    )
                raise DictionaryError(path, line, problem)
            seen[key] = pattern
            for word in pattern.objects:
                claimed = by_object.setdefault((pattern.kind, pattern.phrase, word), pattern)
                if claimed.code != pattern.code:
                    path, line = _where(pattern.rule)
                    raise DictionaryError(
                        path,
                        line,
                        f"conflicting pattern: {pattern.kind} {pattern.phrase!r} with object "
                        f"{word!r} is code {pattern.code!r} here but code {claimed.code!r} "
                        f"at {_place(claimed.rule)}; "
                        "an object may pick only one code for the same trigger",
                    )
            patterns.append(pattern)
    return PatternSet(patterns, sources)


def _where(rule: str) -> tuple[str, int]:
    path, line, _ = rule.rsplit(":", 2)
    return path, int(line)


def _place(rule: str) -> str:
    path, line = _where(rule)
    return f"{path}:{line}"


def parse_pattern_file(text: str, path: str) -> list[Pattern]:
    """Validate one pattern file and return its patterns in file order.

    ``path`` is used in messages and rule ids only; nothing is read from disk here.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as ex:
        mark = ex.problem_mark or ex.context_mark
        line = mark.line + 1 if mark is not None else None
        raise DictionaryError(path, line, f"YAML syntax error: {ex.problem or ex}") from None
    except yaml.YAMLError as ex:
        raise DictionaryError(path, None, f"YAML error: {ex}") from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise DictionaryError(
            path, _line(root), "a pattern file must be a YAML list of entries (`- code: ...`)"
        )
    file_root = _FILE_ROOT_RE.match(Path(path).name)
    cameo = load_cameo()
    patterns: list[Pattern] = []
    for entry in root.value:
        patterns.extend(_parse_entry(entry, path, cameo, file_root.group(1) if file_root else None))
    return patterns


def _parse_entry(
    entry: yaml.Node, path: str, cameo: Mapping[str, object], file_root: str | None
) -> list[Pattern]:
    line = _line(entry)
    if not isinstance(entry, yaml.MappingNode):
        raise DictionaryError(
            path,
            line,
            f"entry must be a mapping with `code` and `verbs`/`nouns`, got {_quote(entry)}",
        )
    fields: dict[str, yaml.Node] = {}
    for key_node, value_node in entry.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in KEYS:
            raise DictionaryError(
                path,
                _line(key_node),
                f"unknown key {key!r} in {_quote(entry)}; allowed keys: {', '.join(KEYS)}",
            )
        if key in fields:
            raise DictionaryError(
                path, _line(key_node), f"key {key!r} given twice in {_quote(entry)}"
            )
        fields[key] = value_node

    code_node = fields.get("code")
    if code_node is None:
        raise DictionaryError(path, line, f"entry has no `code`: {_quote(entry)}")
    if not isinstance(code_node, yaml.ScalarNode) or code_node.tag != _STR:
        raw = code_node.value if isinstance(code_node, yaml.ScalarNode) else _quote(code_node)
        raise DictionaryError(
            path,
            _line(code_node),
            f'code {raw} is not a string: quote the code (code: "{raw}"), '
            "otherwise YAML reads 010 as the number 8 and the leading zero is lost",
        )
    code = code_node.value.strip()
    if code not in cameo:
        raise DictionaryError(
            path, _line(code_node), f"code {code!r} is not in cameo.tsv: {_quote(entry)}"
        )
    if file_root is not None and code[:2] != file_root:
        raise DictionaryError(
            path,
            _line(code_node),
            f"code {code!r} belongs to root {code[:2]}, not in this root-{file_root} file",
        )

    verbs = _phrases(fields.get("verbs"), "verbs", path, entry)
    nouns = _phrases(fields.get("nouns"), "nouns", path, entry)
    if not verbs and not nouns:
        raise DictionaryError(
            path, line, f"entry for code {code!r} needs `verbs` or `nouns`: {_quote(entry)}"
        )
    objects = tuple(
        sorted({word for word, _ in _words(fields.get("objects"), "objects", path, entry)})
    )
    targets = tuple(word for word, _ in _words(fields.get("target"), "target", path, entry))
    paired = _flag(fields.get("paired"), "paired", path, entry)
    subject_undergoes = _flag(fields.get("subject_undergoes"), "subject_undergoes", path, entry)
    transitive = _flag(fields.get("transitive"), "transitive", path, entry)
    intransitive = _flag(fields.get("intransitive"), "intransitive", path, entry)
    if transitive and intransitive:
        raise DictionaryError(path, line, f"an entry is `transitive` or `intransitive`, not both: {_quote(entry)}")
    note = fields.get("note")
    if note is not None and (not isinstance(note, yaml.ScalarNode) or note.tag != _STR):
        raise DictionaryError(path, _line(note), f"`note` must be text: {_quote(entry)}")

    out: list[Pattern] = []
    local: dict[tuple[str, str], int] = {}
    for kind, items in (("verb", verbs), ("noun", nouns)):
        for phrase, phrase_line in items:
            words = phrase.split(" ")
            if kind == "verb" and len(words) > MAX_VERB_WORDS:
                raise DictionaryError(
                    path,
                    phrase_line,
                    f"verb phrase {phrase!r} has {len(words)} words; "
                    "use 'lemma' or 'lemma particle' "
                    "(list the noun for support-verb constructions such as 'hold talks')",
                )
            if kind == "noun" and len(words) > MAX_NOUN_WORDS:
                raise DictionaryError(
                    path,
                    phrase_line,
                    f"noun phrase {phrase!r} has {len(words)} words; at most {MAX_NOUN_WORDS}",
                )
            if (kind, phrase) in local:
                raise DictionaryError(
                    path,
                    phrase_line,
                    f"duplicate pattern: {kind} {phrase!r} is listed twice in this entry "
                    f"(line {local[kind, phrase]})",
                )
            local[kind, phrase] = phrase_line
            if kind == "verb":
                lemma, particle, modifiers = words[0], (words[1] if len(words) > 1 else None), ()
            elif "of" in words[1:-1]:
                # "exchange of fire", "state of emergency": the head comes before "of", its
                # complement after it (the parse hangs the complement on the head)
                at = words.index("of")
                lemma, particle, modifiers = words[at - 1], None, tuple(words[:at - 1])
            else:
                lemma, particle, modifiers = words[-1], None, tuple(words[:-1])
            out.append(
                Pattern(
                    code=code,
                    kind=kind,
                    lemma=lemma,
                    particle=particle,
                    modifiers=modifiers,
                    objects=objects,
                    target_preps=targets,
                    paired=paired,
                    subject_undergoes=subject_undergoes,
                    transitive=transitive,
                    intransitive=intransitive,
                    rule=f"{path}:{phrase_line}:{phrase}",
                    complement=tuple(words[words.index("of") + 1:]) if kind == "noun" and "of" in words[1:-1] else (),
                )
            )
    return out


def _phrases(
    node: yaml.Node | None, key: str, path: str, entry: yaml.Node
) -> list[tuple[str, int]]:
    items = _scalar_list(node, key, path, entry)
    out = []
    for value, line in items:
        phrase = " ".join(value.split())
        if not phrase:
            raise DictionaryError(path, line, f"empty phrase in `{key}`: {_quote(entry)}")
        if phrase != phrase.lower():
            raise DictionaryError(
                path, line, f"{key[:-1]} {phrase!r} must be written as a lowercase lemma"
            )
        if not _PHRASE_RE.match(phrase):
            raise DictionaryError(
                path,
                line,
                f"{key[:-1]} {phrase!r} may only hold words of letters, digits, "
                "hyphens and apostrophes",
            )
        out.append((phrase, line))
    return out


def _words(node: yaml.Node | None, key: str, path: str, entry: yaml.Node) -> list[tuple[str, int]]:
    out = []
    for value, line in _scalar_list(node, key, path, entry):
        word = value.strip()
        if not word:
            raise DictionaryError(path, line, f"empty word in `{key}`: {_quote(entry)}")
        if not _WORD_RE.match(word) and not (key == "objects" and word in OBJECT_CLASSES):
            raise DictionaryError(
                path, line, f"`{key}` takes single lowercase lemmas (or, for objects, one of "
                f"{sorted(OBJECT_CLASSES)}), got {word!r}"
            )
        out.append((word, line))
    return out


def _scalar_list(
    node: yaml.Node | None, key: str, path: str, entry: yaml.Node
) -> list[tuple[str, int]]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise DictionaryError(
            path, _line(node), f"`{key}` must be a list, e.g. {key}: [a, b]: {_quote(entry)}"
        )
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag != _STR:
            raise DictionaryError(
                path, _line(item), f"`{key}` items must be strings, got {_quote(item)}"
            )
        out.append((item.value, _line(item)))
    return out


def _flag(node: yaml.Node | None, key: str, path: str, entry: yaml.Node) -> bool:
    if node is None:
        return False
    if not isinstance(node, yaml.ScalarNode) or node.tag != _BOOL:
        raise DictionaryError(path, _line(node), f"`{key}` must be true or false: {_quote(entry)}")
    return node.value.lower() in ("true", "yes", "on")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _quote(node: yaml.Node) -> str:
    """The entry as it appears in the file, on one line, for error messages."""
    buffer = node.start_mark.buffer
    if buffer is not None:
        text = buffer[node.start_mark.index : node.end_mark.index]
    else:  # pragma: no cover - composed from a stream without a buffer
        text = str(getattr(node, "value", node))
    text = " ".join(text.replace("\0", "").split())
    return f"`{text[:117]}...`" if len(text) > 120 else f"`{text}`"
