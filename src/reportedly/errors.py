"""One exception tree: every error the library raises on purpose is a `ReportedlyError`."""

from __future__ import annotations


class ReportedlyError(Exception):
    """Base class of every error reportedly raises on purpose."""


class ConfigError(ReportedlyError):
    """A setting, a configuration file or the environment is wrong (for example no spaCy model)."""


class IngestError(ReportedlyError):
    """An input could not be read into an article."""


class ExtractionError(ReportedlyError):
    """The analysis of an article failed."""


class StoreError(ReportedlyError):
    """The database could not be opened, migrated, read or written."""


class NotFoundError(StoreError):
    """A record asked for by id is not in the store."""


__all__ = [
    "ConfigError",
    "ExtractionError",
    "IngestError",
    "NotFoundError",
    "ReportedlyError",
    "StoreError",
]
