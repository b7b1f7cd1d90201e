"""Human-readable explanations: why a sentence was coded the way it was."""

from __future__ import annotations

import json

from .actors.resolve import resolve_actors
from .config import Settings
from .events.match import match_sentence
from .events.select import select_events
from .ingest.clean import clean_text
from .models import Actor, Article
from .nlp import TokenColumns, is_skipped
from .pipeline import get_coder


def find_actors(text: str, *, date: str | None = None, settings: Settings | None = None) -> list[Actor]:
    coder = get_coder(settings)
    doc = coder.parse(clean_text(text))  # bounded: run-on text is cut or skipped
    by_token, _ = resolve_actors(doc, coder.res.kb, date, coder.res.gazetteer)
    return [by_token[i] for i in sorted(by_token)]


def explain_text(text: str, *, date: str | None = None, settings: Settings | None = None) -> str:
    coder = get_coder(settings)
    cleaned = clean_text(text)
    doc = coder.parse(cleaned)
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
        cands = match_sentence(sent, by_token, coder.res.patterns, trace, columns)
        lines.extend(trace or ["   (no trigger word in this sentence)"])
        chosen = select_events(cands, require_actor=coder.settings.require_actor)
        lines.append("-- matches")
        for c in cands:
            mark = "*" if c in chosen else " "
            lines.append(f" {mark} {c.code} {c.pattern.rule} trigger={c.trigger.text!r} "
                         f"source={c.source.code if c.source else None} target={c.target.code if c.target else None} "
                         f"modality={c.modality} {'; '.join(c.notes)}")
    coded = coder.code_doc(Article("<explain>", cleaned, published=date), doc)
    lines.append("== events")
    if not coded.events:
        lines.append("   (no event)")
    for e in coded.events:
        lines.append(json.dumps(e.to_json(), ensure_ascii=False, indent=1))
    if memory.focus_country():
        lines.append(f"== focus country: {memory.focus_country()}")
    return "\n".join(lines)
