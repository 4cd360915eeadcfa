"""Span boundaries of attribution frames, one table row per construction: where content and source begin and end."""

from __future__ import annotations

from typing import Any

import pytest
from attribution_helpers import frame_with_cue

KEEP = object()  # the source is not checked


SPANS: list[tuple[str, str, str, object]] = [
    # a quotation after the cue's sentence goes on with the same speaker's words
    (
        "The plan was “a total failure,” the senator said. “Nobody wanted it.”",
        "said",
        "The plan was “a total failure,” the senator said. “Nobody wanted it.”",
        "the senator",
    ),
    (
        "''Our aim is simple,'' Jane Moss, a lawyer for the family, said of the case. ''We want the truth.''",
        "said",
        "''Our aim is simple,'' Jane Moss, a lawyer for the family, said of the case. ''We want the truth.''",
        "Jane Moss, a lawyer for the family,",
    ),
    # ... but not when another cue comes between
    (
        "“It failed,” the senator said, and the mayor claimed it was late. “Nobody wanted it.”",
        "said",
        "“It failed,”",
        "the senator",
    ),
    # who is asked or urged belongs to the request
    ("The coach urged his players to stay calm.", "urged", "his players to stay calm", "The coach"),
    ("She asked the clerk to send the files by Friday.", "asked", "the clerk to send the files by Friday", "She"),
    # a passive with an infinitive and no agent: the subject is part of what is expected, no one is named
    (
        "The council is expected to approve the budget.",
        "is expected",
        "The council is expected to approve the budget",
        None,
    ),
    # "called him “...”": the quotation is what he is called, and he belongs to the content
    ("The mayor called him “a true friend of the city.”", "called", "him “a true friend of the city.”", "The mayor"),
    # modifiers right after the object stay with it
    (
        "The senator cited his record on trade during the debate.",
        "cited",
        "his record on trade during the debate",
        "The senator",
    ),
    # ... but not when the cue was said
    ("The senator endorsed Anna Berg in February.", "endorsed", "Anna Berg", "The senator"),
    # a trailing ", which ..." or ", who ..." is the writer's gloss on the last noun
    (
        "The minister said the bridge would reopen in May, which would end months of delays.",
        "said",
        "the bridge would reopen in May",
        "The minister",
    ),
    (
        "She said she would vote for Anna Berg, who leads the race.",
        "said",
        "she would vote for Anna Berg",
        "She",
    ),
    # ... and so is a trailing apposition
    (
        "He said he did not support Tom Hale, the party's nominee.",
        "said",
        "he did not support Tom Hale",
        "He",
    ),
    # but a relative clause inside a quotation is the speaker's
    (
        "She said the bill was “a law, which nobody wanted.”",
        "said",
        "the bill was “a law, which nobody wanted.”",
        "She",
    ),
    # a cue in the middle of the reported sentence: the content runs on both sides of it
    ("The new plan, he said, will cut costs by half.", "said", "The new plan, he said, will cut costs by half", "he"),
    # a conjoined belief shares the reported subject; a conjoined verb of speech is the speaker's next act
    (
        "She said she was tired of the delays and wanted a new contractor.",
        "said",
        "she was tired of the delays and wanted a new contractor",
        "She",
    ),
    ("He said the law was unfair and accused the mayor of lying.", "said", "the law was unfair", "He"),
    # "what X calls Y": the free relative is the content, source and cue inside it
    ("She mocked what she calls a tax on ambition.", "calls", "what she calls a tax on ambition", "she"),
    # a quotation after a colon that closes the content goes on with it
    (
        "She said the answer was simple: “We build more homes.”",
        "said",
        "the answer was simple: “We build more homes.”",
        "She",
    ),
    # a verb conjoined after the object goes with the cue's subject
    (
        "The senator has proposed a ban on imports and has since called for higher tariffs.",
        "has proposed",
        "a ban on imports",
        "The senator",
    ),
    # sources: an apposition keeps the comma that closes it; a participle set off by commas is not the source
    ("Tom Hale, the mayor, said the road would close.", "said", "the road would close", "Tom Hale, the mayor,"),
    (
        "Anna Berg, speaking at a rally in the capital, said the race was far from over.",
        "said",
        "the race was far from over",
        "Anna Berg",
    ),
]


@pytest.mark.parametrize("text, cue, content, source", SPANS)
def test_span_boundaries(nlp: Any, text: str, cue: str, content: str, source: object) -> None:
    att = frame_with_cue(nlp, text, cue)
    assert att.content.text == content
    if source is not KEEP:
        assert (att.source.span.text if att.source else None) == source
