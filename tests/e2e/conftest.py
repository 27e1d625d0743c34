"""A real server over the seed articles, and Debian's Chromium driven by Playwright (never downloaded)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from storylens.config import Settings
from storylens.pipeline import ingest_paths, refresh_stories
from storylens.serve.api import create_app
from storylens.store import open_store

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str) -> None:
    """Skip locally; under CI a missing browser is a failure, not a silent pass."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (required under CI; run scripts/ensure-chromium.sh)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    path = Path(os.environ.get("STORYLENS_CHROMIUM", "/usr/bin/chromium"))
    if not path.exists():
        found = shutil.which("chromium")
        if found is None:
            _unavailable(f"no Chromium at {path}; run scripts/ensure-chromium.sh")
        path = Path(str(found))
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415  (optional)
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright; no browser download)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def seed_server(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The reader over a fresh store holding the seed articles, on a free loopback port."""
    settings = Settings(db_path=tmp_path_factory.mktemp("e2e") / "seeds.db")
    store = open_store(settings.db_path)
    try:
        ingest_paths([seeds_dir], store, settings)
        refresh_stories(store)
    finally:
        store.close()
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
