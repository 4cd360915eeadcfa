"""Score event factuality against the UW corpus: each annotated predicate gets a score in [-3, 3].

The score comes from the status of the attribution frame whose content holds the predicate, the predicate's own
negation, modal auxiliaries and conditional subordinators, and the predicates it is embedded under. The numbers are
in `extract/resources/en/factuality.tsv`.
"""

from __future__ import annotations

import itertools
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
from spacy.tokens import Doc

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
CLAUSAL_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "csubj"})
COMPLEMENT_DEPS = frozenset({"acomp", "attr", "oprd"})
# Modifiers of a noun that take its factuality ("no takeover bids", "no unsettled problems").
NOUN_MODIFIER_DEPS = frozenset({"compound", "amod"})
# Words that are themselves a negated quantity ("has nothing", "none was found").
NEGATIVE_PRONOUNS = frozenset({"nothing", "none", "nobody", "noone"})
DEFINITE_DETS = frozenset({"the", "this", "that", "these", "those"})
PERFECT_MODALS = frozenset({"would", "could", "might", "should", "may", "must"})


@dataclass(frozen=True)
class Mapping:
    """The factuality table: status base scores, negators, modal and conditional caps, embedding governors."""

    status: dict[str, float] = field(default_factory=dict)
    negation: dict[str, float] = field(default_factory=dict)
    modal: dict[str, float] = field(default_factory=dict)
    condition: dict[str, float] = field(default_factory=dict)
    embed: dict[str, float] = field(default_factory=dict)
    dep: dict[str, float] = field(default_factory=dict)
    copula: dict[str, float] = field(default_factory=dict)
    light: dict[str, float] = field(default_factory=dict)
    support: dict[str, float] = field(default_factory=dict)
    prep: dict[str, float] = field(default_factory=dict)
    tag: dict[str, float] = field(default_factory=dict)
    modifier: dict[str, float] = field(default_factory=dict)
    calibration: dict[str, float] = field(default_factory=dict)
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


@dataclass(frozen=True, slots=True)
class Node:
    """What the scorer needs of one token, copied out of the Doc once (spaCy Token access is slow)."""

    i: int
    dep: str
    lemma: str
    lower: str
    pos: str
    tag: str
    head: int
    children: tuple[int, ...]
    status: str


def nodes_of(doc: Doc) -> list[Node]:
    """One Node per token, with the status of the innermost frame whose content holds it (else `asserted`)."""
    frames = sorted(doc._.rep_attributions or (), key=lambda a: a.content.end - a.content.start)
    nodes = []
    for tok in doc:
        status = next((a.status for a in frames if _holds(a, tok.idx)), "asserted")
        children = tuple(c.i for c in tok.children)
        nodes.append(
            Node(tok.i, tok.dep_, tok.lemma_.lower(), tok.lower_, tok.pos_, tok.tag_, tok.head.i, children, status)
        )
    return nodes


def _holds(att: Attribution, char: int) -> bool:
    in_cue = att.cue is not None and att.cue.start <= char < att.cue.end
    return att.content.start <= char < att.content.end and not in_cue


