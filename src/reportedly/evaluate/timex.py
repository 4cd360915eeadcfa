"""Score the time layer on TempEval-3 (TBAQ-cleaned TimeML), with each document's DCT as the article date.

Metrics follow TempEval-3 task A: strict span P/R/F1 (exact offsets), relaxed span P/R/F1 (any overlap,
one-to-one), type accuracy over the relaxed matches, and value P/R/F1 (a relaxed match with the same value).

Splits: `dev` is all of TBAQ-cleaned (TimeBank + AQUAINT, 256 documents; the TempEval-3 platinum test set is held
out and not used here); `timebank` and `aquaint` are its two parts; `sample` is every fourth document of `dev`
in file-name order (64 documents), the fixed sample the quality gate scores.
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


def score_doc(gold: tuple[GoldTimex, ...], system: list[TimeRef], counts: dict[str, int]) -> None:
    counts["gold"] += len(gold)
    counts["system"] += len(system)
    used: set[int] = set()
    for g in gold:
        for i, s in enumerate(system):
            if i in used or s.span.end <= g.start or s.span.start >= g.end:
                continue
            used.add(i)
            counts["relaxed"] += 1
            counts["strict"] += int(s.span.start == g.start and s.span.end == g.end)
            counts["type"] += int(s.kind.upper() == g.type)
            counts["value"] += int(s.value == g.value)
            break


def metrics(counts: dict[str, int]) -> dict[str, Any]:
    out: dict[str, Any] = {"documents": counts["documents"], "gold": counts["gold"], "system": counts["system"]}
    for name in ("strict", "relaxed", "value"):
        p, r = _ratio(counts[name], counts["system"]), _ratio(counts[name], counts["gold"])
        out[name] = {"precision": round(p, 4), "recall": round(r, 4), "f1": round(_f1(p, r), 4)}
    out["type_accuracy"] = round(_ratio(counts["type"], counts["relaxed"]), 4)
    return out


def run(
    corpus: str | Path | None = None, split: str = "dev", nlp: Language | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Score `reportedly_time` on TempEval-3; returns the metrics as a dict."""
    from ..extract.pipeline import build_nlp
    from ..extract.timex import extract_times

    docs = list(documents(corpus, split, limit))
    nlp = nlp or build_nlp(layers=())
    counts = dict.fromkeys(("documents", "gold", "system", "strict", "relaxed", "type", "value"), 0)
    disabled = [name for name in nlp.pipe_names if name.startswith("reportedly_")]
    with nlp.select_pipes(disable=disabled):
        for doc, item in zip(nlp.pipe(d.text for d in docs), docs, strict=True):
            counts["documents"] += 1
            score_doc(item.timexes, extract_times(doc, item.dct), counts)
    result = metrics(counts)
    result.update({"corpus": "tempeval3", "split": split})
    return result


def render(result: dict[str, Any]) -> str:
    lines = [f"TempEval-3 TBAQ ({result['split']}): {result['documents']} documents, {result['gold']} gold timexes"]
    for name in ("strict", "relaxed", "value"):
        m = result[name]
        lines.append(f"  {name:8} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
    lines.append(f"  type accuracy {result['type_accuracy']:.3f}")
    return "\n".join(lines)
