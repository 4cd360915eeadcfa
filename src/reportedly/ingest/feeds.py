"""RSS and Atom feeds through feedparser; each entry is an article.

The entry's content (else its summary) is the text, unless `follow_links` is set: then the page at the entry's link
is fetched and read as HTML, and the feed's values fill what the page lacks. An XML document that declares entities
is refused before it is parsed ("unsafe xml"): entity bombs are never expanded.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..records import Article, Skipped
from .common import InputProblem, Options, make_article, parse_date, skipped
from .inputs import Input, open_bytes, read_all

_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)
_BLOCK = re.compile(r"(?i)</?(p|div|br|li|h[1-6]|blockquote|tr)\b[^>]*>")


def check_xml(data: bytes) -> None:
    """InputProblem("unsafe xml") when the document declares entities (checked with defusedxml)."""
    import defusedxml.ElementTree as SafeTree
    from defusedxml import DefusedXmlException

    try:
        SafeTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputProblem("unsafe xml", f"{type(exc).__name__}: entities are never expanded") from exc
    except Exception:  # malformed XML: feedparser's lenient parser decides below; entities are still refused
        if _ENTITY.search(data) or _ENTITY.search(data.replace(b"\x00", b"")):
            raise InputProblem("unsafe xml", "entity declarations are never expanded") from None


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: block elements become line breaks."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in markup:
        return markup
    try:
        tree = lxml.html.fromstring(_BLOCK.sub("\n", markup))
    except (ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", markup)
    return "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())


def _entry_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return parse_date(entry.get("published") or entry.get("updated"))


def _entry_text(entry: Any) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    return html_to_text(max(values, key=len) if values else entry.get("summary", "") or "")


def article_from_entry(entry: Any, outlet: str | None, name: str, options: Options) -> Article:
    link = entry.get("link")
    published = _entry_date(entry)
    if options.follow_links and link:
        return _follow(link, entry, outlet, name, published, options)
    return make_article(
        _entry_text(entry),
        name=name,
        outlet=outlet,
        url=link,
        published=published,
        title=entry.get("title"),
        language="",
        date_source="feed",
    )


def _follow(link: str, entry: Any, outlet: str | None, name: str, published: date | None, options: Options) -> Article:
    from .fetch import fetch
    from .html import article_from_html

    page = fetch(link, max_bytes=options.max_file_size, timeout=options.timeout, user_agent=options.user_agent)
    article = article_from_html(page.content, name=name, url=page.url)
    fill: dict[str, Any] = {"title": article.title or entry.get("title"), "outlet": outlet or article.outlet}
    if article.published is None and published is not None:
        fill.update(published=published, date_source="feed")
    return dataclasses.replace(article, **fill)


def read_feed(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    """One article per feed entry; InputProblem("bad xml") when nothing in the document is a feed."""
    import feedparser

    data = read_all(open_bytes(inp), options.max_file_size)
    check_xml(data)
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise InputProblem("bad xml", f"no feed entries{f': {reason}' if reason else ''}")
    outlet = parsed.feed.get("title")
    for index, entry in enumerate(parsed.entries, start=1):
        location = f"{inp.location}#{index}"
        name = entry.get("id") or entry.get("link") or f"{inp.name}:{index}"
        try:
            yield article_from_entry(entry, outlet, name, options)
        except InputProblem as problem:
            yield skipped(location, problem.reason, problem.detail)
