"""Ingest throughput against analysis throughput, and ingest memory at two corpus sizes.

Prints articles per second for JSON lines, HTML and WARC ingest (reading only, no analysis) and for analysis
(reportedly.extract.analyse) in the same run, with the ratio ingest/analysis: ingest should be far faster than
analysis so it is never the bottleneck. Then the peak memory (tracemalloc) of reading generated JSON lines files of
two sizes: it should stay flat, since reading streams.

    .venv/bin/python benchmarks/ingest.py            # full run
    .venv/bin/python benchmarks/ingest.py --quick    # smaller sizes
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path

from reportedly.ingest import read
from reportedly.records import Article

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PAGE = ROOT / "tests" / "data" / "ingest" / "page_meta.html"


def examples() -> list[Article]:
    return [a for a in read(EXAMPLES) if isinstance(a, Article)]


def text_of(base: list[Article], n: int) -> str:
    return f"Report {n}. {base[n % len(base)].text}"


def write_jsonl(path: Path, base: list[Article], count: int) -> None:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            article = base[n % len(base)]
            record = {"id": f"a{n}", "text": text_of(base, n), "published": "2025-03-12", "outlet": article.outlet}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def page(base: list[Article], n: int) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in text_of(base, n).split("\n\n"))
    template = PAGE.read_text(encoding="utf-8")
    start, end = template.index("<article>"), template.index("</article>")
    return (template[:start] + f"<article><h1>Headline {n}</h1>{paragraphs}" + template[end:]).encode("utf-8")


def write_pages(folder: Path, base: list[Article], count: int) -> None:
    folder.mkdir()
    for n in range(count):
        (folder / f"page{n:05d}.html").write_bytes(page(base, n))


def write_warc(path: Path, base: list[Article], count: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(count):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            url = f"https://news.example/2025/03/12/story-{n}"
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(page(base, n)), http_headers=headers)
            writer.write_record(record)


def rate(count_items: Callable[[], Iterable[object]]) -> tuple[int, float]:
    start = time.perf_counter()
    count = sum(1 for item in count_items() if isinstance(item, Article))
    return count, count / (time.perf_counter() - start)


def analysis_rate(base: list[Article], count: int) -> float:
    from reportedly.extract import analyse, build_nlp

    nlp = build_nlp()
    list(analyse(base[:2], nlp))  # warm up
    articles = [Article(id=f"b{n}", text=text_of(base, n), published=base[0].published) for n in range(count)]
    start = time.perf_counter()
    done = sum(1 for _ in analyse(articles, nlp))
    return done / (time.perf_counter() - start)


def peak_memory(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    count = sum(1 for item in read(path) if isinstance(item, Article))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a quick check")
    args = parser.parse_args()
    sizes = (
        {"jsonl": 2000, "html": 100, "warc": 100, "analyse": 24, "memory": (2_000, 20_000)}
        if args.quick
        else {"jsonl": 20_000, "html": 500, "warc": 500, "analyse": 96, "memory": (10_000, 100_000)}
    )
    base = examples()
    with tempfile.TemporaryDirectory(prefix="reportedly-bench-") as tmp:
        folder = Path(tmp)
        write_jsonl(folder / "corpus.jsonl", base, sizes["jsonl"])
        write_pages(folder / "pages", base, sizes["html"])
        write_warc(folder / "crawl.warc.gz", base, sizes["warc"])
        rates = {
            "jsonl": rate(lambda: read(folder / "corpus.jsonl")),
            "html": rate(lambda: read(folder / "pages")),
            "warc": rate(lambda: read(folder / "crawl.warc.gz")),
        }
        analysed = analysis_rate(base, sizes["analyse"])
        print(f"analysis: {analysed:8.1f} articles/s ({sizes['analyse']} articles)")
        for name, (count, per_second) in rates.items():
            print(f"{name:>8}: {per_second:8.1f} articles/s ({count} articles), {per_second / analysed:6.1f}x analysis")
        small, large = sizes["memory"]
        for count in (small, large):
            write_jsonl(folder / f"mem{count}.jsonl", base, count)
        peaks = {count: peak_memory(folder / f"mem{count}.jsonl") for count in (small, large)}
        for read_count, peak in peaks.values():
            print(f"peak memory reading {read_count:>7} JSONL articles: {peak / 1e6:6.2f} MB")
        ratio = peaks[large][1] / peaks[small][1]
        print(f"peak memory ratio {large}/{small} articles: {ratio:.2f} (flat is about 1)")


if __name__ == "__main__":
    main()
