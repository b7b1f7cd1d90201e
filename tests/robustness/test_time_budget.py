"""The per-article time budget stops a hanging article; the batch goes on.

Real model and real coding; only ``code_doc`` of one cached coder is wrapped so that
one chosen article codes normally and then hangs (``time.sleep``) past the budget.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator

import pytest

from eventwire.coding.coder import Coder, get_coder
from eventwire.config import Settings
from eventwire.models import Article, CodedArticle, Rejected

pytestmark = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs POSIX signal.setitimer")

TEXTS = {
    "before": "Security forces detained twelve protesters in Khartoum on Monday, witnesses said.",
    "hang": "Police arrested three journalists in Caracas on Tuesday.",
    "after": "Rebels attacked an army base near Gao on Wednesday, officials said.",
}


def _articles() -> list[Article]:
    return [Article(doc_id, text, published="2020-01-06", origin=f"{doc_id}.txt") for doc_id, text in TEXTS.items()]


def _hanging_coder(monkeypatch: pytest.MonkeyPatch, budget: float, hang_s: float) -> Coder:
    """The cached coder for ``budget``; article "hang" is coded, then sleeps ``hang_s``."""
    coder = get_coder(Settings(time_budget_s=budget))
    real = coder.code_doc

    def code_doc(article: Article, doc, trace=None) -> CodedArticle:
        coded = real(article, doc, trace)
        if article.doc_id == "hang":
            time.sleep(hang_s)
        return coded

    monkeypatch.setattr(coder, "code_doc", code_doc)
    return coder


def _host_handler(signum, frame) -> None:  # the host program's own SIGALRM handler
    raise AssertionError("the host's SIGALRM handler must not be called")


@pytest.fixture
def host_handler() -> Iterator[None]:
    old = signal.signal(signal.SIGALRM, _host_handler)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _by_id(out: list[CodedArticle | Rejected]) -> dict[str, CodedArticle | Rejected]:
    assert len(out) == len(TEXTS)
    return {(o.doc_id if isinstance(o, Rejected) else o.article.doc_id): o for o in out}


def _assert_neighbours_coded(results: dict[str, CodedArticle | Rejected]) -> None:
    for doc_id in ("before", "after"):
        coded = results[doc_id]
        assert isinstance(coded, CodedArticle), coded
        assert coded.events, f"{doc_id} lost its events"


def test_hanging_article_is_interrupted_at_the_budget(monkeypatch, host_handler) -> None:
    coder = _hanging_coder(monkeypatch, budget=0.5, hang_s=30)
    started = time.monotonic()
    out = list(coder.run(_articles()))
    took = time.monotonic() - started
    assert took < 10, f"the hanging article was not interrupted ({took:.1f}s)"
    results = _by_id(out)
    assert [o.doc_id if isinstance(o, Rejected) else o.article.doc_id for o in out] == list(TEXTS)
    rejected = results["hang"]
    assert isinstance(rejected, Rejected)
    assert (rejected.stage, rejected.origin) == ("code", "hang.txt")
    assert "stopped after 0.5s" in rejected.reason and "budget" in rejected.reason
    assert "time_budget_s" in rejected.reason
    _assert_neighbours_coded(results)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is _host_handler


def test_closing_the_stream_early_leaves_no_timer(monkeypatch, host_handler) -> None:
    coder = _hanging_coder(monkeypatch, budget=0.5, hang_s=30)
    stream = coder.run(_articles())
    first = next(stream)
    assert isinstance(first, CodedArticle) and first.article.doc_id == "before"
    stream.close()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is _host_handler


def test_host_timer_is_left_alone_and_the_check_is_after_the_fact(monkeypatch, host_handler) -> None:
    coder = _hanging_coder(monkeypatch, budget=0.2, hang_s=0.5)
    signal.setitimer(signal.ITIMER_REAL, 60)  # the host program's own alarm
    results = _by_id(list(coder.run(_articles())))
    remaining, interval = signal.getitimer(signal.ITIMER_REAL)
    assert 50 < remaining <= 60 and interval == 0.0
    assert signal.getsignal(signal.SIGALRM) is _host_handler
    rejected = results["hang"]
    assert isinstance(rejected, Rejected) and rejected.stage == "code"
    assert "coding took 0.5s, over the 0.2s budget" in rejected.reason
    _assert_neighbours_coded(results)


def test_non_main_thread_rejects_after_the_fact(monkeypatch) -> None:
    coder = _hanging_coder(monkeypatch, budget=0.2, hang_s=0.5)
    out: list[CodedArticle | Rejected] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            out.extend(coder.run(_articles()))
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    before = signal.getsignal(signal.SIGALRM)
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(timeout=30)
    assert not thread.is_alive() and not errors
    results = _by_id(out)
    rejected = results["hang"]
    assert isinstance(rejected, Rejected) and rejected.stage == "code"
    assert "over the 0.2s budget" in rejected.reason
    _assert_neighbours_coded(results)
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_zero_budget_means_no_budget(monkeypatch) -> None:
    coder = _hanging_coder(monkeypatch, budget=0, hang_s=0.3)
    results = _by_id(list(coder.run(_articles())))
    assert all(isinstance(r, CodedArticle) for r in results.values()), results
    assert results["hang"].events
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
