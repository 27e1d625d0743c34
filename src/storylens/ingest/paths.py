"""Which files a list of paths names: folders recursively, in a fixed order, hidden files left out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storylens.errors import IngestError


def _is_hidden(path: Path) -> bool:
    return path.name.startswith(".")


def _walk(folder: Path) -> Iterator[Path]:
    for child in sorted(folder.iterdir(), key=lambda item: item.name):
        if _is_hidden(child):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child


def iter_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named by `paths`: files as given, folders walked recursively in sorted order.

    Hidden files and folders (a name starting with ".") inside folders are skipped; a file named directly
    is always read.

    Raises:
        IngestError: a path does not exist.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield path
        else:
            raise IngestError("no such file or folder", subject=str(path),
                              fix="check the path, or quote it if it contains spaces")
