"""JSON lines (streamed, one record per line) and JSON arrays of records.

Each record is an object with `id`, `text`, `published`, `outlet`, `url`, `title` (or the keys a field mapping
names). A line that is not valid JSON, or a record without text, is skipped with the location `file:line`;
the rest of the file is kept. Memory stays bounded: lines are read one by one, each capped at max_file_size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from ..records import Article, Skipped
from .common import InputProblem, Options, skipped
from .decode import decode
from .fields import article_from_record
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
    try:
        return article_from_record(record, options.fields, name)
    except InputProblem as problem:
        return skipped(location, problem.reason, problem.detail)


def parse_line(line: bytes, options: Options, name: str, location: str) -> Article | Skipped:
    try:
        record = json.loads(decode(line))
    except InputProblem as problem:
        return skipped(location, problem.reason, problem.detail)
    except (json.JSONDecodeError, RecursionError) as exc:
        return skipped(location, "bad json", str(exc))
    return record_or_skip(record, options, name, location)


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
                yield parse_line(line, options, f"{inp.name}:{number}", location)
    if records == 0:
        raise InputProblem("empty", "no JSON lines")


def read_json(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    """A JSON document: an array of records, or one record (read whole, up to max_file_size)."""
    text = decode(read_all(open_bytes(inp), options.max_file_size))
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise InputProblem("bad json", str(exc)) from exc
    if isinstance(data, dict):
        items = data.get("articles") or data.get("items") or data.get("stories") or [data]
    else:
        items = data
    if not isinstance(items, list):
        raise InputProblem("bad json", "expected an array of objects")
    for index, record in enumerate(items):
        yield record_or_skip(record, options, f"{inp.name}:{index + 1}", f"{inp.location}:[{index}]")
