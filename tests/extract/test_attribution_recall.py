"""Recall of attribution cues beyond verbs of saying: stances, intentions, light verbs and adjectives.

Each row: sentence, expected cue text, expected source text (None: no source), expected content start, status.
"""

from __future__ import annotations

from typing import Any

import pytest
from attribution_helpers import frame_with_cue

STANCES = [
    # a stance verb whose object is what the source stands for
    ("The union supports the new pension plan.", "supports", "The union", "the new pension plan", "reported"),
    (
        "Most farmers in the valley backed the water tax.",
        "backed",
        "Most farmers in the valley",
        "the water tax",
        "reported",
    ),
    ("The mayor welcomed the decision of the court.", "welcomed", "The mayor", "the decision", "reported"),
    ("The council views the tunnel as a waste of money.", "views", "The council", "the tunnel", "reported"),
    # intentions with an infinitive
    ("The airline plans to cut two hundred jobs next year.", "plans", "The airline", "to cut", "speculative"),
    ("The governor intends to veto the bill.", "intends", "The governor", "to veto", "speculative"),
    ("Most residents voted to keep the old name.", "voted", "Most residents", "to keep", "reported"),
    # a belief with a clause
    ("The coach sees that his team is tired.", "sees", "The coach", "that his team", "reported"),
]


