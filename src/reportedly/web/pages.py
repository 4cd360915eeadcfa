"""Server-rendered pages of the web UI. Jinja2 escapes every value; scripts come only from /static."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import service
from ..records import SOURCE_KINDS, STATUSES
from ..store import SNIPPET_MARKS
from ..store.base import Store
from . import charts, markup
from .api import DateText, ShortText, StoreDep, memo

router = APIRouter(include_in_schema=False)
env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
env.undefined = StrictUndefined
env.tests["web_url"] = lambda value: isinstance(value, str) and value.lower().startswith(("http://", "https://"))
templates = Jinja2Templates(env=env)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) parts; the store puts matched words between SNIPPET_MARKS."""
    opening, closing = SNIPPET_MARKS
    parts: list[tuple[str, bool]] = []
    for chunk in snippet.split(opening):
        matched, found, rest = chunk.partition(closing)
        parts += [(matched, True), (rest, False)] if found else [(chunk, False)]
    return [(text, matched) for text, matched in parts if text]


env.filters["snippet_parts"] = snippet_parts
PAGE = 50
STORIES = 20
SORTS = {
    "published": lambda r: (r.get("published") or "", r["article_id"], r["index"]),
    "outlet": lambda r: ((r.get("outlet") or "").lower(), r.get("published") or ""),
    "source": lambda r: ((r.get("source_name") or r.get("source_text") or "").lower(), r.get("published") or ""),
    "status": lambda r: (STATUSES.index(r["status"]) if r["status"] in STATUSES else 99, r.get("published") or ""),
    "kind": lambda r: (r.get("source_kind") or "", r.get("published") or ""),
}


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("nav", "")
    return templates.TemplateResponse(request, name, {"statuses": STATUSES, **context}, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message, title="Error")


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    """The articles, latest published first (the store lists them oldest first, so pages are taken from the end)."""
    counts = service.overview(store)
    end = max(0, counts["articles"] - (page - 1) * PAGE)
    start = max(0, end - PAGE)
    articles = service.article_list(store, limit=end - start, offset=start) if end else []
    return render(
        request,
        "index.html",
        nav="articles",
        title="Articles",
        counts=counts,
        articles=articles[::-1],
        page=page,
        more=start > 0,
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, store: StoreDep, q: ShortText = None) -> HTMLResponse:
    hits = service.search(store, q, limit=100) if q and q.strip() else []
    return render(request, "search.html", nav="", title=f"Search {q}" if q else "Search", q=q or "", hits=hits)


@router.get("/articles/{key}", response_class=HTMLResponse)
def reader(request: Request, store: StoreDep, key: str) -> HTMLResponse:
    article, analysis = service.article_view(store, key)
    context: dict[str, Any] = {"depths": [], "children": {}, "events_of": {}}
    events: list[dict[str, Any]] = []
    if analysis is not None:
        context = markup.frame_context(analysis)
        events = [service.event_row(article, analysis, i) for i in range(len(analysis.events))]
    links = service.frame_links(store, article.id) if analysis is not None else {}
    names, labels = linked_names(store, links)
    return render(
        request,
        "article.html",
        nav="articles",
        title=article.title or article.name or article.id,
        article=article,
        analysis=analysis,
        pieces=markup.pieces(article.text, analysis),
        events=events,
        links=links,
        names=names,
        labels=labels,
        **context,
    )


def linked_names(store: Store, links: dict[int, dict[str, Any]]) -> tuple[dict[str, str], dict[str, str]]:
    """Readable names for the articles and event clusters the frames of an article are linked to."""
    names: dict[str, str] = {}
    labels: dict[str, str] = {}
    for entry in links.values():
        for key in ("same_claim", "supports", "contradicts", "cites"):
            for link in entry[key]:
                other = (link["to"] or {}).get("article_id")
                if other and other not in names:
                    found, _ = service.article_view(store, other)
                    names[other] = found.outlet or found.title or other[:8]
        for cluster_id in entry["events"]:
            if cluster_id not in labels:
                cluster = service.event_cluster(store, cluster_id)
                labels[cluster_id] = f"{cluster.get('label') or cluster_id} ({cluster['counts'].get('articles', 0)})"
    return names, labels


def contradicted(store: Store, rows: list[dict[str, Any]]) -> set[tuple[str, int]]:
    """The (article id, frame) pairs among these rows that a frame of another article contradicts."""
    found: set[tuple[str, int]] = set()
    for article_id in {row["article_id"] for row in rows}:
        for index, entry in service.frame_links(store, article_id).items():
            if entry["contradicts"]:
                found.add((article_id, index))
    return found


