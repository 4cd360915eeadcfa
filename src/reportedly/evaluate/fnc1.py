"""Score headline-body stance on FNC-1 (Pomerleau & Rao 2017): agree, disagree, discuss, unrelated.

The training pairs (the two UKP files together are the official train_stances.csv) are split by body: a body's
`Body ID` hashes to the dev part (one fifth) or the train part, so no body is on both sides. A logistic regression
(scikit-learn, the `link` extra) is trained on the train part and scores the dev part. Features: TF-IDF cosine and
term overlap of headline and body, and in the body sentences closest to the headline the stance cue classes
(link/resources/<lang>/stance_cues.tsv) and the attribution status cues of the extractor's lexicon (cues.tsv).
Metrics: the official weighted FNC score (as a share of the best possible), per-class F1, macro-F1, accuracy.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..errors import ConfigError
from ..link.metrics import classification
from ..link.similarity import Idf, Vector, cosine, stem, terms, words
from ..link.stance import cue_classes
from .emergent import fit_predict, fold_of

DEFAULT_CORPUS = "../shared/corpora/fnc-1"
TEST_FILES = ("competition_test_stances.csv", "competition_test_bodies.csv")
STANCE_FILES = ("ukp-train-split-9_1/train_train_stances.csv", "ukp-train-split-9_1/train_test_stances.csv")
LABELS = ("agree", "disagree", "discuss", "unrelated")
RELATED = ("agree", "disagree", "discuss")
DEV_FOLD, FOLDS = 0, 5  # bodies whose id hashes to fold 0 of 5 form the dev part
TOP_SENTENCES = 3
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ConfigError(
            f"The FNC-1 file {path} is missing: pass --corpus pointing at the FNC-1 folder that holds "
            f"train_bodies.csv and ukp-train-split-9_1/ (default {DEFAULT_CORPUS})."
        )
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load(corpus: str | None, split: str = "dev") -> tuple[list[dict[str, str]], dict[str, str]]:
    """Pairs with a `part` (train, dev or test) and a body key, and the bodies by key."""
    if split not in ("dev", "test"):
        raise ConfigError(f"Unknown FNC-1 split {split!r}: choose dev or test.")
    root = Path(corpus or DEFAULT_CORPUS)
    pairs = [row for name in STANCE_FILES for row in _read(root / name) if row.get("Stance") in LABELS]
    bodies = {f"train:{row['Body ID']}": row["articleBody"] for row in _read(root / "train_bodies.csv")}
    for row in pairs:
        dev = split == "dev" and fold_of(row["Body ID"], FOLDS) == DEV_FOLD
        row["part"], row["body"] = ("dev" if dev else "train"), f"train:{row['Body ID']}"
    if split == "test":
        tests = [row for row in _read(root / TEST_FILES[0]) if row.get("Stance") in LABELS]
        bodies.update({f"test:{row['Body ID']}": row["articleBody"] for row in _read(root / TEST_FILES[1])})
        pairs += [{**row, "part": "test", "body": f"test:{row['Body ID']}"} for row in tests]
    return pairs, bodies


@lru_cache(maxsize=1)
def status_cues() -> dict[str, str]:
    """Stemmed cue word -> status, from the extractor's cue lexicon (single-word cues)."""
    text = resources.files("reportedly").joinpath("extract/resources/en/cues.tsv").read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and not line.startswith("#") and " " not in parts[0] and parts[1] != "status":
            out[stem(parts[0].lower())] = parts[1]
    return out


class Body:
    """A body's TF-IDF vector, its sentences' vectors, and the cue counts of each sentence and of the whole body."""

    def __init__(self, text: str, idf: Idf) -> None:
        self.vector = idf.vector(terms(text))
        self.sentences = [s for s in _SENTENCE.split(text) if len(s.split()) > 2] or [text]
        self.vectors = [idf.vector(terms(s)) for s in self.sentences]
        self.cues = [sentence_cues(s) for s in self.sentences]
        self.words = [frozenset(words(s)) for s in self.sentences]
        length = max(1, len(self.sentences))
        self.whole = {f"body_cue={c}": n / length for c, n in cue_classes(" ".join(self.sentences)).items()}
        self.whole.update({f"lead_cue={c}": float(n) for c, n in cue_classes(" ".join(self.sentences[:5])).items()})


