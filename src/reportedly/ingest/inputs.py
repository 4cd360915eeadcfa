"""Inputs: expanding paths, globs, directories and `-` into inputs, and opening them as safe byte streams."""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..records import Skipped
from .common import InputProblem, skipped

GZIP_MAGIC = b"\x1f\x8b"
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True)
class Input:
    """One thing to read: a file, standard input, or a URL."""

    location: str
    name: str
    path: Path | None = None
    url: str | None = None

    @property
    def suffixes(self) -> list[str]:
        """Lower-case suffixes without a trailing .gz: `a.warc.gz` -> ['.warc']."""
        base = self.path.name if self.path else (self.url or "").split("?")[0].rsplit("/", 1)[-1]
        parts = [s.lower() for s in Path(base).suffixes]
        return parts[:-1] if parts and parts[-1] == ".gz" else parts


def input_name(path: Path) -> str:
    """The file stem, without `.gz` and the format suffix: `menafn.txt.gz` -> `menafn`."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem or name


def expand(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> Iterator[Input | Skipped]:
    """Every input named by `paths`, in a deterministic order; a name that matches nothing is a Skipped.

    Directories are walked recursively in sorted order, leaving out hidden files and README, LICENSE and
    CHANGELOG files; a file named explicitly is always read.
    """
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    for raw in paths:
        text = os.fspath(raw)
        if text == "-":
            yield Input("-", "stdin")
        elif _URL.match(text):
            yield Input(text, text.rstrip("/").rsplit("/", 1)[-1] or text, url=text)
        else:
            yield from _expand_path(text)


def _expand_path(text: str) -> Iterator[Input | Skipped]:
    path = Path(text)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p.relative_to(path)))
        if not files:
            yield skipped(text, "empty", "the directory has no files")
        for file in files:
            yield Input(str(file), input_name(file), path=file)
    elif path.exists():
        yield Input(text, input_name(path), path=path)
    elif _GLOB_CHARS.search(text):
        matches = sorted(glob.glob(text, recursive=True))
        if not matches:
            yield skipped(text, "not found", "the pattern matches no file")
        for match in matches:
            yield from _expand_path(match)
    else:
        yield skipped(text, "not found", "no such file or directory")


_NOT_ARTICLES = {"readme", "license", "licence", "changelog"}


def _hidden(relative: Path) -> bool:
    """Hidden files and folders, and a folder's README, LICENSE or CHANGELOG, are not articles."""
    if relative.name.split(".", 1)[0].lower() in _NOT_ARTICLES:
        return True
    return any(part.startswith(".") for part in relative.parts)


class _SafeRaw(io.RawIOBase):
    """A raw stream that turns gzip and OS errors into InputProblem and stops after `limit` bytes."""

    def __init__(self, stream: BinaryIO, limit: int | None) -> None:
        self._stream = stream
        self._limit = limit
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def _read(self, size: int) -> bytes:
        # read1 returns what one underlying read gives, so data before a damaged part is not lost
        read1 = getattr(self._stream, "read1", None)
        return bytes(read1(size) if read1 is not None else self._stream.read(size))

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self._read(len(buffer))
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise InputProblem("bad gzip", str(exc) or "truncated stream") from exc
        except OSError as exc:
            raise InputProblem("unreadable", str(exc)) from exc
        self.consumed += len(data)
        if self._limit is not None and self.consumed > self._limit:
            raise InputProblem("too large", f"more than {self._limit} bytes")
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._stream.close()
        finally:
            super().close()


def open_bytes(inp: Input, limit: int | None = None) -> io.BufferedReader[Any]:
    """The input's bytes, gunzipped when they start with the gzip magic, as a buffered stream.

    `limit` caps the bytes read after decompression (InputProblem("too large") when passed).
    URLs are fetched first (see fetch.py). Raises InputProblem for missing or unreadable inputs.
    """
    raw: BinaryIO
    if inp.path is not None:
        raw = _open_file(inp.path)
    elif inp.url is not None:
        from .fetch import fetch

        raw = io.BytesIO(fetch(inp.url, max_bytes=limit).content)
    else:
        raw = sys.stdin.buffer
    buffered: io.BufferedReader[Any] = io.BufferedReader(_SafeRaw(raw, None), buffer_size=65536)
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        unzipped: BinaryIO = gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[assignment]
        return io.BufferedReader(_SafeRaw(unzipped, limit), buffer_size=65536)
    if limit is None:
        return buffered
    return io.BufferedReader(_SafeRaw(buffered, limit), buffer_size=65536)


def _open_file(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except FileNotFoundError as exc:
        raise InputProblem("not found", str(path)) from exc
    except OSError as exc:
        raise InputProblem("unreadable", str(exc)) from exc


def read_all(stream: BinaryIO, limit: int) -> bytes:
    """All bytes of a stream; InputProblem("too large") past `limit`, InputProblem("empty") for blank input."""
    with stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputProblem("too large", f"more than {limit} bytes")
    if not data.strip():
        raise InputProblem("empty", "no content" if not data else "only white space")
    return data
