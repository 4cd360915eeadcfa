"""Rule tests for the attribution layer: one real sentence per construction and per status."""

from __future__ import annotations

from typing import Any

import pytest
from attribution_helpers import frame_with_cue, frames

from reportedly.records import STATUSES

CONSTRUCTIONS = [
    # reporting verb with a that-clause; the complementizer belongs to the content
    (
        "The minister said that the bridge would reopen in May.",
        "The minister",
        "said",
        "speculative",
        "that the bridge would reopen in May",
    ),
    ("The company confirmed that its chief executive had resigned.", "The company", "confirmed", "confirmed", None),
    ("Police said the suspect was arrested near the station.", "Police", "said", "reported", None),
    # auxiliaries and adverbs before the verb are part of the cue
    (
        "The agency has previously stated that the data are complete.",
        "The agency",
        "has previously stated",
        "reported",
        None,
    ),
    # a second verb sharing the subject
    (
        "The mayor announced the budget, noting that taxes will not rise.",
        "The mayor",
        "noting",
        "reported",
        "that taxes will not rise",
    ),
    (
        "The senator criticized the plan and added that it was too expensive.",
        "The senator",
        "added",
        "reported",
        "that it was too expensive",
    ),
    # according to, before and after the content
    (
        "According to the ministry, three soldiers were wounded in the attack.",
        "the ministry",
        "According to",
        "reported",
        "three soldiers were wounded in the attack",
    ),
    (
        "Turnout reached a record high, according to election officials.",
        "election officials",
        "according to",
        "reported",
        None,
    ),
    # passives
    ("It was reported that the talks had collapsed.", None, "was reported", "reported", "that the talks had collapsed"),
    (
        "The senator was quoted as saying that the bill had stalled.",
        "The senator",
        "was quoted as saying",
        "reported",
        None,
    ),
    ("The claim was rejected by the court.", "the court", "was rejected", "denied", "The claim"),
    # a statement as the subject of the cue
    (
        "A statement from the ministry said the border was closed.",
        "A statement from the ministry",
        "said",
        "reported",
        None,
    ),
    # beliefs and intentions
    ("The minister believes that the deal is sound.", "The minister", "believes", "reported", "that the deal is sound"),
    ("The company wants to sell the plant.", "The company", "wants", "speculative", "to sell the plant"),
    # raising verbs: the subject belongs to the content and there is no source
    ("The governor seems to favor the plan.", None, "seems", "speculative", "The governor seems to favor the plan"),
    # nominal cues, with and without a named source
    (
        "The decision followed claims that the vote had been rigged.",
        None,
        "claims",
        "claimed",
        "that the vote had been rigged",
    ),
    # the source after the quotation, and "said X" inversion
    (
        "“We will not back down,” the spokesman said.",
        "the spokesman",
        "said",
        "reported",
        "“We will not back down,”",
    ),
    (
        '"The numbers are wrong," said Maria Lopez, a budget analyst.',
        "Maria Lopez, a budget analyst",
        "said",
        "reported",
        None,
    ),
    # a quotation introduced by a colon
    ('The governor said: "Help is on the way."', "The governor", "said:", "reported", '"Help is on the way."'),
    # a parenthetical cue in the middle of the reported clause
    ("The new plan, he said, will cut costs by half.", "he", "said", "reported", None),
    # pronoun sources are kept as written; canonical names come later
    ("She told reporters that the deal was done.", "She", "told", "reported", "that the deal was done"),
]


@pytest.mark.parametrize("sentence, source, cue, status, content", CONSTRUCTIONS)
def test_constructions(nlp: Any, sentence: str, source: str | None, cue: str, status: str, content: str | None) -> None:
    att = frame_with_cue(nlp, sentence, cue)
    assert (att.source.span.text if att.source and att.source.span else None) == source
    assert att.status == status
    if content is not None:
        assert att.content.text == content


STATUS_CASES = [
    ("The army confirmed that two drones were shot down.", "confirmed", "confirmed"),
    ("The governor said the roads were closed.", "said", "reported"),
    ("The opposition claimed that the count was fraudulent.", "claimed", "claimed"),
    ("The exact number of victims could not be verified.", "could not be verified", "unverified"),
    (
        "The ministry has not officially confirmed the use of the missiles.",
        "has not officially confirmed",
        "not_confirmed",
    ),
    ("The embassy denied that its staff had been expelled.", "denied", "denied"),
    ("The White House declined to comment on the report.", "declined to comment", "declined"),
    ("The general warned that the attacks would continue.", "warned", "speculative"),
    ("The union said the strike could spread to other plants.", "said", "speculative"),
    ("The company did not deny that it had shared the data.", "did not deny", "not_confirmed"),
    ("The firm did not respond to requests for comment.", "did not respond to", "declined"),
    ("The ministry said it does not discuss arms deliveries.", "does not discuss", "declined"),
]


@pytest.mark.parametrize("sentence, cue, status", STATUS_CASES)
def test_status(nlp: Any, sentence: str, cue: str, status: str) -> None:
    assert frame_with_cue(nlp, sentence, cue).status == status


