"""End to end: ingest the examples with the real pipeline into a real store, link, and read the story back."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from reportedly.ingest import read
from reportedly.jobs import process
from reportedly.link import queries
from reportedly.link.run import link
from reportedly.store import open_store
from reportedly.store.base import Store

PG_URL = os.environ.get("REPORTEDLY_TEST_PG_URL")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

WIRE = "Meridian Press"
REPUBLISHERS = ("The Northern Ledger", "Coastal Daily")


@pytest.fixture(scope="module")
def ledger(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    if not EXAMPLES.is_dir():
        pytest.skip(f"the examples are not at {EXAMPLES}")
    path = tmp_path_factory.mktemp("link") / "ledger.db"
    with open_store(f"sqlite:///{path}") as store:
        process(read(str(EXAMPLES), dedup=True), store, nlp=nlp)
        link(store)
        yield store


def ids_by_outlet(store: Store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for art in store.articles():
        out.setdefault(art.outlet or "", []).append(art.id)
    return out


def dam_story(store: Store) -> dict[str, Any]:
    outlets = ids_by_outlet(store)
    wire_ids = set(outlets[WIRE])
    return next(s for s in queries.stories(store) if wire_ids & set(s["articles"]) and len(s["articles"]) > 3)


def test_the_dam_story_holds_its_outlets_and_not_the_others(ledger: Store) -> None:
    outlets = {a.id: a.outlet for a in ledger.articles()}
    story = dam_story(ledger)
    names = {outlets[a] for a in story["articles"]}
    assert {WIRE, *REPUBLISHERS, "Velmora Herald", "Karsova Today", "Riverside Post"} <= names
    assert "Lindqvara Evening Post" not in names


def test_the_death_event_counts_the_republished_copies_once(ledger: Store) -> None:
    outlets = {a.id: a.outlet for a in ledger.articles()}
    story = dam_story(ledger)
    clusters = [queries.event(ledger, c) for c in story["clusters"]]
    wire_event = max(clusters, key=lambda c: (c["counts"]["articles"], c["id"]))
    members = {outlets[m["article_id"]] for m in wire_event["members"]}
    assert {WIRE, *REPUBLISHERS} <= members
    reported = wire_event["counts"]["by_status"]["reported"]
    assert reported["articles"] >= 3
    assert reported["independent_sources"] < reported["articles"]  # three printings of one wire text, one source
    assert wire_event["matrix"] and all(row["frames"] for row in wire_event["matrix"])


def test_the_matrix_marks_the_republications_as_copies_of_the_wire(ledger: Store) -> None:
    outlets = {a.id: a.outlet for a in ledger.articles()}
    story = dam_story(ledger)
    rows = [row for c in story["clusters"] for row in queries.event(ledger, c)["matrix"]]
    copies = {outlets[row["article_id"]]: row["copy_of"] and outlets[row["copy_of"]] for row in rows}
    assert copies[WIRE] is None
    for outlet in REPUBLISHERS:
        assert copies[outlet] == WIRE


def test_the_casualty_figures_contradict(ledger: Store) -> None:
    links = [
        link for link in links_of(ledger) if link["kind"] == "contradicts" and link["detail"].get("slot") == "deaths"
    ]
    values = {tuple(sorted(link["detail"]["values"])) for link in links}
    assert (14, 40) in values
    texts = {a.id: a.text for a in ledger.articles()}
    for item in links:
        span, ref = item["from_span"], item["from"]
        assert texts[ref["article_id"]][span["start"] : span["end"]] == span["text"]


def test_republishers_chain_to_the_wire(ledger: Store) -> None:
    outlets = {a.id: a.outlet for a in ledger.articles()}
    chains = {
        (outlets[link["from"]["article_id"]], outlets[link["to"]["article_id"]])
        for link in links_of(ledger)
        if link["kind"] in ("copy-of", "cites") and link["to"] and link["from"]["kind"] == "article"
    }
    for outlet in REPUBLISHERS:
        assert (outlet, WIRE) in chains


def test_claims_get_their_links(ledger: Store) -> None:
    karsova = ids_by_outlet(ledger)["Karsova Today"][0]
    fields = queries.frame_links(ledger, karsova)
    assert any(f["contradicts"] for f in fields.values())
    assert set(next(iter(fields.values()))) == {"claim", "same_claim", "supports", "contradicts", "cites", "events"}


def test_claim_rows_get_the_link_fields(ledger: Store) -> None:
    rows = queries.with_links(ledger, ledger.claims())
    assert rows and all({"claim_id", "events", "contradicts", "cites"} <= set(r) for r in rows)
    assert any(r["contradicts"] for r in rows) and any(r["events"] for r in rows)


def test_linking_again_changes_nothing(ledger: Store) -> None:
    before = links_of(ledger)
    assert link(ledger).new_articles == 0
    assert links_of(ledger) == before


def test_linking_in_two_runs_gives_the_same_as_one(ledger: Store, tmp_path: Path) -> None:
    pairs = [(a, ledger.analysis(a.id)) for a in sorted(ledger.articles(), key=lambda a: a.id)]
    with open_store(f"sqlite:///{tmp_path / 'two-runs.db'}") as store:
        store.save_batch(pairs[:4])
        first = link(store)
        store.save_batch(pairs[4:])
        second = link(store)
        assert (first.new_articles, second.new_articles) == (4, len(pairs) - 4)
        assert links_of(store) == links_of(ledger)


def links_of(store: Store) -> list[dict[str, Any]]:
    return queries.links(store)


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="set REPORTEDLY_TEST_PG_URL to link on PostgreSQL")
def test_linking_on_postgres_gives_the_same_links(ledger: Store) -> None:
    import psycopg

    assert PG_URL
    schema = f"test_{uuid.uuid4().hex[:12]}"
    pairs = [(a, ledger.analysis(a.id)) for a in sorted(ledger.articles(), key=lambda a: a.id)]
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            with open_store(f"{PG_URL}?options={quote(f'-csearch_path={schema}')}") as store:
                store.save_batch(pairs[:3])
                link(store)
                store.save_batch(pairs[3:])
                link(store)
                assert links_of(store) == links_of(ledger)
                assert [s["id"] for s in queries.stories(store)] == [s["id"] for s in queries.stories(ledger)]
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")
