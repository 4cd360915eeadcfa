"""Contradictions: status conflicts (confirmed or reported against denied or not confirmed) on one event or claim,
and slot conflicts (different casualty figures, quantities or dates) between independent sources."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..records import Span
from .claims import FrameRef, figures
from .corpus import Corpus
from .events import Mention, times_conflict
from .independence import source_key
from .records import Link, Ref

AFFIRMING = ("asserted", "confirmed", "reported", "claimed")
NEGATING = ("denied", "not_confirmed")
_DIGITS = re.compile(r"\d[\d,]*")


def frame_ref(corpus: Corpus, ref: FrameRef) -> Ref:
    return Ref(corpus.articles[ref[0]].id, ref[1], "frame")


def without_copies(frames: Iterable[FrameRef], copies: dict[int, int]) -> list[FrameRef]:
    """The frames, less those of a copy whose original is among them (the original speaks for both)."""
    refs = sorted(set(frames))
    present = {i for i, _ in refs}
    return [r for r in refs if copies.get(r[0]) not in present]


def status_conflicts(corpus: Corpus, copies: dict[int, int], frames: Iterable[FrameRef], about: str) -> list[Link]:
    """One link per pair of independent sources where one affirms and the other denies (or has not confirmed)."""
    ordered = without_copies(frames, copies)
    seen: set[tuple[str, str]] = set()
    links = []
    for a in ordered:
        fa = corpus.frame(*a)
        if fa.status not in AFFIRMING:
            continue
        for b in ordered:
            fb = corpus.frame(*b)
            if fb.status not in NEGATING or corpus.original(a[0], copies) == corpus.original(b[0], copies):
                continue
            pair = (source_key(corpus, copies, *a), source_key(corpus, copies, *b))
            if pair[0] == pair[1] or pair in seen:
                continue
            seen.add(pair)
            detail = {"conflict": "status", "about": about, "statuses": [fa.status, fb.status], "sources": list(pair)}
            links.append(
                Link("contradicts", frame_ref(corpus, a), frame_ref(corpus, b), fa.content, fb.content, 1.0, detail)
            )
    return links


def figure_conflicts(corpus: Corpus, copies: dict[int, int], frames: Iterable[FrameRef], about: str) -> list[Link]:
    """Links between frames of independent sources that state different figures of one kind (e.g. deaths)."""
    first: dict[tuple[str, int], tuple[FrameRef, Span, str]] = {}
    for ref in without_copies(frames, copies):
        frame = corpus.frame(*ref)
        if frame.status in NEGATING:
            continue
        for fig in figures(frame.content.text):
            span = Span(
                frame.content.start + fig.start, frame.content.start + fig.end, frame.content.text[fig.start : fig.end]
            )
            first.setdefault((fig.kind, fig.value), (ref, span, source_key(corpus, copies, *ref)))
    links = []
    items = sorted(first.items())
    for x, ((kind_a, value_a), (ref_a, span_a, key_a)) in enumerate(items):
        for (kind_b, value_b), (ref_b, span_b, key_b) in items[x + 1 :]:
            if kind_a != kind_b or key_a == key_b:
                continue
            if corpus.original(ref_a[0], copies) == corpus.original(ref_b[0], copies):
                continue
            detail = {"conflict": "figure", "slot": kind_a, "values": [value_a, value_b], "about": about}
            links.append(
                Link("contradicts", frame_ref(corpus, ref_a), frame_ref(corpus, ref_b), span_a, span_b, 1.0, detail)
            )
    return links


def slot_conflicts(corpus: Corpus, copies: dict[int, int], members: list[Mention], about: str) -> list[Link]:
    """Different quantities or dates given to one event by different texts."""
    links = []
    present = {i for i, _ in members}
    members = [(i, k) for i, k in members if copies.get(i) not in present]  # a copy adds nothing to its original
    for x, (i, k) in enumerate(members):
        ea = corpus.analyses[i].events[k]
        for j, m in members[x + 1 :]:
            if corpus.original(i, copies) == corpus.original(j, copies):
                continue
            eb = corpus.analyses[j].events[m]
            ref_a, ref_b = Ref(corpus.articles[i].id, k, "event"), Ref(corpus.articles[j].id, m, "event")
            qa, qb = _quantity(ea.quantity), _quantity(eb.quantity)
            if qa is not None and qb is not None and qa != qb:
                detail = {"conflict": "slot", "slot": "quantity", "values": [qa, qb], "about": about}
                links.append(Link("contradicts", ref_a, ref_b, ea.trigger, eb.trigger, 1.0, detail))
            ta, tb = _time(corpus, i, ea.time), _time(corpus, j, eb.time)
            if times_conflict(ta, tb):
                detail = {"conflict": "slot", "slot": "time", "values": [ta, tb], "about": about}
                links.append(Link("contradicts", ref_a, ref_b, ea.trigger, eb.trigger, 1.0, detail))
    return links


def _quantity(text: str | None) -> int | None:
    match = _DIGITS.search(text or "")
    return int(match.group().replace(",", "")) if match else None


def _time(corpus: Corpus, i: int, index: int | None) -> str | None:
    times = corpus.analyses[i].times
    if index is None or index >= len(times) or not times[index].value:
        return None
    value = times[index].value or ""
    return value[:10] if value[:1].isdigit() else None
