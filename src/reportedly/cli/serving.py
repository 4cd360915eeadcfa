"""Commands that serve or export the ledger: serve and export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .. import service
from ..records import SOURCE_KINDS, STATUSES
from .base import cli, db_option, open_db, settings_for


@cli.command()
@db_option
@click.option("--host", default=None, help="Address to bind (default: setting `host`, 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default: setting `port`, 8001).")
@click.option(
    "--token",
    default=None,
    envvar="REPORTEDLY_TOKEN",
    help="Allow POST /api/articles with this bearer token (env REPORTEDLY_TOKEN). Read-only without it.",
)
@click.option(
    "--get",
    "get_path",
    default=None,
    metavar="PATH",
    help="Run one GET request in-process, print the response and exit, e.g. --get '/api/claims?status=denied'.",
)
@click.pass_context
def serve(
    ctx: click.Context, db: str | None, host: str | None, port: int | None, token: str | None, get_path: str | None
) -> None:
    """The JSON API (/api, OpenAPI at /api/openapi.json) and the web UI."""
    from ..web.app import get_once
    from ..web.app import serve as run_server

    conf = settings_for(ctx, db=db, host=host, port=port)
    if get_path:
        status, body = get_once(conf["db"], get_path)
        click.echo(body)
        if status >= 400:
            ctx.exit(1)
        return
    click.echo(f"Serving {conf['db']} on http://{conf['host']}:{conf['port']}/ (Ctrl+C stops)", err=True)
    run_server(conf["db"], host=conf["host"], port=conf["port"], token=token)


@cli.command()
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "prov"]),
    default="jsonl",
    show_default=True,
    help="JSON lines, CSV, or PROV-O JSON-LD.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, writable=True), default=None, help="File to write (default stdout)."
)
@click.option("--source", default=None, help="Source name contains this.")
@click.option("--kind", "source_kind", type=click.Choice(SOURCE_KINDS), default=None, help="Source kind.")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Certainty status.")
@click.option("--outlet", default=None, help="Outlet name.")
@click.option("--since", default=None, metavar="DATE", help="Published on or after DATE.")
@click.option("--until", default=None, metavar="DATE", help="Published on or before DATE.")
@click.pass_context
def export(ctx: click.Context, db: str | None, fmt: str, out: str | None, **filters: Any) -> None:
    """Export the ledger (or the part the filters select)."""
    from ..exports import export as write_export

    flt = service.claim_filter(**filters)
    with open_db(ctx, db) as store:
        if out:
            with Path(out).open("w", encoding="utf-8", newline="") as handle:
                count = write_export(store, fmt, handle, flt)
            click.echo(f"wrote {count} claims to {out}", err=True)
        else:
            write_export(store, fmt, sys.stdout, flt)
