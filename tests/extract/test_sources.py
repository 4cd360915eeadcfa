"""Source canonicalisation: one name and one kind per source within an article."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.errors import ConfigError
from reportedly.extract.sources import canonicalise, load_source_lexicon
from reportedly.records import SOURCE_KINDS, Attribution, Source, Span

HEALEY = (
    "Defense Secretary John Healey spoke with his Ukrainian counterpart on Monday about the missiles. "
    "The talks lasted an hour. "
)


def frame(text: str, source: str | None, occurrence: int = 0) -> Attribution:
    """A frame whose source is the `occurrence`-th appearance of `source` in `text`."""
    src = None
    if source is not None:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(source, start + 1)
        src = Source(Span(start, start + len(source), source), source)
    return Attribution(source=src, cue=None, content=Span(0, 4, text[:4]), status="reported")


CASES = [
    (
        "Mukasey, the Republican attorney general under former President George W. Bush, said the case was weak.",
        "Mukasey, the Republican attorney general under former President George W. Bush,",
        0,
        "Mukasey",
        "person",
    ),
    ("Dam engineer Anna Berg, who inspected the spillway, said it held.", "who", 0, "Dam engineer Anna Berg", "person"),
    (
        "Images shared on Telegram supposedly show debris.",
        "Images shared on Telegram",
        0,
        "Images shared on Telegram",
        "social_media",
    ),
    ("The Huffington Post reported the delay on Monday.", "The Huffington Post", 0, "Huffington Post", "media"),
    (HEALEY + "Healey said the talks went well.", "Healey", 1, "Defense Secretary John Healey", "person"),
    (HEALEY + "He said the talks went well.", "He", 0, "Defense Secretary John Healey", "person"),
    (HEALEY + "Mr. Healey said the talks went well.", "Mr. Healey", 0, "Defense Secretary John Healey", "person"),
    (
        "British officials said the missiles were fired on Wednesday.",
        "British officials",
        0,
        "British officials",
        "anonymous_official",
    ),
    ("The deal is close to done, sources said on Friday.", "sources", 0, "sources", "anonymous_official"),
    (
        "The Russian Ministry of Defense said the attack was repelled. The ministry added that two drones were downed.",
        "The ministry",
        0,
        "Russian Ministry of Defense",
        "government",
    ),
    ("The BBC has confirmed that the strike took place.", "The BBC", 0, "BBC", "media"),
    ("Bloomberg earlier reported that approval had been given.", "Bloomberg", 0, "Bloomberg", "media"),
    ("Reuters reported the fire. It said the blaze started at night.", "It", 0, "Reuters", "media"),
    (
        "Several Telegram channels reported explosions in Kursk.",
        "Several Telegram channels",
        0,
        "Several Telegram channels",
        "social_media",
    ),
    ("Posts on X claimed that the bridge had collapsed.", "Posts on X", 0, "Posts on X", "social_media"),
    (
        "Weapons experts have confirmed that the debris matches the design.",
        "Weapons experts",
        0,
        "Weapons experts",
        "expert",
    ),
    ("Analysts say the economy will slow next year.", "Analysts", 0, "Analysts", "expert"),
    ("The report said that unemployment rose in March.", "The report", 0, "report", "document"),
    ("The White House said the president would sign the bill.", "The White House", 0, "White House", "government"),
    ("The Kremlin has warned that such attacks would escalate the war.", "The Kremlin", 0, "Kremlin", "government"),
    (
        "President Vladimir Putin spoke on Thursday. The president said the war would go on.",
        "The president",
        0,
        "President Vladimir Putin",
        "person",
    ),
    (
        "Ukrainian President Volodymyr Zelensky has previously claimed that permission was granted.",
        "Ukrainian President Volodymyr Zelensky",
        0,
        "Ukrainian President Volodymyr Zelensky",
        "person",
    ),
    (
        "The Clinton campaign said it would release the records.",
        "The Clinton campaign",
        0,
        "Clinton campaign",
        "organization",
    ),
    ("The governor said the roads would reopen.", "The governor", 0, "governor", "person"),
    ("A local farmer said the river rose overnight.", "A local farmer", 0, "local farmer", "person"),
    ("The judge said the hearing would resume on Monday.", "The judge", 0, "judge", "person"),
    ("One survivor said the boat capsized at dawn.", "One survivor", 0, "One survivor", "person"),
]


@pytest.mark.parametrize(("text", "source", "occurrence", "name", "kind"), CASES)
def test_canonical_name_and_kind(nlp: Any, text: str, source: str, occurrence: int, name: str, kind: str) -> None:
    doc = nlp(text)
    att = frame(text, source, occurrence)
    (out,) = canonicalise(doc, [att])
    assert out.source is not None
    assert (out.source.name, out.source.kind) == (name, kind)
    assert out.source.span == att.source.span  # type: ignore[union-attr]


def test_same_source_shares_one_name(nlp: Any) -> None:
    text = HEALEY + "Healey said the talks went well. He added that more aid would follow."
    frames = [frame(text, "Defense Secretary John Healey"), frame(text, "Healey", 1), frame(text, "He", 0)]
    names = {a.source.name for a in canonicalise(nlp(text), frames) if a.source}
    assert names == {"Defense Secretary John Healey"}


def test_frames_without_source_keep_none(nlp: Any) -> None:
    text = "The exact timing could not be verified. The BBC said so."
    frames = [frame(text, None), frame(text, "The BBC")]
    out = canonicalise(nlp(text), frames)
    assert out[0].source is None
    assert out[1].source is not None and out[1].source.kind == "media"


def test_extractor_output_has_known_kinds(nlp: Any) -> None:
    doc = nlp(HEALEY + "Healey said the talks went well, and British officials told the BBC the same.")
    kinds = {a.source.kind for a in doc._.rep_attributions if a.source}
    assert kinds and kinds <= set(SOURCE_KINDS)


def test_lexicon_kinds_are_valid() -> None:
    lex = load_source_lexicon("en")
    assert set(lex.kinds.values()) <= set(SOURCE_KINDS)
    assert lex.role("he") == "person"


def test_missing_language_lexicon_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="missing"):
        load_source_lexicon("xx")


def test_a_relative_pronoun_source_is_named_by_its_noun_phrase(nlp: Any) -> None:
    doc = nlp("The ferry plan was backed by Senator Anna Dorn of Velmora, who said the crossing was safe.")
    frame = next(a for a in doc._.rep_attributions if a.cue and a.cue.text == "said")
    assert frame.source is not None and frame.source.span.text == "who"
    assert frame.source.name == "Senator Anna Dorn of Velmora"
    assert frame.source.kind == "person"


def test_that_as_a_source_names_the_noun_before_it(nlp: Any) -> None:
    doc = nlp("Critics pointed to photos posted on Telegram that supposedly show a damaged bridge.")
    frame = next(a for a in doc._.rep_attributions if a.cue and a.cue.text == "supposedly show")
    assert frame.source is not None and frame.source.span.text == "that"
    assert frame.source.name == "photos posted on Telegram"
