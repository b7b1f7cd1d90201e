"""The event verifier: how likely a pattern match is a real event with the right actors.

The rules say *what* an event would be; on whole articles many matches are not events at
all (habits, descriptions, statistics, attributions, other word senses). The verifier is a
logistic model over general features of the match: the CAMEO root, the pattern's shape, the
trigger's word and form, its tense, aspect and mood (auxiliaries), how each actor was resolved and
whether the two share a country, the clause the trigger sits in and whether a speech verb reports
it, and cues in the sentence (habitual adverbs, statistics, quotations). Its probability becomes the
event's ``confidence``, and events under the settings' ``min_confidence`` are not coded.

Knowledge lives in data files: the cue words in ``data/verifier_cues.yaml`` and the weights in
``data/verifier.tsv``, written by ``tools/train_verifier.py`` from the article annotation
(README "Confidence"). ``explain`` prints each feature with its weight.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Span, Token

from ..errors import DictionaryError
from ..userfiles import packaged_text, parse_rule_mapping, read_user_text, rule_words
from .clause import reporting_head
from .match import SPEECH_LEMMAS, Candidate

CUE_KINDS = ("habitual", "statistic", "generic_quantifier", "attribution")
CLAUSE_DEPS = {"ROOT": "root", "ccomp": "ccomp", "xcomp": "xcomp", "advcl": "advcl", "relcl": "relcl",
               "acl": "relcl", "conj": "conj", "pcomp": "pcomp", "parataxis": "ccomp"}


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists whose presence in a sentence marks a general statement, a figure, an attribution."""

    habitual: frozenset[str]
    statistic: frozenset[str]
    generic_quantifier: frozenset[str]
    attribution: frozenset[str]


@dataclass(frozen=True, slots=True)
class Verifier:
    weights: dict[str, float]
    bias: float
    threshold: float  # the default min_confidence the weights were chosen with
    source: str = ""

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def contributions(self, features: list[str]) -> list[tuple[str, float]]:
        """Each feature with its weight, strongest first (for ``explain``)."""
        return sorted(((f, self.weights.get(f, 0.0)) for f in features), key=lambda fw: -abs(fw[1]))


def parse_cues(text: str, path: str) -> Cues:
    data = parse_rule_mapping(text, path, problem=f"expected a mapping with the lists {', '.join(CUE_KINDS)}")
    unknown = set(data) - set(CUE_KINDS)
    if unknown:
        raise DictionaryError(path, None, f"unknown list {sorted(unknown)[0]!r}; known: {', '.join(CUE_KINDS)}")
    lists = {}
    for kind in CUE_KINDS:
        words = rule_words(data.get(kind) or [], path, f"{kind!r} must be a list of words", empty=True)
        lists[kind] = frozenset(w.lower() for w in words)
    return Cues(**lists)


def parse_weights(text: str, path: str) -> Verifier:
    """``feature<TAB>weight`` lines; ``#`` comments; ``bias`` and ``threshold`` are required rows."""
    weights: dict[str, float] = {}
    special: dict[str, float] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, value = line.partition("\t")
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not sep or not name or math.isnan(number) or math.isinf(number):
            raise DictionaryError(path, n, f"expected 'feature<TAB>number', got {line[:60]!r}")
        if name in weights or name in special:
            raise DictionaryError(path, n, f"feature {name!r} is listed twice")
        (special if name in ("bias", "threshold") else weights)[name] = number
    for name in ("bias", "threshold"):
        if name not in special:
            raise DictionaryError(path, None, f"no {name!r} row")
    if not 0.0 <= special["threshold"] < 1.0:
        raise DictionaryError(path, None, "threshold must be in [0, 1)")
    return Verifier(weights, special["bias"], special["threshold"], path)


@cache
def load_cues() -> Cues:
    return parse_cues(*packaged_text("verifier_cues.yaml"))


def load_verifier(path: str | Path | None = None) -> Verifier:
    if path is None:
        return _packaged_verifier()
    return parse_weights(read_user_text(str(path), "verifier weights file"), str(path))


