"""Event-mention detection for linking: eventive verbs, event nouns, outcome adjectives, head-word spans."""

from __future__ import annotations

from typing import Any

import pytest

from reportedly.link.mentions import ADJ, NOUN, VERB, deverbal, event_mentions, event_nouns, verb_lemmas


@pytest.fixture(scope="module")
def verbs(nlp: Any) -> frozenset[str]:
    return verb_lemmas(nlp)


def found(nlp: Any, verbs: frozenset[str], text: str) -> dict[str, str]:
    doc = nlp(text)
    return {doc[m.start : m.end].text: m.kind for m in event_mentions(doc, verbs)}


def test_verbs_nouns_and_reporting_verbs(nlp: Any, verbs: frozenset[str]) -> None:
    got = found(nlp, verbs, "Officers arrested two men after the robbery at the bakery, the mayor said on Sunday.")
    assert got.get("arrested") == VERB
    assert got.get("robbery") == NOUN
    assert got.get("said") == VERB
    assert not {"Officers", "men", "bakery", "mayor", "Sunday"} & set(got)


def test_auxiliaries_are_not_events(nlp: Any, verbs: frozenset[str]) -> None:
    got = found(nlp, verbs, "The old bridge has been closed since the storm.")
    assert "closed" in got and "storm" in got
    assert "has" not in got and "been" not in got


def test_deverbal_nouns_by_suffix(nlp: Any, verbs: frozenset[str]) -> None:
    got = found(nlp, verbs, "The negotiations stalled before the election, and the government blamed the department.")
    assert got.get("negotiations") == NOUN
    assert got.get("election") == NOUN
    assert "government" not in got and "department" not in got


def test_a_particle_belongs_to_its_verb(nlp: Any, verbs: frozenset[str]) -> None:
    got = found(nlp, verbs, "Rebels set off a car bomb near the port.")
    assert got.get("set off") == VERB


def test_outcome_adjectives(nlp: Any, verbs: frozenset[str]) -> None:
    got = found(nlp, verbs, "Four climbers are dead and two remain missing after the avalanche.")
    assert got.get("dead") == ADJ and got.get("missing") == ADJ
    assert got.get("avalanche") == NOUN


def test_mention_offsets_are_the_docs(nlp: Any, verbs: frozenset[str]) -> None:
    doc = nlp("A quiet week ended. Then the tremor struck the coastal town.")
    second = list(doc.sents)[1]
    mentions = event_mentions(second, verbs)
    assert [(doc[m.head].text, m.lemma) for m in mentions] == [("tremor", "tremor"), ("struck", "strike")]


def test_lexicons_load() -> None:
    assert {"war", "quake", "trial", "deal"} <= event_nouns()
    assert deverbal("arrival", frozenset({"arrive"}))
    assert not deverbal("arrival", frozenset())
    assert not deverbal("apartment", frozenset({"apart"}))
