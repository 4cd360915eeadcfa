"""Scorers of the extractors against annotated corpora.

`SCORERS` maps a scorer name to the module that implements it; each module exposes `DEFAULT_CORPUS`,
`run(corpus=None, split="dev", nlp=None, limit=None) -> dict` and `render(result) -> str`.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from ..errors import ConfigError

SCORERS: dict[str, str] = {
    "polnear": "reportedly.evaluate.polnear",
    "seed": "reportedly.evaluate.seed",
    "factuality": "reportedly.evaluate.factuality",
    "events": "reportedly.evaluate.events",
    "ecbplus": "reportedly.evaluate.ecbplus",
    "emergent": "reportedly.evaluate.emergent",
    "fnc1": "reportedly.evaluate.fnc1",
    "timex": "reportedly.evaluate.timex",
    "geo": "reportedly.evaluate.geo",
}


def scorer(name: str) -> ModuleType:
    """The module of a registered scorer, imported on first use."""
    if name not in SCORERS:
        known = ", ".join(sorted(SCORERS))
        raise ConfigError(f"Unknown scorer {name!r}: choose one of {known}")
    return importlib.import_module(SCORERS[name])


def evaluate(name: str, **kwargs: Any) -> dict[str, Any]:
    """Run one scorer: `evaluate("polnear", split="dev")`."""
    result: dict[str, Any] = scorer(name).run(**kwargs)
    return result


def render(name: str, result: dict[str, Any]) -> str:
    text: str = scorer(name).render(result)
    return text


__all__ = ["SCORERS", "evaluate", "render", "scorer"]
