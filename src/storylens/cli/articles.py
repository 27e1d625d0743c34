"""`storylens ingest`, `articles`, `show` and `stats`: getting articles in and looking at them."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import Annotated

import msgspec
import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from storylens.cli.app import app
from storylens.cli.options import (
    ConfigOption,
    DbOption,
    JsonOption,
    console,
    errors,
    print_json,
    settings_for,
    store_for,
)
from storylens.cli.watch import AllowPrivateOption, TimeoutOption, fetcher_for
from storylens.ingest import ReadOptions, iter_paths, read_path
from storylens.live import read_pages
from storylens.model import Article, Rejected, StoryId
from storylens.pipeline import RunReport, ingest_documents, update_stories
from storylens.store import ArticleFilter, Store
from storylens.store.lookup import article_by_prefix


def _render_report(report: RunReport) -> None:
    console.print(
        f"Read {report.read} inputs: [green]{report.stored} stored[/], "
        f"{report.already_stored} already stored, [red]{len(report.rejected)} rejected[/] "
        f"in {report.seconds:.1f}s."
    )
    for item in report.rejected:
        errors.print(f"  [red]rejected[/] {item.origin} [{item.code}]: {item.reason}", highlight=False)


_REFRESH_SECONDS = 0.1


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(
        metavar="PATH_OR_URL...",
        help="Files or folders (read recursively): .txt, .html, .jsonl, .csv, .warc, and .gz of each; or http(s) "
             "URLs of article pages.")],
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    text_field: Annotated[str, typer.Option(help="JSONL/CSV column holding the article text.")] = "text",
    title_field: Annotated[str, typer.Option(help="JSONL/CSV column holding the headline.")] = "title",
    url_field: Annotated[str, typer.Option(help="JSONL/CSV column holding the URL.")] = "url",
    date_field: Annotated[str, typer.Option(help="JSONL/CSV column holding the publication date.")] = "date",
    outlet_field: Annotated[str, typer.Option(help="JSONL/CSV column holding the outlet.")] = "outlet",
    allow_private: AllowPrivateOption = False,
    timeout: TimeoutOption = 15.0,
    is_clustering: Annotated[bool, typer.Option(
        "--cluster/--no-cluster", help="Place the new articles in stories afterwards.")] = True,
) -> None:
    """Read articles from files, folders and web pages into the database, then place them in stories.

    Each input becomes an article or a clear rejection naming the input and the reason; one bad input never
    stops the batch, and ingesting the same input twice stores nothing twice. New articles join the stories
    they belong to (only stories near them in time are regrouped; `storylens cluster` regroups all). Exit
    code 0 when every input was read, 1 when some were rejected.
    """
    settings = settings_for(db, config)
    options = ReadOptions(max_bytes=settings.max_input_bytes, text_field=text_field, title_field=title_field,
                          url_field=url_field, date_field=date_field, outlet_field=outlet_field)
    store = store_for(settings)
    try:
        # Refreshed from here, not by rich's timer thread: a process running threads does not fork workers.
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=errors, transient=True, disable=json_output, auto_refresh=False) as progress:
            task = progress.add_task("reading", total=None)
            last_refresh = time.monotonic()

            def advance(record: Article | Rejected) -> None:
                nonlocal last_refresh
                progress.update(task, advance=1, description=f"read {record.origin}")
                if time.monotonic() - last_refresh > _REFRESH_SECONDS:
                    progress.refresh()
                    last_refresh = time.monotonic()

            urls = [item for item in inputs if _is_url(item)]
            paths = [Path(item) for item in inputs if not _is_url(item)]
            fetcher = fetcher_for(allow_private=allow_private, timeout=timeout,
                                  max_page_mb=settings.max_input_mb)
            documents = chain((item for path in iter_paths(paths) for item in read_path(path, options)),
                              read_pages(urls, fetcher))
            report = ingest_documents(documents, store, settings, on_record=advance)
            if is_clustering:
                progress.update(task, description="placing new articles in stories")
            stories = update_stories(store, workers=settings.worker_count) if is_clustering else None
    finally:
        store.close()
    if json_output:
        print_json(report.to_json_dict() | {"db": str(settings.db_path)}
                   | ({"stories": stories.to_json_dict()} if stories else {}))
    else:
        _render_report(report)
        if stories is not None:
            console.print(f"{stories.new} new articles placed; {stories.stories} stories in all "
                          f"({stories.articles} articles regrouped, {stories.seconds:.2f}s).")
    if report.rejected:
        raise typer.Exit(1)


def as_utc(value: datetime | None) -> datetime | None:
    """Dates typed on the command line are UTC unless they say otherwise."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "—"


