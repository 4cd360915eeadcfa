"""HTML pages through trafilatura: main text, title, author, site name, and the date with where it came from.

The date is looked for in this order, and `Article.date_source` says which one gave it:
`metadata` (meta tags, JSON-LD, <time> elements), `url` (a /YYYY/MM/DD/ path), `content` (htmldate's text search).
The outlet is the page's site name, else its host name without `www.`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..records import Article
from .common import InputProblem, Options, make_article
from .decode import decode
from .inputs import Input, open_bytes, read_all

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_URL_DATE_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])/")


def url_date(url: str | None) -> date | None:
    """A date written in a URL path (/2025/03/12/ or /20250312/), else None."""
    if not url:
        return None
    path = urlsplit(url).path
    match = _URL_DATE.search(path) or _URL_DATE_COMPACT.search(path)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def find_date(html: str, url: str | None) -> tuple[date | None, str | None]:
    """(date, source) with source `metadata`, `url` or `content`; (None, None) when no date is found."""
    from htmldate import find_date as htmldate_find

    for search, source in ((False, "metadata"), (None, "url"), (True, "content")):
        if search is None:
            found = url_date(url)
            if found:
                return found, source
            continue
        try:
            text = htmldate_find(html, extensive_search=search, original_date=True, url=None)
        except (ValueError, TypeError, AttributeError):
            text = None
        if text:
            return date.fromisoformat(text[:10]), source
    return None, None


def _extract(html: str, url: str | None) -> Any:
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError, LookupError) as exc:
        raise InputProblem("no text", f"the page could not be parsed: {exc}") from exc


def strip_title(text: str, title: str | None) -> str:
    """The text without a first line that repeats the title."""
    first, newline, rest = text.lstrip().partition("\n")
    if title and newline and " ".join(first.split()) == " ".join(title.split()):
        return rest
    return text


def outlet_of(sitename: str | None, url: str | None) -> str | None:
    if sitename and sitename.strip():
        return sitename.strip()
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def article_from_html(data: bytes, *, name: str, url: str | None = None) -> Article:
    """An Article from the bytes of an HTML page; raises InputProblem when no main text is found."""
    declared = _META_CHARSET.search(data[:4096])
    html = decode(data, declared[1].decode("ascii", "replace") if declared else None)
    doc = _extract(html, url)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputProblem("no text", "no main text found in the page")
    title = getattr(doc, "title", None)
    text = strip_title(text, title)
    page_url = url or getattr(doc, "url", None)
    published, source = find_date(html, page_url)
    return make_article(
        text,
        name=name,
        outlet=outlet_of(getattr(doc, "sitename", None), page_url),
        url=page_url,
        published=published,
        title=title,
        language="",
        date_source=source,
    )


def read_html(inp: Input, options: Options) -> Iterator[Article]:
    data = read_all(open_bytes(inp), options.max_file_size)
    yield article_from_html(data, name=inp.name, url=inp.url)
