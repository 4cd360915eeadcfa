"""Mapping between records and table rows, shared by both backends.

JSON-valued columns (hedges, event argument spans, event attribution indexes, run counts) are stored as JSON text.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ..errors import StoreError
from ..records import Analysis, Article, Attribution, Event, Place, Source, Span, TimeRef

Row = dict[str, Any]

ARTICLE_COLUMNS = (
    "id", "name", "text", "outlet", "url", "published", "title", "language", "copy_of", "date_source",
    "copy_similarity",
)  # fmt: skip
SOURCE_COLUMNS = ("article_id", "idx", "name", "kind", "span_start", "span_end", "span_text")
ATTRIBUTION_COLUMNS = (
    "article_id", "idx", "source_idx", "cue_start", "cue_end", "cue_text", "content_start", "content_end",
    "content_text", "status", "hedges", "form", "parent", "extractor",
)  # fmt: skip
EVENT_COLUMNS = (
    "article_id", "idx", "trigger_start", "trigger_end", "trigger_text", "type", "actor", "target", "instrument",
    "quantity", "place", "time", "attributions", "negated", "modality",
)  # fmt: skip
TIME_COLUMNS = ("article_id", "idx", "span_start", "span_end", "span_text", "value", "kind")
PLACE_COLUMNS = (
    "article_id", "idx", "span_start", "span_end", "span_text", "name", "country", "admin1", "lat", "lon",
    "geonames_id", "role",
)  # fmt: skip


def iso_date(value: Any) -> str | None:
    """A date column value (date, datetime or ISO text) as an ISO date string."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)[:10]


def iso_time(value: Any) -> str | None:
    """A timestamp column value (datetime or ISO text) as an ISO string."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _span_parts(span: Span | None) -> tuple[int | None, int | None, str | None]:
    return (span.start, span.end, span.text) if span else (None, None, None)


def _span(start: Any, end: Any, text: Any) -> Span | None:
    return None if start is None else Span(int(start), int(end), text)


def _span_json(span: Span | None) -> str | None:
    return json.dumps(span.to_dict(), ensure_ascii=False) if span else None


def _span_from_json(value: str | None) -> Span | None:
    return Span.from_dict(json.loads(value)) if value else None


def article_params(article: Article) -> tuple[Any, ...]:
    a = article
    published = iso_date(a.published)
    return (
        a.id,
        a.name,
        a.text,
        a.outlet,
        a.url,
        published,
        a.title,
        a.language,
        a.copy_of,
        a.date_source,
        a.copy_similarity,
    )


def article_from_row(row: Row) -> Article:
    published = iso_date(row["published"])
    return Article(
        id=row["id"],
        text=row["text"],
        outlet=row["outlet"],
        url=row["url"],
        published=date.fromisoformat(published) if published else None,
        title=row["title"],
        language=row["language"],
        copy_of=row["copy_of"],
        name=row["name"],
        date_source=row["date_source"],
        copy_similarity=row["copy_similarity"],
    )


def source_table(analysis: Analysis) -> list[Source]:
    """The distinct sources of an analysis, in order of first mention."""
    seen: dict[Source, None] = {}
    for frame in analysis.attributions:
        if frame.source is not None:
            seen.setdefault(frame.source, None)
    return list(seen)


def analysis_params(article_id: str, analysis: Analysis) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of one analysis, per table, as parameter tuples in the *_COLUMNS order."""
    sources = source_table(analysis)
    position = {source: i for i, source in enumerate(sources)}
    return {
        "sources": [(article_id, i, s.name, s.kind, *_span_parts(s.span)) for i, s in enumerate(sources)],
        "attributions": [_attribution_params(article_id, i, a, position) for i, a in enumerate(analysis.attributions)],
        "events": [_event_params(article_id, i, e) for i, e in enumerate(analysis.events)],
        "times": [(article_id, i, *_span_parts(t.span), t.value, t.kind) for i, t in enumerate(analysis.times)],
        "places": [_place_params(article_id, i, p) for i, p in enumerate(analysis.places)],
    }


