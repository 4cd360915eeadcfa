"""Layer reportedly_place: toponyms resolved offline to GeoNames records; sets doc._.rep_places.

Candidates are spaCy's GPE, LOC and FAC entities, demonyms among NORP entities ("Russian" -> Russia, as in
GeoWebNews, where demonyms and adjectival uses are toponyms) and the institutions in `metonyms.tsv`
("the Kremlin"). Each is resolved by `resolve`: name look-up in the gazetteer, then a score of population,
kind (country > admin-1 > city), main name versus alternative name, and the article's context (countries and
regions that the other toponyms resolve to unambiguously). `Place.country` is always the ISO 3166-1 alpha-2
code. Roles: "metonym" when the place stands for its government or an institution (subject of an agentive
verb, possessive of "approval", "decision"..., a seat such as the Kremlin), else "mention"; the events layer
sets "event".
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import settings
from ..records import Place
from ..records import Span as TextSpan
from .gazetteer import ADMIN1, CITY, CONTINENT, COUNTRY, Entry, Gazetteer, distance_km, key, load, source

log = logging.getLogger(__name__)

TOPONYM_LABELS = {"GPE", "LOC", "FAC"}
DEMONYM_LABELS = {"NORP", "LANGUAGE"}
# Entities whose names may contain a place name ("Air Jamaica", "the Washington Post")
CONTAINER_LABELS = {"ORG", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"}
POSSESSIVE = ("'s", "’s", "'", "’")
# A name found only by the gazetteer must be a country, a region or a town of at least this population.
MIN_UNLABELLED_POPULATION = 20000
# A place name inside an organisation's name must be at least this well known.
MIN_EMBEDDED_POPULATION = 100000
# A town this close to the article's focus is preferred over a namesake far away.
NEAR_KM = 150.0


@dataclass(frozen=True)
class Words:
    admin_suffixes: frozenset[str]
    area_suffixes: frozenset[str]
    admin_labels: dict[str, str]
    literal_verbs: frozenset[str]
    agent_nouns: frozenset[str]
    locative_preps: frozenset[str]
    generic: frozenset[str]
    demonyms: dict[str, str]
    metonyms: dict[str, Entry]


def _rows(name: str) -> list[list[str]]:
    text = resources.files("reportedly.extract").joinpath(f"resources/en/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def words() -> Words:
    classes: dict[str, list[list[str]]] = {}
    for row in _rows("place_words.tsv"):
        classes.setdefault(row[0], []).append(row[1:])
    demonyms = {row[0]: row[1] for row in _rows("demonyms.tsv")[1:]}
    metonyms = {
        key(term): Entry(int(gid), place, iso, "", float(lat), float(lon), 0, CITY)
        for term, place, iso, lat, lon, gid in _rows("metonyms.tsv")
    }
    return Words(
        admin_suffixes=frozenset(r[0] for r in classes.get("admin_suffix", [])),
        area_suffixes=frozenset(r[0] for r in classes.get("area_suffix", [])),
        admin_labels={r[0]: r[1] for r in classes.get("admin_label", [])},
        literal_verbs=frozenset(r[0] for r in classes.get("literal_verb", [])),
        agent_nouns=frozenset(r[0] for r in classes.get("agent_noun", [])),
        locative_preps=frozenset(r[0] for r in classes.get("locative_prep", [])),
        generic=frozenset(r[0] for r in classes.get("generic", [])),
        demonyms=demonyms,
        metonyms=metonyms,
    )


@dataclass
class Context:
    """What the article says about where it is: countries and admin-1 regions resolved without doubt."""

    countries: set[str] = field(default_factory=set)
    admin1s: set[tuple[str, str]] = field(default_factory=set)
    focus: Entry | None = None  # the town (else region) the article names most: where its streets and buildings are
    anchors: list[tuple[int, Entry]] = field(default_factory=list)  # towns and regions resolved, by text offset

    def near(self, at: int | None) -> Entry | None:
        """Where a toponym the gazetteer lacks most likely is: the last town or region named before it, or the focus."""
        return self.focus


@dataclass(frozen=True)
class Resolved:
    entry: Entry
    name: str
    admin1: str | None
    approximate: bool = False  # not in the gazetteer: placed at the article's focus


def clean(text: str) -> str:
    text = text.strip()
    for ending in POSSESSIVE:
        if text.endswith(ending) and len(text) > len(ending) + 1:
            return text[: -len(ending)].strip()
    return text


def _admin1_of(gaz: Gazetteer, entry: Entry) -> Entry | None:
    index = gaz.admin1_index.get((entry.country, entry.admin1_code))
    return gaz.entry(index) if index is not None else None


# Names looked up so far in one gazetteer -> what `candidates` found (names recur within and across articles).
_FOUND: dict[str, tuple[list[tuple[Entry, bool]], bool]] = {}
_FOUND_IN: list[Gazetteer] = []


def candidates(gaz: Gazetteer, text: str) -> tuple[list[tuple[Entry, bool]], bool]:
    """Gazetteer entries a name can refer to, and whether it named an admin-1 region ("Kursk Region")."""
    if not _FOUND_IN or _FOUND_IN[0] is not gaz or len(_FOUND) > 100_000:
        _FOUND.clear()
        _FOUND_IN[:] = [gaz]
    known = _FOUND.get(text)
    if known is None:
        known = _FOUND[text] = _candidates(gaz, text)
    return list(known[0]), known[1]


def _candidates(gaz: Gazetteer, text: str) -> tuple[list[tuple[Entry, bool]], bool]:
    k = key(clean(text))
    if k in words().generic:
        return [], False
    # "New York" is as much the main name of "New York City" as its own
    found = [(e, main or key(e.name) == k + " city") for e, main in ((gaz.entry(i), m) for i, m in gaz.lookup(k))]
    parts = k.split()
    if len(parts) > 1 and parts[-1] in words().admin_suffixes:
        base = " ".join(parts[:-1])
        regions: dict[tuple[str, str], tuple[Entry, bool]] = {}
        for i, main in gaz.lookup(base):
            entry = gaz.entry(i)
            region = entry if entry.kind == ADMIN1 else _admin1_of(gaz, entry) if entry.kind == CITY else None
            if region is not None and (main or region is entry):
                regions.setdefault((region.country, region.admin1_code), (region, True))
        if regions:
            return list(regions.values()), True
    if not found and len(parts) > 1 and parts[-1] in words().area_suffixes:
        found = [(gaz.entry(i), main) for i, main in gaz.lookup(" ".join(parts[:-1])) if gaz.entry(i).kind == CITY]
    return found, False


def score(gaz: Gazetteer, entry: Entry, main: bool, ctx: Context, metonym: bool = False) -> float:
    value = math.log10(entry.population + 10)
    value += {CONTINENT: 3.0, COUNTRY: 3.0, ADMIN1: -1.0}.get(entry.kind, 0.0)
    value -= 0.0 if main else 1.5
    value += 2.5 if entry.country in ctx.countries else 0.0
    value += 1.0 if (entry.country, entry.admin1_code) in ctx.admin1s else 0.0
    if entry.kind == CITY and (entry.country, entry.name) in gaz.capitals:
        value += 3.0 if metonym else 1.5
    focus = ctx.focus
    if focus is not None and entry.kind == CITY and distance_km(entry.lat, entry.lon, focus.lat, focus.lon) < NEAR_KM:
        value += 1.5
    return value


def _display(entry: Entry, gaz: Gazetteer, named_region: bool) -> Resolved:
    if entry.kind == ADMIN1:
        label = words().admin_labels.get(entry.country) if named_region else None
        name = f"{entry.name} {label}" if label and len(entry.name.split()) == 1 else entry.name
        return Resolved(entry, name, name)
    admin1 = gaz.admin1_name(entry.country, entry.admin1_code) if entry.kind == CITY else None
    return Resolved(entry, entry.name, admin1)


def resolve(gaz: Gazetteer, text: str, ctx: Context, metonym: bool = False, at: int | None = None) -> Resolved | None:
    """The most likely GeoNames record for a toponym in its article's context, or None."""
    seat = words().metonyms.get(key(clean(text)))
    if seat is not None:
        return Resolved(seat, seat.name, None)
    demonym = words().demonyms.get(clean(text))
    if demonym is not None:
        country = gaz.country(demonym) if len(demonym) == 2 else None
        if country is not None:
            return Resolved(country, country.name, None)
        text = demonym
    found, named_region = candidates(gaz, text)
    if not found:
        inner = _inner_place(gaz, text, ctx)
        if inner is not None:
            return Resolved(inner.entry, clean(text), inner.admin1, approximate=True)
        near = ctx.near(at)
        if near is None:
            return None
        return Resolved(near, clean(text), gaz.admin1_name(near.country, near.admin1_code), approximate=True)
    entry, _ = max(found, key=lambda item: score(gaz, item[0], item[1], ctx, metonym))
    return _display(entry, gaz, named_region)


