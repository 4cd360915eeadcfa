"""Opening stores: URL forms, clear errors, and SQLite files shared between connections."""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from reportedly.errors import ConfigError, StoreError
from reportedly.records import Article
from reportedly.store import DEFAULT_URL, open_store, sqlite_path
from reportedly.store.sqlite import fts_query

PG_URL = os.environ.get("REPORTEDLY_TEST_PG_URL")
needs_pg = pytest.mark.skipif(not PG_URL, reason="set REPORTEDLY_TEST_PG_URL to run the store tests on PostgreSQL")


@pytest.mark.parametrize(
    "url, path",
    [
        (":memory:", ":memory:"),
        ("sqlite://", ":memory:"),
        ("sqlite:///:memory:", ":memory:"),
        ("sqlite:///data/ledger.db", "data/ledger.db"),
        ("sqlite:////srv/ledger.db", "/srv/ledger.db"),
        ("news.db", "news.db"),
        ("/tmp/x/News.SQLITE", "/tmp/x/News.SQLITE"),
        (DEFAULT_URL, "reportedly.db"),
        ("postgresql://u@h/db", None),
        ("ledger.txt", None),
        ("mysql://u@h/db", None),
    ],
)
def test_sqlite_urls(url: str, path: str | None) -> None:
    assert sqlite_path(url) == path


@pytest.mark.parametrize("url", ["mysql://root@localhost/news", "ledger", "http://example.org/db", "sqlite:///"])
def test_unknown_or_empty_urls_are_config_errors(url: str) -> None:
    with pytest.raises(ConfigError, match="sqlite:///"):
        open_store(url)


def test_default_url_is_a_file_in_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store() as store:
        assert store.url == DEFAULT_URL
    assert (tmp_path / "reportedly.db").is_file()


def test_relative_and_absolute_sqlite_urls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///rel.db") as store:
        store.save_batch([(Article("rel00001", "relative"), None)])
    with open_store(f"sqlite:///{tmp_path}/rel.db") as again:  # sqlite:////abs/path
        assert again.article("rel00001").text == "relative"
    with open_store(str(tmp_path / "rel.db")) as bare:
        assert bare.count("articles") == 1


def test_a_missing_directory_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="directory exists") as caught:
        open_store(f"sqlite:///{tmp_path}/no/such/dir/ledger.db")
    assert isinstance(caught.value.__cause__, sqlite3.Error)


def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "notes.db"
    junk.write_text("these are not the pages of a database " * 200)
    with pytest.raises(StoreError, match="SQLite"):
        open_store(str(junk))


def test_an_unreachable_postgres_is_a_store_error() -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError, match="server is running") as caught:
        open_store("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(caught.value)


@needs_pg
def test_postgres_scheme_is_an_alias() -> None:
    assert PG_URL
    with open_store(PG_URL.replace("postgresql://", "postgres://", 1), migrate=False) as store:
        assert isinstance(store.migrations(), list)


@needs_pg
def test_a_missing_postgres_database_is_a_store_error() -> None:
    assert PG_URL
    parts = urlsplit(PG_URL)
    url = urlunsplit(parts._replace(path="/no_such_database_here"))
    with pytest.raises(StoreError, match="database must exist"):
        open_store(url)


def test_postgres_without_psycopg_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # what an import of an absent package does
    with pytest.raises(ConfigError, match=r"pip install 'reportedly\[postgres\]'"):
        open_store("postgres://postgres@127.0.0.1/test")


def test_two_stores_on_one_file_see_each_others_commits(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    with open_store(url) as writer, open_store(url) as reader:
        assert reader.count("articles") == 0
        writer.save_batch([(Article("wal00001", "first"), None)])
        assert reader.article("wal00001").text == "first"
        reader.save_batch([(Article("wal00002", "second"), None)])
        assert writer.count("articles") == 2
        run = reader.start_run("ingest", "v")
        assert [r["id"] for r in writer.runs()] == [run]
    with sqlite3.connect(tmp_path / "shared.db") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_writers_on_one_file_take_turns(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    open_store(url).close()
    failures: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            with open_store(url) as store:
                for batch in range(10):
                    ids = [f"w{worker}b{batch:02d}i{i}" for i in range(5)]
                    store.save_batch([(Article(key, f"text of {key}"), None) for key in ids])
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    with open_store(url) as store:
        assert store.count("articles") == 3 * 10 * 5


@pytest.mark.parametrize(
    "text, query",
    [
        ("storm shadow", '"storm" "shadow"'),
        ('"storm shadow" kursk', '"storm shadow" "kursk"'),
        ("bridge OR dam", '"bridge" OR "dam"'),
        ("OR bridge or", '"bridge"'),
        ("bbc -anonymity", '"bbc" NOT "anonymity"'),
        ("-anonymity", None),
        ('say "hi', '"say" "hi"'),
        ('a"b', '"a""b"'),
        ("", None),
    ],
)
def test_fts_query(text: str, query: str | None) -> None:
    assert fts_query(text) == query
