from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportedly.cli import cli

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


def test_ingest_seed_then_claims_index_the_stored_text(seed_path: Path, db: str) -> None:
    result = run("ingest", str(seed_path), "--db", db)
    assert result.exit_code == 0, result.output
    lines = run("claims", "--db", db, "--json").output.splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) >= 5
    shown = json.loads(run("show", "menafn-2024-11-24-storm-shadow", "--db", db, "--json").output)
    text = shown["text"]
    assert text.startswith("The BBC has confirmed")
    assert shown["outlet"] == "MENAFN"
    assert shown["published"] == "2024-11-24"
    for row in rows:
        assert row["outlet"] == "MENAFN" and row["published"] == "2024-11-24"
        assert text[row["content_start"] : row["content_end"]] == row["content_text"]
        if row["cue_start"] is not None:
            assert text[row["cue_start"] : row["cue_end"]] == row["cue_text"]
        if row["source_start"] is not None:
            assert text[row["source_start"] : row["source_end"]] == row["source_text"]
    statuses = {r["status"] for r in rows}
    assert "confirmed" in statuses and "reported" in statuses


def test_rerun_changes_nothing(tmp_path: Path, db: str) -> None:
    data = tmp_path / "two.jsonl"
    data.write_text(
        json.dumps({"id": "a", "text": "The mayor said that the bridge would reopen on Monday.", "outlet": "Post"})
        + "\n"
        + json.dumps({"id": "b", "text": "Police confirmed that two people were hurt.", "outlet": "Herald"})
        + "\n{not json\n",
        encoding="utf-8",
    )
    first = run("ingest", str(data), "--db", db, "--json")
    second = run("ingest", str(data), "--db", db, "--json")
    one, two = json.loads(first.output), json.loads(second.output)
    assert one["stored"] == 2 and one["skipped"] == 1
    assert two["stored"] == 0 and two["already_stored"] == 2
    assert len(run("claims", "--db", db, "--json").output.splitlines()) == len(
        run("claims", "--db", db, "--json").output.splitlines()
    )
    skipped = run("skipped", "--db", db, "--json").output.splitlines()
    assert len(skipped) == 1, "a rerun must not record the same skipped input twice"


def test_extract_json_is_the_interchange_format(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(" date 2024-03-05 (Daily Example) The minister said that the plant had closed.\n", encoding="utf-8")
    result = run("extract", str(path), "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.output.splitlines()[-1])
    for key in ("name", "id", "published", "outlet", "text", "attributions", "events", "times", "places"):
        assert key in record
    assert record["name"] == "note"
    assert record["published"] == "2024-03-05"
    assert record["outlet"] == "Daily Example"
    frames = [a for a in record["attributions"] if a["status"] != "asserted"]
    assert frames, record
    frame = frames[0]
    assert frame["cue"]["text"] == record["text"][frame["cue"]["start"] : frame["cue"]["end"]] == "said"
    assert frame["source"]["text"] == "The minister"
    assert frame["status"] == "reported"


def test_filters_reach_the_store(db: str, tmp_path: Path) -> None:
    data = tmp_path / "f.jsonl"
    rows = [
        {
            "id": "x1",
            "text": "The ministry denied that troops had crossed the border.",
            "outlet": "Wire",
            "published": "2024-01-02",
        },
        {
            "id": "x2",
            "text": "Witnesses said that troops had crossed the border.",
            "outlet": "Local",
            "published": "2024-02-03",
        },
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert run("ingest", str(data), "--db", db).exit_code == 0
    denied = [json.loads(x) for x in run("claims", "--db", db, "--status", "denied", "--json").output.splitlines()]
    assert denied and {r["status"] for r in denied} == {"denied"}
    local = [json.loads(x) for x in run("claims", "--db", db, "--outlet", "Local", "--json").output.splitlines()]
    assert local and {r["outlet"] for r in local} == {"Local"}
    late = [json.loads(x) for x in run("claims", "--db", db, "--since", "2024-02-01", "--json").output.splitlines()]
    assert late and all(r["published"] >= "2024-02-01" for r in late)
    found = run("search", "border", "--db", db, "--json").output.splitlines()
    assert len(found) == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "no-such-article"], "Error:"),
        (["claims", "--since", "yesterday-ish"], "Error: since must be a date"),
        (["ingest", "/nonexistent/file.txt", "--strict"], "Error:"),
        (["evaluate", "nothing-like-this"], "Error: Unknown evaluation"),
    ],
)
def test_our_errors_exit_1_with_a_message(db: str, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, [*args, "--db", db] if args[0] != "evaluate" else args)
    assert result.exit_code == 1, result.output
    assert message in result.output


def test_migrate_is_idempotent(db: str) -> None:
    first = run("migrate", "--db", db)
    second = run("migrate", "--db", db)
    assert first.exit_code == second.exit_code == 0
    assert "applied 0 migration" in second.output


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert re.search(rf"`reportedly {re.escape(name)}\b", readme), f"command {name} is not in README.md"


def test_settings_command_lists_every_setting() -> None:
    from reportedly.settings import SETTINGS

    lines = [json.loads(x) for x in run("settings", "--json").output.splitlines()]
    assert [x["name"] for x in lines] == [s.name for s in SETTINGS]


def test_demo_prints_the_ledger_and_the_database(tmp_path: Path) -> None:
    if not (ROOT / "examples").is_dir():
        pytest.skip("no examples folder")
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    result = run("demo", "--db", db)
    assert result.exit_code == 0, result.output
    assert "claims" in result.output
    assert "Database: " in result.output and db in result.output
    assert re.search(r"\b(denied|confirmed|reported)\b", result.output)


def test_ingest_maps_fields_and_filters(tmp_path: Path, db: str) -> None:
    data = tmp_path / "export.jsonl"
    rows = [
        {
            "guid": f"r{i}",
            "body": f"The council said that road {i} would close.",
            "site": "Gazette" if i % 2 else "Post",
            "date": f"2024-04-0{i + 1}",
        }
        for i in range(4)
    ]
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    args = [
        "ingest",
        str(data),
        "--db",
        db,
        "--json",
        "--field",
        "text=body",
        "--field",
        "outlet=site",
        "--field",
        "published=date",
        "--outlet",
        "gazette",
        "--limit",
        "1",
    ]
    summary = json.loads(run(*args).output)
    assert summary["stored"] == 1
    claims = [json.loads(x) for x in run("claims", "--db", db, "--json").output.splitlines()]
    assert {c["outlet"] for c in claims} == {"Gazette"}
    assert {c["published"] for c in claims} == {"2024-04-02"}


@pytest.mark.parametrize(
    "extra, message",
    [
        (["--field", "textbody"], "--field takes OURS=THEIRS"),
        (["--preset", "gdelt", "--field", "text=body"], "either --preset or --field"),
        (["--since", "soon"], "since must be a date"),
        (["--format", "papyrus"], "Unknown format"),
    ],
)
def test_bad_input_options_are_reported(tmp_path: Path, db: str, extra: list[str], message: str) -> None:
    data = tmp_path / "a.txt"
    data.write_text("The mayor said the bridge was open.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ingest", str(data), "--db", db, *extra])
    assert result.exit_code == 1
    assert message in result.output


def test_republished_copies_are_marked(db: str) -> None:
    if not (ROOT / "examples").is_dir():
        pytest.skip("no examples folder")
    assert run("ingest", str(ROOT / "examples"), "--db", db).exit_code == 0
    from reportedly.store import open_store

    with open_store(db) as store:
        copies = [a for a in store.articles() if a.copy_of]
    assert copies, "the examples include republished wire copies"
