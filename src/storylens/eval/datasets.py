"""Readers for the labelled data in ../shared/data, and for a generic labelled JSONL.

Each reader takes a path and yields small frozen records; a record builds the `Document` the engine
ingests (`to_document`), so labelled text goes through the same normalization as any other input.
A missing or malformed file raises `DatasetError` naming the path, the row and what is wrong.

File names (relative to the data folder): `multinews/multinews_dev.jsonl.gz`,
`uci-news-aggregator/*.csv`, `gedikli/*-article_texts.csv` with `gedikli/*-2021-06-29.csv`,
`semeval2022/pairs_dev.csv`.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from storylens.errors import DatasetError
from storylens.model import Document, Origin, SourceFormat

# Some SemEval and Gedikli cells hold a whole article; the csv module's default limit is 128 KB.
_CSV_FIELD_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelledArticle:
    """One article with its gold story (`event`) and, for copy detection, the id it copies (`dup_of`)."""

    id: str
    text: str
    event: str
    origin: Origin
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    dup_of: str | None = None

    def to_document(self) -> Document:
        """The unnormalized input the engine would have read for this article."""
        return Document(origin=self.origin, text=self.text, title=self.title, url=self.url,
                        outlet=self.outlet, published=self.published)


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelledCluster:
    """One Multi-News cluster: its source documents (lower-cased, truncated) and the reference summary.

    `documents[i]` sits at position `doc_indices[i]` of the original cluster; `kept_doc_indices` are the
    original positions Multi-News+ judged on-topic (the rest are noise pages scraped with the story).
    """

    idx: int
    summary: str
    documents: tuple[str, ...]
    doc_indices: tuple[int, ...]
    kept_doc_indices: tuple[int, ...]
    location: str

    def articles(self) -> tuple[LabelledArticle, ...]:
        """The cluster's documents as articles `mn-<idx>-<position>`, all labelled with this cluster."""
        return tuple(
            LabelledArticle(
                id=f"mn-{self.idx}-{position}",
                text=text,
                event=f"mn-{self.idx}",
                origin=Origin(location=self.location, format=SourceFormat.JSONL, record=self.idx),
            )
            for position, text in zip(self.doc_indices, self.documents, strict=True)
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class LabelledPair:
    """Two articles and whether they report the same story.

    `overall` is on the SemEval-2022 scale, 1 = same story ... 4 = unrelated (for Gedikli: 1.0 when
    labelled the same story chain, 4.0 when not). `scores` holds the other SemEval dimensions
    (Geography, Entities, Time, Narrative, Style, Tone) when the dataset has them.
    """

    pair_id: str
    first: LabelledArticle
    second: LabelledArticle
    overall: float
    lang1: str | None = None
    lang2: str | None = None
    scores: tuple[tuple[str, float], ...] = ()

    @property
    def language_pair(self) -> str:
        """`"en-en"`, `"de-en"`, …; `"unknown"` when the dataset gives no languages."""
        if self.lang1 is None or self.lang2 is None:
            return "unknown"
        return f"{self.lang1}-{self.lang2}"

    @property
    def is_same_story(self) -> bool:
        return self.overall <= 2.0


@dataclass(frozen=True, slots=True, kw_only=True)
class GedikliDataset:
    """Gedikli et al. (2021): 100 articles and every pair of them labelled same story chain or not."""

    articles: tuple[LabelledArticle, ...]
    pairs: tuple[LabelledPair, ...]


def _missing(path: Path, what: str) -> DatasetError:
    return DatasetError(f"{what} not found", subject=str(path),
                        fix="point at ../shared/data (or set STORYLENS_DATA) and check the file name")


def _open_text(path: Path) -> IO[str]:
    if not path.is_file():
        raise _missing(path, "dataset file")
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8-sig", newline="")


def _csv_rows(path: Path, required: tuple[str, ...], *,
              delimiter: str = ",") -> Iterator[tuple[int, dict[str, str]]]:
    """Rows as dicts with their 1-based data row number, after checking the header has `required`."""
    csv.field_size_limit(_CSV_FIELD_LIMIT)
    with _open_text(path) as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        header = reader.fieldnames or []
        absent = [name for name in required if name not in header]
        if absent:
            raise DatasetError(f"CSV header lacks {', '.join(absent)} (has {', '.join(header) or 'nothing'})",
                               subject=str(path), fix="give the file this reader expects")
        try:
            for number, row in enumerate(reader, start=1):
                if None in row or any(row[name] is None for name in required):
                    raise DatasetError(f"row {number} has the wrong number of cells",
                                       subject=f"{path}#{number}",
                                       fix="repair the row or use the original file")
                yield number, row
        except csv.Error as error:
            raise DatasetError(f"unreadable CSV: {error}", subject=str(path),
                               fix="use the original file") from error


def _float(value: str, *, path: Path, number: int, column: str) -> float:
    try:
        result = float(value)
    except ValueError:
        raise DatasetError(f"row {number}: {column} is {value!r}, not a number", subject=f"{path}#{number}",
                           fix="repair the row or use the original file") from None
    if math.isnan(result):
        raise DatasetError(f"row {number}: {column} is missing", subject=f"{path}#{number}",
                           fix="repair the row or use the original file")
    return result


def _json_list(value: Any, *, path: Path, number: int, field: str) -> list[Any]:
    """Multi-News+ stores some lists as JSON strings and some as lists; accept both."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            value = None
    if not isinstance(value, list):
        raise DatasetError(f"line {number}: {field} is not a list", subject=f"{path}#{number}",
                           fix="use the original Multi-News+ file")
    return value


def _json_objects(path: Path, *, fix: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The JSON object on each non-blank line of `path`, with its line number.

    Raises:
        DatasetError: a line is not JSON, or not an object; `fix` says what the file should be.
    """
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise DatasetError(f"line {number} is not JSON: {error.msg}", subject=f"{path}#{number}",
                                   fix=fix) from None
            if not isinstance(record, dict):
                raise DatasetError(f"line {number} is not a JSON object", subject=f"{path}#{number}", fix=fix)
            yield number, record


def read_multinews(path: Path, *, kept_only: bool = True) -> list[LabelledCluster]:
    """Read Multi-News+ clusters (`multinews_dev.jsonl.gz`: 2,811 clusters, 7,782 documents).

    Args:
        path: the `.jsonl.gz` (or plain `.jsonl`) file.
        kept_only: keep only the documents Multi-News+ judged on-topic (6,384 of the 7,782); clusters
            left with no document are dropped. False keeps the noise pages too, in their gold cluster.

    Returns:
        The clusters in file order.
    """
    clusters: list[LabelledCluster] = []
    for number, record in _json_objects(path, fix="use the original Multi-News+ file"):
        if not {"idx", "summary", "documents"} <= record.keys():
            raise DatasetError(f"line {number} lacks idx, summary or documents",
                               subject=f"{path}#{number}", fix="use the original Multi-News+ file")
        documents = [str(text) for text in _json_list(record["documents"], path=path, number=number,
                                                       field="documents")]
        kept = _json_list(record.get("multinews_plus_kept_doc_indices", list(range(len(documents)))),
                          path=path, number=number, field="multinews_plus_kept_doc_indices")
        if not all(isinstance(i, int) and 0 <= i < len(documents) for i in kept):
            raise DatasetError(f"line {number}: kept document indices {kept} fall outside the "
                               f"{len(documents)} documents", subject=f"{path}#{number}",
                               fix="use the original Multi-News+ file")
        positions = sorted(set(kept)) if kept_only else list(range(len(documents)))
        if not positions:
            continue
        clusters.append(LabelledCluster(
            idx=int(record["idx"]), summary=str(record["summary"]),
            documents=tuple(documents[i] for i in positions), doc_indices=tuple(positions),
            kept_doc_indices=tuple(sorted(set(kept))), location=str(path),
        ))
    return clusters


def read_uci(path: Path) -> Iterator[LabelledArticle]:
    """Read UCI News Aggregator headlines: the title is also the text; STORY is the gold story.

    The file is the first rows of the full dataset, so its last story may be cut off (fewer articles
    than Google News grouped); it is kept, as dropping it would drop real headlines too.
    """
    required = ("ID", "TITLE", "URL", "PUBLISHER", "STORY", "TIMESTAMP")
    for number, row in _csv_rows(path, required):
        try:
            published = datetime.fromtimestamp(int(row["TIMESTAMP"]) / 1000, tz=UTC)
        except (ValueError, OverflowError):
            raise DatasetError(f"row {number}: TIMESTAMP {row['TIMESTAMP']!r} is not milliseconds since 1970",
                               subject=f"{path}#{number}", fix="use the original file") from None
        yield LabelledArticle(
            id=f"uci-{row['ID']}", title=row["TITLE"], text=row["TITLE"], event=row["STORY"],
            url=row["URL"] or None, outlet=row["PUBLISHER"] or None, published=published,
            origin=Origin(location=str(path), format=SourceFormat.CSV, record=number),
        )


def _iso_date(value: str, *, path: Path, number: int) -> datetime | None:
    if not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise DatasetError(f"row {number}: date {value!r} is not ISO 8601", subject=f"{path}#{number}",
                           fix="use the original file") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def read_gedikli_articles(path: Path) -> Iterator[LabelledArticle]:
    """Read Gedikli's `…-article_texts.csv`. Articles are keyed by URL; `event` is the URL itself
    (the dataset labels pairs, not stories: see `gedikli_story_chains`)."""
    for number, row in _csv_rows(path, ("url", "title", "date", "text")):
        yield LabelledArticle(
            id=row["url"], title=row["title"] or None, text=row["text"], event=row["url"], url=row["url"],
            outlet=(row.get("paperurl") or None), published=_iso_date(row["date"], path=path, number=number),
            origin=Origin(location=str(path), format=SourceFormat.CSV, record=number),
        )


def read_gedikli_pairs(path: Path, articles: Mapping[str, LabelledArticle]) -> Iterator[LabelledPair]:
    """Read Gedikli's `;`-separated pair file (`relation` 1 = same story chain, 0 = not)."""
    for number, row in _csv_rows(path, ("url1", "url2", "relation"), delimiter=";"):
        missing = [url for url in (row["url1"], row["url2"]) if url not in articles]
        if missing:
            raise DatasetError(f"row {number} names an article not in the texts file: {missing[0]}",
                               subject=f"{path}#{number}", fix="read the texts file of the same release")
        if row["relation"] not in {"0", "1"}:
            raise DatasetError(f"row {number}: relation is {row['relation']!r}, not 0 or 1",
                               subject=f"{path}#{number}", fix="use the original file")
        yield LabelledPair(pair_id=f"gedikli-{number}", first=articles[row["url1"]],
                           second=articles[row["url2"]], overall=1.0 if row["relation"] == "1" else 4.0,
                           lang1="en", lang2="en")


def _find_one(folder: Path, pattern: str) -> Path:
    matches = sorted(path for path in folder.glob(pattern) if path.is_file())
    if len(matches) != 1:
        raise DatasetError(f"expected one file matching {pattern!r}, found {len(matches)}",
                           subject=str(folder), fix="point at the folder holding the files")
    return matches[0]


def read_gedikli(folder: Path) -> GedikliDataset:
    """Read the Gedikli folder (`…-article_texts.csv` and the pair file), or either file's folder."""
    if folder.is_file():
        folder = folder.parent
    if not folder.is_dir():
        raise _missing(folder, "Gedikli folder")
    texts = _find_one(folder, "*-article_texts.csv")
    pair_file = _find_one(folder, "*-[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].csv")
    articles = tuple(read_gedikli_articles(texts))
    by_url = {article.id: article for article in articles}
    if len(by_url) != len(articles):
        raise DatasetError("two rows share a URL", subject=str(texts), fix="use the original file")
    return GedikliDataset(articles=articles, pairs=tuple(read_gedikli_pairs(pair_file, by_url)))


def gedikli_story_chains(dataset: GedikliDataset) -> tuple[LabelledArticle, ...]:
    """The articles labelled with story chains: connected components of the pairs marked the same story.

    The annotators' relation is not always transitive; components are the closest partition, and the
    pairwise metrics over the labelled pairs themselves remain the direct measure.
    """
    parent = {article.id: article.id for article in dataset.articles}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for pair in dataset.pairs:
        if pair.is_same_story:
            first, second = root(pair.first.id), root(pair.second.id)
            if first != second:
                parent[max(first, second)] = min(first, second)
    return tuple(_relabel(article, root(article.id)) for article in dataset.articles)


def _relabel(article: LabelledArticle, event: str) -> LabelledArticle:
    return LabelledArticle(id=article.id, text=article.text, event=event, origin=article.origin,
                           title=article.title, url=article.url, outlet=article.outlet,
                           published=article.published, dup_of=article.dup_of)


_SEMEVAL_DIMENSIONS = ("Geography", "Entities", "Time", "Narrative", "Style", "Tone")


def _semeval_article(text: str, *, pair_id: str, side: int, path: Path, number: int) -> LabelledArticle:
    title, _, body = text.strip().partition("\n")
    return LabelledArticle(id=f"{pair_id}-{side}", title=title.strip() or None, text=body.strip() or title,
                           event=f"{pair_id}-{side}",
                           origin=Origin(location=str(path), format=SourceFormat.CSV, record=number))


def read_semeval(path: Path) -> Iterator[LabelledPair]:
    """Read SemEval-2022 Task 8 pairs (`pairs_dev.csv`, 748 pairs). Each text's first line is its title."""
    required = ("pair_id", "lang1", "lang2", "text1", "text2", "Overall", *_SEMEVAL_DIMENSIONS)
    for number, row in _csv_rows(path, required):
        pair_id = row["pair_id"]
        yield LabelledPair(
            pair_id=pair_id,
            first=_semeval_article(row["text1"], pair_id=pair_id, side=1, path=path, number=number),
            second=_semeval_article(row["text2"], pair_id=pair_id, side=2, path=path, number=number),
            overall=_float(row["Overall"], path=path, number=number, column="Overall"),
            lang1=row["lang1"], lang2=row["lang2"],
            scores=tuple((name.lower(), _float(row[name], path=path, number=number, column=name))
                         for name in _SEMEVAL_DIMENSIONS),
        )


def _optional_str(record: Mapping[str, Any], key: str, *, path: Path, number: int) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str | int):
        raise DatasetError(f"line {number}: {key} must be a string", subject=f"{path}#{number}",
                           fix=f"write {key} as a JSON string")
    return str(value)


