"""Server-rendered pages: each renders, escapes untrusted text, and carries no inline script."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from ledger_data import ledger

from reportedly.web import markup
from reportedly.web.app import STATIC

TEMPLATES = STATIC.parent / "templates"
HTML = {"Accept": "text/html"}


def page(client: TestClient, path: str, status: int = 200) -> str:
    response = client.get(path, headers=HTML)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def pages() -> list[str]:
    kharkiv, kherson = ledger()[0][0], ledger()[1][0]
    return [
        "/",
        f"/articles/{kharkiv.id}",
        f"/articles/{kherson.id}",
        "/ledger",
        "/ledger?status=denied",
        "/ledger?sort=-status&asserted=true",
        "/events",
        f"/events/{kherson.id}-e0",
        "/map",
        "/map?world=true",
        "/sources",
        "/search?q=drone",
        f"/articles/{ledger()[3][0].id}",
        f"/events/{ledger()[3][0].id}-e0",
    ]


@pytest.mark.parametrize("path", pages())
def test_page_renders_without_inline_script(client: TestClient, path: str) -> None:
    html = page(client, path)
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert re.search(r'\ssrc="/static/[^"]+"', tag), tag
    tags = re.sub(r'"[^"]*"', '""', html)  # attribute values are quoted and escaped; look at the markup itself
    assert not re.search(r"<[^>]+\son\w+\s*=", tags), "an event handler attribute was rendered"
    assert "javascript:" not in re.findall(r'href="([^"]*)"', html)
    assert not re.search(r"\sstyle=", html), "inline styles are blocked by the CSP"


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_templates_have_no_inline_script_or_handler(template: str) -> None:
    source = (TEMPLATES / template).read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", source)
    assert not re.search(r"\son[a-z]+\s*=", source)
    assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source


def test_hostile_article_is_escaped(client: TestClient) -> None:
    art = ledger()[3][0]
    for path in (f"/articles/{art.id}", "/", "/ledger?asserted=true", "/events", "/map", "/sources"):
        html = page(client, path)
        assert "<script>window.__pwned" not in html
        assert "<img src=x" not in html
        assert "<b>spokesman</b>" not in html
    reader = page(client, f"/articles/{art.id}")
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in reader
    assert 'href="javascript:' not in reader


def test_reader_marks_frames_times_places(client: TestClient) -> None:
    art, analysis = ledger()[0]
    html = page(client, f"/articles/{art.id}")
    badges = re.findall(r'<a class="badge st-(\w+)" id="f(\d+)"', html)
    assert [(s, int(i)) for s, i in badges] == [(f.status, i) for i, f in enumerate(analysis.attributions)]
    assert 'class="time"' in html or re.search(r'class="[^"]*\btime\b', html)
    assert re.search(r'class="[^"]*\bplace\b[^"]*"[^>]*title="place \(event\): Kharkiv', html)
    assert len(re.findall(r'<section id="detail-\d+"', html)) == len(analysis.attributions)


def test_reader_shows_nesting(client: TestClient) -> None:
    art, _ = ledger()[1]
    html = page(client, f"/articles/{art.id}")
    assert re.search(r'class="content d2[^"]*"', html), "the nested content is not shaded deeper"
    assert "↳ reported" in html
    assert re.search(r'nested in</dt><dd><a href="#f0"', html)


def test_ledger_filters_and_sorts(client: TestClient) -> None:
    html = page(client, "/ledger?status=denied")
    assert re.findall(r'<tr data-status="(\w+)"', html) == ["denied"]
    statuses = re.findall(r'<tr data-status="(\w+)"', page(client, "/ledger?sort=-status&asserted=true"))
    assert len(statuses) == sum(len(an.attributions) for _, an in ledger())
    from reportedly.records import STATUSES

    ranks = [STATUSES.index(s) for s in statuses]
    assert ranks == sorted(ranks, reverse=True)
    assert re.findall(r'<tr data-status="(\w+)"', page(client, "/ledger?start=500")) == []


def test_ledger_download_links_keep_the_filters(client: TestClient) -> None:
    html = page(client, "/ledger?status=denied&source_kind=government&sort=outlet")
    links = re.findall(r'href="(/api/export\?[^"]+)"', html)
    assert len(links) == 3
    for link in links:
        target = link.replace("&amp;", "&")
        assert "status=denied" in target and "source_kind=government" in target and "sort=" not in target
        assert client.get(target).status_code == 200


def test_event_matrix_page(client: TestClient) -> None:
    art, analysis = ledger()[1]
    html = page(client, f"/events/{art.id}-e0")
    filled = re.findall(r'<tr class="" data-status="(\w+)"', html)
    assert set(filled) == {analysis.attributions[i].status for i in analysis.events[0].attributions}
    assert f'href="/articles/{art.id}#f1"' in html


def test_timeline_and_map_pages(client: TestClient) -> None:
    html = page(client, "/events")
    dated = sum(1 for _, an in ledger() for e in an.events if e.time is not None)
    assert len(re.findall(r'<a href="/events/[^"]+" class="tl-event">', html)) == dated
    located = page(client, "/map")
    assert len(re.findall(r'class="point"', located)) == 3


def test_home_lists_latest_first(client: TestClient) -> None:
    html = page(client, "/")
    shown = re.findall(r'<a href="/articles/(\w+)">', html)
    latest_first = sorted(ledger(), key=lambda pair: pair[0].published, reverse=True)
    assert shown == [art.id for art, _ in latest_first]
    assert "earlier →" not in html and page(client, "/?page=2").count('<a href="/articles/') == 0


def test_search_page(client: TestClient) -> None:
    html = page(client, "/search?q=convoy")
    assert re.findall(r'<a href="/articles/(\w+)">', html) == [ledger()[1][0].id]
    assert 'value="convoy"' in html
    assert "Type words" in page(client, "/search")
    assert "&lt;script&gt;" in page(client, "/search?q=%3Cscript%3E")


def test_unknown_page_is_html_404(client: TestClient) -> None:
    html = page(client, "/articles/ffffffffffffffff", status=404)
    assert "No article" in html or "not" in html.lower()
    assert "Back to the articles" in html


def test_bad_filter_is_html_422(client: TestClient) -> None:
    assert "Unknown status" in page(client, "/ledger?status=maybe", status=422)


def test_pieces_rejoin_to_the_text() -> None:
    for art, analysis in ledger():
        pieces = markup.pieces(art.text, analysis)
        assert "".join(p.text for p in pieces) == art.text
        assert sorted(f for p in pieces for f, _ in p.badges) == list(range(len(analysis.attributions)))


def test_static_assets_are_vendored() -> None:
    vendor = STATIC / "vendor"
    for name in (
        "world-atlas/countries-110m.json",
        "world-atlas/LICENSE",
        "topojson-client/topojson-client.min.js",
        "topojson-client/LICENSE",
    ):
        assert (vendor / name).is_file(), name
    for script in STATIC.glob("*.js"):
        assert not re.search(r"https?://(?!www\.w3\.org/)", script.read_text()), f"{script.name} loads from the web"


def test_binds_loopback_by_default() -> None:
    import inspect

    from reportedly.web.app import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
