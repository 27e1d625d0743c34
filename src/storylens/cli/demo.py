"""`storylens demo`: the bundled sample articles into a local database, and what storylens found in them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storylens.cli.app import app
from storylens.cli.options import ConfigOption, JsonOption, console, print_json, store_for
from storylens.cli.stories import render_story_list
from storylens.config import load_settings
from storylens.pipeline import ingest_paths, update_stories
from storylens.samples import sample_paths


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Where to write the demo database.", dir_okay=False)] = Path(
        "storylens-demo.db"),
    config: ConfigOption = None,
    json_output: JsonOption = False,
) -> None:
    """Ingest the sample articles that ship with storylens into a local SQLite file and show the stories."""
    settings = load_settings(config_file=config, overrides={"db_path": db})
    store = store_for(settings)
    try:
        report = ingest_paths(sample_paths(), store, settings)
        stories_report = update_stories(store)
        stories = store.list_stories()
        copies = store.copies()
        articles = {article.id: article for article in store.iter_articles()}
    finally:
        store.close()
    if json_output:
        print_json({"ingest": report.to_json_dict(), "stories": stories_report.to_json_dict(),
                    "db": str(settings.db_path)})
        return
    console.print(f"Read {report.read} sample articles into [bold]{settings.db_path}[/] "
                  f"({report.stored} new, {report.already_stored} already there, {len(report.rejected)} rejected).")
    console.print(f"Found {len(stories)} stories and {len(copies)} copies "
                  f"in {stories_report.seconds:.2f}s.\n")
    render_story_list(stories)
    for link in copies:
        copy, original = articles[link.copy], articles[link.original]
        console.print(f"[yellow]copy[/] {copy.outlet}: “{copy.title}” repeats {original.outlet} "
                      f"({link.method}, similarity {link.similarity:.2f})", highlight=False)
    console.print(f"\nNext: [bold]storylens stories --db {settings.db_path}[/], "
                  f"[bold]storylens story ID --db {settings.db_path}[/], "
                  f"[bold]storylens articles --db {settings.db_path}[/].")
