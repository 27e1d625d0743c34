"""Shared fixtures only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _shared_data_dir() -> Path:
    return Path(os.environ.get("STORYLENS_DATA", REPO.parent / "shared" / "data")).resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data (or $STORYLENS_DATA): skipped with a reason when absent, a failure under CI."""
    path = _shared_data_dir()
    if not path.is_dir():
        message = f"labelled data not found at {path}; set STORYLENS_DATA or put shared/ beside the checkout"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def seeds_dir(shared_data: Path) -> Path:
    return shared_data / "seeds"
