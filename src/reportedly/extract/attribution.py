"""Layer reportedly_attribution: sets doc._.rep_attributions.

Every frame of who asserts what and how surely (cue, source, content, status, hedges, form, parent),
then one `asserted` record for each stretch of the author's own voice that no frame covers.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..records import Attribution, Source, Span
from .doc_text import doc_text
from .frame_base import QUOTE_MARKS
from .frames import Frame, FrameFinder, Range
from .lexicon import Lexicon, load_lexicon
from .quotes import QuoteIndex, find_quotes

QUOTES_END = "\"”'’»"

EXTRACTOR = "reportedly_attribution"
MIN_ASSERTED_WORDS = 4
log = logging.getLogger(__name__)

Canonicalise = Callable[[Doc, list[Attribution]], list[Attribution]]


def _canonicaliser() -> Canonicalise | None:
    try:
        from .sources import canonicalise
    except ImportError:
        return None
    return canonicalise


class Component:
    def __init__(self, lang: str = "en") -> None:
        self.lex: Lexicon = load_lexicon(lang)
        self.canonicalise = _canonicaliser()

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.rep_attributions = self.attributions(doc)
        except Exception:  # one odd article must never stop a batch
            log.exception("attribution extraction failed on a document of %d characters", len(doc_text(doc)))
            doc._.rep_attributions = []
        return doc

    def attributions(self, doc: Doc) -> list[Attribution]:
        text = doc_text(doc)
        quotes = QuoteIndex(find_quotes(text))
        frames = FrameFinder(doc, self.lex, quotes).find() if _parsed(doc) else []
        frames = [f for f in frames if _same_paragraph(text, f, quotes)]
        for frame in frames:
            _quote_then_clause(text, frame, quotes)
        continue_quotes(doc, text, frames, quotes)
        if _parsed(doc):
            frames += quote_frames(doc, text, frames, quotes, self.lex)
            continue_quotes(doc, text, frames, quotes)
        frames = order_frames(frames)
        parents = nest(frames, text, quotes)
        records = [to_record(text, frame, parents[k], frames) for k, frame in enumerate(frames)]
        records += asserted(doc, text, frames)
        if self.canonicalise is not None:
            try:
                records = self.canonicalise(doc, records)
            except Exception:
                log.exception("source canonicalisation failed")
        return records


def _parsed(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


SPEAKER_LEFT = frozenset({"aux", "auxpass", "neg", "advmod"})
SPEAKER_RIGHT = frozenset({"prt", "advmod"})
SENTENCE_ENDS = frozenset(".?!:")
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def quote_frames(doc: Doc, text: str, frames: list[Frame], quotes: QuoteIndex, lex: Lexicon) -> list[Frame]:
    """Frames that a quotation makes with whatever verb introduces its speaker, in or out of the lexicon:
    '"...," Karsova shot back.' and 'Karsova went on:' closing the paragraph before a quotation."""
    taken = [r for f in frames for r in (f.cue, f.source, f.content) if r is not None]
    starts = doc.to_array("IDX").tolist()  # token offsets, without building a Token per word
    by_anchor = {f.anchor: f for f in frames if f.cue is not None}
    found: list[Frame] = []
    for frame in frames:
        if frame.source is None and frame.cue is not None and quotes.starting_at(frame.content[0]) == frame.content:
            # '"...," added another Novigrad official': the speaker after an inverted verb
            speaker = _speaker_after(doc, text, frame.content, starts, lex)
            if speaker is not None and speaker.anchor == frame.anchor and speaker.source is not None:
                frame.source = speaker.source
    for quote in quotes.quotes:
        if any(_overlap(quote, r) for r in taken):
            continue
        new = _speaker_after(doc, text, quote, starts, lex) or _speaker_before(doc, text, quote, starts, lex)
        if new is None:
            continue
        old = by_anchor.get(new.anchor)
        if old is not None and old.cue is not None and old.content[0] >= old.cue[1] and new.content[1] <= old.cue[0]:
            # '"...?" asked the ferryman', '"...," Karsova said of the plan': the parse took the words after
            # the verb for what is said; the quotation before it is what is said
            old.content, old.form = new.content, "direct"
            if old.source is None and new.source is not None and not _overlap(new.source, old.cue):
                old.source = new.source
            taken.append(new.content)
        elif not any(_overlap(r, t) for r in (new.cue, new.source) if r for t in taken):
            found.append(new)
            taken += [r for r in (new.cue, new.source, new.content) if r is not None]
    return found


def _speaker_after(doc: Doc, text: str, quote: Range, starts: list[int], lex: Lexicon) -> Frame | None:
    """'"...," X said' for any verb: the quotation opens its sentence and closes on a comma, a question or an
    exclamation, and the speaker and the verb come right after it, in either order."""
    inner = text[quote[0] : quote[1]].rstrip(QUOTES_END).rstrip()
    if inner[-1:] not in (",", "?", "!", "—") or not _opens_sentence(text, quote[0]):
        return None
    k = bisect_left(starts, quote[1])
    while k < len(doc) and (doc[k].is_space or doc[k].text in (",", "\u00a0")):
        k += 1
    if k >= len(doc) or "\n" in text[quote[1] : doc[k].idx]:
        return None
    first = doc[k]
    verb = first if first.pos_ == "VERB" else first.head if first.head.pos_ == "VERB" else None
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb.head.i > k:
        verb = verb.head
    if verb is None or verb.i < k or verb.i - k > 8:
        return None
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS and c.i >= k]
    if not subjects and verb.i == k:  # '"...?" asked the ferryman': the speaker parsed as the object
        subjects = [c for c in verb.children if (c.dep_ == "dobj" and c.i == k + 1) or c.left_edge.i == k + 1]
    if not subjects or (verb.i != k and subjects[0].left_edge.i != k):
        return None
    return _quote_frame(doc, quote, verb, subjects[0], lex)


def _speaker_before(doc: Doc, text: str, quote: Range, starts: list[int], lex: Lexicon) -> Frame | None:
    """'X went on:' ending the paragraph before a quotation that opens the next one, or 'X shot back, "..."'
    with the verb right before the comma."""
    before = text[: quote[0]].rstrip(" \u00a0")
    comma = before.endswith(",") and "\n" not in text[len(before) : quote[0]]
    if not comma and (quote[0] == 0 or text[quote[0] - 1] != "\n"):
        return None
    colon = text[: quote[0]].rstrip()
    if not colon.endswith(":") and not comma:
        return None
    k = bisect_left(starts, len(colon) - 1)
    if k >= len(doc) or doc[k].text not in (":", ","):
        return None
    if comma and (k == 0 or doc[k - 1].pos_ not in ("VERB", "ADP", "ADV") or doc[k - 1].lemma_.lower() == "say"):
        return None
    sent = doc[k].sent
    reach = 2 if comma else 5
    verbs = [t for t in sent if t.pos_ == "VERB" and t.i < k and k - t.i <= reach and not t.is_space]
    for verb in reversed(verbs):
        cue_verb, head = verb, verb
        for _ in range(2):  # "went on to say:", "paused, then went on:": the subject hangs on a verb before
            if any(c.dep_ in SUBJECTS for c in head.children) or head.head.i >= head.i:
                break
            cue_verb = head.head if head.dep_ == "xcomp" else cue_verb
            head = head.head
        subjects = [c for c in head.children if c.dep_ in SUBJECTS and c.i < head.i]
        if subjects and "\n" not in text[subjects[0].left_edge.idx : doc[k].idx]:
            return _quote_frame(doc, quote, cue_verb, subjects[0], lex, None if comma else doc[k])
    return None


def _quote_frame(doc: Doc, quote: Range, verb: Token, subject: Token, lex: Lexicon, last: Token | None = None) -> Frame:
    i = verb.i
    while i - 1 >= 0 and doc[i - 1].head.i == verb.i and doc[i - 1].dep_ in SPEAKER_LEFT:
        i -= 1
    j = verb.i
    while j + 1 < len(doc) and doc[j + 1].head.i == verb.i and doc[j + 1].dep_ in SPEAKER_RIGHT:
        j += 1
    if last is not None:
        j = last.i
    cue = (doc[i].idx, doc[j].idx + len(doc[j].text))
    left, right = subject.left_edge, subject.right_edge
    while right.i > left.i and (right.is_punct or right.is_space or "\n" in doc.text[left.idx : right.idx]):
        right = doc[right.i - 1]  # the speaker stays in the paragraph of the cue
    source = (left.idx, right.idx + len(right.text))
    status = lex.verb_status(verb.lemma_.lower()) or "reported"
    return Frame(cue, source, quote, status, verb.i, form="direct")


def _opens_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip(" \t\u00a0")
    return not before or before[-1] == "\n" or before[-1] in SENTENCE_ENDS or before[-1] in QUOTES_END


def _same_paragraph(text: str, frame: Frame, quotes: QuoteIndex) -> bool:
    """A content wholly in an earlier paragraph than its cue (a parse that ran over the paragraph break)
    becomes the quotation that opens the cue's paragraph right before the speaker ('\n"...," X said');
    without one the frame is dropped."""
    if frame.cue is None or frame.content[1] > frame.cue[0] or "\n" not in text[frame.content[1] : frame.cue[0]]:
        return True
    start = min(frame.cue[0], frame.source[0] if frame.source else frame.cue[0])
    pos = start
    while pos > 0 and text[pos - 1] in " ,\u00a0":
        pos -= 1
    quote = quotes.ending_at(pos)
    if quote is None or "\n" in text[quote[1] : start] or (quote[0] > 0 and text[quote[0] - 1] != "\n"):
        return False
    frame.content, frame.form = quote, "direct"
    return True


def _quote_then_clause(text: str, frame: Frame, quotes: QuoteIndex) -> None:
    """'X wrote "...," and shared a link': a quotation after the cue that closes on a comma is the whole
    content; what follows the comma is the writer's narration."""
    if frame.cue is None or frame.content[0] < frame.cue[1]:
        return
    quote = quotes.starting_at(frame.content[0])
    if quote is None or quote[1] >= frame.content[1]:
        return
    inner = text[quote[0] : quote[1]].rstrip(QUOTES_END)
    if inner.endswith(",") or text[quote[1] : quote[1] + 1] == ",":
        frame.content, frame.form = quote, "direct"


