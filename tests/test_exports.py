"""Exports of the ledger as JSON lines, CSV and PROV-O JSON-LD, over a real SQLite store."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent / "web"))

from ledger_data import ledger

from reportedly import exports
from reportedly.errors import ConfigError
from reportedly.service import claim_filter
from reportedly.store import open_store
from reportedly.store.base import CLAIM_KEYS, Store

FRAMES = [(art, i, f) for art, an in ledger() for i, f in enumerate(an.attributions)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(f"sqlite:///{tmp_path_factory.mktemp('exports') / 'x.db'}") as opened:
        opened.save_batch(ledger())
        yield opened


def run(store: Store, fmt: str, **filters: Any) -> tuple[int, str]:
    out = io.StringIO()
    count = exports.export(store, fmt, out, claim_filter(**filters) if filters else None)
    return count, out.getvalue()


def test_jsonl_has_every_claim_with_every_key(store: Store) -> None:
    count, text = run(store, "jsonl")
    rows = [json.loads(line) for line in text.splitlines()]
    assert count == len(rows) == len(FRAMES)
    assert all(list(row) == list(CLAIM_KEYS) for row in rows)
    assert {(r["article_id"], r["index"]) for r in rows} == {(a.id, i) for a, i, _ in FRAMES}


@pytest.mark.parametrize("filters", [{"status": "denied"}, {"source_kind": "government"}, {"outlet": "Wire Digest"}])
def test_filters_apply_to_every_format(store: Store, filters: dict[str, str]) -> None:
    counts = {fmt: run(store, fmt, **filters)[0] for fmt in exports.FORMATS}
    expected = len(store.claims(claim_filter(**filters)))
    assert set(counts.values()) == {expected} and expected > 0


def test_csv_round_trips_and_defuses_formulas(store: Store) -> None:
    count, text = run(store, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert count == len(rows) == len(FRAMES)
    assert list(rows[0]) == list(CLAIM_KEYS)
    hedged = next(r for r in rows if r["hedges"])
    assert hedged["hedges"] == "reportedly"


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("plain", "plain"),
        (["a", "b"], "a; b"),
        (None, None),
        (3, 3),
    ],
)
def test_csv_cell(value: Any, cell: Any) -> None:
    assert exports.csv_cell(value) == cell


def test_prov_graph(store: Store) -> None:
    count, text = run(store, "prov")
    doc = json.loads(text)
    assert doc["@context"]["prov"] == "http://www.w3.org/ns/prov#"
    nodes = {n["@id"]: n for n in doc["@graph"]}
    claims = [n for n in nodes.values() if n.get("rep:kind") == "claim"]
    articles = [n for n in nodes.values() if n.get("rep:kind") == "article"]
    assert count == len(claims) == len(FRAMES)
    assert len(articles) == len(ledger())
    for claim in claims:
        assert claim["@type"] == "prov:Entity"
        agent = nodes[claim["wasAttributedTo"]]
        assert "prov:Agent" in agent["@type"]
        assert nodes[claim["wasDerivedFrom"]]["@type"] == "prov:Entity"
    for article in articles:
        assert "prov:Organization" in nodes[article["wasAttributedTo"]]["@type"]


def test_prov_nested_frame_derives_from_its_parent(store: Store) -> None:
    doc = json.loads(run(store, "prov")[1])
    nodes = {n["@id"]: n for n in doc["@graph"]}
    kherson = ledger()[1][0]
    nested = nodes[exports.claim_iri(kherson.id, 1)]
    assert nested["wasDerivedFrom"] == exports.claim_iri(kherson.id, 0)
    assert nodes[nested["wasAttributedTo"]]["label"] == "two officials"
    top = nodes[exports.claim_iri(kherson.id, 0)]
    assert top["wasDerivedFrom"] == exports.article_iri(kherson.id)
    person = nodes[exports.source_iri("Analysts", "expert")]
    assert "prov:Person" in person["@type"]


def test_prov_parses_as_rdf(store: Store) -> None:
    rdflib = pytest.importorskip("rdflib", reason="rdflib is not installed (dev extra)")
    graph = rdflib.Graph().parse(data=run(store, "prov")[1], format="json-ld")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    attributed = set(graph.subject_objects(prov.wasAttributedTo))
    assert len(attributed) == len(FRAMES) + len(ledger())
    assert len(set(graph.subjects(rdflib.RDF.type, prov.Agent))) >= 1


def test_unknown_format(store: Store) -> None:
    with pytest.raises(ConfigError, match="jsonl, csv, prov"):
        exports.export(store, "xlsx", io.StringIO())


@pytest.mark.parametrize(
    "name, expected", [("The BBC", "the-bbc"), ("  ", "unnamed"), ("Ministry of Défense", "ministry-of-défense")]
)
def test_slug(name: str, expected: str) -> None:
    assert exports.slug(name) == expected
