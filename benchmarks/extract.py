"""Throughput of the full analysis against the bare spaCy model on the same texts, in one run.

    python benchmarks/extract.py [--repeat 3] [--limit 84]

Texts: the PolNeAR dev articles when ../shared/corpora/polnear exists, else examples/*.txt and examples/*.jsonl.
Prints characters per second for `nlp.pipe` with the model alone and for `analyse()` with all our components,
and the ratio full/bare (the extractor's overhead; the target is at least 0.85). Best of `--repeat` runs of each,
bare and full alternating.

Whole runs swing with the machine's speed, so a second ratio is measured within one pass: each batch is parsed
by the model alone, then our components run on the same documents, and the two times are summed batch by batch.
That ratio, model / (model + ours), counts the same work as full/bare but is not touched by drift between runs.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from reportedly.extract.pipeline import COMPONENTS, analyse, analysis_from_doc, build_nlp
from reportedly.records import Article, article_id

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_DEV = ROOT.parent / "shared" / "corpora" / "polnear" / "data" / "dev" / "text"


def load_texts(limit: int | None) -> tuple[str, list[str]]:
    if POLNEAR_DEV.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(POLNEAR_DEV.glob("*.txt"))]
        return "PolNeAR dev", texts[:limit]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    for path in sorted((ROOT / "examples").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if isinstance(record, dict) and isinstance(record.get("text"), str):
                    texts.append(record["text"])
    return "examples", texts[:limit]


def best_of(repeat: int, run: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    label, texts = load_texts(args.limit)
    if not texts:
        raise SystemExit("No texts to measure: add files to examples/ or pass the shared corpora")
    chars = sum(len(t) for t in texts)
    nlp = build_nlp()
    articles = [Article(id=article_id(t), text=t) for t in texts]
    ours = [name for name in COMPONENTS if name in nlp.pipe_names]

    def bare() -> None:
        with nlp.select_pipes(disable=ours):
            for _ in nlp.pipe(texts, batch_size=args.batch_size):
                pass

    def full() -> None:
        for _ in analyse(articles, nlp=nlp, batch_size=args.batch_size):
            pass

    def split_pass() -> tuple[float, float]:
        """Seconds in the model and in our components, batch by batch within one pass."""
        layers = [(name, pipe) for name, pipe in nlp.pipeline if name in ours]
        model_s = ours_s = 0.0
        for start in range(0, len(articles), args.batch_size):
            batch = articles[start : start + args.batch_size]
            began = time.perf_counter()
            with nlp.select_pipes(disable=ours):
                docs = list(nlp.pipe((a.text for a in batch), batch_size=args.batch_size))
            parsed = time.perf_counter()
            for doc, article in zip(docs, batch, strict=True):
                doc._.rep_published = article.published
                for _, pipe in layers:
                    doc = pipe(doc)
                analysis_from_doc(doc, article)
            model_s += parsed - began
            ours_s += time.perf_counter() - parsed
        return model_s, ours_s

    full()  # warm-up: lexicons, lazy tables, caches
    bare()
    # Bare and full runs alternate, so that a drift in the machine's speed during the run touches both alike.
    bare_s = full_s = float("inf")
    for _ in range(args.repeat):
        bare_s = min(bare_s, best_of(1, bare))
        full_s = min(full_s, best_of(1, full))
    print(f"{label}: {len(texts)} texts, {chars:,} characters, best of {args.repeat} alternating runs")
    print(f"bare spaCy nlp.pipe : {chars / bare_s:12,.0f} chars/s  ({bare_s:.2f} s)")
    print(f"full analyse()      : {chars / full_s:12,.0f} chars/s  ({full_s:.2f} s)")
    print(f"ratio full/bare     : {bare_s / full_s:.3f}  (target >= 0.85)")
    passes = [split_pass() for _ in range(args.repeat)]
    model_s, ours_s = min(passes, key=lambda p: p[0] + p[1])
    print(f"within one pass     : model {model_s:.2f} s, our components {ours_s:.2f} s")
    print(f"ratio model/(model+ours): {model_s / (model_s + ours_s):.3f}  (target >= 0.85)")


if __name__ == "__main__":
    main()