def read_labelled_jsonl(path: Path) -> Iterator[LabelledArticle]:
    """Read a generic labelled JSONL file: one article per line.

    Each line is an object with `id`, `text` and `event` (the gold story), and optionally `title`,
    `outlet`, `url`, `date` (ISO 8601; no zone means UTC) and `dup_of` (the id of the article it copies).
    """
    seen: set[str] = set()
    for number, record in _json_objects(path, fix="write one JSON object per line"):
        article_id = _optional_str(record, "id", path=path, number=number)
        event = _optional_str(record, "event", path=path, number=number)
        text = record.get("text")
        if article_id is None or event is None or not isinstance(text, str):
            raise DatasetError(f"line {number} needs id, text and event", subject=f"{path}#{number}",
                               fix='write {"id": …, "text": …, "event": …} on every line')
        if article_id in seen:
            raise DatasetError(f"line {number} repeats id {article_id!r}", subject=f"{path}#{number}",
                               fix="give every article its own id")
        seen.add(article_id)
        date = _optional_str(record, "date", path=path, number=number)
        yield LabelledArticle(
            id=article_id, text=text, event=event,
            title=_optional_str(record, "title", path=path, number=number),
            outlet=_optional_str(record, "outlet", path=path, number=number),
            url=_optional_str(record, "url", path=path, number=number),
            published=_iso_date(date, path=path, number=number) if date else None,
            dup_of=_optional_str(record, "dup_of", path=path, number=number),
            origin=Origin(location=str(path), format=SourceFormat.JSONL, record=number),
        )


