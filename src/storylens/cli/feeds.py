"""`storylens feeds`: the feeds the watcher follows — list, add, remove, import and export OPML."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import msgspec
import typer
from rich.table import Table

from storylens.cli.options import ConfigOption, DbOption, JsonOption, console, print_json, settings_for, store_for
from storylens.errors import IngestError
from storylens.ingest.opml import FeedEntry, OpmlProblem, read_opml, write_opml

feeds_app = typer.Typer(help="Feeds the watcher follows: list (default), add, remove, import, export.",
                        no_args_is_help=False)

IntervalOption = Annotated[int, typer.Option("--interval", min=0, help="Seconds between fetches of the feed.")]


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise IngestError("a feed URL must be an http or https URL", subject=url,
                          fix="give the feed's full address, e.g. https://example.org/rss.xml")
    return url.strip()


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "—"


@feeds_app.callback(invoke_without_command=True)
def list_feeds(ctx: typer.Context, db: DbOption = None, config: ConfigOption = None,
               json_output: JsonOption = False) -> None:
    """Show each feed's last fetch, its errors and the new items it gave."""
    if ctx.invoked_subcommand is not None:
        return
    store = store_for(settings_for(db, config))
    try:
        feeds = store.list_feeds()
    finally:
        store.close()
    if json_output:
        print_json([msgspec.to_builtins(feed) for feed in feeds])
        return
    table = Table(title=f"{len(feeds)} feeds")
    for column in ("feed", "last fetch", "status", "new", "seen", "errors", "next fetch"):
        table.add_column(column, overflow="fold")
    for feed in feeds:
        status = feed.last_status or "never fetched"
        if feed.last_error:
            status = f"{status}: {feed.last_error}"
        table.add_row(f"{feed.title}\n{feed.url}" if feed.title else feed.url,
                      _when(feed.last_fetched_at), status, str(feed.last_new_items), str(feed.items_seen),
                      str(feed.consecutive_errors), _when(feed.next_fetch_at) if feed.last_fetched_at else "now")
    console.print(table)


@feeds_app.command("add")
def add_feed(
    urls: Annotated[list[str], typer.Argument(metavar="URL...", help="Feed URLs (RSS or Atom).")],
    db: DbOption = None,
    config: ConfigOption = None,
    interval: IntervalOption = 900,
    title: Annotated[str | None, typer.Option(help="A name for the feed (one URL only).")] = None,
) -> None:
    """Follow feeds; `storylens watch` polls them."""
    checked = [_check_url(url) for url in urls]
    store = store_for(settings_for(db, config))
    try:
        for url in checked:
            is_new = store.add_feed(url, title=title if len(checked) == 1 else None, interval_seconds=interval)
            console.print(f"{'added' if is_new else 'already followed'}: {url}", highlight=False)
    finally:
        store.close()


@feeds_app.command("remove")
def remove_feed(
    url: Annotated[str, typer.Argument(metavar="URL", help="A followed feed's URL.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Stop following a feed (its stored articles stay)."""
    store = store_for(settings_for(db, config))
    try:
        removed = store.remove_feed(url)
    finally:
        store.close()
    console.print(f"{'removed' if removed else 'not followed'}: {url}", highlight=False)
    if not removed:
        raise typer.Exit(1)


@feeds_app.command("import")
def import_feeds(
    path: Annotated[Path, typer.Argument(metavar="FILE.opml", exists=True, dir_okay=False,
                                         help="An OPML file from a feed reader.")],
    db: DbOption = None,
    config: ConfigOption = None,
    interval: IntervalOption = 900,
) -> None:
    """Follow every feed an OPML file lists."""
    entries = read_opml(path.read_bytes())
    if isinstance(entries, OpmlProblem):
        raise IngestError(f"cannot read the OPML file: {entries.reason}", subject=str(path),
                          fix="export the list again from your feed reader")
    store = store_for(settings_for(db, config))
    added = 0
    try:
        for entry in entries:
            added += store.add_feed(_check_url(entry.url), title=entry.title, interval_seconds=interval)
    finally:
        store.close()
    console.print(f"{len(entries)} feeds in {path}: {added} added, {len(entries) - added} already followed",
                  highlight=False)


@feeds_app.command("export")
def export_feeds(
    path: Annotated[Path | None, typer.Argument(metavar="[FILE.opml]", dir_okay=False,
                                                help="Where to write; standard output when left out.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Write the followed feeds as OPML."""
    store = store_for(settings_for(db, config))
    try:
        feeds = store.list_feeds()
    finally:
        store.close()
    document = write_opml([FeedEntry(url=feed.url, title=feed.title) for feed in feeds])
    if path is None:
        typer.echo(document, nl=False)
    else:
        path.write_text(document, encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.add_typer(feeds_app, name="feeds")
