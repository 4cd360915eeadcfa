"""The JSON API through the in-process ASGI client: every endpoint, filter and error."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from ledger_data import HOSTILE, KHERSON, ledger

from reportedly.errors import ConfigError, IngestError, NotFoundError, StoreError
from reportedly.web.app import create_app, error_status, get_once

FRAMES = [(art, i, f) for art, an in ledger() for i, f in enumerate(an.attributions)]
EVENTS = [(art, an, i) for art, an in ledger() for i in range(len(an.events))]


def items(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paginated list, following the cursors."""
    found: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["ok"] is True
        found += body["items"]
        cursor = body["next"]
        if cursor and "limit" in params:
            assert len(body["items"]) == int(params["limit"]), "a page before the last one is short"
        if not cursor:
            return found


def keys(rows: list[dict[str, Any]]) -> set[tuple[str, int]]:
    return {(r["article_id"], r["index"]) for r in rows}


def assert_error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert body == {"ok": False, "error": body["error"], "status": status}
    assert isinstance(body["error"], str) and body["error"]
    return body


def test_index_counts_and_endpoints(client: TestClient) -> None:
    body = client.get("/api").json()
    assert body["counts"]["articles"] == len(ledger())
    assert body["counts"]["attributions"] == len(FRAMES)
    assert {"/api/claims", "/api/events", "/api/sources", "/api/export"} <= set(body["endpoints"])


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/articles/{key}",
        "/api/claims",
        "/api/sources",
        "/api/sources/graph",
        "/api/events",
        "/api/events/{key}",
        "/api/search",
        "/api/export",
    ):
        assert path in spec["paths"], path
    assert "post" in spec["paths"]["/api/articles"]


def test_articles_list_and_cursor(client: TestClient) -> None:
    everything = items(client, "/api/articles", limit=1)
    assert sorted(a["id"] for a in everything) == sorted(art.id for art, _ in ledger())
    assert all("text" not in a and a["chars"] > 0 for a in everything)


@pytest.mark.parametrize(
    "params, keep",
    [
        ({"outlet": "Northern Ledger"}, lambda a: a.outlet == "Northern Ledger"),
        ({"since": "2025-03-10"}, lambda a: a.published.isoformat() >= "2025-03-10"),
        ({"until": "2025-03-10"}, lambda a: a.published.isoformat() <= "2025-03-10"),
        ({"since": "2025-03-01", "until": "2025-03-31"}, lambda a: a.published.month == 3),
    ],
)
def test_articles_filters(client: TestClient, params: dict[str, str], keep: Any) -> None:
    got = {a["id"] for a in items(client, "/api/articles", **params)}
    assert got == {art.id for art, _ in ledger() if keep(art)}


def test_article_with_analysis_by_id_and_prefix(client: TestClient) -> None:
    art, an = ledger()[1]
    for key in (art.id, art.id[:8]):
        body = client.get(f"/api/articles/{key}").json()
        assert body["article"]["text"] == KHERSON
        assert len(body["analysis"]["attributions"]) == len(an.attributions)
        assert body["analysis"]["attributions"][1]["parent"] == 0
        assert [e["id"] for e in body["events"]] == [f"{art.id}-e0"]


@pytest.mark.parametrize(
    "params, keep",
    [
        ({"status": "denied"}, lambda a, f: f.status == "denied"),
        ({"status": "asserted"}, lambda a, f: f.status == "asserted"),
        ({"source_kind": "government"}, lambda a, f: f.source is not None and f.source.kind == "government"),
        ({"source": "telegram"}, lambda a, f: f.source is not None and "telegram" in f.source.name.lower()),
        ({"outlet": "Wire Digest"}, lambda a, f: a.outlet == "Wire Digest" and f.status != "asserted"),
        (
            {"since": "2025-03-10", "until": "2025-03-31"},
            lambda a, f: "2025-03-10" <= a.published.isoformat() <= "2025-03-31" and f.status != "asserted",
        ),
        ({"q": "convoy"}, lambda a, f: "convoy" in f.content.text),
        ({"asserted": "true"}, lambda a, f: True),
        ({}, lambda a, f: f.status != "asserted"),
        (
            {"status": "reported", "source_kind": "media"},
            lambda a, f: f.status == "reported" and f.source.kind == "media",
        ),
    ],
)
def test_claims_filters(client: TestClient, params: dict[str, str], keep: Any) -> None:
    got = items(client, "/api/claims", limit=2, **params)
    assert keys(got) == {(a.id, i) for a, i, f in FRAMES if keep(a, f)}
    assert len(got) == len(keys(got)), "a row came twice across pages"


def test_claims_article_filter(client: TestClient) -> None:
    art, an = ledger()[0]
    got = items(client, "/api/claims", article_id=art.id, asserted="true")
    assert [r["index"] for r in got] == list(range(len(an.attributions)))


