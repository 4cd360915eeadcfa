from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportedly.cli import cli

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def linked_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not EXAMPLES.is_dir():
        pytest.skip("no examples folder")
    db = f"sqlite:///{tmp_path_factory.mktemp('link') / 'link.db'}"
    assert run("ingest", str(EXAMPLES), "--db", db).exit_code == 0
    summary = json.loads(run("link", "--db", db, "--json").output)
    assert summary["new_articles"] > 0 and summary["links"] > 0
    return db


def test_link_again_finds_nothing_new(linked_db: str) -> None:
    again = json.loads(run("link", "--db", linked_db, "--json").output)
    assert again["new_articles"] == 0


def test_stories_and_event_matrix(linked_db: str) -> None:
    stories = [json.loads(x) for x in run("stories", "--db", linked_db, "--json").output.splitlines()]
    assert stories
    biggest = max(stories, key=lambda s: len(s["articles"]))
    assert len(biggest["articles"]) >= 3, "the dam story is told by several outlets"
    clusters = [json.loads(run("event", c, "--db", linked_db, "--json").output) for c in biggest["clusters"]]
    contradicted = [c for c in clusters if c["contradictions"]]
    assert contradicted, "the casualty figures disagree"
    for cluster in clusters:
        counts = cluster["counts"]
        assert counts["independent_sources"] <= counts["articles"]
    table = run("event", contradicted[0]["id"][:12], "--db", linked_db)
    assert "verification matrix" in table.output and "contradiction" in table.output


def test_claims_json_carries_link_fields(linked_db: str) -> None:
    rows = [json.loads(x) for x in run("claims", "--db", linked_db, "--json").output.splitlines()]
    assert rows
    for key in ("claim_id", "events", "same_claim", "supports", "contradicts", "cites"):
        assert key in rows[0]
    assert any(r["contradicts"] for r in rows)


def test_unknown_event_is_an_error(linked_db: str) -> None:
    result = CliRunner().invoke(cli, ["event", "event-nothing", "--db", linked_db])
    assert result.exit_code == 1 and "Error:" in result.output
