"""Settings: code defaults < TOML file < STORYLENS_* environment < CLI flags.

Built once at start-up and passed down; nothing here is read at import time.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

from storylens.errors import ConfigError


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("storylens")) / "storylens.db"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    db_path: Path = field(
        default_factory=default_db_path,
        metadata={"help": "SQLite database file (env STORYLENS_DB)."},
    )
    data_dir: Path = field(
        default=Path("../shared/data"),
        metadata={"help": "Folder of labelled evaluation data (env STORYLENS_DATA)."},
    )
    max_input_mb: float = field(
        default=50.0,
        metadata={"help": "Inputs larger than this many megabytes are rejected as too large."},
    )
    batch_size: int = field(
        default=500,
        metadata={"help": "Articles written per store transaction during ingest."},
    )
    workers: int = field(
        default=0,
        metadata={"help": "Processes that normalize a large ingest (0: one per CPU core; 1: none besides this one; "
                          "env STORYLENS_WORKERS)."},
    )
    embeddings: str = field(
        default="",
        metadata={"help": "Dense embeddings that `compare` adds to its lexical features: 'use' (multilingual, extra "
                          "dense), 'minilm' (English, extra dense-en) or 'minilm,use' (MiniLM for English pairs, "
                          "USE for the others); empty for none (env STORYLENS_EMBEDDINGS)."},
    )

    @property
    def max_input_bytes(self) -> int:
        return int(self.max_input_mb * 1024 * 1024)

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)


_ENV = {"db_path": "STORYLENS_DB", "data_dir": "STORYLENS_DATA", "max_input_mb": "STORYLENS_MAX_INPUT_MB",
        "batch_size": "STORYLENS_BATCH_SIZE", "workers": "STORYLENS_WORKERS",
        "embeddings": "STORYLENS_EMBEDDINGS"}


def _coerce(name: str, raw: Any, source: str) -> Any:
    kinds = {f.name: f for f in fields(Settings)}
    if name not in kinds:
        raise ConfigError(f"unknown setting {name!r}", subject=source,
                          fix=f"use one of {', '.join(sorted(kinds))}")
    default = getattr(Settings(), name)
    try:
        if isinstance(default, Path):
            return Path(str(raw)).expanduser()
        return type(default)(raw)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"setting {name} cannot be {raw!r}", subject=source,
                          fix=f"give a {type(default).__name__}") from error


def load_settings(
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build settings from the layers, lowest first. `overrides` are CLI flags; None values are ignored."""
    settings = Settings()
    environ = os.environ if environ is None else environ
    config_file = config_file or (Path(environ["STORYLENS_CONFIG"]) if "STORYLENS_CONFIG" in environ else None)
    if config_file is not None:
        try:
            table = tomllib.loads(config_file.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            raise ConfigError(f"cannot read settings: {error}", subject=str(config_file),
                              fix="check the file is readable TOML") from error
        section = table.get("storylens", table)
        settings = replace(settings, **{k: _coerce(k, v, str(config_file)) for k, v in section.items()})
    from_env = {name: _coerce(name, environ[var], var) for name, var in _ENV.items() if var in environ}
    settings = replace(settings, **from_env)
    if overrides:
        given = {k: _coerce(k, v, "command line") for k, v in overrides.items() if v is not None}
        settings = replace(settings, **given)
    return settings


def describe_settings() -> list[tuple[str, str, str]]:
    """(name, environment variable, help) for every setting, for docs and --help."""
    return [(f.name, _ENV.get(f.name, ""), str(f.metadata.get("help", ""))) for f in fields(Settings)]
