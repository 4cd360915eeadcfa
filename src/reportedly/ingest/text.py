"""Plain text files.

A file may begin with a header ` date YYYY-MM-DD (OUTLET) ` (the form of news archives such as MENAFN's): the date
becomes `published`, the name in parentheses `outlet`, and the header is cut from the text.

The first line is taken as the title, and cut from the text, when it reads as a headline: it is followed by more
text, is at most 200 characters and 30 words, and does not end like a sentence (`.`, `,`, `;`, `:`). A Markdown
heading (`# Title`) always counts as a title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..records import Article
from .common import Options, make_article, parse_date
from .decode import decode
from .inputs import Input, open_bytes, read_all

_HEADER = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\s+\((?P<outlet>[^()\n]{1,100})\)[ \t]*", re.IGNORECASE)
_SENTENCE_END = (".", ",", ";", ":")


def parse_header(text: str) -> tuple[str, str | None, str | None]:
    """(text without the header, date string, outlet); the date and outlet are None without a header."""
    match = _HEADER.match(text)
    if match is None:
        return text, None, None
    return text[match.end() :], match["date"], match["outlet"].strip()


def split_title(text: str) -> tuple[str | None, str]:
    """(title, rest) when the first line reads as a headline, else (None, text)."""
    stripped = text.lstrip()
    first, newline, rest = stripped.partition("\n")
    first = first.strip()
    if not newline or not rest.strip():
        return None, text
    if first.startswith("#"):
        return first.lstrip("#").strip() or None, rest
    if len(first) > 200 or len(first.split()) > 30 or first.endswith(_SENTENCE_END):
        return None, text
    return first, rest


def article_from_text(text: str, name: str) -> Article:
    """An article from the text of a .txt file (header and title handled as described above)."""
    body, date_text, outlet = parse_header(text.lstrip("\ufeff"))
    title, body = split_title(body)
    return make_article(
        body, name=name, outlet=outlet, published=parse_date(date_text), title=title, language="", date_source="header"
    )


def read_text(inp: Input, options: Options) -> Iterator[Article]:
    """One article per text file; raises InputProblem for unusable files."""
    data = read_all(open_bytes(inp), options.max_file_size)
    text = decode(data)
    yield article_from_text(text, inp.name)
