"""Score event factuality against the UW corpus: each annotated predicate gets a score in [-3, 3].

The score comes from the status of the attribution frame whose content holds the predicate, the predicate's own
negation, modal auxiliaries and conditional subordinators, and the predicates it is embedded under. The numbers are
in `extract/resources/en/factuality.tsv`.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..errors import ConfigError
from ..extract.pipeline import COMPONENTS
from ..records import Attribution
from .spans import resolve_corpus, table

DEFAULT_CORPUS = "../shared/corpora/uw-factuality"
MAX_SCORE = 3.0
# Dependencies through which a predicate inherits the factuality of its governor.
EMBED_DEPS = frozenset({"xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "dobj", "acl", "csubj", "oprd", "attr"})
NEGATION_DEPS = frozenset({"neg", "det", "advmod", "preconj", "cc"})
MAX_DEPTH = 8


@dataclass(frozen=True)
class Mapping:
    """The factuality table: status base scores, negators, modal and conditional caps, embedding governors."""

    status: dict[str, float] = field(default_factory=dict)
    negation: dict[str, float] = field(default_factory=dict)
    modal: dict[str, float] = field(default_factory=dict)
    condition: dict[str, float] = field(default_factory=dict)
    embed: dict[str, float] = field(default_factory=dict)
    dep: dict[str, float] = field(default_factory=dict)
    default: dict[str, float] = field(default_factory=dict)


def parse_mapping(text: str, origin: str = "factuality.tsv") -> Mapping:
    mapping = Mapping()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        table_ = getattr(mapping, parts[0], None) if len(parts) >= 3 else None
        if not isinstance(table_, dict):
            raise ConfigError(f"{origin} line {number}: expected 'kind<TAB>key<TAB>value', got {line!r}")
        try:
            table_[parts[1]] = float(parts[2])
        except ValueError as exc:
            raise ConfigError(f"{origin} line {number}: {parts[2]!r} is not a number") from exc
    return mapping


@lru_cache(maxsize=1)
def load_mapping() -> Mapping:
    path = resources.files("reportedly.extract") / "resources" / "en" / "factuality.tsv"
    return parse_mapping(path.read_text(encoding="utf-8"))


class Scorer:
    """Factuality of tokens of one parsed sentence, given the frames the extractor found in it."""

    def __init__(self, doc: Doc, frames: list[Attribution], mapping: Mapping) -> None:
        self.doc, self.frames, self.m = doc, frames, mapping
        self.cache: dict[int, float] = {}

    def base(self, tok: Token) -> float:
        """The base score from the innermost frame whose content holds the token."""
        holding = [
            a
            for a in self.frames
            if a.content.start <= tok.idx < a.content.end and not (a.cue and a.cue.start <= tok.idx < a.cue.end)
        ]
        if not holding:
            return self.m.status.get("asserted", MAX_SCORE)
        inner = min(holding, key=lambda a: a.content.end - a.content.start)
        return self.m.status.get(inner.status, MAX_SCORE)

    def negation(self, tok: Token) -> float | None:
        for child in tok.children:
            if child.dep_ in NEGATION_DEPS and child.lower_ in self.m.negation:
                return self.m.negation[child.lower_]
        return None

    def own_cap(self, tok: Token) -> float:
        cap = MAX_SCORE
        for child in tok.children:
            word = child.lower_
            if child.dep_ in ("aux", "auxpass") and word in self.m.modal:
                cap = min(cap, self.m.modal[word])
            elif child.dep_ == "aux" and child.lemma_ in self.m.modal:
                cap = min(cap, self.m.modal[child.lemma_])
            elif child.dep_ == "mark" and word in self.m.condition:
                cap = min(cap, self.m.condition[word])
        return cap

    def governor(self, tok: Token) -> Token | None:
        if tok.dep_ not in EMBED_DEPS or tok.head is tok:
            return None
        head = tok.head
        while head.dep_ in ("prep", "agent") and head.head is not head:
            head = head.head
        return head

    def score(self, tok: Token, depth: int = 0) -> float:
        if tok.i not in self.cache:
            self.cache[tok.i] = self._score(tok, depth)
        return self.cache[tok.i]

    def _score(self, tok: Token, depth: int) -> float:
        value = min(self.base(tok), self.own_cap(tok), self.m.dep.get(tok.dep_, MAX_SCORE))
        gov = self.governor(tok) if depth < MAX_DEPTH else None
        if gov is not None:
            value = self._embedded(tok, gov, value, depth)
        negated = self.negation(tok)
        if negated is not None:
            value = negated if value > 0 else -value
        return max(-MAX_SCORE, min(MAX_SCORE, value))

    def _embedded(self, tok: Token, gov: Token, value: float, depth: int) -> float:
        gov_score = self.score(gov, depth + 1)
        if tok.dep_ == "conj":
            return min(value, gov_score) if gov_score >= 0 else value
        lexical = self.m.embed.get(gov.lemma_.lower())
        if lexical is not None and lexical < 0:
            if tok.dep_ != "xcomp":
                return min(value, self.m.default.get("negative_object", MAX_SCORE))
            return lexical if gov_score > 0 else -lexical * 0.5
        if lexical is not None:
            value = min(value, lexical)
        elif tok.dep_ == "xcomp" and any(c.lower_ == "to" for c in tok.children):
            value = min(value, self.m.default.get("infinitive", MAX_SCORE))
        if gov_score < 0:
            return min(value, self.m.default.get("negated_governor", 0.0))
        return min(value, gov_score + self.m.default.get("inherit_slack", 0.0))


@dataclass(frozen=True)
class Sentence:
    tokens: list[str]
    targets: list[tuple[int, int, float]]


def read_split(root: Path, split: str, limit: int | None = None) -> list[Sentence]:
    path = root / "UW" / f"{split}.jsonl" if (root / "UW").is_dir() else root / f"{split}.jsonl"
    if not path.exists():
        raise ConfigError(f"No split {split!r} at {path}: expected UW/{split}.jsonl in the corpus folder")
    sentences = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                targets = [(int(t["span1"][0]), int(t["span1"][1]), float(t["label"])) for t in row["targets"]]
            except (ValueError, KeyError, TypeError) as exc:
                raise ConfigError(f"{path} line {number} is not a UW factuality record: {exc}") from exc
            sentences.append(Sentence(row["text"].split(" "), targets))
            if limit is not None and len(sentences) >= limit:
                break
    return sentences


def parse(sentences: list[Sentence], nlp: Language) -> Iterator[Doc]:
    """Run the whole pipeline (parser and extractor) on the sentences, keeping the corpus tokens."""
    docs = []
    for sentence in sentences:
        words = [w for w in sentence.tokens]
        doc = Doc(nlp.vocab, words=words, spaces=[True] * (len(words) - 1) + [False])
        doc._.rep_published = None
        docs.append(doc)
    others = [name for name in COMPONENTS if name != "reportedly_attribution" and name in nlp.pipe_names]
    with nlp.select_pipes(disable=others):
        yield from nlp.pipe(docs, batch_size=64)


def predict(doc: Doc, start: int, end: int, mapping: Mapping) -> float:
    scorer = Scorer(doc, list(doc._.rep_attributions or ()), mapping)
    return scorer.score(doc[end - 1] if end - start > 1 else doc[start])


def pearson(xs: list[float], ys: list[float]) -> float:
    if len(xs) < 2 or statistics.pstdev(xs) == 0 or statistics.pstdev(ys) == 0:
        return 0.0
    return statistics.correlation(xs, ys)


def run(
    corpus: str | None = None,
    split: str = "dev",
    nlp: Language | None = None,
    limit: int | None = None,
    mapping: Mapping | None = None,
) -> dict[str, Any]:
    """Score every annotated predicate of a UW split; report MAE and Pearson r."""
    from ..extract.pipeline import build_nlp

    root = resolve_corpus(corpus, DEFAULT_CORPUS, "UW factuality")
    sentences = read_split(root, split, limit)
    nlp = nlp or build_nlp()
    mapping = mapping or load_mapping()
    gold: list[float] = []
    pred: list[float] = []
    for sentence, doc in zip(sentences, parse(sentences, nlp), strict=True):
        for start, end, label in sentence.targets:
            gold.append(label)
            pred.append(predict(doc, start, end, mapping))
    mae = sum(abs(g - p) for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else math.nan
    metrics = {"pearson": round(pearson(pred, gold), 4), "mae": round(mae, 4)}
    return {"corpus": str(root), "split": split, "sentences": len(sentences), "events": len(gold), "metrics": metrics}


def render(result: dict[str, Any]) -> str:
    m = result["metrics"]
    head = f"UW factuality {result['split']}: {result['events']} events in {result['sentences']} sentences"
    return head + "\n" + table(["metric", "value"], [["Pearson r", m["pearson"]], ["MAE", m["mae"]]])


GRID = (-3.0, -2.5, -2.0, -1.5, -1.0, -0.5, 0.0, 0.3, 0.6, 1.0, 1.5, 2.0, 2.3, 2.6, 2.8, 3.0)


def tune(
    corpus: str | None = None, split: str = "train", nlp: Language | None = None, rounds: int = 2, min_events: int = 5
) -> Mapping:
    """Coordinate search over the table's values that maximises Pearson r on `split` (train: tune there only)."""
    from ..extract.pipeline import build_nlp

    root = resolve_corpus(corpus, DEFAULT_CORPUS, "UW factuality")
    sentences = read_split(root, split)
    docs = list(parse(sentences, nlp or build_nlp()))
    gold = [label for s in sentences for _, _, label in s.targets]

    def fitness(mapping: Mapping) -> float:
        pred = [predict(doc, a, b, mapping) for s, doc in zip(sentences, docs, strict=True) for a, b, _ in s.targets]
        return pearson(pred, gold)

    mapping = load_mapping()
    used = _used_keys(docs, mapping)
    best = fitness(mapping)
    for _ in range(rounds):
        for kind in ("status", "negation", "modal", "condition", "embed", "dep", "default"):
            table_: dict[str, float] = getattr(mapping, kind)
            for key in list(table_):
                if kind != "default" and used.get((kind, key), 0) < min_events:
                    continue
                current = table_[key]
                for value in GRID:
                    table_[key] = value
                    score = fitness(mapping)
                    if score > best + 1e-5:
                        best, current = score, value
                table_[key] = current
    return mapping


def _used_keys(docs: list[Doc], mapping: Mapping) -> dict[tuple[str, str], int]:
    """How often each word of the table occurs in the parsed sentences, by kind."""
    counts: dict[tuple[str, str], int] = {}
    for doc in docs:
        for tok in doc:
            for kind, key in (("dep", tok.dep_), ("embed", tok.lemma_.lower()), ("modal", tok.lower_)):
                counts[(kind, key)] = counts.get((kind, key), 0) + 1
            for kind in ("negation", "condition"):
                counts[(kind, tok.lower_)] = counts.get((kind, tok.lower_), 0) + 1
    for key in mapping.status:
        counts[("status", key)] = 10**6
    return counts


def rewrite_values(text: str, mapping: Mapping) -> str:
    """The table file with its values replaced by those of `mapping` (comments and notes kept)."""
    lines = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.strip() and not line.startswith("#") and len(parts) >= 3:
            value = getattr(mapping, parts[0]).get(parts[1])
            if value is not None:
                parts[2] = f"{value:g}"
        lines.append("\t".join(parts))
    return "\n".join(lines) + "\n"
