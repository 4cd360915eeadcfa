"""Shared fixtures: paths to the example data and the spaCy pipeline, loaded once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("REPORTEDLY_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "menafn-2024-11-24-storm-shadow.txt"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp() -> Iterator[object]:
    from reportedly.extract import build_nlp

    yield build_nlp()


@pytest.fixture()
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip(f"the seed article is not at {SEED} (it comes with the project's shared data, not the repository)")
    return SEED
