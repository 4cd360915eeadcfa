"""reportedly: who asserts what, how surely, about which event.

    >>> import reportedly
    >>> with reportedly.open_store("sqlite:///news.db") as store:
    ...     summary = reportedly.process(reportedly.read(["articles/"]), store)

Names are imported on first use, so `import reportedly` stays cheap (spaCy loads only when analysis needs it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import ReportedlyError
from .records import Analysis, Article, Attribution, Event

if TYPE_CHECKING:
    from .extract.pipeline import analyse, build_nlp
    from .ingest import read
    from .jobs import process
    from .store import open_store

__version__ = "0.1.0"

_LAZY = {
    "analyse": "reportedly.extract.pipeline",
    "build_nlp": "reportedly.extract.pipeline",
    "process": "reportedly.jobs",
    "open_store": "reportedly.store",
    "read": "reportedly.ingest",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'reportedly' has no attribute {name!r}")


__all__ = [
    "Analysis",
    "Article",
    "Attribution",
    "Event",
    "ReportedlyError",
    "__version__",
    "analyse",
    "build_nlp",
    "open_store",
    "process",
    "read",
]
