"""Score the events layer on the PETRARCH-2 unit-test sentences: actor, target and event category.

Each expected coding (source code, target code, event code) counts once. It is matched when one event extracted
from its sentence has an actor that resolves to the source code, a target that resolves to the target code
(through the corpus's actor and agent dictionaries) and a type in the same PLOVER category as the event code. An
event with a compound actor and no target is reciprocal, as CAMEO codes it: each party acts on the others.

The two files use two code books. The GSR validation file (split `test`) is coded in CAMEO, mapped with the `cameo`
column of event_types.tsv. The unit-test file (split `dev`) is coded with the suite's verb dictionary, whose header
says that it "started out as part of a KEDS dictionary -- hence most of the codes are WEIS, not CAMEO": 041 there is
WEIS "praise, hail" (CAMEO "discuss by telephone"), 064 "grant diplomatic recognition, relations" (CAMEO "share
intelligence"), 032 "visit" (CAMEO "intend to cooperate diplomatically"). Its three-digit codes are therefore read
with the WEIS code book (`WEIS_TYPES`) and its four-digit codes, which WEIS lacks, with CAMEO. Codes that are in
neither book (the suite also tests made-up codes such as 345, 903 or 174K) are counted apart and not scored.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..errors import ConfigError
from ..extract.event_lexicon import Lexicon, load
from .cameo_actors import ActorResolver

DEFAULT_CORPUS = "../shared/corpora/petrarch2"
SPLITS = {"dev": "text/PETR.UnitTest.records.xml", "test": "text/PETR2_GSR_validation.xml"}
SCHEMES = {"dev": "weis", "test": "cameo"}
CAMEO_CODE = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]*$")
WEIS_CODE = re.compile(r"^(0[1-9]|1[0-9]|2[0-2])[0-9]$")
# The WEIS code book (World Event/Interaction Survey, as kept by KEDS and TABARI) mapped to our types through the
# CAMEO code of the same act; longest prefix wins.
WEIS_TYPES = {
    "01": "RETREAT",  # yield: surrender, retreat, evacuate (CAMEO 084-087)
    "013": "CONCEDE",  # admit wrongdoing, retract a statement
    "02": "OTHER",  # comment on a situation, explain policy (CAMEO 01 public statements)
    "03": "CONSULT",  # meet, send a note, visit, receive a visit (CAMEO 04)
    "04": "SUPPORT",  # praise, hail, endorse (CAMEO 051)
    "05": "AGREE",  # promise policy or material support, assure (CAMEO 03)
    "06": "SUPPORT",  # grant: apologise, invite, recognise, grant relations (CAMEO 054-056)
    "063": "AID",  # grant asylum (CAMEO 075)
    "065": "RETREAT",  # suspend negative sanctions, truce (CAMEO 085, 086)
    "066": "RETREAT",  # release or return persons or property (CAMEO 0841)
    "07": "AID",  # economic, military or other assistance (CAMEO 07)
    "08": "AGREE",  # agree to future action or procedure (CAMEO 03)
    "081": "SUPPORT",  # make a substantive agreement (CAMEO 057 sign a formal agreement)
    "09": "REQUEST",  # ask for information, assistance or action, appeal (CAMEO 02)
    "10": "REQUEST",  # propose, urge or suggest action (CAMEO 02)
    "101": "AGREE",  # offer a proposal (CAMEO 03)
    "11": "REJECT",  # turn down, refuse, oppose (CAMEO 12)
    "12": "DISAPPROVE",  # charge, criticise, blame, denounce (CAMEO 111, 112)
    "13": "DISAPPROVE",  # complain, formal protest (CAMEO 114)
    "14": "OTHER",  # deny an accusation or a policy (CAMEO 016 deny responsibility)
    "15": "REQUEST",  # demand (CAMEO 10)
    "16": "THREATEN",  # warn (CAMEO 13)
    "17": "THREATEN",  # threaten, ultimatum (CAMEO 13)
    "18": "PROTEST",  # demonstrate, walk out (CAMEO 14)
    "182": "MOBILIZE",  # armed force mobilisation, exercise, display (CAMEO 15)
    "19": "SANCTION",  # reduce relations: cancel, postpone, halt aid or negotiations, break relations (CAMEO 16)
    "20": "COERCE",  # expel personnel or a group (CAMEO 174)
    "21": "COERCE",  # seize positions or possessions, detain or arrest (CAMEO 17)
    "22": "ASSAULT",  # force: destructive acts, injury, military engagement (CAMEO 18, 19)
}
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


@dataclass(frozen=True)
class Statement:
    """An attribution frame seen as a public statement (CAMEO 01, WEIS 02): its source acts, on no one."""

    trigger: Any
    actor: Any
    target: Any = None
    type: str = field(default="OTHER")


def statements(doc: Any) -> list[Statement]:
    """The frames with a source and a cue: our record of what CAMEO codes as statements and comments. A frame
    whose cue comes first is about the subject of its content ("Rohan believes Gondor will win": Gondor)."""
    out = []
    for f in doc._.rep_attributions or []:
        if f.cue is None or f.source is None or f.source.span is None:
            continue
        about = _subject(doc, f.content.start, f.content.end) if f.cue.start < f.content.start else None
        out.append(Statement(f.cue, f.source.span, about))
    return out


def _subject(doc: Any, start: int, end: int) -> Any:
    """The subject of the main verb of a content span, unless it is a pronoun."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if root.pos_ in {"NOUN", "PROPN"}:  # "hopes that Rohan will join": the clause of the noun
        root = next((c for c in root.children if c.dep_ in {"acl", "ccomp", "relcl"}), root)
    subj = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    tokens = list(subj.subtree)
    return doc[tokens[0].i : tokens[-1].i + 1]


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


