"""Named schema migrations, kept as SQL files per backend: `NNNN_name.<backend>.sql`, applied in name order."""

from __future__ import annotations

from importlib import resources

BACKENDS = ("sqlite", "postgres")


def load(backend: str) -> list[tuple[str, str]]:
    """The (name, sql) migrations of one backend, in the order they are applied."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown backend {backend!r}; expected one of {BACKENDS}")
    suffix = f".{backend}.sql"
    found = []
    for entry in resources.files(__package__).iterdir():
        if entry.name.endswith(suffix):
            found.append((entry.name[: -len(suffix)], entry.read_text(encoding="utf-8")))
    return sorted(found)
