"""The articles one linking pass works on, with what every step needs: vectors, outlets, copies, sentence spans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from ..records import Analysis, Article, Attribution
from .similarity import Idf, Vector, cosine, normalise_name, terms

COPY_SIMILARITY = 0.8  # TF-IDF cosine from which two articles of different outlets are one text republished


@dataclass
class Corpus:
    articles: list[Article]
    analyses: list[Analysis]
    idf: Idf = field(default_factory=Idf)
    vectors: list[Vector] = field(default_factory=list)
    story_of: dict[int, int] = field(default_factory=dict)  # article position -> story number, once grouped
    story_outlets: dict[tuple[int, str], list[int]] = field(default_factory=dict)  # (story, outlet) -> positions

    def same_story(self, i: int, j: int) -> bool:
        return self.story_of.get(i, -1 - i) == self.story_of.get(j, -1 - j)

    def set_stories(self, stories: Sequence[Sequence[int]]) -> None:
        """Record the story of each article, and the articles of each outlet in each story."""
        self.story_of = {i: n for n, story in enumerate(stories) for i in story}
        self.story_outlets = {}
        for n, story in enumerate(stories):
            for i in story:
                outlet = self.articles[i].outlet
                if outlet:
                    self.story_outlets.setdefault((n, normalise_name(outlet)), []).append(i)

    def outlet_in_story(self, name: str, i: int) -> list[int]:
        """The other articles of outlet `name` (normalised) in the story of article i (none before grouping)."""
        story = self.story_of.get(i)
        if story is None:
            return []
        return [j for j in self.story_outlets.get((story, name), []) if j != i]

    @classmethod
    def build(cls, pairs: Sequence[tuple[Article, Analysis]]) -> Corpus:
        ordered = sorted(pairs, key=lambda p: (p[0].published.isoformat() if p[0].published else "", p[0].id))
        articles = [a for a, _ in ordered]
        docs = [terms(f"{a.title or ''} {a.text}") for a in articles]
        idf = Idf(docs)
        return cls(articles, [an for _, an in ordered], idf, [idf.vector(d) for d in docs])

    @cached_property
    def position(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.articles)}

    @cached_property
    def days(self) -> list[int | None]:
        return [a.published.toordinal() if a.published else None for a in self.articles]

    @cached_property
    def outlet_keys(self) -> list[str]:
        return [normalise_name(a.outlet or "") or f"article:{a.id}" for a in self.articles]

    def day(self, i: int) -> int | None:
        return self.days[i]

    def outlet(self, i: int) -> str:
        return self.outlet_keys[i]

    @cached_property
    def outlets(self) -> dict[str, list[int]]:
        """Normalised outlet name -> the positions of its articles."""
        out: dict[str, list[int]] = {}
        for i, art in enumerate(self.articles):
            if art.outlet:
                out.setdefault(normalise_name(art.outlet), []).append(i)
        return out

    def original(self, i: int, copies: dict[int, int]) -> int:
        """The first article of a chain of copies (a copy of a copy leads to the first)."""
        seen = {i}
        while i in copies and copies[i] not in seen:
            i = copies[i]
            seen.add(i)
        return i

    def similar(self, i: int, j: int) -> float:
        return cosine(self.vectors[i], self.vectors[j])

    def frame(self, i: int, k: int) -> Attribution:
        return self.analyses[i].attributions[k]

    def root_frame(self, i: int, k: int) -> int:
        """The outermost frame a nested frame sits in."""
        frames = self.analyses[i].attributions
        seen = {k}
        parent = frames[k].parent
        while parent is not None and 0 <= parent < len(frames) and parent not in seen:
            k = parent
            seen.add(k)
            parent = frames[k].parent
        return k

    def sentence(self, i: int, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence around a span (a light split on ., ! and ? and line breaks)."""
        text = self.articles[i].text
        left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
        rights = [p for p in (text.find(c, end) for c in ".!?\n") if p != -1]
        return left, (min(rights) + 1 if rights else len(text))