def _weis_type(code: str) -> str | None:
    best = max((p for p in WEIS_TYPES if code.startswith(p)), key=len, default=None)
    return WEIS_TYPES[best] if best else None


def expected_type(code: str, scheme: str, lex: Lexicon) -> str | None:
    """Our type for an event code of the given code book; None when the code is in neither book."""
    if scheme == "weis" and WEIS_CODE.match(code):
        return _weis_type(code)
    if CAMEO_CODE.match(code) and (scheme == "cameo" or len(code) == 4):
        return lex.type_of_cameo(code) or "OTHER"
    return None


def _matches(coding: Coding, wanted: str, event: Any, resolve: Any, lex: Lexicon, date: str) -> tuple[bool, ...]:
    actor = resolve(event.actor.text if event.actor else None, date)
    target = resolve(event.target.text if event.target else None, date)
    if event.target is None and len(actor) > 1 and coding.source in actor:
        target = actor - {coding.source}  # reciprocal: "Karsova and Velmora put off their summit"
    category = lex.plover(event.type) == lex.plover(wanted)
    target_ok = coding.target in target if coding.target not in NO_CODE else not (target - {"---"})
    actor_ok = coding.source in actor
    # meetings and visits are coded both ways (WEIS 031 both ways, 032 visit and 033 host; CAMEO 042 and 043)
    mutual = lex.plover(event.type) == "CONSULT" and coding.source in target and coding.target in actor
    if mutual and not (actor_ok and target_ok):
        actor_ok = target_ok = True
    return actor_ok, target_ok, category


def _score_record(
    record: Record, events: list[Any], resolver: ActorResolver, lex: Lexicon, scheme: str, errors: list[dict] | None
) -> dict[str, int]:
    counts = dict.fromkeys(COUNTS, 0)
    for coding in record.codings:
        wanted = expected_type(coding.code, scheme, lex)
        if wanted is None:
            counts["excluded"] += 1
            continue
        counts["codings"] += 1
        found = [_matches(coding, wanted, e, resolver.resolve, lex, record.date) for e in events]
        counts["actor"] += any(f[0] for f in found)
        counts["target"] += any(f[1] for f in found)
        counts["category"] += any(f[2] for f in found)
        counts["all"] += any(all(f) for f in found)
        counts["dyad"] += any(f[0] and f[1] for f in found)
        if errors is not None and not any(all(f) for f in found):
            errors.append(_error(record, coding, wanted, events, found, lex))
    return counts


def _error(record: Record, coding: Coding, wanted: str, events: list[Any], found: list, lex: Lexicon) -> dict:
    """What went wrong with one coding: the event that came closest (most of actor, target, category right)."""
    best = max(range(len(events)), key=lambda i: (sum(found[i]), found[i][0]), default=None)
    event = events[best] if best is not None else None
    return {
        "id": record.id,
        "code": coding.code,
        "expected": f"{lex.plover(wanted)}",
        "got": lex.plover(event.type) if event is not None else "no event",
        "actor_ok": bool(found[best][0]) if best is not None else False,
        "target_ok": bool(found[best][1]) if best is not None else False,
        "source": coding.source,
        "target": coding.target,
        "trigger": event.trigger.text if event is not None else "",
        "actor": event.actor.text if event is not None and event.actor else "",
        "event_target": event.target.text if event is not None and event.target else "",
        "text": record.text,
    }