def continue_quotes(doc: Doc, text: str, frames: list[Frame], quotes: QuoteIndex) -> None:
    """'"...," he said. "..."': a quotation right after the cue's sentence continues the same content, and so
    does one after 'The plan is late, he said.'

    So does one after '"...," she said, adding that ... "..."': the rest of the cue's sentence is the
    writer's narration, and the quotation after it is still hers unless someone else speaks in between.
    A quotation that holds a cue, or another frame's words, ends the run."""
    cue_starts = sorted(f.cue[0] for f in frames if f.cue)
    for frame in frames:
        if frame.cue is None or not (
            _ends_quoted(text, frame.content) or (frame.content[1] <= frame.cue[0] and _clause(text, frame.content))
        ):
            continue
        cue = frame.cue
        others = [r for f in frames if f is not frame for r in (f.content, f.cue, f.source) if r is not None]
        used = [r for r in others if not _inside(cue, r)]
        last = max(cue[1], frame.source[1] if frame.source else 0)
        if frame.content[1] < last:
            sent_end = doc[frame.anchor].sent.end_char
            quote = _quote_after(text, quotes, last) or _quote_after(text, quotes, sent_end)
            opening = quotes.containing(sent_end - 1)
            if quote is None and opening is not None and opening[0] >= last:
                quote = opening  # the sentence ended after the next quotation's opening mark
            if quote is not None and _quoted_between(frame, frames, quotes, (last, quote[0])):
                continue  # another quotation comes first
            if quote is not None and _other_speaker(doc, frame, frames, (last, quote[0])):
                continue
            if quote is not None and "\n" in text[last : quote[0]] and not _whole_paragraph(text, quote):
                continue
        else:
            quote = _quote_after(text, quotes, frame.content[1])
        while quote is not None and not _contains_any(quote, cue_starts) and not any(_overlap(quote, r) for r in used):
            frame.content = (frame.content[0], quote[1])
            quote = _quote_after(text, quotes, quote[1], lines=True)


