"""Merge mentions of one event within an article, and link each event to one place and one time."""

from __future__ import annotations

import bisect
import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from ..records import Event, Place, Span, TimeRef
from . import event_args as ea
from .doc_text import doc_text
from .event_lexicon import Lexicon

if TYPE_CHECKING:
    from .events import Mention

ROLES = ("actor", "target", "instrument")
NO_PLACE_ROLES = {"metonym", "source"}


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    args: dict[str, list[Token]] = field(default_factory=dict)

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def _tokens(head: Token | None) -> list[Token]:
    if head is None or head.pos_ == "PRON":
        return []
    return ea.phrase(head)


def _words(tokens: list[Token], lex: Lexicon) -> set[str]:
    out = set()
    for tok in tokens:
        if tok.is_stop or tok.is_punct or tok.pos_ not in {"NOUN", "PROPN", "ADJ", "NUM"}:
            continue
        lemma = ea.norm(tok)
        if lex.is_a(lemma, "generic") or lex.weapons.get(lemma) == "generic":
            continue
        out.add(lemma)
    return out


def _roles(m: Mention) -> dict[str, list[Token]]:
    return {role: _tokens(getattr(m.args, role)) for role in ROLES}


def _compatible(cluster: Cluster, m: Mention, roles: dict[str, list[Token]], lex: Lexicon) -> bool:
    first = cluster.first
    if first.type != m.type or first.args.negated != m.args.negated or first.args.modality != m.args.modality:
        return False
    shared = False
    for role in ROLES:
        mine, theirs = cluster.args.get(role) or [], roles[role]
        if not mine or not theirs:
            continue
        a, b = _words(mine, lex), _words(theirs, lex)
        if role == "instrument":
            named_a, named_b = ea.named_weapon_words(mine, lex), ea.named_weapon_words(theirs, lex)
            if named_a and named_b and not named_a & named_b:
                return False
        elif a and b and not a & b:
            return False
        shared = shared or bool(a & b)
    return shared


def merge(mentions: list[Mention], lex: Lexicon) -> list[Cluster]:
    clusters: list[Cluster] = []
    for m in mentions:
        roles = _roles(m)
        home = next((c for c in clusters if _compatible(c, m, roles, lex)), None)
        if home is None:
            home = Cluster()
            clusters.append(home)
        home.mentions.append(m)
        for role, toks in roles.items():
            if toks and not home.args.get(role):
                home.args[role] = toks
    return clusters


class Offsets:
    """Maps character offsets to token indexes."""

    def __init__(self, doc: Doc) -> None:
        self.starts: list[int] = doc.to_array(IDX).tolist() if len(doc) else []

    def token(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)


def _span(text: str, tokens: list[Token]) -> Span | None:
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Span(start, end, text[start:end])


def _token_span(tok: Token) -> Span:
    return Span(tok.idx, tok.idx + len(tok.text), tok.text)


def _level(m: Mention, start_token: int) -> int | None:
    """0 when a span starts in the mention's clause, 1 in its sentence, None elsewhere."""
    if start_token in m.clause:
        return 0
    if m.sentence[0] <= start_token < m.sentence[1]:
        return 1
    return None


def _excluded(cluster: Cluster) -> set[int]:
    """Token indexes of the actor and instrument phrases: a place there is not where the event happened."""
    return {t.i for role in ("actor", "instrument") for t in cluster.args.get(role) or []}


def _is_modifier_place(doc: Doc, start: int, others: list[tuple[int, Place]], offsets: Offsets) -> bool:
    """'Russia' in "Russia's Kursk Region" qualifies another place: the other one is more specific."""
    tok = doc[start]
    if tok.dep_ not in {"poss", "compound", "amod"}:
        return False
    return any(p.span.start <= tok.head.idx < p.span.end and offsets.token(p.span.start) != start for _, p in others)


def _demonym(doc: Doc, place: Place, offsets: Offsets) -> bool:
    """'Ukrainian' in 'his Ukrainian counterpart' names a nationality, not where something happened."""
    tok = doc[offsets.token(place.span.start)]
    return tok.ent_type_ == "NORP" or tok.pos_ == "ADJ"


