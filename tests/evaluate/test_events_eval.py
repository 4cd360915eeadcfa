"""The PETRARCH-2 events scorer: actor dictionaries, CAMEO mapping, scoring of a small corpus we wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reportedly.errors import ConfigError
from reportedly.evaluate import SCORERS, scorer
from reportedly.evaluate import events as ev
from reportedly.evaluate.cameo_actors import ActorResolver

ACTORS = """<!-- test actors -->
GONDOR [GON]
+MINAS_TIRITH
ARNOR_  [ARN]
BULGAR  [BUL]
NORTH_KOREA [PRK]
+PYONGYANG
GOLLUM  # a comment
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
THE_SHIRE [FRO/BIL]
"""

AGENTS = """!PERSON! = MAN, WOMAN
GOVERNMENT  [~GOV]
FOREIGN_MINISTER [~GOVFRM]
POLICE {} [ ~COP]
SOLDIER [~MIL]
MSF {}  [NGO~]
CONGRESS!PERSON! [~LEG]
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
"""

RECORDS = """<Validation><Sentences>
<Sentence date="20010101" id="T-1" category="TEST">
<EventCoding sourcecode="PRK" targetcode="GON" eventcode="194"></EventCoding>
<Text>North Korea fired two artillery shells at Gondor on Thursday.</Text>
</Sentence>
<Sentence date="20010101" id="T-2" category="TEST">
<EventCoding sourcecode="ARN" targetcode="GONGOV" eventcode="111"></EventCoding>
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="903"></EventCoding>
<Text>Arnor condemned the government of Gondor.</Text>
</Sentence>
<Sentence date="20010101" id="T-3" category="TEST">
<EventCoding noevents="True"></EventCoding>
<Text>The weather was fine in Gondor.</Text>
</Sentence>
<Sentence date="20010101" id="T-4" category="TEST">
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="040"></EventCoding>
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="040"></EventCoding>
<Text>Gondor and Arnor held talks in Bree on Monday.</Text>
</Sentence>
</Sentences></Validation>
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "dictionaries").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "dictionaries" / "Test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "dictionaries" / "Test.agents.txt").write_text(AGENTS, encoding="utf-8")
    (tmp_path / "text" / "PETR.UnitTest.records.xml").write_text(RECORDS, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "phrase, date, codes",
    [
        ("Gondor", "20010101", {"GON"}),
        ("Minas Tirith", "20010101", {"GON"}),
        ("Pyongyang", "20010101", {"PRK"}),
        ("the Bulgarians", "20010101", {"BUL"}),
        ("Arnorians", "20010101", set()),
        ("Gondor's government", "20010101", {"GONGOV"}),
        ("Arnor's foreign minister", "20010101", {"ARNGOVFRM"}),
        ("Soldiers from Gondor", "20010101", {"GONMIL"}),
        ("MSF Arnor", "20010101", {"NGOARN"}),
        ("a Gondor congressman", "20010101", {"GONLEG"}),
        ("Gondor and Arnor", "20010101", {"GON", "ARN"}),
        ("Soldiers from Gondor and Arnor", "20010101", {"GONMIL", "ARNMIL"}),
        ("Gondor soldiers and Arnor", "20010101", {"GONMIL", "ARN"}),
        ("Arnor's golden geese", "20010101", {"ARNGGS"}),
        ("Arnor's polices", "20010101", {"ARN"}),  # POLICE {} has no plural
        ("The envoys of Arnor, Bulgar and Gondor", "20010101", {"ARN", "BUL", "GON"}),
        ("Soldiers from Arnor, Bulgar and Gondor", "20010101", {"ARNMIL", "BULMIL", "GONMIL"}),
        ("Gondor's new and busy foreign minister", "20010101", {"GONGOVFRM"}),
        ("former Gondor soldiers", "20010101", {"GONELI"}),  # former officials are elites
        ("the government", "20010101", {"---GOV"}),
        ("Smeagol", "19950101", {"HOB"}),
        ("Smeagol", "19970101", {"HOBGOV"}),
        ("Gollum", "19990816", {"HOBREB"}),
        ("Gollum", "20010101", {"HOBREB"}),
        ("The Shire", "20010101", {"FRO", "BIL"}),
        ("the weather", "20010101", set()),
        ("the United States", "20010101", {"USA"}),
        ("U.S. soldiers", "20010101", {"USAMIL"}),
        ("the Chinese government", "20010101", {"CHNGOV"}),
        (None, "20010101", set()),
    ],
)
def test_actor_resolution(corpus: Path, phrase: str | None, date: str, codes: set[str]) -> None:
    assert ActorResolver(corpus / "dictionaries").resolve(phrase, date) == codes


def test_run_scores_a_small_corpus(corpus: Path, nlp: Any) -> None:
    result = ev.run(corpus, nlp=nlp, codes="cameo")
    assert result["sentences"] == 4
    assert result["codings"] == 4  # 903 is not a CAMEO code
    assert result["excluded"] == 1
    assert result["all"] == 4  # the talks are reciprocal: each party meets the other
    assert result["all_three"] == 1.0
    assert result["no_event_sentences"] == 1
    assert result["no_event_sentences_with_events"] == 0
    text = ev.render(result)
    assert "4/4" in text and "CAMEO codes" in text