class Scorer:
    """Factuality of the tokens of one parsed sentence."""

    def __init__(self, nodes: list[Node], mapping: Mapping) -> None:
        self.nodes, self.m = nodes, mapping
        self.cache: dict[int, float] = {}

    def children(self, tok: Node) -> list[Node]:
        return [self.nodes[c] for c in tok.children]

    def negation(self, tok: Node) -> float | None:
        """The negated score when a dependent negates the token ("not", "never", "hasn't", "nobody")."""
        for child in self.children(tok):
            word = child.lower
            if child.dep in NEGATION_DEPS and word in self.m.negation:
                return self.m.negation[word]
            if child.dep in ("aux", "auxpass", "neg") and word.endswith("n't") and "n't" in self.m.negation:
                return self.m.negation["n't"]
            if child.dep in ("nsubj", "nsubjpass") and (word in self.m.negation or self._no_det(child)):
                return self.m.negation.get(word, self.m.negation.get("no"))
            if child.dep in ("nsubj", "nsubjpass") and any(c.dep == "preconj" for c in self.children(child)):
                pre = next(c.lower for c in self.children(child) if c.dep == "preconj")
                if pre in self.m.negation:
                    return self.m.negation[pre]
        return None

    def is_negative_noun(self, noun: Node) -> bool:
        """ "nothing", "none", or a noun with the determiner "no" ("no plans", "no way")."""
        return noun.lower in NEGATIVE_PRONOUNS or self._no_det(noun)

    def _no_det(self, noun: Node) -> bool:
        return any(c.dep == "det" and c.lower == "no" for c in self.children(noun))

    def own_cap(self, tok: Node) -> float:
        cap = MAX_SCORE
        for child in self.children(tok):
            if child.dep in ("aux", "auxpass") and child.lower in self.m.modal:
                cap = min(cap, self.m.modal[child.lower])
            elif child.dep == "aux" and child.lemma in self.m.modal:
                cap = min(cap, self.m.modal[child.lemma])
            elif child.dep == "mark" and child.lower in self.m.condition:
                cap = min(cap, self.m.condition[child.lower])
            elif child.dep == "dobj" and tok.pos in ("VERB", "AUX") and self.is_negative_noun(child):
                cap = min(cap, self.m.default.get("negative_object_cap", MAX_SCORE))
        if tok.tag == "VBN" and self._counterfactual(tok):
            cap = min(cap, self.m.default.get("counterfactual", MAX_SCORE))
        return cap

    def _counterfactual(self, tok: Node) -> bool:
        """ "would have caused", "could have won": a modal with the perfect describes what did not happen."""
        aux = [c.lower for c in self.children(tok) if c.dep == "aux"]
        return "have" in aux and any(word in PERFECT_MODALS for word in aux)

    def modifier_cap(self, tok: Node, value: float) -> float:
        """ "a failed attempt", "possibly fled": an adjective or adverb over an event caps it or negates it."""
        for child in self.children(tok):
            if child.dep in ("amod", "det", "advmod") and child.lower in self.m.modifier:
                cap = self.m.modifier[child.lower]
                value = cap if cap < 0 < value else min(value, cap)
        return value

    def _shares_head(self, tok: Node, head: Node) -> bool:
        """The token is the event its head only carries: "was not surprised", "made no plans", "talks resumed"."""
        if tok.dep in COMPLEMENT_DEPS:
            return head.lemma in self.m.copula
        if tok.dep == "dobj":
            return head.lemma in self.m.light
        if tok.dep in ("nsubj", "nsubjpass"):
            return head.lemma in self.m.support
        return tok.dep in ("advmod", "prt") and tok.pos in ("ADV", "ADP") and head.pos == "VERB"

    def governor(self, tok: Node) -> Node | None:
        if tok.dep not in EMBED_DEPS or tok.head == tok.i:
            return None
        head = self.nodes[tok.head]
        while head.dep in ("prep", "agent") and head.head != head.i:
            head = self.nodes[head.head]
        return head

    def score(self, tok: Node, depth: int = 0) -> float:
        if tok.i not in self.cache:
            self.cache[tok.i] = self._score(tok, depth)
        return self.cache[tok.i]

    def _score(self, tok: Node, depth: int) -> float:
        base = self.m.status.get(tok.status, MAX_SCORE)
        value = min(base, self.own_cap(tok), self.dep_cap(tok), self.m.tag.get(tok.tag, MAX_SCORE))
        head = self.nodes[tok.head]
        inherited_negation = False
        if self._shares_head(tok, head) and depth < MAX_DEPTH:
            head_score = self.score(head, depth + 1)
            inherited_negation = head_score < 0
            value = head_score if head_score < 0 else min(value, head_score)
        elif tok.dep in NOUN_MODIFIER_DEPS and head.pos in ("NOUN", "PROPN") and depth < MAX_DEPTH:
            head_score = self.score(head, depth + 1)
            inherited_negation = head_score < 0
            slack = self.m.default.get("modifier_slack", MAX_SCORE)
            value = head_score if head_score < 0 else min(value, head_score + slack)
        elif tok.dep in ("acl", "relcl") and self.is_negative_noun(head) and self._irrealis_clause(tok):
            return self.m.default.get("negated_noun_clause", 0.0)
        else:
            gov = self.governor(tok) if depth < MAX_DEPTH else None
            if gov is not None:
                value = self._embedded(tok, gov, value, depth)
        value = self.modifier_cap(tok, self._preposition(tok, value))
        negated = None if inherited_negation else self.negation(tok)
        if negated is not None:
            value = negated if value > 0 else -value
        return max(-MAX_SCORE, min(MAX_SCORE, value))

    def dep_cap(self, tok: Node) -> float:
        """The cap of the token's dependency relation; a verb in the simple past is a fact in any clause."""
        cap = self.m.dep.get(tok.dep, MAX_SCORE)
        if tok.tag == "VBD":
            cap = max(cap, self.m.default.get("past_dep_floor", -MAX_SCORE))
        return cap

    def is_definite(self, tok: Node) -> bool:
        """A noun with "the", a demonstrative or a possessive: the event is given ("the bombing", "his arrest")."""
        return tok.pos == "NOUN" and any(
            (c.dep == "det" and c.lower in DEFINITE_DETS) or c.dep == "poss" for c in self.children(tok)
        )

    def _shares_negation(self, tok: Node, gov: Node) -> bool:
        """ "had not admitted it or named anyone": a conjunct joined by "or"/"nor" with no subject of its own."""
        if any(c.dep in ("nsubj", "nsubjpass", "expl") for c in self.children(tok)):
            return False
        return any(c.dep == "cc" and c.lower in ("or", "nor") for c in self.children(gov))

    def _excess(self, tok: Node, gov: Node) -> bool:
        """ "too afraid to stay", "has yet to decide": the infinitive has not happened."""
        if not any(c.lower == "to" and c.dep == "aux" for c in self.children(tok)):
            return False
        return any(c.dep == "advmod" and c.lower in ("too", "yet") for c in self.children(gov))

    def _irrealis_clause(self, tok: Node) -> bool:
        """A clause of what could be, not what is: "no plans to leave", "nothing preventing it", "no way it will"."""
        if tok.tag == "VBG":
            return True
        return any(c.dep == "aux" and (c.lower == "to" or c.lower in self.m.modal) for c in self.children(tok))

    def _preposition(self, tok: Node, value: float) -> float:
        """ "without warning", "instead of paying": the preposition over an event caps it or negates it."""
        head = self.nodes[tok.head]
        if tok.dep not in ("pobj", "pcomp") or head.dep != "prep":
            return value
        word = head.lower if head.lower in self.m.prep else self.nodes[head.head].lower
        cap = self.m.prep.get(word)
        if cap is None:
            return value
        return cap if cap < 0 < value else min(value, cap)

    def _embedded(self, tok: Node, gov: Node, value: float, depth: int) -> float:
        gov_score = self.score(gov, depth + 1)
        lexical = self.m.embed.get(gov.lemma)
        clausal = tok.dep in CLAUSAL_DEPS
        if tok.dep == "conj":
            if gov_score >= 0:
                return min(value, gov_score)
            return gov_score if self._shares_negation(tok, gov) else value
        if lexical is not None and lexical < 0:
            if tok.dep in ("xcomp", "pcomp") or (tok.dep == "acl" and self.nodes[tok.head].pos == "NOUN"):
                return lexical if gov_score > 0 else -lexical * 0.5
            if not clausal:
                return min(value, self.m.default.get("negative_object", MAX_SCORE))
        elif lexical is not None:
            value = min(value, lexical)
        if self._excess(tok, gov):
            return self.m.default.get("too_to", 0.0)
        if lexical is None and any(c.lower == "to" and c.dep == "aux" for c in self.children(tok)):
            key = {"xcomp": "infinitive", "acl": "noun_infinitive"}.get(tok.dep, "purpose")
            value = min(value, self.m.default.get(key, MAX_SCORE))
        if gov_score < 0:
            if self.is_definite(tok):
                return value
            key = "negated_governor_xcomp" if tok.dep == "xcomp" else "negated_governor"
            key = key if clausal else "negated_governor_object"
            return min(value, self.m.default.get(key, 0.0))
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


