"""Queries across articles, run against every backend: keyset paging of the ledger, events(), sources(), and
the SQLite query plans that keep a page of the ledger from sorting the whole store."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reportedly import service
from reportedly.errors import StoreError
from reportedly.records import Analysis, Article, Attribution, Event, Place, Source, Span, TimeRef, article_id
from reportedly.store import EVENT_KEYS, SOURCE_KEYS, ClaimFilter, claim_key, open_store
from reportedly.store.base import Store

Corpus = list[tuple[Article, Analysis]]


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def frame(text: str, source: tuple[str, str, str], cue: str, content: str, status: str) -> Attribution:
    """An attribution located in `text`: its source is (span text, canonical name, kind); all after the source."""
    at = text.index(source[0])
    who = Source(span(text, source[0], at), source[1], source[2])
    return Attribution(who, span(text, cue, at), span(text, content, at), status, extractor="test-1")


def _convoy() -> tuple[Article, Analysis]:
    """Events the extractor did not link to frames, a time index out of range and a place without coordinates."""
    text = (
        "Reuters reported that the convoy was hit near Kherson. Police said a bridge collapsed. "
        "The governor claimed that a drone attack was repelled."
    )
    art = Article(article_id(text), text, "Wire Digest", None, date(2024, 11, 22), "Convoy", name="convoy")
    frames = (
        frame(text, ("Reuters", "Reuters", "media"), "reported", "the convoy was hit near Kherson", "reported"),
        frame(text, ("Police", "Police", "government"), "said", "a bridge collapsed", "reported"),
        frame(text, ("The governor", "Governor", "government"), "claimed", "a drone attack was repelled", "claimed"),
        frame(text, ("Reuters", "Reuters", "media"), "reported", "the convoy", "reported"),
    )
    events = (
        Event(span(text, "hit"), "attack", place=0, time=5),  # no links: the frames whose content holds "hit"
        Event(span(text, "collapsed"), "DAMAGE", place=1, time=0, attributions=(1, 9)),  # 9 is out of range
        Event(span(text, "attack"), "Attack", negated=True, modality="claimed", attributions=(2,)),
    )
    times = (TimeRef(span(text, "Police"), None, "vague"),)
    places = (
        Place(span(text, "Kherson"), "Kherson", "UA", "Kherson Oblast", 46.6354, 32.6169, 706448, "event"),
        Place(span(text, "bridge"), "the bridge", role="mentioned"),
    )
    return art, Analysis(art.id, frames, events, times, places, "test-1")


def _undated_event() -> tuple[Article, Analysis]:
    text = "Officials said the dam was struck."
    art = Article(article_id(text), text, None, None, None, None, name="dam")
    frames = (frame(text, ("Officials", "Officials", "anonymous_official"), "said", "the dam was struck", "reported"),)
    events = (Event(span(text, "struck"), "ATTACK", attributions=(0,)),)
    return art, Analysis(art.id, frames, events, (), (), "test-1")


@pytest.fixture()
def wide(store: Store, corpus: Corpus) -> tuple[Store, Corpus]:
    """The shared corpus plus an article of several events and an undated one with an event."""
    everything = [*corpus, _convoy(), _undated_event()]
    store.save_batch(everything)
    return store, everything


def names(rows: list[dict[str, Any]], corpus: Corpus) -> list[tuple[str | None, int]]:
    by_id = {article.id: article.name for article, _ in corpus}
    return [(by_id[r["article_id"]], r["index"]) for r in rows]


# -- keyset paging ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 2, 3, 5])
@pytest.mark.parametrize(
    "filters",
    [{}, {"status": "reported"}, {"source_kind": "government"}, {"text": "convoy"}, {"outlet": "wire digest"}],
)
def test_keyset_pages_walk_the_ledger_in_order(wide: tuple[Store, Corpus], size: int, filters: dict[str, Any]) -> None:
    store, _ = wide
    everything = store.claims(ClaimFilter(**filters))
    assert everything
    pages: list[dict[str, Any]] = []
    after = None
    for _ in range(len(everything) + 1):
        page = store.claims(ClaimFilter(**filters, limit=size, after=after))
        pages += page
        if len(page) < size:
            break
        after = claim_key(page[-1])
    assert pages == everything


def test_keyset_starts_after_the_given_row(wide: tuple[Store, Corpus]) -> None:
    store, corpus = wide
    ledger = store.claims()
    published = [i for i, r in enumerate(ledger) if r["published"] is not None]
    undated = [i for i, r in enumerate(ledger) if r["published"] is None]
    assert published and undated and max(published) < min(undated)  # undated articles come last
    for i in (0, max(published), min(undated), len(ledger) - 1):
        rest = store.claims(ClaimFilter(after=claim_key(ledger[i])))
        assert names(rest, corpus) == names(ledger[i + 1 :], corpus)
    with_date = claim_key(ledger[0])
    as_date = (date.fromisoformat(str(with_date[0])), with_date[1], with_date[2])
    assert store.claims(ClaimFilter(after=as_date)) == ledger[1:]


@pytest.mark.parametrize(
    "after",
    [
        ("2024-11-20",),
        (None, 5, 1),
        ("2024-11-20", "abcd", "first"),
        ("2024-11-20", "abcd", True),
        ("not a date", "abcd", 1),
        7,
    ],
)
def test_a_malformed_keyset_is_refused(filled: Store, after: Any) -> None:
    with pytest.raises(StoreError, match="claim_key"):
        filled.claims(ClaimFilter(after=after))


# -- events -------------------------------------------------------------------------------------------------------


def expected_events(corpus: Corpus) -> list[tuple[str | None, int, list[tuple[int, str]]]]:
    """(article name, event index, asserting frames with statuses) of every event, in the ledger's order."""
    order = sorted(corpus, key=lambda item: (item[0].published is None, item[0].published or date.min, item[0].id))
    rows = []
    for article, analysis in order:
        for index, event in enumerate(analysis.events):
            linked = [i for i in event.attributions if 0 <= i < len(analysis.attributions)]
            holding = [
                i
                for i, a in enumerate(analysis.attributions)
                if a.content.start <= event.trigger.start and event.trigger.end <= a.content.end
            ]
            frames = linked or holding
            rows.append((article.name, index, [(i, analysis.attributions[i].status) for i in frames]))
    return rows


