"""Read what `link` stored: stories, one event cluster as a verification matrix, and the links of frames."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..errors import NotFoundError
from ..store.base import Store
from .run import _sql


def stories(store: Store, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, the latest first: id, title, first/last published, article count, clusters, with counts of links."""
    db = _sql(store)
    with db._tx("list stories"):
        rows = db._rows(
            "SELECT data FROM link_stories ORDER BY last_published DESC, id LIMIT ? OFFSET ?",
            (db.unlimited if limit is None else limit, offset),
        )
        out = []
        for row in rows:
            story = json.loads(row["data"])
            kinds = db._rows(
                "SELECT kind, COUNT(*) AS n FROM link_links WHERE story_id = ? GROUP BY kind", (story["id"],)
            )
            story["links"] = {r["kind"]: int(r["n"]) for r in kinds}
            out.append(story)
        return out


def event(store: Store, cluster_id: str) -> dict[str, Any]:
    """One event cluster with a verification matrix: for each member mention, the article, outlet, date, trigger,
    and each frame's source, status and content; plus the contradictions about it. `cluster_id` may be a prefix."""
    db = _sql(store)
    with db._tx("read an event cluster"):
        rows = db._rows(
            "SELECT id, story_id, data FROM link_clusters WHERE id LIKE ? ORDER BY id LIMIT 2", (cluster_id + "%",)
        )
        if len(rows) != 1:
            problem = "No event cluster" if not rows else "More than one event cluster"
            raise NotFoundError(f"{problem} matches {cluster_id!r}: list them with `reportedly stories`.")
        cluster = json.loads(rows[0]["data"])
        links = db._rows(
            "SELECT data FROM link_links WHERE story_id = ? AND data LIKE ? ORDER BY id",
            (rows[0]["story_id"], f"%{rows[0]['id']}%"),
        )
        copies = _originals(db, sorted({m["article_id"] for m in cluster["members"]}))
    matrix = []
    for member in cluster["members"]:
        article = store.article(member["article_id"])
        analysis = store.analysis(article.id)
        if analysis is None or member["index"] >= len(analysis.events):
            continue
        ev = analysis.events[member["index"]]
        frames = [analysis.attributions[f] for f in ev.attributions if f < len(analysis.attributions)]
        matrix.append(
            {
                "article_id": article.id,
                "outlet": article.outlet,
                "published": article.published.isoformat() if article.published else None,
                "copy_of": copies.get(article.id),
                "trigger": ev.trigger.to_dict(),
                "quantity": ev.quantity,
                "frames": [
                    {
                        "index": f,
                        "source": frame.source.name if frame.source else None,
                        "kind": frame.source.kind if frame.source else None,
                        "status": frame.status,
                        "content": frame.content.text,
                    }
                    for f, frame in zip(ev.attributions, frames, strict=False)
                ]
                or [{"index": None, "source": article.outlet, "kind": "media", "status": "asserted", "content": ""}],
            }
        )
    cluster["matrix"] = matrix
    cluster["contradictions"] = [json.loads(r["data"]) for r in links if json.loads(r["data"])["kind"] == "contradicts"]
    return cluster


def _originals(db: Any, article_ids: Sequence[str]) -> dict[str, str]:
    """article id -> the original it republishes, as linking decided (not ingest's reading order)."""
    found: dict[str, str] = {}
    for start in range(0, len(article_ids), 500):
        chunk = list(article_ids[start : start + 500])
        marks = ", ".join("?" * len(chunk))
        for row in db._rows(
            f"SELECT from_article, to_article FROM link_links WHERE kind = 'copy-of' AND from_article IN ({marks})",
            chunk,
        ):
            found[row["from_article"]] = row["to_article"]
    return found


def frame_links(store: Store, article_id: str, indexes: Sequence[int] | None = None) -> dict[int, dict[str, Any]]:
    """For `claims --json`: per frame index of an article, its claim id, the frames of other articles that state
    the same claim, support it, contradict it or that it cites, and the event clusters its events belong to."""
    db = _sql(store)
    with db._tx("read frame links"):
        rows = db._rows(
            "SELECT data FROM link_links WHERE (from_article = ? AND from_kind = 'frame') "
            "OR (to_article = ? AND to_kind = 'frame') ORDER BY id",
            (article_id, article_id),
        )
        members = db._rows("SELECT cluster_id, idx FROM link_members WHERE article_id = ?", (article_id,))
    analysis = store.analysis(article_id)
    clusters: dict[int, set[str]] = {}
    if analysis is not None:
        by_event: dict[int, set[str]] = {}
        for m in members:
            by_event.setdefault(int(m["idx"]), set()).add(m["cluster_id"])
        for e, ev in enumerate(analysis.events):
            for f in ev.attributions:
                clusters.setdefault(f, set()).update(by_event.get(e, set()))
    out: dict[int, dict[str, Any]] = {}

    def entry(index: int) -> dict[str, Any]:
        return out.setdefault(
            index, {"claim": None, "same_claim": [], "supports": [], "contradicts": [], "cites": [], "events": []}
        )

    for row in rows:
        link = json.loads(row["data"])
        for here, there in (("from", "to"), ("to", "from")):
            ref = link[here]
            if ref is None or ref["article_id"] != article_id or ref["kind"] != "frame":
                continue
            item = entry(ref["index"])
            if link["detail"].get("claim"):
                item["claim"] = link["detail"]["claim"]
            key = link["kind"].replace("-", "_").replace("copy_of", "cites")
            item[key].append({"to": link[there], "detail": link["detail"]})
    for index, ids in clusters.items():
        entry(index)["events"] = sorted(ids)
    if indexes is not None:
        wanted = set(indexes)
        out = {k: v for k, v in out.items() if k in wanted}
    return dict(sorted(out.items()))


def links(store: Store, kind: str | None = None, story_id: str | None = None) -> list[dict[str, Any]]:
    """Stored links (optionally of one kind or one story), by id."""
    db = _sql(store)
    where, params = [], []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if story_id:
        where.append("story_id = ?")
        params.append(story_id)
    clause = f" WHERE {' AND '.join(where)}" if where else ""
    with db._tx("list links"):
        return [json.loads(r["data"]) for r in db._rows(f"SELECT data FROM link_links{clause} ORDER BY id", params)]


def with_links(store: Store, claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claim rows (Store.claims()) with the link fields added: `claim_id`, `events`, `same_claim`, `supports`,
    `contradicts` and `cites` (each a list of {"to": ref, "detail": ...}). Rows of unlinked articles get empty
    fields, so the keys are always there."""
    by_article: dict[str, dict[int, dict[str, Any]]] = {}
    out = []
    for row in claims:
        aid = row["article_id"]
        if aid not in by_article:
            by_article[aid] = frame_links(store, aid)
        found = by_article[aid].get(int(row["index"]), {})
        out.append(
            {
                **row,
                "claim_id": found.get("claim"),
                "events": found.get("events", []),
                **{key: found.get(key, []) for key in ("same_claim", "supports", "contradicts", "cites")},
            }
        )
    return out