def score_all(sentences: list[Sentence], parsed: list[list[Node]], mapping: Mapping) -> list[float]:
    """The score of every annotated predicate (its last token when it spans several), in corpus order."""
    scores: list[float] = []
    for sentence, nodes in zip(sentences, parsed, strict=True):
        scorer = Scorer(nodes, mapping)
        scores.extend(scorer.score(nodes[max(start, end - 1)]) for start, end, _ in sentence.targets)
    return scores


def calibrate(scores: list[float], mapping: Mapping) -> list[float]:
    """Raw scores to the UW scale: the rising curve through the `calibration` points fitted on train, else the line
    `default scale` * raw + `default offset`. It mostly changes MAE, hardly Pearson r."""
    if mapping.calibration:
        points = sorted((float(raw), value) for raw, value in mapping.calibration.items())
        return [_interpolate(points, x) for x in scores]
    scale, offset = mapping.default.get("scale", 1.0), mapping.default.get("offset", 0.0)
    return [max(-MAX_SCORE, min(MAX_SCORE, scale * x + offset)) for x in scores]


def _interpolate(points: list[tuple[float, float]], x: float) -> float:
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return points[-1][1]


def fit_curve(xs: list[float], ys: list[float], step: float = 0.25, min_count: int = 20) -> dict[str, float]:
    """Mean gold score of the raw scores in each bin of width `step`, made non-decreasing (pool adjacent violators)."""
    bins: dict[float, list[float]] = {}
    for x, y in zip(xs, ys, strict=True):
        bins.setdefault(round(x / step) * step, []).append(y)
    blocks: list[tuple[float, int, list[float]]] = []  # (mean, count, raw bins)
    for raw in sorted(b for b in bins if len(bins[b]) >= min_count):
        blocks.append((statistics.mean(bins[raw]), len(bins[raw]), [raw]))
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            (m1, n1, r1), (m2, n2, r2) = blocks[-2], blocks[-1]
            blocks[-2:] = [((m1 * n1 + m2 * n2) / (n1 + n2), n1 + n2, r1 + r2)]
    return {f"{raw:g}": round(mean, 3) for mean, _, raws in blocks for raw in raws}