def _attribution_params(article_id: str, idx: int, a: Attribution, position: dict[Source, int]) -> tuple[Any, ...]:
    source_idx = position[a.source] if a.source is not None else None
    hedges = json.dumps(list(a.hedges), ensure_ascii=False)
    return (
        article_id, idx, source_idx, *_span_parts(a.cue), *_span_parts(a.content), a.status, hedges, a.form,
        a.parent, a.extractor,
    )  # fmt: skip


def _event_params(article_id: str, idx: int, e: Event) -> tuple[Any, ...]:
    return (
        article_id, idx, *_span_parts(e.trigger), e.type, _span_json(e.actor), _span_json(e.target),
        _span_json(e.instrument), e.quantity, e.place, e.time, json.dumps(list(e.attributions)), e.negated,
        e.modality,
    )  # fmt: skip


def _place_params(article_id: str, idx: int, p: Place) -> tuple[Any, ...]:
    return (
        article_id, idx, *_span_parts(p.span), p.name, p.country, p.admin1, p.lat, p.lon, p.geonames_id, p.role,
    )  # fmt: skip


def source_from_row(row: Row) -> Source:
    return Source(_span(row["span_start"], row["span_end"], row["span_text"]), row["name"], row["kind"])


def attribution_from_row(row: Row, sources: dict[int, Source]) -> Attribution:
    content = _span(row["content_start"], row["content_end"], row["content_text"])
    assert content is not None
    source_idx = row["source_idx"]
    return Attribution(
        source=sources[source_idx] if source_idx is not None else None,
        cue=_span(row["cue_start"], row["cue_end"], row["cue_text"]),
        content=content,
        status=row["status"],
        hedges=tuple(json.loads(row["hedges"])),
        form=row["form"],
        parent=row["parent"],
        extractor=row["extractor"],
    )


def event_from_row(row: Row) -> Event:
    trigger = _span(row["trigger_start"], row["trigger_end"], row["trigger_text"])
    assert trigger is not None
    return Event(
        trigger=trigger,
        type=row["type"],
        actor=_span_from_json(row["actor"]),
        target=_span_from_json(row["target"]),
        instrument=_span_from_json(row["instrument"]),
        quantity=row["quantity"],
        place=row["place"],
        time=row["time"],
        attributions=tuple(json.loads(row["attributions"])),
        negated=bool(row["negated"]),
        modality=row["modality"],
    )


def time_from_row(row: Row) -> TimeRef:
    return TimeRef(Span(row["span_start"], row["span_end"], row["span_text"]), row["value"], row["kind"])


def place_from_row(row: Row) -> Place:
    lat, lon, geonames_id = row["lat"], row["lon"], row["geonames_id"]
    return Place(
        span=Span(row["span_start"], row["span_end"], row["span_text"]),
        name=row["name"],
        country=row["country"],
        admin1=row["admin1"],
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        geonames_id=int(geonames_id) if geonames_id is not None else None,
        role=row["role"],
    )


def claim_from_row(row: Row) -> Row:
    """One ledger row with exactly the keys of CLAIM_KEYS."""
    return {
        "id": int(row["id"]),
        "article_id": row["article_id"],
        "index": row["idx"],
        "outlet": row["outlet"],
        "published": iso_date(row["published"]),
        "title": row["title"],
        "source_name": row["source_name"],
        "source_kind": row["source_kind"],
        "source_start": row["source_start"],
        "source_end": row["source_end"],
        "source_text": row["source_text"],
        "cue_start": row["cue_start"],
        "cue_end": row["cue_end"],
        "cue_text": row["cue_text"],
        "content_start": row["content_start"],
        "content_end": row["content_end"],
        "content_text": row["content_text"],
        "status": row["status"],
        "hedges": json.loads(row["hedges"]),
        "form": row["form"],
        "parent": row["parent"],
        "extractor": row["extractor"],
    }