@cache
def _packaged_verifier() -> Verifier:
    return parse_weights(*packaged_text("verifier.tsv"))


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _actor_features(role: str, actor, token: Token | None, children: list[list[Token]]) -> list[str]:
    if actor is None:
        return [f"{role}=none"]
    out = [f"{role}={actor.resolution}", f"{role}_sector={actor.sectors[0] if actor.sectors else 'none'}",
           f"{role}_country={'yes' if actor.country else 'no'}"]
    if token is not None and token.tag_ == "NNS" and not any(
            c.dep_ in ("det", "poss", "nummod") for c in children[token.i]):
        out.append(f"{role}_bare_plural")  # "traffickers pay officials": a class, not a party
    return out


def _aux_features(trig: Token, kids: list[Token]) -> list[str]:
    """Tense, aspect and mood from the trigger's auxiliaries: "could attack" (modal), "to attack"
    (a purpose or plan, not an act), "has attacked", "was attacked", "is attacking"."""
    out = []
    for c in kids:
        if c.dep_ not in ("aux", "auxpass"):
            continue
        if c.tag_ == "MD":
            out.append("aux=modal")
        elif c.tag_ == "TO":
            out.append("aux=to")
        elif c.lemma_ == "have":
            out.append("aux=perfect")
        elif c.dep_ == "auxpass":
            out.append("aux=passive")
        elif c.lemma_ == "be" and trig.tag_ == "VBG":
            out.append("aux=progressive")
        elif c.lemma_ == "do":
            out.append("aux=do")
    return out


def _reported(trig: Token) -> bool:
    """The trigger sits in a clause a speech verb reports ("officials said [rebels attacked]"):
    the article relays a claim rather than asserting the act itself. Any depth counts: a conjunct
    or a relative clause inside the reported clause is reported too."""
    return reporting_head(trig, lambda head: head.lemma_.lower() in SPEECH_LEMMAS) is not None


def event_features(cand: Candidate, sent: Span, words: list[str], children: list[list[Token]], *, rank: int,
                   n_events: int,
                   dated: bool, located: bool, first_sentence: bool, cues: Cues) -> list[str]:
    """General features of one match (no sentence- or document-specific identifiers).

    ``words`` are the sentence's lower-cased tokens and ``children`` ``TokenColumns.children``;
    ``rank`` is the event's place among the sentence's events (0 = main event) and
    ``n_events`` their number."""
    trig = cand.trigger
    pat = cand.pattern
    shape = "object" if pat.objects else "particle" if pat.particle or pat.modifiers or pat.complement else "bare"
    feats = [
        f"root={cand.code[:2]}",
        f"kind={pat.kind}",
        f"shape={shape}",
        f"lemma={pat.lemma}",
        f"tag={trig.tag_}",
        f"clause={CLAUSE_DEPS.get(trig.dep_, 'noun' if trig.pos_ in ('NOUN', 'PROPN') else 'other')}",
        f"events_in_sentence={_bucket(n_events, (1, 2))}",
        "main_event" if rank == 0 else "later_event",
        f"sentence_tokens={_bucket(len(sent), (12, 30, 50))}",
    ]
    feats += _actor_features("source", cand.source, cand.source_token, children)
    feats += _actor_features("target", cand.target, cand.target_token, children)
    if cand.source and cand.target and cand.source.code == cand.target.code:
        feats.append("same_actor_both_sides")
    if cand.source and cand.target and cand.source.country and cand.target.country:
        # an interaction across a border, or within one country (a state and its own gangs)
        feats.append("same_country" if cand.source.country == cand.target.country else "cross_country")
    feats += _aux_features(trig, children[trig.i])
    if _reported(trig):
        feats.append("reported_speech")
    if cand.notes:
        feats.append("decision_note")
    if dated:
        feats.append("own_date")
    if located:
        feats.append("located")
    if first_sentence:
        feats.append("first_sentence")
    wordset = set(words)
    for kind in CUE_KINDS:
        if wordset & getattr(cues, kind):
            feats.append(f"cue={kind}")
    if any(any(ch.isdigit() for ch in w) for w in words):
        feats.append("has_number")
    if "?" in wordset:
        feats.append("question")
    if wordset & {'"', "''", "``", "“", "”"}:
        feats.append("quotation")
    return feats
