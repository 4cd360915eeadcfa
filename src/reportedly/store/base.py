"""The `Store` interface: one API, two backends (SQLite and PostgreSQL)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any

from ..records import Analysis, Article, Skipped


@dataclass(frozen=True)
class ClaimFilter:
    """Filters of the ledger; None means no filter. Dates are publication dates, inclusive."""

    source: str | None = None  # substring of the source's canonical name or text, case-insensitive
    source_kind: str | None = None
    status: str | None = None
    outlet: str | None = None  # case-insensitive exact outlet
    since: date | None = None
    until: date | None = None
    text: str | None = None  # full-text search over the claim content
    article_id: str | None = None
    limit: int | None = None
    offset: int = 0
    # Keyset paging: the claim_key() of the last row already seen; only rows after it are returned.
    after: tuple[str | None, str, int] | None = None


def claim_key(row: dict[str, Any]) -> tuple[str | None, str, int]:
    """The position of a ledger row in the ledger's order, for ClaimFilter.after: (published, article_id, index)."""
    return row["published"], row["article_id"], row["index"]


# Keys of one claim row, as returned by Store.claims():
CLAIM_KEYS = (
    "id",  # int, stable row id
    "article_id",
    "index",  # the frame's position in its article's analysis
    "outlet",
    "published",  # ISO date or None
    "title",
    "source_name",
    "source_kind",
    "source_start",
    "source_end",
    "source_text",
    "cue_start",
    "cue_end",
    "cue_text",
    "content_start",
    "content_end",
    "content_text",
    "status",
    "hedges",  # list[str]
    "form",
    "parent",  # index of the parent frame in the same article, or None
    "extractor",
)


# Keys of one row of Store.events():
EVENT_KEYS = (
    "article_id",
    "index",  # the event's position in its article's analysis
    "outlet",
    "published",  # ISO date or None
    "title",
    "event",  # Event
    "time",  # TimeRef the event refers to, or None
    "place",  # Place the event refers to, or None
    "frames",  # list of (index, status) of the frames asserting the event
)

# Keys of one row of Store.sources():
SOURCE_KEYS = (
    "name",
    "kind",
    "frames",  # how many frames cite it
    "articles",  # in how many articles
    "outlets",  # {outlet or None: frames}
    "statuses",  # {status: frames}
)


class Store(ABC):
    """Persists articles, analyses, skipped inputs and runs. Every write method is one transaction."""

    url: str

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def migrate(self) -> list[str]:
        """Apply pending named migrations; return the names applied now (empty when up to date)."""

    @abstractmethod
    def migrations(self) -> list[str]:
        """Names of the migrations recorded in the database, in order."""

    @abstractmethod
    def analysed_ids(self, ids: Iterable[str], version: str) -> set[str]:
        """Those of `ids` that are stored with an analysis made by extractor `version`."""

    @abstractmethod
    def save_batch(
        self,
        items: Sequence[tuple[Article, Analysis | None]],
        skipped: Sequence[Skipped] = (),
        run_id: int | None = None,
    ) -> int:
        """Store a batch in one transaction and return how many articles were new.

        An article already stored is not stored again; its analysis is replaced when the new one
        comes from another extractor version or it had none. Rerunning a batch changes nothing.
        """

    @abstractmethod
    def start_run(self, command: str, extractor_version: str) -> int: ...

    @abstractmethod
    def finish_run(self, run_id: int, counts: dict[str, int]) -> None: ...

    @abstractmethod
    def runs(self) -> list[dict[str, Any]]: ...

    @abstractmethod
    def article(self, key: str) -> Article:
        """The article with this id, unique id prefix or name; raises NotFoundError."""

    @abstractmethod
    def analysis(self, article_id: str) -> Analysis | None: ...

    @abstractmethod
    def articles(
        self,
        outlet: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Article]: ...

    @abstractmethod
    def count(self, table: str) -> int:
        """Rows in one of: articles, attributions, sources, events, times, places, skipped, runs."""

    @abstractmethod
    def claims(self, filters: ClaimFilter | None = None) -> list[dict[str, Any]]:
        """The ledger: one row per attribution frame (keys: CLAIM_KEYS), by publication date then article then index."""

    @abstractmethod
    def events(
        self,
        article_id: str | None = None,
        outlet: str | None = None,
        event_type: str | None = None,
        located: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Events across articles in the ledger's order (keys: EVENT_KEYS).

        `outlet` and `event_type` match case-insensitively; `located` keeps events whose place has coordinates.
        """

    @abstractmethod
    def sources(
        self, kind: str | None = None, outlet: str | None = None, name: str | None = None
    ) -> list[dict[str, Any]]:
        """Cited sources (keys: SOURCE_KEYS), most frames first, over every frame but the author's own assertions.

        A source is its canonical name (else its text) and kind; `name` is a case-insensitive substring of either.
        """

    @abstractmethod
    def search(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Full-text search over article texts and titles: article_id, title, outlet, published, snippet, rank."""

    @abstractmethod
    def skipped(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Skipped inputs: location, reason, detail, run_id, created."""
