"""Quality gate: the dev scores pinned in tests/gates/<scorer>.json must not drop by more than the tolerance.

A pin file maps metric names to values (`{"cue_exact_f1": 0.81, ...}`), nested objects follow the result's structure,
and an optional top-level "tolerance" overrides the default 0.01. Raising a pin is a deliberate commit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportedly.errors import ConfigError
from reportedly.evaluate import SCORERS, evaluate

GATES = Path(__file__).resolve().parents[1] / "gates"
TOLERANCE = 0.01
LOWER_IS_BETTER = ("mae", "error", "rmse")


def pinned(pins: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], float]]:
    for key, value in pins.items():
        if not path and key == "tolerance":
            continue
        if isinstance(value, dict):
            yield from pinned(value, (*path, key))
        elif isinstance(value, int | float):
            yield (*path, key), float(value)


def measured(result: dict[str, Any], path: tuple[str, ...]) -> float | None:
    for root in (result.get("metrics", {}), result):
        node: Any = root
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, int | float):
            return float(node)
    return None


def dropped(path: tuple[str, ...], pin: float, value: float | None, tolerance: float) -> bool:
    if value is None:
        return True
    if path[-1].lower().endswith(LOWER_IS_BETTER):
        return value > pin + tolerance
    return value < pin - tolerance


@pytest.mark.parametrize(
    ("path", "pin", "value", "expected"),
    [
        (("f1",), 0.80, 0.795, False),
        (("f1",), 0.80, 0.785, True),
        (("mae",), 0.50, 0.505, False),
        (("mae",), 0.50, 0.52, True),
        (("f1",), 0.80, None, True),
    ],
)
def test_drop_rule(path: tuple[str, ...], pin: float, value: float | None, expected: bool) -> None:
    assert dropped(path, pin, value, TOLERANCE) is expected


def test_pins_read_flat_and_nested() -> None:
    pins = {"tolerance": 0.02, "a": 0.5, "dev": {"b": 0.25}}
    assert dict(pinned(pins)) == {("a",): 0.5, ("dev", "b"): 0.25}
    assert measured({"metrics": {"a": 0.4}, "dev": {"b": 0.3}}, ("dev", "b")) == 0.3


@pytest.mark.slow
@pytest.mark.parametrize("pin_file", sorted(GATES.glob("*.json")), ids=lambda p: p.stem)
def test_quality_gate(pin_file: Path, nlp: Any) -> None:
    name = pin_file.stem
    if name not in SCORERS:
        pytest.skip(f"no scorer named {name!r} is registered in reportedly.evaluate.SCORERS")
    pins = json.loads(pin_file.read_text(encoding="utf-8"))
    try:
        result = evaluate(name, split="dev", nlp=nlp)
    except ConfigError as exc:
        if "--corpus" not in str(exc):
            raise
        pytest.skip(f"the {name} corpus is absent: {exc}")
    tolerance = float(pins.get("tolerance", TOLERANCE))
    drops = {
        ".".join(path): (pin, value)
        for path, pin in pinned(pins)
        if dropped(path, pin, value := measured(result, path), tolerance)
    }
    assert not drops, f"{name}: scores dropped below the pins in {pin_file.name} (pin, now): {drops}"
