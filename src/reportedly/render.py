"""Terminal rendering of the ledger and of one article (rich)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .records import Analysis, Article

STATUS_STYLE = {
    "asserted": "white",
    "confirmed": "bold green",
    "reported": "cyan",
    "claimed": "yellow",
    "unverified": "magenta",
    "not_confirmed": "bright_magenta",
    "denied": "bold red",
    "declined": "red",
    "speculative": "blue",
}


def short(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def status_text(status: str, hedges: Iterable[str] = ()) -> Text:
    label = Text(status, style=STATUS_STYLE.get(status, ""))
    hedges = list(hedges)
    if hedges:
        label.append(f" ({', '.join(hedges)})", style="dim")
    return label


def ledger_table(rows: list[dict[str, Any]], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("outlet", max_width=14)
    table.add_column("source", max_width=22)
    table.add_column("cue", max_width=14)
    table.add_column("status", no_wrap=True)
    table.add_column("content", ratio=1, min_width=36)
    for row in rows:
        source = row.get("source_name") or row.get("source_text") or "—"
        kind = row.get("source_kind")
        if kind and row.get("source_name"):
            source = f"{source} [{kind}]"
        table.add_row(
            row.get("published") or "",
            row.get("outlet") or "",
            short(source, 60),
            short(row.get("cue_text"), 40),
            status_text(row["status"], row.get("hedges") or ()),
            short(row.get("content_text"), 160),
        )
    return table


def _highlighted(article: Article, analysis: Analysis | None) -> Text:
    text = Text(article.text)
    if analysis is None:
        return text
    for att in analysis.attributions:
        if att.status == "asserted":
            continue
        text.stylize("underline", att.content.start, att.content.end)
        if att.cue:
            text.stylize(STATUS_STYLE.get(att.status, "bold"), att.cue.start, att.cue.end)
        if att.source and att.source.span:
            text.stylize("bold", att.source.span.start, att.source.span.end)
    return text


def print_article(console: Console, article: Article, analysis: Analysis | None) -> None:
    head = article.title or article.name or article.id
    console.rule(Text(head, style="bold"))
    meta = [f"id {article.id}"]
    for label, value in (("outlet", article.outlet), ("published", article.published), ("url", article.url)):
        if value:
            meta.append(f"{label} {value}")
    if article.copy_of:
        meta.append(f"copy of {article.copy_of}")
    console.print(" · ".join(meta), style="dim")
    console.print(_highlighted(article, analysis))
    if analysis is None:
        console.print("(not analysed)", style="dim")
        return
    if analysis.skipped:
        console.print(f"(not analysed: {analysis.skipped})", style="dim")
    table = Table(title="attribution frames", expand=True)
    for col in ("#", "source", "cue", "status", "form", "parent", "content"):
        table.add_column(col, ratio=1 if col == "content" else None)
    for i, att in enumerate(analysis.attributions):
        src = "—"
        if att.source:
            src = f"{att.source.name} [{att.source.kind}]"
        table.add_row(
            str(i),
            short(src, 50),
            short(att.cue.text if att.cue else "", 30),
            status_text(att.status, att.hedges),
            att.form,
            "" if att.parent is None else str(att.parent),
            short(att.content.text, 200),
        )
    console.print(table)
    if analysis.events:
        events = Table(title="events", expand=True)
        for col in ("#", "type", "trigger", "actor", "target", "quantity", "time", "place", "frames"):
            events.add_column(col)
        for i, ev in enumerate(analysis.events):
            time = analysis.times[ev.time].value if ev.time is not None and ev.time < len(analysis.times) else ""
            place = analysis.places[ev.place].name if ev.place is not None and ev.place < len(analysis.places) else ""
            events.add_row(
                str(i),
                ev.type,
                ev.trigger.text,
                ev.actor.text if ev.actor else "",
                ev.target.text if ev.target else "",
                ev.quantity or "",
                time or "",
                place,
                ", ".join(str(a) for a in ev.attributions),
            )
        console.print(events)