def run_from_row(row: Row) -> Row:
    counts = row["counts"]
    return {
        "id": int(row["id"]),
        "command": row["command"],
        "extractor_version": row["extractor_version"],
        "started": iso_time(row["started"]),
        "finished": iso_time(row["finished"]),
        "counts": json.loads(counts) if counts else {},
    }


def skipped_from_row(row: Row) -> Row:
    run_id = row["run_id"]
    return {
        "location": row["location"],
        "reason": row["reason"],
        "detail": row["detail"],
        "run_id": int(run_id) if run_id is not None else None,
        "created": iso_time(row["created"]),
    }


def placeholders(columns: Sequence[str]) -> str:
    return ", ".join("?" for _ in columns)


def keyset(after: Any) -> tuple[str | None, str, int]:
    """A ClaimFilter.after value checked and normalised: (ISO date or None, article id, frame index)."""
    try:
        published, article, index = after
        if isinstance(index, bool) or not isinstance(article, str):
            raise TypeError(after)
        day = iso_date(published)
        return (date.fromisoformat(day).isoformat() if day is not None else None), article, int(index)
    except (TypeError, ValueError) as exc:
        raise StoreError(
            f"ClaimFilter.after must be the (published, article_id, index) of a ledger row, got {after!r}: "
            "pass claim_key(row) of the last row of the previous page."
        ) from exc


def asserting_frames(event: Event, contents: Sequence[tuple[int, int]]) -> list[int]:
    """The frames asserting an event, given every frame's content (start, end): those the extractor linked to it,
    else those whose content holds its trigger."""
    linked = [i for i in event.attributions if 0 <= i < len(contents)]
    if linked:
        return linked
    start, end = event.trigger.start, event.trigger.end
    return [i for i, (first, last) in enumerate(contents) if first <= start and end <= last]


def _prefixed(row: Row, prefix: str) -> Row | None:
    """The columns of `row` named with `prefix`, without it; None when the joined row is missing."""
    part = {key[len(prefix) :]: value for key, value in row.items() if key.startswith(prefix)}
    return None if part["span_start"] is None else part


def event_item(row: Row, frames: Sequence[Row]) -> Row:
    """One row of Store.events() (keys: EVENT_KEYS); `frames` are the article's frames in order."""
    event = event_from_row(row)
    time, place = _prefixed(row, "time_"), _prefixed(row, "place_")
    contents = [(int(f["content_start"]), int(f["content_end"])) for f in frames]
    return {
        "article_id": row["article_id"],
        "index": row["idx"],
        "outlet": row["outlet"],
        "published": iso_date(row["published"]),
        "title": row["title"],
        "event": event,
        "time": time_from_row(time) if time else None,
        "place": place_from_row(place) if place else None,
        "frames": [(i, frames[i]["status"]) for i in asserting_frames(event, contents)],
    }


def source_items(counts: Sequence[Row], articles: Sequence[Row]) -> list[Row]:
    """Rows of Store.sources() from frame counts per (name, kind, outlet, status) and article counts per source."""
    found: dict[tuple[str, str], Row] = {}
    for row in counts:
        entry = found.setdefault(
            (row["name"], row["kind"]),
            {"name": row["name"], "kind": row["kind"], "frames": 0, "articles": 0, "outlets": {}, "statuses": {}},
        )
        frames = int(row["frames"])
        entry["frames"] += frames
        entry["outlets"][row["outlet"]] = entry["outlets"].get(row["outlet"], 0) + frames
        entry["statuses"][row["status"]] = entry["statuses"].get(row["status"], 0) + frames
    for row in articles:
        found[(row["name"], row["kind"])]["articles"] = int(row["articles"])
    for entry in found.values():
        entry["outlets"] = dict(sorted(entry["outlets"].items(), key=lambda o: (-o[1], o[0] or "")))
        entry["statuses"] = dict(sorted(entry["statuses"].items(), key=lambda s: (-s[1], s[0])))
    return sorted(found.values(), key=lambda e: (-e["frames"], e["name"].lower(), e["name"], e["kind"]))
