"""Stories: articles about one development, clustered by lexical similarity inside a publication-date window."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict

from .cluster import Pair, average_link, components
from .corpus import Corpus
from .records import Story, content_id
from .similarity import top_terms

STORY_THRESHOLD = 0.15  # mean TF-IDF cosine between two groups of articles for them to be one story
WINDOW_DAYS = 7  # articles further apart in publication date are never one story
FULL_GROUP = 30  # groups of connected candidates up to this size get all their pairs scored
EDGE_SHARE = 0.75  # candidate pairs below this share of the threshold are dropped
CANDIDATES = 12  # each article is compared with at most this many others (those sharing the most key terms)
SMALL_WINDOW = 12  # an article with at most this many others in its window meets them all (no blocking needed)
BUSY = 24  # a key term more articles share within an article's window is too common to tell its story apart ...
BUSY_NEIGHBOURS = 4  # ... and only meets this many of them on each side in date order
BLOCK_TERMS = 10  # the heaviest terms of an article that serve as blocking keys
UNDATED = -(10**9)  # the day of an undated article: far from every date, so undated articles meet only each other


def key_terms(corpus: Corpus) -> list[list[str]]:
    """The blocking terms of each article: its BLOCK_TERMS heaviest TF-IDF terms."""
    return [top_terms(vector, BLOCK_TERMS) for vector in corpus.vectors]


def candidates(corpus: Corpus) -> set[Pair]:
    """For each article, the CANDIDATES articles that share the most key terms with it within the story window
    (ties: nearest in date first), plus every pair of the small windows.

    Articles are sorted by date, so the articles of each key term form a date-ordered list, and the ones within
    the window of an article are a slice of it, whose bounds only move forward from one article to the next (one
    linear sweep, no search). A term shared by more than BUSY articles of the window is met only through its
    BUSY_NEIGHBOURS nearest on each side (a sorted neighbourhood): the work per article is bounded whatever the
    number of articles, so linking grows linearly with it.
    """
    days = [UNDATED if d is None else d for d in corpus.days]
    ids: dict[str, int] = {}
    terms = [[ids.setdefault(term, len(ids)) for term in item] for item in key_terms(corpus)]
    postings: list[list[int]] = [[] for _ in ids]
    for i, item_terms in enumerate(terms):
        for t in item_terms:
            postings[t].append(i)
    seen, lows, highs = [0] * len(ids), [0] * len(ids), [0] * len(ids)
    pairs: set[Pair] = set()
    for i, item_terms in enumerate(terms):
        day = days[i]
        shared: Counter[int] = Counter()
        for t in item_terms:
            members = postings[t]
            at = seen[t]  # members[at] is i
            seen[t] = at + 1
            if len(members) == 1:
                continue
            lo, hi = lows[t], max(highs[t], at + 1)
            while days[members[lo]] < day - WINDOW_DAYS:
                lo += 1
            while hi < len(members) and days[members[hi]] <= day + WINDOW_DAYS:
                hi += 1
            lows[t], highs[t] = lo, hi
            if hi - lo - 1 > BUSY:
                lo, hi = max(lo, at - BUSY_NEIGHBOURS), min(hi, at + 1 + BUSY_NEIGHBOURS)
            shared.update(members[lo:hi])
        del shared[i]
        ranked = [(-n, abs(j - i), j) for j, n in shared.items()]
        pairs.update((min(i, j), max(i, j)) for _, _, j in heapq.nsmallest(CANDIDATES, ranked))
    return pairs | small_windows(days)


def small_windows(days: list[int]) -> set[Pair]:
    """Every pair of articles within the story window of each other, for the articles whose window holds at most
    SMALL_WINDOW others: a small collection needs no blocking, and its key terms are the least reliable (a term
    most of its articles share weighs little there, though it names the story)."""
    pairs: set[Pair] = set()
    lo = hi = 0
    for i, day in enumerate(days):
        while days[lo] < day - WINDOW_DAYS:
            lo += 1
        hi = max(hi, i + 1)
        while hi < len(days) and days[hi] <= day + WINDOW_DAYS:
            hi += 1
        if hi - lo - 1 <= SMALL_WINDOW:
            pairs.update((min(i, j), max(i, j)) for j in range(lo, hi) if j != i)
    return pairs


def story_scores(corpus: Corpus, threshold: float) -> dict[Pair, float]:
    """Scores of the candidate pairs that reach EDGE_SHARE of the threshold."""
    scores = {}
    for i, j in sorted(candidates(corpus)):
        s = corpus.similar(i, j)
        if s >= threshold * EDGE_SHARE:
            scores[(i, j)] = s
    return scores


def complete(corpus: Corpus, group: list[int], scores: dict[Pair, float]) -> None:
    """Score every pair of a small group of connected candidates, so pairs that blocking missed do not count as 0."""
    if 2 < len(group) <= FULL_GROUP:
        for a, i in enumerate(group):
            for j in group[a + 1 :]:
                if (i, j) not in scores:
                    scores[(i, j)] = corpus.similar(i, j)


def group_stories(corpus: Corpus, threshold: float = STORY_THRESHOLD) -> list[list[int]]:
    """Article positions grouped into stories, each sorted, in order of their first article.

    Each group of connected candidates is clustered on its own (average linkage never joins two groups that no
    scored pair connects), so the clustering works on many small problems instead of one large one.
    """
    scores = story_scores(corpus, threshold)
    by_group: dict[int, dict[Pair, float]] = defaultdict(dict)
    groups = components(len(corpus.articles), scores)
    first = {i: group[0] for group in groups for i in group}
    for pair, s in scores.items():
        by_group[first[pair[0]]][pair] = s
    stories: list[list[int]] = []
    for group in groups:
        if len(group) == 1:
            stories.append(group)
            continue
        group_scores = by_group[group[0]]
        complete(corpus, group, group_scores)
        local = {i: k for k, i in enumerate(group)}
        found = average_link(len(group), {(local[i], local[j]): s for (i, j), s in group_scores.items()}, threshold)
        stories += [[group[k] for k in story] for story in found]
    return sorted(stories)


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
