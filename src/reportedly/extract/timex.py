"""Layer reportedly_time: finds time expressions and normalises them to TIMEX3 values; sets doc._.rep_times.

Values are resolved against `doc._.rep_published`. A weekday or a month named without a year is resolved by
the tense of the verb it depends on: past tense picks the last such day, future or present tense the next.
Without an article date, relative expressions get the value None.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import Span as TextSpan
from ..records import TimeRef
from .doc_text import doc_text
from .timex_normalise import Context, normalise
from .timex_rules import find

log = logging.getLogger(__name__)

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PAST_TAGS = {"VBD", "VBN"}
# Rules whose value depends on the tense of the clause
TENSED = {"weekday", "month", "mdy", "dmy", "holiday", "quarter", "time", "clock", "noon", "weekend"}
# Rules whose value depends on the words of the sentence
SENTENTIAL = {"ago", "year_ago"}


def _verb_of(token: Token) -> Token | None:
    for _ in range(5):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def tense_of(span: Span) -> str | None:
    """'past', 'future' or None for the clause a span depends on."""
    verb = _verb_of(span.root)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    lemmas = {a.lower_ for a in auxes} | {a.lemma_.lower() for a in auxes}
    if lemmas & FUTURE_AUX or any(a.lower_ == "going" for a in auxes):
        return "future"
    if verb.tag_ in PAST_TAGS or any(a.tag_ in PAST_TAGS for a in auxes):
        return "past"
    return None


def as_date(value: object) -> date | None:
    """The article date as a plain date (a datetime loses its time of day); anything else is no date."""
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def extract_times(doc: Doc, published: date | None) -> list[TimeRef]:
    """Every time expression in a parsed doc, in text order."""
    published = as_date(published)
    out: list[TimeRef] = []
    text = doc_text(doc)
    for cand in find(text):
        tense, sentence = None, ""
        if (cand.rule in TENSED or cand.rule in SENTENTIAL) and published is not None:
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            if span is not None and len(span):
                tense = tense_of(span) if cand.rule in TENSED else None
                sentence = text[max(0, cand.start - 1000) : cand.end + 100] if cand.rule in SENTENTIAL else ""
        result = normalise(cand, Context(published, tense, sentence))
        if result is None:
            continue
        kind, value = result
        out.append(TimeRef(TextSpan(cand.start, cand.end, text[cand.start : cand.end]), value, kind.lower()))
    return out


class Component:
    def __call__(self, doc: Doc) -> Doc:
        published = as_date(doc._.rep_published)
        try:
            doc._.rep_times = extract_times(doc, published)
        except Exception:  # a component never stops the pipeline; the article just has no times
            log.exception("time extraction failed")
            doc._.rep_times = []
        return doc


@Language.factory("reportedly_time")
def make_component(nlp: Language, name: str) -> Component:
    return Component()
