"""Claims across articles: the same proposition in frames of different articles, whatever status each gives it,
and the figures (death tolls, missing, injured) that frames state."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cluster import average_link
from .corpus import Corpus
from .similarity import terms

CLAIM_THRESHOLD = 0.5  # mean TF-IDF cosine of frame contents for one claim
MIN_TERMS = 3  # shorter contents ('the figure', 'to comment') are not matched as claims
FrameRef = tuple[int, int]  # (article position, frame index)

_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
NUMBER_WORDS = {w: n for n, w in enumerate(f"{_UNITS} seventeen eighteen nineteen twenty".split())}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
FIGURE_KINDS = {
    "deaths": ("dead", "killed", "died", "deaths", "death", "bodies", "fatalities", "lives"),
    "missing": ("missing",),
    "injured": ("injured", "wounded", "hurt", "injuries"),
}
_NUMBER = (
    r"(\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|" + "|".join(NUMBER_WORDS) + r")"
)
_AFTER = re.compile(
    _NUMBER + r"\b((?:\s+[\w’'-]+){0,4}?)\s+(" + "|".join(w for ws in FIGURE_KINDS.values() for w in ws) + r")\b",
    re.IGNORECASE,
)
_TOLL = re.compile(
    r"\btoll\b[^.;:]{0,30}?\b(?:to|at|of|is|was|stands at|rose to)\s+(?:at least\s+|about\s+)?" + _NUMBER + r"\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Figure:
    kind: str  # deaths, missing, injured
    value: int
    start: int  # character offsets of the number in the text given
    end: int


def number(text: str) -> int | None:
    word = text.lower().replace(",", "")
    if word.isdigit():
        return int(word)
    parts = re.split(r"[- ]", word)
    if parts[0] in TENS:
        return TENS[parts[0]] + (NUMBER_WORDS.get(parts[1], 0) if len(parts) > 1 else 0)
    return NUMBER_WORDS.get(word)


def figures(text: str) -> list[Figure]:
    """Casualty figures stated in a text: '14 people were killed', 'the toll at 17', 'Twenty-eight ... missing'."""
    found: dict[tuple[int, int], Figure] = {}
    for match in _AFTER.finditer(text):
        value = number(match.group(1))
        if value is None or "time" in match.group(2).lower():
            continue
        noun = match.group(3).lower()
        kind = next(k for k, ws in FIGURE_KINDS.items() if noun in ws)
        found[match.span(1)] = Figure(kind, value, *match.span(1))
    for match in _TOLL.finditer(text):
        value = number(match.group(1))
        if value is not None:
            found.setdefault(match.span(1), Figure("deaths", value, *match.span(1)))
    return sorted(found.values(), key=lambda f: f.start)


def frame_refs(corpus: Corpus, story: list[int]) -> list[FrameRef]:
    return [(i, k) for i in story for k in range(len(corpus.analyses[i].attributions))]


def group_claims(
    corpus: Corpus, story: list[int], copies: dict[int, int], threshold: float = CLAIM_THRESHOLD
) -> list[list[FrameRef]]:
    """Frames of one story grouped into claims; only groups that span two independent texts are returned."""
    contents = [(r, terms(corpus.frame(*r).content.text)) for r in frame_refs(corpus, story)]
    refs = [r for r, t in contents if len(t) >= MIN_TERMS]
    vectors = [corpus.idf.vector(t) for _, t in contents if len(t) >= MIN_TERMS]
    originals = [corpus.original(i, copies) for i, _ in refs]
    scores = {}
    for a in range(len(refs)):
        for b in range(a + 1, len(refs)):
            if originals[a] != originals[b]:
                s = sum(v * vectors[b].get(t, 0.0) for t, v in vectors[a].items())
                if s >= threshold / 2:
                    scores[(a, b)] = s
    groups = []
    for group in average_link(len(refs), scores, threshold):
        if len({originals[m] for m in group}) > 1:
            groups.append([refs[m] for m in group])
    return groups
