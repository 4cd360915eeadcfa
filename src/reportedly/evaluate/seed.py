"""Score the extractor against the reference reading of the example article (`../shared/seed/gold.json`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..errors import ConfigError
from ..records import Analysis, Article, Attribution, article_id
from .spans import Offsets, overlaps, resolve_corpus, table

DEFAULT_CORPUS = "../shared/seed"
GOLD_FILE = "gold.json"
_HEADER = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2}) \((\w[^)]*)\)\s*")
_DETERMINERS = re.compile(r"^(the|a|an|several|some)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class SeedFrame:
    id: str
    cue: Offsets
    source: Offsets | None
    content: Offsets | None
    status: str


def strip_header(raw: str) -> tuple[str, date | None, str | None]:
    """Remove the ` date YYYY-MM-DD (OUTLET) ` line that opens the seed text; returns (text, date, outlet)."""
    found = _HEADER.match(raw)
    if not found:
        return raw, None, None
    return raw[found.end() :], date.fromisoformat(found.group(1)), found.group(2)


def read_article(path: Path) -> Article:
    """The seed article, through `reportedly.ingest.read` when it exists, else by stripping the header here."""
    try:
        from .. import ingest

        reader = getattr(ingest, "read", None)
    except ImportError:
        reader = None
    if reader is not None:
        for item in reader(str(path)):
            if isinstance(item, Article) and not _HEADER.match(item.text):
                return item
    text, published, outlet = strip_header(path.read_text(encoding="utf-8"))
    return Article(id=article_id(text), text=text, published=published, outlet=outlet, name=path.stem)


def _occurrences(text: str, needle: str) -> list[Offsets]:
    pattern = (r"\b" if needle[:1].isalnum() else "") + re.escape(needle) + (r"\b" if needle[-1:].isalnum() else "")
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _distance(a: Offsets, b: Offsets) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _nearest(text: str, needle: str | None, anchor: Offsets, what: str) -> Offsets | None:
    if not needle:
        return None
    found = _occurrences(text, needle)
    if not found:
        raise ConfigError(f"The seed gold {what} {needle!r} is not in the article text: check {GOLD_FILE}")
    return min(found, key=lambda span: (_distance(span, anchor), span[0]))


def locate(text: str, frames: list[dict[str, Any]]) -> list[SeedFrame]:
    """Gold spans from gold strings: content in order of appearance, cue nearest the content, source nearest the cue."""
    used: dict[str, int] = {}
    located = []
    for frame in frames:
        content = frame.get("content")
        anchor: Offsets = (0, len(text))
        content_span = None
        if content:
            spans = _occurrences(text, content)
            after = [s for s in spans if s[0] >= used.get(content, -1)]
            if not after:
                raise ConfigError(f"The seed gold content {content!r} is not in the article text: check {GOLD_FILE}")
            content_span = anchor = after[0]
            used[content] = after[0][0] + 1
        cue = _nearest(text, frame["cue"], anchor, "cue")
        assert cue is not None
        source = _nearest(text, frame.get("source"), cue, "source")
        located.append(SeedFrame(frame["id"], cue, source, content_span, frame["status"]))
    return located


def _plain(name: str) -> str:
    return _DETERMINERS.sub("", name.strip()).lower()


def source_ok(text: str, gold: SeedFrame, att: Attribution) -> bool:
    """The source span overlaps the gold source, or the canonical name contains it (or the reverse)."""
    if gold.source is None:
        return att.source is None or att.source.span is None
    if att.source is None:
        return False
    if att.source.span and overlaps(gold.source, (att.source.span.start, att.source.span.end)):
        return True
    wanted, name = _plain(text[gold.source[0] : gold.source[1]]), _plain(att.source.name)
    return bool(name) and (wanted in name or name in wanted)


def _describe(att: Attribution) -> str:
    source = f"{att.source.name or att.source.span.text if att.source.span else ''}" if att.source else "-"
    cue = att.cue.text if att.cue else "-"
    return f"{source} | {cue} | {att.status}"


def judge(text: str, gold: SeedFrame, analysis: Analysis) -> dict[str, Any]:
    """Whether one gold frame was found, and what the extractor gave around its cue."""
    candidates = [a for a in analysis.attributions if a.cue and overlaps(gold.cue, (a.cue.start, a.cue.end))]
    row: dict[str, Any] = {
        "id": gold.id,
        "cue": text[gold.cue[0] : gold.cue[1]],
        "source": text[gold.source[0] : gold.source[1]] if gold.source else None,
        "status": gold.status,
        "cue_found": bool(candidates),
        "source_ok": False,
        "status_ok": False,
        "found": False,
        "instead": [_describe(a) for a in candidates],
    }
    for att in candidates:
        s_ok, st_ok = source_ok(text, gold, att), att.status == gold.status
        row["source_ok"] = row["source_ok"] or s_ok
        row["status_ok"] = row["status_ok"] or st_ok
        if s_ok and st_ok:
            row["found"] = True
    return row


def run(
    corpus: str | None = None,
    split: str = "dev",
    nlp: Language | None = None,
    limit: int | None = None,
) -> dict[str, Any]:
    """Run the extractor on the seed article and check each gold frame. `split` is accepted and ignored."""
    from ..extract.pipeline import analyse

    root = resolve_corpus(corpus, DEFAULT_CORPUS, "seed")
    try:
        gold = json.loads((root / GOLD_FILE).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"Cannot read {root / GOLD_FILE} ({exc}): pass --corpus PATH to the seed folder") from exc
    article = read_article(root / gold["article"])
    frames = locate(article.text, gold["attributions"][:limit] if limit else gold["attributions"])
    _, analysis = next(iter(analyse([article], nlp=nlp)))
    rows = [judge(article.text, f, analysis) for f in frames]
    metrics = {key: float(sum(r[key] for r in rows)) for key in ("found", "cue_found", "source_ok", "status_ok")}
    return {
        "corpus": str(root),
        "frames": len(rows),
        "predicted": len(analysis.attributions),
        "rows": rows,
        "metrics": metrics,
    }


def render(result: dict[str, Any]) -> str:
    m = result["metrics"]
    lines = [
        f"seed: {int(m['found'])} of {result['frames']} gold frames found with the right source and status "
        f"(cue {int(m['cue_found'])}, source {int(m['source_ok'])}, status {int(m['status_ok'])}; "
        f"{result['predicted']} frames predicted)"
    ]
    rows = [[r["id"], "yes" if r["found"] else "no", r["source"] or "-", r["cue"], r["status"]] for r in result["rows"]]
    lines.append(table(["id", "found", "source", "cue", "status"], rows))
    misses = [r for r in result["rows"] if not r["found"]]
    if misses:
        lines.append("misses (source | cue | status found instead):")
        for r in misses:
            lines.append(
                f"  {r['id']} {r['cue']!r}: " + ("; ".join(r["instead"]) or "no frame with an overlapping cue")
            )
    return "\n".join(lines)