def test_claims_by_event_date(client: TestClient) -> None:
    """Event dates, not publication dates: only frames asserting an event dated within the range."""
    got = items(client, "/api/claims", event_since="2025-03-01", event_until="2025-03-05")
    kherson, analysis = ledger()[1]
    assert keys(got) == {(kherson.id, i) for i in analysis.events[0].attributions}
    assert items(client, "/api/claims", event_since="2030-01-01") == []


def test_claim_rows_carry_spans(client: TestClient) -> None:
    row = items(client, "/api/claims", status="confirmed")[0]
    text = ledger()[0][0].text
    assert text[row["content_start"] : row["content_end"]] == row["content_text"]
    assert text[row["cue_start"] : row["cue_end"]] == row["cue_text"] == "confirmed"


def test_sources(client: TestClient) -> None:
    rows = items(client, "/api/sources")
    frames = [r["frames"] for r in rows]
    assert frames == sorted(frames, reverse=True)
    named = {r["name"] for r in rows}
    assert {"The defence ministry", "Reuters", "two officials"} <= named
    government = items(client, "/api/sources", kind="government")
    assert government and all(r["kind"] == "government" for r in government)
    assert {r["name"] for r in items(client, "/api/sources", outlet="Wire Digest")} == {
        "Reuters",
        "two officials",
        "Moscow",
    }


def test_source_graph(client: TestClient) -> None:
    body = client.get("/api/sources/graph", params={"max_sources": 3}).json()
    assert len(body["sources"]) == 3
    assert {o["name"] for o in body["outlets"]} <= {art.outlet for art, _ in ledger()}
    for edge in body["edges"]:
        assert 0 <= edge["source"] < len(body["sources"]) and 0 <= edge["outlet"] < len(body["outlets"])
        assert edge["weight"] >= 1


def test_events_list(client: TestClient) -> None:
    rows = items(client, "/api/events", limit=2)
    assert {r["id"] for r in rows} == {f"{a.id}-e{i}" for a, _, i in EVENTS}
    kharkiv = next(r for r in rows if r["trigger"]["text"] == "struck")
    assert kharkiv["time"]["value"] == "2025-03-11" and kharkiv["place"]["name"] == "Kharkiv"
    assert kharkiv["statuses"] == {"reported": 1, "denied": 1, "claimed": 1}


@pytest.mark.parametrize(
    "params, triggers",
    [
        ({"event_since": "2025-03-10", "event_until": "2025-03-12"}, {"struck"}),
        ({"event_since": "2025-04-15"}, {"strikes"}),  # "April" covers the whole month
        ({"type": "intercept"}, {"intercepted"}),
        ({"located": "true"}, {"struck", "hit", "attacked"}),
        ({"outlet": "Wire Digest"}, {"hit"}),
        ({"dated": "true"}, {"struck", "hit", "intercepted", "strikes", "attacked"}),
    ],
)
def test_events_filters(client: TestClient, params: dict[str, str], triggers: set[str]) -> None:
    assert {r["trigger"]["text"] for r in items(client, "/api/events", **params)} == triggers


def test_event_matrix(client: TestClient) -> None:
    art, an = ledger()[1]
    body = client.get(f"/api/events/{art.id}-e0").json()
    assert body["event"]["trigger"]["text"] == "hit"
    expected = {an.attributions[i].status for i in an.events[0].attributions}
    assert {status for status, frames in body["matrix"].items() if frames} == expected
    nested = body["matrix"]["reported"][0]
    assert nested["source"]["name"] == "two officials"
    assert nested["chain"] == ["Wire Digest", "Reuters", "two officials"]


def test_search(client: TestClient) -> None:
    rows = client.get("/api/search", params={"q": "convoy"}).json()["items"]
    assert [r["article_id"] for r in rows] == [ledger()[1][0].id]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "prov"])
def test_export_endpoint(client: TestClient, fmt: str) -> None:
    response = client.get("/api/export", params={"format": fmt, "status": "denied"})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    if fmt == "jsonl":
        rows = [json.loads(line) for line in response.text.splitlines()]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(response.text)))
    else:
        rows = [n for n in response.json()["@graph"] if n.get("rep:kind") == "claim"]
    assert len(rows) == sum(1 for _, _, f in FRAMES if f.status == "denied")


@pytest.mark.parametrize(
    "path, status",
    [
        ("/api/nowhere", 404),
        ("/api/articles/ffffffffffffffff", 404),
        ("/api/events/not-an-event", 404),
        (f"/api/events/{ledger()[0][0].id}-e9", 404),
        ("/api/claims?status=maybe", 422),
        ("/api/claims?source_kind=alien", 422),
        ("/api/claims?since=yesterday", 422),
        ("/api/claims?event_since=soon", 422),
        ("/api/claims?cursor=bm90LWEtY3Vyc29y", 422),
        ("/api/claims?cursor=bzo5OTk5OTk5OTk5OTk5OTk5OTk5OTk5", 422),
        ("/api/claims?limit=0", 422),
        ("/api/claims?limit=100000", 422),
        ("/api/articles?until=32.13.2025", 422),
        ("/api/events?event_since=2025-05-01&event_until=2025-04-01", 422),
        ("/api/search?q=", 422),
        ("/api/export?format=xlsx", 422),
        ("/api/sources?kind=alien", 422),
    ],
)
def test_errors_have_one_shape(client: TestClient, path: str, status: int) -> None:
    assert_error(client.get(path), status)


