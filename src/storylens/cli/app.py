"""The `storylens` command: one typer app, one module per command group."""

from __future__ import annotations

import sys

import typer

from storylens.errors import StorylensError

app = typer.Typer(
    name="storylens",
    help="Turn many outlets' reports of the news into understood stories.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def main() -> None:
    """Entry point: our own errors print one clear line and exit 2; nothing else is swallowed."""
    from storylens.cli import commands  # noqa: F401, PLC0415  (registers the commands; imports app)

    try:
        app()
    except StorylensError as error:
        typer.echo(f"storylens: {error}", err=True)
        sys.exit(2)
