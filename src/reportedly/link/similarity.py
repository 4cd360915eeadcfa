"""Lexical similarity: tokens, sparse TF-IDF vectors, cosine and Jaccard, and name normalisation."""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

Vector = dict[str, float]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "into",
        "onto",
        "over",
        "under",
        "after",
        "before",
        "about",
        "than",
        "then",
        "that",
        "this",
        "these",
        "those",
        "there",
        "here",
        "it",
        "its",
        "it's",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "nor",
        "so",
        "such",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "will",
        "would",
        "can",
        "could",
        "may",
        "might",
        "must",
        "shall",
        "should",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "also",
        "just",
        "more",
        "most",
        "very",
        "much",
        "many",
        "some",
        "any",
        "all",
        "each",
        "both",
        "other",
        "another",
        "one",
        "two",
        "three",
        "up",
        "down",
        "out",
        "off",
        "again",
        "new",
        "s",
        "t",
    ]
)
_QUANTIFIERS = frozenset(
    [
        "several",
        "some",
        "many",
        "various",
        "multiple",
        "numerous",
        "few",
        "two",
        "three",
        "four",
        "five",
        "a",
        "an",
        "the",
    ]
)
_NAME_NOISE = re.compile(r"[’'`]s\b|[^\w\s]", re.UNICODE)


def fold(text: str) -> str:
    """Lower case without accents: 'Vošk' and 'Vosk' compare equal."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def content_words(text: str) -> list[str]:
    """Folded words without stopwords and one-letter tokens; digits are kept (they carry figures)."""
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


def stem(word: str) -> str:
    """A light suffix stripper: 'killed' and 'kills' meet at 'kill', 'channels' at 'channel'; 'press' stays."""
    if word.endswith("ss") or len(word) < 5:
        return word
    for suffix in ("ings", "ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


def normalise_name(name: str) -> str:
    """A source name as a key: folded, possessives and punctuation gone, leading quantifiers and articles dropped.

    'the BBC' and 'BBC' give 'bbc'; 'several Telegram channels' and 'some Telegram channel' give 'telegram channel'.
    """
    tokens = _NAME_NOISE.sub(" ", fold(name)).split()
    while tokens and (tokens[0] in _QUANTIFIERS or tokens[0].isdigit()):
        tokens = tokens[1:]
    return " ".join(stem(t) if t.endswith("s") else t for t in tokens)  # plural nouns only


class Idf:
    """Inverse document frequencies learnt from a collection of term lists."""

    def __init__(self, documents: Iterable[Sequence[str]] = ()) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        for doc in documents:
            self.add(doc)

    def add(self, doc: Sequence[str]) -> None:
        self.n += 1
        self.df.update(set(doc))

    def weight(self, term: str) -> float:
        return math.log((1 + self.n) / (1 + self.df.get(term, 0))) + 1.0

    def vector(self, doc: Sequence[str]) -> Vector:
        """A length-normalised TF-IDF vector (sublinear term frequency)."""
        counts = Counter(doc)
        vec = {t: (1.0 + math.log(c)) * self.weight(t) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Cosine of two normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def top_terms(vec: Vector, k: int) -> list[str]:
    """The k heaviest terms of a vector, ties broken alphabetically (deterministic blocking keys)."""
    return [t for t, _ in sorted(vec.items(), key=lambda item: (-item[1], item[0]))[:k]]
