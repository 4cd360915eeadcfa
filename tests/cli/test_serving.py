from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportedly.cli import cli

pytest.importorskip("fastapi", reason="the web extra is not installed")


@pytest.fixture()
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    data = tmp_path / "a.jsonl"
    rows = [
        {
            "id": "d1",
            "text": "The ministry denied that the bridge had been damaged.",
            "outlet": "Wire",
            "published": "2024-02-01",
        },
        {
            "id": "d2",
            "text": "Residents said that the bridge had been damaged.",
            "outlet": "Local",
            "published": "2024-02-02",
        },
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert CliRunner().invoke(cli, ["ingest", str(data), "--db", url]).exit_code == 0
    return url


def test_serve_get_runs_one_request_in_process(db: str) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--get", "/api/claims?status=denied"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["ok"] is True
    assert body["items"] and {item["status"] for item in body["items"]} == {"denied"}


def test_serve_get_error_exits_1_with_the_error_shape(db: str) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", db, "--get", "/api/articles/nothing-here"])
    assert result.exit_code == 1
    body = json.loads(result.output)
    assert body["ok"] is False and body["status"] == 404


def test_export_csv_to_a_file(db: str, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "csv", "--outlet", "Local", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and {r["outlet"] for r in rows} == {"Local"}


def test_export_prov_is_json_ld(db: str) -> None:
    result = CliRunner().invoke(cli, ["export", "--db", db, "--format", "prov"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert "@context" in doc
    assert "wasAttributedTo" in result.output
