"""Score the events layer on the PETRARCH-2 unit-test sentences: actor, target and event category.

Each expected coding (source code, target code, CAMEO event code) counts once. It is matched when one event
extracted from its sentence has an actor that resolves to the source code, a target that resolves to the target
code (through the corpus's actor and agent dictionaries) and a type in the same PLOVER category as the CAMEO code
(mapped with the `cameo` column of event_types.tsv). An event with a compound actor and no target is reciprocal,
as CAMEO codes it: each party acts on the others. Codings whose code is not a CAMEO code (the suite also tests
made-up codes such as 901 or 174K) are counted apart and not scored.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..errors import ConfigError
from ..extract.event_lexicon import Lexicon, load
from .cameo_actors import ActorResolver

DEFAULT_CORPUS = "../shared/corpora/petrarch2"
SPLITS = {"dev": "text/PETR.UnitTest.records.xml", "test": "text/PETR2_GSR_validation.xml"}
CAMEO_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]*$")
NO_CODE = {"", "---"}
COUNTS = ("codings", "actor", "target", "category", "dyad", "all", "excluded")


@dataclass(frozen=True)
class Coding:
    sentence: str
    source: str
    target: str
    code: str


@dataclass(frozen=True)
class Record:
    id: str
    date: str
    text: str
    codings: tuple[Coding, ...]
    no_events: bool


def _records(path: Path) -> list[Record]:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise ConfigError(f"Cannot read the PETRARCH-2 records {path}: {exc}") from exc
    out = []
    for sent, parts in _sentences(root):
        text = " ".join(" ".join((p.text or "") for p in parts if p.tag == "Text").split())
        if not text:
            continue
        sid = sent.get("id", "")
        codings, none = [], False
        for coding in (p for p in parts if p.tag == "EventCoding"):
            if coding.get("noevents", "").lower() == "true":
                none = True
            elif coding.get("eventcode"):
                src, tgt = (coding.get(k, "").strip().upper() for k in ("sourcecode", "targetcode"))
                codings.append(Coding(sid, src, tgt, coding.get("eventcode", "").strip()))
        out.append(Record(sid, sent.get("date", "").strip(), text, tuple(codings), none))
    return out


def _sentences(root: ET.Element) -> list[tuple[ET.Element, list[ET.Element]]]:
    """Each Sentence with its EventCoding and Text elements: its children, or (in the GSR file, where the
    Sentence element is empty) the siblings that follow it."""
    out: list[tuple[ET.Element, list[ET.Element]]] = []
    for parent in root.iter():
        current: list[ET.Element] | None = None
        for child in parent:
            if child.tag == "Sentence":
                current = list(child)
                out.append((child, current))
            elif current is not None and child.tag in {"EventCoding", "Text"} and parent.tag != "Sentence":
                current.append(child)
    return out


def corpus_path(corpus: str | Path | None) -> Path:
    path = Path(corpus or DEFAULT_CORPUS)
    if not path.is_dir():
        raise ConfigError(
            f"The PETRARCH-2 corpus is not at {path}: pass --corpus with the folder that holds text/ and dictionaries/"
        )
    return path


def _matches(coding: Coding, event: Any, resolve: Any, lex: Lexicon, date: str) -> tuple[bool, bool, bool]:
    actor = resolve(event.actor.text if event.actor else None, date)
    target = resolve(event.target.text if event.target else None, date)
    if event.target is None and len(actor) > 1 and coding.source in actor:
        target = actor - {coding.source}  # reciprocal: "Gondor and Osgiliath delayed their meeting"
    wanted = lex.type_of_cameo(coding.code) or "OTHER"
    category = lex.plover(event.type) == lex.plover(wanted)
    target_ok = coding.target in target if coding.target not in NO_CODE else not (target - {"---"})
    return coding.source in actor, target_ok, category


def _score_record(record: Record, events: list[Any], resolver: ActorResolver, lex: Lexicon) -> dict[str, int]:
    counts = dict.fromkeys(COUNTS, 0)
    for coding in record.codings:
        if not CAMEO_CODE.match(coding.code):
            counts["excluded"] += 1
            continue
        counts["codings"] += 1
        found = [_matches(coding, e, resolver.resolve, lex, record.date) for e in events]
        counts["actor"] += any(f[0] for f in found)
        counts["target"] += any(f[1] for f in found)
        counts["category"] += any(f[2] for f in found)
        counts["all"] += any(all(f) for f in found)
        counts["dyad"] += any(f[0] and f[1] for f in found)
    return counts


def run(
    corpus: str | Path | None = None, split: str = "dev", nlp: Language | None = None, limit: int | None = None
) -> dict:
    """Score the events layer; returns counts and rates (`all_three` is the headline)."""
    if split not in SPLITS:
        raise ConfigError(f"Unknown split {split!r} for the PETRARCH-2 corpus: use one of {', '.join(SPLITS)}")
    root = corpus_path(corpus)
    path = root / SPLITS[split]
    if not path.is_file():
        raise ConfigError(
            f"The {split} part of the PETRARCH-2 corpus ({path}) is missing: score --split dev, "
            "or pass --corpus with a folder that holds it"
        )
    records = _records(path)[:limit] if limit else _records(path)
    resolver = ActorResolver(root / "dictionaries")
    lex = load("en")
    if nlp is None:
        from ..extract.pipeline import build_nlp

        nlp = build_nlp(layers=("reportedly_attribution", "reportedly_time", "reportedly_place", "reportedly_events"))
    totals = dict.fromkeys(COUNTS, 0)
    spurious = no_event_records = 0
    for record, doc in zip(records, nlp.pipe(r.text for r in records), strict=True):
        events = list(doc._.rep_events or [])
        if record.no_events:
            no_event_records += 1
            spurious += bool(events)
        for key, value in _score_record(record, events, resolver, lex).items():
            totals[key] += value
    n = totals["codings"] or 1
    return {
        "corpus": str(root),
        "split": split,
        "sentences": len(records),
        **totals,
        "all_three": round(totals["all"] / n, 4),
        "dyad_rate": round(totals["dyad"] / n, 4),
        "actor_rate": round(totals["actor"] / n, 4),
        "target_rate": round(totals["target"] / n, 4),
        "category_rate": round(totals["category"] / n, 4),
        "no_event_sentences": no_event_records,
        "no_event_sentences_with_events": spurious,
    }


def render(result: dict) -> str:
    lines = [
        f"PETRARCH-2 {result['split']}: {result['sentences']} sentences, {result['codings']} CAMEO codings scored "
        f"({result['excluded']} with non-CAMEO codes left out)",
        f"  actor, target and category all right: {result['all_three']:.3f} ({result['all']}/{result['codings']})",
        f"  actor and target right on one event: {result['dyad_rate']:.3f} ({result['dyad']}/{result['codings']})",
        f"  actor right: {result['actor_rate']:.3f}   target right: {result['target_rate']:.3f}   "
        f"category right: {result['category_rate']:.3f}",
        f"  sentences expected to have no event that got one: "
        f"{result['no_event_sentences_with_events']}/{result['no_event_sentences']}",
    ]
    return "\n".join(lines)
