"""Exact and near duplicates: the same wire story under another headline, trimmed, or with a paragraph added.

Exact duplicates (the same text after lower-casing and normalising white space and quotes) become a `Skipped` with
the reason "duplicate", so every place a text was seen is recorded while the article is stored once.
Near duplicates are found with MinHash LSH (datasketch) over word 5-grams. The similarity is the estimated share of
the shorter text's 5-grams found in the longer one (containment), so a trimmed copy or one with an added paragraph
scores high; an article whose similarity to an earlier one reaches `threshold` gets `copy_of` set to the earlier
article's id and `copy_similarity` to the score. Memory grows by about `num_perm` * 8 bytes per distinct article.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..records import Article, Skipped
from .common import skipped

SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"', "–": "-", "—": "-"})


def exact_key(text: str) -> str:
    """The hash that exact duplicates share: case, white space and quote styles do not count."""
    folded = " ".join(text.translate(_QUOTES).casefold().split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


class Deduplicator:
    """Marks duplicates in a stream of articles, in the order they come; keep one per run (or per store)."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 128, candidate_threshold: float = 0.3) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=candidate_threshold, num_perm=num_perm)
        self._exact: dict[str, str] = {}
        self._hashes: dict[str, Any] = {}
        self._sizes: dict[str, int] = {}

    def _minhash(self, grams: set[str]) -> Any:
        from datasketch import LeanMinHash, MinHash

        minhash = MinHash(num_perm=self.num_perm)
        minhash.update_batch([g.encode("utf-8") for g in grams])
        return LeanMinHash(minhash)

    def similarity(self, minhash: Any, size: int, other: str) -> float:
        """Estimated containment of the shorter text's 5-grams in the other's, from the Jaccard estimate."""
        jaccard = float(minhash.jaccard(self._hashes[other]))
        other_size = self._sizes[other]
        overlap = jaccard * (size + other_size) / (1.0 + jaccard)
        return min(1.0, overlap / max(1, min(size, other_size)))

    def check(self, article: Article) -> Article | Skipped:
        """The article, with copy_of set when it nearly repeats an earlier one; a Skipped for an exact repeat."""
        key = exact_key(article.text)
        if key in self._exact:
            where = article.url or article.name or article.id
            return skipped(where, "duplicate", f"same text as article {self._exact[key]}")
        self._exact[key] = article.id
        grams = shingles(article.text)
        if not grams or article.id in self._hashes:
            return article
        minhash = self._minhash(grams)
        best, score = None, 0.0
        for candidate in self._lsh.query(minhash):
            value = self.similarity(minhash, len(grams), candidate)
            if value > score:
                best, score = candidate, value
        if best is not None and score >= self.threshold:
            return dataclasses.replace(article, copy_of=best, copy_similarity=round(score, 3))
        self._lsh.insert(article.id, minhash)
        self._hashes[article.id] = minhash
        self._sizes[article.id] = len(grams)
        return article

    def process(self, items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
        """Pass a stream from `read()` through: Skipped records unchanged, articles checked in order."""
        for item in items:
            yield self.check(item) if isinstance(item, Article) else item


def deduplicate(items: Iterable[Article | Skipped], threshold: float = 0.8) -> Iterator[Article | Skipped]:
    """`read(...)` output with exact duplicates skipped and near duplicates marked (see Deduplicator)."""
    return Deduplicator(threshold=threshold).process(items)