def article_table(articles: list[Article], title: str) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for column in ("id", "published", "outlet", "lang", "title"):
        table.add_column(column, overflow="fold")
    for article in articles:
        table.add_row(article.id, _when(article.published), article.outlet or "—", article.language,
                      article.title)
    return table


@app.command("articles")
def list_articles(
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (ISO 639-1, e.g. en).")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Words in the headline or body.")] = None,
    since: Annotated[datetime | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[datetime | None, typer.Option(help="Published before (YYYY-MM-DD).")] = None,
    story: Annotated[str | None, typer.Option(help="Only the articles of this story.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
) -> None:
    """List stored articles, newest first."""
    where = ArticleFilter(outlet=outlet, language=language, text=search, since=as_utc(since), until=as_utc(until),
                          story_id=StoryId(story) if story else None, limit=limit, offset=offset)
    store = store_for(settings_for(db, config))
    try:
        articles = store.list_articles(where)
    finally:
        store.close()
    if json_output:
        print_json([msgspec.to_builtins(article) for article in articles])
    else:
        console.print(article_table(articles, f"{len(articles)} articles"))


def resolve_article(store: Store, prefix: str) -> Article:
    """An article by its id or an unambiguous prefix of it."""
    return article_by_prefix(store, prefix, fix="run `storylens articles` to list ids, and give more characters")


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ID", help="An article id (or its first characters).")],
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
) -> None:
    """Show one article: metadata, body, and what was kept apart from it."""
    store = store_for(settings_for(db, config))
    try:
        article = resolve_article(store, article_id)
    finally:
        store.close()
    if json_output:
        print_json(msgspec.to_builtins(article))
        return
    console.rule(f"[bold]{article.title}")
    facts = [("id", article.id), ("outlet", article.outlet or "—"),
             ("published", f"{_when(article.published)} ({article.date_source})"),
             ("language", article.language), ("dateline", article.dateline or "—"),
             ("authors", ", ".join(article.authors) or "—"), ("url", article.url or "—"),
             ("cites", ", ".join(article.cited_outlets) or "—"), ("from", str(article.origin))]
    for name, value in facts:
        console.print(f"[dim]{name:>10}[/] {value}", highlight=False)
    console.print()
    console.print(article.body, highlight=False)
    for label, lines in (("caption", article.captions), ("credit", article.credits)):
        for line in lines:
            console.print(f"[dim]{label}:[/] {line}", highlight=False)


@app.command()
def stats(db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False) -> None:
    """Counts: articles, stories, copies, outlets, languages, rejected inputs."""
    settings = settings_for(db, config)
    store = store_for(settings)
    try:
        numbers = store.stats()
    finally:
        store.close()
    if json_output:
        print_json(msgspec.to_builtins(numbers) | {"db": str(settings.db_path)})
        return
    console.print(f"[bold]{settings.db_path}[/] (schema {numbers.schema_version})")
    console.print(f"{numbers.articles} articles, {numbers.stories} stories, {numbers.copies} copies, "
                  f"{numbers.rejected} rejected inputs; published {_when(numbers.first_published)} "
                  f"to {_when(numbers.last_published)}")
    table = Table("outlet", "articles")
    for outlet, count in numbers.outlets:
        table.add_row(outlet, str(count))
    console.print(table)
    console.print("languages: " + ", ".join(f"{code} {count}" for code, count in numbers.languages))
