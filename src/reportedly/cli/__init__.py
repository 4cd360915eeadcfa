"""The `reportedly` command: thin click commands over library calls."""

from __future__ import annotations

from . import ledger, linking, reading, serving  # noqa: F401  (importing registers the commands)
from .base import cli


def main() -> None:
    cli(prog_name="reportedly")


__all__ = ["cli", "main"]