def _inner_place(gaz: Gazetteer, text: str, ctx: Context) -> Resolved | None:
    """The place an unknown name is named after: "University of Alberta" -> Alberta, "Bank of Japan" -> Japan."""
    parts = clean(text).split()
    for size in range(min(3, len(parts) - 1), 0, -1):
        for i in range(len(parts) - size + 1):
            sub = " ".join(parts[i : i + size])
            if sub[:1].isupper() and _well_known(gaz, sub):
                return resolve(gaz, sub, ctx)
    return None


def is_metonym(span: SpacySpan) -> bool:
    """A place standing for its government: the subject of an agentive verb or the owner of a decision."""
    if key(clean(span.text)) in words().metonyms:
        return True
    root = span.root
    head = root.head
    if root.dep_ == "nsubj" and head.pos_ in {"VERB", "AUX"}:
        return head.lemma_.lower() not in words().literal_verbs
    if root.dep_ == "poss" and head.lemma_.lower() in words().agent_nouns:
        return True
    return (
        root.dep_ == "pobj"
        and head.lower_ == "by"
        and head.head.dep_ in {"ROOT", "relcl", "ccomp", "advcl"}
        and any(c.dep_ == "auxpass" for c in head.head.children)
    )


def _extend(doc: Doc, span: SpacySpan) -> SpacySpan:
    """Take in a following admin word: "Kursk" + "Region" -> "Kursk Region"."""
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.is_title and nxt.lower_ in words().admin_suffixes:
        return doc[span.start : span.end + 1]
    return span


def _trim(doc: Doc, span: SpacySpan) -> SpacySpan:
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in {"the", "'s", "’s"}:
        start += 1
    while end > start and doc[end - 1].lower_ in {"'s", "’s", "'", "’"}:
        end -= 1
    return doc[start:end]


def _unlabelled(doc: Doc, gaz: Gazetteer) -> list[SpacySpan]:
    """Capitalised names after a locative preposition that the gazetteer knows ("debris in Kursk")."""
    out = []
    size = len(doc)
    after = 0  # tokens before this one were taken in by a name
    for i in _locative_preps(doc):
        if i < after or i + 1 >= size:
            continue
        end = i + 1
        while end < size and end - i <= 3 and doc[end].pos_ == "PROPN" and doc[end].is_title and not doc[end].ent_type_:
            end += 1
        if end > i + 1:
            span = doc[i + 1 : end]
            found, _ = candidates(gaz, span.text)
            if any(e.kind in {COUNTRY, ADMIN1} or e.population >= MIN_UNLABELLED_POPULATION for e, m in found if m):
                out.append(span)
        after = end
    return out


def _locative_preps(doc: Doc) -> list[int]:
    """Indexes of the tokens that are locative prepositions, read from the lowercase forms' hashes."""
    if not len(doc):
        return []
    preps = words().locative_preps
    lowers = doc.to_array(LOWER).tolist()
    strings = doc.vocab.strings
    wanted = {h for h in set(lowers) if strings[h] in preps}
    return [i for i, h in enumerate(lowers) if h in wanted]


def _well_known(gaz: Gazetteer, text: str) -> bool:
    """A name that is a place on its own: a continent, country or admin-1 region (any of its names: "EU", "DPRK"),
    or the main name of a city of 100,000+. "Mississippi State" (a region word after a name) is not."""
    if clean(text) in words().demonyms:
        return True
    found, named_region = candidates(gaz, text)
    if named_region:
        return False
    return any(e.kind != CITY or (m and e.population >= MIN_EMBEDDED_POPULATION) for e, m in found)


def _embedded(doc: Doc, span: SpacySpan, gaz: Gazetteer) -> list[SpacySpan]:
    """Place names inside an organisation's or facility's name: "Air Jamaica", "the Washington Post"."""
    if _well_known(gaz, span.text):
        return [span]
    out = []
    i = span.start
    while i < span.end:
        for size in (3, 2, 1):
            sub = doc[i : i + size]
            if i + size <= span.end and all(t.is_title or t.is_upper for t in sub) and _well_known(gaz, sub.text):
                out.append(sub)
                i += size
                break
        else:
            i += 1
    return out


def _demonym_or_seat(label: str, text: str) -> bool:
    return (label in DEMONYM_LABELS and clean(text) in words().demonyms) or key(clean(text)) in words().metonyms


def toponym_spans(doc: Doc, gaz: Gazetteer | None = None) -> list[SpacySpan]:
    """Entity spans that name places, demonyms or seats of institutions, in text order."""
    out = _unlabelled(doc, gaz) if gaz is not None else []
    for ent in doc.ents:
        span = _trim(doc, ent)
        if not len(span):
            continue
        if ent.label_ in TOPONYM_LABELS:
            out.append(_extend(doc, span))
        elif _demonym_or_seat(ent.label_, span.text):
            out.append(span)
        elif ent.label_ in CONTAINER_LABELS and gaz is not None:
            out.extend(_embedded(doc, span, gaz))
    return sorted(out, key=lambda s: s.start)


def context_of(gaz: Gazetteer, items: list[tuple[str, int]]) -> Context:
    """What an article's toponyms (text, offset) say together: the countries and regions they name without doubt,
    its focus town and where each town is named."""
    ctx = Context()
    for text, _ in items:
        demonym = words().demonyms.get(clean(text))
        if demonym:
            if len(demonym) == 2:
                ctx.countries.add(demonym)
            continue
        found, _ = candidates(gaz, text)
        countries = {entry.country for entry, main in found if main}
        if len(countries) == 1 and any(e.kind in {COUNTRY, ADMIN1} for e, _ in found):
            ctx.countries |= countries
        for entry, _ in found:
            if entry.kind == ADMIN1 and len(found) == 1:
                ctx.admin1s.add((entry.country, entry.admin1_code))
    ctx.countries |= _frequent_countries(gaz, items, ctx)
    ctx.focus = _focus(gaz, items, ctx)
    return ctx


def _frequent_countries(gaz: Gazetteer, items: list[tuple[str, int]], ctx: Context) -> set[str]:
    """Countries that at least two toponyms resolve into (or the only one): the article's own ground.
    Regions named outright, or holding two of the towns named, join `ctx.admin1s`."""
    counts: dict[str, int] = {}
    regions: dict[tuple[str, str], set[Entry]] = {}
    for text, _ in items:
        found = resolve(gaz, text, ctx)
        if found is None or not found.entry.country:
            continue
        e = found.entry
        counts[e.country] = counts.get(e.country, 0) + 1
        if e.kind in {ADMIN1, CITY} and e.admin1_code and not found.approximate and clean(text) not in words().demonyms:
            regions.setdefault((e.country, e.admin1_code), set()).add(e)
    ctx.admin1s |= {k for k, places in regions.items() if len(places) >= 2 or any(p.kind == ADMIN1 for p in places)}
    return {iso for iso, n in counts.items() if n >= 2 or len(counts) == 1}


def _focus(gaz: Gazetteer, items: list[tuple[str, int]], ctx: Context) -> Entry | None:
    """The town the article's toponyms resolve to most often (in the article's countries first), else its region."""
    counts: dict[Entry, int] = {}
    for text, start in items:
        if clean(text) in words().demonyms:
            continue  # "English" says little about where the article is
        found = resolve(gaz, text, ctx)
        if found is not None and found.entry.kind in {CITY, ADMIN1} and not found.approximate:
            counts[found.entry] = counts.get(found.entry, 0) + 1
            ctx.anchors.append((start, found.entry))
    for kind in (CITY, ADMIN1):
        ranked = sorted(
            (e for e in counts if e.kind == kind),
            key=lambda e: (
                e.country in ctx.countries,
                (e.country, e.admin1_code) in ctx.admin1s,
                counts[e],
                e.population,
            ),
            reverse=True,
        )
        if ranked:
            return ranked[0]
    return None


def extract_places(doc: Doc, gaz: Gazetteer) -> list[Place]:
    spans = toponym_spans(doc, gaz)
    ctx = context_of(gaz, [(s.text, s.start_char) for s in spans])
    out = []
    for span in spans:
        role = "metonym" if is_metonym(span) else "mention"
        found = resolve(gaz, span.text, ctx, metonym=role == "metonym", at=span.start_char)
        text_span = TextSpan(span.start_char, span.end_char, span.text)
        if found is None or (found.approximate and span.label_ not in {"LOC", "FAC"}):
            if span.label_ in {"LOC", "FAC"}:
                out.append(Place(text_span, clean(span.text), role=role))
            continue
        e = found.entry
        gid = None if found.approximate else e.geonames_id
        out.append(Place(text_span, found.name, e.country, found.admin1, e.lat, e.lon, gid, role))
    return out


class Component:
    def __init__(self, gazetteer: str = "") -> None:
        self.gazetteer = gazetteer or str(settings.get("gazetteer") or "")
        source(self.gazetteer)  # a wrong path is a ConfigError when the pipeline is built, not per article

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.rep_places = extract_places(doc, load(self.gazetteer))
        except Exception:  # a component never stops the pipeline; the article just has no places
            log.exception("place extraction failed")
            doc._.rep_places = []
        return doc


@Language.factory("reportedly_place", default_config={"gazetteer": ""})
def make_component(nlp: Language, name: str, gazetteer: str) -> Component:
    return Component(gazetteer)
