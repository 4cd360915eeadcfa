"""Filters over a stream from `read()`: date range, outlet and a limit on the number of articles."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from ..records import Article, Skipped


def select(
    items: Iterable[Article | Skipped],
    *,
    since: date | None = None,
    until: date | None = None,
    outlet: str | None = None,
    limit: int | None = None,
) -> Iterator[Article | Skipped]:
    """Articles published within [since, until] (inclusive; undated articles are left out when a bound is set)
    whose outlet equals `outlet` (case-insensitive), at most `limit` of them; Skipped records pass through."""
    wanted = outlet.casefold() if outlet else None
    count = 0
    for item in items:
        if isinstance(item, Skipped):
            yield item
            continue
        if limit is not None and count >= limit:
            return
        if (since or until) and item.published is None:
            continue
        if (since and item.published and item.published < since) or (
            until and item.published and item.published > until
        ):
            continue
        if wanted and (item.outlet or "").casefold() != wanted:
            continue
        count += 1
        yield item
