"""Gazetteer load time and place-resolution time per article.

    python benchmarks/geo.py [--articles PATH_TO_GWN_XML_FOLDER] [--n 50]

Prints the time to build the index from scratch (first run on a machine), to load it from the cache (every later
process) and the median / 95th-percentile time of `extract_places` on parsed articles (spaCy parsing excluded: it
is the spaCy model's cost, not ours). Without GeoWebNews it uses the seed article and the examples.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def texts(folder: Path, n: int) -> list[str]:
    xml = folder / "GWN.xml"
    if xml.is_file():
        import xml.etree.ElementTree as ET

        return [a.findtext("text") or "" for a in ET.parse(xml).getroot().iter("article")][:n]
    seed = ROOT.parent / "shared" / "seed"
    found = [p.read_text(encoding="utf-8") for p in sorted(seed.glob("*.txt"))]
    found += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    return found[:n] or ["Ukraine fired missiles into Russia's Kursk Region, Moscow said on Wednesday."]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "corpora" / "geowebnews")
    parser.add_argument("--n", type=int, default=50)
    args = parser.parse_args()

    import os

    from reportedly.extract import gazetteer

    with tempfile.TemporaryDirectory() as cache:
        saved = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = cache
        gazetteer.load.cache_clear()
        start = time.perf_counter()
        gazetteer.load()
        built = time.perf_counter() - start
        gazetteer.load.cache_clear()
        start = time.perf_counter()
        gaz = gazetteer.load()
        loaded = time.perf_counter() - start
        if saved is None:
            del os.environ["XDG_CACHE_HOME"]
        else:
            os.environ["XDG_CACHE_HOME"] = saved

    from reportedly.extract.pipeline import build_nlp
    from reportedly.extract.places import extract_places

    nlp = build_nlp(layers=())
    docs = list(nlp.pipe(texts(args.articles, args.n)))
    extract_places(docs[0], gaz)  # warm the lexicons
    times = []
    for doc in docs:
        start = time.perf_counter()
        extract_places(doc, gaz)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"gazetteer: {len(gaz.entries)} places, {len(gaz.names)} names")
    print(f"gazetteer build (first run): {built:.2f} s")
    print(f"gazetteer load (cached): {loaded:.2f} s  (target < 5 s)")
    print(
        f"resolution per article: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
        f"over {len(times)} articles  (target < 20 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
