"""Latency of /api/claims with filters, under concurrent requests on loopback.

    python benchmarks/api.py                       # 100,000 claims, 8 concurrent clients, 2,000 requests
    python benchmarks/api.py --claims 20000 --requests 500 --db sqlite:///bench.db

Builds a store of generated articles (10 frames each), times the store's ledger queries in-process (per filter,
and a page deep in the ledger by OFFSET and by keyset), then serves the store with uvicorn in a child process on
127.0.0.1, sends requests with random filters from concurrent clients and prints p50/p90/p99 latency per filter and
overall. The target is p99 < 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from reportedly.records import Analysis, Article, Attribution, Source, Span, article_id
from reportedly.service import claim_filter
from reportedly.store import ClaimFilter, claim_key, open_store

FRAMES_PER_ARTICLE = 10
OUTLETS = ["Meridian Press", "Coastal Daily", "Velmora Herald", "Karsova Today", "Riverside Post", "Wire Digest"]
SOURCES = [
    ("The energy ministry", "government"),
    ("Police", "government"),
    ("Two officials", "anonymous_official"),
    ("A resident", "person"),
    ("The emergency service", "government"),
    ("An engineer", "expert"),
    ("A Telegram channel", "social_media"),
    ("Reuters", "media"),
    ("The operator", "organization"),
    ("The report", "document"),
]
CUES = [
    ("said", "reported"),
    ("confirmed", "confirmed"),
    ("claimed", "claimed"),
    ("denied", "denied"),
    ("has not confirmed", "not_confirmed"),
    ("declined to comment on", "declined"),
    ("warned", "speculative"),
]
TOPICS = ["the dam", "the bridge", "the port", "the power station", "the convoy", "the museum", "the spillway"]
VERBS = ["was damaged", "collapsed", "was attacked", "was closed", "was evacuated", "flooded", "was repaired"]


def generate(rng: random.Random, number: int) -> tuple[Article, Analysis]:
    parts: list[str] = []
    frames = []
    offset = 0
    for _ in range(FRAMES_PER_ARTICLE):
        source, kind = rng.choice(SOURCES)
        cue, status = rng.choice(CUES)
        content = f"{rng.choice(TOPICS)} near town {rng.randint(1, 500)} {rng.choice(VERBS)}"
        sentence = f"{source} {cue} that {content}. "
        cue_at = offset + len(source) + 1
        content_at = cue_at + len(cue) + len(" that ")
        frames.append(
            Attribution(
                source=Source(Span(offset, offset + len(source), source), source, kind),
                cue=Span(cue_at, cue_at + len(cue), cue),
                content=Span(content_at, content_at + len(content), content),
                status=status,
                extractor="bench",
            )
        )
        parts.append(sentence)
        offset += len(sentence)
    text = "".join(parts).rstrip() + f" (report {number})"
    art = Article(
        id=article_id(text),
        text=text,
        outlet=rng.choice(OUTLETS),
        published=date(2024, 1, 1) + timedelta(days=rng.randint(0, 500)),
        title=f"Report {number}",
    )
    return art, Analysis(art.id, tuple(frames), extractor_version="bench")


def build(db_url: str, claims: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with open_store(db_url) as store:
        have = store.count("attributions")
        if have >= claims:
            print(f"store already holds {have} claims")
            return
        batch: list[tuple[Article, Analysis | None]] = []
        for number in range(claims // FRAMES_PER_ARTICLE):
            batch.append(generate(rng, number))
            if len(batch) == 500:
                store.save_batch(batch)
                batch = []
        if batch:
            store.save_batch(batch)
        print(f"built a store of {store.count('attributions')} claims in {store.count('articles')} articles")
    if db_url.startswith(("postgresql://", "postgres://")):
        analyze(db_url)


def analyze(db_url: str) -> None:
    """Gather PostgreSQL's planner statistics now, as autovacuum does a while after a bulk load."""
    import psycopg

    with psycopg.connect(db_url, autocommit=True) as conn:
        conn.execute("ANALYZE")


def queries(rng: random.Random) -> tuple[str, dict[str, str]]:
    """One random combination of ledger filters, like an analyst clicking through the UI, and its name."""
    choice = rng.randint(0, 5)
    start = date(2024, 1, 1) + timedelta(days=rng.randint(0, 450))
    params: dict[str, str] = {"limit": "50"}
    if choice in (0, 5):
        params["status"] = rng.choice(CUES)[1]
    if choice in (1, 5):
        params["source_kind"] = rng.choice(SOURCES)[1]
    if choice == 2:
        params["outlet"] = rng.choice(OUTLETS)
        params["since"], params["until"] = start.isoformat(), (start + timedelta(days=30)).isoformat()
    if choice == 3:
        params["source"] = rng.choice(SOURCES)[0].split()[-1].lower()
    if choice == 4:
        params["q"] = rng.choice(TOPICS).split()[-1]
    name = "+".join(k for k in params if k not in {"limit", "until"})
    return name, params


