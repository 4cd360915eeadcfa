"""Ingest: read files, directories, globs, standard input and URLs into `Article` records.

`read(paths)` yields an `Article` for each article found and a `Skipped` (location, reason, detail) for each input
or record that could not become one; with `strict=True` the first problem raises `SkippedInputError` instead.
`REASONS` lists the skip reason codes, `FORMATS` the formats, `PRESETS` the field mappings of common exports.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping

from ..errors import IngestError
from ..records import Article, Skipped
from .common import REASONS, InputProblem, Options, skipped
from .dedup import Deduplicator, deduplicate
from .fetch import canonical_url, fetch
from .fields import FIELDS, PRESETS, resolve_fields
from .filters import select
from .inputs import Input, expand, open_bytes
from .language import detect_language
from .sniff import FORMATS, normalise_format, sniff

DEFAULT_MAX_FILE_SIZE = 50_000_000

Reader = Callable[[Input, Options], Iterable[Article | Skipped]]


class SkippedInputError(IngestError):
    """Raised in strict mode at the first input or record that cannot be read; `.skipped` says which and why."""

    def __init__(self, item: Skipped) -> None:
        detail = f" ({item.detail})" if item.detail else ""
        super().__init__(
            f"{item.location}: {item.reason}{detail}. Fix or remove this input, or read without strict mode "
            "to record it as skipped and go on."
        )
        self.skipped = item


_READERS: dict[str, tuple[str, str]] = {
    "text": ("text", "read_text"),
    "jsonl": ("jsonl", "read_jsonl"),
    "json": ("jsonl", "read_json"),
    "csv": ("csvfile", "read_csv"),
    "html": ("html", "read_html"),
    "feed": ("feeds", "read_feed"),
    "warc": ("warc", "read_warc"),
}


def _reader(fmt: str) -> Reader:
    """The reader of a format; its module is imported on first use (trafilatura, warcio are slow to import)."""
    module, name = _READERS[fmt]
    reader: Reader = getattr(importlib.import_module(f".{module}", __package__), name)
    return reader


def detect_format(inp: Input, options: Options) -> str:
    """The format of one input: `options.format` when given, else sniffed from its first bytes and name."""
    if options.format:
        return normalise_format(options.format)
    if inp.path is None:  # stdin and URLs are read once: peeked inside read_input
        raise ValueError("detect_format needs a file")
    with open_bytes(inp) as stream:
        head = stream.peek(4096)[:4096]
    if not head.strip():
        raise InputProblem("empty", "no content")
    return sniff(head, inp.suffixes)


def read_input(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    """Articles and Skipped records of one input; raises InputProblem when the input as a whole is unusable."""
    if inp.path is None:
        yield from _read_stream_input(inp, options)
        return
    fmt = detect_format(inp, options)
    yield from _reader(fmt)(inp, options)


def _read_stream_input(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    """Standard input and URLs: buffer them once (capped), sniff, then read from the buffer."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="reportedly-") as folder:
        path = Path(folder) / ("input" + (inp.suffixes[-1] if inp.suffixes else ""))
        if inp.url is not None:
            page = fetch(
                inp.url, max_bytes=options.max_file_size, timeout=options.timeout, user_agent=options.user_agent
            )
            path.write_bytes(page.content)
            inp = dataclasses.replace(inp, url=page.url)
        else:
            with open_bytes(inp) as stream, path.open("wb") as out:
                while chunk := stream.read(1 << 20):
                    out.write(chunk)
        for item in read_input(dataclasses.replace(inp, path=path), options):
            yield _relocate(item, str(path), inp.location) if isinstance(item, Skipped) else item


def _relocate(item: Skipped, old: str, new: str) -> Skipped:
    if not item.location.startswith(old):
        return item
    return dataclasses.replace(item, location=new + item.location[len(old) :])


def _finish(article: Article, options: Options) -> Article:
    """The article with a canonical URL and its language (detected unless the input named it)."""
    url = canonical_url(article.url)
    language = article.language
    if not language:
        language = detect_language(article.text) if options.detect_language else "en"
    if url == article.url and language == article.language:
        return article
    return dataclasses.replace(article, url=url, language=language)


def _guarded(inp: Input, options: Options) -> Iterator[Article | Skipped]:
    try:
        for item in read_input(inp, options):
            yield _finish(item, options) if isinstance(item, Article) else item
    except InputProblem as problem:
        yield skipped(inp.location, problem.reason, problem.detail)
    except OSError as exc:
        yield skipped(inp.location, "unreadable", f"{type(exc).__name__}: {exc}")
    except Exception as exc:  # a third-party parser failed in a way it does not document: keep the run going
        yield skipped(inp.location, "reader failed", f"{type(exc).__name__}: {exc}")


def read(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    format: str | None = None,
    strict: bool = False,
    fields: str | Mapping[str, str] | None = None,
    max_file_size: int = DEFAULT_MAX_FILE_SIZE,
    *,
    follow_links: bool = False,
    detect_language: bool = True,
    user_agent: str | None = None,
    timeout: float | None = None,
    dedup: bool = False,
) -> Iterator[Article | Skipped]:
    """Read files, directories (recursive, sorted), globs, `-` (standard input) and http(s) URLs.

    `format` overrides sniffing (see FORMATS); `fields` maps our fields to record keys for JSON lines and CSV, or
    names a preset (see PRESETS). Inputs larger than `max_file_size` bytes (records, for streamed formats) are
    skipped. `follow_links` fetches each feed entry's page. `dedup` passes the stream through a `Deduplicator`
    (exact repeats become "duplicate" skips, which strict mode does not stop at; near copies get `copy_of`).
    Raises IngestError for invalid arguments at once and, in strict mode, SkippedInputError at the first skip.
    """
    if format is not None:
        try:
            normalise_format(format)
        except InputProblem as problem:
            raise IngestError(f"Unknown format {format!r}: use one of {', '.join(FORMATS)}") from problem
    options = Options(
        format=format,
        fields=resolve_fields(fields),
        max_file_size=max_file_size,
        follow_links=follow_links,
        detect_language=detect_language,
    )
    if user_agent:
        options = dataclasses.replace(options, user_agent=user_agent)
    if timeout:
        options = dataclasses.replace(options, timeout=timeout)
    stream = _read_all(paths, options, strict)
    return deduplicate(stream) if dedup else stream


def _read_all(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]], options: Options, strict: bool
) -> Iterator[Article | Skipped]:
    for entry in expand(paths):
        items = [entry] if isinstance(entry, Skipped) else _guarded(entry, options)
        for item in items:
            if strict and isinstance(item, Skipped):
                raise SkippedInputError(item)
            yield item


def reference_markdown() -> str:
    """Markdown tables of the formats, field presets and skip reasons, for the README and `--help` texts."""
    lines = ["| format | what it reads |", "|---|---|"]
    lines += [f"| `{name}` | {text} |" for name, text in FORMATS.items()]
    lines += ["", "| preset | field mapping |", "|---|---|"]
    for name, mapping in PRESETS.items():
        lines.append(f"| `{name}` | " + ", ".join(f"{k}={v}" for k, v in mapping.items()) + " |")
    lines += ["", "| skip reason | meaning |", "|---|---|"]
    lines += [f"| `{code}` | {text} |" for code, text in REASONS.items()]
    return "\n".join(lines) + "\n"


__all__ = [
    "FIELDS",
    "FORMATS",
    "PRESETS",
    "REASONS",
    "Deduplicator",
    "Options",
    "SkippedInputError",
    "canonical_url",
    "deduplicate",
    "detect_language",
    "read",
    "reference_markdown",
    "select",
]
