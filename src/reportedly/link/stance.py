"""Stance of an article toward a claim (for, against, observing), from the statuses of the frames that match it."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache

from ..records import Attribution
from .similarity import content_words, jaccard, terms, words
from .tables import read_rows

STATUS_STANCE = {
    "asserted": "for",
    "confirmed": "for",
    "reported": "observing",
    "claimed": "observing",
    "unverified": "observing",
    "speculative": "observing",
    "declined": "observing",
    "not_confirmed": "against",
    "denied": "against",
}
MATCH = 0.2  # term overlap (Jaccard) from which a frame's content is about the claim


@lru_cache(maxsize=4)
def cues(language: str = "en") -> dict[str, str]:
    """Stance cue words of a language: word -> against | hedge | for (resources/<lang>/stance_cues.tsv)."""
    rows = read_rows(language, "stance_cues.tsv", "stance cue list")
    return {row[0].strip().lower(): row[1].strip() for row in rows if len(row) >= 2}


def cue_classes(text: str, language: str = "en") -> dict[str, int]:
    """How many words of `text` fall in each cue class; a question mark counts as a hedge."""
    table = cues(language)
    counts = {"against": 0, "hedge": 0, "for": 0}
    for word in words(text):
        cls = table.get(word)
        if cls:
            counts[cls] += 1
    if "?" in text:
        counts["hedge"] += 1
    return counts


def matching(frames: Sequence[Attribution], claim: str, threshold: float = MATCH) -> list[Attribution]:
    """The frames whose content is about the claim (term overlap at least `threshold`)."""
    claim_terms = terms(claim)
    return [f for f in frames if jaccard(terms(f.content.text), claim_terms) >= threshold]


def frame_stance(frame: Attribution, language: str = "en") -> str:
    """A frame's stance toward its own content: its status, turned against by a negation or debunking cue."""
    base = STATUS_STANCE.get(frame.status, "observing")
    if base == "for" and cue_classes(frame.content.text, language)["against"]:
        return "against"
    if base == "for" and frame.hedges:
        return "observing"
    return base


def stance(article_frames: Sequence[Attribution], claim: str, language: str = "en") -> str:
    """for | against | observing: 'against' when a matching frame denies it, 'for' when one affirms it."""
    found = matching(article_frames, claim)
    if not found:
        return "observing"
    stances = {frame_stance(f, language) for f in found}
    if "against" in stances:
        return "against"
    if "for" in stances:
        return "for"
    return "observing"


def headline_features(
    headline: str, claim: str, frames: Sequence[Attribution] = (), language: str = "en"
) -> dict[str, float]:
    """Features of a headline toward a claim for a trained stance model: words, cue classes, statuses, overlap."""
    feats: dict[str, float] = {}
    tokens = words(headline)
    for w in tokens:
        feats[f"w={w}"] = 1.0
    for a, b in itertools.pairwise(tokens):
        feats[f"b={a}_{b}"] = 1.0
    for cls, n in cue_classes(headline, language).items():
        feats[f"cue={cls}"] = float(n)
    for frame in frames:
        feats[f"status={frame.status}"] = 1.0
        feats[f"frame={frame_stance(frame, language)}"] = 1.0
    if not frames:
        feats["status=none"] = 1.0
    feats["overlap"] = jaccard(content_words(headline), content_words(claim))
    feats["rule=" + stance(frames, claim, language)] = 1.0
    return feats