WEIS_RECORDS = """<Validation><Sentences>
<Sentence date="20010101" id="W-1" category="TEST">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="122"></EventCoding>
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="345"></EventCoding>
<Text>Arnor condemned Gondor.</Text>
</Sentence>
<Sentence date="20010101" id="W-2" category="TEST">
<EventCoding sourcecode="GON" targetcode="ARN" eventcode="041"></EventCoding>
<Text>Gondor praised Arnor on Monday.</Text>
</Sentence>
<Sentence date="20010101" id="W-3" category="TEST">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="194"></EventCoding>
<Text>Arnor fired two artillery shells at Gondor.</Text>
</Sentence>
<Sentence date="20010101" id="W-4" category="TEST">
<EventCoding sourcecode="GONGOV" targetcode="ARN" eventcode="032"></EventCoding>
<EventCoding sourcecode="ARN" targetcode="GONGOV" eventcode="033"></EventCoding>
<Text>The government of Gondor visited Arnor on Monday.</Text>
</Sentence>
<Sentence date="20010101" id="W-5" category="TEST">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="023"></EventCoding>
<Text>Arnor believes Gondor will win the vote.</Text>
</Sentence>
</Sentences></Validation>
"""


def test_the_unit_tests_are_read_with_weis_codes(corpus: Path, nlp: Any) -> None:
    (corpus / "text" / "PETR.UnitTest.records.xml").write_text(WEIS_RECORDS, encoding="utf-8")
    result = ev.run(corpus, nlp=nlp, errors=True)
    assert result["codes"] == "weis"
    # 345 is in neither code book; a visit is also the host's (033); a belief is a statement about Gondor (023)
    assert (result["codings"], result["excluded"], result["all"]) == (6, 1, 5)
    # WEIS 194 is "halt negotiations", not CAMEO's "fight with artillery"
    assert [(e["id"], e["expected"], e["got"]) for e in result["errors"]] == [("W-3", "SANCTION", "ASSAULT")]
    assert "missed codings: 1" in ev.render(result)
    assert ev.run(corpus, nlp=nlp, codes="cameo")["excluded"] == 1


@pytest.mark.parametrize(
    "code, scheme, wanted",
    [
        ("041", "weis", "SUPPORT"),  # praise, hail
        ("064", "weis", "SUPPORT"),  # grant diplomatic relations
        ("032", "weis", "CONSULT"),  # visit
        ("023", "weis", "OTHER"),  # neutral comment
        ("160", "weis", "THREATEN"),  # warn
        ("223", "weis", "ASSAULT"),  # military engagement
        ("1721", "weis", "COERCE"),  # four digits: CAMEO
        ("903", "weis", None),
        ("345", "weis", None),
        ("041", "cameo", "CONSULT"),  # discuss by telephone
        ("064", "cameo", "COOPERATE"),  # share intelligence
        ("223", "cameo", None),
    ],
)
def test_expected_types(code: str, scheme: str, wanted: str | None) -> None:
    from reportedly.extract.event_lexicon import load

    assert ev.expected_type(code, scheme, load("en")) == wanted


GSR = """<Sentences>
<Sentence category="AFP" date="20080804" id="AFP-1" evaluate="true"/>
<EventCoding eventcode="190" sourcecode="PRK" targetcode="GON" />
<Text>North Korea fired two artillery shells at Gondor.</Text>
<Sentence category="AFP" date="20080804" id="AFP-2" evaluate="true"/>
<EventCoding noevents="True" />
<Text>The weather was fine.</Text>
</Sentences>
"""


def test_self_closing_sentences_of_the_test_file(corpus: Path, nlp: Any) -> None:
    (corpus / "text" / "PETR2_GSR_validation.xml").write_text(GSR, encoding="utf-8")
    result = ev.run(corpus, split="test", nlp=nlp)
    assert (result["sentences"], result["codings"], result["all"]) == (2, 1, 1)
    assert result["no_event_sentences"] == 1


def test_limit(corpus: Path, nlp: Any) -> None:
    assert ev.run(corpus, nlp=nlp, limit=1)["sentences"] == 1


def test_missing_corpus_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not at"):
        ev.run(tmp_path / "nowhere")


def test_missing_split_is_a_config_error(corpus: Path) -> None:
    with pytest.raises(ConfigError, match="test part"):
        ev.run(corpus, split="test")
    with pytest.raises(ConfigError, match="Unknown split"):
        ev.run(corpus, split="train")


def test_missing_dictionaries_are_a_config_error(corpus: Path) -> None:
    for path in (corpus / "dictionaries").iterdir():
        path.unlink()
    with pytest.raises(ConfigError, match="actor dictionary"):
        ev.run(corpus)


def test_registered() -> None:
    assert SCORERS["events"] == "reportedly.evaluate.events"
    module = scorer("events")
    assert module.DEFAULT_CORPUS == "../shared/corpora/petrarch2"
