"""Fixtures for the live tests: a fresh site on a free port of 127.0.0.1 per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from live_site import Site, start_site


@pytest.fixture
def site() -> Iterator[Site]:
    served, server, thread = start_site()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
