"""Places: toponyms resolved offline to GeoNames records, with the real spaCy model and the bundled gazetteer."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from reportedly.errors import ConfigError
from reportedly.extract import gazetteer
from reportedly.extract.gazetteer import distance_km, key
from reportedly.extract.places import Component, Context, extract_places, resolve
from reportedly.records import Place


@pytest.fixture(scope="module")
def gaz() -> gazetteer.Gazetteer:
    return gazetteer.load()


def places(nlp: Any, gaz: gazetteer.Gazetteer, text: str) -> list[Place]:
    return extract_places(nlp(text), gaz)


def place(nlp: Any, gaz: gazetteer.Gazetteer, text: str, words: str) -> Place:
    found = [p for p in places(nlp, gaz, text) if p.span.text == words]
    assert found, f"{words!r} not found as a place in {text!r}: {places(nlp, gaz, text)}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "name", "country", "admin1"),
    [
        (
            "Ukraine fired missiles at targets in Russia's Kursk Region.",
            "Kursk Region",
            "Kursk Oblast",
            "RU",
            "Kursk Oblast",
        ),
        ("Ukraine fired missiles at targets in Russia's Kursk Region.", "Russia", "Russia", "RU", None),
        ("The convoy arrived in Kyiv on Friday.", "Kyiv", "Kyiv", "UA", None),
        ("Protests spread across Texas on Friday.", "Texas", "Texas", "US", "Texas"),
        ("Fires burned near Paris, France.", "Paris", "Paris", "FR", None),
        ("The storm hit Paris, Texas, overnight.", "Paris", "Paris", "US", "Texas"),
        ("The UK has not acknowledged the decision.", "UK", "United Kingdom", "GB", None),
        ("Floods hit Calif. on Monday.", "Calif.", "California", "US", "California"),
        ("Ministers met in Brussels to discuss Europe.", "Europe", "Europe", "", None),
    ],
)
def test_resolved(
    nlp: Any, gaz: gazetteer.Gazetteer, text: str, words: str, name: str, country: str, admin1: str | None
) -> None:
    found = place(nlp, gaz, text, words)
    assert (found.name, found.country or "") == (name, country)
    if admin1 is not None:
        assert found.admin1 == admin1
    assert found.lat is not None and found.lon is not None


def test_kursk_region_near_gold_point(nlp: Any, gaz: gazetteer.Gazetteer) -> None:
    found = place(nlp, gaz, "Missiles were fired into the Kursk Region on Wednesday.", "Kursk Region")
    assert found.lat is not None and found.lon is not None
    assert distance_km(found.lat, found.lon, 51.7, 36.2) < 100


@pytest.mark.parametrize(
    ("text", "words", "country"),
    [
        ("Russian air defences intercepted the missiles.", "Russian", "RU"),
        ("Ukrainian officials confirmed the strike.", "Ukrainian", "UA"),
        ("British officials informed the BBC.", "British", "GB"),
        ("North Korean troops entered the conflict.", "North Korean", "KP"),
        ("The English referee stopped the match.", "English", "GB"),
    ],
)
def test_demonyms_are_countries(nlp: Any, gaz: gazetteer.Gazetteer, text: str, words: str, country: str) -> None:
    found = place(nlp, gaz, text, words)
    assert (found.country, found.role) == (country, "mention")


@pytest.mark.parametrize(
    ("text", "words", "role"),
    [
        ("Washington approved the use of ATACMS missiles.", "Washington", "metonym"),
        ("Moscow said the strike was a provocation.", "Moscow", "metonym"),
        ("The Kremlin denied the report.", "Kremlin", "metonym"),
        ("The strike followed Washington’s approval.", "Washington", "metonym"),
        ("Debris fell in Moscow overnight.", "Moscow", "mention"),
        ("Russia is the largest country by area.", "Russia", "mention"),
    ],
)
def test_metonymy(nlp: Any, gaz: gazetteer.Gazetteer, text: str, words: str, role: str) -> None:
    assert place(nlp, gaz, text, words).role == role


def test_metonymic_washington_is_the_capital(nlp: Any, gaz: gazetteer.Gazetteer) -> None:
    found = place(nlp, gaz, "Washington approved the use of ATACMS missiles.", "Washington")
    assert found.country == "US" and found.lat is not None and found.lon is not None
    assert distance_km(found.lat, found.lon, 38.9, -77.04) < 50


def test_context_picks_the_namesake_in_the_articles_country(gaz: gazetteer.Gazetteer) -> None:
    alone = resolve(gaz, "Birmingham", Context())
    in_us = resolve(gaz, "Birmingham", Context(countries={"US"}))
    assert alone is not None and in_us is not None
    assert (alone.entry.country, in_us.entry.country) == ("GB", "US")


def test_seed_places(nlp: Any, gaz: gazetteer.Gazetteer, seed_path: Path) -> None:
    text = seed_path.read_text(encoding="utf-8")
    found = extract_places(nlp(text), gaz)
    by_text = {p.span.text: p for p in found}
    for words, country in (("Russia", "RU"), ("Ukraine", "UA"), ("UK", "GB"), ("Kursk Region", "RU")):
        assert by_text[words].country == country
    assert by_text["Kursk Region"].name == "Kursk Oblast"
    assert any(p.span.text == "Washington" and p.role == "metonym" for p in found)
    for p in found:
        assert text[p.span.start : p.span.end] == p.span.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [("the United States", "united states"), ("Kyiv’s", "kyiv's"), ("São Paulo", "sao paulo"), ("U.S.", "us")],
)
def test_key(name: str, expected: str) -> None:
    assert key(name) == expected


def test_component_never_raises(nlp: Any) -> None:
    doc = nlp.make_doc("")
    doc._.rep_published = date(2024, 11, 24)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.rep_places == []


DUMP_ROWS = [
    # geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, cc2, admin1, ... population
    ("9000001", "Zorvik", "Zorvik", "Zorvik City", "10.5", "20.5", "P", "PPLA", "RU", "", "41", "", "", "", "250000"),
    ("9000002", "Zorvik Region", "Zorvik Region", "", "10.0", "20.0", "A", "ADM1", "RU", "", "77", "", "", "", "0"),
    ("9000003", "Hill 12", "Hill 12", "", "1.0", "2.0", "T", "HLL", "RU", "", "41", "", "", "", "0"),
]


def test_geonames_dump(tmp_path: Path) -> None:
    dump = tmp_path / "cities500.txt"
    lines = ["\t".join([*row, "", "", "Europe/Moscow", "2024-01-01"]) for row in DUMP_ROWS]
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    gaz = gazetteer.build(str(dump))
    found = resolve(gaz, "Zorvik", Context())
    assert found is not None and found.entry.geonames_id == 9000001 and found.entry.population == 250000
    assert gaz.lookup("Hill 12") == []  # only populated places and administrative areas are kept
    assert resolve(gaz, "Russia", Context()) is not None  # the bundled countries stay


def test_bad_dump_is_a_config_error(tmp_path: Path) -> None:
    bad = tmp_path / "allCountries.txt"
    bad.write_text("not\ta dump\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="GeoNames dump"):
        gazetteer.build(str(bad))
    with pytest.raises(ConfigError, match="does not exist"):
        Component(str(tmp_path / "missing.txt"))


def test_index_is_cached_and_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer.load.cache_clear()
    try:
        gazetteer.load()
        assert list(tmp_path.glob("reportedly/gazetteer-*.pickle"))
        gazetteer.load.cache_clear()
        start = time.perf_counter()
        gazetteer.load()
        assert time.perf_counter() - start < 5
    finally:
        gazetteer.load.cache_clear()
