"""Property: any article and analysis read back from the store equals what was saved, on every backend."""

from __future__ import annotations

import dataclasses
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportedly.records import (
    PLACE_ROLES,
    SOURCE_KINDS,
    STATUSES,
    Analysis,
    Article,
    Attribution,
    Event,
    Place,
    Source,
    Span,
    TimeRef,
)
from reportedly.store.base import ClaimFilter, Store

# Any Unicode UTF-8 can encode but NUL, which PostgreSQL text cannot hold (ingest never produces it).
chars = st.characters(codec="utf-8", exclude_characters="\x00")
texts = st.text(chars, max_size=40)
short = st.text(chars, min_size=1, max_size=12)
offsets = st.integers(min_value=0, max_value=1_000_000)
indexes = st.integers(min_value=0, max_value=50)
spans = st.builds(Span, offsets, offsets, texts)
sources = st.builds(Source, st.none() | spans, texts, st.sampled_from(SOURCE_KINDS))
attributions = st.builds(
    Attribution,
    source=st.none() | sources,
    cue=st.none() | spans,
    content=spans,
    status=st.sampled_from(STATUSES),
    hedges=st.lists(short, max_size=3).map(tuple),
    form=st.sampled_from(("direct", "indirect", "mixed", "none")),
    parent=st.none() | indexes,
    extractor=texts,
)
events = st.builds(
    Event,
    trigger=spans,
    type=short,
    actor=st.none() | spans,
    target=st.none() | spans,
    instrument=st.none() | spans,
    quantity=st.none() | texts,
    place=st.none() | indexes,
    time=st.none() | indexes,
    attributions=st.lists(indexes, max_size=4).map(tuple),
    negated=st.booleans(),
    modality=st.none() | short,
)
times = st.builds(TimeRef, spans, st.none() | texts, short)
coordinates = st.none() | st.floats(min_value=-180, max_value=180, allow_nan=False)
places = st.builds(
    Place,
    span=spans,
    name=texts,
    country=st.none() | short,
    admin1=st.none() | texts,
    lat=coordinates,
    lon=coordinates,
    geonames_id=st.none() | st.integers(min_value=0, max_value=2**53),
    role=st.sampled_from(PLACE_ROLES),
)
articles = st.builds(
    Article,
    id=st.just(""),
    text=st.text(chars, max_size=300),
    outlet=st.none() | short,
    url=st.none() | texts,
    published=st.none() | st.dates(),
    title=st.none() | texts,
    language=st.sampled_from(("en", "de", "uk", "ar")),
    copy_of=st.none() | short,
    name=st.none() | texts,
    date_source=st.none() | st.sampled_from(("header", "metadata", "url")),
    copy_similarity=st.none() | st.floats(min_value=0, max_value=1),
)
analyses = st.builds(
    Analysis,
    article_id=st.just(""),
    attributions=st.lists(attributions, max_size=5).map(tuple),
    events=st.lists(events, max_size=3).map(tuple),
    times=st.lists(times, max_size=3).map(tuple),
    places=st.lists(places, max_size=3).map(tuple),
    extractor_version=short,
    skipped=st.none() | texts,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(article=articles, analysis=st.none() | analyses)
def test_saved_records_read_back_equal(store: Store, article: Article, analysis: Analysis | None) -> None:
    key = uuid.uuid4().hex  # every example is a new article in the one store of this test
    article = dataclasses.replace(article, id=key)
    if analysis is not None:
        analysis = dataclasses.replace(analysis, article_id=key)
    assert store.save_batch([(article, analysis)]) == 1
    assert store.article(key) == article
    assert store.analysis(key) == analysis
    claims = store.claims(ClaimFilter(article_id=key))
    frames = analysis.attributions if analysis else ()
    assert [(c["index"], c["content_text"], c["status"]) for c in claims] == [
        (i, a.content.text, a.status) for i, a in enumerate(frames)
    ]
