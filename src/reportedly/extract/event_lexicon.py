"""The event taxonomy and trigger lexicons (data files in resources/en), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError

RESOURCE_DIR = "extract/resources"


@dataclass(frozen=True)
class EventType:
    name: str
    plover: str
    cameo: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Trigger:
    head: str  # lemma of the trigger word
    dependents: tuple[str, ...]  # lemmas that must hang from the head ("restore tie")
    pos: str  # "V" or "N"
    type: str
    flags: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    types: dict[str, EventType]
    triggers: dict[tuple[str, str], tuple[Trigger, ...]]  # (head lemma, pos) -> entries, longest first
    weapons: dict[str, str]  # lemma or phrase -> "generic" | "named"
    words: dict[str, frozenset[str]]  # word class (intent, subject_control, generic) -> lemmas

    def is_a(self, lemma: str, word_class: str) -> bool:
        return lemma in self.words.get(word_class, frozenset())

    def plover(self, event_type: str) -> str:
        found = self.types.get(event_type)
        return found.plover if found else "OTHER"

    def type_of_cameo(self, code: str) -> str | None:
        """Our type for a CAMEO event code (longest matching prefix), None when no prefix matches."""
        best: tuple[int, str] | None = None
        for etype in self.types.values():
            for prefix in etype.cameo:
                if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                    best = (len(prefix), etype.name)
        return best[1] if best else None


def _rows(language: str, name: str) -> list[list[str]]:
    path = resources.files("reportedly").joinpath(f"{RESOURCE_DIR}/{language}/{name}")
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise ConfigError(
            f"The event lexicon {name} for language {language!r} is missing; reinstall reportedly"
        ) from exc
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _types(language: str) -> dict[str, EventType]:
    out = {}
    for row in _rows(language, "event_types.tsv"):
        row += [""] * (4 - len(row))
        cameo = tuple(c.strip() for c in row[2].split(",") if c.strip())
        out[row[0]] = EventType(row[0], row[1], cameo, row[3])
    return out


def _triggers(language: str, types: dict[str, EventType]) -> dict[tuple[str, str], tuple[Trigger, ...]]:
    grouped: dict[tuple[str, str], list[Trigger]] = {}
    for row in _rows(language, "event_triggers.tsv"):
        row += [""] * (5 - len(row))
        words = row[0].lower().split()
        if row[2] not in types:
            raise ConfigError(
                f"event_triggers.tsv: {row[0]!r} has the unknown type {row[2]!r}; add it to event_types.tsv"
            )
        flags = frozenset(f.strip() for f in row[3].split(",") if f.strip())
        trig = Trigger(words[0], tuple(words[1:]), row[1].upper(), row[2], flags)
        grouped.setdefault((trig.head, trig.pos), []).append(trig)
    return {key: tuple(sorted(v, key=lambda t: -len(t.dependents))) for key, v in grouped.items()}


@lru_cache(maxsize=4)
def load(language: str = "en") -> Lexicon:
    types = _types(language)
    weapons = {
        row[0].lower(): (row[1] if len(row) > 1 else "generic") for row in _rows(language, "event_instruments.tsv")
    }
    classes: dict[str, set[str]] = {}
    for row in _rows(language, "event_words.tsv"):
        if len(row) > 1:
            classes.setdefault(row[1].strip(), set()).add(row[0].strip().lower())
    words = {name: frozenset(members) for name, members in classes.items()}
    return Lexicon(types, _triggers(language, types), weapons, words)
