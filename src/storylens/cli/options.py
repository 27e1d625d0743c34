"""Options every command shares, in one Annotated style, and the settings/store they lead to."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from storylens.config import Settings, load_settings
from storylens.store import Store, open_store

DbOption = Annotated[
    Path | None,
    typer.Option("--db", dir_okay=False, show_default=False,
                 help="SQLite database file (default: storylens.db in your user data folder; env STORYLENS_DB)."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document for scripts instead of tables.")]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="A TOML settings file (env STORYLENS_CONFIG).", exists=True, dir_okay=False),
]

console = Console()
errors = Console(stderr=True)


def settings_for(db: Path | None, config: Path | None = None) -> Settings:
    return load_settings(config_file=config, overrides={"db_path": db})


def store_for(settings: Settings) -> Store:
    return open_store(settings.db_path)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
