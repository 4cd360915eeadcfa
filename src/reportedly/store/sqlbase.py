"""The SQL both backends share: every Store method, written once over a few backend hooks.

Queries use `?` placeholders; a backend translates them to its own parameter style.
"""

from __future__ import annotations

import json
import threading
from abc import abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from ..errors import NotFoundError, StoreError
from ..records import Analysis, Article, Skipped
from . import rows
from .base import ClaimFilter, Store
from .migrations import load as load_migrations
from .rows import Row

SNIPPET_MARKS = ("[", "]")  # what search() puts around matched words in a snippet
COUNTABLE = ("articles", "attributions", "sources", "events", "times", "places", "skipped", "runs")
ANALYSIS_TABLES = ("attributions", "sources", "events", "times", "places")  # in the order rows are deleted
TABLE_COLUMNS = {
    "sources": rows.SOURCE_COLUMNS,
    "attributions": rows.ATTRIBUTION_COLUMNS,
    "events": rows.EVENT_COLUMNS,
    "times": rows.TIME_COLUMNS,
    "places": rows.PLACE_COLUMNS,
}
ARTICLE_SELECT = "SELECT " + ", ".join(rows.ARTICLE_COLUMNS) + " FROM articles"
CLAIM_SELECT = """
SELECT t.id, t.article_id, t.idx, a.outlet, a.published, a.title,
       s.name AS source_name, s.kind AS source_kind, s.span_start AS source_start, s.span_end AS source_end,
       s.span_text AS source_text, t.cue_start, t.cue_end, t.cue_text, t.content_start, t.content_end,
       t.content_text, t.status, t.hedges, t.form, t.parent, t.extractor
FROM articles a
{join} attributions t ON t.article_id = a.id
{source_join} sources s ON s.article_id = t.article_id AND s.idx = t.source_idx
"""
# The ledger's order, as indexed by articles_ledger_order (dated articles first, by date, then id).
LEDGER_ORDER = "(a.published IS NULL), a.published, a.id"
EVENT_SELECT = (
    "SELECT "
    + ", ".join(f"e.{c}" for c in rows.EVENT_COLUMNS)
    + ", a.outlet, a.published, a.title, "
    + ", ".join(f"tm.{c} AS time_{c}" for c in rows.TIME_COLUMNS[2:])
    + ", "
    + ", ".join(f"p.{c} AS place_{c}" for c in rows.PLACE_COLUMNS[2:])
    + """
FROM articles a
{join} events e ON e.article_id = a.id
LEFT JOIN times tm ON tm.article_id = e.article_id AND tm.idx = e.time
LEFT JOIN places p ON p.article_id = e.article_id AND p.idx = e.place"""
)
SOURCE_LABEL = "CASE WHEN s.name <> '' THEN s.name ELSE s.span_text END"
SOURCE_KIND = "CASE WHEN s.kind <> '' THEN s.kind ELSE 'unspecified' END"
SOURCE_FROM = """
FROM attributions t
JOIN articles a ON a.id = t.article_id
JOIN sources s ON s.article_id = t.article_id AND s.idx = t.source_idx"""
ID_CHUNK = 500
MIN_PREFIX = 4


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def like_pattern(text: str) -> str:
    """A LIKE pattern (with ESCAPE '\\') matching `text` anywhere, lower-cased."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def describe(exc: Exception) -> str:
    """The first line of a driver's error message, without its final full stop."""
    text = str(exc).strip()
    return text.splitlines()[0].rstrip(".") if text else type(exc).__name__


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({rows.placeholders(columns)})"