@pytest.mark.parametrize("text, cue, source, content, status", STANCES)
def test_stance_and_intention_cues(nlp: Any, text: str, cue: str, source: str, content: str, status: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert frame.source is not None and frame.source.span.text == source
    assert frame.content.text.startswith(content)
    assert frame.status == status


def test_a_stance_inside_a_report_is_nested(nlp: Any) -> None:
    """'X said Y plans to Z': the intention is part of what X said."""
    records = [a for a in nlp("The spokesman said the company plans to hire more staff.")._.rep_attributions]
    plans = [a for a in records if a.cue and a.cue.text == "plans"]
    assert plans and plans[0].parent is not None


ADJECTIVES = [
    ("The farmers are confident that prices will rise.", "are confident", "The farmers", "that prices", "speculative"),
    (
        "Several officials were adamant that the road stays open.",
        "were adamant",
        "Several officials",
        "that the road",
        "reported",
    ),
    ("The coach is eager to play the final at home.", "is eager", "The coach", "to play", "speculative"),
    (
        "Local teachers have been critical of the new exams.",
        "have been critical of",
        "Local teachers",
        "the new exams",
        "reported",
    ),
    ("Some residents are worried about the noise.", "are worried about", "Some residents", "the noise", "speculative"),
    ("The mayor is not sure the bridge can be saved.", "is not sure", "The mayor", "the bridge", "speculative"),
]


@pytest.mark.parametrize("text, cue, source, content, status", ADJECTIVES)
def test_stance_adjectives(nlp: Any, text: str, cue: str, source: str, content: str, status: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert frame.source is not None and frame.source.span.text == source
    assert frame.content.text.startswith(content)
    assert frame.status == status


def test_an_adjective_without_a_complement_is_no_cue(nlp: Any) -> None:
    records = nlp("The weather was happy and warm all week.")._.rep_attributions
    assert not [a for a in records if a.status != "asserted"]


LIGHT_VERBS = [
    ("The governor expressed concern that the dam could fail.", "expressed concern", "The governor", "that the dam"),
    ("The bishop voiced support for the striking nurses.", "voiced support for", "The bishop", "the striking nurses"),
    (
        "The club issued a statement saying the coach had resigned.",
        "issued a statement saying",
        "The club",
        "the coach",
    ),
    ("The minister made it clear that taxes would not rise.", "made it clear", "The minister", "that taxes"),
    ("The author has made no secret of her doubts.", "has made no secret of", "The author", "her doubts"),
]


@pytest.mark.parametrize("text, cue, source, content", LIGHT_VERBS)
def test_light_verb_cues(nlp: Any, text: str, cue: str, source: str, content: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert frame.source is not None and frame.source.span.text == source
    assert frame.content.text.startswith(content)


def test_a_light_verb_with_an_ordinary_object_is_no_cue(nlp: Any) -> None:
    records = nlp("The bakery made a large cake for the wedding.")._.rep_attributions
    assert not [a for a in records if a.status != "asserted"]


NOUN_PREPS = [
    ("The senator's criticism of the treaty surprised his allies.", "criticism of", "The senator's", "the treaty"),
    ("Their opposition to the new airport has grown.", "opposition to", "Their", "the new airport"),
    (
        "The mayor renewed his sharp criticism of the police chief.",
        "renewed his sharp criticism of",
        "The mayor",
        "the",
    ),
]


@pytest.mark.parametrize("text, cue, source, content", NOUN_PREPS)
def test_noun_cues_with_a_preposition(nlp: Any, text: str, cue: str, source: str, content: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert frame.source is not None and frame.source.span.text.startswith(source.rstrip("'s"))
    assert frame.content.text.startswith(content)


AS_CLAUSES = [
    (
        "As the local paper reported, the factory will close in June.",
        "reported",
        "the local paper",
        "the factory will close",
    ),
    ("The plan was a leap in the dark, as the minister put it.", "put it", "the minister", "The plan was"),
]


@pytest.mark.parametrize("text, cue, source, content", AS_CLAUSES)
def test_as_clauses(nlp: Any, text: str, cue: str, source: str, content: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert frame.source is not None and frame.source.span.text == source
    assert frame.content.text.startswith(content)


def test_a_view_stated_with_as(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "Many teachers see the reform as a threat to small schools.", "see")
    assert frame.source is not None and frame.source.span.text == "Many teachers"
    assert frame.content.text == "the reform as a threat to small schools"


def test_seeing_a_thing_is_no_cue(nlp: Any) -> None:
    records = nlp("The children saw a fox in the garden.")._.rep_attributions
    assert not [a for a in records if a.status != "asserted"]


def test_a_complaint_that_is_a_nominal_cue(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "The tenants' complaints that the heating had failed were ignored.", "complaints")
    assert frame.content.text.startswith("that the heating had failed")


@pytest.mark.parametrize(
    "text, cue",
    [
        ("The economist opined that rates would fall.", "opined"),
        ("The coach scolded the referee for the late call.", "scolded"),
        ("Critics lauded the new bridge design.", "lauded"),
    ],
)
def test_more_reporting_verbs(nlp: Any, text: str, cue: str) -> None:
    assert frame_with_cue(nlp, text, cue).source is not None


def test_a_clause_opening_to_gives_a_view(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "To Martinez, the new rules are a betrayal of the farmers.", "To")
    assert frame.source is not None and frame.source.span.text == "Martinez"
    assert frame.content.text.startswith("the new rules")


def test_to_before_a_date_is_no_cue(nlp: Any) -> None:
    records = nlp("To date, the museum has sold ten thousand tickets.")._.rep_attributions
    assert not [a for a in records if a.cue and a.cue.text == "To"]


def test_a_stance_verb_in_an_infinitive_takes_no_stance(nlp: Any) -> None:
    records = nlp("Many donors are reluctant to support the new candidate.")._.rep_attributions
    assert not [a for a in records if a.cue and "support" in a.cue.text]


def test_a_copula_with_a_critic_of(nlp: Any) -> None:
    frame = frame_with_cue(
        nlp, "The former judge has been a fierce critic of the new law.", "has been a fierce critic of"
    )
    assert frame.source is not None and frame.source.span.text == "The former judge"
    assert frame.content.text == "the new law"


def test_in_someones_view_the_noun_is_the_cue(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "In the coach's view, the team needs a new keeper.", "view")
    assert frame.source is not None and frame.source.span.text == "the coach's"
    assert frame.content.text.startswith("the team needs")


def test_a_possessed_decision_to(nlp: Any) -> None:
    frame = frame_with_cue(nlp, "The board's decision to close the plant angered the town.", "decision")
    assert frame.source is not None and frame.source.span.text == "The board's"
    assert frame.content.text.startswith("to close the plant")