def run(
    corpus: str | Path | None = None,
    split: str = "dev",
    nlp: Language | None = None,
    limit: int | None = None,
    codes: str | None = None,
    errors: bool = False,
) -> dict:
    """Score the events layer; returns counts and rates (`all_three` is the headline).

    `codes` is the code book of the event codes (`weis` or `cameo`; by default the one the split is coded in);
    with `errors`, the result lists every coding that was not matched in full.
    """
    if split not in SPLITS:
        raise ConfigError(f"Unknown split {split!r} for the PETRARCH-2 corpus: use one of {', '.join(SPLITS)}")
    root = corpus_path(corpus)
    path = root / SPLITS[split]
    if not path.is_file():
        raise ConfigError(
            f"The {split} part of the PETRARCH-2 corpus ({path}) is missing: score --split dev, "
            "or pass --corpus with a folder that holds it"
        )
    scheme = codes or SCHEMES[split]
    if scheme not in {"weis", "cameo"}:
        raise ConfigError(f"Unknown code book {scheme!r}: use weis or cameo")
    records = _records(path)[:limit] if limit else _records(path)
    resolver = ActorResolver(root / "dictionaries")
    lex = load("en")
    if nlp is None:
        from ..extract.pipeline import build_nlp

        nlp = build_nlp(layers=("reportedly_attribution", "reportedly_time", "reportedly_place", "reportedly_events"))
    totals = dict.fromkeys(COUNTS, 0)
    spurious = no_event_records = 0
    misses: list[dict] | None = [] if errors else None
    for record, doc in zip(records, nlp.pipe(r.text for r in records), strict=True):
        events = list(doc._.rep_events or [])
        if record.no_events:
            no_event_records += 1
            spurious += bool(events)
        events += statements(doc)
        for key, value in _score_record(record, events, resolver, lex, scheme, misses).items():
            totals[key] += value
    n = totals["codings"] or 1
    return {
        "corpus": str(root),
        "split": split,
        "codes": scheme,
        "sentences": len(records),
        **totals,
        "all_three": round(totals["all"] / n, 4),
        "dyad_rate": round(totals["dyad"] / n, 4),
        "actor_rate": round(totals["actor"] / n, 4),
        "target_rate": round(totals["target"] / n, 4),
        "category_rate": round(totals["category"] / n, 4),
        "no_event_sentences": no_event_records,
        "no_event_sentences_with_events": spurious,
        **({"errors": misses} if misses is not None else {}),
    }


def render(result: dict) -> str:
    lines = [
        f"PETRARCH-2 {result['split']}: {result['sentences']} sentences, {result['codings']} codings scored with "
        f"{result['codes'].upper()} codes ({result['excluded']} with codes outside the code book left out)",
        f"  actor, target and category all right: {result['all_three']:.3f} ({result['all']}/{result['codings']})",
        f"  actor and target right on one event: {result['dyad_rate']:.3f} ({result['dyad']}/{result['codings']})",
        f"  actor right: {result['actor_rate']:.3f}   target right: {result['target_rate']:.3f}   "
        f"category right: {result['category_rate']:.3f}",
        f"  sentences expected to have no event that got one: "
        f"{result['no_event_sentences_with_events']}/{result['no_event_sentences']}",
    ]
    if "errors" in result:
        lines += render_errors(result["errors"])
    return "\n".join(lines)


def render_errors(errors: list[dict]) -> list[str]:
    """The missed codings grouped by expected category and the category of the closest event."""
    groups: dict[tuple[str, str], list[dict]] = {}
    for err in errors:
        groups.setdefault((err["expected"], err["got"]), []).append(err)
    lines = [f"missed codings: {len(errors)}, by expected category -> category of the closest event"]
    for (expected, got), errs in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"  {expected} -> {got}: {len(errs)}")
        for e in errs:
            roles = ("A" if e["actor_ok"] else "a") + ("T" if e["target_ok"] else "t")
            lines.append(
                f"    {e['id']} {e['code']} {e['source']}>{e['target']} [{roles}] "
                f"{e['trigger']!r} {e['actor']!r} -> {e['event_target']!r} | {e['text'][:110]}"
            )
    return lines


def main(argv: list[str] | None = None) -> None:
    """`python -m reportedly.evaluate.events [--corpus DIR] [--split dev] [--codes weis|cameo] [--errors]`."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m reportedly.evaluate.events", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--split", default="dev", choices=sorted(SPLITS))
    parser.add_argument("--codes", default=None, choices=["weis", "cameo"])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--errors", action="store_true", help="list the missed codings, grouped")
    args = parser.parse_args(argv)
    result = run(args.corpus, args.split, limit=args.limit, codes=args.codes, errors=args.errors)
    print(render(result))


if __name__ == "__main__":
    main()
