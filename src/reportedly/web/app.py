"""The FastAPI application: JSON API under /api, server-rendered pages, vendored static files.

create_app("sqlite:///news.db")                 # an ASGI app, read-only
create_app("sqlite:///news.db", token="s3cret") # POST /api/articles accepts `Authorization: Bearer s3cret`
get_once("sqlite:///news.db", "/api/claims?status=denied")  # (200, '{"ok": true, ...}') without a server
serve("sqlite:///news.db", "127.0.0.1", 8001, None)         # runs uvicorn until interrupted
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import anyio
import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import ConfigError, IngestError, NotFoundError, ReportedlyError
from ..store.base import Store

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
log = logging.getLogger("reportedly.web")

# No inline script or style attribute can run: scripts and styles only from this origin, no plugins, no framing.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class Stores:
    """Store handles for request threads.

    File databases get one connection per thread (SQLite connections are not shared between threads); an in-memory
    database exists only in its one connection, so that connection is shared and used under a lock.
    """

    def __init__(self, db_url: str) -> None:
        from ..store import open_store

        self.url = db_url
        self._open = open_store
        self._local = threading.local()
        self._lock = threading.RLock()
        self._all: list[Store] = []
        self._shared: Store | None = None
        if is_memory(db_url):
            self._shared = self._new()
        else:
            self._new().close()  # fail at start-up, not at the first request, when the URL is wrong
            self._all.clear()

    def _new(self) -> Store:
        store = self._open(self.url)
        with self._lock:
            self._all.append(store)
        return store

    @contextmanager
    def use(self) -> Iterator[Store]:
        if self._shared is not None:
            with self._lock:
                yield self._shared
            return
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = self._new()
        yield store

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                try:
                    store.close()
                except ReportedlyError:  # a connection made by a thread that is gone
                    log.debug("could not close %s", store.url)
            self._all.clear()


class Memo:
    """Results of the whole-store views (events, sources), kept while the store's counts stay the same.

    Every run and every stored analysis changes a count, so a cached result never outlives the data it came from.
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: dict[tuple[Any, ...], Any] = {}
        self._lock = threading.Lock()

    def get(self, store: Store, query: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        from .. import service

        kwargs = {name: value for name, value in kwargs.items() if value is not None}  # None is every default
        state = tuple(service.overview(store).values())
        key = (query.__qualname__, args, tuple(sorted(kwargs.items())), state)
        with self._lock:
            if key in self._items:
                return self._items[key]
        value = query(store, *args, **kwargs)
        with self._lock:
            if len(self._items) >= self.size:
                self._items.pop(next(iter(self._items)))
            self._items[key] = value
        return value


def is_memory(db_url: str) -> bool:
    return db_url in {":memory:", "sqlite://", "sqlite:///:memory:"}


def error_status(exc: ReportedlyError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, ConfigError | IngestError):
        return 422
    return 500


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The one error shape of the API; pages get the same message as HTML."""
    if request.url.path.startswith("/api") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status, headers=headers)
    from .pages import error_page

    return error_page(request, status, message)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in {"query", "body", "path"})
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "Invalid request: " + "; ".join(parts)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ReportedlyError)
    async def on_reportedly_error(request: Request, exc: ReportedlyError) -> Response:
        return error_response(request, error_status(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}; the API is described at /api/openapi.json"
        return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        return error_response(request, 500, f"Internal error: {type(exc).__name__}; see the server log")


def create_app(db_url: str, token: str | None = None) -> FastAPI:
    """The web application over the store at `db_url`; ingesting through POST /api/articles needs `token`."""
    from . import api, pages

    stores = Stores(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield
        stores.close()

    app = FastAPI(
        title="reportedly",
        summary="Who asserts what, how surely, about which event: the ledger of news articles.",
        version=_version(),
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.stores = stores
    app.state.memo = Memo()
    app.state.token = token or None
    app.state.ingest_lock = threading.Lock()
    app.state.nlp = None
    install_error_handlers(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if "\x00" in request.scope["path"] or b"%00" in request.scope["query_string"]:
            response = error_response(request, 422, "Invalid request: the address contains a NUL character")
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _version() -> str:
    from .. import __version__

    return __version__


def get_once(db_url: str, path: str) -> tuple[int, str]:
    """Run one GET request against the app in-process (no server, no socket); return (status, body)."""
    if not path.startswith("/"):
        raise ConfigError(f"The path must start with '/', e.g. /api/claims?status=denied; got {path!r}")
    app = create_app(db_url)

    async def fetch() -> tuple[int, str]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://reportedly.local") as client:
            response = await client.get(path)
            return response.status_code, response.text

    try:
        return anyio.run(fetch)
    finally:
        app.state.stores.close()


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8001, token: str | None = None) -> None:
    """Serve the app with uvicorn until interrupted. Binds 127.0.0.1 unless another host is given."""
    import uvicorn

    if not 0 < port < 65536:
        raise ConfigError(f"port must be between 1 and 65535, got {port}")
    app = create_app(db_url, token=token)
    if host not in {"127.0.0.1", "localhost", "::1"}:
        log.warning("serving on %s: anyone who can reach this address can read the ledger", host)
    uvicorn.run(app, host=host, port=port, log_level="info")