@dataclass
class PlaceTokens:
    """Per place of the document: the index of its first token and whether it names a nationality."""

    starts: list[int]
    demonyms: list[bool]

    @classmethod
    def of(cls, doc: Doc, places: list[Place], offsets: Offsets) -> PlaceTokens:
        return cls([offsets.token(p.span.start) for p in places], [_demonym(doc, p, offsets) for p in places])


def pick_place(
    doc: Doc, cluster: Cluster, places: list[Place], offsets: Offsets, tokens: PlaceTokens | None = None
) -> int | None:
    tokens = tokens or PlaceTokens.of(doc, places, offsets)
    excluded = _excluded(cluster)
    usable = [
        (i, p)
        for i, p in enumerate(places)
        if p.role not in NO_PLACE_ROLES and tokens.starts[i] not in excluded and not tokens.demonyms[i]
    ]
    modifier: dict[int, bool] = {}
    best: tuple[int, int, int] | None = None
    chosen = None
    for order, m in enumerate(cluster.mentions):
        for i, _ in usable:
            start = tokens.starts[i]
            level = _level(m, start)
            if level is None:
                continue
            if start not in modifier:
                modifier[start] = _is_modifier_place(doc, start, usable, offsets)
            if modifier[start]:
                continue
            key = (level, order, abs(start - m.trigger.i))
            if best is None or key < best:
                best, chosen = key, i
    if chosen is not None:
        return chosen
    return main_place(usable)


def main_place(usable: list[tuple[int, Place]]) -> int | None:
    """The article's most mentioned place, the earliest on ties."""
    if not usable:
        return None
    counts = Counter(p.name for _, p in usable)
    top = max(counts.values())
    return next(i for i, p in usable if counts[p.name] == top)


def pick_time(cluster: Cluster, times: list[TimeRef], offsets: Offsets, starts: list[int] | None = None) -> int | None:
    starts = starts if starts is not None else [offsets.token(t.span.start) for t in times]
    best: tuple[int, int, int] | None = None
    chosen = None
    for order, m in enumerate(cluster.mentions):
        for i, t in enumerate(times):
            level = _level(m, starts[i])
            if level is None:
                continue
            key = (level, int(t.value is None), order)
            if best is None or key < best:
                best, chosen = key, i
    return chosen


def _quantity(text: str, cluster: Cluster) -> str | None:
    for m in cluster.mentions:
        if m.quantity is not None:
            start, end = ea.quantity_text(m.quantity)
            return text[start:end]
    return None


def to_event(text: str, cluster: Cluster, place: int | None, time: int | None) -> Event:
    """`text` is the document's text (Doc.text is rebuilt on every access)."""
    m = cluster.first
    frames = sorted({i for mention in cluster.mentions for i in mention.attributions})
    return Event(
        trigger=_token_span(m.trigger),
        type=m.type,
        actor=_span(text, cluster.args.get("actor") or []),
        target=_span(text, cluster.args.get("target") or []),
        instrument=_span(text, cluster.args.get("instrument") or []),
        quantity=_quantity(text, cluster),
        place=place,
        time=time,
        attributions=tuple(frames),
        negated=m.args.negated,
        modality=m.args.modality,
    )


def build_events(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Event]:
    """Merge the mentions and link places and times; marks each chosen place with the role "event"."""
    places: list[Place] = list(doc._.rep_places or [])
    times: list[TimeRef] = list(doc._.rep_times or [])
    offsets = Offsets(doc)
    text = doc_text(doc)
    events: list[Event] = []
    clusters = merge(mentions, lex)
    place_tokens = PlaceTokens.of(doc, places, offsets) if clusters else PlaceTokens([], [])
    time_starts = [offsets.token(t.span.start) for t in times]
    for cluster in clusters:
        place = pick_place(doc, cluster, places, offsets, place_tokens)
        if place is not None and places[place].role != "event":
            places[place] = dataclasses.replace(places[place], role="event")
        events.append(to_event(text, cluster, place, pick_time(cluster, times, offsets, time_starts)))
    if doc._.rep_places is not None:
        doc._.rep_places = places
    return events
