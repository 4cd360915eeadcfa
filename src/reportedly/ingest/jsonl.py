"""JSON lines (streamed, one record per line) and JSON arrays of records.

Each record is an object with `id`, `text`, `published`, `outlet`, `url`, `title` (or the keys a field mapping
names). A line that is not valid JSON, or a record without text, is skipped with the location `file:line`;
the rest of the file is kept. Memory stays bounded: lines are read one by one, each capped at max_file_size.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from ..records import Article, Skipped
from .common import InputProblem, Options, parse_date, skipped
from .decode import decode
from .fields import article_from_record, field_value
from .inputs import Input, open_bytes, read_all


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line longer than `limit` (drained, not kept)."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(65536)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def record_or_skip(record: object, options: Options, name: str, location: str) -> Article | Skipped:
    """An Article from a record, or a Skipped saying why not. With follow_links, a record that has a URL but no
    text (GDELT and Media Cloud lists) is read from its page, the record's own values filling what the page lacks."""
    try:
        try:
            return article_from_record(record, options.fields, name)
        except InputProblem as problem:
            url = field_value(record, "url", options.fields) if isinstance(record, Mapping) else None
            if problem.reason != "no text" or not options.follow_links or not isinstance(url, str) or not url:
                raise
            return _follow(record, url, name, options)  # type: ignore[arg-type]
    except InputProblem as problem:
        return skipped(location, problem.reason, problem.detail)


def _follow(record: Mapping[str, Any], url: str, name: str, options: Options) -> Article:
    from .fetch import fetch
    from .html import article_from_html

    published = parse_date(field_value(record, "published", options.fields))
    ident = field_value(record, "id", options.fields)
    name = str(ident) if isinstance(ident, str | int) and not isinstance(ident, bool) else name
    page = fetch(url, max_bytes=options.max_file_size, timeout=options.timeout, user_agent=options.user_agent)
    article = article_from_html(page.content, name=name, url=page.url)
    fill: dict[str, Any] = {
        "title": article.title or field_value(record, "title", options.fields),
        "outlet": field_value(record, "outlet", options.fields) or article.outlet,
    }
    if article.published is None and published is not None:
        fill.update(published=published, date_source="field")
    return dataclasses.replace(article, **fill)


_LISTS = ("articles", "items", "stories", "results")


def nested_records(record: object) -> list[object] | None:
    """The records of an envelope such as GDELT's `{"articles": [...]}`; None for a plain record."""
    if isinstance(record, Mapping):
        for key in _LISTS:
            value = record.get(key)
            if isinstance(value, list):
                return value
    return None


def parse_line(line: bytes, options: Options, name: str, location: str) -> Iterator[Article | Skipped]:
    try:
        record = json.loads(decode(line))
    except InputProblem as problem:
        yield skipped(location, problem.reason, problem.detail)
        return
    except (json.JSONDecodeError, RecursionError) as exc:
        yield skipped(location, "bad json", str(exc))
        return
    inner = nested_records(record)
    if inner is None:
        yield record_or_skip(record, options, name, location)
        return
    for index, item in enumerate(inner):
        yield record_or_skip(item, options, f"{name}:{index + 1}", f"{location}:[{index}]")


def read_jsonl(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    """Articles and per-line Skipped records of a JSON lines file; raises InputProblem for an unusable file."""
    records = 0
    with open_bytes(inp) as stream:
        for number, line in iter_lines(stream, options.max_file_size):
            location = f"{inp.location}:{number}"
            if line is None:
                yield skipped(location, "too large", f"line longer than {options.max_file_size} bytes")
            elif line.strip():
                records += 1
                yield from parse_line(line, options, f"{inp.name}:{number}", location)
    if records == 0:
        raise InputProblem("empty", "no JSON lines")


def read_json(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    """A JSON document: an array of records, or one record (read whole, up to max_file_size)."""
    text = decode(read_all(open_bytes(inp), options.max_file_size))
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputProblem("bad json", str(exc)) from exc
    items = (nested_records(data) or [data]) if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise InputProblem("bad json", "expected an array of objects")
    for index, record in enumerate(items):
        yield record_or_skip(record, options, f"{inp.name}:{index + 1}", f"{inp.location}:[{index}]")