def _quoted_between(frame: Frame, frames: list[Frame], quotes: QuoteIndex, between: Range) -> bool:
    """A quotation between the cue and the next one, other than in what the same speaker goes on to say
    ('"...," X said, calling it "..." . "..."')."""
    own = [f.content for f in frames if f.cue is not None and _inside(f.cue, between) and f.source == frame.source]
    return any(not any(_inside(q, c) for c in own) for q in quotes.overlapping(*between))


def _other_speaker(doc: Doc, frame: Frame, frames: list[Frame], between: Range) -> bool:
    """'"...," the senator said, and the mayor claimed ...': a clause joined to the cue's own, with a speaker
    of its own, comes between the cue and the next quotation. A subordinate clause ('after Velmora asked')
    or a relative one on the speaker does not take the floor."""
    for other in frames:
        if other.cue is None or other.source is None or other.source == frame.source or not _inside(other.cue, between):
            continue
        head, cue = doc[other.anchor], doc[frame.anchor]
        if head.dep_ == "conj" and head.head.i in (cue.i, cue.head.i):
            return True
    return False


def _clause(text: str, content: Range) -> bool:
    """Reported words of more than one word before their cue ('The plan is late, Karsova said.')."""
    return " " in text[content[0] : content[1]].strip()


def _ends_quoted(text: str, content: Range) -> bool:
    return text[content[0] : content[1]].rstrip(" ,.")[-1:] in QUOTE_MARKS


