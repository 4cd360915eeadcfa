"""The linking pass on a hand-built developing story: stories, copies, clusters, counts, contradictions, chains."""

from __future__ import annotations

import random

import pytest
from link_data import article, frame, story_pairs

from reportedly.link.core import link_articles
from reportedly.link.corpus import Corpus
from reportedly.link.independence import find_copies, source_key
from reportedly.link.records import LinkResult
from reportedly.records import Analysis, Article


@pytest.fixture(scope="module")
def pairs() -> list[tuple[Article, Analysis]]:
    return story_pairs()


@pytest.fixture(scope="module")
def result(pairs: list[tuple[Article, Analysis]]) -> LinkResult:
    return link_articles(pairs)


def outlet_of(pairs: list[tuple[Article, Analysis]]) -> dict[str, str | None]:
    return {a.id: a.outlet for a, _ in pairs}


def test_stories_keep_the_unrelated_article_apart(pairs: list[tuple[Article, Analysis]], result: LinkResult) -> None:
    outlets = outlet_of(pairs)
    groups = sorted(sorted(outlets[a] or "" for a in s.articles) for s in result.stories)
    assert groups == [
        ["Coastal Daily", "Karsova Today", "Meridian Press", "Riverside Post", "Velmora Herald"],
        ["Lindqvara Evening Post"],
    ]


def test_the_copy_links_to_the_original(pairs: list[tuple[Article, Analysis]], result: LinkResult) -> None:
    outlets = outlet_of(pairs)
    copies = [
        (outlets[x.source.article_id], outlets[x.target.article_id])
        for x in result.links
        if x.kind == "copy-of" and x.target
    ]
    assert copies == [("Coastal Daily", "Meridian Press")]


def test_event_cluster_counts_the_copy_and_the_citing_outlet_once(
    pairs: list[tuple[Article, Analysis]], result: LinkResult
) -> None:
    outlets = outlet_of(pairs)
    killed = next(c for c in result.clusters if c.label == "killed")
    assert sorted(outlets[m.article_id] or "" for m in killed.members) == [
        "Coastal Daily",
        "Meridian Press",
        "Riverside Post",
        "Velmora Herald",
    ]
    assert killed.counts.articles == 4
    assert killed.counts.by_status["reported"] == {"articles": 3, "independent_sources": 1, "outlets": 3}
    assert killed.counts.independent_sources == 2
    assert killed.sources == ("source:regional emergency service", "source:social media channel")


def test_casualty_figures_contradict_with_both_spans(pairs: list[tuple[Article, Analysis]], result: LinkResult) -> None:
    figures = [x for x in result.links if x.kind == "contradicts" and x.detail.get("conflict") == "figure"]
    values = sorted(tuple(sorted(x.detail["values"])) for x in figures)
    assert values == [(14, 17), (14, 40), (17, 40)]
    texts = {a.id: a.text for a, _ in pairs}
    for link in figures:
        assert link.source_span and link.target_span and link.target
        assert texts[link.source.article_id][link.source_span.start : link.source_span.end] == link.source_span.text
        assert texts[link.target.article_id][link.target_span.start : link.target_span.end] == link.target_span.text
        assert {int(link.source_span.text), int(link.target_span.text)} == set(link.detail["values"])


def test_citing_frame_links_to_the_cited_outlets_article(
    pairs: list[tuple[Article, Analysis]], result: LinkResult
) -> None:
    outlets = outlet_of(pairs)
    cites = [
        (outlets[x.source.article_id], x.source.kind, outlets[x.target.article_id] if x.target else None)
        for x in result.links
        if x.kind == "cites"
    ]
    assert ("Velmora Herald", "frame", "Meridian Press") in cites
    assert ("Riverside Post", "frame", None) in cites  # the social-media channel stays an upstream node


def test_the_result_does_not_depend_on_input_order(pairs: list[tuple[Article, Analysis]], result: LinkResult) -> None:
    shuffled = list(pairs)
    random.Random(7).shuffle(shuffled)
    assert link_articles(shuffled).to_dict() == result.to_dict()


TELEGRAM_A = "Several Telegram channels reported that 12 missiles were launched on Wednesday."
TELEGRAM_B = "Some Telegram channels said that 12 missiles had been fired at the airfield."


@pytest.mark.parametrize(
    ("text_a", "source_a", "text_b", "source_b", "same"),
    [
        (TELEGRAM_A, "Several Telegram channels", TELEGRAM_B, "Some Telegram channels", True),
        (
            TELEGRAM_A,
            "Several Telegram channels",
            "The defence ministry said that 12 missiles were fired.",
            "The defence ministry",
            False,
        ),
    ],
)
def test_one_witness_cited_by_two_outlets_counts_once(
    text_a: str, source_a: str, text_b: str, source_b: str, same: bool
) -> None:
    a, b = article(text_a, "Outlet A", 21), article(text_b, "Outlet B", 21)
    content_a, content_b = "12 missiles", "12 missiles"
    an_a = Analysis(a.id, (frame(text_a, (source_a, source_a, "social_media"), content_a, "reported"),))
    an_b = Analysis(b.id, (frame(text_b, (source_b, source_b, "unspecified"), content_b, "reported"),))
    corpus = Corpus.build([(a, an_a), (b, an_b)])
    copies = find_copies(corpus, [[0, 1]])
    keys = {source_key(corpus, copies, i, 0) for i in range(2)}
    assert (len(keys) == 1) is same


SYNDICATED = "Heavy rain closed the mountain pass above Orlen on Friday, the road authority said."


@pytest.mark.parametrize(
    ("first", "second", "original"),
    [
        ((SYNDICATED, "Alder Wire", 14), (SYNDICATED, "Pine Courier", 15), "Alder Wire"),  # earlier is the original
        ((SYNDICATED, "Alder Wire", 15), (SYNDICATED, "Pine Courier", 14), "Pine Courier"),
        ((SYNDICATED + " (Alder Wire)", "Pine Courier", 14), (SYNDICATED, "Alder Wire", 14), "Alder Wire"),
    ],
)
def test_the_original_of_a_copy_is_the_earlier_text_then_the_one_naming_no_other_outlet(
    first: tuple[str, str, int], second: tuple[str, str, int], original: str
) -> None:
    """Ingest marks the text it reads second as the copy; linking decides by the dates, then by credit lines."""
    a = article(*first)
    b = article(*second, copy_of=a.id)
    corpus = Corpus.build([(a, Analysis(a.id)), (b, Analysis(b.id))])
    copies = find_copies(corpus, [[0, 1]])
    assert len(copies) == 1
    ((copy, source),) = copies.items()
    assert corpus.articles[source].outlet == original
    assert corpus.articles[copy].outlet != original
