"""Quotation rules of the attribution layer: which marks open and close a quotation, how far a quoted
content runs, and which frames nest in it. Every case asserts cue, source and content."""

from __future__ import annotations

from typing import Any

import pytest
from attribution_helpers import frame_with_cue, frames

from reportedly.extract.attribution import _same_paragraph
from reportedly.extract.frame_base import Frame
from reportedly.extract.quotes import QuoteIndex, find_quotes

QUOTE_MARKS = [
    # a straight quote after a no-break space opens a quotation
    ('"It is late," she said.\u00a0"We should go."', ['"It is late,"', '"We should go."']),
    # a straight quote after a space closes one when a comma or white space follows it
    (
        '"Nobody calls it \'the old road\' " anymore, Velmora said, "not even Karsova."',
        ["\"Nobody calls it 'the old road' \"", '"not even Karsova."'],
    ),
    # a straight quote right after a colon opens one
    ('Karsova:"We will rebuild the pier."', ['"We will rebuild the pier."']),
    # an opening curly mark typed after a comma, with a space after it, closes
    ("“It is unusual,“ said Velmora. “We rarely see it.”", ["“It is unusual,“", "“We rarely see it.”"]),
]


@pytest.mark.parametrize("text, expected", QUOTE_MARKS)
def test_quote_marks(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in find_quotes(text)] == expected


CONTINUED = [
    # the rest of the cue's sentence is narration; the quotation after it is still the speaker's
    (
        '"The pier is safe," Karsova said, pointing to the new railings. "We checked every plank."',
        "said",
        "Karsova",
        '"The pier is safe," Karsova said, pointing to the new railings. "We checked every plank."',
    ),
    (
        "“The budget is short,” the treasurer told the council on Monday, after a long debate. “We will cut.”",
        "told",
        "the treasurer",
        "“The budget is short,” the treasurer told the council on Monday, after a long debate. “We will cut.”",
    ),
    # a quotation that makes up the whole of the next paragraph runs on
    (
        "“The harbor will reopen,” Velmora said. “Ships are waiting.”\n\n“Nobody will lose a season.”\n\nIt was shut.",
        "said",
        "Velmora",
        "“The harbor will reopen,” Velmora said. “Ships are waiting.”\n\n“Nobody will lose a season.”",
    ),
    # ...but not one that only opens the next paragraph
    (
        "“The harbor will reopen,” Velmora said.\n\n“Ships are waiting,” and the harbor master nodded.",
        "said",
        "Velmora",
        "“The harbor will reopen,”",
    ),
    # another quotation between the cue and the next one stops the run
    (
        '"We are ready," Karsova said at the "Old Harbor" hall in Novigrad. "Nothing is missing."',
        "said",
        "Karsova",
        '"We are ready,"',
    ),
]


@pytest.mark.parametrize("text, cue, source, content", CONTINUED)
def test_continued_quotations(nlp: Any, text: str, cue: str, source: str, content: str) -> None:
    att = frame_with_cue(nlp, text, cue)
    assert att.source is not None and att.source.span.text == source
    assert att.content.text == content


def test_another_speaker_between_stops_the_run(nlp: Any) -> None:
    text = "“It is over,” Karsova said, and Velmora replied that it was not. “We start again.”"
    said = frame_with_cue(nlp, text, "said")
    assert said.content.text == "“It is over,”"
    replied = frame_with_cue(nlp, text, "replied")
    assert replied.source is not None and replied.source.span.text == "Velmora"
    assert replied.content.text == "that it was not"


def test_a_cue_in_the_narration_between_quotations_is_not_nested(nlp: Any) -> None:
    text = '"The vote was close," Karsova said, adding that the count took all night. "We won anyway."'
    said = frame_with_cue(nlp, text, "said")
    assert said.content.text == text
    adding = frame_with_cue(nlp, text, "adding")
    assert adding.parent is None
    assert adding.source is not None and adding.source.span.text == "Karsova"
    assert adding.content.text == "that the count took all night"


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


PARAGRAPH_REPAIRS = [
    # a content in the paragraph before becomes the quotation that opens the cue's paragraph
    (
        "The crews insisted that work would go on.\n\n“We stay until the pier is done,” Karsova said.",
        "that work would go on",
        "“We stay until the pier is done,”",
    ),
    # the quotation must open the paragraph and end right before the speaker
    ("The crews insisted that work would go on.\n\nLater, Karsova said it again.", "that work would go on", None),
]


@pytest.mark.parametrize("text, content, repaired", PARAGRAPH_REPAIRS)
def test_content_in_an_earlier_paragraph(text: str, content: str, repaired: str | None) -> None:
    frame = Frame(_at(text, "said"), _at(text, "Karsova"), _at(text, content), "reported", 0)
    kept = _same_paragraph(text, frame, QuoteIndex(find_quotes(text)))
    assert kept == (repaired is not None)
    if repaired is not None:
        assert text[frame.content[0] : frame.content[1]] == repaired
        assert frame.form == "direct"