class SQLStore(Store):
    """A Store over a DB-API connection; subclasses supply the backend hooks below."""

    backend: ClassVar[str]
    unlimited: ClassVar[Any]  # the LIMIT value that means "no limit"
    row_lock: ClassVar[str] = ""  # appended to a SELECT to lock the rows it reads until the transaction ends
    false: ClassVar[str]  # the literal of a false boolean expression
    ordered_join: ClassVar[str] = "JOIN"  # an inner join the planner may not reorder, where the backend has one
    errors: tuple[type[Exception], ...]

    def __init__(self, url: str, connection: Any) -> None:
        self.url = url
        self._conn = connection
        self._lock = threading.RLock()
        self._closed = False

    # -- backend hooks ---------------------------------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement and return the cursor."""

    @abstractmethod
    def _executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> None: ...

    @abstractmethod
    def _transaction(self, write: bool) -> Any:
        """A context manager around one transaction (a write one takes the write lock)."""

    @abstractmethod
    def _run_script(self, sql: str) -> None:
        """Run a migration script (several statements) inside the current transaction."""

    @abstractmethod
    def _fold(self, expr: str) -> str:
        """SQL that lower-cases `expr` the way str.lower() does."""

    @abstractmethod
    def _claim_text_clause(self, text: str, in_order: bool) -> tuple[str, list[Any]]:
        """A WHERE condition on attributions `t` matching `text` by full-text search, with its parameters.

        `in_order` tells that claims are read in the ledger's order and only checked against the search.
        """

    def _in_order(self, f: ClaimFilter) -> bool:
        """Whether to read the claims matching `f` in the ledger's order rather than find them first and sort them."""
        return True

    def _unindexed(self, expr: str) -> str:
        """`expr` written so that the planner reads rows in the ledger's order rather than through its index."""
        return expr

    @abstractmethod
    def _search(self, text: str, limit: int) -> list[Row]: ...

    @abstractmethod
    def _has_table(self, name: str) -> bool: ...

    def _lock_migrations(self) -> None:
        """Keep two processes from migrating at once (SQLite's write lock already does)."""

    def _hint(self, exc: Exception) -> str:
        message = str(exc).lower()
        if "no such table" in message or "does not exist" in message:
            return (
                " The schema is missing or out of date: open the store with migrate=True or run `reportedly migrate`."
            )
        if isinstance(exc, UnicodeEncodeError):
            return " The text holds a character UTF-8 cannot encode (a lone surrogate): clean it before storing."
        if "locked" in message:
            return " Another process is writing to the database: retry when it has finished."
        return ""

    # -- plumbing --------------------------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        cursor = self._execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]

    @contextmanager
    def _tx(self, action: str, write: bool = False) -> Iterator[None]:
        """Hold the lock, run one transaction, and turn driver errors into StoreError."""
        with self._lock:
            if self._closed:
                raise StoreError(f"Cannot {action}: the store {self.url} is closed. Open it again with open_store().")
            try:
                with self._transaction(write):
                    yield
            except self.errors as exc:
                raise StoreError(f"Could not {action} in {self.url}: {describe(exc)}.{self._hint(exc)}") from exc

    def _paged(self, sql: str, params: list[Any], limit: int | None, offset: int) -> list[Row]:
        if (limit is not None and limit < 0) or offset < 0:
            raise StoreError(f"limit and offset must be 0 or more (got limit={limit}, offset={offset}).")
        return self._rows(sql + " LIMIT ? OFFSET ?", [*params, self.unlimited if limit is None else limit, offset])

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    # -- migrations ------------------------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        applied: list[str] = []
        with self._tx("apply migrations", write=True):
            self._lock_migrations()
            self._execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            done = {row["name"] for row in self._rows("SELECT name FROM migrations")}
            for name, sql in load_migrations(self.backend):
                if name not in done:
                    self._run_script(sql)
                    self._execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now()))
                    applied.append(name)
        return applied

    def migrations(self) -> list[str]:
        with self._tx("list migrations"):
            if not self._has_table("migrations"):
                return []
            return [row["name"] for row in self._rows("SELECT name FROM migrations ORDER BY name")]

    def pending_migrations(self) -> list[str]:
        """Names of the migrations the package has and the database has not recorded yet."""
        recorded = set(self.migrations())
        return [name for name, _ in load_migrations(self.backend) if name not in recorded]

    # -- writes ----------------------------------------------------------------------------------------------

    def save_batch(
        self,
        items: Sequence[tuple[Article, Analysis | None]],
        skipped: Sequence[Skipped] = (),
        run_id: int | None = None,
    ) -> int:
        new = 0
        created = now()
        with self._tx("save a batch", write=True):
            for article, analysis in items:
                new += self._insert_article(article, created)
                if analysis is not None:
                    self._save_analysis(article, analysis)
            if skipped:
                self._executemany(
                    "INSERT INTO skipped (location, reason, detail, run_id, created) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (location, reason) DO NOTHING",
                    [(s.location, s.reason, s.detail, run_id, created) for s in skipped],
                )
        return new

    def _insert_article(self, article: Article, created: str) -> int:
        columns = (*rows.ARTICLE_COLUMNS, "created")
        cursor = self._execute(
            _insert_sql("articles", columns) + " ON CONFLICT (id) DO NOTHING",
            (*rows.article_params(article), created),
        )
        return max(cursor.rowcount, 0)

    def _save_analysis(self, article: Article, analysis: Analysis) -> None:
        if analysis.article_id and analysis.article_id != article.id:
            raise StoreError(
                f"The analysis of article {analysis.article_id!r} was paired with article {article.id!r}: "
                "pass each article with its own analysis."
            )
        stored = self._rows("SELECT analysis_version FROM articles WHERE id = ?" + self.row_lock, (article.id,))
        version = stored[0]["analysis_version"] if stored else None
        if version == analysis.extractor_version:
            return
        if version is not None:  # rows exist only once an analysis was stored
            for table in ANALYSIS_TABLES:
                self._execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
        for table, params in rows.analysis_params(article.id, analysis).items():
            if params:
                self._executemany(_insert_sql(table, TABLE_COLUMNS[table]), params)
        self._execute(
            "UPDATE articles SET analysis_version = ?, analysis_skipped = ? WHERE id = ?",
            (analysis.extractor_version, analysis.skipped, article.id),
        )

    def start_run(self, command: str, extractor_version: str) -> int:
        with self._tx("start a run", write=True):
            cursor = self._execute(
                "INSERT INTO runs (command, extractor_version, started) VALUES (?, ?, ?) RETURNING id",
                (command, extractor_version, now()),
            )
            return int(cursor.fetchone()[0])

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with self._tx("finish a run", write=True):
            cursor = self._execute(
                "UPDATE runs SET finished = ?, counts = ? WHERE id = ?", (now(), json.dumps(counts), run_id)
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"There is no run {run_id}: start one with start_run() first.")

    # -- reads -----------------------------------------------------------------------------------------------

    def analysed_ids(self, ids: Iterable[str], version: str) -> set[str]:
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self._tx("look up analysed articles"):
            for start in range(0, len(wanted), ID_CHUNK):
                chunk = wanted[start : start + ID_CHUNK]
                sql = f"SELECT id FROM articles WHERE analysis_version = ? AND id IN ({rows.placeholders(chunk)})"
                found.update(row["id"] for row in self._rows(sql, [version, *chunk]))
        return found

    def runs(self) -> list[dict[str, Any]]:
        with self._tx("list runs"):
            return [rows.run_from_row(r) for r in self._rows("SELECT * FROM runs ORDER BY id")]

    def skipped(self, limit: int | None = None) -> list[dict[str, Any]]:
        with self._tx("list skipped inputs"):
            found = self._paged("SELECT * FROM skipped ORDER BY id", [], limit, 0)
        return [rows.skipped_from_row(r) for r in found]

    def count(self, table: str) -> int:
        if table not in COUNTABLE:
            raise StoreError(f"Cannot count {table!r}: choose one of {', '.join(COUNTABLE)}.")
        with self._tx(f"count {table}"):
            return int(self._rows(f"SELECT count(*) AS n FROM {table}")[0]["n"])

    def article(self, key: str) -> Article:
        with self._tx("look up an article"):
            found = self._rows(ARTICLE_SELECT + " WHERE id = ?", (key,))
            if not found:
                found = self._rows(ARTICLE_SELECT + " WHERE name = ? ORDER BY id LIMIT 2", (key,))
            if not found and len(key) >= MIN_PREFIX:
                found = self._rows(ARTICLE_SELECT + " WHERE substr(id, 1, ?) = ? ORDER BY id LIMIT 2", (len(key), key))
        if len(found) > 1:
            ids = ", ".join(row["id"] for row in found)
            raise NotFoundError(f"{key!r} is ambiguous: it matches several articles ({ids}, ...). Give more of the id.")
        if not found:
            raise NotFoundError(
                f"No article has the id, id prefix or name {key!r}. Give a full id, a unique id prefix of at least "
                f"{MIN_PREFIX} characters or an article name; `reportedly search` finds articles by their words."
            )
        return rows.article_from_row(found[0])

    def analysis(self, article_id: str) -> Analysis | None:
        """The stored analysis; None when the article is unknown or was never analysed."""
        with self._tx("read an analysis"):
            head = self._rows("SELECT analysis_version, analysis_skipped FROM articles WHERE id = ?", (article_id,))
            if not head or head[0]["analysis_version"] is None:
                return None
            part = {
                t: self._rows(f"SELECT {', '.join(cols)} FROM {t} WHERE article_id = ? ORDER BY idx", (article_id,))
                for t, cols in TABLE_COLUMNS.items()
            }
        sources = {row["idx"]: rows.source_from_row(row) for row in part["sources"]}
        return Analysis(
            article_id=article_id,
            attributions=tuple(rows.attribution_from_row(r, sources) for r in part["attributions"]),
            events=tuple(rows.event_from_row(r) for r in part["events"]),
            times=tuple(rows.time_from_row(r) for r in part["times"]),
            places=tuple(rows.place_from_row(r) for r in part["places"]),
            extractor_version=head[0]["analysis_version"],
            skipped=head[0]["analysis_skipped"],
        )

    def articles(
        self, outlet: str | None = None, since: date | None = None, until: date | None = None,
        limit: int | None = None, offset: int = 0,
    ) -> list[Article]:  # fmt: skip
        where, params = self._where(ClaimFilter(outlet=outlet, since=since, until=until), "a")
        sql = f"{ARTICLE_SELECT} a{where} ORDER BY {LEDGER_ORDER}"
        with self._tx("list articles"):
            found = self._paged(sql, params, limit, offset)
        return [rows.article_from_row(r) for r in found]

    def claims(self, filters: ClaimFilter | None = None) -> list[dict[str, Any]]:
        """The ledger rows matching every given filter.

        `source` is a case-insensitive substring of the source's name or text; `text` is a full-text search over
        the claim content (FTS5 in SQLite, a tsvector in PostgreSQL, both stemmed) with the query syntax of search().
        """
        f = filters or ClaimFilter()
        with self._tx("list claims"):
            in_order = self._in_order(f)
            where, params = self._where(f, "a", in_order)
            join = self.ordered_join if in_order else "JOIN"
            # a filter on the source drops frames without one: an inner join, kept in order too
            source_join = join if f.source is not None or f.source_kind is not None else "LEFT JOIN"
            select = CLAIM_SELECT.format(join=join, source_join=source_join)
            sql = f"{select}{where} ORDER BY {LEDGER_ORDER}, t.idx"
            found = self._paged(sql, params, f.limit, f.offset)
        return [rows.claim_from_row(r) for r in found]

    def _where(self, f: ClaimFilter, article: str, in_order: bool = True) -> tuple[str, list[Any]]:
        """The WHERE clause of a filter; `article` is the alias of the articles table (claims add `t` and `s`)."""
        conds: list[str] = []
        params: list[Any] = []
        if f.outlet is not None:
            conds.append(f"{self._fold(f'{article}.outlet')} = ?")
            params.append(f.outlet.lower())
        if f.since is not None:
            conds.append(f"{article}.published >= ?")
            params.append(rows.iso_date(f.since))
        if f.until is not None:
            conds.append(f"{article}.published <= ?")
            params.append(rows.iso_date(f.until))
        conds_claims, params_claims = self._claim_conditions(f, in_order)
        conds += conds_claims
        params += params_claims
        return (" WHERE " + " AND ".join(conds) if conds else ""), params

    def _claim_conditions(self, f: ClaimFilter, in_order: bool) -> tuple[list[str], list[Any]]:
        conds: list[str] = []
        params: list[Any] = []
        if f.after is not None:
            clause, extra = self._after(f.after)
            conds.append(clause)
            params += extra
        if f.source is not None:
            pattern = like_pattern(f.source)
            conds.append(
                f"({self._fold('s.name')} LIKE ? ESCAPE '\\' OR {self._fold('s.span_text')} LIKE ? ESCAPE '\\')"
            )
            params += [pattern, pattern]
        status = self._unindexed("t.status")  # a status matches many rows: walk in order, stop at the page's end
        for value, column in ((f.source_kind, "s.kind"), (f.status, status), (f.article_id, "t.article_id")):
            if value is not None:
                conds.append(f"{column} = ?")
                params.append(value)
        if f.text is not None and f.text.strip():
            clause, extra = self._claim_text_clause(f.text, in_order)
            conds.append(clause)
            params += extra
        return conds, params

    def _after(self, after: tuple[str | None, str, int]) -> tuple[str, list[Any]]:
        """The keyset condition: rows after the one at `after` in the ledger's order, with its parameters."""
        published, article_id, index = rows.keyset(after)
        rest = "(a.id <> ? OR t.idx > ?)"
        if published is None:
            return f"a.published IS NULL AND a.id >= ? AND {rest}", [article_id, article_id, index]
        clause = f"((a.published IS NULL), a.published, a.id) >= ({self.false}, ?, ?) AND {rest}"
        return clause, [published, article_id, article_id, index]

    def events(
        self, article_id: str | None = None, outlet: str | None = None, event_type: str | None = None,
        located: bool = False, limit: int | None = None, offset: int = 0,
    ) -> list[dict[str, Any]]:  # fmt: skip
        where, params = self._where(ClaimFilter(outlet=outlet), "a")
        conds = [where[len(" WHERE ") :]] if where else []
        if article_id is not None:
            conds.append("a.id = ?")
            params.append(article_id)
        if event_type is not None:
            conds.append(f"{self._fold('e.type')} = ?")
            params.append(event_type.lower())
        if located:
            conds.append("p.lat IS NOT NULL AND p.lon IS NOT NULL")
        sql = (
            EVENT_SELECT.format(join=self.ordered_join)
            + (" WHERE " + " AND ".join(conds) if conds else "")
            + f" ORDER BY {LEDGER_ORDER}, e.idx"
        )
        with self._tx("list events"):
            found = self._paged(sql, params, limit, offset)
            frames = self._frames({row["article_id"] for row in found})
        return [rows.event_item(row, frames.get(row["article_id"], [])) for row in found]

    def _frames(self, article_ids: set[str]) -> dict[str, list[Row]]:
        """The frames (idx, status, content span) of some articles, per article in order."""
        wanted = sorted(article_ids)
        found: dict[str, list[Row]] = {}
        for start in range(0, len(wanted), ID_CHUNK):
            chunk = wanted[start : start + ID_CHUNK]
            sql = (
                "SELECT article_id, idx, status, content_start, content_end FROM attributions "
                f"WHERE article_id IN ({rows.placeholders(chunk)}) ORDER BY article_id, idx"
            )
            for row in self._rows(sql, chunk):
                found.setdefault(row["article_id"], []).append(row)
        return found

    def sources(
        self, kind: str | None = None, outlet: str | None = None, name: str | None = None
    ) -> list[dict[str, Any]]:
        where, params = self._where(ClaimFilter(source=name, source_kind=kind, outlet=outlet), "a")
        cited = f"t.status <> 'asserted' AND {SOURCE_LABEL} <> ''"
        where = f"{where} AND {cited}" if where else f" WHERE {cited}"
        head = f"SELECT {SOURCE_LABEL} AS name, {SOURCE_KIND} AS kind"
        group = f" GROUP BY {SOURCE_LABEL}, {SOURCE_KIND}"
        with self._tx("list sources"):
            counts = self._rows(
                f"{head}, a.outlet, t.status, COUNT(*) AS frames{SOURCE_FROM}{where}{group}, a.outlet, t.status", params
            )
            articles = self._rows(
                f"{head}, COUNT(DISTINCT t.article_id) AS articles{SOURCE_FROM}{where}{group}", params
            )
        return rows.source_items(counts, articles)

    def search(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Articles matching `text` (words, "phrases", OR, -word), best first.

        Each hit has article_id, title, outlet, published, snippet (matches between SNIPPET_MARKS) and rank
        (higher is better; comparable only within one backend).
        """
        if not text.strip():
            return []
        with self._tx("search articles"):
            found = self._search(text, limit)
        return [{**r, "published": rows.iso_date(r["published"]), "rank": float(r["rank"])} for r in found]