@pytest.mark.parametrize(
    "path",
    [
        "/api/claims?source=a%00b",
        "/api/claims?q=%00",
        "/api/articles/a%00b",
        "/api/search?q=a%00",
        "/ledger?outlet=%00",
    ],
)
def test_nul_characters_are_refused(client: TestClient, path: str) -> None:
    assert_error(client.get(path), 422)


def test_method_not_allowed_has_the_error_shape(client: TestClient) -> None:
    assert_error(client.delete("/api/claims"), 405)


def test_read_only_without_token(client: TestClient) -> None:
    body = assert_error(client.post("/api/articles", json={"text": "Police said a bridge collapsed."}), 403)
    assert "--token" in body["error"]


@pytest.mark.parametrize(
    "exc, status", [(NotFoundError("x"), 404), (ConfigError("x"), 422), (IngestError("x"), 422), (StoreError("x"), 500)]
)
def test_error_status_of_each_error(exc: Exception, status: int) -> None:
    assert error_status(exc) == status  # type: ignore[arg-type]


def test_security_headers_on_every_response(client: TestClient) -> None:
    for path in ("/api", "/api/nowhere", "/", "/ledger", "/static/app.css"):
        csp = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_get_once(db_url: str) -> None:
    status, body = get_once(db_url, "/api/claims?status=denied")
    assert status == 200
    assert [r["status"] for r in json.loads(body)["items"]] == ["denied"]
    status, body = get_once(db_url, "/api/articles/ffffffffffffffff")
    assert status == 404 and json.loads(body)["ok"] is False
    with pytest.raises(ConfigError):
        get_once(db_url, "api/claims")


def test_hostile_text_is_returned_as_data(client: TestClient) -> None:
    art = ledger()[3][0]
    assert client.get(f"/api/articles/{art.id}").json()["article"]["text"] == HOSTILE


@pytest.fixture()
def writable(tmp_path: Any, nlp: Any) -> Any:
    app = create_app(f"sqlite:///{tmp_path / 'w.db'}", token="s3cret-token")
    app.state.nlp = nlp  # the session's pipeline, so the app does not load a second one
    with TestClient(app) as test_client:
        yield test_client


ARTICLE = {
    "text": "The ministry said on Monday that a bridge near Odesa was damaged. Officials denied the report.",
    "outlet": "Coast Times",
    "published": "2025-05-06",
    "title": "Bridge damaged",
    "url": "https://example.org/bridge",
}


def test_post_article_with_token(writable: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret-token"}
    assert writable.get("/api/sources").json()["items"] == []  # now cached for an empty store
    assert_error(writable.post("/api/articles", json=ARTICLE), 401)
    assert_error(writable.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer wrong"}), 401)
    response = writable.post("/api/articles", json=ARTICLE, headers=auth)
    assert response.status_code == 201, response.text
    body = response.json()
    stored = writable.get(body["location"]).json()
    assert stored["article"]["outlet"] == "Coast Times" and stored["article"]["published"] == "2025-05-06"
    assert stored["analysis"] is not None
    again = writable.post("/api/articles", json=ARTICLE, headers=auth)
    assert again.status_code == 200 and again.json()["already_stored"] is True
    counts = writable.get("/api").json()["counts"]
    assert counts["articles"] == 1 and counts["attributions"] > 0
    fresh = writable.get("/api/sources").json()["items"]
    assert fresh, "the list of sources cached before the article was stored was served again"


@pytest.mark.parametrize(
    "body",
    [
        {"text": ""},
        {"text": "   \n  "},
        {"outlet": "no text"},
        {"text": "A text.", "published": "not a date"},
        {"text": 12},
        {"text": "\x00\x00"},
    ],
)
def test_post_article_rejects_bad_input(writable: TestClient, body: dict[str, Any]) -> None:
    response = writable.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret-token"})
    assert_error(response, 422)


def test_post_article_rejects_non_json(writable: TestClient) -> None:
    response = writable.post(
        "/api/articles",
        content=b"text=hello",
        headers={"Authorization": "Bearer s3cret-token", "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert_error(response, 422)


def test_hostile_names_in_export_rows(client: TestClient) -> None:
    rows = [
        json.loads(x)
        for x in client.get("/api/export", params={"format": "jsonl", "source": "spokesman"}).text.splitlines()
    ]
    assert rows and rows[0]["source_name"] == "<b>spokesman</b>"