class DatasetName(StrEnum):
    MULTINEWS = "multinews"
    UCI = "uci"
    GEDIKLI = "gedikli"
    SEMEVAL = "semeval"
    JSONL = "jsonl"


# Where each dataset sits under the data folder, and its file's name pattern there.
_LAYOUT = {
    DatasetName.MULTINEWS: ("multinews", "*.jsonl.gz"),
    DatasetName.UCI: ("uci-news-aggregator", "*.csv"),
    DatasetName.GEDIKLI: ("gedikli", "*-article_texts.csv"),
    DatasetName.SEMEVAL: ("semeval2022", "pairs_dev.csv"),
    DatasetName.JSONL: (".", "*.jsonl"),
}


def dataset_path(name: DatasetName, path: Path) -> Path:
    """The file to read for `name`, given that file, its folder, or the data folder (../shared/data).

    For Gedikli the answer is the folder holding both of its files.
    """
    if path.is_file():
        return path.parent if name is DatasetName.GEDIKLI else path
    folder, pattern = _LAYOUT[name]
    for candidate in (path, path / folder):
        if candidate.is_dir() and any(child.is_file() for child in candidate.glob(pattern)):
            return candidate if name is DatasetName.GEDIKLI else _find_one(candidate, pattern)
    raise DatasetError(f"no {name} data (a file matching {pattern!r}) at this path", subject=str(path),
                       fix=f"give the {name} file, its folder, or the data folder holding {folder}/")
