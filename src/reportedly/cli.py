"""The `reportedly` command: thin click commands over library calls."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import service, settings
from .errors import ReportedlyError
from .records import SOURCE_KINDS, STATUSES, interchange

EXAMPLES_DIR = Path(__file__).resolve().parents[2] / "examples"


class Group(click.Group):
    """Turns our errors into `Error: ...` on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReportedlyError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


def _settings(ctx: click.Context, **flags: Any) -> dict[str, Any]:
    obj = ctx.find_root().obj or {}
    return settings.resolve(flags={k: v for k, v in flags.items() if v is not None}, config=obj.get("config"))


def _open(ctx: click.Context, db: str | None) -> Any:
    from .store import open_store

    return open_store(_settings(ctx, db=db)["db"])


def _console() -> Console:
    return Console(soft_wrap=False)


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, default=str))


db_option = click.option(
    "--db", default=None, metavar="URL", help="Database URL (default: setting `db`, env REPORTEDLY_DB)."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON lines instead of a table.")


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config", type=click.Path(dir_okay=False), default=None, help="Settings file (default ./reportedly.toml)."
)
@click.version_option(package_name="reportedly")
@click.pass_context
def cli(ctx: click.Context, config: str | None) -> None:
    """Who asserts what, how surely, about which event: a ledger of news articles."""
    ctx.obj = {"config": config}


def _read(ctx: click.Context, paths: tuple[str, ...], strict: bool, fmt: str | None) -> Any:
    from .ingest import read

    conf = _settings(ctx, strict=strict or None)
    kwargs: dict[str, Any] = {"strict": conf["strict"], "max_file_size": conf["max_file_size"]}
    if fmt:
        kwargs["format"] = fmt
    return read(list(paths), **kwargs), conf


def run_ingest(
    ctx: click.Context, paths: tuple[str, ...], db: str | None, strict: bool, fmt: str | None, quiet: bool = False
) -> Any:
    from .jobs import process
    from .store import open_store

    items, conf = _read(ctx, paths, strict, fmt)
    conf = {**conf, **_settings(ctx, db=db)}
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
                strict=conf["strict"],
                progress=advance,
            )
        if not quiet:
            click.echo(summary.describe(), err=True)
        return summary


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--strict", is_flag=True, default=None, help="Stop at the first input that cannot be read.")
@click.option("--format", "fmt", default=None, help="Input format instead of sniffing it (txt, jsonl, ...).")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON.")
@click.pass_context
def ingest(
    ctx: click.Context, paths: tuple[str, ...], db: str | None, strict: bool | None, fmt: str | None, as_json: bool
) -> None:
    """Read PATHS (files, directories, globs, - for stdin), analyse new articles and store them."""
    summary = run_ingest(ctx, paths, db, bool(strict), fmt, quiet=as_json)
    if as_json:
        _echo_json(summary.to_dict())


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--strict", is_flag=True, default=None, help="Stop at the first input that cannot be read.")
@click.option("--format", "fmt", default=None, help="Input format instead of sniffing it.")
@json_option
@click.pass_context
def extract(ctx: click.Context, paths: tuple[str, ...], strict: bool | None, fmt: str | None, as_json: bool) -> None:
    """Analyse PATHS without a store; with --json one JSON object per article on stdout."""
    from .extract import analyse, build_nlp
    from .records import Article
    from .render import print_article

    items, conf = _read(ctx, paths, bool(strict), fmt)
    skipped = 0

    def articles() -> Any:
        nonlocal skipped
        for item in items:
            if isinstance(item, Article):
                yield item
            else:
                skipped += 1
                click.echo(f"skipped {item.location}: {item.reason} {item.detail}".rstrip(), err=True)

    nlp = build_nlp(conf["model"])
    console = _console()
    for article, analysis in analyse(articles(), nlp, batch_size=conf["batch_size"], max_chars=conf["max_chars"]):
        if as_json:
            _echo_json(interchange(article, analysis))
        else:
            print_article(console, article, analysis)


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
    with _open(ctx, db) as store:
        rows = service.claims(store, flt, include_asserted=asserted)
    if as_json:
        for row in rows:
            _echo_json(row)
    else:
        _console().print(service_ledger_table(rows))


