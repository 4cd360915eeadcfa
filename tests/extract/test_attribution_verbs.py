"""Verb frames the parser makes hard: pro-form contents, asides hung inside a reported clause, "called for ... to"."""

from __future__ import annotations

from typing import Any

import pytest
from attribution_helpers import frame_with_cue, frames

CASES = [
    # one word stands for the reported clause
    ("Neither side in the Velmora talks would say so.", "would say", "Neither side in the Velmora talks", "so"),
    ("Asked whether he would run again, the Karsova mayor said no.", "said", "the Karsova mayor", "no"),
    ("A third of the Velmora voters said the same.", "said", "A third of the Velmora voters", "the same"),
    # ", saying ..." hung inside the first content: its own frame, with the first speaker
    (
        "Aides to Karsova argued that a fence would keep people out, saying the harbour needs better lighting.",
        "saying",
        "Aides to Karsova",
        "the harbour needs better lighting",
    ),
    # a preposition the verb's lexicon entry allows joins the cue; its object is the content
    ("Dorn hinted at a run for mayor of Velmora.", "hinted at", "Dorn", "a run for mayor of Velmora"),
    (
        "The Karsova council apologized for the late ferries.",
        "apologized for",
        "The Karsova council",
        "the late ferries",
    ),
    # "called for X to do Y": "for" joins the cue
    (
        "Karsova has repeatedly called for the ferry records to be made public.",
        "has repeatedly called for",
        "Karsova",
        "the ferry records to be made public",
    ),
]


@pytest.mark.parametrize("text, cue, source, content", CASES)
def test_verb_frames(nlp: Any, text: str, cue: str, source: str | None, content: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert (frame.source.span.text if frame.source else None) == source
    assert frame.content.text == content
    assert frame.parent is None


def test_the_first_content_stops_before_the_aside(nlp: Any) -> None:
    text = "Aides to Karsova argued that a fence would keep people out, saying the harbour needs better lighting."
    assert frame_with_cue(nlp, text, "argued").content.text == "that a fence would keep people out"


def test_a_second_speaker_after_while_is_a_frame_of_its_own(nlp: Any) -> None:
    text = (
        "Some voters in Velmora said the debate had not changed their vote, "
        "while other voters said the ferry plan won them over."
    )
    first = frame_with_cue(nlp, text, "said")
    assert first.content.text == "the debate had not changed their vote"
    second = [a for a in frames(nlp, text) if a.source and a.source.span.text == "other voters"]
    assert second and second[0].parent is None
    assert second[0].content.text == "the ferry plan won them over"


def test_said_with_a_clause_keeps_the_clause_not_a_pro_form(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "The Velmora council said no decision had been taken.", "said")
    assert frame.content.text == "no decision had been taken"


PASSIVE_AS = [
    # "is seen as": no one named, the whole clause is the view
    (
        "The Velmora union is widely regarded as the strongest in the region.",
        "is widely regarded as",
        None,
        "The Velmora union is widely regarded as the strongest in the region",
    ),
    # a participle after a noun: the noun phrase is what is called so
    ("They met in the town known as Old Novigrad.", "known as", None, "the town known as Old Novigrad"),
    # the same view without "as"
    (
        "Dorn is considered the favourite in Velmora.",
        "is considered",
        None,
        "Dorn is considered the favourite in Velmora",
    ),
]


@pytest.mark.parametrize("text, cue, source, content", PASSIVE_AS)
def test_passive_views_with_as(nlp: Any, text: str, cue: str, source: str | None, content: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert (frame.source.span.text if frame.source else None) == source
    assert frame.content.text == content


def test_a_plain_passive_is_not_a_view(nlp: Any) -> None:
    cues = [a.cue.text for a in frames(nlp, "The bridge was built as a toll road in 1920.") if a.cue]
    assert not [c for c in cues if c.endswith(" as")]


def test_a_source_after_a_quotation_leaves_out_its_closing_mark(nlp: Any) -> None:
    text = "“That is a fair worry, because they care a lot,” Karsova, 61, told the radio station Monday."
    frame = frame_with_cue(nlp, text, "told")
    assert frame.source is not None and frame.source.span.text == "Karsova, 61,"
    assert frame.content.text == "“That is a fair worry, because they care a lot,”"


def test_an_object_relative_pronoun_is_the_content(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "Velmora backed a harbour plan, which Karsova also supports.", "also supports")
    assert frame.source is not None and frame.source.span.text == "Karsova"
    assert frame.content.text == "which"


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The Velmora mayor has since said the ferry plan failed.", "has since said"),
        ("The two Karsova leaders have both said the ferry plan failed.", "have both said"),
    ],
)
def test_a_word_between_auxiliary_and_verb_joins_the_cue(nlp: Any, text: str, cue: str) -> None:
    assert frame_with_cue(nlp, text, cue).content.text == "the ferry plan failed"


