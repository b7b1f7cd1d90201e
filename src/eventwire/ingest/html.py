"""HTML to article text: trafilatura for ordinary pages, a bounded stdlib extractor for
oversized or deeply nested ones (an "HTML bomb" must not hang the batch)."""

from __future__ import annotations

import logging
import re
from html import unescape as _unescape
from html.parser import HTMLParser
from typing import Any

from eventwire.ingest.decoding import _parse_date

log = logging.getLogger(__name__)


# HTML above this size, or nested deeper than this, goes to the bounded
# stdlib extractor instead of trafilatura/lxml (an "HTML bomb" must not hang us).
HTML_SAFE_BYTES = 5_000_000
HTML_SAFE_DEPTH = 400
# trafilatura is superlinear in the element count (20k divs take ~3 s);
# news pages have a few thousand.
HTML_SAFE_ELEMENTS = 15_000
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)[^>]*?(/?)>")
_ANY_TAG = re.compile(r"<[^>]{0,10000}>")
_VOID_TAGS = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)



def extract_html(html: str) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """(body, title, date, url, sitename) of an HTML page.

    Pages that are too big or too deeply nested skip trafilatura (lxml may hang
    or recurse on them) and use a bounded stdlib tag stripper instead.
    """
    elements, depth = _markup_shape(html) if len(html) <= HTML_SAFE_BYTES else (0, 0)
    if len(html) > HTML_SAFE_BYTES or depth > HTML_SAFE_DEPTH or elements > HTML_SAFE_ELEMENTS:
        log.warning(
            "HTML too large or too deeply nested for trafilatura; using the plain tag stripper"
        )
        return _strip_tags(html), None, None, None, None
    import trafilatura

    try:
        body = trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_recall=True
        )
        if body:
            body = body.replace("\n", "\n\n")  # trafilatura puts one paragraph per line
    except Exception as exc:  # trafilatura/lxml raise a zoo of errors on broken markup
        log.warning("trafilatura failed (%s); using the plain tag stripper", exc)
        body = None
    title = page_date = url = site = None
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception as exc:
        log.debug("no HTML metadata: %s", exc)
        meta = None
    if meta is not None:
        title, page_date, url, site = meta.title, meta.date, meta.url, meta.sitename
        page_date = _parse_date(page_date) if page_date else None
    if not body:
        # trafilatura gives up on very short pages; the visible text may still be an article.
        body = _strip_tags(html)
    return body, title, page_date, url, site


def _markup_shape(html: str) -> tuple[int, int]:
    """(element count, deepest nesting) of ``html``, from a linear regex scan."""
    depth = deepest = elements = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name.lower() in _VOID_TAGS or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            elements += 1
            depth += 1
            deepest = max(deepest, depth)
    return elements, deepest


class _TextCollector(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "nav", "footer"})
    _BLOCK = frozenset(
        "p div br li h1 h2 h3 h4 h5 h6 tr section article header blockquote pre".split()
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _strip_tags(html: str) -> str:
    # html.parser is iterative (no recursion) and linear in the input size.
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError) as exc:
        # Python 3.11's _markupbase asserts on malformed "<![" sections (found by fuzzing).
        log.debug("html.parser gave up (%s); removing tags with a regex", exc)
        return _unescape(_ANY_TAG.sub(" ", html))
    return "".join(collector.parts)
