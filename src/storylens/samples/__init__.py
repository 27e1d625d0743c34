"""The sample corpus: invented news articles that ship with storylens, and their ground-truth labels.

`storylens demo` reads them and the unit tests reuse them. Every text is fiction written for storylens;
`README.md` in this folder lists the events and the traps they set.

Keys in `labels.json` (and from `sample_key`) are paths relative to this folder, with "/" separators:
"articles/meridian-wire-2025-05-18-skarra-ferry.txt", "pages/tideline-news-2025-05-19-skarra-ferry.html".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import msgspec

from storylens.errors import StorylensError

__all__ = ["ARTICLE_SUFFIXES", "SampleLabel", "sample_dir", "sample_key", "sample_labels", "sample_paths"]

ARTICLE_SUFFIXES = (".txt", ".html")
_ARTICLE_FOLDERS = ("articles", "pages")
_LABELS_FILE = "labels.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class SampleLabel:
    """What a sample article is, as its authors intended: the truth the demo and tests check against.

    Attributes:
        event: key of the real-world event the article reports; articles sharing it form one story.
        outlet: the outlet that published the article (for a syndicated copy, the republisher).
        dateline: the place the article was filed from, title-cased ("Arden"), or None when it names none.
        published: the publication date the text states (dateline, photo caption, first paragraph or page
            metadata), or None when it states no full date.
        dup_of: key of the article this one copies nearly verbatim, or None.
        cites: outlets the article says it reports from ("according to Meridian Wire"), in text order.
    """

    event: str
    outlet: str
    dateline: str | None
    published: date | None
    dup_of: str | None
    cites: tuple[str, ...]


def sample_dir() -> Path:
    """The folder holding the samples (`storylens/samples`), wherever the package is installed.

    Raises:
        StorylensError: the package is imported from a zip archive, so the files are not on disk.
    """
    folder = resources.files(__name__)
    if not isinstance(folder, Path):
        raise StorylensError("the sample articles are inside an archive, not on disk", subject=str(folder),
                             fix="install storylens from a wheel or a source checkout (pip install storylens)")
    return folder


def sample_paths() -> list[Path]:
    """Every sample article (.txt and .html under `articles/` and `pages/`), sorted by key.

    Read these, not `sample_dir()` itself: the folder also holds `labels.json`, this module and a README.
    """
    root = sample_dir()
    paths = [path for folder in _ARTICLE_FOLDERS for path in (root / folder).rglob("*")
             if path.is_file() and path.suffix in ARTICLE_SUFFIXES and not path.name.startswith(".")]
    return sorted(paths, key=sample_key)


def sample_key(path: Path) -> str:
    """The label key of a sample file: its path relative to `sample_dir()`, with "/" separators.

    Raises:
        ValueError: `path` is not inside `sample_dir()`.
    """
    return path.resolve().relative_to(sample_dir().resolve()).as_posix()


def sample_labels() -> dict[str, SampleLabel]:
    """The ground truth for every sample article, by key (see `sample_key`), read from `labels.json`.

    Raises:
        StorylensError: `labels.json` does not match the SampleLabel fields.
    """
    path = sample_dir() / _LABELS_FILE
    try:
        return msgspec.json.decode(path.read_bytes(), type=dict[str, SampleLabel])
    except msgspec.ValidationError as error:
        raise StorylensError(f"sample labels do not match SampleLabel: {error}", subject=str(path),
                             fix="give every entry event, outlet, dateline, published (YYYY-MM-DD or null), "
                                 "dup_of and cites") from error