def test_every_status_is_covered() -> None:
    covered = {status for _, _, status in STATUS_CASES} | {"asserted"}
    assert covered == set(STATUSES)


def test_declined_content_is_the_topic(nlp: Any) -> None:
    att = frame_with_cue(nlp, "The State Department declined to comment on the decision.", "declined to comment")
    assert att.content.text == "the decision"


def test_unverified_has_no_source_and_the_subject_as_content(nlp: Any) -> None:
    att = frame_with_cue(nlp, "The exact timing and location could not be verified.", "could not be verified")
    assert att.source is None
    assert att.content.text == "The exact timing and location"


def test_reportedly_is_a_hedge_that_keeps_the_status(nlp: Any) -> None:
    att = frame_with_cue(
        nlp, "British officials reportedly informed the BBC that the minister had resigned.", "informed"
    )
    assert att.hedges == ("reportedly",)
    assert att.status == "reported"
    assert att.content.text == "that the minister had resigned"


def test_supposedly_makes_the_cue_claimed(nlp: Any) -> None:
    att = frame_with_cue(nlp, "Photos posted online supposedly show the wreckage of a drone.", "supposedly show")
    assert att.status == "claimed"
    assert "supposedly" in att.hedges


def test_allegedly_opens_a_nested_frame_with_the_outer_source(nlp: Any) -> None:
    text = "Local channels reported that the missiles were fired but were allegedly intercepted by air defenses."
    atts = frames(nlp, text)
    outer = next(a for a in atts if a.cue and a.cue.text == "reported")
    inner = next(a for a in atts if a.cue and a.cue.text == "allegedly")
    assert inner.status == "claimed"
    assert inner.parent == atts.index(outer)
    assert inner.source is not None and outer.source is not None
    assert inner.source.span == outer.source.span


def test_nested_claim_points_to_its_parent(nlp: Any) -> None:
    text = "Bloomberg reported that the UK acted in response to claims that troops had crossed the border."
    atts = frames(nlp, text)
    outer = next(a for a in atts if a.cue and a.cue.text == "reported")
    inner = next(a for a in atts if a.cue and a.cue.text == "claims")
    assert inner.parent == atts.index(outer)
    assert atts.index(outer) < atts.index(inner)


def test_multi_sentence_quote_is_one_content(nlp: Any) -> None:
    text = "“Prices will fall. Wages will rise,” the minister said."
    att = frame_with_cue(nlp, text, "said")
    assert att.form == "direct"
    assert att.content.text == "“Prices will fall. Wages will rise,”"


def test_quote_over_two_paragraphs(nlp: Any) -> None:
    text = "The mayor said: “We have a plan.\n\n“It starts tomorrow,” she added later."
    att = frame_with_cue(nlp, text, "said:")
    assert att.content.text.startswith("“We have a plan.")
    assert att.form == "direct"


def test_quote_split_around_the_cue_is_one_content(nlp: Any) -> None:
    text = "“We are ready,” the coach said, “and we will win.”"
    att = frame_with_cue(nlp, text, "said")
    assert att.content.start == 0
    assert att.content.text.endswith("“and we will win.”")


def test_object_content_keeps_what_is_said_of_it(nlp: Any) -> None:
    att = frame_with_cue(nlp, "The senator accused the agency of hiding the report.", "accused")
    assert att.content.text == "the agency of hiding the report"


def test_mixed_quote(nlp: Any) -> None:
    att = frame_with_cue(nlp, "The senator said the bill was “dead on arrival” in the House.", "said")
    assert att.form == "mixed"
    assert "“dead on arrival”" in att.content.text


def test_cues_inside_a_quotation_are_not_frames(nlp: Any) -> None:
    text = "“My father said we would never leave,” the farmer told reporters."
    cues = [a.cue.text for a in frames(nlp, text) if a.cue]
    assert cues == ["told"]


def test_sentences_without_attribution_are_asserted(nlp: Any) -> None:
    text = "The storm destroyed forty homes on Tuesday. Officials said the damage was severe."
    atts = nlp(text)._.rep_attributions
    asserted = [a for a in atts if a.status == "asserted"]
    assert [a.content.text for a in asserted] == ["The storm destroyed forty homes on Tuesday."]
    assert all(a.source is None and a.cue is None and a.form == "none" for a in asserted)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "While the talks continued in Geneva for a third day, the minister said that no deal was close.",
            "the talks continued in Geneva for a third day",
        ),
        (
            "The BBC has confirmed that the strike took place, following Washington’s approval for Ukraine "
            "to use long-range missiles.",
            "following Washington’s approval for Ukraine to use long-range missiles.",
        ),
    ],
)
def test_uncovered_clause_is_asserted(nlp: Any, text: str, expected: str) -> None:
    asserted = [a.content.text for a in nlp(text)._.rep_attributions if a.status == "asserted"]
    assert asserted == [expected]


def test_offsets_index_the_text(nlp: Any) -> None:
    text = 'He said: "It was “fine”.\n\nThen "nothing, said the mayor. Sources claim that it may fail.'
    for att in nlp(text)._.rep_attributions:
        spans = [att.content, att.cue, att.source.span if att.source else None]
        for span in filter(None, spans):
            assert text[span.start : span.end] == span.text
