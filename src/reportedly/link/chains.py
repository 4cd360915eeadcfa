"""Re-reporting chains: who cites whom, inside an article (nested frames) and across outlets.

A frame whose source is an outlet of the input links to that outlet's article in the same story; a media source
outside the input stays an upstream node (a link without a target). An article that names another outlet of its
story (a dateline or a credit line) cites that outlet's article, and a syndicated copy links to its original.
"""

from __future__ import annotations

from ..records import Span
from .corpus import Corpus
from .independence import credits, outlet_pattern
from .records import Link, Ref
from .similarity import normalise_name

MEDIA_KINDS = ("media", "social_media")


def nested(corpus: Corpus, i: int) -> list[Link]:
    """Links from a frame to the frames nested in its content that have a source of their own."""
    art = corpus.articles[i]
    frames = corpus.analyses[i].attributions
    links = []
    for k, frame in enumerate(frames):
        p = frame.parent
        if p is None or not 0 <= p < len(frames) or frame.source is None or not frame.source.name:
            continue
        parent = frames[p]
        if parent.source is not None and normalise_name(parent.source.name) == normalise_name(frame.source.name):
            continue
        detail = {"within": True, "source": parent.source.name if parent.source else None, "cites": frame.source.name}
        links.append(
            Link("cites", Ref(art.id, p, "frame"), Ref(art.id, k, "frame"), parent.content, frame.content, 1.0, detail)
        )
    return links


def _outlet_article(corpus: Corpus, name: str, story: list[int], i: int) -> int | None:
    """The cited outlet's article in the same story, the most similar first."""
    found = corpus.outlet_in_story(name, i)
    return max(found, key=lambda j: (corpus.similar(i, j), -j)) if found else None


def cross_outlet(corpus: Corpus, i: int, story: list[int]) -> list[Link]:
    """Frames citing an outlet: to its article when in the story, else to an upstream node."""
    art = corpus.articles[i]
    own = corpus.outlet(i)
    links = []
    for k, frame in enumerate(corpus.analyses[i].attributions):
        if frame.source is None or not frame.source.name:
            continue
        name = normalise_name(frame.source.name)
        if name == own or own in name:
            continue
        source_ref = Ref(art.id, k, "frame")
        if name in corpus.outlets:
            j = _outlet_article(corpus, name, story, i)
            target = Ref(corpus.articles[j].id, -1, "article") if j is not None else None
            detail = {"outlet": frame.source.name} if j is not None else {"upstream": frame.source.name}
            links.append(Link("cites", source_ref, target, frame.source.span, None, 1.0, detail))
        elif frame.source.kind in MEDIA_KINDS:
            detail = {"upstream": frame.source.name, "kind": frame.source.kind}
            links.append(Link("cites", source_ref, None, frame.source.span, None, 1.0, detail))
    return links


def credit_lines(corpus: Corpus, i: int, story: list[int]) -> list[Link]:
    """An article naming another outlet of its story cites that outlet's (most similar) article."""
    art = corpus.articles[i]
    best: dict[str, int] = {}
    for j in story:
        if j != i and credits(corpus, i, j):
            name = corpus.outlet(j)
            if name not in best or (corpus.similar(i, j), -j) > (corpus.similar(i, best[name]), -best[name]):
                best[name] = j
    links = []
    for name, j in sorted(best.items()):
        outlet = corpus.articles[j].outlet or name
        match = outlet_pattern(outlet).search(art.text)
        span = Span(match.start(), match.end(), match.group()) if match else None
        detail = {"credit": outlet}
        links.append(
            Link(
                "cites", Ref(art.id, -1, "article"), Ref(corpus.articles[j].id, -1, "article"), span, None, 1.0, detail
            )
        )
    return links


def copy_links(corpus: Corpus, copies: dict[int, int]) -> list[Link]:
    links = []
    for i, j in sorted(copies.items()):
        a, b = corpus.articles[i], corpus.articles[j]
        detail = {"outlet": a.outlet, "original_outlet": b.outlet}
        links.append(
            Link(
                "copy-of",
                Ref(a.id, -1, "article"),
                Ref(b.id, -1, "article"),
                None,
                None,
                round(corpus.similar(i, j), 4),
                detail,
            )
        )
    return links
