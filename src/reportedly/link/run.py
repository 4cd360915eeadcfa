"""`link(store)`: link what is new in a store, incrementally, deterministically and in one transaction.

Articles not linked yet are linked together with the stored articles published within the story window of them
(and the other articles of the stories those belong to); the stories, clusters and links of that neighbourhood are
replaced. A run that finds nothing new changes nothing; an interrupted run leaves the previous state, and the next
run does its work again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ..errors import StoreError
from ..records import Analysis, Article
from ..store.base import Store
from .core import link_articles
from .records import LinkResult
from .stories import WINDOW_DAYS

CHUNK = 500


@dataclass
class LinkSummary:
    new_articles: int = 0
    linked_articles: int = 0
    stories: int = 0
    clusters: int = 0
    links: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "new_articles": self.new_articles,
            "linked_articles": self.linked_articles,
            "stories": self.stories,
            "clusters": self.clusters,
            "links": self.links,
            "by_kind": dict(sorted(self.by_kind.items())),
        }

    def describe(self) -> str:
        if not self.new_articles:
            return "Nothing new to link."
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(self.by_kind.items())) or "no links"
        return (
            f"linked {self.new_articles} new articles ({self.linked_articles} with their neighbours) into "
            f"{self.stories} stories, {self.clusters} event clusters and {self.links} links: {kinds}"
        )


def _sql(store: Store) -> Any:
    """The SQL layer of a store (both backends share it)."""
    if not all(hasattr(store, name) for name in ("_tx", "_rows", "_execute", "_executemany")):
        raise StoreError(f"The store {store.url} does not support linking: use an SQLite or PostgreSQL store.")
    return store


def linked_ids(store: Store) -> dict[str, str]:
    """article id -> story id of the articles linked so far."""
    db = _sql(store)
    with db._tx("read linked articles"):
        return {r["article_id"]: r["story_id"] for r in db._rows("SELECT article_id, story_id FROM link_articles")}


def _neighbourhood(store: Store, new: list[Article], linked: dict[str, str]) -> list[Article]:
    """The new articles, the stored ones within the story window of them, and the rest of their stories."""
    days = [a.published for a in new if a.published]
    chosen = {a.id: a for a in new}
    if days:
        since, until = min(days) - timedelta(days=WINDOW_DAYS), max(days) + timedelta(days=WINDOW_DAYS)
        chosen.update({a.id: a for a in store.articles(since=since, until=until)})
    if len(days) < len(new):
        chosen.update({a.id: a for a in store.articles() if a.published is None})
    stories = {linked[i] for i in chosen if i in linked}
    if stories:
        for a in store.articles():
            if linked.get(a.id) in stories:
                chosen[a.id] = a
    return [chosen[k] for k in sorted(chosen)]


def _pairs(store: Store, articles: Iterable[Article]) -> list[tuple[Article, Analysis]]:
    out = []
    for art in articles:
        analysis = store.analysis(art.id)
        if analysis is not None and not analysis.skipped:
            out.append((art, analysis))
    return out


def link(store: Store, now: date | None = None) -> LinkSummary:
    """Link the articles of `store` that were not linked yet; see the module docstring."""
    linked = linked_ids(store)
    new = [a for a in store.articles() if a.id not in linked]
    new_pairs = _pairs(store, new)
    summary = LinkSummary(new_articles=len(new_pairs))
    if not new_pairs:
        return summary
    pairs = _pairs(store, _neighbourhood(store, [a for a, _ in new_pairs], linked))
    result = link_articles(pairs)
    old_stories = sorted({linked[a.id] for a, _ in pairs if a.id in linked})
    save(store, result, old_stories, now)
    summary.linked_articles = len(pairs)
    summary.stories = len(result.stories)
    summary.clusters = len(result.clusters)
    summary.links = len(result.links)
    for item in result.links:
        summary.by_kind[item.kind] = summary.by_kind.get(item.kind, 0) + 1
    return summary


def _story_of(result: LinkResult) -> dict[str, str]:
    return {a: s.id for s in result.stories for a in s.articles}


def save(store: Store, result: LinkResult, replace: Sequence[str], now: date | None = None) -> None:
    """Replace the stories `replace` (and any of the result's) by the result, in one transaction."""
    db = _sql(store)
    stamp = now.isoformat() if now else datetime.now(UTC).isoformat(timespec="seconds")
    story_of = _story_of(result)
    cluster_story = {c: s.id for s in result.stories for c in s.clusters}
    gone = sorted(set(replace) | {s.id for s in result.stories})
    with db._tx("save links", write=True):
        for start in range(0, len(gone), CHUNK):
            chunk = gone[start : start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            db._execute(
                "DELETE FROM link_members WHERE cluster_id IN "
                f"(SELECT id FROM link_clusters WHERE story_id IN ({marks}))",
                chunk,
            )
            for table, column in (
                ("link_clusters", "story_id"),
                ("link_links", "story_id"),
                ("link_stories", "id"),
                ("link_articles", "story_id"),
            ):
                db._execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", chunk)
        db._executemany(
            "INSERT INTO link_stories (id, title, first_published, last_published, articles, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (s.id, s.title, s.first_published, s.last_published, len(s.articles), json.dumps(s.to_dict()))
                for s in result.stories
            ],
        )
        db._executemany(
            "INSERT INTO link_articles (article_id, story_id, linked_at) VALUES (?, ?, ?) "
            "ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, linked_at = excluded.linked_at",
            [(a, s, stamp) for a, s in sorted(story_of.items())],
        )
        db._executemany(
            "INSERT INTO link_clusters (id, story_id, type, label, articles, outlets, independent_sources, data) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    c.id,
                    cluster_story[c.id],
                    c.type,
                    c.label,
                    c.counts.articles,
                    c.counts.outlets,
                    c.counts.independent_sources,
                    json.dumps(c.to_dict()),
                )
                for c in result.clusters
            ],
        )
        db._executemany(
            "INSERT INTO link_members (cluster_id, article_id, idx) VALUES (?, ?, ?)",
            [(c.id, m.article_id, m.index) for c in result.clusters for m in c.members],
        )
        db._executemany(
            "INSERT INTO link_links (id, story_id, kind, from_article, from_index, from_kind, to_article, to_index, "
            "to_kind, score, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    item.id,
                    story_of[item.source.article_id],
                    item.kind,
                    item.source.article_id,
                    item.source.index,
                    item.source.kind,
                    item.target.article_id if item.target else None,
                    item.target.index if item.target else None,
                    item.target.kind if item.target else None,
                    item.score,
                    json.dumps(item.to_dict()),
                )
                for item in result.links
            ],
        )