def fit_line(xs: list[float], ys: list[float]) -> tuple[float, float]:
    """Least-squares slope and intercept of ys on xs."""
    if len(xs) < 2 or statistics.pvariance(xs) == 0:
        return 1.0, 0.0
    slope, intercept = statistics.linear_regression(xs, ys)
    return slope, intercept


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
    parsed = [nodes_of(doc) for doc in parse(sentences, nlp)]
    gold = [label for sentence in sentences for _, _, label in sentence.targets]
    pred = calibrate(score_all(sentences, parsed, mapping), mapping)
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
    docs = [nodes_of(doc) for doc in parse(sentences, nlp or build_nlp())]
    return search(sentences, docs, load_mapping(), rounds, min_events)


def search(
    sentences: list[Sentence], docs: list[list[Node]], mapping: Mapping, rounds: int, min_events: int
) -> Mapping:
    """Change one value of the table at a time, keep it when Pearson r rises; fit the calibration line last."""
    gold = [label for s in sentences for _, _, label in s.targets]

    def fitness(mapping: Mapping) -> float:
        return pearson(score_all(sentences, docs, mapping), gold)

    used = _used_keys(docs, mapping)
    best = fitness(mapping)
    for _ in range(rounds):
        for kind in ("status", "negation", "modal", "condition", "embed", "dep", "tag", "prep", "modifier", "default"):
            table_: dict[str, float] = getattr(mapping, kind)
            for key in list(table_):
                if key in ("scale", "offset"):
                    continue
                if kind != "default" and used.get((kind, key), 0) < min_events:
                    continue
                current = table_[key]
                for value in (
                    GRID if kind not in ("embed", "negation", "modifier") else [g for g in GRID if g * current >= 0]
                ):
                    table_[key] = value
                    score = fitness(mapping)
                    if score > best + 1e-5:
                        best, current = score, value
                table_[key] = current
    raw = score_all(sentences, docs, mapping)
    scale, offset = fit_line(raw, gold)
    mapping.default["scale"], mapping.default["offset"] = round(scale, 3), round(offset, 3)
    mapping.calibration.clear()
    mapping.calibration.update(fit_curve(raw, gold))
    return mapping


def _used_keys(docs: list[list[Node]], mapping: Mapping) -> dict[tuple[str, str], int]:
    """How often each word of the table occurs in the parsed sentences, by kind."""
    counts: dict[tuple[str, str], int] = {}
    for doc in docs:
        for tok in doc:
            for kind, key in (("dep", tok.dep), ("embed", tok.lemma), ("modal", tok.lower), ("tag", tok.tag)):
                counts[(kind, key)] = counts.get((kind, key), 0) + 1
            for kind in ("negation", "condition", "prep", "modifier"):
                counts[(kind, tok.lower)] = counts.get((kind, tok.lower), 0) + 1
    for key in mapping.status:
        counts[("status", key)] = 10**6
    return counts


def rewrite_values(text: str, mapping: Mapping) -> str:
    """The table file with its values replaced by those of `mapping` (comments and notes kept)."""
    lines = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.strip() and not line.startswith("#") and len(parts) >= 3:
            if parts[0] == "calibration":
                continue
            value = getattr(mapping, parts[0]).get(parts[1])
            if value is not None:
                parts[2] = f"{value:g}"
        lines.append("\t".join(parts))
    lines += [f"calibration\t{raw}\t{value:g}" for raw, value in mapping.calibration.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    """`python -m reportedly.evaluate.factuality [--split dev] [--tune]`.

    `--tune` searches the table's values on train and writes them back into factuality.tsv (review the diff).
    """
    import argparse

    parser = argparse.ArgumentParser(description="Score event factuality on the UW corpus, or tune the table.")
    parser.add_argument("--corpus", default=None)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--tune", action="store_true", help="tune the table on train and rewrite factuality.tsv")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)
    if args.tune:
        path = Path(str(resources.files("reportedly.extract") / "resources" / "en" / "factuality.tsv"))
        tuned = tune(corpus=args.corpus, rounds=args.rounds)
        path.write_text(rewrite_values(path.read_text(encoding="utf-8"), tuned), encoding="utf-8")
        load_mapping.cache_clear()
    print(render(run(corpus=args.corpus, split=args.split)))


if __name__ == "__main__":
    main()
