"""Event mentions across articles: their comparable features and the score of a pair of mentions."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..records import Place
from .cluster import average_link, candidate_pairs
from .corpus import Corpus
from .similarity import Vector, cosine, fold, jaccard, stem, terms
from .tables import read_rows

Mention = tuple[int, int]  # (article position in the corpus, event index in its analysis)

UNTYPED = ("", "OTHER")
SAME_TRIGGER = 0.6
SAME_STEM = 0.5
SAME_TYPE = 0.3
SYNONYM = 0.6
CONTEXT_WEIGHT = 0.2
ARGUMENT_WEIGHT = 0.2
CONFLICT_PENALTY = 0.3
EVENT_THRESHOLD = 0.6
# Reporting verbs: two "said" in one story are seldom the same act of saying, so the trigger alone is weak evidence.
REPORTING = frozenset({"say", "said", "tell", "told", "report", "add", "state", "note", "explain", "claim"})
REPORTING_TRIGGER = 0.45


@dataclass(frozen=True)
class MentionFeatures:
    """What two event mentions are compared on: trigger lemma, type, sentence context, argument words, time, place."""

    trigger: str
    context: Vector = field(default_factory=dict)
    arguments: frozenset[str] = frozenset()
    type: str = ""
    time: str | None = None  # ISO date (day precision or coarser)
    place: str | None = None  # a place key such as "KV" or "KV/Ostra"


@lru_cache(maxsize=4)
def synonyms(language: str = "en") -> dict[str, int]:
    """Trigger lemma -> the number of its group of words naming one kind of event (event_synonyms.tsv)."""
    groups = read_rows(language, "event_synonyms.tsv", "event synonym list")
    return {word.strip().lower(): n for n, group in enumerate(groups) for word in group if word.strip()}


def trigger_score(a: str, b: str) -> float:
    if a in REPORTING or b in REPORTING:
        return min(REPORTING_TRIGGER, _trigger_score(a, b))
    return _trigger_score(a, b)


def _trigger_score(a: str, b: str) -> float:
    if a == b:
        return SAME_TRIGGER
    if stem(a) == stem(b) or (len(a) > 4 and len(b) > 4 and a[:5] == b[:5]):
        return SAME_STEM
    table = synonyms()
    if a in table and table[a] == table.get(b):
        return SYNONYM
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


def place_key(place: Place | None) -> str | None:
    if place is None or not place.country:
        return None
    return f"{place.country}/{place.admin1}" if place.admin1 else place.country


def event_features(corpus: Corpus, i: int, k: int) -> MentionFeatures:
    """The comparable features of event k of article i."""
    analysis = corpus.analyses[i]
    event = analysis.events[k]
    start, end = corpus.sentence(i, event.trigger.start, event.trigger.end)
    args = [s.text for s in (event.actor, event.target, event.instrument) if s is not None]
    time = analysis.times[event.time].value if event.time is not None and event.time < len(analysis.times) else None
    place = analysis.places[event.place] if event.place is not None and event.place < len(analysis.places) else None
    return MentionFeatures(
        trigger=stem(fold(event.trigger.text)),
        context=corpus.idf.vector(terms(corpus.articles[i].text[start:end])),
        arguments=frozenset(t for a in args for t in terms(a)),
        type=event.type,
        time=time[:10] if time and time[:1].isdigit() else None,
        place=place_key(place),
    )


def group_events(corpus: Corpus, stories: list[list[int]], threshold: float = EVENT_THRESHOLD) -> list[list[Mention]]:
    """Event mentions (article position, event index) grouped into real-world events, inside each story."""
    out: list[list[Mention]] = []
    for story in stories:
        mentions = [(i, k) for i in story for k in range(len(corpus.analyses[i].events))]
        feats = [event_features(corpus, i, k) for i, k in mentions]
        keys = [[f.type] for f in feats]
        pairs = candidate_pairs(keys, order=list(range(len(mentions))), neighbours=200)
        scores = {}
        for a, b in pairs:
            if mentions[a][0] != mentions[b][0]:  # mentions in one article are merged by the events layer already
                s = mention_score(feats[a], feats[b])
                if s > 0:
                    scores[(a, b)] = s
        out += [[mentions[m] for m in group] for group in average_link(len(mentions), scores, threshold)]
    return out
