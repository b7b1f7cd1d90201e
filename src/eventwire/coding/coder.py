"""The ordered stages: read -> parse -> actors -> events -> date/place -> records.

``run(items, settings)`` streams ``CodedArticle`` (or ``Rejected``) records;
the caller decides where they go (DuckDB, JSONL, Parquet shards).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import math
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token
from threadpoolctl import threadpool_limits

from ..actors.entities import label_entities, load_parser
from ..actors.kb import KnowledgeBase, load_kb
from ..actors.resolve import as_state_actor, resolve_actors
from ..cameo import VIOLENT_ROOTS, CameoCode, load_cameo, root_of
from ..config import Settings
from ..dates import resolve_date
from ..events.accuse import AccusationRules, load_accusation_rules, mark_investigated_criminals, recode_accusations
from ..events.assault import (
    AssaultRules,
    drop_casualty_reports,
    home_victims,
    load_assault_rules,
    recode_assaults,
    recode_small_massacres,
)
from ..events.clause import clause_tokens
from ..events.disaster import drop_disasters, load_causes
from ..events.match import Candidate, match_sentence
from ..events.patterns import PatternSet, load_patterns
from ..events.select import select_events
from ..events.senses import (
    drop_activities,
    drop_aggregates,
    drop_aimed_targets,
    drop_commented_events,
    drop_compound_participles,
    drop_ended_accords,
    drop_held_states,
    drop_illicit_markets,
    drop_inferences,
    drop_retold_incidents,
    drop_statistics,
)
from ..events.suspects import SuspectRules, load_suspect_rules, mark_suspects
from ..events.verify import Cues, Verifier, event_features, load_cues, load_verifier
from ..ingest.case import CaseVocabulary, is_headline, is_shouting, is_wire_headline, restore_case
from ..lexicon import lexicon
from ..models import Actor, Article, CodedArticle, Event, Mention, Rejected, Sentence, Trigger
from ..nlp import (
    MAX_RUN_TOKENS,
    MAX_SENTENCE_TOKENS,
    RUNS_KEY,
    SKIPPED_KEY,
    TokenColumns,
    is_skipped,
    needs_pieces,
    needs_pieces_doc,
    parse_bounded,
)
from ..places.gazetteer import Gazetteer, load_gazetteer
from ..places.toponyms import ToponymCandidate, is_actor_use, locate_event

log = logging.getLogger(__name__)

PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
# How far each resolution path is trusted (see README "Confidence").
ACTOR_TRUST = {"kb": 0.95, "user": 0.95, "acronym": 0.9, "memory": 0.85, "inferred": 0.85, "pronoun": 0.75}
# Targets are harder than sources (objects, prepositions, clauses): on the dev spans a
# named target is right less often than a named source, so it is trusted less.
TARGET_TRUST = {"kb": 0.8, "user": 0.8, "acronym": 0.75, "memory": 0.7, "inferred": 0.7, "pronoun": 0.6}
MISSING_SOURCE, MISSING_TARGET = 0.6, 0.85
MAJOR_PLACE = 100_000  # places this populous lend their names to case restoration in full


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def confidence(cand: Candidate) -> float:
    """Pattern reliability x source trust x target trust.

    A pattern restricted by its object is 0.9, one with a particle or modifier 0.85, a bare
    verb 0.8 and a bare noun 0.7; sources are trusted by how they were resolved (kb 0.95 ...
    pronoun 0.75), targets less (kb 0.8 ... pronoun 0.6); a missing source costs 0.6, a
    missing target 0.85. On the dev span set, precision rises with this score (README
    "Confidence")."""
    pat = cand.pattern
    if pat.objects:
        score = 0.9
    elif pat.particle or pat.modifiers or pat.complement:
        score = 0.85
    else:
        score = 0.8 if pat.kind == "verb" else 0.7
    score *= ACTOR_TRUST.get(cand.source.resolution, 0.7) if cand.source else MISSING_SOURCE
    score *= TARGET_TRUST.get(cand.target.resolution, 0.6) if cand.target else MISSING_TARGET
    return round(score, 2)


HOME_SECTORS = ("GOV", "COP", "JUD", "LEG")  # the state bodies that act at home


def _home_country(source: Actor | None, code: str) -> str | None:
    """The country a state body acts in when the sentence names no place: its own ("Spanish
    police arrested", "a US court ordered"). Cartels, rebels and companies act abroad as often
    as at home, and so do armies, spies and any state that uses force (roots 18-20: "the defence
    ministry said its forces struck"), so only civil state bodies count, for acts short of force."""
    if source is None or not source.country or not source.sectors or source.sectors[0] not in HOME_SECTORS:
        return None
    return source.country if code[:2] not in VIOLENT_ROOTS else None


def _as_written(actor: Actor | None, text: str) -> Actor | None:
    """The actor with its mention text as the article writes it (the parse may have read
    all-capital text in restored case: Coder.prepare)."""
    if actor is None or text[actor.start:actor.end] == actor.text:
        return actor
    return dataclasses.replace(actor, text=text[actor.start:actor.end])


LOCATIVE_PREPS = lexicon("locative_preps")


def _is_place_use(tok: Token, cand: Candidate) -> bool:
    """A toponym locates the event when it sits in a locative phrase ("in Tripoli", "near the
    border with Turkey") or is the target the event acts on ("seize Tripoli"), not when it
    names an actor ("Moscow said", an apposition listing allies)."""
    if cand.target_token is not None and tok.i == cand.target_token.i:
        # "seize Tripoli": a place acted on. "praised Kim": a person who shares a town's name.
        t = cand.target
        # a city (Tripoli -> Libya, or a gazetteer place), not a country named as a party
        return t is not None and not t.sectors and (t.text != t.name or "gazetteer" in t.evidence)
    if cand.source_token is not None and tok.i == cand.source_token.i:
        return False
    node = tok
    for _ in range(4):
        if node.dep_ == "pobj" and node.head.lower_ in LOCATIVE_PREPS:
            return not is_actor_use(tok)
        if node.dep_ in ("compound", "conj", "appos", "pobj", "prep", "amod") and node.head.i != node.i:
            if node.dep_ == "appos":
                return False
            node = node.head
            continue
        break
    return False


@dataclass(slots=True)
class Resources:
    kb: KnowledgeBase
    patterns: PatternSet
    cameo: dict[str, CameoCode]
    gazetteer: Gazetteer
    verifier: Verifier
    cues: Cues
    accusations: AccusationRules
    assaults: AssaultRules
    suspects: SuspectRules
    disaster_causes: frozenset[str]


def load_resources(settings: Settings) -> Resources:
    return Resources(
        kb=load_kb(settings.actors_files),
        patterns=load_patterns(settings.patterns_files),
        cameo=load_cameo(),
        gazetteer=load_gazetteer(),
        verifier=load_verifier(settings.verifier_file),
        cues=load_cues(),
        accusations=load_accusation_rules(),
        assaults=load_assault_rules(),
        suspects=load_suspect_rules(),
        disaster_causes=load_causes(),
    )


class Coder:
    """Codes parsed articles. Holds the model and the knowledge; one per process."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        # The user's dictionaries first: a bad one fails before the model loads (seconds).
        self.res = load_resources(self.settings)
        self.nlp = load_parser(self.settings.model)
        self._case_vocabulary: CaseVocabulary | None = None

    # ---- parsing ----
    def prepare(self, text: str) -> str:
        """The text the parser reads: all-capital lines in ordinary case (ingest/case.py).
        Same length as ``text``, so offsets into the parse are offsets into ``text``."""
        if not any(is_shouting(line) for line in text.splitlines()):
            return text
        if self._case_vocabulary is None:
            kinds = {"country", "capital", "adjective"}  # always names, even where a common word
            surfaces = list(self.res.kb.surfaces())
            places = list(self.res.gazetteer)
            self._case_vocabulary = CaseVocabulary.build(
                [name for name, _ in surfaces] + [p.name for p in places if p.population >= MAJOR_PLACE],
                always=[name for name, kind in surfaces if kind in kinds and " " not in name],
                minor=[p.name for p in places if p.population < MAJOR_PLACE])
        return restore_case(text, self._case_vocabulary)

    def parse(self, text: str) -> Doc:
        """The parse of ``text``: case restored (``prepare``), bounded in time and memory
        (see ``nlp.parse_bounded``)."""
        text = self.prepare(text)
        if not needs_pieces(text):
            return self.nlp(text)
        return parse_bounded(self.nlp, self.nlp.make_doc(text))

    def parse_many(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Doc]:
        """``parse`` over many texts, batched through ``nlp.pipe`` where none needs pieces."""
        prepared = [self.prepare(t) for t in texts]
        if any(needs_pieces(t) for t in prepared):
            return (self.parse(t) for t in prepared)
        return self.nlp.pipe(prepared, batch_size=batch_size)

    # ---- one document ----
    def code_doc(self, article: Article, doc: Doc, trace: list[str] | None = None,
                 features: dict[str, list[str]] | None = None) -> CodedArticle:
        """Code ``doc``, the parse of ``article.text``.

        ``trace`` collects what was tried (``explain``); ``features`` collects each coded
        event's verifier features by event id (``tools/train_verifier.py``)."""
        full_text = article.text  # Doc.text and Span.text join their tokens: slice this instead
        if (doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0) != len(full_text):
            raise ValueError(f"{article.doc_id}: the doc is not the parse of the article's text")
        res = self.res
        date = article.published
        chash = content_hash(article.text)
        if self.settings.actors_files:
            label_entities(doc, res.kb, res.gazetteer)  # the parser marked names with the packaged KB
        columns = TokenColumns.of(doc)  # read once, shared by the actor and event stages
        actors, memory = resolve_actors(doc, res.kb, date, res.gazetteer, columns)
        focus = memory.focus_country()
        context = memory.context_countries()
        sentences: list[Sentence] = []
        mentions: list[Mention] = []
        events: list[Event] = []
        ents = columns.ents  # grouped by sentence below, for the sentences with events
        reported: set[tuple[str, str]] = set()  # (root, target name) of the asserted events coded so far
        sure_of: dict[tuple[int, str, str, str], float] = {}  # confidence of each event, for its paired twin
        for index, sent in enumerate(columns.sents):
            if is_skipped(sent):
                continue  # not prose (parse_bounded left it unparsed); reported by the caller
            text = full_text[sent.start_char:sent.end_char]
            if not text.strip():
                continue
            sentences.append(Sentence(article.doc_id, index, sent.start_char, sent.end_char, text))
            for i in range(sent.start, sent.end):
                if i in actors:
                    mentions.append(Mention(article.doc_id, index, _as_written(actors[i], full_text)))
            if trace is not None:
                trace.append(f"sentence {index}: {text.strip()}")
            if index == 0 and len(columns.sents) > 1 and (is_headline(text)
                                                           or is_wire_headline(text, sent.root.tag_)):
                # The article's title: its news is told again, with its actors, in the body.
                if trace is not None:
                    trace.append("  a headline: its events are coded from the body")
                continue
            cands = self.sentence_matches(sent, text, actors, columns, focus, trace)
            chosen = select_events(cands, require_actor=self.settings.require_actor)
            if chosen:
                sent_ents = [e for e in ents if sent.start <= e.start and e.end <= sent.end]
            words = columns.lower[sent.start:sent.end] if chosen else []
            for rank, cand in enumerate(chosen):
                told = (cand.code[:2], cand.target.name.lower()) if cand.target is not None else None
                if told in reported and cand.pattern.kind == "noun" and cand.modality == "asserted":
                    # "Paraguayan police arrested Pisca ... Pisca's arrest marks ...": the same event again.
                    if trace is not None:
                        trace.append(f"  dropped {cand.code} '{cand.trigger.text}': the article reported it before")
                    continue
                made = self._make_event(article, chash, index, sent, text, cand, context, focus, sent_ents,
                                        columns)
                if made is None:
                    continue
                event, feats = self._verify(made, cand, sent, words, columns.children, rank, len(chosen), index == 0)
                twin = (cand.trigger.i, cand.code, made.source.code if made.source else "",
                        made.target.code if made.target else "")
                if "paired" in cand.notes:
                    # "Trump held talks with Kim": the same meeting seen from the other side is as sure.
                    mirror = (twin[0], twin[1], twin[3], twin[2])
                    if mirror in sure_of:
                        event = dataclasses.replace(event, confidence=sure_of[mirror])
                else:
                    sure_of[twin] = event.confidence
                if trace is not None and feats:
                    trace.append(f"  verifier {event.cameo} '{cand.trigger.text}': confidence {event.confidence:.2f}"
                                 f" (minimum {self.min_confidence:.2f}); "
                                 + ", ".join(f"{f} {w:+.2f}" for f, w in self.res.verifier.contributions(feats)
                                             if w))
                if features is not None:
                    features[event.event_id] = feats
                # The threshold is a filter on asserted events, what users get by default; the
                # others are kept with their confidence, to be stored and shown with --all.
                if event.modality != "asserted" or event.confidence >= self.min_confidence:
                    events.append(event)
                    if told is not None and event.modality == "asserted":
                        reported.add(told)
        return CodedArticle(article, tuple(sentences), tuple(mentions), tuple(events), chash, focus)

    def sentence_matches(self, sent: Span, text: str, actors: dict[int, Actor], columns: TokenColumns,
                         focus: str | None, trace: list[str] | None = None) -> list[Candidate]:
        """The matches of one sentence (``text``), recoded and filtered by the event rules, before
        selection: what ``code_doc`` codes from and ``explain`` shows."""
        res, kids = self.res, columns.children
        cands = match_sentence(sent, actors, res.patterns, trace, columns)
        # before the accusations: "claimed the gangs dedicate themselves to killing" reports no act
        cands = drop_activities(cands, trace)
        recode_accusations(cands, actors, columns.lemma, kids, res.accusations)
        mark_investigated_criminals(cands, columns.lemma, kids, res.accusations)
        recode_assaults(cands, res.assaults)
        recode_small_massacres(cands, kids, res.assaults)
        home_victims(cands, res.assaults)
        mark_suspects(cands, actors, kids, focus, res.suspects)
        cands = drop_disasters(cands, kids, columns.lemma, res.disaster_causes, trace)
        cands = drop_compound_participles(cands, kids, trace)
        cands = drop_aimed_targets(cands, kids, trace)
        cands = drop_statistics(cands, kids, text, trace)
        cands = drop_aggregates(cands, trace)
        cands = drop_held_states(cands, trace)
        cands = drop_illicit_markets(cands, kids, trace)
        cands = drop_ended_accords(cands, kids, trace)
        cands = drop_inferences(cands, kids, trace)
        cands = drop_commented_events(cands, trace)
        cands = drop_retold_incidents(cands, kids, trace)
        return drop_casualty_reports(cands, kids, res.assaults, trace)

    def _make_event(self, article: Article, chash: str, index: int, sent: Span, sent_text: str,
                    cand: Candidate, context: list[str], focus: str | None,
                    sent_ents: list[Span], columns: TokenColumns) -> Event | None:
        info = self.res.cameo.get(cand.code)
        if info is None:
            log.warning("pattern %s has unknown CAMEO code %s", cand.pattern.rule, cand.code)
            return None
        trig = cand.trigger
        clause = clause_tokens(trig, columns.children)
        idx, words = columns.idx, columns.text
        c_start = min(idx[i] for i in clause) - sent.start_char
        c_end = max(idx[i] + len(words[i]) for i in clause) - sent.start_char
        when = resolve_date(sent_text, article.published, (c_start, c_end))
        toponyms: list[ToponymCandidate] = []
        for ent in sent_ents:
            if ent.label_ not in PLACE_ENTS:
                continue
            if not _is_place_use(ent.root, cand):
                continue  # "Moscow said", "its allies, Egypt and the UAE": actors, not places
            scope = "clause" if ent.root.i in clause else "sentence"
            toponyms.append(ToponymCandidate(ent.text, ent.start_char, ent.end_char, scope))
        # "seize Tripoli" acts on a place; "accused Moscow" (a verbal act, roots 01-13) on a government.
        target_is_place = cand.target_token is not None and int(cand.code[:2]) >= 14 \
            and _is_place_use(cand.target_token, cand)
        src = _as_written(as_state_actor(cand.source, cand.source_token, acting=True), article.text)
        location = locate_event(toponyms, self.res.gazetteer, context, focus, _home_country(src, cand.code))
        tgt = as_state_actor(cand.target, cand.target_token) if not target_is_place else cand.target
        tgt = _as_written(tgt, article.text)
        key = (f"{chash}|{index}|{trig.idx}|{src.code if src else ''}|{tgt.code if tgt else ''}|{cand.code}"
               f"|{src.start if src else ''}|{tgt.start if tgt else ''}")
        rule = cand.pattern.rule + (" [" + "; ".join(cand.notes) + "]" if cand.notes else "")
        return Event(
            event_id=hashlib.sha1(key.encode()).hexdigest()[:16],
            doc_id=article.doc_id,
            sentence_index=index,
            sentence=sent_text.strip(),
            date=when.date,
            date_source=when.source,
            source=src,
            target=tgt,
            cameo=cand.code,
            cameo_root=root_of(cand.code),
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover_type=info.plover_type or None,  # PLOVER has no statement (01) category
            plover_mode=info.plover_mode,
            modality=cand.modality,
            location=location,
            trigger=Trigger(article.text[trig.idx:trig.idx + len(trig.text)], trig.idx, trig.idx + len(trig.text)),
            rule=rule,
            confidence=confidence(cand),
            date_expression=when.expression,
            end_date=when.end_date,
            cameo_name=info.name,
        )

    def _verify(self, event: Event, cand: Candidate, sent: Span, words: list[str], children: list[list[Token]],
                rank: int, n_events: int, first_sentence: bool) -> tuple[Event, list[str]]:
        """The verifier's probability becomes the event's confidence (events/verify.py)."""
        if not self.settings.verifier:
            return event, []
        loc = event.location
        feats = event_features(cand, sent, words, children, rank=rank, n_events=n_events,
                               dated=event.date_source == "text",
                               located=loc is not None and loc.source in ("clause", "sentence"),
                               first_sentence=first_sentence, cues=self.res.cues)
        return dataclasses.replace(event, confidence=round(self.res.verifier.probability(feats), 2)), feats

    @property
    def min_confidence(self) -> float:
        """Events less sure than this are not coded: the settings' value, else the verifier's
        threshold (0 without the verifier)."""
        if self.settings.min_confidence is not None:
            return self.settings.min_confidence
        return self.res.verifier.threshold if self.settings.verifier else 0.0

    # ---- a stream of articles ----
    def run(self, items: Iterable[Article | Rejected]) -> Iterator[CodedArticle | Rejected]:
        """Parse in batches with ``nlp.pipe`` and code each article; rejects pass through.

        Coding one article is interrupted at ``time_budget_s`` where SIGALRM can be used
        (see ``_deadline``); everywhere the time it took is checked afterwards as well.

        While the stream runs, BLAS gets one thread per process: numpy's OpenBLAS (which
        speedups.py gives the models) would otherwise run tok2vec's products on every core,
        twice the CPU for about 13% less time on 2 cores, and in each ``n_process`` child."""
        with threadpool_limits(limits=1, user_api="blas"):
            yield from self._run(items)

    def _run(self, items: Iterable[Article | Rejected]) -> Iterator[CodedArticle | Rejected]:
        settings = self.settings
        remaining = iter(items)
        pending: list[Rejected] = []
        # A document too long to parse at once ends the current nlp.pipe stream; it is
        # parsed in pieces and coded, then a new stream takes the rest (rare: see
        # PARSE_PIECE_TOKENS). At most one such document is held at a time.
        long_doc: list[tuple[Doc, Article]] = []

        def articles() -> Iterator[tuple[str | Doc, Article]]:
            for item in remaining:
                if isinstance(item, Rejected):
                    pending.append(item)
                    continue
                if len(item.text) > settings.max_article_chars:
                    pending.append(Rejected(item.doc_id, "read",
                                            f"article has {len(item.text):,} characters, over --max-article-chars "
                                            f"{settings.max_article_chars:,}; raise the limit to code it",
                                            item.origin))
                    continue
                text = self.prepare(item.text)
                if needs_pieces(text):  # a cheap test on the text; the tokens decide
                    tokens = self.nlp.make_doc(text)
                    if needs_pieces_doc(tokens):
                        long_doc.append((tokens, item))
                        return
                    yield tokens, item  # nlp.pipe takes a tokenised Doc as it takes text
                    continue
                yield text, item

        while True:
            stream = self.nlp.pipe(articles(), as_tuples=True, batch_size=settings.batch_size,
                                   n_process=settings.n_process)
            for doc, article in stream:
                while pending:
                    yield pending.pop(0)
                yield self._code_within_budget(doc, article)
            while pending:
                yield pending.pop(0)
            if not long_doc:
                return
            tokens, article = long_doc.pop()
            yield self._code_within_budget(parse_bounded(self.nlp, tokens), article)

    def _code_within_budget(self, doc: Doc, article: Article) -> CodedArticle | Rejected:
        budget = self.settings.time_budget_s
        report_split_runs(doc, article)
        started = time.perf_counter()
        try:
            with _deadline(budget):
                coded = self.code_doc(article, doc)
        except _CodingTimeout:
            log.warning("coding %s stopped at the %gs budget", article.doc_id, budget)
            return Rejected(article.doc_id, "code",
                            f"coding stopped after {budget:g}s, over the per-article budget; "
                            "raise time_budget_s in the settings file to code it",
                            article.origin)
        except Exception as exc:  # one bad article never stops a batch
            log.exception("coding failed for %s", article.doc_id)
            return Rejected(article.doc_id, "code", f"{type(exc).__name__}: {exc}", article.origin)
        elapsed = time.perf_counter() - started
        if budget > 0 and elapsed > budget:  # threads, Windows, C code the signal could not stop
            return Rejected(article.doc_id, "code",
                            f"coding took {elapsed:.1f}s, over the {budget:g}s budget",
                            article.origin)
        return coded



def report_split_runs(doc: Doc, article: Article) -> None:
    """Warn, naming the article, about runs of text cut or skipped before parsing."""
    name = article.origin or article.doc_id
    runs = doc.user_data.get(RUNS_KEY)
    if runs:
        at, longest = max(runs, key=lambda run: run[1])
        log.warning("%s: %d run(s) of text with no sentence break (the longest %s tokens, at "
                    "character %s) were cut into sentences of %d tokens before parsing",
                    name, len(runs), f"{longest:,}", f"{at:,}", MAX_SENTENCE_TOKENS)
    skipped = doc.user_data.get(SKIPPED_KEY)
    if skipped:
        at, longest = max(skipped, key=lambda run: run[1])
        log.warning("%s: %d run(s) of more than %s tokens with no sentence break (the longest "
                    "%s tokens, at character %s) were skipped, not coded: this is not prose",
                    name, len(skipped), f"{MAX_RUN_TOKENS:,}", f"{longest:,}", f"{at:,}")


class _CodingTimeout(BaseException):
    """Raised by the SIGALRM handler of ``_deadline``; a BaseException so that no
    ``except Exception`` inside the coding code swallows it."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise ``_CodingTimeout`` in the block after ``seconds`` (a one-shot ITIMER_REAL).

    Only on the main thread of a POSIX process, and only if the host program has no
    real-time timer of its own running and its SIGALRM handler can be put back; otherwise
    (and for a budget <= 0 or infinite) it does nothing. The timer is disarmed and the
    previous handler restored on the way out, whatever happens in the block."""
    previous = signal.getsignal(signal.SIGALRM) if hasattr(signal, "setitimer") else None
    if (previous is None or not (0 < seconds and math.isfinite(seconds))
            or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0)):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise _CodingTimeout

    signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


_coders: dict[Settings, Coder] = {}


def get_coder(settings: Settings | None = None) -> Coder:
    settings = settings or Settings()
    key = settings
    try:
        return _coders[key]
    except (KeyError, TypeError):
        coder = Coder(settings)
        try:
            _coders[key] = coder
        except TypeError:
            pass
        return coder


def run(items: Iterable[Article | Rejected], settings: Settings | None = None) -> Iterator[CodedArticle | Rejected]:
    return get_coder(settings).run(items)


def code_article(article: Article, settings: Settings | None = None) -> CodedArticle:
    coder = get_coder(settings)
    doc = coder.parse(article.text)
    report_split_runs(doc, article)
    return coder.code_doc(article, doc)


def code_text(text: str, *, date: str | None = None, doc_id: str = "<text>",
              settings: Settings | None = None) -> list[Event]:
    """Code one text (cleaned as any article) and return its events."""
    from ..ingest.clean import clean_text

    article = Article(doc_id=doc_id, text=clean_text(text), published=date, origin=doc_id, raw_chars=len(text))
    coded = code_article(article, settings)
    return list(coded.events)


__all__ = ["Coder", "code_article", "code_text", "content_hash", "get_coder", "run", "Actor"]
