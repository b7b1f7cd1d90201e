"""`Coder.code_doc` slices sentences out of the article's text, so the doc it is given must
be the parse of that text."""

from __future__ import annotations

import pytest

from eventwire.coding.coder import get_coder
from eventwire.config import Settings
from eventwire.models import Article

TEXT = "The army shelled the town on Monday. Police arrested two men."


def test_code_doc_slices_sentences_from_the_article_text():
    coder = get_coder()
    article = Article(doc_id="a", text=TEXT, published="2020-01-01")
    coded = coder.code_doc(article, coder.nlp(TEXT))
    doc = coder.nlp(TEXT)
    assert [s.text for s in coded.sentences] == [s.text for s in doc.sents]
    assert [(s.start, s.end) for s in coded.sentences] == [(s.start_char, s.end_char) for s in doc.sents]


@pytest.mark.parametrize("other", [TEXT + " More.", TEXT[:-1], ""])
def test_code_doc_refuses_the_parse_of_another_text(other):
    coder = get_coder()
    article = Article(doc_id="a", text=TEXT, published="2020-01-01")
    with pytest.raises(ValueError, match="a: the doc is not the parse of the article's text"):
        coder.code_doc(article, coder.nlp(other))


def test_a_question_is_not_an_asserted_event():
    """The question test reads the sentence's text (ending quotes and spaces stripped).
    Every match is kept (threshold 0): this is about modality, not the verifier."""
    coder = get_coder(Settings(min_confidence=0.0))
    text = 'The army shelled the town. "Did the army shell the town?" '
    coded = coder.code_doc(Article(doc_id="q", text=text, published="2020-01-01"), coder.nlp(text))
    by_sentence = {e.sentence_index: e for e in coded.events}
    assert by_sentence[0].modality == "asserted"
    assert by_sentence[1].modality == "hypothetical" and "question" in by_sentence[1].rule


def test_a_later_noun_for_an_event_already_reported_is_not_a_new_event():
    from eventwire.coding.coder import code_text
    from eventwire.config import Settings

    text = ("Mexican marines arrested Joaquin Guzman in Los Mochis on Friday. "
            "Guzman's arrest was the third in his career.")
    events = [e for e in code_text(text, date="2021-05-01", settings=Settings(min_confidence=0))
              if e.cameo_root == "17" and e.modality == "asserted"]
    assert [e.trigger.text for e in events] == ["arrested"], events
