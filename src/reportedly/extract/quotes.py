"""Quotation spans found in one linear pass over the text.

Curly, straight and doubled-apostrophe quotes are accepted. A quote left open at the end of a paragraph
ends there; when the next paragraph opens with a quotation mark the quote runs on (the newspaper
convention for quotes over several paragraphs). Unbalanced marks never raise.
"""

from __future__ import annotations

from bisect import bisect_right

OPENERS = frozenset("“«„")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
# A straight quote after white space or one of these characters opens a quotation; elsewhere it closes one.
OPEN_CONTEXT = frozenset("([{—–-/")
# ...unless the next character shows that the quote ends there ('... it,\' "' or 'unfair " he').
CLOSE_FOLLOW = frozenset(".,;:!?)]")
MAX_QUOTE = 5000


def _marks(text: str) -> list[tuple[int, int, str]]:
    """(position, length, kind) of each quotation mark; kind is 'open', 'close' or 'toggle'."""
    marks: list[tuple[int, int, str]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in OPENERS:
            marks.append((i, 1, _curly_kind(text, i)))
        elif ch in CLOSERS:
            marks.append((i, 1, "close"))
        elif ch == STRAIGHT:
            marks.append((i, 1, _straight_kind(text, i)))
        elif ch == "'" and i + 1 < n and text[i + 1] == "'":
            marks.append((i, 2, _straight_kind(text, i)))
            i += 1
        i += 1
    return marks


def _straight_kind(text: str, i: int) -> str:
    before = text[i - 1] if i > 0 else " "
    end = i + 2 if text.startswith("''", i) else i + 1
    after = text[end] if end < len(text) else " "
    if before.isspace() or before in OPEN_CONTEXT:
        return "close" if after.isspace() or after in CLOSE_FOLLOW else "open"
    if before == ":" and not after.isspace():
        return "open"  # 'Gowdy:"I have not ..."'
    return "close"


def _curly_kind(text: str, i: int) -> str:
    """An opening mark typed where a closing one belongs ('It is unusual,“ said Velmora') closes."""
    if text[i] != "“" or i == 0 or i + 1 >= len(text):
        return "open"
    before, after = text[i - 1], text[i + 1]
    return "close" if before in ",.!?" and after.isspace() else "open"


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of quotations, marks included, sorted and not overlapping."""
    quotes: list[tuple[int, int]] = []
    start: int | None = None
    scan_from = 0  # where the open quote's current paragraph begins
    for pos, length, kind in _marks(text):
        if start is not None:
            end = text.find("\n", scan_from, pos)
            if end >= 0:
                # The quote ran to the end of its paragraph without closing.
                if kind == "open" and not text[end:pos].strip():
                    scan_from = pos  # the next paragraph reopens: the quote runs on
                    continue
                quotes.append((start, _trim_end(text, end)))
                start = None
        if kind == "open" or (kind == "toggle" and start is None):
            if start is None or pos - start > MAX_QUOTE:
                start = scan_from = pos
        elif start is not None:
            quotes.append((start, pos + length))
            start = None
    if start is not None:
        end = text.find("\n", scan_from)
        quotes.append((start, _trim_end(text, len(text) if end < 0 else end)))
    return [q for q in quotes if q[1] - q[0] > 2]


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


class QuoteIndex:
    """Find the quotation containing or overlapping a character range in O(log n)."""

    def __init__(self, quotes: list[tuple[int, int]]) -> None:
        self.quotes = quotes
        self.starts = [q[0] for q in quotes]

    def containing(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.quotes[i][0] <= pos < self.quotes[i][1]:
            return self.quotes[i]
        return None

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        i = max(0, bisect_right(self.starts, start) - 1)
        found = []
        while i < len(self.quotes) and self.quotes[i][0] < end:
            if self.quotes[i][1] > start:
                found.append(self.quotes[i])
            i += 1
        return found

    def starting_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.quotes[i][0] == pos:
            return self.quotes[i]
        return None

    def ending_at(self, pos: int) -> tuple[int, int] | None:
        """The quotation whose closing mark ends at `pos` (or just before trailing punctuation)."""
        i = bisect_right(self.starts, pos) - 1
        if i >= 0 and self.quotes[i][1] == pos:
            return self.quotes[i]
        return None
