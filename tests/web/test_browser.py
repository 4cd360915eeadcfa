"""The web UI in a real headless Chromium (Debian's), served by uvicorn on 127.0.0.1.

Screenshots of every page go to `screenshots/web/` at the repository root (git-ignored), or to
$REPORTEDLY_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from ledger_data import ledger

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium`", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[dev]'")

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("REPORTEDLY_SCREENSHOTS", ROOT / "screenshots" / "web"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def api(base: str, path: str, **params: Any) -> Any:
    return httpx.get(base + path, params=params, timeout=10).json()


def test_reader_highlights_frames_of_an_example(page: Any, example_server: str) -> None:
    articles = api(example_server, "/api/articles", outlet="Velmora Herald")["items"]
    assert articles, "the examples were not ingested"
    page.goto(f"{example_server}/articles/{articles[0]['id']}")
    badges = page.locator("#text a.badge")
    frames = len(api(example_server, f"/api/articles/{articles[0]['id']}")["analysis"]["attributions"])
    assert frames > 0 and badges.count() == frames
    assert page.locator("#text .src").count() > 0 and page.locator("#text .cue").count() > 0
    badges.nth(0).click()
    frame = badges.nth(0).get_attribute("data-frame")
    assert page.locator(f"#detail-{frame}").is_visible() and page.locator("#text .active").count() > 0
    assert page.locator(".frame-detail:not([hidden])").count() == 1
    shot(page, "reader")
    page.keyboard.press("Escape")
    assert page.locator("#detail-none").is_visible()
    page.keyboard.press("j")
    page.keyboard.press("j")
    second = badges.nth(1).get_attribute("data-frame")
    assert page.locator(f"#detail-{second}").is_visible() and page.url.endswith(f"#f{second}")
    page.keyboard.press("k")
    assert page.locator(f"#detail-{frame}").is_visible()
    assert page.errors == []


def test_reader_opens_the_frame_of_a_link(page: Any, live_server: str) -> None:
    art = ledger()[1][0]
    page.goto(f"{live_server}/articles/{art.id}#f1")
    assert page.locator("#detail-1").is_visible()
    assert "two officials" in page.locator("#detail-1").inner_text()
    page.locator("#text [data-frames~='2']").first.click()
    assert page.locator("#detail-2").is_visible() and not page.locator("#detail-1").is_visible()
    assert page.errors == []


def test_ledger_filter_by_status_changes_rows(page: Any, example_server: str) -> None:
    page.goto(f"{example_server}/ledger")
    rows = page.locator("#ledger tbody tr")
    before = rows.count()
    assert before > 0
    shot(page, "ledger")
    with page.expect_navigation():
        page.select_option("select[name=status]", "denied")
    after = [rows.nth(i).get_attribute("data-status") for i in range(rows.count())]
    assert after and set(after) == {"denied"} and len(after) < before
    assert "status=denied" in page.url and "source=" not in page.url  # empty fields stay out of the URL
    with page.expect_navigation():
        page.click("th a.sort:has-text('source')")
    assert set(rows.nth(i).get_attribute("data-status") for i in range(rows.count())) == {"denied"}
    shot(page, "ledger-denied")
    assert page.errors == []


def test_event_verification_matrix(page: Any, example_server: str) -> None:
    events = [e for e in api(example_server, "/api/events", limit=500)["items"] if len(e["frames"]) >= 2]
    assert events, "no example event is asserted by two frames"
    page.goto(f"{example_server}/events")
    page.locator(f"#events a[href='/events/{events[0]['id']}']").click()
    page.wait_for_url(f"**/events/{events[0]['id']}")
    cards = page.locator("#matrix .card")
    assert cards.count() == len(events[0]["frames"])
    shot(page, "event")
    with page.expect_navigation():
        cards.nth(0).locator("a.goto").click()
    assert page.locator(".frame-detail:not([hidden])").count() == 1
    assert page.errors == []


def test_timeline_and_map_render_the_example_events(page: Any, example_server: str) -> None:
    dated = api(example_server, "/api/events", dated="true", limit=500)["items"]
    page.goto(f"{example_server}/events")
    assert page.locator("svg#timeline .tl-event rect").count() == len(dated) > 0
    shot(page, "timeline")
    located = api(example_server, "/api/events", located="true", limit=500)["items"]
    page.goto(f"{example_server}/map")
    page.wait_for_selector("svg#map[data-countries]")
    assert int(page.locator("svg#map").get_attribute("data-countries")) > 150
    places = {(round(e["place"]["lat"], 3), round(e["place"]["lon"], 3)) for e in located}
    assert page.locator("svg#map .point circle").count() == len(places)
    counts = [int(n) for n in page.locator("svg#map .point").evaluate_all("ps => ps.map(p => p.dataset.events)")]
    assert sum(counts) == len(located)
    shot(page, "map")
    assert page.errors == []


def test_map_points_of_the_written_ledger(page: Any, live_server: str) -> None:
    located = api(live_server, "/api/events", located="true", limit=500)["items"]
    page.goto(f"{live_server}/map?world=true")
    page.wait_for_selector("svg#map[data-countries]")
    assert page.locator("svg#map .point circle").count() == len(located) > 0
    assert {t.split(" (")[0] for t in page.locator("svg#map .point text").all_text_contents()} == {
        e["place"]["name"] for e in located
    }
    shot(page, "map-world")
    assert page.errors == []


def test_source_graph(page: Any, example_server: str) -> None:
    graph = api(example_server, "/api/sources/graph")
    page.goto(f"{example_server}/sources")
    assert page.locator("svg#graph .source circle").count() == len(graph["sources"]) > 0
    assert page.locator("svg#graph .edges path").count() == len(graph["edges"])
    shot(page, "sources")
    assert page.errors == []


def test_story_to_cross_outlet_matrix(page: Any, example_server: str) -> None:
    page.goto(f"{example_server}/stories")
    clusters = page.locator("table.clusters a[href^='/clusters/']")
    assert clusters.count() > 0
    shot(page, "stories")
    with page.expect_navigation():
        clusters.nth(0).click()
    cards = page.locator("#matrix .card")
    cluster = api(example_server, page.url.replace(example_server, "/api", 1))
    assert cards.count() == sum(len(row["frames"]) for row in cluster["matrix"]) > 0
    shot(page, "cluster")
    assert page.errors == []


def test_search_from_the_header(page: Any, example_server: str) -> None:
    page.goto(f"{example_server}/ledger")
    page.fill("header form.search input", "spillway")
    with page.expect_navigation():
        page.press("header form.search input", "Enter")
    hits = page.locator("#hits tbody tr")
    assert hits.count() > 0
    shot(page, "search")
    with page.expect_navigation():
        hits.nth(0).locator("a").click()
    assert page.locator("#text").is_visible()
    assert page.errors == []


def test_hostile_article_is_inert(page: Any, live_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    art = ledger()[3][0]
    for path in (
        f"/articles/{art.id}",
        f"/events/{art.id}-e0",
        "/ledger?asserted=true",
        "/events",
        "/map",
        "/sources",
        "/ledger?source=%3Cscript%3Ewindow.__pwned%3D8%3C/script%3E",
    ):
        page.goto(live_server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__pwned") == "undefined", path
    page.goto(f"{live_server}/articles/{art.id}")
    assert page.locator("#text img, #text script, #text a[href^='javascript']").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.locator("#text").inner_text()
    page.locator("#text a.badge").first.click()
    page.get_by_text("this link").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    shot(page, "hostile")
