"""Clustering tools: blocking into candidate pairs, union-find, and average-link agglomeration over sparse scores."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence

Pair = tuple[int, int]


class UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return sorted(out.values())


def candidate_pairs(
    keys: Sequence[Iterable[Hashable]],
    order: Sequence[Hashable] | None = None,
    neighbours: int = 40,
    max_block: int | None = None,
) -> set[Pair]:
    """Pairs of items that share a blocking key; a key shared by more than `max_block` items is not used.

    Within one block, items are sorted by `order` (e.g. date then id) and each is paired only with its next
    `neighbours` items, so a huge block costs linear time instead of quadratic (a sorted-neighbourhood window).
    """
    blocks: dict[Hashable, list[int]] = defaultdict(list)
    for i, item_keys in enumerate(keys):
        for key in set(item_keys):
            blocks[key].append(i)
    pairs: set[Pair] = set()
    for members in blocks.values():
        if len(members) < 2 or (max_block is not None and len(members) > max_block):
            continue
        if order is not None:
            members = sorted(members, key=lambda i: (order[i], i))
        for pos, i in enumerate(members):
            for j in members[pos + 1 : pos + 1 + neighbours]:
                pairs.add((min(i, j), max(i, j)))
    return pairs


def components(n: int, edges: Iterable[Pair]) -> list[list[int]]:
    uf = UnionFind(n)
    for i, j in edges:
        uf.union(i, j)
    return uf.groups()


def average_link(n: int, scores: dict[Pair, float], threshold: float) -> list[list[int]]:
    """Agglomerative clustering with average linkage; a pair without a score counts as 0.

    Two clusters merge while the mean score over all their cross pairs is at least `threshold`.
    Deterministic: ties merge the pair of smallest member ids first.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    sums: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in scores.items():
        if i != j:
            sums[i][j] = sums[i].get(j, 0.0) + s
            sums[j][i] = sums[j].get(i, 0.0) + s
    heap: list[tuple[float, int, int]] = []
    for i, row in sums.items():
        for j, s in row.items():
            if i < j and s >= threshold:
                heapq.heappush(heap, (-s, i, j))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        current = sums[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(current + neg) > 1e-12:
            continue  # stale entry
        _merge(a, b, members, sums)
        for c, s in sums[a].items():
            avg = s / (len(members[a]) * len(members[c]))
            if avg >= threshold:
                heapq.heappush(heap, (-avg, min(a, c), max(a, c)))
    return sorted(sorted(m) for m in members.values())


def _merge(a: int, b: int, members: dict[int, list[int]], sums: dict[int, dict[int, float]]) -> None:
    """Merge cluster b into a, keeping the score sums between clusters."""
    members[a].extend(members.pop(b))
    row_b = sums.pop(b, {})
    for c, s in row_b.items():
        if c == a:
            continue
        sums[a][c] = sums[a].get(c, 0.0) + s
        sums[c].pop(b, None)
        sums[c][a] = sums[c].get(a, 0.0) + s
    sums[a].pop(b, None)


def cluster(
    n: int,
    pairs: Iterable[Pair],
    score: Callable[[int, int], float],
    threshold: float,
) -> list[list[int]]:
    """Score the candidate pairs and cluster them with average linkage."""
    scores = {}
    for i, j in pairs:
        s = score(i, j)
        if s > 0:
            scores[(min(i, j), max(i, j))] = s
    return average_link(n, scores, threshold)
