"""The JSON API under /api: thin handlers over `reportedly.service`.

Every list is paginated with an opaque cursor: pass the `next` of a page as `cursor` to get the following page.
Every error is `{"ok": false, "error": "...", "status": N}`.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import secrets
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from .. import exports, service
from ..errors import ConfigError, IngestError
from ..records import SOURCE_KINDS, STATUSES
from ..store.base import ClaimFilter, Store, claim_key

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 500
Status = Literal[STATUSES]  # type: ignore[valid-type]
SourceKind = Literal[SOURCE_KINDS]  # type: ignore[valid-type]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page")]
Cursor = Annotated[str | None, Query(max_length=64, description="The `next` value of the previous page")]
ClaimsCursor = Annotated[str | None, Query(max_length=1400, description="The `next` value of the previous page")]
DateText = Annotated[str | None, Query(max_length=32, description="YYYY-MM-DD, YYYY-MM or YYYY")]
ShortText = Annotated[str | None, Query(max_length=200)]


def store_of(request: Request) -> Iterator[Store]:
    with request.app.state.stores.use() as store:
        yield store


StoreDep = Annotated[Store, Depends(store_of)]


def memo(request: Request) -> Any:
    return request.app.state.memo


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for; a clear error for a cursor this server did not make."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if text.startswith("o:") and text[2:].isascii() and text[2:].isdigit() and len(text) <= 14:
            return int(text[2:])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    raise ConfigError(f"Invalid cursor {cursor!r}: pass the `next` value of a previous page, or no cursor")


def encode_key(key: tuple[str | None, str, int]) -> str:
    """A cursor standing for the ledger row at `key` (a claim_key): the next page starts after it."""
    published, article, index = key
    return base64.urlsafe_b64encode(f"k:{published or ''}:{index}:{article}".encode()).decode().rstrip("=")


KEY_CURSOR = re.compile(r"k:(\d{4}-\d{2}-\d{2})?:(\d{1,9}):(.{1,256})")


def decode_key(cursor: str) -> tuple[str | None, str, int] | None:
    """The row key a cursor made by encode_key stands for, None for any other cursor."""
    try:
        found = KEY_CURSOR.fullmatch(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
        if found and found[3].isprintable():
            day = date.fromisoformat(found[1]).isoformat() if found[1] else None
            return day, found[3], int(found[2])
    except (binascii.Error, UnicodeDecodeError, ValueError):
        pass
    return None


def decode_claims_cursor(cursor: str | None, dated: bool) -> tuple[int, tuple[str | None, str, int] | None]:
    """The offset or the row key a cursor of /api/claims stands for. A ledger filtered by event time is built
    whole and paged by position, so it takes position cursors only."""
    key = None if dated or not cursor else decode_key(cursor)
    return (0, key) if key else (decode_cursor(cursor), None)


def ok(data: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse({"ok": True, **data}, status_code=status)


def page(items: list[Any], offset: int, limit: int) -> dict[str, Any]:
    """`items` holds up to limit + 1 rows from `offset`; the extra row only tells that there is a next page."""
    more = len(items) > limit
    return {
        "items": items[:limit],
        "count": min(len(items), limit),
        "next": encode_cursor(offset + limit) if more else None,
    }


def slice_page(rows: list[Any], cursor: str | None, limit: int) -> dict[str, Any]:
    offset = decode_cursor(cursor)
    return page(rows[offset : offset + limit + 1], offset, limit)


@router.get("", summary="What the store holds and where the endpoints are")
def index(store: StoreDep, request: Request) -> JSONResponse:
    paths = sorted(request.app.openapi()["paths"])
    return ok(
        {"name": "reportedly", "version": request.app.version, "counts": service.overview(store), "endpoints": paths}
    )


@router.get("/articles", summary="Articles by publication date, without their text")
def list_articles(
    store: StoreDep,
    outlet: ShortText = None,
    since: DateText = None,
    until: DateText = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> JSONResponse:
    offset = decode_cursor(cursor)
    first, last = service.parse_date(since, "since"), service.parse_date(until, "until")
    found = store_articles(store, outlet, first, last, limit + 1, offset)
    return ok(page(found, offset, limit))


def store_articles(store: Store, outlet: str | None, since: Any, until: Any, limit: int, offset: int) -> list[Any]:
    items = service.article_list(store, outlet=outlet, since=since, until=until, limit=limit, offset=offset)
    return [{k: v for k, v in a.to_dict().items() if k != "text"} | {"chars": len(a.text)} for a in items]


@router.get("/articles/{key}", summary="One article (by id, id prefix or name) with its analysis and events")
def get_article(store: StoreDep, key: str) -> JSONResponse:
    article, analysis = service.article_view(store, key)
    events = [service.event_row(article, analysis, i) for i in range(len(analysis.events))] if analysis else []
    return ok({"article": article.to_dict(), "analysis": analysis.to_dict() if analysis else None, "events": events})


class ArticleIn(BaseModel):
    """An article to analyse and store."""

    text: str = Field(min_length=1, max_length=1_000_000)
    outlet: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=64, description="Publication date, e.g. 2024-11-24")
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)


def require_token(request: Request, authorization: Annotated[str | None, Header()] = None) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "This server is read-only: start it with --token to accept articles")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(
            401, "Send the server's token as `Authorization: Bearer TOKEN`", {"WWW-Authenticate": "Bearer"}
        )


@router.post("/articles", status_code=201, summary="Analyse and store one article (needs the token)")
def post_article(
    request: Request, store: StoreDep, body: ArticleIn, _: Annotated[None, Depends(require_token)]
) -> JSONResponse:
    from ..ingest.common import InputProblem, make_article
    from ..ingest.common import parse_date as parse_published
    from ..jobs import process

    try:
        fields = {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in body.model_dump().items()}
        article = make_article(
            fields["text"],
            outlet=fields["outlet"],
            url=fields["url"],
            title=fields["title"],
            published=parse_published(fields["published"]),
        )
    except InputProblem as exc:
        raise IngestError(f"Cannot ingest this article: {exc}") from exc
    state = request.app.state
    with state.ingest_lock:
        if state.nlp is None:
            from ..extract.pipeline import build_nlp

            state.nlp = build_nlp()
        summary = process([article], store, nlp=state.nlp, command="api")
    stored = summary.stored > 0
    return ok(
        {"id": article.id, "stored": stored, "already_stored": not stored, "location": f"/api/articles/{article.id}"},
        201 if stored else 200,
    )


def claim_filters(
    status: Status | None = None,
    source_kind: SourceKind | None = None,
    source: ShortText = None,
    outlet: ShortText = None,
    since: DateText = None,
    until: DateText = None,
    q: ShortText = None,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
) -> ClaimFilter:
    return service.claim_filter(
        source=source,
        status=status,
        outlet=outlet,
        since=since,
        until=until,
        source_kind=source_kind,
        text=q,
        article_id=article_id,
    )


Filters = Annotated[ClaimFilter, Depends(claim_filters)]
Asserted = Annotated[bool, Query(description="Include the article's own voice (status asserted)")]


@router.get("/claims", summary="The ledger: one row per attribution frame, filtered and paginated")
def list_claims(
    store: StoreDep,
    filters: Filters,
    event_since: DateText = None,
    event_until: DateText = None,
    asserted: Asserted = False,
    limit: Limit = 50,
    cursor: ClaimsCursor = None,
) -> JSONResponse:
    include = asserted or bool(filters.status)
    dated = bool(service.parse_date(event_since, "event_since") or service.parse_date(event_until, "event_until"))
    offset, after = decode_claims_cursor(cursor, dated)
    rows, following = service.claims_page(
        store, replace(filters, after=after), limit, offset, event_since, event_until, include
    )
    if following is None:
        following_cursor = None
    elif dated:
        following_cursor = encode_cursor(following)
    else:  # keyset: the next page starts after this page's last row, however deep
        following_cursor = encode_key(claim_key(rows[-1]))
    return ok({"items": rows, "count": len(rows), "next": following_cursor})


@router.get("/sources", summary="Sources, most cited first, with the outlets that cite them and their statuses")
def list_sources(
    request: Request,
    store: StoreDep,
    kind: SourceKind | None = None,
    outlet: ShortText = None,
    name: ShortText = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> JSONResponse:
    rows = memo(request).get(store, service.sources, kind=kind, outlet=outlet, name=name)
    return ok(slice_page(rows, cursor, limit))


@router.get("/sources/graph", summary="Outlets and the sources they cite, with frequencies")
def source_graph(
    request: Request,
    store: StoreDep,
    max_sources: Annotated[int, Query(ge=1, le=200)] = 40,
    max_outlets: Annotated[int, Query(ge=1, le=100)] = 20,
) -> JSONResponse:
    return ok(memo(request).get(store, service.source_graph, max_sources=max_sources, max_outlets=max_outlets))


@router.get("/events", summary="Events by article; filter by event time (not publication), type, outlet, place")
def list_events(
    request: Request,
    store: StoreDep,
    article_id: Annotated[str | None, Query(max_length=64)] = None,
    outlet: ShortText = None,
    type: ShortText = None,
    event_since: DateText = None,
    event_until: DateText = None,
    located: Annotated[bool, Query(description="Only events with a place on the map")] = False,
    dated: Annotated[bool, Query(description="Only events with a resolved date")] = False,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> JSONResponse:
    rows = memo(request).get(
        store,
        service.events,
        article_id=article_id,
        outlet=outlet,
        event_type=type,
        since=event_since,
        until=event_until,
        located=located,
        dated=dated,
    )
    return ok(slice_page(rows, cursor, limit))


@router.get("/events/{key}", summary="One event's verification matrix: every frame asserting it, by status")
def get_event(store: StoreDep, key: str) -> JSONResponse:
    return ok(service.event_view(store, key))


@router.get("/search", summary="Full-text search over article texts and titles")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)], limit: Limit = 20) -> JSONResponse:
    return ok({"items": service.search(store, q, limit=limit)})


@router.get("/export", summary="Download the claims matching the filters as jsonl, csv or PROV-O JSON-LD")
def export(
    store: StoreDep,
    filters: Filters,
    format: Literal["jsonl", "csv", "prov"] = "jsonl",
    event_since: DateText = None,
    event_until: DateText = None,
    asserted: Asserted = True,
) -> Response:
    include = asserted or bool(filters.status)
    rows = service.ledger_rows(store, filters, event_since, event_until, include_asserted=include)
    out = io.StringIO()
    exports.export_rows(store, rows, format, out)
    filename = f"reportedly-claims.{exports.SUFFIXES[format]}"
    return StreamingResponse(
        iter([out.getvalue()]),
        media_type=exports.MEDIA_TYPES[format] + "; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get("/stories", summary="Stories: clusters of articles about one development, the latest first")
def list_stories(store: StoreDep, limit: Limit = 50, cursor: Cursor = None) -> JSONResponse:
    offset = decode_cursor(cursor)
    return ok(page(service.stories(store, limit=limit + 1, offset=offset), offset, limit))


@router.get("/clusters/{key}", summary="One event across articles: every frame asserting it, by status")
def get_cluster(store: StoreDep, key: Annotated[str, Path(max_length=64)]) -> JSONResponse:
    return ok(service.event_cluster(store, key))
