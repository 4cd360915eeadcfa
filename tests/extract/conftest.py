"""Options for the extraction tests: `--regen-golden` rewrites tests/golden/*.json from the current output."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--regen-golden",
        action="store_true",
        default=False,
        help="rewrite the golden extraction files in tests/golden/ (review the diff before committing)",
    )


@pytest.fixture()
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden", default=False))
