"""The TempEval-3 and GeoWebNews scorers: reading the formats and scoring small corpora we wrote."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reportedly.errors import ConfigError
from reportedly.evaluate import SCORERS, geo, scorer
from reportedly.evaluate import timex as tx
from reportedly.records import Span, TimeRef

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-11-24" functionInDocument="CREATION_TIME">20241124</TIMEX3></DCT>
<TEXT>
Missiles were <EVENT eid="e1" class="OCCURRENCE">fired</EVENT> on
<TIMEX3 tid="t1" type="DATE" value="2024-11-20">Wednesday</TIMEX3>.
The war has lasted <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years</TIMEX3> and talks resume
<TIMEX3 tid="t3" type="DATE" value="2024-11-25">tomorrow</TIMEX3>.
</TEXT>
</TimeML>
"""

GWN = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>t</title>
    <text>Moscow said the strike hit Kursk, a city in Russia. The Kremlin denied it.</text>
    <toponyms>
      <toponym><extractedName>Moscow</extractedName><type>Metonymic</type><start>0</start><end>6</end>
        <geonamesID>524901</geonamesID><latitude>55.75222</latitude><longitude>37.61556</longitude></toponym>
      <toponym><extractedName>Kursk</extractedName><type>Literal</type><start>26</start><end>31</end>
        <geonamesID>538560</geonamesID><latitude>51.73733</latitude><longitude>36.18735</longitude></toponym>
      <toponym><extractedName>city</extractedName><type>Literal_Expression</type><start>35</start><end>39</end></toponym>
      <toponym><extractedName>Russia</extractedName><type>Literal</type><start>43</start><end>49</end>
        <geonamesID>2017370</geonamesID><latitude>60.0</latitude><longitude>100.0</longitude></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture()
def tml_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "tempeval3" / "Training" / "TBAQ-cleaned" / "TimeBank"
    folder.mkdir(parents=True)
    (folder / "T1.tml").write_text(TML, encoding="utf-8")
    (tmp_path / "tempeval3" / "Training" / "TBAQ-cleaned" / "AQUAINT").mkdir()
    return tmp_path / "tempeval3"


@pytest.fixture()
def gwn_corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "geowebnews"
    folder.mkdir()
    (folder / "GWN.xml").write_text(GWN, encoding="utf-8")
    return folder


def test_registered() -> None:
    assert {"timex", "geo"} <= set(SCORERS)
    for name in ("timex", "geo"):
        module = scorer(name)
        assert callable(module.run) and callable(module.render) and module.DEFAULT_CORPUS


def test_parse_tml(tml_corpus: Path) -> None:
    doc = next(tx.documents(tml_corpus, "timebank"))
    assert doc.dct == date(2024, 11, 24)
    assert [(doc.text[g.start : g.end], g.type, g.value) for g in doc.timexes] == [
        ("Wednesday", "DATE", "2024-11-20"),
        ("three years", "DURATION", "P3Y"),
        ("tomorrow", "DATE", "2024-11-25"),
    ]


def _ref(start: int, end: int, value: str | None, kind: str) -> TimeRef:
    return TimeRef(Span(start, end, ""), value, kind)


def test_score_doc_counts() -> None:
    gold = (tx.GoldTimex(0, 9, "DATE", "2024-11-20"), tx.GoldTimex(20, 31, "DURATION", "P3Y"))
    system = [_ref(0, 9, "2024-11-20", "date"), _ref(16, 31, "P2Y", "duration"), _ref(40, 45, "2024", "date")]
    counts = dict.fromkeys(("documents", "gold", "system", "strict", "relaxed", "type", "value"), 0)
    tx.score_doc(gold, system, counts)
    result = tx.metrics(counts)
    assert (counts["strict"], counts["relaxed"], counts["type"], counts["value"]) == (1, 2, 2, 1)
    assert result["relaxed"]["precision"] == round(2 / 3, 4) and result["relaxed"]["recall"] == 1.0
    assert result["value"]["f1"] == round(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5), 4)


def test_timex_run_on_a_small_corpus(tml_corpus: Path, nlp: Any) -> None:
    result = tx.run(corpus=tml_corpus, split="dev", nlp=nlp)
    assert result["documents"] == 1 and result["gold"] == 3
    assert result["value"]["f1"] == 1.0
    assert "value" in tx.render(result)
    assert "errors" not in result
    assert tx.run(corpus=tml_corpus, split="dev", nlp=nlp, errors=True)["errors"] == []


def test_score_doc_lists_errors() -> None:
    text = "On Wednesday the war, three years old, went on; in 2024 too."
    doc = tx.TimeDoc("T9", text, date(2024, 11, 24), ())
    gold = (
        tx.GoldTimex(3, 12, "DATE", "2024-11-20"),
        tx.GoldTimex(22, 33, "DURATION", "P3Y"),
        tx.GoldTimex(46, 48, "DATE", "PAST_REF"),
    )
    system = [_ref(3, 12, "2024-11-27", "date"), _ref(22, 27, "3", "date"), _ref(51, 55, "2024", "date")]
    counts = dict.fromkeys(("documents", "gold", "system", "strict", "relaxed", "type", "value"), 0)
    errors: list[dict[str, Any]] = []
    tx.score_doc(gold, system, counts, errors, doc)
    assert [e["kind"] for e in errors] == ["value", "value", "type", "span", "missed", "spurious"]
    first = errors[0]
    assert (first["gold"]["value"], first["ours"]["value"], first["gold"]["type"]) == (
        "2024-11-20",
        "2024-11-27",
        "DATE",
    )
    listing = tx.render_errors(errors, {"value"})
    assert "[value] T9 (2024-11-24)" in listing and "[missed]" not in listing


def test_gwn_reading_excludes_non_toponyms(gwn_corpus: Path) -> None:
    doc = next(geo.documents(gwn_corpus))
    assert [t.text for t in doc.toponyms] == ["Moscow", "Kursk", "Russia"]
    assert doc.toponyms[0].geonames_id == 524901


def test_geo_run_on_a_small_corpus(gwn_corpus: Path, nlp: Any) -> None:
    result = geo.run(corpus=gwn_corpus, nlp=nlp)
    assert result["geocoded"] == 3
    assert result["accuracy_161km"] == 1.0
    assert result["exact_geonames"] >= 2 / 3
    assert result["relaxed"]["recall"] == 1.0
    assert "acc@161km" in geo.render(result)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [((51.7, 36.2), (51.7, 36.2), 0.0), ((0.0, 0.0), (0.0, 1.0), 111.2), ((55.75, 37.62), (51.74, 36.19), 455.0)],
)
def test_distance(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert geo.distance_km(*a, *b) == pytest.approx(km, abs=1.0)


@pytest.mark.parametrize("module", [tx, geo])
def test_missing_corpus_is_a_config_error(module: Any, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--corpus"):
        module.run(corpus=tmp_path / "nowhere")


@pytest.mark.parametrize("module", [tx, geo])
def test_unknown_split(module: Any, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="split"):
        list(module.documents(tmp_path, "test"))