def ledger_query(request: Request, **changes: Any) -> str:
    params = {k: v for k, v in request.query_params.items() if v}
    params.update({k: str(v) for k, v in changes.items() if v not in (None, "")})
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
    return urlencode(params)


@router.get("/ledger", response_class=HTMLResponse)
def ledger(
    request: Request,
    store: StoreDep,
    status: ShortText = None,
    source_kind: ShortText = None,
    source: ShortText = None,
    outlet: ShortText = None,
    since: DateText = None,
    until: DateText = None,
    q: ShortText = None,
    article_id: ShortText = None,
    event_since: DateText = None,
    event_until: DateText = None,
    asserted: bool = False,
    sort: Annotated[str, Query(pattern=r"^-?(published|outlet|source|status|kind)$")] = "published",
    start: Annotated[int, Query(ge=0, le=100_000_000)] = 0,
) -> HTMLResponse:
    filters = service.claim_filter(
        source=source,
        status=status,
        outlet=outlet,
        since=since,
        until=until,
        source_kind=source_kind,
        text=q,
        article_id=article_id,
    )
    include = asserted or bool(status)
    if sort == "published":
        rows, following = service.claims_page(store, filters, PAGE, start, event_since, event_until, include)
    else:
        everything = service.ledger_rows(store, filters, event_since, event_until, include_asserted=include)
        everything.sort(key=SORTS[sort.lstrip("-")], reverse=sort.startswith("-"))
        rows = everything[start : start + PAGE]
        following = start + PAGE if len(everything) > start + PAGE else None
    disputed = contradicted(store, rows)
    export = ledger_query(request, sort=None, start=None, asserted="true" if asserted else "false")
    return render(
        request,
        "ledger.html",
        nav="ledger",
        title="Ledger",
        rows=rows,
        disputed=disputed,
        following=following,
        start=start,
        sort=sort,
        kinds=SOURCE_KINDS,
        form=dict(request.query_params),
        export_query=export,
        query=lambda **kw: ledger_query(request, **kw),
    )


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    store: StoreDep,
    event_since: DateText = None,
    event_until: DateText = None,
    outlet: ShortText = None,
    type: ShortText = None,
) -> HTMLResponse:
    found = memo(request).get(
        store, service.events, outlet=outlet, event_type=type, since=event_since, until=event_until
    )
    rows = sorted(found, key=lambda e: (e["date_start"] is None, e["date_start"] or "", e["id"]))
    return render(
        request,
        "events.html",
        nav="events",
        title="Events",
        events=rows,
        chart=charts.timeline(rows),
        focus=charts.focus(rows),
        form=dict(request.query_params),
    )


@router.get("/events/{key}", response_class=HTMLResponse)
def event_page(request: Request, store: StoreDep, key: str) -> HTMLResponse:
    view = service.event_view(store, key)
    cluster = service.cluster_of_event(store, key)
    title = f"Event {view['event']['trigger']['text']}"
    return render(request, "event.html", nav="events", title=title, cluster_id=cluster, **view)


@router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, store: StoreDep, page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> HTMLResponse:
    found = service.stories(store, limit=STORIES + 1, offset=(page - 1) * STORIES)
    shown = []
    for story in found[:STORIES]:
        clusters = [service.event_cluster(store, key) for key in story.get("clusters", [])]
        clusters.sort(key=lambda c: (-c["counts"].get("articles", 0), c.get("label") or ""))
        shared = [c for c in clusters if c["counts"].get("articles", 0) > 1]
        shown.append({**story, "shared": shared, "single": len(clusters) - len(shared)})
    return render(
        request, "stories.html", nav="stories", title="Stories", stories=shown, page=page, more=len(found) > STORIES
    )


@router.get("/clusters/{key}", response_class=HTMLResponse)
def cluster_page(request: Request, store: StoreDep, key: str) -> HTMLResponse:
    cluster = service.event_cluster(store, key)
    return render(request, "cluster.html", nav="stories", title=f"Event {cluster.get('label') or key}", cluster=cluster)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep, world: bool = False) -> HTMLResponse:
    rows = memo(request).get(store, service.events, located=True)
    view = charts.map_view(rows, world=world)
    points = charts.map_points(rows, view)
    return render(
        request, "map.html", nav="map", title="Map of events", events=rows, view=view, world=world, points=points
    )


@router.get("/sources", response_class=HTMLResponse)
def sources_page(
    request: Request, store: StoreDep, max_sources: Annotated[int, Query(ge=1, le=200)] = 40
) -> HTMLResponse:
    graph = memo(request).get(store, service.source_graph, max_sources=max_sources)
    return render(
        request,
        "sources.html",
        nav="sources",
        title="Sources",
        chart=charts.source_graph(graph),
        sources=memo(request).get(store, service.sources)[:200],
    )
