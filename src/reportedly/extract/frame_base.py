"""Frames as character ranges, and the span arithmetic every frame finder shares."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .doc_text import doc_text
from .lexicon import Lexicon
from .quotes import QuoteIndex

Range = tuple[int, int]
QUOTE_MARKS = frozenset("\"“”«»„'‘’")
EXPLETIVES = frozenset({"it", "there"})
WH_WORDS = frozenset({"which", "who", "whom", "whose"})
TRAILING_GLOSS = frozenset({"relcl", "appos"})
CLAUSE_BREAKS = frozenset({",", "-", "--", "—", "–"})


@dataclass
class Frame:
    cue: Range | None
    source: Range | None
    content: Range
    status: str
    anchor: int  # token index of the cue's head
    hedges: list[str] = field(default_factory=list)
    form: str = "indirect"
    inherit_source: bool = False  # a hedge frame takes the source of the frame it sits in


class FrameBase:
    """Span helpers over one parsed Doc. Create one finder per Doc; `lex` is shared."""

    def __init__(self, doc: Doc, lex: Lexicon, quotes: QuoteIndex) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        self.quotes = quotes
        self.used: set[int] = set()  # tokens already part of a cue
        self._starts: list[int] | None = None

    def chars(self, i: int, j: int) -> Range:
        """Character range of tokens i..j (inclusive)."""
        last = self.doc[j]
        return self.doc[i].idx, last.idx + len(last.text)

    def trimmed(self, i: int, j: int) -> Range | None:
        """Tokens i..j without punctuation (other than quotation marks) at either edge."""
        doc = self.doc
        while i <= j and (doc[i].is_punct or doc[i].is_space) and doc[i].text[0] not in QUOTE_MARKS:
            i += 1
        while j >= i and (doc[j].is_punct or doc[j].is_space) and doc[j].text[-1] not in QUOTE_MARKS:
            if doc[j].text == ")" and "(" in self.text[doc[i].idx : doc[j].idx]:
                break
            j -= 1
        while i <= j and doc[i].dep_ == "cc" and i < j:
            i += 1
        return self.chars(i, j) if i <= j else None

    def subtree(self, tok: Token) -> Range | None:
        return self.trimmed(tok.left_edge.i, tok.right_edge.i)

    def noun_phrase(self, i: int, j: int) -> Range | None:
        """Tokens i..j of a noun phrase, up to a verb conjoined to one of its nouns ("proposed a ban and
        has gone further"): such a verb goes with the cue's subject, not with what is reported."""
        for tok in self.doc[i : j + 1]:
            if tok.dep_ == "conj" and tok.pos_ in ("VERB", "AUX") and tok.head.pos_ in ("NOUN", "PROPN"):
                end = tok.left_edge.i - 1
                while end > i and (self.doc[end].dep_ == "cc" or self.doc[end].is_punct):
                    end -= 1
                return self.trimmed(i, end)
        return self.trimmed(i, j)

    def outside(self, head: Token, inner: Token) -> Range | None:
        """The part of head's subtree on the other side of inner's subtree; all of it when inner sits in the
        middle ("The plan, he said, will cost more"): the reported words run on both sides of the cue."""
        if inner.left_edge.i > head.left_edge.i and inner.i > head.i:
            if self._runs_on(head, inner):
                return self.trimmed(head.left_edge.i, head.right_edge.i)
            return self.trimmed(head.left_edge.i, inner.left_edge.i - 1)
        return self.trimmed(inner.right_edge.i + 1, head.right_edge.i)

    def _runs_on(self, head: Token, inner: Token) -> bool:
        """Words of head's clause follow inner's subtree (not just punctuation)."""
        return any(not t.is_punct and not t.is_space for t in self.doc[inner.right_edge.i + 1 : head.right_edge.i + 1])

    # ---- cue ---------------------------------------------------------------------------------

    def quote_after(self, end_char: int) -> Range | None:
        """The quotation that starts right after `end_char`, or after a colon that ends the paragraph
        ("He said:" and the quotation in the next paragraph)."""
        pos = end_char
        text = self.text
        while pos < len(text) and text[pos] in " ,:\u00a0":
            pos += 1
        if pos < len(text) and text[pos] == "\n" and text[end_char:pos].strip(" \u00a0") == ":":
            while pos < len(text) and text[pos].isspace():
                pos += 1
        return self.quotes.starting_at(pos)

    def quote_before(self, start_char: int) -> Range | None:
        pos = start_char
        text = self.text
        while pos > 0 and text[pos - 1] in " ,\u00a0":
            pos -= 1
        quote = self.quotes.ending_at(pos)
        if quote is None and pos > 0 and text[pos - 1] in ",.":
            quote = self.quotes.ending_at(pos - 1)
        return quote

    def snap(self, content: Range, cue: Range) -> tuple[Range, str]:
        """Extend a content range to whole quotations it touches; return it with its form."""
        start, end = content
        touched = [q for q in self.quotes.overlapping(start, end) if not (q[0] <= cue[0] < q[1])]
        if not touched:
            return content, "indirect"
        start = min(start, touched[0][0])
        end = max(end, touched[-1][1])
        if len(touched) == 1 and (start, end) == touched[0]:
            return (start, end), "direct"
        return (start, end), "mixed"

    # ---- frames ------------------------------------------------------------------------------

    def in_paragraph(self, rng: Range, cue: Range) -> Range | None:
        """`rng` cut to the paragraph of the cue; quotations may still run on (see `snap`). A cue that ends
        its paragraph on a colon ("He said:") announces the next paragraph, which counts as its own."""
        start = self.text.rfind("\n", 0, cue[0]) + 1
        end = self._paragraph_end(cue[1])
        if self.text[cue[0] : end].rstrip().endswith(":") and not self.text[cue[1] : end].strip(" \u00a0:"):
            nxt = end
            while nxt < len(self.text) and self.text[nxt].isspace():
                nxt += 1
            end = self._paragraph_end(nxt)
        lo, hi = max(rng[0], start), min(rng[1], end)
        while hi > lo and self.text[hi - 1].isspace():
            hi -= 1
        while lo < hi and self.text[lo].isspace():
            lo += 1
        return (lo, hi) if lo < hi else None

    def _paragraph_end(self, pos: int) -> int:
        end = self.text.find("\n", pos)
        return len(self.text) if end < 0 else end

    def without_trailing_relative(self, rng: Range) -> Range:
        """A content that ends on ", which ..." or ", who ..." ends before it: the writer's gloss on the last
        noun ("the plan, which passed in May"), not part of what is reported."""
        doc = self.doc
        first = self._token_at(rng[0])
        if first is None:
            return rng
        for tok in doc[first.i :]:
            if tok.idx >= rng[1]:
                break
            if (
                tok.dep_ not in TRAILING_GLOSS
                or doc[tok.right_edge.i].idx + len(doc[tok.right_edge.i].text) < rng[1] - 1
            ):
                continue
            opener = tok.left_edge
            if tok.dep_ == "relcl" and opener.lower_ not in WH_WORDS:
                continue
            if opener.i == 0 or doc[opener.i - 1].text not in CLAUSE_BREAKS:
                continue
            cut = doc[opener.i - 1].idx
            if cut <= rng[0] or self.quotes.containing(cut) is not None:
                continue
            trimmed = self.trimmed(first.i, opener.i - 2)
            return (rng[0], trimmed[1]) if trimmed is not None and trimmed[1] > rng[0] else rng
        return rng

    def _token_at(self, char: int) -> Token | None:
        """The token that holds or follows character `char`."""
        if self._starts is None:
            self._starts = [tok.idx for tok in self.doc]
        i = max(0, bisect_right(self._starts, char) - 1)
        if i < len(self.doc) and self.doc[i].idx + len(self.doc[i].text) <= char:
            i += 1
        return self.doc[i] if i < len(self.doc) else None
