"""Score the time layer on TempEval-3 (TBAQ-cleaned TimeML), with each document's DCT as the article date.

Metrics follow TempEval-3 task A: strict span P/R/F1 (exact offsets), relaxed span P/R/F1 (any overlap,
one-to-one), type accuracy over the relaxed matches, and value P/R/F1 (a relaxed match with the same value).

Splits: `dev` is all of TBAQ-cleaned (TimeBank + AQUAINT, 256 documents; the TempEval-3 platinum test set is held
out and not used here); `timebank` and `aquaint` are its two parts; `sample` is every fourth document of `dev`
in file-name order (64 documents), the fixed sample the quality gate scores.

`python -m reportedly.evaluate.timex --errors [--kinds value,missed,...]` also lists the errors for tuning:
value mismatches (gold type/value vs ours), type mismatches, span mismatches, missed and spurious expressions.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..errors import ConfigError
from ..records import TimeRef

DEFAULT_CORPUS = Path("../shared/corpora/tempeval3")
SPLITS = ("dev", "timebank", "aquaint", "sample")


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True)
class TimeDoc:
    name: str
    text: str
    dct: date | None
    timexes: tuple[GoldTimex, ...]


def corpus_path(corpus: str | Path | None, default: Path, what: str) -> Path:
    """The corpus folder: the given path, else the default relative to the working directory or the checkout."""
    candidates = [Path(corpus)] if corpus else [default, Path(__file__).resolve().parents[3] / default]
    for path in candidates:
        if path.is_dir():
            return path
    raise ConfigError(
        f"The {what} corpus was not found at {candidates[0]}: pass --corpus PATH pointing to its folder "
        f"(see the corpus README for how it is laid out)."
    )


def _walk(elem: ET.Element, parts: list[str], offset: list[int], gold: list[GoldTimex]) -> None:
    start = offset[0]
    if elem.text:
        parts.append(elem.text)
        offset[0] += len(elem.text)
    for child in elem:
        _walk(child, parts, offset, gold)
    if elem.tag == "TIMEX3":
        gold.append(GoldTimex(start, offset[0], elem.get("type", ""), elem.get("value", "")))
    if elem.tail and elem.tag != "TEXT":
        parts.append(elem.tail)
        offset[0] += len(elem.tail)


def parse_tml(path: Path) -> TimeDoc:
    """The text inside <TEXT>, its TIMEX3 spans (offsets into that text) and the DCT."""
    try:
        root = ET.fromstring(path.read_text(encoding="utf-8"))
    except (OSError, ET.ParseError) as exc:
        raise ConfigError(f"Cannot read TimeML file {path}: {exc}") from exc
    dct_elem = root.find("DCT/TIMEX3")
    dct = None
    if dct_elem is not None and re.match(r"\d{4}-\d\d-\d\d", dct_elem.get("value", "")):
        dct = date.fromisoformat(dct_elem.get("value", "")[:10])
    text_elem = root.find("TEXT")
    parts: list[str] = []
    gold: list[GoldTimex] = []
    if text_elem is not None:
        _walk(text_elem, parts, [0], gold)
    return TimeDoc(path.stem, "".join(parts), dct, tuple(gold))


def documents(corpus: str | Path | None = None, split: str = "dev", limit: int | None = None) -> Iterator[TimeDoc]:
    if split not in SPLITS:
        raise ConfigError(f"Unknown split {split!r} for timex; choose one of {', '.join(SPLITS)}")
    root = corpus_path(corpus, DEFAULT_CORPUS, "TempEval-3") / "Training" / "TBAQ-cleaned"
    parts = {"timebank": ["TimeBank"], "aquaint": ["AQUAINT"]}.get(split, ["TimeBank", "AQUAINT"])
    files = sorted(f for part in parts for f in (root / part).glob("*.tml"))
    if not files:
        raise ConfigError(f"No .tml files under {root}: is this the TempEval-3 corpus folder?")
    if split == "sample":
        files = files[::4]
    for path in files[:limit]:
        yield parse_tml(path)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score_doc(
    gold: tuple[GoldTimex, ...],
    system: list[TimeRef],
    counts: dict[str, int],
    errors: list[dict[str, Any]] | None = None,
    doc: TimeDoc | None = None,
) -> None:
    """Adds one document's matches to `counts`; with `errors`, appends one record per error found."""
    counts["gold"] += len(gold)
    counts["system"] += len(system)
    used: set[int] = set()
    for g in gold:
        match = None
        for i, s in enumerate(system):
            if i in used or s.span.end <= g.start or s.span.start >= g.end:
                continue
            used.add(i)
            match = s
            counts["relaxed"] += 1
            counts["strict"] += int(s.span.start == g.start and s.span.end == g.end)
            counts["type"] += int(s.kind.upper() == g.type)
            counts["value"] += int(s.value == g.value)
            break
        if errors is not None and doc is not None:
            _note_errors(doc, g, match, errors)
    if errors is not None and doc is not None:
        for i, s in enumerate(system):
            if i not in used:
                errors.append(_error("spurious", doc, None, s))


