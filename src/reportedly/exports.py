"""Exports of the ledger: JSON lines, CSV and PROV-O JSON-LD.

`export(store, "prov", out)` writes one JSON-LD document in which articles and claims are `prov:Entity`, outlets and
sources are `prov:Agent`, each claim `prov:wasAttributedTo` its source (or its outlet when it is the article's own
voice) and `prov:wasDerivedFrom` the frame it is nested in, or else the article it was read from.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from . import service
from .errors import ConfigError
from .store.base import CLAIM_KEYS, ClaimFilter, Store

FORMATS = ("jsonl", "csv", "prov")
MEDIA_TYPES = {"jsonl": "application/x-ndjson", "csv": "text/csv", "prov": "application/ld+json"}
SUFFIXES = {"jsonl": "jsonl", "csv": "csv", "prov": "jsonld"}

NS = "https://github.com/reportedly/reportedly/ns#"
CONTEXT = {
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rep": NS,
    "label": "rdfs:label",
    "wasAttributedTo": {"@id": "prov:wasAttributedTo", "@type": "@id"},
    "wasDerivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "value": "prov:value",
    "generatedAtTime": {"@id": "prov:generatedAtTime", "@type": "xsd:date"},
    "article": {"@id": "rep:article", "@type": "@id"},
    "url": {"@id": "rep:url", "@type": "@id"},
}
# Source kinds that are people or organisations in PROV's own terms; the rest stay plain agents.
AGENT_TYPES = {
    "person": "prov:Person",
    "expert": "prov:Person",
    "government": "prov:Organization",
    "anonymous_official": "prov:Organization",
    "media": "prov:Organization",
    "organization": "prov:Organization",
}
# Cells starting with these are formulas to a spreadsheet; CSV cells get a leading apostrophe so they stay text.
_FORMULA = re.compile(r"^[=+\-@\t\r]")


def export(store: Store, fmt: str, out: TextIO, filters: ClaimFilter | None = None) -> int:
    """Write the claims matching `filters` (all when None) to `out` as `fmt`; return how many claims were written."""
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return export_rows(store, service.claims(store, filters or ClaimFilter()), fmt, out)


def export_rows(store: Store, rows: list[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write these ledger rows to `out` as `fmt`; the store is read only for the articles of the PROV graph."""
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    if fmt == "jsonl":
        return write_jsonl(rows, out)
    if fmt == "csv":
        return write_csv(rows, out)
    json.dump(prov_document(store, rows), out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(rows)


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps({key: row.get(key) for key in CLAIM_KEYS}, ensure_ascii=False, default=str))
        out.write("\n")
        count += 1
    return count


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists joined with '; ', text that a spreadsheet would run as a formula made inert."""
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str) and _FORMULA.match(value):
        return "'" + value
    return value


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CLAIM_KEYS)
    count = 0
    for row in rows:
        writer.writerow([csv_cell(row.get(key)) for key in CLAIM_KEYS])
        count += 1
    return count


def slug(text: str) -> str:
    """A readable, IRI-safe key for a name: lower case words joined by hyphens."""
    return "-".join(re.findall(r"\w+", text.lower())) or "unnamed"


def article_iri(article_id: str) -> str:
    return f"urn:reportedly:article:{article_id}"


def claim_iri(article_id: str, index: int) -> str:
    return f"urn:reportedly:claim:{article_id}:{index}"


def outlet_iri(outlet: str | None) -> str:
    return f"urn:reportedly:outlet:{slug(outlet or 'unknown outlet')}"


def source_iri(name: str, kind: str) -> str:
    return f"urn:reportedly:source:{kind}:{slug(name)}"


def prov_document(store: Store, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The PROV-O JSON-LD graph of these claims with their articles, outlets and sources."""
    nodes: dict[str, dict[str, Any]] = {}
    for row in rows:
        if article_iri(row["article_id"]) not in nodes:
            _add_article(store, row["article_id"], nodes)
        claim = _claim_node(row)
        name = row.get("source_name") or row.get("source_text")
        if name:
            kind = row.get("source_kind") or "unspecified"
            agent = source_iri(name, kind)
            types = ["prov:Agent", *([AGENT_TYPES[kind]] if kind in AGENT_TYPES else [])]
            nodes.setdefault(agent, {"@id": agent, "@type": types, "label": name, "rep:kind": kind})
            claim["wasAttributedTo"] = agent
        else:
            claim["wasAttributedTo"] = outlet_iri(row.get("outlet"))
        nodes[claim["@id"]] = claim
    return {"@context": CONTEXT, "@graph": list(nodes.values())}


def _add_article(store: Store, article_id: str, nodes: dict[str, dict[str, Any]]) -> None:
    article, _ = service.article_view(store, article_id)
    outlet = outlet_iri(article.outlet)
    nodes.setdefault(
        outlet,
        {"@id": outlet, "@type": ["prov:Agent", "prov:Organization"], "label": article.outlet or "unknown outlet"},
    )
    node: dict[str, Any] = {
        "@id": article_iri(article.id),
        "@type": "prov:Entity",
        "rep:kind": "article",
        "label": article.title or article.name or article.id,
        "wasAttributedTo": outlet,
    }
    if article.published:
        node["generatedAtTime"] = article.published.isoformat()
    if article.url:
        node["url"] = article.url
    nodes[node["@id"]] = node


def _claim_node(row: dict[str, Any]) -> dict[str, Any]:
    parent = row.get("parent")
    article = article_iri(row["article_id"])
    node: dict[str, Any] = {
        "@id": claim_iri(row["article_id"], row["index"]),
        "@type": "prov:Entity",
        "rep:kind": "claim",
        "value": row.get("content_text") or "",
        "rep:status": row["status"],
        "rep:start": row.get("content_start"),
        "rep:end": row.get("content_end"),
        "article": article,
        "wasDerivedFrom": claim_iri(row["article_id"], parent) if parent is not None else article,
    }
    if row.get("cue_text"):
        node["rep:cue"] = row["cue_text"]
    if row.get("hedges"):
        node["rep:hedge"] = list(row["hedges"])
    return node
