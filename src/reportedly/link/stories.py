"""Stories: articles about one development, clustered by lexical similarity inside a publication-date window."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable

from .cluster import Pair, average_link, components
from .corpus import Corpus
from .records import Story, content_id
from .similarity import top_terms

STORY_THRESHOLD = 0.15  # mean TF-IDF cosine between two groups of articles for them to be one story
WINDOW_DAYS = 7  # articles further apart in publication date are never one story
FULL_GROUP = 30  # groups of connected candidates up to this size get all their pairs scored
EDGE_SHARE = 0.75  # candidate pairs below this share of the threshold are dropped
CANDIDATES = 12  # each article is compared with at most this many others (those sharing the most keys)
MAX_BLOCK = 50  # a term in more articles of one fortnight is too common to be a story's key
BLOCK_TERMS = 10  # the heaviest terms of an article that serve as blocking keys


def blocking_keys(corpus: Corpus, i: int) -> list[Hashable]:
    """(term, date bucket) keys: two articles within WINDOW_DAYS of each other share a bucket for a shared term."""
    day = corpus.day(i)
    keys: list[Hashable] = []
    for term in top_terms(corpus.vectors[i], BLOCK_TERMS):
        if day is None:
            keys.append((term, None))
        else:
            bucket = day // WINDOW_DAYS
            keys += [(term, bucket), (term, bucket + 1)]
    return keys


def candidates(corpus: Corpus) -> set[Pair]:
    """For each article, the CANDIDATES articles that share the most blocking keys with it (ties: nearest first).

    Keys shared by more than MAX_BLOCK articles are skipped, so the work per article is bounded and linking grows
    linearly with the number of articles.
    """
    n = len(corpus.articles)
    keys = [blocking_keys(corpus, i) for i in range(n)]
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for i, item_keys in enumerate(keys):
        for key in item_keys:
            blocks[key].append(i)
    pairs: set[Pair] = set()
    for i, item_keys in enumerate(keys):
        shared: Counter[int] = Counter()
        for key in item_keys:
            members = blocks[key]
            if len(members) <= MAX_BLOCK:
                shared.update(members)
        shared.pop(i, None)
        best = sorted(shared.items(), key=lambda item: (-item[1], abs(item[0] - i)))[:CANDIDATES]
        pairs.update((min(i, j), max(i, j)) for j, _ in best)
    return pairs


def story_scores(corpus: Corpus, threshold: float) -> dict[Pair, float]:
    scores = {}
    for i, j in candidates(corpus):
        di, dj = corpus.day(i), corpus.day(j)
        if di is not None and dj is not None and abs(di - dj) > WINDOW_DAYS:
            continue
        s = corpus.similar(i, j)
        if s >= threshold * EDGE_SHARE:
            scores[(i, j)] = s
    return complete(corpus, scores)


def complete(corpus: Corpus, scores: dict[Pair, float]) -> dict[Pair, float]:
    """Score every pair inside small groups of connected candidates, so pairs that blocking missed do not count as 0."""
    for group in components(len(corpus.articles), scores):
        if 2 < len(group) <= FULL_GROUP:
            for a, i in enumerate(group):
                for j in group[a + 1 :]:
                    if (i, j) not in scores:
                        scores[(i, j)] = corpus.similar(i, j)
    return scores


def group_stories(corpus: Corpus, threshold: float = STORY_THRESHOLD) -> list[list[int]]:
    """Article positions grouped into stories, each sorted, in order of their first article."""
    return average_link(len(corpus.articles), story_scores(corpus, threshold), threshold)


def make_story(corpus: Corpus, members: list[int], clusters: list[str]) -> Story:
    arts = [corpus.articles[i] for i in members]
    dates = sorted(a.published.isoformat() for a in arts if a.published)
    first = arts[0]
    return Story(
        id=content_id("story", *sorted(a.id for a in arts)),
        articles=tuple(a.id for a in arts),
        clusters=tuple(sorted(clusters)),
        title=first.title or first.text[:80],
        first_published=dates[0] if dates else None,
        last_published=dates[-1] if dates else None,
    )
