"""Commands that read inputs: ingest, extract and demo."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .. import service
from ..errors import ConfigError
from ..records import Article, interchange
from .base import cli, db_option, echo_json, json_option, make_console, open_db, settings_for
from .ledger import ledger_table_of
from .linking import best_cluster, print_event, run_link

EXAMPLES_DIR = Path(__file__).resolve().parents[3] / "examples"


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The options that say how to read inputs, shared by `ingest` and `extract`."""
    options = [
        click.option("--strict", is_flag=True, default=None, help="Stop at the first input that cannot be read."),
        click.option(
            "--format",
            "fmt",
            default=None,
            help="Input format instead of sniffing it (txt, jsonl, csv, html, feed, warc, ...).",
        ),
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="OURS=THEIRS",
            help="Map a JSONL/CSV column to an article field, e.g. --field text=body (repeatable).",
        ),
        click.option(
            "--preset", default=None, help="A field mapping preset for common exports (gdelt, mediacloud, newsplease)."
        ),
        click.option(
            "--follow-links", is_flag=True, help="Fetch the page each feed entry or URL-only record links to."
        ),
        click.option(
            "--dedup/--no-dedup",
            default=True,
            show_default=True,
            help="Skip exact repeats and mark near copies (syndicated stories) with copy_of.",
        ),
        click.option("--since", default=None, metavar="DATE", help="Only articles published on or after DATE."),
        click.option("--until", default=None, metavar="DATE", help="Only articles published on or before DATE."),
        click.option("--outlet", default=None, help="Only articles of this outlet."),
        click.option("--limit", type=int, default=None, help="At most this many articles."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _fields(fields: tuple[str, ...], preset: str | None) -> str | dict[str, str] | None:
    if preset and fields:
        raise ConfigError("Give either --preset or --field, not both")
    if preset:
        return preset
    mapping: dict[str, str] = {}
    for item in fields:
        ours, sep, theirs = item.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise ConfigError(f"--field takes OURS=THEIRS, e.g. text=body; got {item!r}")
        mapping[ours.strip()] = theirs.strip()
    return mapping or None


def read_inputs(ctx: click.Context, paths: tuple[str, ...], reading: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
    """Resolve settings and read PATHS with the input options; returns the item stream and the settings."""
    from ..ingest import read, select

    conf = settings_for(ctx, strict=reading.get("strict") or None)
    items = read(
        list(paths),
        format=reading.get("fmt"),
        strict=conf["strict"],
        fields=_fields(reading.get("fields") or (), reading.get("preset")),
        max_file_size=conf["max_file_size"],
        follow_links=bool(reading.get("follow_links")),
        user_agent=conf["user_agent"],
        timeout=conf["timeout"],
        dedup=reading.get("dedup", True),
    )
    since, until = service.parse_date(reading.get("since"), "since"), service.parse_date(reading.get("until"), "until")
    if since or until or reading.get("outlet") or reading.get("limit") is not None:
        items = select(items, since=since, until=until, outlet=reading.get("outlet"), limit=reading.get("limit"))
    return items, conf


def run_ingest(
    ctx: click.Context, paths: tuple[str, ...], db: str | None, reading: dict[str, Any], quiet: bool = False
) -> Any:
    from ..jobs import process
    from ..store import open_store

    items, conf = read_inputs(ctx, paths, reading)
    conf = {**conf, **settings_for(ctx, db=db)}
    with open_store(conf["db"]) as store:
        console = Console(stderr=True)
        columns = (
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
        )
        with Progress(*columns, console=console, disable=quiet or not console.is_terminal, transient=True) as bar:
            task = bar.add_task("ingesting", total=None, rate="")

            def advance(n: int) -> None:
                bar.advance(task, n)
                done = bar.tasks[0].completed
                elapsed = bar.tasks[0].elapsed or 0.0
                bar.update(task, rate=f"{done / elapsed:.1f}/s" if elapsed else "")

            summary = process(
                items,
                store,
                batch_size=conf["batch_size"],
                n_process=conf["n_process"],
                max_chars=conf["max_chars"],
                progress=advance,
            )
        if not quiet:
            click.echo(summary.describe(), err=True)
        return summary


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], db: str | None, as_json: bool, **reading: Any) -> None:
    """Read PATHS (files, folders, globs, URLs, - for stdin), analyse the new articles and store them."""
    summary = run_ingest(ctx, paths, db, reading, quiet=as_json)
    if as_json:
        echo_json(summary.to_dict())


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@input_options
@json_option
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], as_json: bool, **reading: Any) -> None:
    """Analyse PATHS without a store; with --json one JSON object per article on stdout."""
    from ..extract import analyse, build_nlp
    from ..render import print_article

    items, conf = read_inputs(ctx, paths, reading)

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                yield item
            else:
                click.echo(f"skipped {item.location}: {item.reason} {item.detail}".rstrip(), err=True)

    nlp = build_nlp(conf["model"])
    console = make_console()
    for article, analysis in analyse(articles(), nlp, batch_size=conf["batch_size"], max_chars=conf["max_chars"]):
        if as_json:
            echo_json(interchange(article, analysis))
        else:
            print_article(console, article, analysis)


@cli.command()
@db_option
@click.option(
    "--examples",
    type=click.Path(exists=True, file_okay=False),
    default=None,
    help="Folder of articles to use instead of the bundled examples.",
)
@click.pass_context
def demo(ctx: click.Context, db: str | None, examples: str | None) -> None:
    """Ingest the bundled fictional examples, then print the ledger and where to look next."""
    folder = Path(examples) if examples else EXAMPLES_DIR
    if not folder.is_dir():
        raise ConfigError(f"No examples folder at {folder}: pass --examples PATH")
    conf = settings_for(ctx, db=db)
    click.echo(f"Reading the examples in {folder} (all of them fictional) ...", err=True)
    run_ingest(ctx, (str(folder),), conf["db"], {})
    run_link(ctx, conf["db"])
    after_demo(ctx, conf)


def after_demo(ctx: click.Context, conf: dict[str, Any]) -> None:
    """Print the ledger of the demo database and where to look next."""
    with open_db(ctx, conf["db"]) as store:
        rows = service.claims(store, include_asserted=False)
        counts = service.overview(store)
    console = make_console()
    console.print(ledger_table_of(rows))
    cluster = best_cluster(ctx, conf["db"])
    if cluster:
        print_event(console, cluster)
        click.echo(f"(reportedly event {cluster['id']} --db {conf['db']} shows it again; reportedly stories lists all)")
    click.echo(
        f"{counts['articles']} articles, {counts['attributions']} frames ({len(rows)} attributed), "
        f"{counts['events']} events, {counts['skipped']} skipped inputs."
    )
    where = conf["db"]
    if where.startswith("sqlite:///") and where != "sqlite:///:memory:":
        where = f"{Path(where[len('sqlite:///') :]).resolve()} ({conf['db']})"
    click.echo(f"Database: {where}")
    click.echo(f"Next: reportedly claims --db {conf['db']} --status denied")
    click.echo(f"      reportedly show --db {conf['db']} ARTICLE")
    if importlib.util.find_spec("reportedly.web.app") is not None:
        click.echo(f"Web UI: reportedly serve --db {conf['db']}   then open http://127.0.0.1:{conf['port']}/")
