"""Score headline stance toward a claim on Emergent (Ferreira & Vlachos 2016): for, against, observing.

Claim-disjoint cross-validation: the claims are dealt into `folds` groups; a logistic regression (scikit-learn, the
`link` extra) is trained on the other folds' headlines and predicts each held-out fold. Its features are the
headline's words, its stance cue classes (link/resources/<lang>/stance_cues.tsv), the statuses of the attribution
frames our extractor finds in it, and the rule-based stance of `reportedly.link.stance`, which is also scored alone.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..errors import ConfigError
from ..link.metrics import classification
from ..link.stance import STATUS_STANCE, headline_features, stance
from ..records import Attribution

DEFAULT_CORPUS = "../shared/corpora/emergent"
FILE = "url-versions-2015-06-14-clean.csv"
TEST_FILES = ("url-versions-2015-06-14-clean-test-correct.csv", "url-versions-2015-06-14-clean-test-errors.csv")
LABELS = ("for", "against", "observing")
FOLDS = 5
ALPHA = 1e-4  # L2 regularisation of the stance model
EPOCHS = 30
LAYERS = ("reportedly_time", "reportedly_place", "reportedly_events")


def read_rows(corpus: str | None) -> list[dict[str, str]]:
    path = Path(corpus or DEFAULT_CORPUS) / FILE
    if not path.is_file():
        raise ConfigError(
            f"The Emergent file {path} is missing: pass --corpus pointing at the folder that holds {FILE} "
            f"(default {DEFAULT_CORPUS})."
        )
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r.get("articleHeadlineStance") in LABELS]
    if not rows:
        raise ConfigError(f"{path} holds no rows with a for/against/observing stance: is it the Emergent CSV?")
    return rows


def fold_of(group: str, folds: int) -> int:
    """A stable fold number for a claim (or body) id."""
    return int(hashlib.sha256(group.encode("utf-8")).hexdigest(), 16) % folds


def read_test_claims(corpus: str | None, required: bool) -> set[str]:
    """The claim ids of the test split, from the authors' `-test-correct.csv` and `-test-errors.csv` files."""
    root = Path(corpus or DEFAULT_CORPUS)
    paths = [root / name for name in TEST_FILES if (root / name).is_file()]
    if required and not paths:
        raise ConfigError(
            f"The Emergent test files {', '.join(TEST_FILES)} are not in {root}: pass --corpus pointing at a folder "
            "that holds them, or score the dev split."
        )
    claims: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8", newline="") as handle:
            claims.update(row["claimId"] for row in csv.DictReader(handle) if row.get("claimId"))
    return claims


def frames_of(texts: list[str], nlp: Language) -> list[list[Attribution]]:
    """The attribution frames of each text, with the other layers switched off."""
    disable = [name for name in LAYERS if name in nlp.pipe_names]
    with nlp.select_pipes(disable=disable):
        return [list(doc._.rep_attributions) for doc in nlp.pipe(texts, batch_size=256)]


