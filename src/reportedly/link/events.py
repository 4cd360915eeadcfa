"""Event mentions across articles: their comparable features and the score of a pair of mentions."""

from __future__ import annotations

from dataclasses import dataclass, field

from .similarity import Vector, cosine, jaccard, stem

UNTYPED = ("", "OTHER")
SAME_TRIGGER = 0.6
SAME_STEM = 0.5
SAME_TYPE = 0.3
CONTEXT_WEIGHT = 0.2
ARGUMENT_WEIGHT = 0.2
CONFLICT_PENALTY = 0.3


@dataclass(frozen=True)
class MentionFeatures:
    """What two event mentions are compared on: trigger lemma, type, sentence context, argument words, time, place."""

    trigger: str
    context: Vector = field(default_factory=dict)
    arguments: frozenset[str] = frozenset()
    type: str = ""
    time: str | None = None  # ISO date (day precision or coarser)
    place: str | None = None  # a place key such as "KV" or "KV/Ostra"


def trigger_score(a: str, b: str) -> float:
    if a == b:
        return SAME_TRIGGER
    if stem(a) == stem(b) or (len(a) > 4 and len(b) > 4 and a[:5] == b[:5]):
        return SAME_STEM
    return 0.0


def times_conflict(a: str | None, b: str | None) -> bool:
    """Two resolved dates disagree: neither is a prefix of the other ('2025-03' is compatible with '2025-03-11')."""
    if not a or not b:
        return False
    return not (a.startswith(b[:10]) or b.startswith(a[:10]))


def places_conflict(a: str | None, b: str | None) -> bool:
    """Two place keys disagree: neither contains the other in the admin hierarchy (country/admin1)."""
    if not a or not b:
        return False
    return not (a.startswith(b) or b.startswith(a))


def mention_score(a: MentionFeatures, b: MentionFeatures) -> float:
    """How likely two mentions refer to the same real-world event, in [0, 1]."""
    if a.type not in UNTYPED and b.type not in UNTYPED and a.type != b.type:
        return 0.0
    score = trigger_score(a.trigger, b.trigger)
    if not score and a.type == b.type and a.type not in UNTYPED:
        score = SAME_TYPE
    score += CONTEXT_WEIGHT * cosine(a.context, b.context)
    score += ARGUMENT_WEIGHT * jaccard(a.arguments, b.arguments)
    if times_conflict(a.time, b.time):
        score -= CONFLICT_PENALTY
    if places_conflict(a.place, b.place):
        score -= CONFLICT_PENALTY
    return max(0.0, min(1.0, score))
