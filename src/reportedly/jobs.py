"""The main job: read inputs, analyse the new articles, store them in batches.

Each batch is one transaction, so a run killed at any point and started again stores every article exactly once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language

from .errors import IngestError
from .extract.pipeline import EXTRACTOR_VERSION, analyse, build_nlp
from .records import Analysis, Article, Skipped
from .store.base import Store

Progress = Callable[[int], None]


@dataclass
class RunSummary:
    """What one run did: counts and the reasons inputs were skipped."""

    run_id: int | None = None
    read: int = 0
    stored: int = 0
    already_stored: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    not_analysed: Counter[str] = field(default_factory=Counter)

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "stored": self.stored,
            "already_stored": self.already_stored,
            "duplicates": self.duplicates,
            "skipped": sum(self.skipped.values()),
            "not_analysed": sum(self.not_analysed.values()),
        }

    def describe(self) -> str:
        """One line, e.g. 'ingested 982, already stored 3, skipped 18: 12 empty, 6 bad json'."""
        parts = [f"ingested {self.stored}"]
        if self.already_stored:
            parts.append(f"already stored {self.already_stored}")
        if self.duplicates:
            parts.append(f"duplicates in input {self.duplicates}")
        text = ", ".join(parts)
        total = sum(self.skipped.values())
        if total:
            reasons = ", ".join(f"{n} {reason}" for reason, n in self.skipped.most_common())
            text += f", skipped {total}: {reasons}"
        not_analysed = sum(self.not_analysed.values())
        if not_analysed:
            reasons = ", ".join(f"{n} {reason}" for reason, n in self.not_analysed.most_common())
            text += f"; stored without analysis {not_analysed}: {reasons}"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            **self.counts(),
            "skipped_reasons": dict(self.skipped),
            "not_analysed_reasons": dict(self.not_analysed),
        }


def _batches(items: Iterable[Article | Skipped], size: int) -> Iterator[tuple[list[Article], list[Skipped]]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in items:
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            articles.append(item)
        if len(articles) >= size or len(skipped) >= size:
            yield articles, skipped
            articles, skipped = [], []
    if articles or skipped:
        yield articles, skipped


def process(
    items: Iterable[Article | Skipped],
    store: Store,
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    max_chars: int = 200_000,
    strict: bool = False,
    progress: Progress | None = None,
    command: str = "ingest",
) -> RunSummary:
    """Analyse and store articles that are not stored yet; record skipped inputs. Returns the run's summary."""
    summary = RunSummary()
    summary.run_id = store.start_run(command, EXTRACTOR_VERSION)
    seen: set[str] = set()
    model: Language | None = nlp
    for articles, skipped in _batches(items, batch_size):
        problems = [s for s in skipped if s.reason != "duplicate"]
        if strict and problems:
            first = problems[0]
            raise IngestError(f"{first.location}: {first.reason} {first.detail}".strip())
        summary.skipped.update(s.reason for s in skipped)
        fresh: list[Article] = []
        for art in articles:
            summary.read += 1
            if art.id in seen:
                summary.duplicates += 1
                continue
            seen.add(art.id)
            fresh.append(art)
        done = store.analysed_ids([a.id for a in fresh], EXTRACTOR_VERSION) if fresh else set()
        summary.already_stored += len(done)
        todo = [a for a in fresh if a.id not in done]
        pairs: list[tuple[Article, Analysis | None]] = []
        if todo:
            model = model or build_nlp()
            pairs = list(analyse(todo, model, batch_size=batch_size, n_process=n_process, max_chars=max_chars))
            summary.not_analysed.update(an.skipped for _, an in pairs if an is not None and an.skipped)
        summary.stored += store.save_batch(pairs, skipped, run_id=summary.run_id)
        if progress:
            progress(len(articles) + len(skipped))
    store.finish_run(summary.run_id, summary.counts())
    return summary
