"""The records every stage reads and writes.

Frozen, slotted, keyword-only dataclasses. Records relate by id, never by embedding one another;
a span is a (start, end) pair of character offsets into an article's body. This module imports
nothing from storylens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NewType

ArticleId = NewType("ArticleId", str)
StoryId = NewType("StoryId", str)

Span = tuple[int, int]


def _require_aware(value: datetime | None, name: str) -> None:
    if value is not None and value.tzinfo is None:
        raise ValueError(f"{name} must be timezone-aware, got {value!r}")


class SourceFormat(StrEnum):
    TEXT = "text"
    HTML = "html"
    JSONL = "jsonl"
    CSV = "csv"
    FEED = "feed"
    WARC = "warc"
    API = "api"


class DateSource(StrEnum):
    """Where an article's publication time came from."""

    GIVEN = "given"  # metadata: a column, an HTML meta tag, a feed entry
    STATED = "stated"  # a full date written in the text (dateline, caption)
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Origin:
    """Where a record was read from: a file path or URL, and its position inside it."""

    location: str
    format: SourceFormat
    record: int | None = None  # line, row or archive record number; None for a whole file

    def __str__(self) -> str:
        return self.location if self.record is None else f"{self.location}#{self.record}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """What ingest read, before normalization: text plus whatever metadata the container had."""

    origin: Origin
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None

    def __post_init__(self) -> None:
        _require_aware(self.published, "published")


class RejectCode(StrEnum):
    BINARY = "binary"
    EMPTY = "empty"
    UNDECODABLE = "undecodable"
    TOO_LARGE = "too_large"
    MALFORMED = "malformed"
    NO_TEXT = "no_text"
    UNSUPPORTED = "unsupported"
    UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    """An input that did not become an article, and why. Counted in the run report."""

    origin: Origin
    code: RejectCode
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One outlet's report, with the body separated from captions, dateline and credit lines."""

    id: ArticleId
    title: str
    body: str
    origin: Origin
    content_hash: str
    language: str
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    date_source: DateSource = DateSource.UNKNOWN
    authors: tuple[str, ...] = ()
    dateline: str | None = None  # the place in "PARIS (Reuters) -"
    captions: tuple[str, ...] = ()
    credits: tuple[str, ...] = ()  # "Reporting by …", "REUTERS/Name/Pool"
    cited_outlets: tuple[str, ...] = ()  # outlets the text says it reports from ("according to Bloomberg")

    def __post_init__(self) -> None:
        if not self.id:
            raise ValueError("an article needs an id")
        _require_aware(self.published, "published")


class CopyMethod(StrEnum):
    EXACT = "exact"
    NEAR = "near"


@dataclass(frozen=True, slots=True, kw_only=True)
class CopyLink:
    """`copy` repeats `original` (the same text, or nearly)."""

    copy: ArticleId
    original: ArticleId
    similarity: float
    method: CopyMethod


@dataclass(frozen=True, slots=True, kw_only=True)
class Assignment:
    """An article placed in a story by the clusterer (or by a person, see StoryEdit)."""

    article_id: ArticleId
    story_id: StoryId
    score: float
    method: str  # registry name of what decided it, e.g. "cluster.batch.v2" or "edit"


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """One real-world event and the articles that report it."""

    id: StoryId
    title: str
    article_ids: tuple[ArticleId, ...]
    first_published: datetime | None = None
    last_published: datetime | None = None
    outlets: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _require_aware(self.first_published, "first_published")
        _require_aware(self.last_published, "last_published")


class EditAction(StrEnum):
    MERGE = "merge"
    SPLIT = "split"
    MOVE = "move"


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryEdit:
    """A person's decision about stories; clustering respects it afterwards."""

    action: EditAction
    story_ids: tuple[StoryId, ...]
    article_ids: tuple[ArticleId, ...]
    editor: str
    at: datetime

    def __post_init__(self) -> None:
        _require_aware(self.at, "at")


class EvidenceKind(StrEnum):
    ENTITY = "entity"
    PLACE = "place"
    DATE = "date"
    QUOTE = "quote"
    NUMBER = "number"
    TEXT = "text"
    TIME = "time"


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """One reason two articles look like (or unlike) the same story."""

    kind: EvidenceKind
    shared: tuple[str, ...] = ()
    only_first: tuple[str, ...] = ()
    only_second: tuple[str, ...] = ()
    weight: float = 0.0  # contribution to the score, signed


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """A same-story score on the SemEval-2022 scale: 1 = same story ... 4 = unrelated."""

    first: ArticleId
    second: ArticleId
    similarity: float  # 0..1
    score: float  # 1..4
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A stretch of one article's body."""

    article_id: ArticleId
    span: Span
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Quote:
    """One utterance as one article reports it."""

    mention: Mention
    speaker: str | None
    is_direct: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class AlignedQuote:
    """The same utterance across outlets, with each outlet's wording."""

    speaker: str | None
    text: str  # the longest wording
    variants: tuple[Quote, ...]
    sources: tuple[str, ...]


class Agreement(StrEnum):
    AGREE = "agree"
    SINGLE = "single"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimSide:
    """One value of a claim and who states it."""

    value: str  # as written, with its qualifier: "at least 14"
    sources: tuple[str, ...]  # the independent outlets stating it
    outlets: tuple[str, ...]  # every outlet printing it, copies and citing articles included
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """A figure or assertion, grouped across sources."""

    subject: str  # what is counted or asserted, e.g. "people killed"
    values: tuple[str, ...]
    agreement: Agreement
    sources: tuple[str, ...]  # independent outlets
    mentions: tuple[Mention, ...] = ()
    sides: tuple[ClaimSide, ...] = ()  # one per value, in the order of `values`


@dataclass(frozen=True, slots=True, kw_only=True)
class SummarySentence:
    text: str
    sources: tuple[str, ...]
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceCoverage:
    """What one outlet adds that no other does, and what it leaves out."""

    outlet: str
    article_ids: tuple[ArticleId, ...]
    adds: tuple[Mention, ...] = ()
    omits: tuple[str, ...] = ()
    copies_of: tuple[str, ...] = ()  # originals it repeats or re-reports


@dataclass(frozen=True, slots=True, kw_only=True)
class EntityMentions:
    name: str
    kind: str  # person, organisation, place, other
    mentions_by_outlet: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEntry:
    at: datetime | None
    article_id: ArticleId
    outlet: str | None
    title: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Account:
    """One story told once, every piece tied to the sources that said it."""

    story_id: StoryId
    headline: str
    summary: tuple[SummarySentence, ...]
    quotes: tuple[AlignedQuote, ...] = ()
    claims: tuple[Claim, ...] = ()
    coverage: tuple[SourceCoverage, ...] = ()
    entities: tuple[EntityMentions, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    generator: str = field(default="synthesize.account.v1")
