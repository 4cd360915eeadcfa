"""One linking pass over (Article, Analysis) pairs: stories, event clusters with independent-source counts,
claims, contradictions and re-reporting chains. Pure and deterministic: the same input gives the same output."""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from ..records import Analysis, Article
from . import chains, claims, contradictions
from .corpus import Corpus
from .events import Mention, group_events
from .independence import count, find_copies
from .records import EventCluster, Link, LinkResult, Ref, content_id
from .stories import group_stories, make_story

SUPPORTING = ("asserted", "confirmed", "reported")


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (reference counting still frees everything).

    Linking allocates millions of small objects that live until the pass ends and makes no reference cycles; the
    collector would walk the whole growing heap again and again for nothing, which makes a large pass slower per
    article than a small one. It runs again afterwards as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def link_articles(pairs: Sequence[tuple[Article, Analysis]]) -> LinkResult:
    """Link articles that were analysed: see the module docstring."""
    with no_cycle_collection():
        return _link(pairs)


def _link(pairs: Sequence[tuple[Article, Analysis]]) -> LinkResult:
    corpus = Corpus.build(pairs)
    groups = group_stories(corpus)
    corpus.set_stories(groups)
    copies = find_copies(corpus, groups)
    stories, clusters, links = [], [], chains.copy_links(corpus, copies)
    for story in groups:
        story_clusters = [event_cluster(corpus, copies, m) for m in group_events(corpus, [story])]
        clusters += story_clusters
        stories.append(make_story(corpus, story, [c.id for c in story_clusters]))
        links += story_links(corpus, copies, story, story_clusters)
    unique = {link.id: link for link in links}
    return LinkResult(tuple(stories), tuple(clusters), tuple(unique[k] for k in sorted(unique)))


def event_frames(corpus: Corpus, members: Sequence[Mention]) -> list[tuple[int, int | None, str]]:
    """(article, frame or None, status) of each mention: the frames it comes from, or the article's own voice."""
    items: list[tuple[int, int | None, str]] = []
    for i, k in members:
        event = corpus.analyses[i].events[k]
        frames = [f for f in event.attributions if 0 <= f < len(corpus.analyses[i].attributions)]
        if not frames:
            items.append((i, None, "asserted"))
        items += [(i, f, corpus.frame(i, f).status) for f in frames]
    return items


def event_cluster(corpus: Corpus, copies: dict[int, int], members: list[Mention]) -> EventCluster:
    refs = tuple(sorted(Ref(corpus.articles[i].id, k, "event") for i, k in members))
    events = [corpus.analyses[i].events[k] for i, k in members]
    counts, sources = count(corpus, copies, event_frames(corpus, members))
    etype = Counter(e.type for e in events).most_common(1)[0][0]
    label = Counter(e.trigger.text.lower() for e in events).most_common(1)[0][0]
    return EventCluster(
        content_id("event", *(f"{r.article_id}:{r.index}" for r in refs)), etype, refs, counts, label, tuple(sources)
    )


def story_links(corpus: Corpus, copies: dict[int, int], story: list[int], clusters: list[EventCluster]) -> list[Link]:
    links: list[Link] = []
    for i in story:
        links += (
            chains.nested(corpus, i) + chains.cross_outlet(corpus, i, story) + chains.credit_lines(corpus, i, story)
        )
    for cluster in clusters:
        members = [(corpus.position[r.article_id], r.index) for r in cluster.members]
        frames = [(i, f) for i, f, _ in event_frames(corpus, members) if f is not None]
        links += contradictions.status_conflicts(corpus, copies, frames, cluster.id)
        links += contradictions.slot_conflicts(corpus, copies, members, cluster.id)
    for group in claims.group_claims(corpus, story, copies):
        claim = content_id("claim", *(f"{corpus.articles[i].id}:{k}" for i, k in group))
        links += claim_links(corpus, contradictions.without_copies(group, copies), claim)
        links += contradictions.status_conflicts(corpus, copies, group, claim)
    links += contradictions.figure_conflicts(
        corpus,
        copies,
        claims.frame_refs(corpus, story),
        content_id("story", *sorted(corpus.articles[i].id for i in story)),
    )
    return links


def claim_links(corpus: Corpus, group: list[claims.FrameRef], claim: str) -> list[Link]:
    """Each frame of a claim to the claim's first frame: `supports` when both affirm it, else `same-claim`."""
    if len(group) < 2:
        return []
    first, *rest = group
    fa = corpus.frame(*first)
    links = []
    for ref in rest:
        fb = corpus.frame(*ref)
        kind = "supports" if fa.status in SUPPORTING and fb.status in SUPPORTING else "same-claim"
        detail = {"claim": claim, "statuses": [fb.status, fa.status]}
        links.append(
            Link(
                kind,
                contradictions.frame_ref(corpus, ref),
                contradictions.frame_ref(corpus, first),
                fb.content,
                fa.content,
                1.0,
                detail,
            )
        )
    return links
