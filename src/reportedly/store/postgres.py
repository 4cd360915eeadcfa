"""The PostgreSQL backend (psycopg 3): tsvector columns with GIN indexes for search."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import ConfigError, StoreError
from .rows import Row
from .sqlbase import SNIPPET_MARKS, SQLStore

CONNECT_TIMEOUT = 10
HEADLINE_OPTIONS = f"StartSel={SNIPPET_MARKS[0]}, StopSel={SNIPPET_MARKS[1]}, MaxWords=35, MinWords=15, MaxFragments=1"

SEARCH_SQL = f"""
SELECT a.id AS article_id, a.title, a.outlet, a.published,
       ts_headline('english', a.text, hit.q, '{HEADLINE_OPTIONS}') AS snippet, hit.rank
FROM (
    SELECT id, ts_rank(tsv, q) AS rank, q
    FROM articles, websearch_to_tsquery('english', ?) AS q
    WHERE tsv @@ q
    ORDER BY rank DESC, id
    LIMIT ?
) AS hit
JOIN articles a ON a.id = hit.id
ORDER BY hit.rank DESC, a.id
"""


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise ConfigError(
            "PostgreSQL support needs psycopg 3, which is not installed: run `pip install 'reportedly[postgres]'`."
        ) from exc
    return psycopg


def connect(url: str) -> Any:
    psycopg = _psycopg()
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
    except psycopg.Error as exc:
        raise StoreError(
            f"Could not connect to PostgreSQL at {redact(url)}: {str(exc).strip()}. "
            "Check that the server is running and reachable, and that the user, password and database in the URL "
            "are right (the database must exist)."
        ) from exc


class PostgresStore(SQLStore):
    backend = "postgres"
    unlimited = None
    false = "false"
    row_lock = " FOR UPDATE"  # two writers re-analysing one article take turns

    def __init__(self, url: str) -> None:
        self.errors = (_psycopg().Error, UnicodeEncodeError)
        super().__init__(redact(url), connect(url))

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql.replace("?", "%s"), params)

    def _executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(sql.replace("?", "%s"), params)

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[None]:
        with self._conn.transaction():
            yield

    def _run_script(self, sql: str) -> None:
        self._conn.execute(sql)

    def _lock_migrations(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(hashtext(coalesce(current_schema(), '')))")

    def _has_table(self, name: str) -> bool:
        return self._rows("SELECT to_regclass(?) AS found", (name,))[0]["found"] is not None

    def _fold(self, expr: str) -> str:
        return f"lower({expr})"

    def _claim_text_clause(self, text: str, in_order: bool) -> tuple[str, list[Any]]:
        return "t.content_tsv @@ websearch_to_tsquery('english', ?)", [text]

    def _search(self, text: str, limit: int) -> list[Row]:
        return self._rows(SEARCH_SQL, (text, limit))

    def _hint(self, exc: Exception) -> str:
        if "no schema has been selected" in str(exc):
            return " The schema in the search_path does not exist: create it or fix the URL's options."
        return super()._hint(exc)
