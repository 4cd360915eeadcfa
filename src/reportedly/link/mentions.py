"""Event mentions in parsed text: every eventive predicate, for linking events across documents.

The events layer (extract/events.py) only makes events from its trigger lexicon; linking the same happening across
articles needs every event word instead: verbs that are not auxiliaries ("said", "arrested"), nouns naming an event
("the quake", "his arrest", "negotiations"), a few adjectives that state an event's outcome ("dead", "guilty"). A
mention is its head word, with a verb's particle ("checked into", "set off"), as in event-coreference corpora such as
ECB+. Deverbal nouns are recognised by their suffix when the stripped word is a verb in the spaCy model's lemmatizer
tables (`verb_lemmas`); nouns that no suffix gives away come from `resources/en/event_nouns.tsv`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .tables import read_rows

VERB, NOUN, ADJ = "verb", "noun", "adj"
TITLE_SHARE = 0.7
# Verbs that carry no event of their own as main verbs ("have a car", "according to", "the list includes").
NON_EVENT_VERBS = frozenset(
    {"have", "accord", "be", "seem", "let", "include", "mean", "involve", "contain", "consist", "belong"}
)
# Adjectives that state what happened to someone.
EVENT_ADJECTIVES = frozenset({"dead", "guilty", "injured", "wounded", "missing", "ablaze", "slain", "unbeaten"})
# Suffix of a deverbal noun -> endings that rebuild its verb ("negotiation" -> "negotiate", "arrival" -> "arrive").
SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ation", ("ate", "", "e")),
    ("ition", ("ite", "", "e")),
    ("ution", ("ute", "ve")),
    ("ction", ("ct",)),
    ("ption", ("pt", "be", "ve")),
    ("ssion", ("ss", "t", "de")),
    ("sion", ("de", "t", "se")),
    ("tion", ("te", "t")),
    ("ment", ("",)),
    ("ance", ("", "e")),
    ("ence", ("", "e")),
    ("ure", ("", "e")),
    ("age", ("", "e")),
    ("ery", ("er", "")),
    ("ing", ("", "e")),
    ("al", ("", "e")),
)
# Nouns whose suffix and verb stem look deverbal but that name things, places or people.
NOT_EVENT_NOUNS = frozenset(
    {
        "administration",
        "accounting",
        "apartment",
        "building",
        "bondage",
        "ceiling",
        "clothing",
        "constitution",
        "department",
        "entertainment",
        "evening",
        "footage",
        "government",
        "hospital",
        "housing",
        "information",
        "intersection",
        "jewellery",
        "jewelry",
        "management",
        "morning",
        "nation",
        "official",
        "page",
        "parliament",
        "portal",
        "proposal",
        "regulation",
        "residence",
        "ring",
        "section",
        "station",
        "standing",
        "string",
        "television",
        "thing",
        "version",
        "village",
        "wing",
    }
)


@dataclass(frozen=True)
class EventMention:
    """An event mention: tokens [start, end) of the doc, its head token, the head's lemma and word class."""

    start: int
    end: int
    head: int
    lemma: str
    kind: str


@lru_cache(maxsize=4)
def event_nouns(language: str = "en") -> frozenset[str]:
    """Lemmas of nouns that name an event (event_nouns.tsv)."""
    return frozenset(row[0].strip().lower() for row in read_rows(language, "event_nouns.tsv", "event noun list"))


def verb_lemmas(nlp: Language) -> frozenset[str]:
    """The verb lemmas known to the model's rule lemmatizer (empty when the model has no such table)."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    return frozenset(str(v) for v in table.get("verb", []))


def deverbal(lemma: str, verbs: frozenset[str]) -> bool:
    """A noun formed from a verb by a suffix: "election" from "elect", "arrival" from "arrive"."""
    if lemma in NOT_EVENT_NOUNS or not verbs:
        return False
    for suffix, endings in SUFFIXES:
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 3:
            base = lemma[: -len(suffix)]
            if any(base + e in verbs for e in endings):
                return True
            if len(base) > 3 and base[-1] == base[-2] and base[:-1] in verbs:
                return True  # "shopping" from "shop", "robbery" from "rob"
    return False


def _noun_event(token: Token, verbs: frozenset[str]) -> bool:
    lemma = token.lemma_.lower()
    return lemma in event_nouns() or deverbal(lemma, verbs)


def title_case(sent: Span) -> bool:
    """Most words of the sentence are capitalised, as in a headline."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 2 and sum(t.is_title or t.is_upper for t in words) >= TITLE_SHARE * len(words)


def _headline_word(token: Token, verbs: frozenset[str]) -> tuple[str, str] | None:
    """A capitalised word of a title parsed as a proper noun ("Quake Hits ...", "... Dies at 80"): kind and lemma."""
    if token.ent_type_ in ("PERSON", "GPE", "ORG", "NORP", "LOC", "FAC") or not token.is_title:
        return None
    if not title_case(token.sent if token.doc.has_annotation("SENT_START") else token.doc[:]):
        return None
    word = token.lower_
    if word in event_nouns():
        return NOUN, word
    for suffix, ending in (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and word[: -len(suffix)] + ending in verbs:
            return VERB, word[: -len(suffix)] + ending
    return None


def _kind(token: Token, verbs: frozenset[str]) -> tuple[str, str] | None:
    pos, lemma = token.pos_, token.lemma_.lower()
    if token.ent_type_ == "EVENT":  # a named event ("the Winter Games"), by the last word of its name
        last = token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I"
        return (NOUN, token.lower_) if last and pos in ("PROPN", "NOUN") else None
    if pos == "VERB":
        return (VERB, lemma) if lemma not in NON_EVENT_VERBS else None
    if pos == "NOUN":
        return (NOUN, lemma) if _noun_event(token, verbs) else None
    if pos == "ADJ":
        return (ADJ, token.lower_) if token.lower_ in EVENT_ADJECTIVES else None
    if pos == "PROPN" and token.is_lower:  # a common noun tagged as a name
        return (NOUN, lemma) if _noun_event(token, verbs) else None
    if pos == "PROPN":
        return _headline_word(token, verbs)
    return None


def head_lemma(token: Token, verbs: frozenset[str] = frozenset()) -> str:
    """The lemma a mention headed by `token` is compared on ("Dies" in a headline gives "die")."""
    found = _kind(token, verbs)
    return found[1] if found is not None else token.lemma_.lower()


def event_mentions(doc: Doc | Span, verbs: Iterable[str] = ()) -> list[EventMention]:
    """Every event mention of a parsed doc or sentence, in text order; token offsets are the doc's."""
    known = verbs if isinstance(verbs, frozenset) else frozenset(verbs)
    out = []
    for token in doc:
        found = _kind(token, known)
        if found is None:
            continue
        kind, lemma = found
        end = token.i + 1
        if kind == VERB:
            while end < len(token.doc) and token.doc[end].dep_ == "prt" and token.doc[end].head.i == token.i:
                end += 1
        out.append(EventMention(token.i, end, token.i, lemma, kind))
    return out
