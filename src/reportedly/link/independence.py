"""Independence: which articles are copies of one text, which frames go back to one witness, and the counts.

Syndicated copies count once (ingest's `copy_of`, or a near-identical text from another outlet). A frame counts
under the source it goes back to: its own source, or the source of the frame that reports it ('the BBC reported
that officials said ...' goes back to the BBC). Source names are normalised, so 'the BBC' cited by one outlet and
the BBC's own article are one source, and 'several Telegram channels' cited by two outlets are one witness.
An article's own voice (status asserted) counts under the outlet of the original text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from .cluster import components
from .corpus import COPY_SIMILARITY, Corpus
from .records import Counts
from .similarity import cosine, normalise_name, terms

CITED_MATCH = 0.5  # cosine from which a cited outlet's frame states what the citing frame attributes to it
CONVEYING = ("reported", "confirmed", "claimed")  # a parent frame with one of these passes its content on


def credits(corpus: Corpus, i: int, j: int) -> bool:
    """Whether article i names the outlet of article j (a dateline or a credit line such as 'Reporting by ...')."""
    outlet = corpus.articles[j].outlet
    if not outlet or outlet == corpus.articles[i].outlet:
        return False
    return outlet_pattern(outlet).search(corpus.articles[i].text) is not None


@lru_cache(maxsize=4096)
def outlet_pattern(outlet: str) -> re.Pattern[str]:
    """An outlet's name as a whole-word, case-insensitive pattern."""
    return re.compile(rf"\b{re.escape(outlet)}\b", re.IGNORECASE)


def find_copies(corpus: Corpus, stories: Iterable[list[int]]) -> dict[int, int]:
    """Copy position -> position of the original text it republishes.

    Copies are ingest's `copy_of` marks plus near-identical texts of one story. Ingest marks the later of two texts
    it reads as the copy, whatever their dates; here, in each group of copies the original is the one published
    first (when all are dated), then the one that names no other outlet of the group as its source (a dateline or
    a credit line), then the one the others credit most, then the one ingest did not mark, then the longest.
    """
    edges = []
    for i, art in enumerate(corpus.articles):
        if art.copy_of and art.copy_of in corpus.position:
            edges.append((i, corpus.position[art.copy_of]))
    for story in stories:
        for a, i in enumerate(story):
            for j in story[a + 1 :]:
                if corpus.similar(i, j) >= COPY_SIMILARITY:
                    edges.append((i, j))
    copies: dict[int, int] = {}
    for group in components(len(corpus.articles), edges):
        if len(group) < 2:
            continue
        original = min(group, key=lambda i: _original_rank(corpus, group, i))
        copies.update({i: original for i in group if i != original})
    return copies


def _original_rank(corpus: Corpus, group: list[int], i: int) -> tuple[int, int, int, int, int, str]:
    dated = all(corpus.day(j) is not None for j in group)
    names_other = any(credits(corpus, i, j) for j in group if j != i)
    credited = sum(1 for j in group if j != i and credits(corpus, j, i))
    art = corpus.articles[i]
    day = corpus.day(i) if dated else None
    return (day or 0, int(names_other), -credited, 1 if art.copy_of else 0, -len(art.text), art.id)


def witness_frame(corpus: Corpus, i: int, k: int) -> int:
    """The frame whose source is the witness of frame k: up through parents that pass the content on."""
    frames = corpus.analyses[i].attributions
    seen = {k}
    parent = frames[k].parent
    while (
        parent is not None and 0 <= parent < len(frames) and parent not in seen and frames[parent].status in CONVEYING
    ):
        k = parent
        seen.add(k)
        parent = frames[k].parent
    return k


def source_key(corpus: Corpus, copies: dict[int, int], i: int, k: int | None, follow: bool = True) -> str:
    """The independent source a frame (or, with k None, the article's own voice) goes back to.

    A frame citing an outlet whose article is in the input goes back to what that article gives as the source of
    the same content ('Meridian Press reported 14 dead' goes back to Meridian's 'according to the emergency service').
    """
    original = corpus.original(i, copies)
    if k is None:
        return "outlet:" + corpus.outlet(original)
    frame = corpus.frame(i, witness_frame(corpus, i, k))
    if frame.status == "asserted" or frame.source is None or not normalise_name(frame.source.name):
        return "outlet:" + corpus.outlet(original)
    name = normalise_name(frame.source.name)
    if name not in corpus.outlets:
        return "source:" + name
    cited = _cited_frame(corpus, i, name, corpus.frame(i, k).content.text) if follow else None
    return source_key(corpus, copies, *cited, follow=False) if cited else "outlet:" + name


def _cited_frame(corpus: Corpus, i: int, outlet: str, content: str) -> tuple[int, int | None] | None:
    """The frame of the cited outlet's articles that states `content` best (None for its own voice)."""
    vector = corpus.idf.vector(terms(content))
    best: tuple[float, int, int | None] | None = None
    for j in corpus.outlet_in_story(outlet, i):
        for k, frame in enumerate(corpus.analyses[j].attributions):
            score = cosine(vector, corpus.idf.vector(terms(frame.content.text)))
            if score >= CITED_MATCH and (best is None or score > best[0]):
                best = (score, j, k)
    return (best[1], best[2]) if best else None


def count(
    corpus: Corpus, copies: dict[int, int], items: Iterable[tuple[int, int | None, str]]
) -> tuple[Counts, list[str]]:
    """Counts over (article position, frame index or None, status) items, in all and by status."""
    total: dict[str, set[str]] = defaultdict(set)
    by_status: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for i, k, status in items:
        key = source_key(corpus, copies, i, k)
        values = {"articles": corpus.articles[i].id, "outlets": corpus.outlet(i), "independent_sources": key}
        for name, value in values.items():
            total[name].add(value)
            by_status[status][name].add(value)
    counts = Counts(
        articles=len(total["articles"]),
        outlets=len(total["outlets"]),
        independent_sources=len(total["independent_sources"]),
        by_status={s: {n: len(v) for n, v in sorted(d.items())} for s, d in by_status.items()},
    )
    return counts, sorted(total["independent_sources"])
