"""URLs, fetched from a local HTTP server started by the test (no outside network)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from reportedly.ingest import canonical_url, read
from reportedly.ingest.common import InputProblem
from reportedly.ingest.fetch import fetch
from reportedly.records import Article, Skipped

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[dict[str, int]] = {}
    agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8", **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.hits[path] = self.hits.get(path, 0) + 1
        self.agents.append(self.headers.get("User-Agent", ""))
        page = (DATA / "page_meta.html").read_bytes()
        if path in ("/news/ferry", "/2025/05/30/ferry"):
            self.send(200, page)
        elif path == "/moved":
            self.send(301, b"", Location="/news/ferry")
        elif path == "/loop":
            self.send(302, b"", Location="/loop")
        elif path == "/big":
            self.send(200, b"x" * 300_000, "text/plain")
        elif path == "/flaky":
            self.send(503, b"busy") if self.hits[path] == 1 else self.send(200, page)
        elif path == "/feed.xml":
            self.send(200, self.feed(), "application/rss+xml")
        else:
            self.send(404, b"not here")

    def feed(self) -> bytes:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        items = "".join(
            f"<item><title>Entry {n} (fictional)</title><link>{base}{link}</link>"
            f"<pubDate>Tue, 0{n} Jun 2025 10:00:00 +0000</pubDate><description>Short summary {n}.</description></item>"
            for n, link in ((1, "/news/ferry"), (2, "/gone"))
        )
        channel = f"<channel><title>Local Feed</title>{items}</channel>"
        return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_html_url(server: str) -> None:
    (article,) = list(read(f"{server}/moved?utm_source=newsletter"))
    assert isinstance(article, Article)
    assert article.title == "Ferry service resumes after storm (fictional)"
    assert article.outlet == "Varnholm Courier"
    assert article.published == date(2025, 5, 12)
    assert article.url == f"{server}/news/ferry"  # after the redirect, canonical
    assert Handler.agents[-1].startswith("reportedly")


@pytest.mark.parametrize(
    "path, reason",
    [("/missing", "fetch failed"), ("/loop", "fetch failed"), ("/big", "too large")],
)
def test_url_failures_are_skipped(server: str, path: str, reason: str) -> None:
    (item,) = list(read(f"{server}{path}", max_file_size=100_000))
    assert isinstance(item, Skipped)
    assert (item.location, item.reason) == (f"{server}{path}", reason)


def test_retry_after_server_error(server: str) -> None:
    page = fetch(f"{server}/flaky", backoff=0.01)
    assert b"Varnholm" in page.content
    assert Handler.hits["/flaky"] == 2


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/file.html", "file:///etc/passwd", "http://"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(InputProblem) as info:
        fetch(url)
    assert info.value.reason == "bad url"


def test_feed_url_following_links(server: str) -> None:
    items = list(read(f"{server}/feed.xml", follow_links=True))
    first, second = items
    assert isinstance(first, Article) and first.outlet == "Local Feed"
    assert first.title == "Ferry service resumes after storm (fictional)"
    assert first.text.startswith("The ferry between Varnholm")
    assert isinstance(second, Skipped) and second.reason == "fetch failed"
    summaries = [i for i in read(f"{server}/feed.xml") if isinstance(i, Article)]
    assert [a.text for a in summaries] == ["Short summary 1.", "Short summary 2."]
    assert summaries[1].published == date(2025, 6, 2)


def test_url_lists_following_links(server: str, tmp_path: Path) -> None:
    gdelt = tmp_path / "gdelt.json"
    rows = [
        {"url": f"{server}{path}", "title": "T", "seendate": "20250601T101500Z", "domain": "v.example"}
        for path in ("/news/ferry", "/gone")
    ]
    gdelt.write_text(json.dumps({"articles": rows}))
    first, second = list(read(gdelt, fields="gdelt", follow_links=True))
    assert isinstance(first, Article)
    assert (first.outlet, first.published, first.title) == (
        "v.example",
        date(2025, 5, 12),
        "Ferry service resumes after storm (fictional)",
    )
    assert first.text.startswith("The ferry between Varnholm")
    assert isinstance(second, Skipped) and (second.reason, second.location) == ("fetch failed", f"{gdelt}:1:[1]")
    (unfollowed, _) = list(read(gdelt, fields="gdelt"))
    assert isinstance(unfollowed, Skipped) and unfollowed.reason == "no text"
    media = tmp_path / "stories.csv"
    media.write_text(f"stories_id,publish_date,url,media_name\n1,2025-06-01,{server}/news/ferry,Courier\n")
    (story,) = list(read(media, fields="mediacloud", follow_links=True))
    assert isinstance(story, Article) and (story.name, story.outlet) == ("1", "Courier")


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.News.example/a/b?utm_source=x&id=7&fbclid=abc#top", "https://news.example/a/b?id=7"),
        ("https://news.example/a/b/amp/", "https://news.example/a/b/"),
        ("https://amp.news.example/amp/a/b", "https://news.example/a/b"),
        ("http://news.example:80/a/story.amp.html?amp=1", "http://news.example/a/story.html"),
        ("https://news.example/a?b=2&a=1", "https://news.example/a?a=1&b=2"),
        ("https://news.example:8443/a", "https://news.example:8443/a"),
        ("not a url", "not a url"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected
