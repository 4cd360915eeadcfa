"""Score the place layer on GeoWebNews (`GWN.xml`).

- Toponym spans: P/R/F1 of `reportedly_place` spans against the gold toponyms, exact offsets (strict) and any
  overlap (relaxed). Gold classes Non_Toponym, Literal_Expression and Non_Lit_Expression are not toponyms (as in the
  corpus's own `dataset.py`); everything else is, including demonyms and adjectival uses.
- Geocoding: every gold toponym with coordinates is resolved by `places.resolve` from its gold span, with the
  article's context taken from the system's own toponyms (resolution given gold spans, as Mordecai reports).
  Exact GeoNames match (over the gold toponyms that have a GeoNames id), accuracy within 161 km and the median
  error in km. A toponym we cannot resolve counts as wrong, with an error of 20,038 km (half the equator).

Splits: `dev` is all 200 articles (the corpus has no official split); `sample` is every fourth article in file
order (50 articles), the fixed sample the quality gate scores.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .. import settings
from ..errors import ConfigError
from ..extract.gazetteer import Gazetteer, distance_km
from .timex import corpus_path

DEFAULT_CORPUS = Path("../shared/corpora/geowebnews")
SPLITS = ("dev", "sample")
NOT_TOPONYMS = {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression"}
UNRESOLVED_KM = 20038.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    type: str
    geonames_id: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GeoDoc:
    name: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _field(elem: ET.Element, name: str) -> str:
    found = elem.find(name)
    return (found.text or "").strip() if found is not None else ""


def _toponym(elem: ET.Element) -> GoldToponym:
    lat, lon, gid = _field(elem, "latitude"), _field(elem, "longitude"), _field(elem, "geonamesID")
    return GoldToponym(
        int(_field(elem, "start")),
        int(_field(elem, "end")),
        _field(elem, "extractedName"),
        _field(elem, "type"),
        int(gid) if gid.isdigit() else None,
        float(lat) if lat else None,
        float(lon) if lon else None,
    )


def documents(corpus: str | Path | None = None, split: str = "dev", limit: int | None = None) -> Iterator[GeoDoc]:
    if split not in SPLITS:
        raise ConfigError(f"Unknown split {split!r} for geo; choose one of {', '.join(SPLITS)}")
    path = corpus_path(corpus, DEFAULT_CORPUS, "GeoWebNews") / "GWN.xml"
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ConfigError(f"Cannot read {path}: {exc}; is this the GeoWebNews corpus folder?") from exc
    articles = list(root.iter("article"))
    if split == "sample":
        articles = articles[::4]
    for article in articles[:limit]:
        toponyms = article.find("toponyms")
        gold = [_toponym(t) for t in (toponyms if toponyms is not None else [])]
        yield GeoDoc(
            article.get("file", ""),
            article.findtext("text") or "",
            tuple(g for g in gold if g.type not in NOT_TOPONYMS),
        )


def _prf(hit_p: int, n_sys: int, hit_r: int, n_gold: int) -> dict[str, float]:
    p = hit_p / n_sys if n_sys else 0.0
    r = hit_r / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_spans(gold: list[tuple[int, int]], system: list[tuple[int, int]], counts: dict[str, int]) -> None:
    counts["gold"] += len(gold)
    counts["system"] += len(system)
    gold_set, sys_set = set(gold), set(system)
    counts["strict"] += len(gold_set & sys_set)
    counts["relaxed_p"] += sum(any(_overlaps(s, g) for g in gold) for s in system)
    counts["relaxed_r"] += sum(any(_overlaps(g, s) for s in system) for g in gold)


def geocode_doc(doc: Doc, item: GeoDoc, gaz: Gazetteer, errors: list[float], exact: list[bool]) -> None:
    from ..extract.places import context_of, is_metonym, resolve, toponym_spans

    ctx = context_of(gaz, [(s.text, s.start_char) for s in toponym_spans(doc, gaz)])
    for g in item.toponyms:
        if g.lat is None or g.lon is None:
            continue
        span = doc.char_span(g.start, g.end, alignment_mode="expand")
        metonym = bool(span is not None and len(span) and is_metonym(span))
        found = resolve(gaz, g.text, ctx, metonym=metonym, at=g.start)
        if found is None:
            errors.append(UNRESOLVED_KM)
        else:
            errors.append(distance_km(g.lat, g.lon, found.entry.lat, found.entry.lon))
        if g.geonames_id is not None:
            exact.append(found is not None and found.entry.geonames_id == g.geonames_id)


def run(
    corpus: str | Path | None = None, split: str = "dev", nlp: Language | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Score `reportedly_place` on GeoWebNews; returns the metrics as a dict."""
    from ..extract.gazetteer import load
    from ..extract.pipeline import build_nlp
    from ..extract.places import extract_places

    docs = list(documents(corpus, split, limit))
    nlp = nlp or build_nlp(layers=())
    gaz = load(str(settings.get("gazetteer") or ""))
    counts = dict.fromkeys(("gold", "system", "strict", "relaxed_p", "relaxed_r"), 0)
    errors: list[float] = []
    exact: list[bool] = []
    disabled = [name for name in nlp.pipe_names if name.startswith("reportedly_")]
    with nlp.select_pipes(disable=disabled):
        for doc, item in zip(nlp.pipe(d.text for d in docs), docs, strict=True):
            places = extract_places(doc, gaz)
            gold = [(g.start, g.end) for g in item.toponyms]
            score_spans(gold, [(p.span.start, p.span.end) for p in places], counts)
            geocode_doc(doc, item, gaz, errors, exact)
    n = len(errors)
    return {
        "corpus": "geowebnews",
        "split": split,
        "documents": len(docs),
        "toponyms": {"gold": counts["gold"], "system": counts["system"]},
        "strict": _prf(counts["strict"], counts["system"], counts["strict"], counts["gold"]),
        "relaxed": _prf(counts["relaxed_p"], counts["system"], counts["relaxed_r"], counts["gold"]),
        "geocoded": n,
        "resolved": sum(e < UNRESOLVED_KM for e in errors),
        "accuracy_161km": round(sum(e <= 161 for e in errors) / n, 4) if n else 0.0,
        "median_error_km": round(statistics.median(errors), 1) if n else 0.0,
        "exact_geonames": round(sum(exact) / len(exact), 4) if exact else 0.0,
        "with_geonames_id": len(exact),
    }


def render(result: dict[str, Any]) -> str:
    lines = [f"GeoWebNews ({result['split']}): {result['documents']} articles, {result['toponyms']['gold']} toponyms"]
    for name in ("strict", "relaxed"):
        m = result[name]
        lines.append(f"  spans {name:8} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    lines.append(
        f"  geocoding ({result['geocoded']} toponyms, {result['resolved']} resolved): "
        f"acc@161km {result['accuracy_161km']:.3f}  median error {result['median_error_km']:.1f} km  "
        f"exact GeoNames id {result['exact_geonames']:.3f} (of {result['with_geonames_id']})"
    )
    return "\n".join(lines)
