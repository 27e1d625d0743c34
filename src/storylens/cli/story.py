"""`storylens story ID`: one story told once, every piece with its sources."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec
import typer
from rich.markdown import Markdown

from storylens.cli.app import app
from storylens.cli.options import ConfigOption, DbOption, console, print_json, settings_for, store_for
from storylens.cli.stories import resolve_story
from storylens.serve.markdown import account_to_markdown
from storylens.synthesize import write_account


class AccountFormat(StrEnum):
    RICH = "rich"
    JSON = "json"
    MARKDOWN = "markdown"


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="A story id (or its first characters).")],
    db: DbOption = None,
    config: ConfigOption = None,
    output: Annotated[AccountFormat, typer.Option("--format", "-f", help="How to print the account.")] = (
        AccountFormat.RICH),
    words: Annotated[int, typer.Option(min=20, help="Length of the summary in words.")] = 120,
) -> None:
    """The account of one story: attributed summary, aligned quotes, claims, what each source adds."""
    store = store_for(settings_for(db, config))
    try:
        chosen = resolve_story(store, story_id)
        articles = store.get_articles(chosen.article_ids)
        members = set(chosen.article_ids)
        copies = [link for link in store.copies() if link.copy in members]
    finally:
        store.close()
    account = write_account(chosen, articles, copies=copies, max_words=words)
    if output is AccountFormat.JSON:
        print_json(msgspec.to_builtins(account))
    elif output is AccountFormat.MARKDOWN:
        typer.echo(account_to_markdown(account), nl=False)
    else:
        console.print(Markdown(account_to_markdown(account)))
