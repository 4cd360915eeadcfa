"""What every reader shares: skip reasons, options, dates and the making of an `Article`."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ..records import Article, Skipped, article_id

# Reason code -> what it means. The codes are stable: the store, the CLI summary and the README use them.
REASONS: dict[str, str] = {
    "not found": "the file, directory, glob or URL does not exist",
    "unreadable": "the operating system refused to read the input (permissions, a device, a broken link)",
    "empty": "the input has no content, or only white space",
    "too large": "the input (or one record of a streamed file) is larger than the max_file_size setting",
    "binary": "the input is binary data, not text or a known format",
    "undecodable": "the bytes are not text in any character set that could be detected",
    "bad gzip": "the gzip stream is truncated or corrupt",
    "unknown format": "the format given or sniffed is not one reportedly reads",
    "bad json": "a JSON line does not parse, or is not an object",
    "bad csv": "a CSV row cannot be parsed or has no header",
    "bad xml": "a feed is malformed XML",
    "unsafe xml": "the XML declares entities or a DTD, which are never expanded (entity bombs)",
    "bad warc": "a WARC file is truncated or corrupt",
    "bad url": "the URL is malformed or its scheme is not http or https",
    "fetch failed": "the URL could not be fetched (network error, timeout, HTTP error status, too many redirects)",
    "no text": "no article text could be found in the input or record",
    "bad date": "the publication date is present but cannot be parsed",
    "duplicate": "the same text (after normalisation) was already read from another location",
    "reader failed": "the parser for the format failed unexpectedly; please report it with the input",
}


class InputProblem(Exception):
    """Raised inside readers; turned into a `Skipped` (or an `IngestError` when strict) at the boundary."""

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown skip reason {reason!r}")
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def skipped(location: str, reason: str, detail: str = "") -> Skipped:
    if reason not in REASONS:
        raise ValueError(f"unknown skip reason {reason!r}")
    return Skipped(location, reason, detail[:500])


@dataclass(frozen=True)
class Options:
    """How to read: the format (None = sniff), field mapping for tabular formats, limits."""

    format: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    max_file_size: int = 50_000_000
    follow_links: bool = False
    user_agent: str = "reportedly (+https://github.com/reportedly/reportedly)"
    timeout: float = 20.0
    detect_language: bool = True


_WORD = re.compile(r"[^\W_]")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})(T?\d{6}Z?)?$")


def parse_date(value: Any) -> date | None:
    """A publication date from a string, a number (epoch seconds) or a date; None when absent.

    Raises InputProblem("bad date") when a value is present but cannot be read as a date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise InputProblem("bad date", repr(value))
    if isinstance(value, int | float):
        return _from_epoch(value)
    text = str(value).strip()
    if not text:
        return None
    found = _parse_date_text(text)
    if found is None:
        raise InputProblem("bad date", text[:80])
    return found


def _from_epoch(value: float) -> date:
    try:
        return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, tz=UTC).date()
    except (OverflowError, OSError, ValueError) as exc:
        raise InputProblem("bad date", repr(value)) from exc


def _parse_date_text(text: str) -> date | None:
    if _ISO_DATE.match(text):
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None
    compact = _COMPACT_DATE.match(text)  # GDELT style: 20241124, 20241124153000, 20241124T153000Z
    if compact:
        try:
            return date(int(compact[1]), int(compact[2]), int(compact[3]))
        except ValueError:
            return None
    return _parse_free_date(text)


def _parse_free_date(text: str) -> date | None:
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date()  # RFC 2822, as in RSS
    except (TypeError, ValueError, IndexError):
        pass
    if not re.search(r"\d", text) or len(text) > 64:
        return None
    try:
        from dateutil import parser as dateparser

        return dateparser.parse(text, default=datetime(1900, 1, 1)).date() if _has_year(text) else None
    except (ValueError, OverflowError, TypeError):
        return None


def _has_year(text: str) -> bool:
    return re.search(r"\b(1[89]|2[01])\d{2}\b", text) is not None


def clean_text(text: str) -> str:
    """Line endings unified, NUL and trailing white space removed; offsets later index this string."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.strip()


def make_article(
    text: str,
    *,
    name: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
    title: str | None = None,
    language: str = "en",
    date_source: str | None = None,
) -> Article:
    """An Article whose id is the content hash of its text. Raises InputProblem("no text") on blank text."""
    text = clean_text(text)
    if not _WORD.search(text):
        raise InputProblem("no text", "no letters or digits" if text else "")
    return Article(
        id=article_id(text),
        text=text,
        outlet=(outlet or "").strip() or None,
        url=(url or "").strip() or None,
        published=published,
        title=" ".join((title or "").split()) or None,
        language=language,
        name=name,
        date_source=date_source if published else None,
    )
