"""The queries the CLI, the HTTP API and the web UI share: the only place that reads the store."""

from __future__ import annotations

from datetime import date
from typing import Any

from .errors import ConfigError
from .records import STATUSES, SOURCE_KINDS, Analysis, Article
from .store.base import ClaimFilter, Store


def parse_date(value: str | date | None, name: str = "date") -> date | None:
    """A YYYY-MM-DD (or YYYY-MM, YYYY) string as a date; a clear error otherwise."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    for pad in ("", "-01", "-01-01"):
        try:
            return date.fromisoformat(text + pad)
        except ValueError:
            continue
    raise ConfigError(f"{name} must be a date like 2024-11-24, got {value!r}")


def claim_filter(
    source: str | None = None,
    status: str | None = None,
    outlet: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source_kind: str | None = None,
    text: str | None = None,
    article_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> ClaimFilter:
    """Validate user-given filters of the ledger."""
    if status and status not in STATUSES:
        raise ConfigError(f"Unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    if source_kind and source_kind not in SOURCE_KINDS:
        raise ConfigError(f"Unknown source kind {source_kind!r}; use one of: {', '.join(SOURCE_KINDS)}")
    if limit is not None and limit < 0:
        raise ConfigError("limit must be zero or more")
    if offset < 0:
        raise ConfigError("offset must be zero or more")
    return ClaimFilter(
        source=source or None,
        source_kind=source_kind or None,
        status=status or None,
        outlet=outlet or None,
        since=parse_date(since, "since"),
        until=parse_date(until, "until"),
        text=text or None,
        article_id=article_id or None,
        limit=limit,
        offset=offset,
    )


def claims(store: Store, filters: ClaimFilter | None = None, include_asserted: bool = True) -> list[dict[str, Any]]:
    """The ledger rows. Author assertions are left out when `include_asserted` is false and no status is asked."""
    rows = store.claims(filters or ClaimFilter())
    if not include_asserted and not (filters and filters.status):
        rows = [r for r in rows if r["status"] != "asserted"]
    return rows


def article_view(store: Store, key: str) -> tuple[Article, Analysis | None]:
    """One article with its analysis; NotFoundError when there is none."""
    article = store.article(key)
    return article, store.analysis(article.id)


def search(store: Store, text: str, limit: int = 50) -> list[dict[str, Any]]:
    if not text.strip():
        raise ConfigError("Give some words to search for")
    return store.search(text, limit=limit)


def overview(store: Store) -> dict[str, int]:
    """How much the store holds."""
    return {
        table: store.count(table)
        for table in ("articles", "attributions", "events", "times", "places", "skipped", "runs")
    }
