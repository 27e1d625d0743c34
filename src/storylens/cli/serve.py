"""`storylens serve`: the HTTP API and the web reader."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from storylens.cli.options import ConfigOption, DbOption, console, settings_for

HostOption = Annotated[str, typer.Option(help="Address to listen on; beyond 127.0.0.1 a token is required.")]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]
TokenOption = Annotated[
    str | None,
    typer.Option(help="Bearer token required for writes (POST /api/articles; env STORYLENS_TOKEN).",
                 show_default=False),
]


def serve(host: HostOption = "127.0.0.1", port: PortOption = 8000, db: DbOption = None,
          config: ConfigOption = None, token: TokenOption = None) -> None:
    """Serve the JSON API under /api/ (docs at /api/docs) and the web reader at /."""
    import uvicorn  # noqa: PLC0415  (keeps `storylens --help` fast)

    from storylens.serve.access import check_bind  # noqa: PLC0415  (keeps `storylens --help` fast)
    from storylens.serve.api import create_app  # noqa: PLC0415  (keeps `storylens --help` fast)

    token = token or os.environ.get("STORYLENS_TOKEN") or None
    check_bind(host, token)
    settings = settings_for(db, config)
    shown = f"[{host}]" if ":" in host else host
    console.print(f"storylens: reading {settings.db_path}; open http://{shown}:{port}/ "
                  f"(API docs at /api/docs){'; writes need the token' if token else ''}")
    uvicorn.run(create_app(settings, token=token), host=host, port=port, log_level="info")


def register(app: typer.Typer) -> None:
    """Add `serve` to the command line."""
    app.command("serve")(serve)