def store_latencies(db_url: str, requests: int, seed: int) -> None:
    """Latency of Store.claims() alone, one query at a time: what the HTTP layer adds is the rest."""
    rng = random.Random(seed)
    measured: dict[str, list[float]] = {}
    with open_store(db_url) as store:
        for _ in range(requests):
            name, params = queries(rng)
            get = params.get
            filters = claim_filter(
                source=get("source"), status=get("status"), outlet=get("outlet"), since=get("since"),
                until=get("until"), source_kind=get("source_kind"), text=get("q"), limit=51,
            )  # fmt: skip
            began = time.perf_counter()
            store.claims(filters)
            measured.setdefault(name, []).append((time.perf_counter() - began) * 1000)
        middle = store.count("attributions") // 2
        began = time.perf_counter()
        (row,) = store.claims(ClaimFilter(limit=1, offset=middle))
        by_offset = (time.perf_counter() - began) * 1000
        began = time.perf_counter()
        store.claims(ClaimFilter(limit=51, after=claim_key(row)))
        by_keyset = (time.perf_counter() - began) * 1000
    print("store queries, one at a time:")
    for name, mine in sorted(measured.items()):
        p50, p99 = percentile(mine, 0.5), percentile(mine, 0.99)
        print(f"  {name:<20} {len(mine):>5} queries   p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
    print(f"  a page at row {middle}: by offset {by_offset:.1f} ms, by keyset {by_keyset:.1f} ms")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db_url: str, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn, sys; from reportedly.web.app import create_app; "
        f"uvicorn.run(create_app({db_url!r}), host='127.0.0.1', port={port}, log_level='warning')"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("the server did not start")


async def load(base: str, requests: int, clients: int, seed: int) -> list[tuple[str, float]]:
    rng = random.Random(seed)
    todo = [queries(rng) for _ in range(requests)]
    latencies: list[tuple[str, float]] = []

    async def client(worker: int) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            for name, params in todo[worker::clients]:
                began = time.perf_counter()
                response = await http.get("/api/claims", params=params)
                latencies.append((name, (time.perf_counter() - began) * 1000))
                if response.status_code != 200:
                    raise SystemExit(f"{response.status_code}: {response.text[:200]}")

    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=None, help="database URL (default: a SQLite file in a temporary folder)")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    folder = None if args.db else tempfile.mkdtemp(prefix="reportedly-bench-")
    db_url = args.db or f"sqlite:///{Path(str(folder)) / 'bench.db'}"
    began = time.perf_counter()
    build(db_url, args.claims, args.seed)
    print(f"build: {time.perf_counter() - began:.1f} s")
    store_latencies(db_url, 300, args.seed)
    port = free_port()
    server = start_server(db_url, port)
    try:
        base = f"http://127.0.0.1:{port}"
        asyncio.run(load(base, 25 * args.clients, args.clients, args.seed + 1))  # warm up every server thread
        began = time.perf_counter()
        measured = asyncio.run(load(base, args.requests, args.clients, args.seed))
        elapsed = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=10)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)
    latencies = [ms for _, ms in measured]
    print(f"HTTP requests, {args.clients} concurrent clients:")
    for name in sorted({n for n, _ in measured}):
        mine = [ms for n, ms in measured if n == name]
        p50, p99 = percentile(mine, 0.5), percentile(mine, 0.99)
        print(f"  {name:<20} {len(mine):>5} requests  p50 {p50:7.1f} ms  p99 {p99:7.1f} ms")
    print(
        f"{len(latencies)} requests to /api/claims with filters, {args.clients} concurrent clients, "
        f"{len(latencies) / elapsed:.0f} requests/s, cpu count {os.cpu_count()}"
    )
    print(
        f"latency ms: p50 {percentile(latencies, 0.5):.1f}  p90 {percentile(latencies, 0.9):.1f}  "
        f"p99 {percentile(latencies, 0.99):.1f}  max {max(latencies):.1f}  mean {statistics.fmean(latencies):.1f}"
    )
    print("target p99 < 50 ms:", "met" if percentile(latencies, 0.99) < 50 else "not met")


if __name__ == "__main__":
    main()
