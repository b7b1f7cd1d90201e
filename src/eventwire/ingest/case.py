"""Restore the case of all-capital text before parsing ("POLICE ARRESTED TWO ZETAS IN TIJUANA").

Telex-era feeds and some scrapers send whole articles in capitals; the parser and the
entity recogniser read case, so such text codes far worse. A line is *shouting* when nearly
all its letters are capitals. Its words are written again:

- names the coder knows (actors, places, months: the phrases handed to ``CaseVocabulary``),
  longest phrase first, as the knowledge writes them ("Red Command", "DEA", "Ciudad Juarez");
- other words in lower case, except words no English word list knows (``wordfreq``), which
  are taken for names ("BUKELE" -> "Bukele");
- the first letter of each sentence, and the pronoun "I", in capitals.

Only the case of letters changes and every character keeps its place, so offsets into the
restored text are offsets into the original. Lines that are not shouting are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..words import zipf as _zipf

MIN_LETTERS = 12  # shorter lines (a dateline, "UPDATE") are left as they are
SHOUTING = 0.85  # share of capitals among a line's letters
UNKNOWN_WORD = 1.0  # wordfreq's Zipf under this: not an English word, so a name
COMMON_WORD = 3.5  # a single word of a name is capitalised alone only below this
MINOR_WORD = 2.0  # ... and below this for small places ("Plunge" is a Lithuanian town)
MAX_PHRASE = 6
# Weekdays and months are names; "May" and "March" are common verbs too, so they are
# written as months only next to a number ("MAY 5", "5 MARCH").
CALENDAR = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
            "April", "June", "July", "August", "September", "October", "November", "December")
DATE_MONTHS = {"may": "May", "march": "March"}

_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+$")




@dataclass(frozen=True, slots=True)
class CaseVocabulary:
    """Known names by their lower-case words: phrases (tuples of words) and single words."""

    phrases: dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]  # first word -> (lower, cased)
    words: dict[str, str]  # lower -> cased, for words that are names on their own

    @classmethod
    def build(cls, names: Iterable[str], always: Iterable[str] = (), minor: Iterable[str] = ()) -> CaseVocabulary:
        """``names`` as written (multi-word phrases and single names); ``always`` are single
        words written as given even when they are common words (countries); ``minor`` names
        (small places) give their single words only when those are rare words."""
        phrases: dict[str, set[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        words: dict[str, str] = {}
        for names_, common in ((names, COMMON_WORD), (minor, MINOR_WORD)):
            for name in names_:
                cased = tuple(_WORD.findall(name))
                if not cased or len(cased) > MAX_PHRASE or not any(w[:1].isupper() for w in cased):
                    continue
                lower = tuple(w.lower() for w in cased)
                if len(cased) > 1:
                    phrases.setdefault(lower[0], set()).add((lower, cased))
                elif cased[0] != lower[0] and (_zipf(lower[0]) < common or cased[0].isupper() and len(cased[0]) > 1):
                    words.setdefault(lower[0], cased[0])
        for word in (*CALENDAR, *always):
            if word.strip():
                words[word.strip().lower()] = word.strip()
        ordered = {k: tuple(sorted(v, key=lambda p: (-len(p[0]), p))) for k, v in phrases.items()}
        return cls(ordered, words)


HEADLINE_MAX_WORDS = 20  # a headline is short ...
HEADLINE_CAPITALS = 0.85  # ... and capitalises (nearly) every word of four letters or more
HEADLINE_MIN_WORDS = 3


def is_headline(sentence: str) -> bool:
    """A title-case line: "Report Tracks How Cartel Wars Exploded in Mexico." Short, with (nearly)
    every word of four letters or more after the first capitalised, and not all capitals (wire
    copy in capitals cannot tell a headline from a sentence)."""
    words = _WORD.findall(sentence)
    long = [w for w in words[1:] if len(w) >= 4]
    if len(words) > HEADLINE_MAX_WORDS or len(long) < HEADLINE_MIN_WORDS or is_shouting(sentence):
        return False
    return sum(w[0].isupper() for w in long) / len(long) >= HEADLINE_CAPITALS


# All-capital wire copy cannot show title case; its headlines are told by headlinese instead.
WIRE_HEADLINE_MAX_WORDS = 14  # shorter than a lead sentence ...
WIRE_HEADLINE_ARTICLES = frozenset({"the", "a", "an"})  # ... which (nearly) always has an article


def is_wire_headline(sentence: str, root_tag: str) -> bool:
    """An all-capital first line that reads as a headline: short, with no article, and not told
    in the past tense, as headlines tell past news in the present ("COLOMBIAN POLICE ARREST ONE OF
    ITALY'S MOST WANTED MEN.", "REPORT TRACKS HOW CARTEL WARS EXPLODED") or leave out the verb's
    auxiliary ("KINGPIN ACCUSED BY US WILL SURRENDER"). ``root_tag`` is the Penn tag of the
    sentence's root; a lead in capitals ("GUNMEN KILLED FIVE PEOPLE ON MONDAY.") is past tense."""
    if not is_shouting(sentence):
        return False
    words = [w.lower() for w in _WORD.findall(sentence)]
    if not HEADLINE_MIN_WORDS <= len(words) <= WIRE_HEADLINE_MAX_WORDS:
        return False
    return not WIRE_HEADLINE_ARTICLES.intersection(words) and root_tag != "VBD"


def is_shouting(line: str) -> bool:
    """Nearly all of the line's letters (``SHOUTING``) are capitals."""
    letters = sum(map(str.isalpha, line))  # map over the C methods: every article is tested
    if letters < MIN_LETTERS:
        return False
    return sum(map(str.isupper, line)) / letters >= SHOUTING


def _same_length_case(original: str, wanted: str) -> str:
    """``wanted``'s case on ``original``'s letters (a case change that alters length is skipped)."""
    return wanted if len(wanted) == len(original) and wanted.lower() == original.lower() else original


def _starts_sentence(gap: str) -> bool:
    """Whether the characters between two words end a sentence (". ", '?" ')."""
    return bool(_SENTENCE_END.search(gap))


def _next_to_number(line: str, start: int, end: int) -> bool:
    after, before = line[end:end + 4], line[max(0, start - 8):start]
    return bool(re.match(r"\s*\d", after) or re.search(r"\d(?:st|nd|rd|th)?\s*$", before))


def _restore_line(line: str, vocab: CaseVocabulary, sentence_start: bool) -> tuple[str, bool]:
    """The line restored, and whether the sentence ends with it."""
    matches = list(_WORD.finditer(line))
    lower = [m.group().lower() for m in matches]
    out = [ch.lower() if len(ch.lower()) == 1 else ch for ch in line]
    done = [False] * len(matches)
    i = 0
    while i < len(matches):
        for phrase, cased in vocab.phrases.get(lower[i], ()):
            n = len(phrase)
            if tuple(lower[i:i + n]) == phrase:
                for k in range(n):
                    m = matches[i + k]
                    out[m.start():m.end()] = _same_length_case(m.group(), cased[k])
                    done[i + k] = True
                i += n - 1
                break
        i += 1
    for k, m in enumerate(matches):
        word = lower[k]
        starts = sentence_start if k == 0 else _starts_sentence(line[matches[k - 1].end():m.start()])
        if not done[k]:
            if word in vocab.words:
                out[m.start():m.end()] = _same_length_case(m.group(), vocab.words[word])
            elif word in DATE_MONTHS and _next_to_number(line, m.start(), m.end()):
                out[m.start():m.end()] = _same_length_case(m.group(), DATE_MONTHS[word])
            elif word == "i" or _zipf(word.replace("’", "'")) < UNKNOWN_WORD:
                out[m.start():m.end()] = _same_length_case(m.group(), word[:1].upper() + word[1:])
        if starts:
            out[m.start()] = out[m.start()].upper() if len(out[m.start()].upper()) == 1 else out[m.start()]
    tail = line[matches[-1].end():] if matches else line
    return "".join(out), (_starts_sentence(tail + " ") if matches else sentence_start)


def restore_case(text: str, vocab: CaseVocabulary) -> str:
    """``text`` with each shouting line written in ordinary case (module docstring); same length."""
    if not any(is_shouting(line) for line in text.splitlines()):
        return text
    out: list[str] = []
    sentence_start = True
    for line in text.splitlines(keepends=True):
        if is_shouting(line):
            restored, sentence_start = _restore_line(line, vocab, sentence_start)
            out.append(restored)
        else:
            out.append(line)
            sentence_start = _starts_sentence(line.rstrip() + " ") or not line.strip()
    restored = "".join(out)
    return restored if len(restored) == len(text) else text