def _overlap(a: Range, b: Range) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _quote_after(text: str, quotes: QuoteIndex, pos: int, lines: bool = False) -> Range | None:
    """The quotation that starts right after `pos`; with `lines`, also one in the next paragraph that
    `_whole_paragraph` accepts."""
    start = pos
    while pos < len(text) and text[pos] in " \t\u00a0.,;\n":
        pos += 1
    quote = quotes.starting_at(pos)
    if quote is None or "\n" not in text[start:pos]:
        return quote
    return quote if lines and _whole_paragraph(text, quote) else None


def _whole_paragraph(text: str, quote: Range) -> bool:
    """A quotation that makes up the rest of its paragraph and ends a sentence: the newspaper convention
    for a quotation that runs on from the paragraph before."""
    if text[quote[1] : quote[1] + 1].strip():
        return False
    return text[quote[0] : quote[1]].rstrip(QUOTES_END)[-1:] in ".?!"


def _inside(inner: Range, outer: Range) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _contains_any(rng: Range, positions: list[int]) -> bool:
    return any(rng[0] <= p < rng[1] for p in positions)


def order_frames(frames: list[Frame]) -> list[Frame]:
    """By cue position, dropping repeats of the same cue."""
    seen: set[Range] = set()
    ordered = []
    for frame in sorted(frames, key=lambda f: (f.cue or f.content)[0]):
        key = frame.cue or frame.content
        if key not in seen:
            seen.add(key)
            ordered.append(frame)
    return ordered


def nest(frames: list[Frame], text: str = "", quotes: QuoteIndex | None = None) -> list[int | None]:
    """parent index per frame: the frame with the smallest content holding this frame's cue.

    A cue in the writer's narration between two quotations of one content ('"...," he said, adding
    that ... "..."') is not nested in it. Frames are reordered in place so that a parent always comes
    before its children.
    """
    parent_of: dict[int, int] = {}
    for k, frame in enumerate(frames):
        if frame.cue is None:
            continue
        best: int | None = None
        for m, other in enumerate(frames):
            if m == k or not _inside(frame.cue, other.content) or _inside(other.cue or (0, 0), frame.content):
                continue
            if quotes is not None and _narrated(text, frame.cue, other.content, quotes):
                continue
            if best is None or _width(other.content) < _width(frames[best].content):
                best = m
        if best is not None:
            parent_of[k] = best
    order = _parents_first(len(frames), parent_of)
    new_index = {old: new for new, old in enumerate(order)}
    frames[:] = [frames[old] for old in order]
    parents: list[int | None] = [None] * len(frames)
    for old, par in parent_of.items():
        parents[new_index[old]] = new_index[par]
    return parents