def service_ledger_table(rows: list[dict[str, Any]]) -> Any:
    from .render import ledger_table

    return ledger_table(rows, title=f"{len(rows)} claims")


@cli.command()
@click.argument("article")
@db_option
@json_option
@click.pass_context
def show(ctx: click.Context, article: str, db: str | None, as_json: bool) -> None:
    """One ARTICLE (id, id prefix or name) with its frames."""
    from .records import Analysis
    from .render import print_article

    with _open(ctx, db) as store:
        art, analysis = service.article_view(store, article)
    if as_json:
        _echo_json(interchange(art, analysis or Analysis(art.id)))
    else:
        print_article(_console(), art, analysis)


@cli.command()
@click.argument("text", nargs=-1, required=True)
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@json_option
@click.pass_context
def search(ctx: click.Context, text: tuple[str, ...], db: str | None, limit: int, as_json: bool) -> None:
    """Full-text search over the stored articles."""
    from rich.table import Table

    with _open(ctx, db) as store:
        rows = service.search(store, " ".join(text), limit=limit)
    if as_json:
        for row in rows:
            _echo_json(row)
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
    _console().print(table)


@cli.command()
@db_option
@click.option("--limit", type=int, default=None)
@json_option
@click.pass_context
def skipped(ctx: click.Context, db: str | None, limit: int | None, as_json: bool) -> None:
    """Inputs that could not be read, with the reason."""
    with _open(ctx, db) as store:
        rows = store.skipped(limit=limit)
    for row in rows:
        if as_json:
            _echo_json(row)
        else:
            click.echo(f"{row['location']}\t{row['reason']}\t{row.get('detail') or ''}".rstrip())


@cli.command()
@db_option
@click.pass_context
def migrate(ctx: click.Context, db: str | None) -> None:
    """Apply pending database migrations."""
    from .store import open_store

    with open_store(_settings(ctx, db=db)["db"], migrate=False) as store:
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
    values = _settings(ctx)
    for s in settings.SETTINGS:
        if as_json:
            _echo_json({"name": s.name, "value": values[s.name], "default": s.default, "help": s.help})
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
        _echo_json(result)
    else:
        click.echo(module.render(result))


def _scorer(name: str) -> Any:
    from .errors import ConfigError

    registry: dict[str, str] = getattr(importlib.import_module("reportedly.evaluate"), "SCORERS", {})
    if name not in registry:
        raise ConfigError(f"Unknown evaluation {name!r}; available: {', '.join(sorted(registry)) or 'none'}")
    target = registry[name]
    return importlib.import_module(target) if isinstance(target, str) else target


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
        from .errors import ConfigError

        raise ConfigError(f"No examples folder at {folder}: pass --examples PATH")
    conf = _settings(ctx, db=db)
    click.echo(f"Reading the examples in {folder} (all of them fictional) ...", err=True)
    run_ingest(ctx, (str(folder),), conf["db"], False, None)
    with _open(ctx, conf["db"]) as store:
        rows = service.claims(store, include_asserted=False)
        counts = service.overview(store)
    _console().print(service_ledger_table(rows))
    click.echo(
        f"{counts['articles']} articles, {counts['attributions']} frames ({len(rows)} attributed), "
        f"{counts['events']} events, {counts['skipped']} skipped inputs."
    )
    click.echo(f"Database: {conf['db']}")
    click.echo(f"Next: reportedly claims --db {conf['db']} --status denied")
    click.echo(f"      reportedly show --db {conf['db']} ARTICLE")
    if importlib.util.find_spec("reportedly.web.app") is not None:
        click.echo(f"Web UI: reportedly serve --db {conf['db']}   then open http://127.0.0.1:{conf['port']}/")


def main() -> None:
    cli(prog_name="reportedly")


if __name__ == "__main__":  # pragma: no cover
    main()