def test_events_carry_their_article_time_place_and_frames(wide: tuple[Store, Corpus]) -> None:
    store, corpus = wide
    rows = store.events()
    assert [(r["index"], r["frames"]) for r in rows] == [(i, f) for _, i, f in expected_events(corpus)]
    analyses = {article.id: (article, analysis) for article, analysis in corpus}
    for row in rows:
        assert tuple(row) == EVENT_KEYS
        article, analysis = analyses[row["article_id"]]
        event = analysis.events[row["index"]]
        assert row["event"] == event
        assert (row["outlet"], row["title"]) == (article.outlet, article.title)
        assert row["published"] == (article.published.isoformat() if article.published else None)
        in_range = event.time is not None and 0 <= event.time < len(analysis.times)
        assert row["time"] == (analysis.times[event.time] if in_range and event.time is not None else None)
        assert row["place"] == (analysis.places[event.place] if event.place is not None else None)


def test_unlinked_event_is_asserted_by_the_frames_holding_its_trigger(wide: tuple[Store, Corpus]) -> None:
    store, corpus = wide
    convoy = corpus[3][0]
    rows = store.events(article_id=convoy.id)
    assert [r["frames"] for r in rows] == [[(0, "reported")], [(1, "reported")], [(2, "claimed")]]
    assert rows[0]["time"] is None  # its time index points past the article's times


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, [("kursk", 0), ("convoy", 0), ("convoy", 1), ("convoy", 2), ("dam", 0)]),
        ({"event_type": "attack"}, [("kursk", 0), ("convoy", 0), ("convoy", 2), ("dam", 0)]),
        ({"event_type": "DAMAGE"}, [("convoy", 1)]),
        ({"outlet": "WIRE DIGEST"}, [("convoy", 0), ("convoy", 1), ("convoy", 2)]),
        ({"outlet": "nowhere"}, []),
        ({"located": True}, [("kursk", 0), ("convoy", 0)]),  # the bridge has no coordinates
        ({"located": True, "outlet": "kyiv post"}, [("kursk", 0)]),
        ({"limit": 2, "offset": 1}, [("convoy", 0), ("convoy", 1)]),
        ({"offset": 4}, [("dam", 0)]),
    ],
)
def test_event_filters(wide: tuple[Store, Corpus], filters: dict[str, Any], expected: list[tuple[str, int]]) -> None:
    store, corpus = wide
    assert names(store.events(**filters), corpus) == expected


def test_events_of_an_unknown_article_are_none(wide: tuple[Store, Corpus]) -> None:
    store, _ = wide
    assert store.events(article_id="0" * 16) == []


# -- sources ------------------------------------------------------------------------------------------------------


