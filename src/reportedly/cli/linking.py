"""Commands over the links across articles: link, stories and event."""

from __future__ import annotations

from typing import Any

import click
from rich.console import Console
from rich.table import Table

from .. import service
from ..render import short, status_text
from .base import cli, db_option, echo_json, json_option, make_console, open_db


def run_link(ctx: click.Context, db: str | None, quiet: bool = False) -> Any:
    from ..link import link

    with open_db(ctx, db) as store:
        summary = link(store)
    if not quiet:
        click.echo(summary.describe(), err=True)
    return summary


@cli.command("link")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.pass_context
def link_cmd(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """Link what is new in the store: stories, event clusters, independent sources, contradictions, chains."""
    summary = run_link(ctx, db, quiet=as_json)
    if as_json:
        echo_json(summary.to_dict())


@cli.command()
@db_option
@click.option("--limit", type=int, default=None, help="At most this many stories.")
@json_option
@click.pass_context
def stories(ctx: click.Context, db: str | None, limit: int | None, as_json: bool) -> None:
    """Stories, the latest first, with their event clusters and links."""
    with open_db(ctx, db) as store:
        rows = service.stories(store, limit=limit)
    if as_json:
        for row in rows:
            echo_json(row)
        return
    table = Table(title=f"{len(rows)} stories", expand=True)
    table.add_column("story", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("events", justify="right")
    table.add_column("title", ratio=2, min_width=24)
    table.add_column("links", ratio=1)
    for row in rows:
        links = ", ".join(f"{n} {k}" for k, n in sorted(row.get("links", {}).items()))
        first, last = row.get("first_published") or "?", row.get("last_published") or "?"
        dates = first if first == last else f"{first}…{last}"
        table.add_row(
            row["id"], dates, str(len(row["articles"])), str(len(row["clusters"])), row.get("title") or "", links
        )
    make_console().print(table)


@cli.command()
@click.argument("cluster")
@db_option
@json_option
@click.pass_context
def event(ctx: click.Context, cluster: str, db: str | None, as_json: bool) -> None:
    """One event CLUSTER (id or prefix): the verification matrix of who says what about it, and how surely."""
    with open_db(ctx, db) as store:
        data = service.event_cluster(store, cluster)
    if as_json:
        echo_json(data)
    else:
        print_event(make_console(), data)


def print_event(console: Console, data: dict[str, Any]) -> None:
    counts = data.get("counts", {})
    console.rule(f"{data['id']} · {data.get('type')} · {data.get('label') or ''}")
    console.print(
        f"{counts.get('articles', 0)} articles, {counts.get('outlets', 0)} outlets, "
        f"{counts.get('independent_sources', 0)} independent sources"
    )
    by_status = Table(title="by status", expand=False)
    for col in ("status", "articles", "outlets", "independent sources"):
        by_status.add_column(col)
    for status, n in sorted(counts.get("by_status", {}).items()):
        by_status.add_row(
            status_text(status),
            str(n.get("articles", 0)),
            str(n.get("outlets", 0)),
            str(n.get("independent_sources", 0)),
        )
    console.print(by_status)
    matrix = Table(title="verification matrix", expand=True)
    matrix.add_column("outlet", max_width=20)
    matrix.add_column("date", no_wrap=True)
    matrix.add_column("source", max_width=24)
    matrix.add_column("status", no_wrap=True)
    matrix.add_column("said", ratio=1, min_width=36)
    matrix.add_column("quantity", max_width=12)
    for row in data.get("matrix", []):
        outlet = (row.get("outlet") or "") + (" (copy)" if row.get("copy_of") else "")
        for frame in row["frames"]:
            source = frame.get("source") or "—"
            said = short(frame.get("content") or row["trigger"]["text"], 110)
            matrix.add_row(
                outlet,
                row.get("published") or "",
                short(source, 48),
                status_text(frame["status"]),
                said,
                row.get("quantity") or "",
            )
    console.print(matrix)
    for link in data.get("contradictions", []):
        detail = link.get("detail", {})
        what = detail.get("slot") or "status"
        values = detail.get("values") or detail.get("statuses") or []
        console.print(
            f"[bold red]contradiction[/] ({what}: {' vs '.join(str(v) for v in values)}): "
            f"“{short(link['from_span']['text'], 90)}” ↔ “{short(link['to_span']['text'], 90)}”"
        )


def best_cluster(ctx: click.Context, db: str | None) -> dict[str, Any] | None:
    """The event cluster with the most independent sources (then contradictions), for the demo."""
    with open_db(ctx, db) as store:
        ids = [c for story in service.stories(store) for c in story["clusters"]]
        clusters = [service.event_cluster(store, c) for c in ids]
    if not clusters:
        return None
    return max(
        clusters,
        key=lambda c: (c.get("counts", {}).get("articles", 0), len(c.get("contradictions", [])), c["id"]),
    )
