"""Layer reportedly_time: finds time expressions and normalises them to TIMEX3 values; sets doc._.rep_times.

Values are resolved against `doc._.rep_published`. A weekday or a month named without a year is resolved by
the tense of the verb it depends on: past tense picks the last such day, future tense or a plan (an
infinitive, a present tense, "until", "effective") the next. As in TempEval-3, some expressions take their
value from what the text named before: "the quarter" and "a year earlier" from the last quarter named,
"the following year" from the last date named. Without an article date, relative expressions get None.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..records import Span as TextSpan
from ..records import TimeRef
from .doc_text import doc_text
from .timex_calendar import last_quarter
from .timex_normalise import Context, normalise
from .timex_rules import Candidate, find

log = logging.getLogger(__name__)

# Words before a date that put it ahead of the clause's time: "until Tuesday", "effective Feb. 1"
AHEAD = re.compile(r"\b(?:until|till|effective|as\s+(?:soon|early)\s+as)\s+(?:on\s+|in\s+)?$", re.I)
INDEFINITE = re.compile(r"\b(?:a|an)\s+(?:\w+\s+)?$", re.I)
APPROX = re.compile(r"\b(?:nearly|more\s+than|less\s+than|at\s+least)\s+$", re.I)
QUARTER = re.compile(r"\d{4}-Q[1-4]")
NAMED = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
# Rules that name a date outright: what "the following year" or "the previous month" count from
NAMED_DATE = {"iso", "slash", "mdy", "dmy", "month", "year", "year_2000", "weekday", "deictic"}

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
PAST_TAGS = {"VBD", "VBN"}
PRESENT_TAGS = {"VBZ", "VBP"}
# Words that govern an infinitive of a plan, whatever their own tense
PLAN_WORDS = {
    "plan",
    "schedule",
    "expect",
    "set",
    "agree",
    "intend",
    "hope",
    "want",
    "decide",
    "promise",
    "vow",
    "threaten",
    "prepare",
    "aim",
    "due",
    "likely",
    "able",
    "ready",
    "propose",
    "seek",
    "try",
    "order",
}
# Dependencies by which a time expression hangs on its verb rather than on a noun ("Friday's vote")
ATTACHED = {"npadvmod", "pobj", "prep", "advmod", "tmod", "obl", "nmod:tmod", "appos", "conj", "cc"}
# Rules whose value depends on the tense of the clause
TENSED = {"weekday", "month", "mdy", "dmy", "holiday", "quarter", "time", "clock", "noon", "weekend"}
# Rules whose value depends on the words of the sentence
SENTENTIAL = {"ago", "year_ago"}


def _verb_of(token: Token) -> tuple[Token | None, bool]:
    """The verb a time expression depends on, and whether it hangs on it directly (not inside a noun phrase)."""
    direct = True
    for _ in range(5):
        if token.pos_ in {"VERB", "AUX"}:
            return token, direct
        if token.head is token:
            return None, False
        direct = direct and token.dep_ in ATTACHED
        token = token.head
    return None, False


def _plain_tense(verb: Token, auxes: list[Token]) -> str | None:
    lemmas = {a.lower_ for a in auxes} | {a.lemma_.lower() for a in auxes}
    if lemmas & FUTURE_AUX or any(a.lower_ == "going" for a in auxes):
        return "future"
    if verb.tag_ in PAST_TAGS or any(a.tag_ in PAST_TAGS for a in auxes):
        return "past"
    return None


def tense_of(span: Span) -> str | None:
    """'past', 'future' or None for the clause a span depends on.

    A plan counts as future when the expression hangs directly on its verb: an infinitive ("is set to resume
    Monday", unless the plan itself lies in the past perfect) or a present tense ("the leaders meet Monday").
    """
    verb, direct = _verb_of(span.root)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    tense = _plain_tense(verb, auxes)
    if tense is not None or not direct:
        return tense
    if any(a.tag_ == "TO" for a in auxes):
        return _infinitive_tense(verb)
    return "future" if verb.tag_ in PRESENT_TAGS else None


def _infinitive_tense(verb: Token) -> str:
    """'future' for a plan ("is due to close Monday", "planned to leave Friday"); 'past' when the verb that
    governs the infinitive is in the past perfect or is a past tense that is not a plan ("offered to buy ...")."""
    gov, _ = _verb_of(verb.head) if verb.head is not verb else (None, False)
    if gov is None:
        return "future"
    gov_auxes = [c for c in gov.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lemma_.lower() == "have" and a.tag_ == "VBD" for a in gov_auxes):
        return "past"
    word = verb.head.lemma_.lower()
    if gov.tag_ == "VBD" and not gov_auxes and word not in PLAN_WORDS:
        return "past"
    return "future"


def names_quarter(cand: Candidate) -> bool:
    """'the third quarter', 'fourth-quarter': a quarter named by its number, relative to nothing else."""
    if cand.rule != "quarter":
        return False
    g = cand.match.groupdict()
    return bool(g.get("q")) and not (g.get("ya") or g.get("py") or g.get("yrel"))


def anchors_quarter(cand: Candidate, value: str, text: str, published: date) -> bool:
    """Whether a quarter the text names becomes what a later "the quarter" or "a year earlier" refers to: a
    definite, numbered quarter already over ("a flat second quarter" or a quarter still to come is not)."""
    if not (names_quarter(cand) and QUARTER.fullmatch(value)):
        return False
    if INDEFINITE.search(text, max(0, cand.start - 20), cand.start):
        return False
    return value <= last_quarter(published)


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
    quarter: str | None = None
    named: str | None = None
    for cand in find(text):
        tense, sentence = None, ""
        if (cand.rule in TENSED or cand.rule in SENTENTIAL) and published is not None:
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            if span is not None and len(span):
                tense = tense_of(span) if cand.rule in TENSED else None
                if cand.rule in TENSED and AHEAD.search(text, max(0, cand.start - 30), cand.start):
                    tense = "future"
                sentence = text[max(0, cand.start - 1000) : cand.end + 100] if cand.rule in SENTENTIAL else ""
        result = normalise(cand, Context(published, tense, sentence, quarter, named))
        if result is None:
            continue
        kind, value = result
        if value and published and anchors_quarter(cand, value, text, published):
            quarter = value
        if cand.rule in NAMED_DATE and value and NAMED.fullmatch(value):
            named = value
        start = cand.start
        if cand.rule in {"duration", "ago"} and (approx := APPROX.search(text, max(0, start - 20), start)):
            start = approx.start()  # TimeML spans keep "nearly", "more than", "at least" of an amount
        out.append(TimeRef(TextSpan(start, cand.end, text[start : cand.end]), value, kind.lower()))
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