def _error(kind: str, doc: TimeDoc, g: GoldTimex | None, s: TimeRef | None) -> dict[str, Any]:
    start = min(x for x in (g.start if g else None, s.span.start if s else None) if x is not None)
    end = max(x for x in (g.end if g else None, s.span.end if s else None) if x is not None)
    return {
        "kind": kind,
        "doc": doc.name,
        "dct": doc.dct.isoformat() if doc.dct else None,
        "gold": None if g is None else {"text": doc.text[g.start : g.end], "type": g.type, "value": g.value},
        "ours": None if s is None else {"text": s.span.text, "type": s.kind.upper(), "value": s.value},
        "context": " ".join(doc.text[max(0, start - 60) : end + 40].split()),
    }


def _note_errors(doc: TimeDoc, g: GoldTimex, s: TimeRef | None, errors: list[dict[str, Any]]) -> None:
    if s is None:
        errors.append(_error("missed", doc, g, None))
        return
    if s.value != g.value:
        errors.append(_error("value", doc, g, s))
    if s.kind.upper() != g.type:
        errors.append(_error("type", doc, g, s))
    if (s.span.start, s.span.end) != (g.start, g.end):
        errors.append(_error("span", doc, g, s))


def metrics(counts: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": counts["documents"], "gold": counts["gold"], "system": counts["system"]}
    for name in ("strict", "relaxed", "value"):
        p, r = _ratio(counts[name], counts["system"]), _ratio(counts[name], counts["gold"])
        out[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4)}
    out["type_accuracy"] = round(_ratio(counts["type"], counts["relaxed"]), 4)
    return out


def run(
    corpus: str | Path | None = None,
    split: str = "dev",
    nlp: Language | None = None,
    limit: int | None = None,
    errors: bool = False,
) -> dict[str, Any]:
    """Score `reportedly_time` on TempEval-3; returns the metrics as a dict (with `errors` listed if asked)."""
    from ..extract.pipeline import build_nlp
    from ..extract.timex import extract_times

    docs = list(documents(corpus, split, limit))
    nlp = nlp or build_nlp(layers=())
    counts = dict.fromkeys(("documents", "gold", "system", "strict", "relaxed", "type", "value"), 0)
    found: list[dict[str, Any]] | None = [] if errors else None
    disabled = [name for name in nlp.pipe_names if name.startswith("reportedly_")]
    with nlp.select_pipes(disable=disabled):
        for doc, item in zip(nlp.pipe(d.text for d in docs), docs, strict=True):
            counts["documents"] += 1
            score_doc(item.timexes, extract_times(doc, item.dct), counts, found, item)
    result = metrics(counts)
    result.update({"corpus": "tempeval3", "split": split})
    if found is not None:
        result["errors"] = found
    return result


def render(result: dict[str, Any]) -> str:
    lines = [f"TempEval-3 TBAQ ({result['split']}): {result['documents']} documents, {result['gold']} gold timexes"]
    for name in ("strict", "relaxed", "value"):
        m = result[name]
        lines.append(f"  {name:8} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    lines.append(f"  type accuracy {result['type_accuracy']:.3f}")
    return "\n".join(lines)


def _show(part: dict[str, Any] | None) -> str:
    return "-" if part is None else f"{part['type']} {part['value']} {part['text']!r}"


def render_errors(errors: list[dict[str, Any]], kinds: set[str] | None = None) -> str:
    """One line per error: kind, document (DCT), gold type/value/text vs ours, and the text around it."""
    lines = []
    for e in errors:
        if kinds and e["kind"] not in kinds:
            continue
        lines.append(f"[{e['kind']}] {e['doc']} ({e['dct']})  gold: {_show(e['gold'])}  ours: {_show(e['ours'])}")
        lines.append(f"      {e['context']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """`python -m reportedly.evaluate.timex [--split dev] [--limit N] [--errors] [--kinds value,type]`."""
    import argparse
    import json
    from collections import Counter

    parser = argparse.ArgumentParser(description="Score the time layer on TempEval-3 (TBAQ-cleaned).")
    parser.add_argument("--corpus", default=None, help="corpus folder (default ../shared/corpora/tempeval3)")
    parser.add_argument("--split", default="dev", choices=SPLITS)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--json", action="store_true", help="print the result (and errors) as JSON")
    parser.add_argument("--errors", action="store_true", help="list errors: value, type, span, missed, spurious")
    parser.add_argument("--kinds", default="", help="comma-separated error kinds to list (default: all)")
    args = parser.parse_args(argv)
    result = run(corpus=args.corpus, split=args.split, limit=args.limit, errors=args.errors)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    if args.errors:
        kinds = {k.strip() for k in args.kinds.split(",") if k.strip()} or None
        print(render_errors(result["errors"], kinds))
        tally = Counter(e["kind"] for e in result["errors"])
        print("errors: " + ", ".join(f"{k} {n}" for k, n in tally.most_common()))
    print(render(result))


if __name__ == "__main__":
    main()
