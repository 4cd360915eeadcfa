"""A run killed with SIGKILL part-way and started again stores every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

TOWNS = ["Aldmoor", "Brisca", "Corvel", "Dunharrow", "Elsby", "Farrow", "Glenn", "Holt"]


def _articles(n: int) -> list[dict[str, str]]:
    rows = []
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        text = " ".join(
            [
                f"Officials in {town} said on Monday that {i + 3} homes were damaged by the storm.",
                f"The regional council confirmed that roads near {town} were closed for {i % 9 + 2} days.",
                "A spokesperson declined to comment on the cost of the repairs.",
                f"Residents reportedly told the local radio that the river rose by {i % 5 + 1} metres overnight.",
                "Forecasters warned that more rain could fall later in the week.",
            ]
            * 2
        )
        rows.append({"id": f"story-{i}", "text": text, "outlet": f"Outlet {i % 7}", "published": "2024-05-06"})
    return rows


def _count(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            return int(con.execute("select count(*) from articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _ingest(data: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "REPORTEDLY_BATCH_SIZE": "8"}
    return subprocess.Popen(
        [sys.executable, "-m", "reportedly.cli", "ingest", str(data), "--db", f"sqlite:///{db}"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_sigkill_then_rerun_stores_each_article_once(tmp_path: Path) -> None:
    n = 500
    data = tmp_path / "many.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in _articles(n)) + "\n", encoding="utf-8")
    db = tmp_path / "resume.db"

    proc = _ingest(data, db)
    deadline = time.monotonic() + 300
    while _count(db) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    killed_at = _count(db)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the first run finished before it could be killed"
    assert 0 < killed_at < n

    proc = _ingest(data, db)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()

    con = sqlite3.connect(db)
    try:
        total, distinct = con.execute("select count(*), count(distinct id) from articles").fetchone()
        names = {row[0] for row in con.execute("select name from articles")}
        unanalysed = con.execute("select count(*) from articles where analysis_version is null").fetchone()[0]
    finally:
        con.close()
    assert total == distinct == n
    assert names == {f"story-{i}" for i in range(n)}
    assert unanalysed == 0
