"""Settings.n_process > 1: spaCy's worker processes carry eventwire's components and
give the same events as one process."""

from __future__ import annotations

from eventwire.coding.coder import get_coder
from eventwire.config import Settings
from eventwire.models import Article

TEXTS = [
    "The army shelled the town. Police arrested two men.",
    "Russia and the United States rejected the draft resolution on Thursday.",
    "Rebels attacked a police post in Cauca.",
]


def _events(settings: Settings) -> list[tuple[str, list[tuple[str, str | None, str | None]]]]:
    articles = [Article(doc_id=str(i), text=t, published="2020-01-01", origin="t", raw_chars=len(t))
                for i, t in enumerate(TEXTS)]
    return [(c.article.doc_id, [(e.cameo, e.source.code if e.source else None,
                                 e.target.code if e.target else None) for e in c.events])
            for c in get_coder(settings).run(articles)]


def test_two_spacy_processes_give_the_same_events_in_order():
    one = _events(Settings())
    assert [doc_id for doc_id, _ in one] == ["0", "1", "2"]
    assert all(events for _, events in one)
    assert _events(Settings(n_process=2)) == one