def fit_predict(
    train: list[dict[str, float]], labels: list[str], test: list[dict[str, float]], balanced: bool = True
) -> list[str]:
    """Train a logistic regression (by stochastic gradient descent, seeded) on `train` and predict `test`."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import SGDClassifier
        from sklearn.preprocessing import MaxAbsScaler
    except ImportError as exc:
        raise ConfigError(
            "The stance scorers train a model with scikit-learn: run `pip install 'reportedly[link]'`."
        ) from exc
    vec = DictVectorizer()
    x_train = vec.fit_transform(train)
    scale = MaxAbsScaler().fit(x_train)
    model = SGDClassifier(
        loss="log_loss",
        alpha=ALPHA,
        max_iter=EPOCHS,
        tol=None,
        random_state=0,
        class_weight="balanced" if balanced else None,
    )
    model.fit(scale.transform(x_train), labels)
    return [str(p) for p in model.predict(scale.transform(vec.transform(test)))]


def cross_validate(features: list[dict[str, float]], labels: list[str], groups: list[str], folds: int) -> list[str]:
    """Predictions for every row from a model trained on the folds that do not hold its group."""
    predicted = [""] * len(labels)
    fold = [fold_of(g, folds) for g in groups]
    for k in range(folds):
        train = [i for i in range(len(labels)) if fold[i] != k]
        test = [i for i in range(len(labels)) if fold[i] == k]
        if not train or not test:
            continue
        found = fit_predict([features[i] for i in train], [labels[i] for i in train], [features[i] for i in test])
        for i, p in zip(test, found, strict=True):
            predicted[i] = p
    return predicted


def run(
    corpus: str | None = None,
    split: str = "dev",
    nlp: Language | None = None,
    limit: int | None = None,
    folds: int = FOLDS,
    **_: Any,
) -> dict[str, Any]:
    """dev: claim-disjoint cross-validation over the rows outside the test claims. test: a model trained on those
    rows scores the rows of the test claims (listed in the `-test-*.csv` files next to the corpus file)."""
    if split not in ("dev", "test"):
        raise ConfigError(f"Unknown Emergent split {split!r}: choose dev or test.")
    test_claims = read_test_claims(corpus, required=split == "test")
    rows = read_rows(corpus)
    if limit:
        rows = rows[:limit]
    if nlp is None:
        from ..extract.pipeline import build_nlp

        nlp = build_nlp()
    heads = [r["articleHeadline"] for r in rows]
    frames = frames_of(heads, nlp)
    gold = [r["articleHeadlineStance"] for r in rows]
    feats = [headline_features(h, r["claimHeadline"], f) for h, r, f in zip(heads, rows, frames, strict=True)]
    groups = [r["claimId"] for r in rows]
    if split == "test":
        held = [i for i, g in enumerate(groups) if g in test_claims]
        train = [i for i, g in enumerate(groups) if g not in test_claims]
        if not held or not train:
            raise ConfigError("The Emergent test claims match no rows of the corpus file (or all of them).")
        found = fit_predict([feats[i] for i in train], [gold[i] for i in train], [feats[i] for i in held])
        rows, heads, frames = [rows[i] for i in held], [heads[i] for i in held], [frames[i] for i in held]
        gold, predicted, folds = [gold[i] for i in held], found, 0
    else:
        keep = [i for i, g in enumerate(groups) if g not in test_claims]
        rows, heads, frames = [rows[i] for i in keep], [heads[i] for i in keep], [frames[i] for i in keep]
        feats, gold = [feats[i] for i in keep], [gold[i] for i in keep]
        predicted = cross_validate(feats, gold, [r["claimId"] for r in rows], folds)
    rules = [stance(f or _asserted(h), r["claimHeadline"]) for h, r, f in zip(heads, rows, frames, strict=True)]
    return {
        "scorer": "emergent",
        "split": split,
        "pairs": len(rows),
        "claims": len({r["claimId"] for r in rows}),
        "folds": folds,
        "metrics": {"model": classification(gold, predicted, LABELS), "rules": classification(gold, rules, LABELS)},
    }


def _asserted(headline: str) -> list[Attribution]:
    """A headline without any frame is the outlet's own assertion."""
    from ..records import Span

    return [Attribution(None, None, Span(0, len(headline), headline), "asserted")]


def render(result: dict[str, Any]) -> str:
    lines = [
        f"Emergent headline stance: {result['pairs']} pairs, {result['claims']} claims, "
        + (f"{result['folds']}-fold claim-disjoint cross-validation" if result["folds"] else "held-out test claims")
    ]
    for name, m in result["metrics"].items():
        per = "  ".join(f"{k} F1 {v['f1']:.3f}" for k, v in m["per_class"].items())
        lines.append(f"  {name:<6} accuracy {m['accuracy']:.3f}  macro-F1 {m['macro_f1']:.3f}  {per}")
    return "\n".join(lines)


__all__ = ["DEFAULT_CORPUS", "STATUS_STANCE", "render", "run"]