def sentence_cues(sentence: str) -> dict[str, float]:
    """Stance cue classes and attribution status cues of one sentence."""
    feats = {f"top_cue={cls}": float(n) for cls, n in cue_classes(sentence).items()}
    cues = status_cues()
    for w in words(sentence):
        status = cues.get(stem(w))
        if status:
            feats[f"top_status={status}"] = feats.get(f"top_status={status}", 0.0) + 1
    return feats


def pair_features(headline: str, head_vec: Vector, body: Body) -> dict[str, float]:
    feats: dict[str, float] = {"cosine": cosine(head_vec, body.vector)}
    head_terms = set(head_vec)
    feats["covered"] = len(head_terms & set(body.vector)) / len(head_terms) if head_terms else 0.0
    ranked = sorted(range(len(body.vectors)), key=lambda k: -cosine(head_vec, body.vectors[k]))[:TOP_SENTENCES]
    feats["best_sentence"] = cosine(head_vec, body.vectors[ranked[0]]) if ranked else 0.0
    feats["first_sentence"] = cosine(head_vec, body.vectors[0]) if body.vectors else 0.0
    for k in ranked:
        for name, n in body.cues[k].items():
            feats[name] = feats.get(name, 0.0) + n
        for w in body.words[k]:
            feats[f"top={w}"] = 1.0
    feats.update(body.whole)
    related = feats["cosine"]
    for name in [k for k in feats if k.startswith(("top_", "lead_"))]:
        feats[f"{name}*rel"] = feats[name] * related
    for cls, n in cue_classes(headline).items():
        feats[f"head_cue={cls}"] = float(n)
    for w in set(words(headline)):
        feats[f"head={w}"] = 1.0
    return feats


def fnc_score(gold: list[str], predicted: list[str]) -> dict[str, float]:
    """The official weighted score and its share of the best possible."""

    def points(g: str, p: str) -> float:
        score = 0.25 if (g == "unrelated") == (p == "unrelated") else 0.0
        if g != "unrelated" and p != "unrelated":
            score += 0.75 if g == p else 0.0
        return score

    got = sum(points(g, p) for g, p in zip(gold, predicted, strict=True))
    best = sum(points(g, g) for g in gold)
    return {"score": round(got, 2), "max": round(best, 2), "relative": round(got / best, 4) if best else 0.0}


def run(
    corpus: str | None = None,
    split: str = "dev",
    nlp: Language | None = None,
    limit: int | None = None,
    **_: Any,
) -> dict[str, Any]:
    """dev: train on four fifths of the training bodies, score the other fifth. test: train on all the training
    pairs, score the competition test pairs (competition_test_stances.csv and _bodies.csv in the corpus folder)."""
    pairs, bodies = load(corpus, split)
    if limit:
        pairs = pairs[:limit]
    idf = Idf(terms(t) for t in bodies.values())
    parsed = {b: Body(bodies[b], idf) for b in sorted({p["body"] for p in pairs}) if b in bodies}
    pairs = [p for p in pairs if p["body"] in parsed]
    heads = {h: idf.vector(terms(h)) for h in {p["Headline"] for p in pairs}}
    feats = [pair_features(p["Headline"], heads[p["Headline"]], parsed[p["body"]]) for p in pairs]
    gold = [p["Stance"] for p in pairs]
    dev = [i for i, p in enumerate(pairs) if p["part"] == split]
    train = [i for i, p in enumerate(pairs) if p["part"] == "train"]
    if not dev or not train:
        raise ConfigError(
            "FNC-1: the body-disjoint split left no train or no scored pairs; use more data (no --limit)."
        )
    p_dev = fit_predict([feats[i] for i in train], [gold[i] for i in train], [feats[i] for i in dev])
    g_dev = [gold[i] for i in dev]
    return {
        "scorer": "fnc1",
        "split": split,
        "pairs": len(dev),
        "bodies": len({pairs[i]["body"] for i in dev}),
        "train_pairs": len(train),
        "metrics": {"fnc": fnc_score(g_dev, p_dev), **classification(g_dev, p_dev, LABELS)},
    }


def render(result: dict[str, Any]) -> str:
    m = result["metrics"]
    per = "  ".join(f"{k} F1 {v['f1']:.3f}" for k, v in m["per_class"].items())
    return (
        f"FNC-1 {result['split']} (bodies apart from training): {result['pairs']} pairs over {result['bodies']} bodies "
        f"(trained on {result['train_pairs']} pairs)\n"
        f"  FNC score {m['fnc']['relative']:.2%}  accuracy {m['accuracy']:.3f}  macro-F1 {m['macro_f1']:.3f}  {per}"
    )
