"""Span arithmetic shared by the scorers: overlap, one-to-one matching, precision/recall/F1."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import ConfigError

T = TypeVar("T")
U = TypeVar("U")
Offsets = tuple[int, int]

REPO_ROOT = Path(__file__).resolve().parents[3]


def shared(a: Offsets, b: Offsets) -> int:
    """Number of characters two spans have in common."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlaps(a: Offsets, b: Offsets) -> bool:
    """True when the shared characters cover at least half of the longer span."""
    longer = max(a[1] - a[0], b[1] - b[0])
    if longer <= 0:
        return a == b
    return shared(a, b) * 2 >= longer


def exact(a: Offsets, b: Offsets) -> bool:
    return a == b


def match(
    gold: Sequence[T],
    pred: Sequence[U],
    same: Callable[[T, U], bool],
    weight: Callable[[T, U], float] | None = None,
) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: pairs accepted by `same`, heaviest first, each item used once.

    Returns (gold index, predicted index) pairs. Ties keep input order, so results are deterministic.
    """
    candidates: list[tuple[float, int, int]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if same(g, p):
                candidates.append((weight(g, p) if weight else 1.0, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, i, j in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        pairs.append((i, j))
    return sorted(pairs)


@dataclass
class Counts:
    """True positives against the number of predicted and gold items."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "p": round(self.precision, 4),
            "r": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def resolve_corpus(corpus: str | None, default: str, what: str) -> Path:
    """The corpus folder: the given path, else `default` relative to the current directory or the repository root."""
    candidates = [Path(corpus)] if corpus else [Path(default), REPO_ROOT / default]
    for path in candidates:
        if path.exists():
            return path
    shown = candidates[0]
    raise ConfigError(
        f"The {what} corpus was not found at {shown}: "
        "pass --corpus PATH (the corpora are not distributed with reportedly)"
    )


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain fixed-width text table."""
    cells = [[str(c) for c in header]] + [[_cell(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)
