"""Cross-article records: stories, event clusters and links between frames or events of different articles."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from ..records import Span

LINK_KINDS = ("same-claim", "supports", "contradicts", "cites", "copy-of")
STANCES = ("for", "against", "observing")


def content_id(prefix: str, *parts: str) -> str:
    """A short id derived from content: the same members always give the same id."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}-{digest}"


@dataclass(frozen=True, order=True)
class Ref:
    """One frame (kind "frame"), event (kind "event") or whole article (kind "article", index -1) of one article."""

    article_id: str
    index: int = -1
    kind: str = "event"

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "index": self.index, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Ref:
        return cls(str(data["article_id"]), int(data["index"]), str(data.get("kind") or "event"))


@dataclass(frozen=True)
class Counts:
    """How many articles, outlets and independent sources carry something, in all and by status."""

    articles: int = 0
    outlets: int = 0
    independent_sources: int = 0
    by_status: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "outlets": self.outlets,
            "independent_sources": self.independent_sources,
            "by_status": {k: dict(v) for k, v in sorted(self.by_status.items())},
        }


@dataclass(frozen=True)
class EventCluster:
    """One real-world event: its mentions in several articles, with the counts of who reports it how."""

    id: str
    type: str
    members: tuple[Ref, ...]
    counts: Counts
    label: str = ""
    sources: tuple[str, ...] = ()  # the independent sources (upstream keys), sorted

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "label": self.label,
            "members": [m.to_dict() for m in self.members],
            "counts": self.counts.to_dict(),
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Story:
    """The articles and event clusters of one development."""

    id: str
    articles: tuple[str, ...]
    clusters: tuple[str, ...]
    title: str = ""
    first_published: str | None = None
    last_published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "articles": list(self.articles),
            "clusters": list(self.clusters),
            "first_published": self.first_published,
            "last_published": self.last_published,
        }


@dataclass(frozen=True)
class Link:
    """A typed link from one frame, event or article to another (or to an upstream source outside the input)."""

    kind: str
    source: Ref
    target: Ref | None
    source_span: Span | None = None
    target_span: Span | None = None
    score: float = 1.0
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        target = self.target or Ref("", -1, "upstream")
        return content_id(
            "link",
            self.kind,
            *(str(v) for v in (self.source.article_id, self.source.index, self.source.kind)),
            *(str(v) for v in (target.article_id, target.index, target.kind)),
            str(sorted(self.detail.items())),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "from": self.source.to_dict(),
            "to": self.target.to_dict() if self.target else None,
            "from_span": self.source_span.to_dict() if self.source_span else None,
            "to_span": self.target_span.to_dict() if self.target_span else None,
            "score": round(self.score, 4),
            "detail": dict(self.detail),
        }


@dataclass(frozen=True)
class LinkResult:
    """Everything one linking pass finds."""

    stories: tuple[Story, ...] = ()
    clusters: tuple[EventCluster, ...] = ()
    links: tuple[Link, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "stories": [s.to_dict() for s in self.stories],
            "clusters": [c.to_dict() for c in self.clusters],
            "links": [link.to_dict() for link in self.links],
        }
