"""Coreference and clustering metrics: MUC, B-cubed, CEAF-e and their mean (CoNLL F1).

Clusters are collections of hashable mentions. Key and response may hold different mentions (end-to-end scoring):
a mention missing from one side counts as a singleton there for MUC and is simply absent for B-cubed and CEAF-e,
as in the reference CoNLL scorer.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from ..errors import ConfigError

Clusters = Sequence[frozenset[Hashable]]


def prf(num_r: float, den_r: float, num_p: float, den_p: float) -> dict[str, float]:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def as_clusters(groups: Iterable[Iterable[Hashable]]) -> list[frozenset[Hashable]]:
    return [frozenset(g) for g in groups if g]


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = _index(response)
    num = den = 0.0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(parts)
        den += len(cluster) - 1
    return num, den


def muc(key: Clusters, response: Clusters) -> dict[str, float]:
    nr, dr = _muc_side(key, response)
    np_, dp = _muc_side(response, key)
    return prf(nr, dr, np_, dp)


def _b3_side(key: Clusters, response: Clusters) -> tuple[float, float]:
    where = _index(response)
    num = den = 0.0
    for cluster in key:
        for m in cluster:
            den += 1
            if m in where:
                num += len(cluster & response[where[m]]) / len(cluster)
    return num, den


def b_cubed(key: Clusters, response: Clusters) -> dict[str, float]:
    nr, dr = _b3_side(key, response)
    np_, dp = _b3_side(response, key)
    return prf(nr, dr, np_, dp)


def ceaf_e(key: Clusters, response: Clusters) -> dict[str, float]:
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError as exc:  # pragma: no cover - scipy comes with the link extra
        raise ConfigError("CEAF-e needs scipy: run `pip install 'reportedly[link]'`.") from exc
    if not key or not response:
        return prf(0, len(key), 0, len(response))
    where = _index(response)
    sim = [[0.0] * len(response) for _ in key]
    for i, k in enumerate(key):
        for m in k:
            j = where.get(m)
            if j is not None and sim[i][j] == 0.0:
                sim[i][j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = sum(sim[i][j] for i, j in zip(rows, cols, strict=True))
    return prf(total, len(key), total, len(response))


def conll(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> dict[str, Any]:
    """MUC, B-cubed, CEAF-e and CoNLL F1 (the mean of their F1)."""
    k, r = as_clusters(key), as_clusters(response)
    scores: dict[str, Any] = {"muc": muc(k, r), "b3": b_cubed(k, r), "ceaf_e": ceaf_e(k, r)}
    scores["conll_f1"] = round(sum(scores[m]["f1"] for m in ("muc", "b3", "ceaf_e")) / 3, 4)
    return scores


def classification(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy, per-class precision/recall/F1 and macro-F1 over `labels`."""
    per: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        n_pred = sum(1 for p in predicted if p == label)
        n_gold = sum(1 for g in gold if g == label)
        per[label] = {**prf(tp, n_gold, tp, n_pred), "support": n_gold}
    correct = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p)
    return {
        "n": len(gold),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(v["f1"] for v in per.values()) / len(labels), 4),
        "per_class": per,
    }
