"""The records every stage exchanges: frozen dataclasses with character offsets into `Article.text`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

STATUSES = (
    "asserted",
    "confirmed",
    "reported",
    "claimed",
    "unverified",
    "not_confirmed",
    "denied",
    "declined",
    "speculative",
)
SOURCE_KINDS = (
    "person",
    "government",
    "anonymous_official",
    "media",
    "social_media",
    "expert",
    "organization",
    "document",
    "unspecified",
)
FORMS = ("direct", "indirect", "mixed", "none")
PLACE_ROLES = ("event", "mention", "source", "metonym")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    title: str | None = None
    language: str = "en"
    copy_of: str | None = None
    name: str | None = None
    date_source: str | None = None  # where `published` came from: header, field, metadata, url, content
    copy_similarity: float | None = None  # with copy_of: the share of the shorter text found in the other

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "text": self.text,
            "outlet": self.outlet,
            "url": self.url,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "language": self.language,
            "copy_of": self.copy_of,
            "date_source": self.date_source,
            "copy_similarity": self.copy_similarity,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        pub = data.get("published")
        return cls(
            id=data["id"],
            text=data["text"],
            outlet=data.get("outlet"),
            url=data.get("url"),
            published=date.fromisoformat(pub[:10]) if pub else None,
            title=data.get("title"),
            language=data.get("language") or "en",
            copy_of=data.get("copy_of"),
            name=data.get("name"),
            date_source=data.get("date_source"),
            copy_similarity=data.get("copy_similarity"),
        )


@dataclass(frozen=True)
class Skipped:
    """An input that could not become an article, with the reason."""

    location: str
    reason: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"location": self.location, "reason": self.reason, "detail": self.detail}


@dataclass(frozen=True)
class Source:
    span: Span | None
    name: str
    kind: str = "unspecified"

    def to_dict(self) -> dict[str, Any]:
        base = self.span.to_dict() if self.span else {"start": None, "end": None, "text": None}
        return {**base, "kind": self.kind, "name": self.name}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        span = Span.from_dict(data) if data.get("start") is not None else None
        return cls(span, data.get("name") or "", data.get("kind") or "unspecified")


@dataclass(frozen=True)
class Attribution:
    source: Source | None
    cue: Span | None
    content: Span
    status: str
    hedges: tuple[str, ...] = ()
    form: str = "indirect"
    parent: int | None = None
    extractor: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict(),
            "status": self.status,
            "hedges": list(self.hedges),
            "form": self.form,
            "parent": self.parent,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], extractor: str = "") -> Attribution:
        return cls(
            source=Source.from_dict(data["source"]) if data.get("source") else None,
            cue=Span.from_dict(data["cue"]) if data.get("cue") else None,
            content=Span.from_dict(data["content"]),
            status=data["status"],
            hedges=tuple(data.get("hedges") or ()),
            form=data.get("form") or "indirect",
            parent=data.get("parent"),
            extractor=data.get("extractor") or extractor,
        )


@dataclass(frozen=True)
class TimeRef:
    span: Span
    value: str | None
    kind: str = "date"

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "value": self.value, "kind": self.kind}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TimeRef:
        return cls(Span.from_dict(data), data.get("value"), data.get("kind") or "date")


@dataclass(frozen=True)
class Place:
    span: Span
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    role: str = "mention"

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.span.to_dict(),
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "role": self.role,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(
            span=Span.from_dict(data),
            name=data.get("name") or data["text"],
            country=data.get("country"),
            admin1=data.get("admin1"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            geonames_id=data.get("geonames_id"),
            role=data.get("role") or "mention",
        )


def _opt_span(data: Any) -> Span | None:
    return Span.from_dict(data) if data else None


@dataclass(frozen=True)
class Event:
    trigger: Span
    type: str = "OTHER"
    actor: Span | None = None
    target: Span | None = None
    instrument: Span | None = None
    quantity: str | None = None
    place: int | None = None
    time: int | None = None
    attributions: tuple[int, ...] = ()
    negated: bool = False
    modality: str | None = None

    def to_dict(self) -> dict[str, Any]:
        def sp(s: Span | None) -> dict[str, Any] | None:
            return s.to_dict() if s else None

        return {
            "trigger": self.trigger.to_dict(),
            "type": self.type,
            "actor": sp(self.actor),
            "target": sp(self.target),
            "instrument": sp(self.instrument),
            "quantity": self.quantity,
            "place": self.place,
            "time": self.time,
            "attributions": list(self.attributions),
            "negated": self.negated,
            "modality": self.modality,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        return cls(
            trigger=Span.from_dict(data["trigger"]),
            type=data.get("type") or "OTHER",
            actor=_opt_span(data.get("actor")),
            target=_opt_span(data.get("target")),
            instrument=_opt_span(data.get("instrument")),
            quantity=data.get("quantity"),
            place=data.get("place"),
            time=data.get("time"),
            attributions=tuple(data.get("attributions") or ()),
            negated=bool(data.get("negated", False)),
            modality=data.get("modality"),
        )


@dataclass(frozen=True)
class Analysis:
    article_id: str
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    extractor_version: str = ""
    skipped: str | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "attributions": [a.to_dict() for a in self.attributions],
            "events": [e.to_dict() for e in self.events],
            "times": [t.to_dict() for t in self.times],
            "places": [p.to_dict() for p in self.places],
        }

    @classmethod
    def from_dict(cls, article_id: str, data: dict[str, Any], version: str = "") -> Analysis:
        return cls(
            article_id=article_id,
            attributions=tuple(Attribution.from_dict(a, version) for a in data.get("attributions", [])),
            events=tuple(Event.from_dict(e) for e in data.get("events", [])),
            times=tuple(TimeRef.from_dict(t) for t in data.get("times", [])),
            places=tuple(Place.from_dict(p) for p in data.get("places", [])),
            extractor_version=version,
        )


def interchange(article: Article, analysis: Analysis) -> dict[str, Any]:
    """One line of `extract --json`: the stable interchange format."""
    return {
        "name": article.name or article.id,
        "id": article.id,
        "published": article.published.isoformat() if article.published else None,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "text": article.text,
        **analysis.to_dict(),
        "extractor_version": analysis.extractor_version,
        "skipped": analysis.skipped,
    }


_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The form of a text that identity is computed on: NFC, single spaces, trimmed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """A stable content hash: the same text always gets the same id."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]
