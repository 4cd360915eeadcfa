"""Read brat standoff attribution annotations (PolNeAR): `.txt` + `.ann` pairs."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import ConfigError

Offsets = tuple[int, int]
ROLES = ("cue", "source", "content")
_DATE_IN_NAME = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
_OPEN_QUOTES = "\"“‘'«"
_CLOSE_QUOTES = "\"”’'»"


@dataclass(frozen=True)
class GoldFrame:
    cue: Offsets | None
    source: Offsets | None
    content: Offsets | None
    form: str = "indirect"

    def role(self, name: str) -> Offsets | None:
        value: Offsets | None = getattr(self, name)
        return value


@dataclass
class GoldArticle:
    name: str
    text: str
    published: date | None
    frames: list[GoldFrame] = field(default_factory=list)


def parse_offsets(field_text: str) -> Offsets:
    """'315 448;463 553' -> (315, 553): a discontinuous span counts from its first to its last character."""
    numbers = [int(n) for n in re.split(r"[ ;]", field_text.strip()) if n]
    if len(numbers) < 2:
        raise ValueError(f"bad brat offsets {field_text!r}")
    return min(numbers[0::2]), max(numbers[1::2])


def trim(text: str, span: Offsets) -> Offsets:
    """Shrink a span so that it neither starts nor ends with white space."""
    start, end = max(0, span[0]), min(len(text), span[1])
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def infer_form(text: str, content: Offsets | None) -> str:
    """direct when the content starts and ends with quotation marks, mixed when it holds any, else indirect."""
    if content is None:
        return "indirect"
    inner = text[content[0] : content[1]].strip().rstrip(".,;:!?")
    if len(inner) >= 2 and inner[0] in _OPEN_QUOTES and inner.rstrip(".,;:!? ")[-1] in _CLOSE_QUOTES:
        return "direct"
    if any(q in inner for q in '"“”'):
        return "mixed"
    return "indirect"


def parse_ann(ann: str, text: str) -> list[GoldFrame]:
    """Frames of one .ann file: each E line ties Cue, Source and Content T lines together."""
    spans: dict[str, Offsets] = {}
    relations: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = trim(text, parse_offsets(offsets))
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, str] = {}
            for arg in parts[1].split():
                key, _, ref = arg.partition(":")
                roles.setdefault(key.lower(), ref)
            relations.append(roles)
    frames = []
    for roles in relations:
        cue, source, content = (spans.get(roles.get(r, "")) for r in ROLES)
        frames.append(GoldFrame(cue, source, content, infer_form(text, content)))
    return frames


def read_metadata(root: Path) -> dict[str, date]:
    path = root / "data" / "metadata.tsv"
    dates: dict[str, date] = {}
    if not path.exists():
        return dates
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            try:
                dates[row["filename"]] = date.fromisoformat(row["publication_date"][:10])
            except (KeyError, ValueError, TypeError):
                continue
    return dates


def published_from_name(name: str) -> date | None:
    found = _DATE_IN_NAME.search(name)
    if not found:
        return None
    try:
        return date.fromisoformat(found.group(1))
    except ValueError:
        return None


def annotation_for(ann_dir: Path, name: str) -> Path | None:
    """`<name>.ann`, else the first (sorted) `<name>_<annotator>.ann`."""
    plain = ann_dir / f"{name}.ann"
    if plain.exists():
        return plain
    several = sorted(ann_dir.glob(f"{name}_*.ann"))
    return several[0] if several else None


def load_split(root: Path, split: str, limit: int | None = None) -> list[GoldArticle]:
    """Gold articles of one split (`train`, `dev`, ...) of a PolNeAR-style corpus at `root`."""
    base = root / "data" / split if (root / "data").is_dir() else root / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ConfigError(f"No split {split!r} at {base}: expected text/ and attributions/ folders there")
    dates = read_metadata(root)
    articles: list[GoldArticle] = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann = annotation_for(ann_dir, txt.stem)
        if ann is None:
            continue
        text = txt.read_text(encoding="utf-8")
        try:
            frames = parse_ann(ann.read_text(encoding="utf-8"), text)
        except ValueError as exc:
            raise ConfigError(f"{ann} is not a brat standoff file ({exc}): check the corpus") from exc
        published = dates.get(txt.stem) or published_from_name(txt.stem)
        articles.append(GoldArticle(txt.stem, text, published, frames))
        if limit is not None and len(articles) >= limit:
            break
    return articles
