"""Store fixtures: every test runs on SQLite (memory and file) and, when REPORTEDLY_TEST_PG_URL is set, PostgreSQL.

Each PostgreSQL test gets a fresh schema, chosen through the URL's `options=-csearch_path=...` and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest

from reportedly.records import Analysis, Article, Attribution, Event, Place, Source, Span, TimeRef, article_id
from reportedly.store import open_store
from reportedly.store.base import Store

PG_URL = os.environ.get("REPORTEDLY_TEST_PG_URL")
BACKENDS = [
    "sqlite-memory",
    "sqlite-file",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="set REPORTEDLY_TEST_PG_URL to run the store tests on PostgreSQL"),
        ],
    ),
]

OpenUrl = Callable[[], str]


def _with_schema(url: str, schema: str) -> str:
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-csearch_path={schema}')}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of one backend (the in-memory one is new at every opening)."""
    if request.param == "sqlite-memory":
        yield ":memory:"
    elif request.param == "sqlite-file":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
    else:
        import psycopg

        assert PG_URL
        schema = f"test_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(PG_URL, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {schema}")
            try:
                yield _with_schema(PG_URL, schema)
            finally:
                admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture()
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as opened:
        yield opened


def span(text: str, part: str, after: int = 0) -> Span:
    """`part` located in `text`: its first occurrence from `after` on, else its first one."""
    start = text.find(part, after)
    start = start if start >= 0 else text.index(part)
    return Span(start, start + len(part), part)


def frame(
    text: str, source: tuple[str, str, str] | None, cue: str | None, content: str, status: str, **extra: object
) -> Attribution:
    """An attribution located in `text`; `source` is (span text, canonical name, kind)."""
    who = Source(span(text, source[0]), source[1], source[2]) if source else None
    after = who.span.start if who and who.span else 0
    return Attribution(
        source=who,
        cue=span(text, cue, after) if cue else None,
        content=span(text, content, after),
        status=status,
        extractor="test-1",
        **extra,  # type: ignore[arg-type]
    )


def _kursk() -> tuple[Article, Analysis]:
    text = (
        "The BBC has confirmed that Storm Shadow missiles struck Kursk on Wednesday. "
        "Russian officials denied the strike. Several Telegram channels reported 12 missiles."
    )
    art = Article(article_id(text), text, "Kyiv Post", None, date(2024, 11, 20), "Missiles over Kursk", name="kursk")
    frames = (
        frame(text, ("BBC", "BBC", "media"), "has confirmed", "Storm Shadow missiles struck Kursk", "confirmed"),
        frame(text, ("Russian officials", "Russian officials", "government"), "denied", "the strike", "denied"),
        frame(
            text, ("Several Telegram channels", "Telegram channels", "social_media"), "reported", "12 missiles",
            "reported", hedges=("allegedly",), form="indirect",
        ),
    )  # fmt: skip
    events = (
        Event(span(text, "struck"), "ATTACK", actor=None, target=span(text, "Kursk"), instrument=span(text, "missiles"),
              quantity=None, place=0, time=0, attributions=(0, 1)),
    )  # fmt: skip
    times = (TimeRef(span(text, "Wednesday"), "2024-11-20", "date"),)
    places = (Place(span(text, "Kursk"), "Kursk", "RU", "Kursk Oblast", 51.73, 36.19, 538560, "event"),)
    return art, Analysis(art.id, frames, events, times, places, "test-1")


def _bridge() -> tuple[Article, Analysis]:
    text = (
        "According to the Ministry of Defence, the bridge was destroyed. Healey said the attack was lawful. "
        "The dam held."
    )
    art = Article(
        article_id(text), text, "MENAFN", "https://example.org/b", date(2024, 11, 24), "Bridge", name="bridge"
    )
    frames = (
        frame(text, ("Ministry of Defence", "UK Ministry of Defence", "government"), "According to",
              "the bridge was destroyed", "reported"),
        frame(text, ("Healey", "John Healey", "person"), "said", "the attack was lawful", "reported", parent=0),
        frame(text, None, None, "The dam held", "asserted", form="none"),
    )  # fmt: skip
    return art, Analysis(art.id, frames, (), (), (), "test-1")


def _undated() -> tuple[Article, Analysis]:
    text = (
        "Officials who spoke on condition of anonymity said the BBC report was wrong. Зеленський said the front held."
    )
    art = Article(article_id(text), text, None, None, None, None, language="en", name="undated")
    frames = (
        frame(text, ("Officials", "Officials", "anonymous_official"), "said", "the BBC report was wrong", "reported"),
        frame(text, ("Зеленський", "Зеленський", "person"), "said", "the front held", "reported", form="indirect"),
    )
    return art, Analysis(art.id, frames, (), (), (), "test-1")


@pytest.fixture()
def corpus() -> list[tuple[Article, Analysis]]:
    """Three analysed articles: two outlets and dates, and one with neither."""
    return [_kursk(), _bridge(), _undated()]


@pytest.fixture()
def filled(store: Store, corpus: list[tuple[Article, Analysis]]) -> Store:
    store.save_batch(corpus)
    return store
