"""Human-readable explanations: why a sentence was coded the way it was."""

from __future__ import annotations

import json

from ..actors.entities import label_entities
from ..actors.resolve import resolve_actors
from ..config import Settings
from ..errors import InputError
from ..events.select import select_events
from ..ingest.clean import clean_text
from ..models import Actor, Article
from ..nlp import TokenColumns, is_skipped
from .coder import get_coder


def require_text(text: str) -> str:
    """``text`` unchanged, or ``InputError`` when there is nothing in it to code."""
    if not text or not text.strip():
        raise InputError("the text is empty: give a sentence in quotes, e.g. \"Russia rejected the proposal.\"")
    return text


def find_actors(text: str, *, date: str | None = None, settings: Settings | None = None) -> list[Actor]:
    """The actors resolved in ``text`` (published on ``date``), in text order.

    >>> [a.code for a in find_actors("Libyan military leader Khalifa Haftar met Egypt's president.")]
    ['LBYMIL', 'EGY', 'EGYGOV']
    """
    require_text(text)
    coder = get_coder(settings)
    doc = coder.parse(clean_text(text))  # bounded: run-on text is cut or skipped
    if coder.settings.actors_files:
        label_entities(doc, coder.res.kb, coder.res.gazetteer)
    by_token, _ = resolve_actors(doc, coder.res.kb, date, coder.res.gazetteer)
    return [by_token[i] for i in sorted(by_token)]


def explain_text(text: str, *, date: str | None = None, settings: Settings | None = None) -> str:
    """A readable report of how ``text`` is coded: parse, actors, patterns tried, events.

    >>> print(explain_text("Russia rejected the proposal on Thursday.", date="2019-04-19"))  # doctest: +SKIP
    """
    require_text(text)
    coder = get_coder(settings)
    cleaned = clean_text(text)
    doc = coder.parse(cleaned)
    if coder.settings.actors_files:
        label_entities(doc, coder.res.kb, coder.res.gazetteer)  # names in the user's actor files
    columns = TokenColumns.of(doc)  # read once for the resolver and every sentence's matcher
    by_token, memory = resolve_actors(doc, coder.res.kb, date, coder.res.gazetteer, columns)
    lines: list[str] = []
    for index, sent in enumerate(columns.sents):
        if is_skipped(sent):
            lines.append(f"== sentence {index}: skipped, {sent.end_char - sent.start_char:,} characters "
                         "with no sentence break (not prose)")
            continue
        lines.append(f"== sentence {index}: {sent.text.strip()}")
        lines.append("-- parse (token  lemma  POS  dep <- head)")
        for tok in sent:
            if tok.is_space:
                continue
            lines.append(f"   {tok.i:>3} {tok.text:<16} {tok.lemma_:<14} {tok.pos_:<5} {tok.dep_:<10} "
                         f"<- {tok.head.i} {tok.head.text}")
        lines.append("-- actors")
        found = False
        for tok in sent:
            actor = by_token.get(tok.i)
            if actor is not None:
                found = True
                lines.append(f"   {actor.text!r} -> {actor.code} ({actor.name}) "
                             f"via {actor.resolution}: {actor.evidence}")
        if not found:
            lines.append("   (none)")
        lines.append("-- patterns tried")
        trace: list[str] = []
        cands = coder.sentence_matches(sent, columns.span_text(sent.start, sent.end), by_token, columns,
                                       memory.focus_country(), trace)
        lines.extend(trace or ["   (no trigger word in this sentence)"])
        chosen = select_events(cands, require_actor=coder.settings.require_actor)
        lines.append("-- matches")
        for c in cands:
            mark = "*" if c in chosen else " "
            lines.append(f" {mark} {c.code} {c.pattern.rule} trigger={c.trigger.text!r} "
                         f"source={c.source.code if c.source else None} target={c.target.code if c.target else None} "
                         f"modality={c.modality} {'; '.join(c.notes)}")
    verifier_trace: list[str] = []
    coded = coder.code_doc(Article("<explain>", cleaned, published=date), doc, trace=verifier_trace)
    lines.append(f"== verifier: confidence = how likely the match is a real event; below {coder.min_confidence:.2f}"
                 " it is not coded (feature weight)")
    lines.extend([line for line in verifier_trace if line.startswith("  verifier")] or ["   (no match)"])
    lines.append("== events")
    if not coded.events:
        lines.append("   (no event)")
    for e in coded.events:
        lines.append(json.dumps(e.to_json(), ensure_ascii=False, indent=1))
    if memory.focus_country():
        lines.append(f"== focus country: {memory.focus_country()}")
    return "\n".join(lines)