def _narrated(text: str, cue: Range, content: Range, quotes: QuoteIndex) -> bool:
    """The cue sits outside the quotations of a content that opens and closes with one."""
    words = text[content[0] : content[1]].rstrip(" ,.")
    if words[:1] not in QUOTE_MARKS or words[-1:] not in QUOTE_MARKS:
        return False
    return quotes.containing(cue[0]) is None


def _width(rng: Range) -> int:
    return rng[1] - rng[0]


def _parents_first(count: int, parent_of: dict[int, int]) -> list[int]:
    order: list[int] = []
    placed: set[int] = set()
    for k in range(count):
        chain = []
        node: int | None = k
        while node is not None and node not in placed and node not in chain:
            chain.append(node)
            node = parent_of.get(node)
        for item in reversed(chain):
            placed.add(item)
            order.append(item)
    return order


def _span(text: str, rng: Range) -> Span:
    return Span(rng[0], rng[1], text[rng[0] : rng[1]])


def to_record(text: str, frame: Frame, parent: int | None, frames: list[Frame]) -> Attribution:
    source_range = frame.source
    if frame.inherit_source and source_range is None and parent is not None:
        source_range = frames[parent].source
    source = None
    if source_range is not None:
        span = _span(text, source_range)
        source = Source(span, span.text, "unspecified")
    return Attribution(
        source=source,
        cue=_span(text, frame.cue) if frame.cue else None,
        content=_span(text, frame.content),
        status=frame.status,
        hedges=tuple(frame.hedges),
        form=frame.form,
        parent=parent,
        extractor=EXTRACTOR,
    )


def asserted(doc: Doc, text: str, frames: list[Frame]) -> list[Attribution]:
    """The author's own voice: runs of at least a few words that no frame covers, within one sentence."""
    covered = _merge(r for f in frames for r in (f.cue, f.source, f.content) if r is not None)
    records: list[Attribution] = []
    k = 0
    for sent in _sentences(doc):
        run: list[int] = []
        for tok in sent:
            while k < len(covered) and covered[k][1] <= tok.idx:
                k += 1
            inside = k < len(covered) and covered[k][0] <= tok.idx
            if inside or tok.is_space:
                _flush(doc, text, run, records)
                run = []
            else:
                run.append(tok.i)
        _flush(doc, text, run, records)
    return records


def _sentences(doc: Doc) -> Iterable[SpacySpan | Doc]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return doc.sents
    return [doc]


def _flush(doc: Doc, text: str, run: list[int], records: list[Attribution]) -> None:
    if not run:
        return
    i, j = run[0], run[-1]
    while i <= j and (doc[i].is_punct or doc[i].dep_ in ("cc", "mark")):
        i += 1
    while j >= i and doc[j].is_punct and doc[j].text not in ".!?":
        j -= 1
    if sum(1 for t in doc[i : j + 1] if t.is_alpha) < MIN_ASSERTED_WORDS:
        return
    start, end = doc[i].idx, doc[j].idx + len(doc[j].text)
    span = Span(start, end, text[start:end])
    records.append(Attribution(None, None, span, "asserted", form="none", extractor=EXTRACTOR))


def _merge(ranges: Iterable[Range]) -> list[Range]:
    merged: list[Range] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


@Language.factory("reportedly_attribution", default_config={"lang": "en"})
def make_component(nlp: Language, name: str, lang: str) -> Component:
    return Component(lang)