MORE_CONTINUED = [
    # a split quotation after an inverted speaker closes the frame, however the sentence runs on
    (
        "“The ferry is late,” said a Novigrad boatman, “and nobody told us.”\n\n“We wait,” a clerk added.",
        "said",
        "a Novigrad boatman",
        "“The ferry is late,” said a Novigrad boatman, “and nobody told us.”",
    ),
    # a quotation in what the same speaker goes on to say does not stop the run
    (
        "“We will win,” Karsova told the crowd, calling the plan “a new start.” “Nothing can stop us.”",
        "told",
        "Karsova",
        "“We will win,” Karsova told the crowd, calling the plan “a new start.” “Nothing can stop us.”",
    ),
]


MORE_CONTINUED += [
    # reported words before the cue, with or without quotation marks, run on into the quotation after it
    (
        'The ferry is late again, Karsova said. "Nobody told us anything."',
        "said",
        "Karsova",
        'The ferry is late again, Karsova said. "Nobody told us anything."',
    ),
    (
        "The ferry “runs when it likes,” said Velmora, a Novigrad clerk. “Nobody can plan a day.”",
        "said",
        "Velmora, a Novigrad clerk",
        "The ferry “runs when it likes,” said Velmora, a Novigrad clerk. “Nobody can plan a day.”",
    ),
]


@pytest.mark.parametrize("text, cue, source, content", MORE_CONTINUED)
def test_more_continued_quotations(nlp: Any, text: str, cue: str, source: str, content: str) -> None:
    att = frame_with_cue(nlp, text, cue)
    assert att.source is not None and att.source.span.text == source
    assert att.content.text == content


SPEAKERS = [
    # any verb that brings in the speaker right after a quotation makes a frame with it
    (
        "“You can keep the old pier,” Karsova shot back with a grin.",
        "shot back",
        "Karsova",
        "“You can keep the old pier,”",
    ),
    (
        "“Nobody asked us,” grumbled the ferrymen of Novigrad.",
        "grumbled",
        "the ferrymen of Novigrad",
        "“Nobody asked us,”",
    ),
    # ... and one that ends the paragraph before on a colon
    (
        "Velmora paused, then went on:\n\n“Nobody here wants the harbor closed.”",
        "went on:",
        "Velmora",
        "“Nobody here wants the harbor closed.”",
    ),
    ("Karsova echoed:\n\n“We need the ferry back.”", "echoed:", "Karsova", "“We need the ferry back.”"),
    # ... or that comes right before a comma and the quotation
    ('Karsova shot back, "The council never asked us."', "shot back", "Karsova", '"The council never asked us."'),
    ("As the ferry left, the crowd chanted, “Come back soon!”", "chanted", "the crowd", "“Come back soon!”"),
    # a lexicon verb ending its paragraph on a colon takes the quotation in the next one
    (
        "Karsova said:\n\n“We will rebuild the pier. Nobody will stop us.”\n\nThe council agreed.",
        "said:",
        "Karsova",
        "“We will rebuild the pier. Nobody will stop us.”",
    ),
    # the speaker parsed as the object of an inverted verb
    ("“Are you sure?” asked the ferryman from Novigrad.", "asked", "the ferryman", "“Are you sure?”"),
    # the quotation before the speaker is what is said, not the object of a preposition after the verb
    (
        "“Who do they think they are?” Karsova said of the council.",
        "said of",
        "Karsova",
        "“Who do they think they are?”",
    ),
]


@pytest.mark.parametrize("text, cue, source, content", SPEAKERS)
def test_quotation_speakers(nlp: Any, text: str, cue: str, source: str, content: str) -> None:
    att = frame_with_cue(nlp, text, cue)
    assert att.source is not None and att.source.span.text == source
    assert att.content.text == content
    assert att.form == "direct"


def test_a_quotation_inside_a_sentence_has_no_speaker_of_its_own(nlp: Any) -> None:
    text = "The mayor liked “Harbor Lights,” while the council chose a louder song."
    assert not [a for a in frames(nlp, text) if a.content.text == "“Harbor Lights,”"]


QUOTE_THEN_CLAUSE = [
    # a quotation after the cue that closes on a comma is the whole content
    (
        "Karsova wrote “the ferry must return,” and shared a link to the petition.",
        "wrote",
        "Karsova",
        "“the ferry must return,”",
    ),
    ("Velmora had said “we will see,” when asked about the budget.", "had said", "Velmora", "“we will see,”"),
]


@pytest.mark.parametrize("text, cue, source, content", QUOTE_THEN_CLAUSE)
def test_quotation_then_clause(nlp: Any, text: str, cue: str, source: str, content: str) -> None:
    att = frame_with_cue(nlp, text, cue)
    assert att.source is not None and att.source.span.text == source
    assert att.content.text == content
