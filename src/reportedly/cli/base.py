"""The command group, its error handling and the helpers every command shares."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console

from .. import settings
from ..errors import ReportedlyError


class Group(click.Group):
    """Turns our errors into `Error: ...` on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ReportedlyError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(1)


def settings_for(ctx: click.Context, **flags: Any) -> dict[str, Any]:
    obj = ctx.find_root().obj or {}
    return settings.resolve(flags={k: v for k, v in flags.items() if v is not None}, config=obj.get("config"))


def open_db(ctx: click.Context, db: str | None) -> Any:
    from ..store import open_store

    return open_store(settings_for(ctx, db=db)["db"])


def make_console() -> Console:
    return Console(soft_wrap=False)


def echo_json(value: Any) -> None:
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
