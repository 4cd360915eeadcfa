"""CSV and TSV files with a header row, streamed row by row; columns are mapped to fields as for JSON lines."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator

from ..records import Article, Skipped
from .common import InputProblem, Options, skipped
from .decode import detect_charset, looks_binary
from .fields import ALIASES
from .inputs import Input, open_bytes
from .jsonl import record_or_skip

_DELIMITERS = ",\t;|"


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    return detect_charset(head)


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel


def _check_header(header: list[str] | None, options: Options) -> None:
    if not header:
        raise InputProblem("empty", "no header row")
    url_column = options.fields.get("url")
    lowered = {h.lower() for h in header if h}
    if options.follow_links and (url_column in header or lowered & set(ALIASES["url"])):
        return  # pages are fetched for rows without text
    if "text" in options.fields:
        if options.fields["text"] not in header:
            raise InputProblem("bad csv", f"no column {options.fields['text']!r} for the text")
        return
    if not lowered & set(ALIASES["text"]):
        raise InputProblem("bad csv", f"no text column among {header[:12]}: map one, e.g. fields={{'text': 'body'}}")


def read_csv(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    """Articles and per-row Skipped records; raises InputProblem for an unusable file."""
    stream = open_bytes(inp)
    head = stream.peek(65536)[:65536]
    if not head.strip():
        raise InputProblem("empty", "no content")
    if looks_binary(head):
        raise InputProblem("binary", "not a text file")
    text = io.TextIOWrapper(stream, encoding=_encoding(head), errors="replace", newline="")
    sample = head.decode("utf-8", "replace")[:20000]
    csv.field_size_limit(max(options.max_file_size, 131072))
    with text:
        reader = csv.DictReader(text, dialect=_dialect(sample))
        try:
            _check_header(list(reader.fieldnames or []), options)
        except csv.Error as exc:
            raise InputProblem("bad csv", str(exc)) from exc
        yield from _rows(reader, inp, options)


def _rows(reader: csv.DictReader[str], inp: Input, options: Options) -> Iterator[Article | Skipped]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = "too large" if "field larger" in str(exc) else "bad csv"
            yield skipped(f"{inp.location}:{reader.line_num}", reason, str(exc))
            continue
        location = f"{inp.location}:{reader.line_num}"
        record = {k: v for k, v in row.items() if isinstance(k, str)}
        yield record_or_skip(record, options, f"{inp.name}:{reader.line_num}", location)
