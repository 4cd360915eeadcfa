"""Which format an input is: named by the caller, else sniffed from its first bytes, else from its file name."""

from __future__ import annotations

from .common import InputProblem
from .decode import looks_binary

FORMATS: dict[str, str] = {
    "text": "plain text, optionally with a ` date YYYY-MM-DD (OUTLET) ` header",
    "jsonl": "JSON lines: one object per line",
    "json": "a JSON array of objects (or an object with an `articles` array)",
    "csv": "comma- or tab-separated values with a header row",
    "html": "a saved web page; the main text and metadata are extracted with trafilatura",
    "feed": "an RSS or Atom feed (feedparser)",
    "warc": "a WARC archive (.warc or .warc.gz) of HTML responses, as in CC-NEWS",
}
_ALIASES = {
    "txt": "text",
    "md": "text",
    "ndjson": "jsonl",
    "jsonlines": "jsonl",
    "tsv": "csv",
    "htm": "html",
    "rss": "feed",
    "atom": "feed",
    "xml": "feed",
    "warc.gz": "warc",
}
_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
}
_HTML_MARKS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title", b"<article", b"<div", b"<p>")
_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf")


def normalise_format(name: str) -> str:
    """The canonical format name for `name` (or an alias); InputProblem("unknown format") otherwise."""
    key = name.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        raise InputProblem("unknown format", f"{name!r}; formats: {', '.join(FORMATS)}")
    return key


def sniff(head: bytes, suffixes: list[str]) -> str:
    """The format of an input from its first bytes (already gunzipped) and its file suffixes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"warc/"):
        return "warc"
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first_line = start.split(b"\n", 1)[0].strip()
        return "json" if first_line == b"{" else "jsonl"
    if start.startswith(b"<"):
        if any(mark in start for mark in _FEED_MARKS):
            return "feed"
        if any(mark in start for mark in _HTML_MARKS) or not start.startswith(b"<?xml"):
            return "html"
        return "feed"
    for suffix in reversed(suffixes):
        if suffix in _SUFFIXES:
            return _SUFFIXES[suffix]
    if looks_binary(head):
        raise InputProblem("binary", "not text and not a known format")
    return "text"
