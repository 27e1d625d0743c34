"""`storylens cluster` and `storylens stories …`: the stories, and people's decisions about them."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from typing import Annotated

import msgspec
import typer
from rich.table import Table

from storylens.cli.app import app
from storylens.cli.articles import as_utc, resolve_article
from storylens.cli.options import (
    ConfigOption,
    DbOption,
    JsonOption,
    console,
    print_json,
    settings_for,
    store_for,
)
from storylens.errors import NotFoundError
from storylens.model import ArticleId, EditAction, Story, StoryEdit, StoryId
from storylens.pipeline import refresh_stories
from storylens.store import Store, StoryFilter
from storylens.store.lookup import story_by_prefix

stories_app = typer.Typer(help="List stories, and merge, split or move them by hand.", no_args_is_help=False)
app.add_typer(stories_app, name="stories")

EditorOption = Annotated[str | None, typer.Option(help="Who made the decision (default: your user name).")]


def _span(story: Story) -> str:
    if story.first_published is None:
        return "undated"
    first = story.first_published.strftime("%Y-%m-%d")
    last = story.last_published.strftime("%Y-%m-%d") if story.last_published else first
    return first if first == last else f"{first} → {last}"


def render_story_list(stories: list[Story]) -> None:
    table = Table(title=f"{len(stories)} stories")
    for column in ("story", "when", "articles", "outlets", "headline"):
        table.add_column(column, overflow="fold")
    for story in stories:
        table.add_row(story.id, _span(story), str(len(story.article_ids)), ", ".join(story.outlets), story.title)
    console.print(table)


def resolve_story(store: Store, prefix: str) -> Story:
    """A story by its id or an unambiguous prefix of it."""
    return story_by_prefix(store, prefix, fix="run `storylens stories` to list ids, and give more characters")


@app.command()
def cluster(db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False) -> None:
    """Recompute copies and stories over every stored article (people's edits are kept)."""
    settings = settings_for(db, config)
    store = store_for(settings)
    try:
        report = refresh_stories(store, workers=settings.worker_count)
    finally:
        store.close()
    if json_output:
        print_json(report.to_json_dict())
    else:
        console.print(f"{report.articles} articles: {report.stories} stories, {report.copies} copies "
                      f"({report.seconds:.2f}s).")


@stories_app.callback(invoke_without_command=True)
def list_stories(
    context: typer.Context,
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    outlet: Annotated[str | None, typer.Option(help="Only stories this outlet reported.")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Words in the stories' articles.")] = None,
    since: Annotated[datetime | None, typer.Option(help="Reported on or after (YYYY-MM-DD).")] = None,
    until: Annotated[datetime | None, typer.Option(help="Reported before (YYYY-MM-DD).")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
) -> None:
    """List stories, most recent first."""
    if context.invoked_subcommand is not None:
        return
    store = store_for(settings_for(db, config))
    try:
        stories = store.list_stories(StoryFilter(outlet=outlet, text=search, since=as_utc(since),
                                                 until=as_utc(until), limit=limit, offset=offset))
    finally:
        store.close()
    if json_output:
        print_json([msgspec.to_builtins(story) for story in stories])
    else:
        render_story_list(stories)


def _apply(store: Store, edit: StoryEdit, json_output: bool) -> None:
    store.record_edit(edit)
    report = refresh_stories(store)
    if json_output:
        print_json({"edit": msgspec.to_builtins(edit), "stories": report.to_json_dict()})
    else:
        console.print(f"{edit.action} recorded by {edit.editor}; {report.stories} stories now.")


def _edit(action: EditAction, stories: tuple[StoryId, ...], articles: tuple[ArticleId, ...],
          editor: str | None) -> StoryEdit:
    return StoryEdit(action=action, story_ids=stories, article_ids=articles,
                     editor=editor or getpass.getuser(), at=datetime.now(UTC))


@stories_app.command()
def merge(
    first: Annotated[str, typer.Argument(help="A story id.")],
    second: Annotated[str, typer.Argument(help="Another story id, merged into the first.")],
    db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False, editor: EditorOption = None,
) -> None:
    """Merge two stories into one; later clustering keeps them together."""
    store = store_for(settings_for(db, config))
    try:
        a, b = resolve_story(store, first), resolve_story(store, second)
        _apply(store, _edit(EditAction.MERGE, (a.id, b.id), a.article_ids + b.article_ids, editor), json_output)
    finally:
        store.close()


@stories_app.command()
def split(
    story: Annotated[str, typer.Argument(help="The story to split.")],
    articles: Annotated[list[str], typer.Argument(help="Articles that leave it to form a story of their own.")],
    db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False, editor: EditorOption = None,
) -> None:
    """Split articles out of a story into a new one; later clustering keeps them apart."""
    store = store_for(settings_for(db, config))
    try:
        source = resolve_story(store, story)
        chosen = tuple(resolve_article(store, prefix).id for prefix in articles)
        outside = [article for article in chosen if article not in source.article_ids]
        if outside:
            raise NotFoundError(f"articles {', '.join(outside)} are not in story {source.id}", subject=source.id,
                                fix=f"list its articles with `storylens articles --story {source.id}`")
        _apply(store, _edit(EditAction.SPLIT, (source.id,), chosen, editor), json_output)
    finally:
        store.close()


@stories_app.command()
def move(
    article: Annotated[str, typer.Argument(help="The article to move.")],
    story: Annotated[str, typer.Argument(help="The story it belongs to.")],
    db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False, editor: EditorOption = None,
) -> None:
    """Move an article into another story; later clustering leaves it there."""
    store = store_for(settings_for(db, config))
    try:
        target = resolve_story(store, story)
        moved = resolve_article(store, article)
        _apply(store, _edit(EditAction.MOVE, (target.id,), (moved.id,), editor), json_output)
    finally:
        store.close()
