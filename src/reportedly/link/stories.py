"""Stories: articles about one development, clustered by lexical similarity inside a publication-date window."""

from __future__ import annotations

from collections.abc import Hashable

from .cluster import Pair, average_link, candidate_pairs, components
from .corpus import Corpus
from .records import Story, content_id
from .similarity import top_terms

STORY_THRESHOLD = 0.15  # mean TF-IDF cosine between two groups of articles for them to be one story
WINDOW_DAYS = 7  # articles further apart in publication date are never one story
FULL_GROUP = 60  # groups of connected candidates up to this size get all their pairs scored
COMMON_SHARE = 0.02  # terms in more than this share of the articles are not blocking keys
MIN_COMMON = 50
BLOCK_TERMS = 20  # the heaviest terms of an article that serve as blocking keys


def blocking_keys(corpus: Corpus, i: int) -> list[Hashable]:
    """(term, date bucket) keys: two articles within WINDOW_DAYS of each other share a bucket for a shared term."""
    day = corpus.day(i)
    keys: list[Hashable] = []
    common = max(MIN_COMMON, COMMON_SHARE * corpus.idf.n)
    rare = {t: v for t, v in corpus.vectors[i].items() if corpus.idf.df.get(t, 0) <= common}
    for term in top_terms(rare, BLOCK_TERMS):
        if day is None:
            keys.append((term, None))
        else:
            bucket = day // WINDOW_DAYS
            keys += [(term, bucket), (term, bucket + 1)]
    return keys


def story_scores(corpus: Corpus, threshold: float) -> dict[Pair, float]:
    n = len(corpus.articles)
    order = [(corpus.day(i) or 0, corpus.articles[i].id) for i in range(n)]
    scores = {}
    for i, j in candidate_pairs([blocking_keys(corpus, i) for i in range(n)], order):
        di, dj = corpus.day(i), corpus.day(j)
        if di is not None and dj is not None and abs(di - dj) > WINDOW_DAYS:
            continue
        s = corpus.similar(i, j)
        if s >= threshold / 2:
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
