"""`storylens export`: stories or articles to JSON, CSV, Parquet, Markdown, RSS or Atom."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from storylens.cli.options import ConfigOption, DbOption, console, settings_for, store_for
from storylens.store import Store, StoryFilter


class ExportFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    PARQUET = "parquet"
    MARKDOWN = "markdown"
    RSS = "rss"
    ATOM = "atom"


class ExportWhat(StrEnum):
    STORIES = "stories"
    ARTICLES = "articles"


_EVERY = 2**31 - 1


def export_store(store: Store, what: ExportWhat, file_format: ExportFormat, *, base_url: str) -> bytes:
    """The whole store's stories or articles in one format, as the bytes of the file."""
    from storylens.serve import export  # noqa: PLC0415  (keeps `storylens --help` fast)
    from storylens.serve.catalog import story_account, story_articles  # noqa: PLC0415  (keeps `storylens --help` fast)

    columns: Sequence[str]
    if what is ExportWhat.ARTICLES:
        if file_format in (ExportFormat.RSS, ExportFormat.ATOM):
            raise export.ExportError(f"{file_format} feeds list stories, not articles",
                                     subject=str(file_format),
                                     fix="use --what stories, or another format")
        articles = list(store.iter_articles())
        if file_format is ExportFormat.MARKDOWN:
            return export.articles_to_markdown(articles).encode()
        records, columns = [export.article_record(a) for a in articles], export.ARTICLE_COLUMNS
    else:
        stories = store.list_stories(StoryFilter(limit=_EVERY))
        if file_format in (ExportFormat.MARKDOWN, ExportFormat.RSS, ExportFormat.ATOM):
            accounts = [story_account(store, story, story_articles(store, story)) for story in stories]
            if file_format is ExportFormat.MARKDOWN:
                return export.accounts_to_markdown(accounts).encode()
            summaries = {a.story_id: " ".join(s.text for s in a.summary) for a in accounts}
            feed = export.stories_to_rss if file_format is ExportFormat.RSS else export.stories_to_atom
            return feed(stories, base_url=base_url, summaries=summaries)
        records, columns = [export.story_record(s) for s in stories], export.STORY_COLUMNS
    if file_format is ExportFormat.JSON:
        return export.records_to_json(records)
    if file_format is ExportFormat.CSV:
        return export.records_to_csv(records, columns).encode()
    return export.records_to_parquet(records, columns)


def export_command(
    file_format: Annotated[ExportFormat, typer.Option("--format", "-f", help="File format.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write ('-' for standard output).",
                                      dir_okay=False)],
    what: Annotated[ExportWhat, typer.Option("--what", help="Export stories or articles.")] = (
        ExportWhat.STORIES),
    base_url: Annotated[str, typer.Option(help="Where the reader is served, for feed links.")] = (
        "http://127.0.0.1:8000"),
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Write every story (or article) as JSON, CSV, Parquet or Markdown, or stories as an RSS/Atom feed."""
    store = store_for(settings_for(db, config))
    try:
        data = export_store(store, what, file_format, base_url=base_url)
    finally:
        store.close()
    if str(out) == "-":
        typer.echo(data.decode(errors="replace"), nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    console.print(f"Wrote {what} as {file_format} to {out} ({len(data):,} bytes).")


def register(app: typer.Typer) -> None:
    """Add `export` to the command line."""
    app.command("export")(export_command)
