"""The store stage: `open_store(url)` returns a `Store` over SQLite (the default) or PostgreSQL.

URLs: `sqlite:///relative/path.db`, `sqlite:////absolute/path.db`, a bare path ending in .db, `:memory:`
(also `sqlite://` and `sqlite:///:memory:`), and `postgresql://user:password@host:port/database` (or `postgres://`).
A PostgreSQL URL may choose a schema with libpq options, e.g. `?options=-csearch_path%3Dledger`.
"""

from __future__ import annotations

from ..errors import ConfigError
from .base import CLAIM_KEYS, EVENT_KEYS, SOURCE_KEYS, ClaimFilter, Store, claim_key
from .sqlbase import SNIPPET_MARKS

DEFAULT_URL = "sqlite:///reportedly.db"
MEMORY = ":memory:"
SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")


def sqlite_path(url: str) -> str | None:
    """The file path (or :memory:) an SQLite URL names; None when `url` is not an SQLite URL."""
    if url in (MEMORY, "sqlite://", "sqlite:///:memory:"):
        return MEMORY
    if url.startswith("sqlite:///"):
        return url[len("sqlite:///") :]
    if "://" not in url and url.lower().endswith(SQLITE_SUFFIXES):
        return url
    return None


def open_store(url: str | None = None, migrate: bool = True) -> Store:
    """Open the store at `url` (default `sqlite:///reportedly.db`) and apply pending migrations unless told not to."""
    url = (url or DEFAULT_URL).strip()
    store: Store
    path = sqlite_path(url)
    if path is not None:
        if not path:
            raise ConfigError(f"The SQLite URL {url!r} names no file: write sqlite:///path/to/file.db or :memory:.")
        from .sqlite import SQLiteStore

        store = SQLiteStore(url, path)
    elif url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        store = PostgresStore(url)
    else:
        raise ConfigError(
            f"Unknown database URL {url!r}: use sqlite:///path/to/file.db, a path ending in .db, :memory:, "
            "or postgresql://user@host:5432/database."
        )
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store


__all__ = [
    "CLAIM_KEYS",
    "DEFAULT_URL",
    "EVENT_KEYS",
    "SNIPPET_MARKS",
    "SOURCE_KEYS",
    "ClaimFilter",
    "Store",
    "claim_key",
    "open_store",
]