def expected_sources(store: Store, **filters: Any) -> dict[tuple[str, str], dict[str, Any]]:
    """Sources counted from the ledger rows one by one, the way a reader of claims() would."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for row in store.claims(ClaimFilter(**filters)):
        label = row["source_name"] or row["source_text"]
        if not label or row["status"] == "asserted":
            continue
        entry = found.setdefault(
            (label, row["source_kind"] or "unspecified"),
            {"frames": 0, "articles": set(), "outlets": {}, "statuses": {}},
        )
        entry["frames"] += 1
        entry["articles"].add(row["article_id"])
        entry["outlets"][row["outlet"]] = entry["outlets"].get(row["outlet"], 0) + 1
        entry["statuses"][row["status"]] = entry["statuses"].get(row["status"], 0) + 1
    return {key: {**e, "articles": len(e["articles"])} for key, e in found.items()}


@pytest.mark.parametrize(
    "query, filters",
    [
        ({}, {}),
        ({"kind": "government"}, {"source_kind": "government"}),
        ({"outlet": "WIRE DIGEST"}, {"outlet": "WIRE DIGEST"}),
        ({"name": "reut"}, {"source": "reut"}),
        ({"name": "several"}, {"source": "several"}),  # the source's text
        ({"name": "nobody"}, {"source": "nobody"}),
    ],
)
def test_sources_count_what_the_ledger_holds(
    wide: tuple[Store, Corpus], query: dict[str, Any], filters: dict[str, Any]
) -> None:
    store, _ = wide
    rows = store.sources(**query)
    assert all(tuple(row) == SOURCE_KEYS for row in rows)
    got = {(r["name"], r["kind"]): {k: r[k] for k in ("frames", "articles", "outlets", "statuses")} for r in rows}
    assert got == expected_sources(store, **filters)
    order = [(-r["frames"], r["name"].lower()) for r in rows]
    assert order == sorted(order)


def test_a_source_cited_twice_in_one_article_counts_that_article_once(wide: tuple[Store, Corpus]) -> None:
    store, _ = wide
    (reuters,) = store.sources(name="reuters")
    assert (reuters["frames"], reuters["articles"], reuters["outlets"]) == (2, 1, {"Wire Digest": 2})
    assert reuters["statuses"] == {"reported": 2}


# -- query plans (SQLite) -----------------------------------------------------------------------------------------


def plans(path: Path, filters: ClaimFilter) -> list[str]:
    """The query plan lines of the statements the store runs for `filters`."""
    statements: list[str] = []
    with open_store(f"sqlite:///{path}") as store:
        store._conn.set_trace_callback(statements.append)  # type: ignore[attr-defined]
        store.claims(filters)
    ledger = [s for s in statements if "FROM articles a" in s and "attributions t" in s]
    assert len(ledger) == 1
    with sqlite3.connect(path) as conn:
        conn.create_function("rep_lower", 1, str.lower)
        return [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + ledger[0])]


@pytest.mark.parametrize(
    "filters",
    [
        ClaimFilter(limit=50),
        ClaimFilter(status="reported", limit=50),
        ClaimFilter(source_kind="government", status="denied", limit=50),
        ClaimFilter(source="officials", limit=50),
        ClaimFilter(outlet="kyiv post", since=date(2024, 1, 1), until=date(2024, 12, 31), limit=50),
        ClaimFilter(limit=50, after=("2024-11-20", "abcd", 2)),
        ClaimFilter(status="reported"),
    ],
)
def test_ledger_pages_are_read_in_index_order_not_sorted(tmp_path: Path, corpus: Corpus, filters: ClaimFilter) -> None:
    path = tmp_path / "plan.db"
    with open_store(f"sqlite:///{path}") as store:
        store.save_batch(corpus)
    plan = plans(path, filters)
    assert any("articles_ledger_order" in line for line in plan), plan
    assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan


# -- the service's lists over these queries -----------------------------------------------------------------------


def test_service_events_equal_the_rows_built_from_each_analysis(wide: tuple[Store, Corpus]) -> None:
    store, corpus = wide
    order = sorted(corpus, key=lambda item: (item[0].published is None, item[0].published or date.min, item[0].id))
    walked = [
        service.event_row(article, analysis, index)
        for article, analysis in order
        for index in range(len(analysis.events))
    ]
    assert service.events(store) == walked
    assert service.events(store, article_id="convoy") == [r for r in walked if r["title"] == "Convoy"]
    assert service.events(store, event_type="attack", located=True) == [
        r for r in walked if r["type"].lower() == "attack" and r["place"] and r["place"]["lat"] is not None
    ]


def test_service_sources_name_articles_without_an_outlet(wide: tuple[Store, Corpus]) -> None:
    store, _ = wide
    officials = {row["name"]: row for row in service.sources(store, kind="anonymous_official")}
    assert officials["Officials"]["outlets"] == {"(no outlet)": 2}
    assert officials["Officials"]["articles"] == 2
