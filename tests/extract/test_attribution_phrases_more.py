"""Phrase cues of the attribution layer: headline colons, nominal cues with their articles, adjectives and
prepositions. Every case asserts the cue, the source and the content."""

from __future__ import annotations

from typing import Any

import pytest
from attribution_helpers import cues, frame_with_cue

# (text, cue, source, content)
PHRASES = [
    # a one-word name before a headline colon, however the parser tags it
    (
        "Karsova: We will rebuild the harbour.\n\nThe storm hit Novigrad on Monday.",
        ":",
        "Karsova",
        "We will rebuild the harbour",
    ),
    (
        "Poll: Velmora leads in the northern districts.\n\nThe count ends Friday.",
        ":",
        "Poll",
        "Velmora leads in the northern districts",
    ),
    # a transcript: the speaker's name on its own line, the words in the next paragraph
    (
        "Partial transcript:\n\nILSA DRAVEC:\n\nWe will rebuild the harbour.",
        ":",
        "ILSA DRAVEC",
        "We will rebuild the harbour",
    ),
    # a digest line: a dash, a short name and a colon before the quotation
    (
        "HARBOUR VOTERS SPLIT - Ilsa Dravec: “The northern wards are still undecided.”\n\nMore below.",
        ":",
        "Ilsa Dravec",
        "“The northern wards are still undecided.”",
    ),
    # a nominal cue takes its article and adjectives, not its possessor
    (
        "Mayor Karsova repeated the false claim that the bridge had been sold.",
        "the false claim",
        None,
        "that the bridge had been sold",
    ),
    (
        "Velmora's sharp attacks on the harbour board continued all week.",
        "sharp attacks on",
        "Velmora's",
        "the harbour board",
    ),
    # the preposition of a nominal cue joins it
    ("Karsova's many questions about the budget went unanswered.", "many questions about", "Karsova's", "the budget"),
    ("Velmora's comments on the ferry schedule angered the union.", "comments on", "Velmora's", "the ferry schedule"),
    ("Karsova's opinion of the new mayor is well known.", "opinion of", "Karsova's", "the new mayor"),
    # a clause-opening poll holds the clause even when a reporting verb follows
    (
        "In a new survey, most Novigrad voters said the ferry should be free.",
        "In",
        "a new survey",
        "most Novigrad voters said the ferry should be free",
    ),
    # stance adjectives after a copula, with the preposition that names what they are about
    ("Karsova was furious at the harbour board.", "was furious at", "Karsova", "the harbour board"),
    ("Velmora has been outspoken about the ferry fares.", "has been outspoken about", "Velmora", "the ferry fares"),
    (
        "The dockworkers remain distrustful of the new owners.",
        "remain distrustful of",
        "The dockworkers",
        "the new owners",
    ),
    # a verb with its particle or noun and a preposition is one cue
    ("Karsova took aim at the harbour board.", "took aim at", "Karsova", "the harbour board"),
    ("Velmora has distanced herself from the old council.", "has distanced herself from", "Velmora", "the old council"),
    ("The dockworkers lashed out at the new owners.", "lashed out at", "The dockworkers", "the new owners"),
    ("Velmora threw her support behind the ferry workers.", "threw her support behind", "Velmora", "the ferry workers"),
    ("Karsova went after the harbour board on Monday.", "went after", "Karsova", "the harbour board"),
    # a light verb before the noun joins the cue; its subject is the source
    ("Velmora launched an attack on the harbour board.", "launched an attack on", "Velmora", "the harbour board"),
]


@pytest.mark.parametrize("text, cue, source, content", PHRASES)
def test_phrase_cues(nlp: Any, text: str, cue: str, source: str | None, content: str) -> None:
    frame = frame_with_cue(nlp, text, cue)
    assert (frame.source.span.text if frame.source and frame.source.span else None) == source
    assert frame.content.text == content


# (text, a cue that must not be found)
NOT_CUES = [
    # "Q:" opens an interviewer's question, not a named speaker's words
    ("Q: Will the harbour reopen this year?\n\nA: We hope so.", ":"),
    # a capitalised label is no speaker
    ("Contributing: Ilsa Dravec in Novigrad.", ":"),
    # a noun that is the object of an ordinary verb is what the verb is about, not a cue of its own
    ("Karsova answered a question about the ferry.", "a question about"),
    ("The crowd cheered Velmora's attacks on the board.", "attacks on"),
    # a verb of time or comparison in an "as" clause is no cue
    ("The crowd grew quiet as Karsova spoke about the ferry.", "spoke"),
    ("Thousands came out for the harbour parade.", "came out for"),
    # "critical to" is about importance, not a stance
    ("Steady funding is critical to the harbour plan.", "is critical to"),
    # with an infinitive "sure" and "certain" forecast; after "it" they are the author's own judgement
    ("Velmora is sure to win the harbour vote.", "is sure"),
    ("It is certain that the old pier will close.", "It is certain"),
]


@pytest.mark.parametrize("text, cue", NOT_CUES)
def test_not_phrase_cues(nlp: Any, text: str, cue: str) -> None:
    assert cue not in cues(nlp, text)
