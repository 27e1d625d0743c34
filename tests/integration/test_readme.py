"""The README's examples run as written (docs are tests)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from storylens.samples import sample_paths

README = Path(__file__).resolve().parents[2] / "README.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_readme_starts_with_exactly_two_setup_commands() -> None:
    text = README.read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in setup.strip().splitlines()]
    assert commands == ["make demo", "make test"]


def test_the_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for path in sample_paths():
        shutil.copy(path, inbox / path.name)
    monkeypatch.chdir(tmp_path)
    [example] = _python_blocks()

    namespace: dict[str, object] = {}
    exec(compile(example, str(README), "exec"), namespace)

    assert (tmp_path / "news.db").exists()
    assert namespace["account"].summary  # type: ignore[attr-defined]
