"""The SQLite backend: one file (or memory), WAL, foreign keys, one writer at a time, FTS5 for search."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..errors import StoreError
from .base import ClaimFilter
from .rows import Row
from .sqlbase import SNIPPET_MARKS, SQLStore

BUSY_TIMEOUT_MS = 30_000
SORT_AT_MOST = 2000  # claims matching a text search that are sorted; more are read in the ledger's order instead
_QUERY_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')

SEARCH_SQL = f"""
SELECT a.id AS article_id, a.title, a.outlet, a.published,
       snippet(articles_fts, -1, '{SNIPPET_MARKS[0]}', '{SNIPPET_MARKS[1]}', '…', 24) AS snippet,
       -bm25(articles_fts, 2.0, 1.0) AS rank
FROM articles_fts JOIN articles a ON a.doc = articles_fts.rowid
WHERE articles_fts MATCH ?
ORDER BY bm25(articles_fts, 2.0, 1.0), a.id
LIMIT ?
"""


def fts_query(text: str) -> str | None:
    """A user's query as an FTS5 expression: words and "phrases" all required, `OR` between them, `-word` excluded.

    Every term is quoted, so punctuation in the query can never be an FTS5 syntax error.
    """
    parts: list[str] = []
    for match in _QUERY_TOKEN.finditer(text):
        negate, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None and word.upper() == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        if word is not None and word.startswith("-") and len(word) > 1:
            negate, word = "-", word[1:]
        term = phrase if phrase is not None else word
        if not term or not term.strip():
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        if negate:
            if parts and parts[-1] != "OR":
                parts += ["NOT", quoted]
            continue
        parts.append(quoted)
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts) or None


def _lower(value: str | None) -> str | None:
    return value.lower() if value is not None else None


def connect(path: str) -> sqlite3.Connection:
    """An autocommit connection (transactions are explicit) with WAL, foreign keys and a busy timeout."""
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.create_function("rep_lower", 1, _lower, deterministic=True)
    except sqlite3.Error as exc:
        raise StoreError(
            f"Could not open the SQLite database {path!r}: {exc}. "
            "Check that its directory exists, that you may write there, and that the file is an SQLite database."
        ) from exc
    return conn


class SQLiteStore(SQLStore):
    backend = "sqlite"
    unlimited = -1
    false = "0"
    ordered_join = "CROSS JOIN"  # SQLite keeps the left table of a CROSS JOIN as the outer loop
    errors = (sqlite3.Error, UnicodeEncodeError)

    def __init__(self, url: str, path: str) -> None:
        super().__init__(url, connect(path))
        self.path = path

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(sql, params)

    def _executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, params)

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield
            self._conn.execute("COMMIT")
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _run_script(self, sql: str) -> None:
        statement = ""
        for line in sql.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self._conn.execute(statement)
                statement = ""
        if statement.strip() and not statement.strip().startswith("--"):
            raise StoreError(f"A migration ends with an incomplete statement: {statement.strip()[:80]!r}")

    def _has_table(self, name: str) -> bool:
        return bool(self._rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)))

    def _fold(self, expr: str) -> str:
        return f"rep_lower({expr})"

    def _claim_text_clause(self, text: str, in_order: bool) -> tuple[str, list[Any]]:
        query = fts_query(text)
        if query is None:
            return "0 = 1", []
        column = self._unindexed("t.id") if in_order else "t.id"
        return f"{column} IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)", [query]

    def _in_order(self, f: ClaimFilter) -> bool:
        """Claims matching a search are found and sorted when they are few, else read in order until a page is full."""
        query = fts_query(f.text) if f.text else None
        return query is None or self._matches(query) > SORT_AT_MOST

    def _matches(self, query: str) -> int:
        return int(self._rows("SELECT count(*) AS n FROM claims_fts WHERE claims_fts MATCH ?", (query,))[0]["n"])

    def _unindexed(self, expr: str) -> str:
        return f"+{expr}"

    def _search(self, text: str, limit: int) -> list[Row]:
        query = fts_query(text)
        return [] if query is None else self._rows(SEARCH_SQL, (query, limit))

    def _hint(self, exc: Exception) -> str:
        if "fts5" in str(exc).lower():
            return " This SQLite library lacks FTS5: use a Python build whose sqlite3 has it."
        return super()._hint(exc)
