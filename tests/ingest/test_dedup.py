"""Exact and near duplicates on pairs built from the examples, and no false copies between different stories."""

from __future__ import annotations

import dataclasses
from itertools import combinations
from pathlib import Path

import pytest

from reportedly.ingest import Deduplicator, read
from reportedly.ingest.dedup import exact_key, shingles
from reportedly.records import Article, Skipped, article_id

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
ADDED = (
    "In a separate development, regional officials said a hotline for relatives had received more than "
    "300 calls since the morning, and volunteers were handing out blankets, food and bottled water."
)
# Articles from the one wire report; everything else is written independently.
WIRE_COPIES = {
    "meridian-2025-03-12-brenmoor-dam",
    "northern-ledger-2025-03-12-brenmoor-dam",
    "coastal-daily-2025-03-12-dam-collapse",
}


@pytest.fixture(scope="module")
def examples() -> list[Article]:
    return [a for a in read(EXAMPLES) if isinstance(a, Article)]


def variant(article: Article, text: str) -> Article:
    return dataclasses.replace(article, id=article_id(text), text=text)


def changed_headline(article: Article) -> tuple[Article, Article]:
    original = variant(article, f"{article.title}\n\n{article.text}")
    return original, variant(article, f"Update: what we know so far (fictional)\n\n{article.text}")


def trimmed(article: Article) -> tuple[Article, Article]:
    paragraphs = article.text.split("\n\n")
    return article, variant(article, "\n\n".join(paragraphs[:-1]))


def added(article: Article) -> tuple[Article, Article]:
    return article, variant(article, f"{article.text}\n\n{ADDED}")


def test_near_duplicate_recall(examples: list[Article]) -> None:
    pairs = [make(a) for a in examples for make in (changed_headline, trimmed, added)]
    found = 0
    for original, copy in pairs:
        dedup = Deduplicator()
        assert dedup.check(original) == original
        result = dedup.check(copy)
        assert isinstance(result, Article)
        if result.copy_of == original.id:
            assert result.copy_similarity is not None and 0.8 <= result.copy_similarity <= 1.0
            found += 1
    assert found / len(pairs) >= 0.95, f"recall {found}/{len(pairs)}"


def test_no_false_copies_between_different_stories(examples: list[Article]) -> None:
    dedup = Deduplicator()
    marked = {a.name: a.copy_of for a in dedup.process(examples) if isinstance(a, Article)}
    by_id = {a.id: a.name for a in examples}
    copies = {name: by_id[original] for name, original in marked.items() if original}
    assert set(copies) | set(copies.values()) <= WIRE_COPIES
    assert len(copies) == 2  # the wire report and its two republications form one group
    for first, second in combinations(examples, 2):
        if {first.name, second.name} <= WIRE_COPIES:
            continue
        pair = Deduplicator()
        pair.check(first)
        result = pair.check(second)
        assert isinstance(result, Article) and result.copy_of is None, (first.name, second.name)


def test_exact_duplicate_is_skipped_with_where_it_was_seen(examples: list[Article]) -> None:
    first = examples[0]
    again = dataclasses.replace(first, text=first.text.replace("’", "'").upper(), url="https://mirror.example/a")
    dedup = Deduplicator()
    dedup.check(first)
    result = dedup.check(again)
    assert isinstance(result, Skipped)
    assert (result.reason, result.location) == ("duplicate", "https://mirror.example/a")
    assert first.id in result.detail


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("The “dam” failed.", 'the "DAM"   failed.', True),
        ("The dam failed.", "The dam failed!", False),
    ],
)
def test_exact_key(a: str, b: str, same: bool) -> None:
    assert (exact_key(a) == exact_key(b)) is same


def test_shingles() -> None:
    assert shingles("One two three") == {"one two three"}
    assert len(shingles("a b c d e f g")) == 3
    assert shingles("") == set()


def test_read_with_dedup_marks_the_wire_copies() -> None:
    items = list(read(EXAMPLES, dedup=True))
    copies = [a.name for a in items if isinstance(a, Article) and a.copy_of]
    assert sorted(copies) == sorted(WIRE_COPIES - {"coastal-daily-2025-03-12-dam-collapse"})
