"""The entity marker: cheap named entities in place of the model's statistical NER.

Proper-noun chains from the parse, labelled GPE when the offline gazetteer knows them,
ORG when they hold an organisation word, PERSON otherwise; a name the KB knows as a
person, group or IGO keeps that kind. spaCy loads in eventwire.nlp, which knows
nothing of actors or places: ``load_parser`` hands it this component by name.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..lexicon import lexicon
from ..nlp import TokenColumns, load_nlp
from ..places.gazetteer import Gazetteer, bare_toponym, division_word, is_division_word, load_gazetteer
from .kb import KnowledgeBase, load_kb

ENTITY_COMPONENT = "eventwire_entities"
ORG_WORDS = lexicon("org_words")  # a proper-noun chain holding one is an organisation


@Language.component(ENTITY_COMPONENT, requires=["token.pos"], assigns=["doc.ents"])
def mark_entities(doc: Doc) -> Doc:
    """Cheap named entities from the tagger's proper nouns and the offline gazetteer, with the
    packaged actor dictionaries (the parser is shared by every coder of a process)."""
    return label_entities(doc, load_kb(), load_gazetteer())


def label_entities(doc: Doc, kb: KnowledgeBase, gazetteer: Gazetteer) -> Doc:
    """Set ``doc.ents`` as ``mark_entities`` does, with ``kb``: a coder given user actor files
    labels their names again with them ("Florida Cartel" a group, not a place)."""
    spans = []
    surnames: set[str] = set()  # later words of the names of people named so far
    # In text that has capitals (all of it once all-capital wire copy is restored), a word written
    # in lower case is not a place name ("mol oil company", "swa"); all-lower-case text has no
    # such clue.
    cols = TokenColumns.of(doc)
    pos, texts = cols.pos, cols.text
    cased = any(t.lower() != t for t in texts)  # (Doc.text would join every token again)

    def _label(i: int, j: int) -> str:
        words = set(cols.lower[i:j])
        text = cols.span_text(i, j)
        known = kb.lookup(text)
        kind = known.entity_kind or known.kind if known is not None else None
        if kind in ("person", "group", "igo"):
            return "PERSON" if kind == "person" else "ORG"  # "Kim" is a leader, not a town
        if j - i == 1 and texts[i] in surnames and not any(p.feature == "country" for p in gazetteer.lookup(text)):
            return "PERSON"  # "David Munguia Payes ... Munguia told": the person again, not a town
        if (not cased or text[:1].isupper()) and (gazetteer.lookup(text) or (
                j - i > 1 and gazetteer.lookup(bare_toponym(text), division_word(text) is not None))):
            return "GPE"
        if words & ORG_WORDS or text.isupper():
            return "ORG"
        return "PERSON"

    i, n = 0, len(doc)
    while i < n:
        if pos[i] != "PROPN":
            text = texts[i]
            if pos[i] == "ADJ" and text[:1].isupper() and kb.country_of_adjective(text):
                spans.append(Span(doc, i, i + 1, label="NORP"))  # "Libyan", "British"
            i += 1
            continue
        j = i + 1
        while j < n and (pos[j] == "PROPN" or (texts[j] in ("-", "of", "de", "al") and j + 1 < n
                                               and pos[j + 1] == "PROPN")):
            j += 1
        label = _label(i, j)
        if label == "PERSON" and "of" in texts[i + 1:j - 1]:
            # "Orangi Town of Karachi": a name the dictionaries do not know, then "of" a place
            k = max(x for x in range(i + 1, j - 1) if texts[x] == "of")
            if _label(k + 1, j) == "GPE":
                j = k
                label = _label(i, j)
        if label == "GPE" and j < n and pos[j] == "NOUN" and is_division_word(cols.lower[j]):
            j += 1  # "Hangu district" (all-capital copy restored): the division word is part of the name
        if label == "PERSON" and j - i > 1:
            surnames.update(t for t in texts[i + 1:j] if t[:1].isupper())
        spans.append(Span(doc, i, j, label=label))
        i = j
    doc.set_ents(spans, default="outside")
    return doc


def load_parser(model: str | None = None) -> Language:
    """The spaCy pipeline the coder parses with: ``load_nlp`` with the entity marker."""
    return load_nlp(model, entities=ENTITY_COMPONENT)
