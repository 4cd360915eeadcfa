"""The sample articles in examples/ read cleanly and are marked fictional."""

from __future__ import annotations

from pathlib import Path

from reportedly.ingest import read
from reportedly.records import Article

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_examples_read_as_eight_fictional_articles() -> None:
    items = list(read(EXAMPLES))
    assert all(isinstance(item, Article) for item in items)
    assert len(items) == 8
    for article in items:
        assert isinstance(article, Article)
        assert article.title and article.title.endswith("(fictional)")
        assert article.outlet and article.published and article.language == "en"
        assert 150 <= len(article.text.split()) <= 400, article.name
        assert "(fictional)" not in article.text


def test_examples_share_one_story_told_with_different_certainty() -> None:
    texts = " ".join(a.text for a in read(EXAMPLES) if isinstance(a, Article) and "Brenmoor" in a.text)
    for cue in ("according to", "confirmed", "has not confirmed", "declined to comment", "denied", "rejected"):
        assert cue in texts, cue
    for cue in ("claimed", "allegedly", "could not be independently verified", "on Tuesday", "“"):
        assert cue in texts, cue
