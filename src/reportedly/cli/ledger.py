"""Commands that read the store: claims, show, search, skipped, migrate, settings, evaluate."""

from __future__ import annotations

import importlib
from typing import Any

import click

from .. import service, settings
from ..errors import ConfigError
from ..records import SOURCE_KINDS, STATUSES, interchange
from .base import cli, db_option, echo_json, json_option, make_console, open_db, settings_for


@cli.command()
@db_option
@click.option("--source", default=None, help="Source name contains this (case-insensitive).")
@click.option("--kind", "source_kind", type=click.Choice(SOURCE_KINDS), default=None, help="Source kind.")
@click.option("--status", type=click.Choice(STATUSES), default=None, help="Certainty status.")
@click.option("--outlet", default=None, help="Outlet name.")
@click.option("--since", default=None, metavar="DATE", help="Published on or after DATE (YYYY-MM-DD).")
@click.option("--until", default=None, metavar="DATE", help="Published on or before DATE (YYYY-MM-DD).")
@click.option("--text", default=None, help="Claim content matches these words.")
@click.option("--article", "article_id", default=None, help="Only this article id.")
@click.option("--asserted/--no-asserted", default=False, help="Include the author's own assertions (default: no).")
@click.option("--limit", type=int, default=None, help="At most this many rows.")
@click.option("--offset", type=int, default=0, help="Skip this many rows first.")
@json_option
@click.pass_context
def claims(ctx: click.Context, db: str | None, as_json: bool, asserted: bool, **filters: Any) -> None:
    """The ledger: who asserts what, how surely."""
    flt = service.claim_filter(**filters)
    with open_db(ctx, db) as store:
        rows = service.claims(store, flt, include_asserted=asserted)
        if as_json:
            rows = service.claims_with_links(store, rows)
    if as_json:
        for row in rows:
            echo_json(row)
    else:
        make_console().print(ledger_table_of(rows))


def ledger_table_of(rows: list[dict[str, Any]]) -> Any:
    from ..render import ledger_table

    return ledger_table(rows, title=f"{len(rows)} claims")


@cli.command()
@click.argument("article")
@db_option
@json_option
@click.pass_context
def show(ctx: click.Context, article: str, db: str | None, as_json: bool) -> None:
    """One ARTICLE (id, id prefix or name) with its frames."""
    from ..records import Analysis
    from ..render import print_article

    with open_db(ctx, db) as store:
        art, analysis = service.article_view(store, article)
    if as_json:
        echo_json(interchange(art, analysis or Analysis(art.id)))
    else:
        print_article(make_console(), art, analysis)


@cli.command()
@click.argument("text", nargs=-1, required=True)
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@json_option
@click.pass_context
def search(ctx: click.Context, text: tuple[str, ...], db: str | None, limit: int, as_json: bool) -> None:
    """Full-text search over the stored articles."""
    from rich.table import Table

    with open_db(ctx, db) as store:
        rows = service.search(store, " ".join(text), limit=limit)
    if as_json:
        for row in rows:
            echo_json(row)
        return
    table = Table(title=f"{len(rows)} articles", expand=True)
    for col in ("id", "published", "outlet", "title", "snippet"):
        table.add_column(col, ratio=1 if col == "snippet" else None)
    for row in rows:
        table.add_row(
            row["article_id"][:10],
            str(row.get("published") or ""),
            row.get("outlet") or "",
            row.get("title") or "",
            " ".join(str(row.get("snippet") or "").split()),
        )
    make_console().print(table)


@cli.command()
@db_option
@click.option("--limit", type=int, default=None)
@json_option
@click.pass_context
def skipped(ctx: click.Context, db: str | None, limit: int | None, as_json: bool) -> None:
    """Inputs that could not be read, with the reason."""
    with open_db(ctx, db) as store:
        rows = store.skipped(limit=limit)
    for row in rows:
        if as_json:
            echo_json(row)
        else:
            click.echo(f"{row['location']}\t{row['reason']}\t{row.get('detail') or ''}".rstrip())


@cli.command()
@db_option
@click.pass_context
def migrate(ctx: click.Context, db: str | None) -> None:
    """Apply pending database migrations."""
    from ..store import open_store

    with open_store(settings_for(ctx, db=db)["db"], migrate=False) as store:
        applied = store.migrate()
        names = store.migrations()
    click.echo(
        f"applied {len(applied)} migration(s){': ' + ', '.join(applied) if applied else ''}; "
        f"database at {names[-1] if names else 'no migration'}"
    )


@cli.command("settings")
@json_option
@click.pass_context
def settings_cmd(ctx: click.Context, as_json: bool) -> None:
    """Every setting with its value, default and help."""
    values = settings_for(ctx)
    for s in settings.SETTINGS:
        if as_json:
            echo_json({"name": s.name, "value": values[s.name], "default": s.default, "help": s.help})
        else:
            click.echo(f"{s.name} = {values[s.name]!r}\t{s.help}")


@cli.command()
@click.argument("name")
@click.option("--corpus", default=None, type=click.Path(), help="Corpus folder (default under ../shared/corpora).")
@click.option("--split", default="dev", show_default=True)
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@json_option
@click.pass_context
def evaluate(ctx: click.Context, name: str, corpus: str | None, split: str, limit: int | None, as_json: bool) -> None:
    """Score an extractor against an annotated corpus: polnear, seed, factuality, timex, geo, events, ..."""
    module = _scorer(name)
    result = module.run(corpus=corpus, split=split, limit=limit)
    if as_json:
        echo_json(result)
    else:
        click.echo(module.render(result))


def _scorer(name: str) -> Any:

    registry: dict[str, str] = getattr(importlib.import_module("reportedly.evaluate"), "SCORERS", {})
    if name not in registry:
        raise ConfigError(f"Unknown evaluation {name!r}; available: {', '.join(sorted(registry)) or 'none'}")
    target = registry[name]
    return importlib.import_module(target) if isinstance(target, str) else target
