"""Stories and event clusters across articles, over the examples run through the pipeline and `link`."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from reportedly.records import STATUSES


def all_stories(client: TestClient) -> list[dict[str, Any]]:
    found, cursor = [], None
    while True:
        body = client.get("/api/stories", params={"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        assert body["ok"] is True
        found += body["items"]
        cursor = body["next"]
        if not cursor:
            return found


def test_stories_page_through(example_client: TestClient) -> None:
    stories = all_stories(example_client)
    assert stories, "linking the examples made no story"
    assert len({s["id"] for s in stories}) == len(stories)
    dates = [s["last_published"] for s in stories]
    assert dates == sorted(dates, reverse=True)


def test_cluster_matrix_adds_up(example_client: TestClient) -> None:
    clusters = [c for s in all_stories(example_client) for c in s["clusters"]]
    assert clusters
    widest = max((example_client.get(f"/api/clusters/{c}").json() for c in clusters), key=lambda c: len(c["matrix"]))
    assert widest["counts"]["articles"] >= 2, "no event of the examples is reported by two articles"
    frames = [f for row in widest["matrix"] for f in row["frames"]]
    assert sum(len(v) for v in widest["by_status"].values()) == len(frames)
    assert set(widest["by_status"]) >= set(STATUSES)
    for row in widest["matrix"]:
        if row["event"]:
            event = example_client.get(f"/api/events/{row['event']}").json()
            assert event["event"]["trigger"]["text"] == row["trigger"]["text"]


def test_cluster_pages(example_client: TestClient) -> None:
    html = example_client.get("/stories").text
    links = re.findall(r'href="/clusters/([\w-]+)"', html)
    assert links
    page = example_client.get(f"/clusters/{links[0]}")
    assert page.status_code == 200 and 'id="matrix"' in page.text
    for tag in re.findall(r"<script\b[^>]*>", html + page.text):
        assert 'src="/static/' in tag
    cluster = example_client.get(f"/api/clusters/{links[0]}").json()
    event = next(row["event"] for row in cluster["matrix"] if row["event"])
    assert f'href="/clusters/{cluster["id"]}"' in example_client.get(f"/events/{event}").text


def test_unknown_cluster(example_client: TestClient) -> None:
    response = example_client.get("/api/clusters/event-000000000000")
    assert response.status_code == 404 and response.json()["ok"] is False
    assert example_client.get("/clusters/event-000000000000", headers={"Accept": "text/html"}).status_code == 404


def test_unlinked_store_has_no_stories(client: TestClient) -> None:
    assert client.get("/api/stories").json()["items"] == []
    assert "No stories yet" in client.get("/stories").text


def test_reader_shows_links_across_articles(example_client: TestClient) -> None:
    clusters = [c for s in all_stories(example_client) for c in s["clusters"]]
    conflicts = [
        link
        for c in clusters
        for link in example_client.get(f"/api/clusters/{c}").json()["contradictions"]
        if link["from"]["kind"] == "frame" and link["to"]["article_id"] != link["from"]["article_id"]
    ]
    assert conflicts, "linking the examples found no contradiction between frames of two articles"
    link = conflicts[0]
    other = example_client.get(f"/api/articles/{link['to']['article_id']}").json()["article"]
    html = example_client.get(f"/articles/{link['from']['article_id']}").text
    detail = html[html.index(f'<section id="detail-{link["from"]["index"]}"') :]
    detail = detail[: detail.index("</section>")]
    assert "contradicted by" in detail
    assert f'href="/articles/{other["id"]}#f{link["to"]["index"]}"' in detail
    assert other["outlet"] in detail


def test_every_page_of_the_examples_renders(example_client: TestClient) -> None:
    articles = example_client.get("/api/articles", params={"limit": 500}).json()["items"]
    events = example_client.get("/api/events", params={"limit": 500}).json()["items"]
    clusters = [c for s in all_stories(example_client) for c in s["clusters"]]
    paths = [f"/articles/{a['id']}" for a in articles] + [f"/events/{e['id']}" for e in events]
    paths += [f"/clusters/{c}" for c in clusters] + ["/", "/ledger", "/events", "/map", "/sources", "/stories"]
    for path in paths:
        response = example_client.get(path, headers={"Accept": "text/html"})
        assert response.status_code == 200, (path, response.text[:300])


def test_ledger_marks_contradicted_claims(example_client: TestClient) -> None:
    articles = example_client.get("/api/articles", params={"limit": 500}).json()["items"]
    marked = {
        (a["id"], int(i))
        for a in articles
        for i in re.findall(
            rf'<a class="conflict" href="/articles/{a["id"]}#f(\d+)"',
            example_client.get("/ledger", params={"article_id": a["id"], "asserted": "true"}).text,
        )
    }
    clusters = [c for s in all_stories(example_client) for c in s["clusters"]]
    expected = {
        (end["article_id"], end["index"])
        for c in clusters
        for link in example_client.get(f"/api/clusters/{c}").json()["contradictions"]
        for end in (link["from"], link["to"])
        if end["kind"] == "frame"
    }
    assert marked and expected <= marked
