"""WARC and WARC.gz archives through warcio: each HTML response record is a page read as HTML (as in CC-NEWS).

Records are streamed one at a time; a record body over max_file_size is skipped. When a page has no date of its
own, the record's WARC-Date is used, with date_source `crawl`. A truncated archive keeps every record before the
damage and is reported as "bad warc".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

from ..records import Article, Skipped
from .common import InputProblem, Options, parse_date, skipped
from .inputs import Input, open_bytes


def _is_html(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    kind = (record.http_headers.get_header("Content-Type") or "").lower()
    return "html" in kind


def _article(record: Any, options: Options) -> Article:
    from .html import article_from_html

    url = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(options.max_file_size + 1)
    if len(data) > options.max_file_size:
        raise InputProblem("too large", f"record body over {options.max_file_size} bytes")
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise InputProblem("bad warc", "the record is truncated")
    article = article_from_html(data, name=url or "record", url=url)
    if article.published is None:
        try:
            crawled = parse_date(record.rec_headers.get_header("WARC-Date"))
        except InputProblem:
            crawled = None
        if crawled is not None:
            article = dataclasses.replace(article, published=crawled, date_source="crawl")
    return article


def read_warc(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    """One article per HTML response record; raises InputProblem("bad warc") at a damaged record."""
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    with open_bytes(inp) as stream:
        if not stream.peek(5)[:5].upper().startswith((b"WARC/", b"FILED")):
            raise InputProblem("bad warc", "the input does not start with a WARC record")
        records = iter(ArchiveIterator(stream, arc2warc=True))
        number = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except InputProblem:
                raise
            except Exception as exc:  # warcio raises many kinds on damaged archives
                raise InputProblem("bad warc", f"after {number} records: {type(exc).__name__}: {exc}") from exc
            number += 1
            if not _is_html(record):
                continue
            found += 1
            try:
                yield _article(record, options)
            except InputProblem as problem:
                yield skipped(f"{inp.location}#{number}", problem.reason, problem.detail)
    if found == 0:
        raise InputProblem("no text", f"no HTML response among {number} records")
