"""The attribution layer never raises and its offsets always index the text, whatever the input."""

from __future__ import annotations

import time
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly.records import Attribution

PIECES = [
    "“",
    "”",
    '"',
    "''",
    "‘",
    "’",
    "\n",
    "\n\n",
    " ",
    ", ",
    ": ",
    ". ",
    "said",
    "the ministry said",
    "according to",
    "claims that",
    "reportedly",
    "allegedly",
    "declined to comment on",
    "could not be verified",
    "He added",
    "Officials",
    "has not confirmed",
    "that",
    "It was reported that",
    "the war",
]

fragments = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
texts = st.lists(fragments, max_size=30).map("".join)
batches = st.lists(texts, min_size=50, max_size=50)


def check_offsets(text: str, atts: list[Attribution]) -> None:
    for att in atts:
        for span in (att.content, att.cue, att.source.span if att.source else None):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
        assert att.parent is None or 0 <= att.parent < len(atts)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=batches)
def test_generated_texts_never_raise(nlp: Any, batch: list[str]) -> None:
    # 20 batches of 50: a thousand texts through the real pipeline. The component swallows errors so
    # that one article cannot stop a batch; calling its extraction directly shows any it would hide.
    component = nlp.get_pipe("reportedly_attribution")
    for text, doc in zip(batch, nlp.pipe(batch), strict=True):
        assert isinstance(doc._.rep_attributions, list)
        check_offsets(text, component.attributions(doc))


def test_empty_and_blank_texts(nlp: Any) -> None:
    for text in ("", " ", "\n\n\n", "“", '"', "said"):
        assert isinstance(nlp(text)._.rep_attributions, list)


def test_long_sentence_and_huge_quote_stay_fast(nlp: Any) -> None:
    words = " ".join(f"officials said that item {k} was moved" for k in range(400))
    quote = "The minister said: “" + "the plan works and " * 1500 + "\n\nThe end."
    start = time.perf_counter()
    component = nlp.get_pipe("reportedly_attribution")
    for text in (words, quote):
        check_offsets(text, component.attributions(nlp(text)))
    assert time.perf_counter() - start < 30
