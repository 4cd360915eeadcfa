"""The queries the CLI, the HTTP API and the web UI share: the only place that reads the store."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, TypeVar

from .errors import ConfigError, NotFoundError
from .records import SOURCE_KINDS, STATUSES, Analysis, Article, Span
from .store.base import ClaimFilter, Store, claim_key
from .store.rows import asserting_frames as frames_asserting


def parse_date(value: str | date | None, name: str = "date") -> date | None:
    """A YYYY-MM-DD (or YYYY-MM, YYYY) string as a date; a clear error otherwise."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    for pad in ("", "-01", "-01-01"):
        try:
            return date.fromisoformat(text + pad)
        except ValueError:
            continue
    raise ConfigError(f"{name} must be a date like 2024-11-24, got {value!r}")


def claim_filter(
    source: str | None = None,
    status: str | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source_kind: str | None = None,
    text: str | None = None,
    article_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> ClaimFilter:
    """Validate user-given filters of the ledger."""
    if status and status not in STATUSES:
        raise ConfigError(f"Unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    if source_kind and source_kind not in SOURCE_KINDS:
        raise ConfigError(f"Unknown source kind {source_kind!r}; use one of: {', '.join(SOURCE_KINDS)}")
    if limit is not None and limit < 0:
        raise ConfigError("limit must be zero or more")
    if offset < 0:
        raise ConfigError("offset must be zero or more")
    return ClaimFilter(
        source=source or None,
        source_kind=source_kind or None,
        status=status or None,
        outlet=outlet or None,
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        text=text or None,
        article_id=article_id or None,
        limit=limit,
        offset=offset,
    )


def claims(store: Store, filters: ClaimFilter | None = None, include_asserted: bool = True) -> list[dict[str, Any]]:
    """The ledger rows. Author assertions are left out when `include_asserted` is false and no status is asked."""
    rows = store.claims(filters or ClaimFilter())
    if not include_asserted and not (filters and filters.status):
        rows = [r for r in rows if r["status"] != "asserted"]
    return rows


def article_view(store: Store, key: str) -> tuple[Article, Analysis | None]:
    """One article with its analysis; NotFoundError when there is none."""
    article = store.article(key)
    return article, store.analysis(article.id)


def search(store: Store, text: str, limit: int = 50) -> list[dict[str, Any]]:
    if not text.strip():
        raise ConfigError("Give some words to search for")
    return store.search(text, limit=limit)


def overview(store: Store) -> dict[str, int]:
    """How much the store holds."""
    return {
        table: store.count(table)
        for table in ("articles", "attributions", "events", "times", "places", "skipped", "runs")
    }


# --- Events, sources and the views the HTTP API and the web UI share ---------------------------------------------
#
# Lists across the store (events, sources) come from the store's own queries; one article's view from its analysis.

T = TypeVar("T")
EVENT_ID = re.compile(r"^(?P<article>[0-9a-f]{6,64})-e(?P<index>\d{1,6})$")


def event_id(article_id: str, index: int) -> str:
    """The public id of an event: its article's id and its position in the analysis, e.g. `3f2a...-e0`."""
    return f"{article_id}-e{index}"


def parse_event_id(key: str) -> tuple[str, int]:
    match = EVENT_ID.match(key.strip())
    if not match:
        raise NotFoundError(f"No event {key!r}: event ids look like <article id>-e<number>, e.g. 3f2a9c0d1e2b4a5c-e0")
    return match["article"], int(match["index"])


def time_bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO 8601 time value covers (2024-11-20, 2024-11, 2024, 2024-W47); None if vague."""
    if not value:
        return None
    text = value.strip()
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}", text):
            day = date.fromisoformat(text[:10])
            return day, day
        week = re.match(r"^(\d{4})-W(\d{2})", text)
        if week:
            first = date.fromisocalendar(int(week[1]), int(week[2]), 1)
            return first, first + timedelta(days=6)
        part = re.match(r"^(\d{4})-(SP|SU|FA|AU|WI|Q[1-4]|H[12])$", text)
        if part:
            return _part_of_year(int(part[1]), part[2])
        if re.match(r"^\d{4}-\d{2}$", text):
            first = date.fromisoformat(text + "-01")
            last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return first, last
        if re.match(r"^\d{4}$", text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
    except ValueError:
        return None
    return None


# First month and number of months of the seasons (northern hemisphere), quarters and halves of ISO 8601 / TIMEX3.
PARTS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "AU": (9, 3), "WI": (12, 3), "Q1": (1, 3), "Q2": (4, 3),
         "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6)}  # fmt: skip


def _part_of_year(year: int, part: str) -> tuple[date, date]:
    first_month, months = PARTS[part]
    first = date(year, first_month, 1)
    end_month = first_month + months
    last = date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1) - timedelta(days=1)
    return first, last


def _overlaps(bounds: tuple[date, date] | None, since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    if bounds is None:
        return False
    return (since is None or bounds[1] >= since) and (until is None or bounds[0] <= until)


def _span(span: Span | None) -> dict[str, Any] | None:
    return span.to_dict() if span else None


def frame_row(article: Article, analysis: Analysis, index: int) -> dict[str, Any]:
    """One attribution frame with its article's metadata and the chain of frames it is nested in."""
    frame = analysis.attributions[index]
    own = (frame.source.name or (frame.source.span.text if frame.source.span else "")) if frame.source else ""
    chain: list[str] = []
    parent, seen = frame.parent, {index}
    while parent is not None and 0 <= parent < len(analysis.attributions) and parent not in seen:
        seen.add(parent)
        outer = analysis.attributions[parent]
        chain.append(outer.source.name if outer.source else "(unattributed)")
        parent = outer.parent
    return {
        "article_id": article.id,
        "index": index,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        **frame.to_dict(),
        "chain": _collapse([article.outlet or "the article", *reversed(chain), *([own] if own else [])]),
    }


def _collapse(names: list[str]) -> list[str]:
    """The names with runs of the same name kept once: 'BBC <- BBC <- officials' reads 'BBC <- officials'."""
    return [name for i, name in enumerate(names) if i == 0 or name != names[i - 1]]


def event_row(article: Article, analysis: Analysis, index: int) -> dict[str, Any]:
    """One event with its time and place resolved and how many frames assert it, by status."""
    event = analysis.events[index]
    frames = asserting_frames(analysis, index)
    return _event_dict(
        {
            "article_id": article.id,
            "index": index,
            "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None,
            "title": article.title,
            "event": event,
            "time": _item(analysis.times, event.time),
            "place": _item(analysis.places, event.place),
            "frames": [(i, analysis.attributions[i].status) for i in frames],
        }
    )


def _event_dict(item: dict[str, Any]) -> dict[str, Any]:
    """The public form of an event given as a row of Store.events()."""
    event, time, place = item["event"], item["time"], item["place"]
    statuses: dict[str, int] = {}
    for _, status in item["frames"]:
        statuses[status] = statuses.get(status, 0) + 1
    bounds = time_bounds(time.value) if time else None
    return {
        "id": event_id(item["article_id"], item["index"]),
        "article_id": item["article_id"],
        "index": item["index"],
        "outlet": item["outlet"],
        "published": item["published"],
        "title": item["title"],
        "type": event.type,
        "trigger": event.trigger.to_dict(),
        "actor": _span(event.actor),
        "target": _span(event.target),
        "instrument": _span(event.instrument),
        "quantity": event.quantity,
        "negated": event.negated,
        "modality": event.modality,
        "time": time.to_dict() if time else None,
        "date_start": bounds[0].isoformat() if bounds else None,
        "date_end": bounds[1].isoformat() if bounds else None,
        "place": place.to_dict() if place else None,
        "frames": [i for i, _ in item["frames"]],
        "statuses": statuses,
    }


def _item(items: tuple[T, ...], index: int | None) -> T | None:
    return items[index] if index is not None and 0 <= index < len(items) else None


def asserting_frames(analysis: Analysis, index: int) -> list[int]:
    """The frames that assert event `index`: those the extractor linked, else those whose content holds the trigger."""
    contents = [(a.content.start, a.content.end) for a in analysis.attributions]
    return frames_asserting(analysis.events[index], contents)


def events(
    store: Store,
    article_id: str | None = None,
    outlet: str | None = None,
    event_type: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    located: bool = False,
    dated: bool = False,
) -> list[dict[str, Any]]:
    """Events across articles, filtered by event time (not publication), type, outlet; by article then position.

    `article_id` is an article's id, id prefix or name (NotFoundError when none); it overrides `outlet`.
    """
    first, last = parse_date(since, "event_since"), parse_date(until, "event_until")
    if first and last and first > last:
        raise ConfigError(f"event_since {first} is after event_until {last}")
    if article_id:
        article_id, outlet = store.article(article_id).id, None
    found = store.events(article_id=article_id or None, outlet=outlet, event_type=event_type or None, located=located)
    rows = []
    for item in found:
        bounds = time_bounds(item["time"].value) if item["time"] else None
        if _overlaps(bounds, first, last) and not (dated and bounds is None):
            rows.append(_event_dict(item))
    return rows


def event_view(store: Store, key: str) -> dict[str, Any]:
    """One event and its verification matrix: every frame asserting it, grouped by status in the order of STATUSES."""
    article_key, index = parse_event_id(key)
    article, analysis = article_view(store, article_key)
    if analysis is None or not 0 <= index < len(analysis.events):
        raise NotFoundError(
            f"No event {key!r}: article {article.id} has {len(analysis.events) if analysis else 0} events"
        )
    row = event_row(article, analysis, index)
    frames = [frame_row(article, analysis, i) for i in row["frames"]]
    matrix = {status: [f for f in frames if f["status"] == status] for status in STATUSES}
    return {"event": row, "article": article.to_dict(), "frames": frames, "matrix": matrix}


def ledger_rows(
    store: Store,
    filters: ClaimFilter,
    event_since: str | date | None = None,
    event_until: str | date | None = None,
    include_asserted: bool = True,
) -> list[dict[str, Any]]:
    """All ledger rows matching the filters (their limit and offset ignored), optionally only those whose frame
    asserts an event dated within [event_since, event_until]."""
    first, last = parse_date(event_since, "event_since"), parse_date(event_until, "event_until")
    unpaged = replace(filters, limit=None, offset=0)
    rows = claims(store, unpaged, include_asserted)
    if first is None and last is None:
        return rows
    keys = {
        (row["article_id"], frame)
        for row in events(store, article_id=filters.article_id, outlet=filters.outlet, since=first, until=last)
        for frame in row["frames"]
    }
    return [r for r in rows if (r["article_id"], r["index"]) in keys]


def claims_page(
    store: Store,
    filters: ClaimFilter,
    limit: int,
    offset: int = 0,
    event_since: str | date | None = None,
    event_until: str | date | None = None,
    include_asserted: bool = True,
) -> tuple[list[dict[str, Any]], int | None]:
    """One page of the ledger from position `offset` (counted after `filters.after`, the claim_key of a row, when
    given) and the position the next page starts at (None at the end).

    Positions count the store's rows, so a page stays `limit` rows long even when author assertions are left out.
    """
    if limit < 1 or offset < 0:
        raise ConfigError("limit must be one or more and offset zero or more")
    if parse_date(event_since, "event_since") or parse_date(event_until, "event_until"):
        rows = ledger_rows(store, filters, event_since, event_until, include_asserted)
        return rows[offset : offset + limit], offset + limit if len(rows) > offset + limit else None
    keep_all = include_asserted or bool(filters.status)
    kept: list[tuple[int, dict[str, Any]]] = []
    position, chunk, page = offset, limit + 1, replace(filters, offset=offset)
    while len(kept) <= limit:
        raw = store.claims(replace(page, limit=chunk))
        kept += [(position + i, r) for i, r in enumerate(raw) if keep_all or r["status"] != "asserted"]
        position += len(raw)
        if len(raw) < chunk:
            break
        page, chunk = replace(page, offset=0, after=claim_key(raw[-1])), min(chunk * 4, 5000)
    following = kept[limit][0] if len(kept) > limit else None
    return [row for _, row in kept[:limit]], following


def sources(
    store: Store, kind: str | None = None, outlet: str | None = None, name: str | None = None
) -> list[dict[str, Any]]:
    """Sources across the ledger: how often each is cited, by which outlets, with which statuses; most cited first."""
    checked = claim_filter(source=name, source_kind=kind, outlet=outlet)
    found = store.sources(kind=checked.source_kind, outlet=checked.outlet, name=checked.source)
    for entry in found:
        outlets: dict[str, int] = {}
        for out, frames in entry["outlets"].items():
            outlets[out or "(no outlet)"] = outlets.get(out or "(no outlet)", 0) + frames
        entry["outlets"] = outlets
    return found


def source_graph(store: Store, max_sources: int = 40, max_outlets: int = 20) -> dict[str, Any]:
    """Outlets and the sources they cite, each sized by how many frames it appears in; edges weighted the same way."""
    cited = sources(store)[:max_sources]
    outlets: dict[str, int] = {}
    edges = []
    for number, source in enumerate(cited):
        for outlet, weight in source["outlets"].items():
            outlets[outlet] = outlets.get(outlet, 0) + weight
            edges.append({"source": number, "outlet": outlet, "weight": weight})
    kept = sorted(outlets, key=lambda o: (-outlets[o], o.lower()))[:max_outlets]
    return {
        "outlets": [{"name": o, "frames": outlets[o]} for o in kept],
        "sources": [{"name": s["name"], "kind": s["kind"], "frames": s["frames"]} for s in cited],
        "edges": [{**e, "outlet": kept.index(e["outlet"])} for e in edges if e["outlet"] in kept],
    }


def article_list(
    store: Store,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[Article]:
    """Articles in the store's order, optionally of one outlet and published within [since, until]."""
    first, last = parse_date(since, "since"), parse_date(until, "until")
    if (limit is not None and limit < 0) or offset < 0:
        raise ConfigError("limit and offset must be zero or more")
    return store.articles(outlet=outlet or None, since=first, until=last, limit=limit, offset=offset)


# --- Linking across articles: stories and event clusters (stored by `reportedly.link`) ------------------------------


def stories(store: Store, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, the latest first: id, title, first/last published, articles, clusters, counts of links by kind."""
    from .link.queries import stories as stored_stories

    if (limit is not None and limit < 0) or offset < 0:
        raise ConfigError("limit and offset must be zero or more")
    return stored_stories(store, limit=limit, offset=offset)


def event_cluster(store: Store, key: str) -> dict[str, Any]:
    """One event across articles: the stored cluster with its per-article matrix, plus `by_status`, every frame
    asserting it grouped by status in the order of STATUSES, and the events of each article that belong to it."""
    from .link.queries import event as stored_event

    cluster = stored_event(store, key)
    by_status: dict[str, list[dict[str, Any]]] = {status: [] for status in STATUSES}
    indexes: dict[str, list[int]] = {}
    for m in cluster["members"]:
        if m.get("kind", "event") == "event":
            indexes.setdefault(m["article_id"], []).append(int(m["index"]))
    for row in cluster["matrix"]:
        found = indexes.get(row["article_id"], [])
        row["event"] = event_id(row["article_id"], found[0]) if len(found) == 1 else None
        member = {k: row.get(k) for k in ("article_id", "outlet", "published", "copy_of", "trigger", "quantity")}
        for frame in row["frames"]:
            by_status.setdefault(frame["status"], []).append({**member, **frame})
    outlets = {row["article_id"]: row.get("outlet") for row in cluster["matrix"]}
    for link in cluster.get("contradictions", []):
        for end in ("from", "to"):
            ref = link.get(end) or {}
            link[f"{end}_outlet"] = outlets.get(ref.get("article_id"))
    cluster["by_status"] = by_status
    cluster["events"] = [
        event_id(m["article_id"], m["index"]) for m in cluster["members"] if m.get("kind", "event") == "event"
    ]
    return cluster


def cluster_of_event(store: Store, key: str) -> str | None:
    """The id of the event cluster an article's event belongs to, or None when it is not linked (yet)."""
    from .link.queries import frame_links

    article_key, index = parse_event_id(key)
    article, analysis = article_view(store, article_key)
    if analysis is None or not 0 <= index < len(analysis.events):
        return None
    candidates = {c for links in frame_links(store, article.id).values() for c in links["events"]}
    for cluster_id in sorted(candidates):
        members = stored_members(store, cluster_id)
        if (article.id, index) in members:
            return cluster_id
    return None


def stored_members(store: Store, cluster_id: str) -> set[tuple[str, int]]:
    from .link.queries import event as stored_event

    return {(m["article_id"], int(m["index"])) for m in stored_event(store, cluster_id)["members"]}


def frame_links(store: Store, article_id: str) -> dict[int, dict[str, Any]]:
    """Per frame of an article: frames of other articles stating the same claim, supporting, contradicting or cited
    by it, and the event clusters its events belong to (empty until `link` has run)."""
    from .link.queries import frame_links as stored_links

    return stored_links(store, article_id)


def claims_with_links(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Ledger rows with their claim id, event clusters and links to other articles' frames (empty before `link`)."""
    from .link.queries import with_links

    return with_links(store, rows)