def test_the_object_of_a_control_verb_is_the_source_of_its_infinitive(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "The loss in Velmora has led some allies to worry whether she could win.", "to worry")
    assert frame.source is not None and frame.source.span.text == "some allies"
    assert frame.content.text == "whether she could win"


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("Novigrad seems calm about the vote.", "seems", "Novigrad seems calm about the vote"),
        ("The Velmora ferry seemed like a safe bet.", "seemed", "The Velmora ferry seemed like a safe bet"),
    ],
)
def test_an_impression_has_no_source_and_the_whole_clause(nlp: Any, text: str, cue: str, content: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert frame.source is None
    assert frame.content.text == content
    assert frame.status == "speculative"


def test_even_before_the_subject_is_not_part_of_the_source(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "Even a top Velmora strategist said the ferry plan would fail.", "said")
    assert frame.source is not None and frame.source.span.text == "a top Velmora strategist"


def test_it_before_seem_names_no_source(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "It may seem odd that the Velmora ferry still runs.", "may seem")
    assert frame.source is None


def test_a_dateline_is_not_part_of_the_source(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "NOVIGRAD, Velmora - Mayor Anna Dorn said on Monday that the ferry would run.", "said")
    assert frame.source is not None and frame.source.span.text == "Mayor Anna Dorn"


def test_an_opening_asked_names_no_asker(nlp: Any) -> None:
    text = 'Asked a direct question about the ferry in the debate, Karsova said, "I take responsibility."'
    asked = frame_with_cue(nlp, text, "Asked")
    assert asked.source is None
    said = frame_with_cue(nlp, text, "said")
    assert said.source is not None and said.source.span.text == "Karsova"


def test_a_conjoined_stance_adjective_shares_the_subject(nlp: Any) -> None:
    text = "Many voters in Velmora yearn for a comeback and are not confident that Karsova understands them."
    frame = frame_with_cue(nlp, text, "are not confident")
    assert frame.source is not None and frame.source.span.text == "Many voters in Velmora"


def test_the_subject_of_a_passive_stance_holds_it(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "Karsova is now assured of winning the Velmora vote.", "is now assured of")
    assert frame.source is not None and frame.source.span.text == "Karsova"


@pytest.mark.parametrize(
    "text, source",
    [
        ("The Karsova campaign on Monday said the ferry would run.", "The Karsova campaign"),
        ("Dorn in an interview said the Velmora ferry would run.", "Dorn"),
    ],
)
def test_when_or_where_it_was_said_is_not_part_of_the_source(nlp: Any, text: str, source: str) -> None:
    frame = frame_with_cue(nlp, text, "said")
    assert frame.source is not None and frame.source.span.text == source


@pytest.mark.parametrize(
    "text",
    [
        "A Velmora official, speaking on condition of anonymity, said the ferry talks had stalled.",
        "Dorn, who spoke on behalf of the Karsova council, said the harbour would stay open.",
        "The mayor of Novigrad spoke on the phone with Dorn and said the harbour would stay open.",
    ],
)
def test_where_or_how_someone_spoke_is_no_content(nlp: Any, text: str) -> None:
    cues = {a.cue.text for a in frames(nlp, text) if a.cue}
    assert "said" in cues
    assert not any(cue.startswith(("speaking", "spoke")) for cue in cues), cues


@pytest.mark.parametrize(
    "text, cue, source",
    [
        # a dateline the parser took for the subject: the speaker is who comes after the dash
        (
            "NOVIGRAD (Wire) — Mayor Anna Dorn pledged on Monday to reopen the Velmora ferry.",
            "pledged",
            "Mayor Anna Dorn",
        ),
        ("VELMORA — Senator Karsova defended his call to close the harbour.", "defended", "Senator Karsova"),
        # an organisation in capitals is no dateline
        (
            "NATO — whose envoys met in Velmora — said on Monday that the talks would resume.",
            "said",
            "NATO — whose envoys met in Velmora —",
        ),
        # an interruption set off by dashes: the closing dash ends the source, as a closing comma does
        (
            "Jana Dorn — a teacher from Velmora — says the ferry should run at night.",
            "says",
            "Jana Dorn — a teacher from Velmora —",
        ),
    ],
)
def test_datelines_and_dashes_around_the_source(nlp: Any, text: str, cue: str, source: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert frame.source is not None and frame.source.span.text == source


@pytest.mark.parametrize(
    "text, cue, content",
    [
        ("Dorn spoke on his record as mayor of Velmora.", "spoke on", "his record as mayor of Velmora"),
        (
            "Karsova commented on the condition of the Novigrad roads.",
            "commented on",
            "the condition of the Novigrad roads",
        ),
    ],
)
def test_a_topic_that_looks_like_a_setting_is_still_content(nlp: Any, text: str, cue: str, content: str) -> None:
    assert frame_with_cue(nlp, text, cue).content.text == content
