"""A small ledger written by hand for the web tests: four articles, their frames, events, times and places.

Offsets are found in the texts, so every span is an exact substring. Article 4 carries hostile markup.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reportedly.records import Analysis, Article, Attribution, Event, Place, Source, Span, TimeRef, article_id

VERSION = "test-1"


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def frame(
    text: str, source: str | None, kind: str, cue: str | None, content: str, status: str, **kw: Any
) -> Attribution:
    who = Source(span(text, source), kw.pop("name", source), kind) if source else None
    return Attribution(
        source=who,
        cue=span(text, cue) if cue else None,
        content=span(text, content),
        status=status,
        extractor=VERSION,
        **kw,
    )


def article(text: str, outlet: str, day: date, title: str, url: str | None = None) -> Article:
    return Article(id=article_id(text), text=text, outlet=outlet, published=day, title=title, url=url)


KHARKIV = (
    "Officials in Kharkiv said on Tuesday that a drone struck a power station near the city. "
    "The regional governor confirmed that two workers were injured. The defence ministry denied that its forces "
    "had launched the drone, while a local Telegram channel claimed that up to five drones were involved. "
    "The company declined to comment. The station supplies power to 40,000 homes."
)
KHERSON = (
    "Reuters reported that, according to two officials, the convoy was hit on 2 March near Kherson.\n\n"
    "Moscow has not confirmed the strike, and the claim could not be independently verified."
)
FORECAST = (
    "Analysts warned that further strikes could follow in April. A Ukrainian official reportedly told the "
    "newspaper that air defences intercepted most of the drones on 30 March."
)
HOSTILE = (
    'A spokesman <script>window.__pwned = 1</script> said that <img src=x onerror="window.__pwned = 2"> '
    'the site at <a href="javascript:window.__pwned = 3">this link</a> was attacked on Friday.'
)


def kharkiv() -> tuple[Article, Analysis]:
    t = KHARKIV
    frames = (
        frame(
            t, "Officials in Kharkiv", "government", "said", "a drone struck a power station near the city", "reported"
        ),
        frame(t, "The regional governor", "government", "confirmed", "two workers were injured", "confirmed"),
        frame(t, "The defence ministry", "government", "denied", "its forces had launched the drone", "denied"),
        frame(t, "a local Telegram channel", "social_media", "claimed", "up to five drones were involved", "claimed"),
        frame(t, "The company", "organization", "declined to comment", "to comment", "declined"),
        frame(t, None, "unspecified", None, "The station supplies power to 40,000 homes.", "asserted", form="none"),
    )
    times = (TimeRef(span(t, "on Tuesday"), "2025-03-11"),)
    places = (Place(span(t, "Kharkiv"), "Kharkiv", "UA", "Kharkiv Oblast", 49.9935, 36.2304, 706483, "event"),)
    events = (
        Event(
            span(t, "struck"),
            "ATTACK",
            instrument=span(t, "a drone"),
            target=span(t, "a power station"),
            place=0,
            time=0,
            attributions=(0, 2, 3),
        ),
    )
    return (
        article(
            t,
            "Northern Ledger",
            date(2025, 3, 14),
            "Drone strikes power station near Kharkiv",
            "https://example.org/kharkiv",
        ),
        Analysis("", frames, events, times, places, VERSION),
    )


def kherson() -> tuple[Article, Analysis]:
    t = KHERSON
    frames = (
        frame(
            t,
            "Reuters",
            "media",
            "reported",
            "that, according to two officials, the convoy was hit on 2 March near Kherson",
            "reported",
        ),
        frame(
            t,
            "two officials",
            "anonymous_official",
            "according to",
            "the convoy was hit on 2 March near Kherson",
            "reported",
            parent=0,
        ),
        frame(t, "Moscow", "government", "has not confirmed", "the strike", "not_confirmed"),
        frame(t, None, "unspecified", "could not be independently verified", "the claim", "unverified"),
    )
    times = (TimeRef(span(t, "2 March"), "2025-03-02"),)
    places = (Place(span(t, "Kherson"), "Kherson", "UA", "Kherson Oblast", 46.6354, 32.6169, 706448, "event"),)
    events = (Event(span(t, "hit"), "ATTACK", target=span(t, "the convoy"), place=0, time=0, attributions=(1, 2, 3)),)
    return (
        article(t, "Wire Digest", date(2025, 3, 3), "Convoy hit near Kherson"),
        Analysis("", frames, events, times, places, VERSION),
    )


def forecast() -> tuple[Article, Analysis]:
    t = FORECAST
    frames = (
        frame(t, "Analysts", "expert", "warned", "further strikes could follow in April", "speculative"),
        frame(
            t,
            "A Ukrainian official",
            "government",
            "told",
            "air defences intercepted most of the drones on 30 March",
            "reported",
            hedges=("reportedly",),
        ),
    )
    times = (TimeRef(span(t, "April"), "2025-04"), TimeRef(span(t, "30 March"), "2025-03-30"))
    events = (
        Event(span(t, "intercepted"), "INTERCEPT", time=1, attributions=(1,)),
        Event(span(t, "strikes"), "ATTACK", time=0, attributions=(0,), modality="speculative"),
    )
    return (
        article(t, "Northern Ledger", date(2025, 4, 1), "Analysts expect more strikes"),
        Analysis("", frames, events, times, (), VERSION),
    )


def hostile() -> tuple[Article, Analysis]:
    t = HOSTILE
    frames = (
        frame(
            t,
            "A spokesman <script>window.__pwned = 1</script>",
            "person",
            "said",
            'that <img src=x onerror="window.__pwned = 2">',
            "reported",
            name="<b>spokesman</b>",
        ),
    )
    times = (TimeRef(span(t, "Friday"), "2025-03-07"),)
    places = (Place(span(t, "this link"), '<img src=x onerror="window.__pwned = 4">', None, None, 10.0, 10.0),)
    events = (Event(span(t, "attacked"), "ATTACK", place=0, time=0, attributions=(0,)),)
    return (
        article(
            t,
            "<script>window.__pwned = 5</script>",
            date(2025, 3, 8),
            '<img src=x onerror="window.__pwned = 6">',
            "javascript:window.__pwned = 7",
        ),
        Analysis("", frames, events, times, places, VERSION),
    )


def ledger() -> list[tuple[Article, Analysis]]:
    """The four articles with their analyses (article ids filled in)."""
    items = []
    for make in (kharkiv, kherson, forecast, hostile):
        art, an = make()
        items.append((art, Analysis(art.id, an.attributions, an.events, an.times, an.places, VERSION)))
    return items
