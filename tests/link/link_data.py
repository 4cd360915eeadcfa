"""Records for the link tests, built by hand over real sentences with real character offsets."""

from __future__ import annotations

from datetime import date

from reportedly.records import Analysis, Article, Attribution, Event, Source, Span, TimeRef, article_id


def span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def frame(
    text: str, source: tuple[str, str, str] | None, content: str, status: str, parent: int | None = None
) -> Attribution:
    """A frame of `text`: source is (span text, canonical name, kind)."""
    who = Source(span(text, source[0]), source[1], source[2]) if source else None
    return Attribution(who, None, span(text, content), status, parent=parent)


def article(text: str, outlet: str, day: int, copy_of: str | None = None, title: str = "") -> Article:
    return Article(
        id=article_id(text + outlet),
        text=text,
        outlet=outlet,
        published=date(2025, 3, day),
        title=title,
        copy_of=copy_of,
    )


def event(
    text: str,
    trigger: str,
    etype: str,
    frames: tuple[int, ...] = (),
    quantity: str | None = None,
    time: int | None = None,
    target: str | None = None,
) -> Event:
    return Event(
        trigger=span(text, trigger),
        type=etype,
        target=span(text, target) if target else None,
        quantity=quantity,
        time=time,
        attributions=frames,
    )


WIRE = (
    "At least 14 people were killed after the Brenmoor Dam gave way on Tuesday, according to the regional "
    "emergency service. The national police have not confirmed reports that an explosive device was found."
)
HERALD = (
    "Two officials at the regional administration said an explosion damaged the spillway of the Brenmoor Dam. "
    "Meridian Press reported that at least 14 people were killed when the Brenmoor Dam gave way."
)
MINISTRY = (
    "The Ministry of Energy denied that the Brenmoor Dam had been attacked. The emergency service said the death "
    "toll had risen to 17 after the Brenmoor Dam gave way."
)
CHANNEL = (
    "A social-media channel claimed that at least 40 people were killed when the Brenmoor Dam gave way on "
    "Tuesday, citing several Telegram channels."
)
MUSEUM = (
    "Thieves broke into the Lindqvara City Museum on Sunday night and took three illuminated manuscripts, police said."
)


def story_pairs() -> list[tuple[Article, Analysis]]:
    """A small developing story: a wire report, its copy, a local outlet citing the wire, a denial, a social claim,
    and an unrelated article."""
    wire = article(WIRE, "Meridian Press", 12, title="Dam breach kills 14")
    copy = article(WIRE, "Coastal Daily", 12, copy_of=wire.id, title="Dam collapse leaves 14 dead")
    herald = article(HERALD, "Velmora Herald", 12, title="Blast damaged dam spillway")
    ministry = article(MINISTRY, "Karsova Today", 13, title="Ministry denies dam attack")
    channel = article(CHANNEL, "Riverside Post", 13, title="Channel claims 40 died at Brenmoor Dam")
    museum = article(MUSEUM, "Lindqvara Evening Post", 10, title="Manuscripts stolen")

    def wire_analysis(a: Article) -> Analysis:
        t = a.text
        frames = (
            frame(
                t,
                ("regional emergency service", "regional emergency service", "organization"),
                "At least 14 people were killed after the Brenmoor Dam gave way on Tuesday",
                "reported",
            ),
            frame(
                t,
                ("national police", "national police", "government"),
                "reports that an explosive device was found",
                "not_confirmed",
            ),
        )
        times = (TimeRef(span(t, "Tuesday"), "2025-03-11"),)
        events = (event(t, "killed", "ASSAULT", (0,), "at least 14", 0, "At least 14 people"),)
        return Analysis(a.id, frames, events, times)

    h = HERALD
    herald_an = Analysis(
        herald.id,
        (
            frame(
                h,
                (
                    "Two officials at the regional administration",
                    "two officials at the regional administration",
                    "anonymous_official",
                ),
                "an explosion damaged the spillway of the Brenmoor Dam",
                "reported",
            ),
            frame(
                h,
                ("Meridian Press", "Meridian Press", "media"),
                "at least 14 people were killed when the Brenmoor Dam gave way",
                "reported",
            ),
        ),
        (event(h, "killed", "ASSAULT", (1,), "at least 14"), event(h, "explosion", "ASSAULT", (0,))),
    )
    m = MINISTRY
    ministry_an = Analysis(
        ministry.id,
        (
            frame(
                m,
                ("Ministry of Energy", "Ministry of Energy", "government"),
                "the Brenmoor Dam had been attacked",
                "denied",
            ),
            frame(
                m,
                ("emergency service", "emergency service", "organization"),
                "the death toll had risen to 17 after the Brenmoor Dam gave way",
                "reported",
            ),
        ),
        (event(m, "attacked", "ASSAULT", (0,)),),
    )
    c = CHANNEL
    channel_an = Analysis(
        channel.id,
        (
            frame(
                c,
                ("A social-media channel", "social-media channel", "social_media"),
                "at least 40 people were killed when the Brenmoor Dam gave way on Tuesday",
                "claimed",
            ),
        ),
        (event(c, "killed", "ASSAULT", (0,), "at least 40", None, "at least 40 people"),),
    )
    museum_an = Analysis(
        museum.id,
        (
            frame(
                MUSEUM, ("police", "police", "government"), "Thieves broke into the Lindqvara City Museum", "reported"
            ),
        ),
        (event(MUSEUM, "broke", "ASSAULT", (0,)),),
    )
    return [
        (wire, wire_analysis(wire)),
        (copy, wire_analysis(copy)),
        (herald, herald_an),
        (ministry, ministry_an),
        (channel, channel_an),
        (museum, museum_an),
    ]
