"""The attribution lexicons load, use only known statuses, and a missing language is a clear error."""

from __future__ import annotations

import pytest

from reportedly.errors import ConfigError
from reportedly.extract.lexicon import NO_FRAME, load_lexicon
from reportedly.records import STATUSES


def test_english_lexicon_loads_with_known_statuses() -> None:
    lex = load_lexicon("en")
    for table in (lex.clause, lex.negated, lex.objects, lex.nouns, lex.beliefs):
        assert table
        assert set(table.values()) <= set(STATUSES)
    assert set(lex.hedges.values()) <= set(STATUSES) | {NO_FRAME}


@pytest.mark.parametrize(
    "lemma, status",
    [("say", "reported"), ("confirm", "confirmed"), ("deny", "denied"), ("warn", "speculative"), ("claim", "claimed")],
)
def test_cue_statuses(lemma: str, status: str) -> None:
    assert load_lexicon("en").verb_status(lemma) == status


def test_negated_cues_have_their_own_status() -> None:
    lex = load_lexicon("en")
    assert lex.negated["respond"] == "declined"
    assert lex.negated["confirm"] == "not_confirmed"


@pytest.mark.parametrize(
    "role, lemma", [("refusal", "comment"), ("raising", "seem"), ("quoted_as", "quote"), ("lead", "go")]
)
def test_cue_roles(role: str, lemma: str) -> None:
    lex = load_lexicon("en")
    assert lex.has(role, lemma)
    assert not lex.has(role, "table")


def test_missing_language_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="lexicon"):
        load_lexicon("xx")
