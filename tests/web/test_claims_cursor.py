"""Paging /api/claims through a ledger of a few hundred frames: keyset cursors, position cursors, bad cursors."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from ledger_data import VERSION, article, frame

from reportedly.records import Analysis, Article, Event, Span, TimeRef
from reportedly.store import open_store
from reportedly.store.base import ClaimFilter
from reportedly.web.app import create_app

ARTICLES = 60
STATUSES = ("reported", "asserted", "denied", "claimed", "asserted")
PG_URL = os.environ.get("REPORTEDLY_TEST_PG_URL")


def deep_ledger() -> list[tuple[Article, Analysis]]:
    """60 articles of five frames each; several share a publication day and every seventh has none."""
    items = []
    for n in range(ARTICLES):
        text = " ".join(f"Speaker {n}-{i} said that thing {n}-{i} happened on 2 March." for i in range(len(STATUSES)))
        day = None if n % 7 == 0 else date(2025, 1 + n % 3, 1 + n % 5)
        made = article(text, f"Outlet {n % 4}", day, f"Report {n}")  # type: ignore[arg-type]
        frames = tuple(
            frame(text, f"Speaker {n}-{i}", "person", "said", f"thing {n}-{i} happened", status)
            for i, status in enumerate(STATUSES)
        )
        when = text.index("2 March")
        times = (TimeRef(Span(when, when + 7, "2 March"), f"2025-03-0{1 + n % 3}"),)
        hit = text.index("happened")
        events = (Event(Span(hit, hit + 8, "happened"), "ATTACK", time=0, attributions=(0, 2)),)
        items.append((made, Analysis(made.id, frames, events, times, (), VERSION)))
    return items


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def deep_client(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over the deep ledger in SQLite and, when REPORTEDLY_TEST_PG_URL is set, a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('deep') / 'deep.db'}"
        yield from serve(url)
        return
    if not PG_URL:
        pytest.skip("set REPORTEDLY_TEST_PG_URL to run the web tests on PostgreSQL")
    import psycopg

    schema = f"deep_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield from serve(f"{PG_URL}{'&' if '?' in PG_URL else '?'}options={quote(f'-csearch_path={schema}')}")
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def serve(url: str) -> Iterator[TestClient]:
    with open_store(url) as store:
        store.save_batch(deep_ledger())
    with TestClient(create_app(url)) as client:
        client.app.state.deep_url = url  # type: ignore[attr-defined]
        yield client


def unpaged(client: TestClient, **filters: Any) -> list[dict[str, Any]]:
    with open_store(client.app.state.deep_url) as store:  # type: ignore[attr-defined]
        return store.claims(ClaimFilter(**filters))


def walk(client: TestClient, limit: int, **params: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """Every row of /api/claims following the cursors, and the cursors met."""
    rows: list[dict[str, Any]] = []
    cursors: list[str] = []
    while True:
        extra = {"cursor": cursors[-1]} if cursors else {}
        response = client.get("/api/claims", params={"limit": limit, **params, **extra})
        assert response.status_code == 200, response.text
        body = response.json()
        rows += body["items"]
        if body["next"] is None:
            return rows, cursors
        assert body["count"] == limit, "a page before the last one is short"
        cursors.append(body["next"])


def ids(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(r["article_id"], r["index"]) for r in rows]


@pytest.mark.parametrize(
    "limit, params, keep",
    [
        (7, {"asserted": "true"}, lambda r: True),
        (50, {"asserted": "true"}, lambda r: True),
        (13, {}, lambda r: r["status"] != "asserted"),
        (9, {"status": "denied"}, lambda r: r["status"] == "denied"),
        (11, {"outlet": "Outlet 2"}, lambda r: r["outlet"] == "Outlet 2" and r["status"] != "asserted"),
    ],
)
def test_cursor_gives_every_row_once_in_order(
    deep_client: TestClient, limit: int, params: dict[str, Any], keep: Any
) -> None:
    everything = unpaged(deep_client)
    assert len(everything) == ARTICLES * len(STATUSES)
    expected = [r for r in everything if keep(r)]
    rows, cursors = walk(deep_client, limit, **params)
    assert ids(rows) == ids(expected)
    assert len(set(ids(rows))) == len(rows)
    assert len(cursors) == (len(expected) - 1) // limit
    assert all(len(c) <= 1400 and "=" not in c for c in cursors)


def test_ledger_order_puts_undated_articles_last(deep_client: TestClient) -> None:
    rows, _ = walk(deep_client, 17, asserted="true")
    days = [r["published"] for r in rows]
    dated = [d for d in days if d is not None]
    assert dated == sorted(dated) and days[len(dated) :] == [None] * (len(days) - len(dated))
    assert [(r["published"] or "~", r["article_id"], r["index"]) for r in rows] == sorted(
        (r["published"] or "~", r["article_id"], r["index"]) for r in rows
    )


def test_event_time_filter_pages_by_position(deep_client: TestClient) -> None:
    expected_articles = {a.id for a, an in deep_ledger() if an.times[0].value == "2025-03-02"}
    rows, cursors = walk(deep_client, 8, event_since="2025-03-02", event_until="2025-03-02")
    assert {r["article_id"] for r in rows} == expected_articles
    assert all(r["index"] in (0, 2) for r in rows)
    assert len(set(ids(rows))) == len(rows) == 2 * len(expected_articles)
    assert cursors and all(base64.urlsafe_b64decode(c + "==").startswith(b"o:") for c in cursors)


def key_cursor(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "params",
    [
        {"cursor": key_cursor("k:2025-13-40:3:abc")},
        {"cursor": key_cursor("k:2025-01-01:3:a\x00b")},
        {"cursor": key_cursor("k:2025-01-01:3:a\nb")},
        {"cursor": key_cursor("k:2025-01-01:99999999999:abc")},
        {"cursor": key_cursor("k:2025-01-01:-1:abc")},
        {"cursor": key_cursor("k:2025-01-01:3:" + "a" * 300)},
        {"cursor": key_cursor("k:2025-01-01:abc")},
        {"cursor": key_cursor('k:["2025-01-01", "abc", 3]')},
        {"cursor": "%%%not-base64"},
        {"cursor": key_cursor("k::3:abc"), "event_since": "2025-03-01"},
    ],
)
def test_bad_cursor_is_a_clear_error(deep_client: TestClient, params: dict[str, str]) -> None:
    response = deep_client.get("/api/claims", params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == 422 and "cursor" in body["error"]


def test_key_cursor_is_not_shifted_by_rows_added_before_it(tmp_path_factory: pytest.TempPathFactory) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('shift') / 'shift.db'}"
    ledger = deep_ledger()
    with open_store(url) as store:
        store.save_batch(ledger[10:])
    with TestClient(create_app(url)) as client:
        first = client.get("/api/claims", params={"limit": 40, "asserted": "true"}).json()
        with open_store(url) as store:
            store.save_batch(ledger[:10])
        second = client.get("/api/claims", params={"limit": 40, "asserted": "true", "cursor": first["next"]}).json()
    last = first["items"][-1]
    key = (last["published"] or "~", last["article_id"], last["index"])
    assert second["items"] and all((r["published"] or "~", r["article_id"], r["index"]) > key for r in second["items"])
