"""The article reader's markup: the text cut into pieces, each knowing which frames, times and places cover it.

Frames nest and overlap (a nested frame lies inside its parent's content), so the text is cut at every span boundary
and each piece lists everything that covers it; the template renders a piece as one <span> with classes, and a status
badge after each frame's cue. Nothing here builds HTML: the template escapes every piece of text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ..records import Analysis, Span
from ..service import asserting_frames


@dataclass
class Piece:
    text: str
    roles: set[str] = field(default_factory=set)  # src, cue, content, time, place, trigger
    frames: list[int] = field(default_factory=list)  # frames whose source, cue or content covers this piece
    depth: int = 0  # how many frame contents cover it
    title: str = ""
    badges: list[tuple[int, str]] = field(default_factory=list)  # (frame, status) shown after this piece

    @property
    def css(self) -> str:
        names = sorted(self.roles)
        if self.depth:
            names.append(f"d{min(self.depth, 3)}")
        return " ".join(names)

    @property
    def focus(self) -> int | None:
        """The innermost frame: the one a click on this piece opens."""
        return self.frames[-1] if self.frames else None


@dataclass
class Mark:
    start: int
    end: int
    role: str
    frame: int | None = None
    title: str = ""


def _clip(span: Span | None, size: int) -> tuple[int, int] | None:
    if span is None:
        return None
    start, end = max(0, span.start), min(size, span.end)
    return (start, end) if start < end else None


def marks_of(analysis: Analysis, size: int) -> list[Mark]:
    marks: list[Mark] = []
    for index, frame in enumerate(analysis.attributions):
        source = frame.source.span if frame.source else None
        for role, span in (("content", frame.content), ("cue", frame.cue), ("src", source)):
            bounds = _clip(span, size)
            if bounds:
                marks.append(Mark(*bounds, role=role, frame=index))
    for time in analysis.times:
        bounds = _clip(time.span, size)
        if bounds:
            marks.append(Mark(*bounds, role="time", title=f"time: {time.value or 'unresolved'}"))
    for place in analysis.places:
        bounds = _clip(place.span, size)
        if bounds:
            where = ", ".join(p for p in (place.name, place.admin1, place.country) if p)
            marks.append(Mark(*bounds, role="place", title=f"place ({place.role}): {where}"))
    for event in analysis.events:
        bounds = _clip(event.trigger, size)
        if bounds:
            marks.append(Mark(*bounds, role="trigger", title=f"event: {event.type}"))
    return marks


def badge_positions(analysis: Analysis, size: int) -> dict[int, list[tuple[int, str]]]:
    """Where each frame's badge goes: after its cue, else after its source, else before its content."""
    spots: dict[int, list[tuple[int, str]]] = {}
    for index, frame in enumerate(analysis.attributions):
        anchor = _clip(frame.cue, size) or _clip(frame.source.span if frame.source else None, size)
        spot = anchor[1] if anchor else max(0, min(size, frame.content.start))
        spots.setdefault(spot, []).append((index, frame.status))
    return spots


def _content_length(analysis: Analysis, frame: int) -> int:
    span = analysis.attributions[frame].content
    return span.end - span.start


def pieces(text: str, analysis: Analysis | None) -> list[Piece]:
    """The text cut at every mark boundary; joining the pieces' texts gives the text back exactly."""
    if analysis is None:
        return [Piece(text)]
    size = len(text)
    marks = marks_of(analysis, size)
    badges = badge_positions(analysis, size)
    cuts = sorted({0, size, *badges, *(m.start for m in marks), *(m.end for m in marks)})
    result: list[Piece] = []
    if 0 in badges:
        result.append(Piece("", badges=badges[0]))
    for start, end in pairwise(cuts):
        piece = Piece(text[start:end])
        covering = [m for m in marks if m.start <= start and end <= m.end]
        piece.roles = {m.role for m in covering}
        frames = {m.frame for m in covering if m.frame is not None}
        # outermost first, so the last one is the innermost frame
        piece.frames = sorted(frames, key=lambda f: -_content_length(analysis, f))
        piece.depth = sum(1 for m in covering if m.role == "content")
        piece.title = "; ".join(m.title for m in covering if m.title)
        piece.badges = badges.get(end, [])
        result.append(piece)
    return result


def frame_depths(analysis: Analysis) -> list[int]:
    """How deeply each frame is nested (0 for a frame with no parent)."""
    depths = []
    for frame in analysis.attributions:
        depth, parent, seen = 0, frame.parent, set()
        while parent is not None and 0 <= parent < len(analysis.attributions) and parent not in seen:
            seen.add(parent)
            depth += 1
            parent = analysis.attributions[parent].parent
        depths.append(depth)
    return depths


def children(analysis: Analysis) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for index, frame in enumerate(analysis.attributions):
        if frame.parent is not None:
            found.setdefault(frame.parent, []).append(index)
    return found


def frame_context(analysis: Analysis) -> dict[str, Any]:
    """What the reader template needs besides the pieces: nesting, children, events and times per frame."""
    events_of: dict[int, list[int]] = {}
    for number in range(len(analysis.events)):
        for frame in asserting_frames(analysis, number):
            events_of.setdefault(frame, []).append(number)
    return {"depths": frame_depths(analysis), "children": children(analysis), "events_of": events_of}
