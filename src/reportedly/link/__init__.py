"""The link stage: the same events and claims across outlets, independent sources, contradictions and chains.

- `link_articles(pairs) -> LinkResult`: one pure, deterministic pass over (Article, Analysis) pairs.
- `link(store) -> LinkSummary`: link what is new in a store, incrementally, in one transaction.
- `stance(frames, claim) -> "for" | "against" | "observing"`: an article's stance toward a claim.
- `queries`: stories, one event cluster with its verification matrix, the links of an article's frames.
"""

from __future__ import annotations

from .core import link_articles
from .records import Counts, EventCluster, Link, LinkResult, Ref, Story
from .run import LinkSummary, link
from .stance import stance

__all__ = [
    "Counts",
    "EventCluster",
    "Link",
    "LinkResult",
    "LinkSummary",
    "Ref",
    "Story",
    "link",
    "link_articles",
    "stance",
]
