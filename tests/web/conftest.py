"""Fixtures of the web tests: a SQLite store holding the hand-written ledger, and clients of the app over it."""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

sys.path.insert(0, str(Path(__file__).parent))

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install -e '.[web]'")

from fastapi.testclient import TestClient
from ledger_data import ledger

from reportedly.store import open_store
from reportedly.web.app import create_app


def fill(db_url: str) -> None:
    with open_store(db_url) as store:
        store.save_batch(ledger())


@pytest.fixture(scope="session")
def sqlite_db_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'ledger.db'}"
    fill(url)
    return url


PG_URL = os.environ.get("REPORTEDLY_TEST_PG_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="set REPORTEDLY_TEST_PG_URL to run the web tests on PostgreSQL"),
        ],
    ),
]


@pytest.fixture(scope="session", params=BACKENDS)
def db_url(request: pytest.FixtureRequest, sqlite_db_url: str) -> Iterator[str]:
    """The hand-written ledger in SQLite and, when REPORTEDLY_TEST_PG_URL is set, in a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield sqlite_db_url
        return
    import psycopg

    assert PG_URL
    schema = f"web_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_URL, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            url = f"{PG_URL}{'&' if '?' in PG_URL else '?'}options={quote(f'-csearch_path={schema}')}"
            fill(url)
            yield url
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(scope="session")
def client(db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_url)) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(sqlite_db_url: str) -> Iterator[str]:
    """The app over the hand-written ledger, served by uvicorn on 127.0.0.1 and a free port in a thread."""
    yield from serve_in_thread(sqlite_db_url)


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def example_db_url(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> str:
    """The examples run through the real pipeline into a SQLite store, then linked across articles."""
    if not any(EXAMPLES.glob("*.txt")):
        pytest.skip(f"no example articles in {EXAMPLES}")
    from reportedly.ingest import read
    from reportedly.jobs import process
    from reportedly.link.run import link

    url = f"sqlite:///{tmp_path_factory.mktemp('examples') / 'examples.db'}"
    with open_store(url) as store:
        process(read([str(EXAMPLES)]), store, nlp=nlp)  # type: ignore[arg-type]
        link(store)
    return url


@pytest.fixture(scope="session")
def example_client(example_db_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(example_db_url)) as test_client:
        yield test_client


def serve_in_thread(db_url: str) -> Iterator[str]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db_url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def example_server(example_db_url: str) -> Iterator[str]:
    yield from serve_in_thread(example_db_url)
