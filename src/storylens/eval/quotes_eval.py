"""Quote extraction and speaker attribution, scored against hand annotations.

The annotations live in `quote_annotations/`:

- `own_*.json`: articles we wrote: `{"id", "outlet", "title", "body", "quotes": [{"text", "speaker",
  "is_direct"}]}`. A gold quote's span is where its `text` occurs in `body` (each text occurs once).
- `seeds.json`: the two seed articles in ../shared, whose text we may not copy: `{"files": [{"file",
  "outlet", "quotes": [{"raw_span", "speaker", "is_direct"}]}]}`. `raw_span` is a pair of character
  offsets (Python str indexes, the file decoded as UTF-8) into the raw file, headline line included. At
  run time the gold text is read from the file and located in the article body, so the gold survives
  normalization moving the body around.

Annotation guide (written before the extractor was run; the gold was not changed after):

- Direct quote: the words between the quotation marks, trailing comma included; a quote split by its
  attribution is two quotes; a quote running over paragraphs is one. Unattributed quotes are annotated
  with the speaker a reader infers, or null.
- Reported speech: the reported clause of a speech verb (say, tell, add, write, announce, warn, concede,
  "according to", "…, saying …"), from its first word to the end of what the speaker said, without the
  final period and without a reporter's tail ("…, though he didn't detail …"). Only explicit speakers:
  named people, pronouns and roles that point at them, organisations and groups ("critics of the
  operation"). "According to <news outlet>" is a source credit, not speech.
- Speaker: the fullest name the article gives ("John Kerry"); an unnamed speaker is the phrase that
  describes them, without the article ("spokesman for …").
- Scare quotes of at most three words (“grace”) are not annotated; the scorer drops predicted ones too
  (`synthesize.quotes.is_fragment`), so they count neither way.

Scoring: a predicted quote matches a gold one when their character spans share at least half of the
longer span (|gold ∩ predicted| / max(|gold|, |predicted|) ≥ 0.5); each quote matches at most once,
greedily by overlap. Extraction precision/recall count matches; attribution precision/recall count
matches whose speakers agree (`synthesize.speakers.speakers_match`: same name ignoring case and
punctuation, or the same last name; null agrees only with null).
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storylens.errors import DatasetError
from storylens.model import Article, ArticleId, Document, Origin, Quote, SourceFormat
from storylens.synthesize.quotes import QuoteParams, extract_quotes, is_fragment
from storylens.synthesize.speakers import speakers_match

ANNOTATIONS_DIR = Path(__file__).parent / "quote_annotations"
MIN_SPAN_OVERLAP = 0.5


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldQuote:
    span: tuple[int, int]
    speaker: str | None
    is_direct: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class AnnotatedArticle:
    article: Article
    gold: tuple[GoldQuote, ...]
    is_held_out: bool = False  # annotated after the extractor was last changed, run once


@dataclass(frozen=True, slots=True, kw_only=True)
class QuoteReport:
    """Extraction and attribution scores over an annotated set.

    `speaker_accuracy` is the share of matched quotes with the right speaker; `failures` describes each
    miss, false alarm and wrong speaker by article id and span.
    """

    precision: float
    recall: float
    speaker_precision: float
    speaker_recall: float
    speaker_accuracy: float
    n_gold: int
    n_predicted: int
    n_matched: int
    failures: tuple[str, ...] = ()


def _article(article_id: str, body: str, location: str, outlet: str | None, title: str = "") -> Article:
    return Article(
        id=ArticleId(article_id),
        title=title,
        body=body,
        outlet=outlet,
        origin=Origin(location=location, format=SourceFormat.TEXT),
        content_hash=article_id,
        language="en",
    )


def load_own_annotations(folder: Path = ANNOTATIONS_DIR) -> list[AnnotatedArticle]:
    """The articles we wrote and annotated (`own_*.json`)."""
    annotated: list[AnnotatedArticle] = []
    for path in sorted(folder.glob("own_*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        body: str = record["body"]
        gold: list[GoldQuote] = []
        for item in record["quotes"]:
            start = body.find(item["text"])
            if start == -1 or body.count(item["text"]) != 1:
                raise DatasetError(
                    "a gold quote must occur exactly once in its body",
                    subject=f"{path}: {item['text'][:40]!r}",
                    fix="quote a longer, unique stretch of the body",
                )
            gold.append(
                GoldQuote(
                    span=(start, start + len(item["text"])),
                    speaker=item["speaker"],
                    is_direct=item["is_direct"],
                )
            )
        annotated.append(
            AnnotatedArticle(
                article=_article(
                    record["id"], body, str(path), record.get("outlet"), record.get("title", "")
                ),
                gold=tuple(gold),
                is_held_out=bool(record.get("held_out", False)),
            )
        )
    return annotated


def read_seed_article(path: Path) -> Article:
    """A seed file as an Article: through ingest and normalize when they exist, else headline + body."""
    # ingest.read_path and normalize.normalize_document are being written; use them once they exist.
    ingest: Any = importlib.import_module("storylens.ingest")
    normalize: Any = importlib.import_module("storylens.normalize")
    if hasattr(ingest, "read_path") and hasattr(normalize, "normalize_document"):
        documents: Any = ingest.read_path(path)
        for document in documents if isinstance(documents, Iterable) else [documents]:
            if not isinstance(document, Document):
                continue
            result = normalize.normalize_document(document)
            if isinstance(result, Article):
                return result
    text = path.read_text(encoding="utf-8")
    headline, _, body = text.partition("\n")
    return _article(path.stem, body.strip("\n"), str(path), None, headline.strip())


def load_seed_annotations(
    seeds_dir: Path,
    folder: Path = ANNOTATIONS_DIR,
    read_article: Callable[[Path], Article] = read_seed_article,
) -> list[AnnotatedArticle]:
    """The seed articles with their gold, located in each article's body at run time."""
    record = json.loads((folder / "seeds.json").read_text(encoding="utf-8"))
    annotated: list[AnnotatedArticle] = []
    for entry in record["files"]:
        path = seeds_dir / entry["file"]
        raw = path.read_text(encoding="utf-8")
        article = read_article(path)
        gold: list[GoldQuote] = []
        for item in entry["quotes"]:
            start, end = item["raw_span"]
            wanted = raw[start:end]
            found = article.body.find(wanted)
            if found == -1:
                raise DatasetError(
                    "a seed gold quote is not in the article body",
                    subject=f"{path} {start}:{end}",
                    fix="check that normalization keeps quotes verbatim",
                )
            gold.append(
                GoldQuote(
                    span=(found, found + len(wanted)), speaker=item["speaker"], is_direct=item["is_direct"]
                )
            )
        annotated.append(AnnotatedArticle(article=article, gold=tuple(gold)))
    return annotated


def span_overlap(first: tuple[int, int], second: tuple[int, int]) -> float:
    """|first ∩ second| / max(|first|, |second|): 1 for equal spans, 0 for disjoint ones."""
    shared = min(first[1], second[1]) - max(first[0], second[0])
    longest = max(first[1] - first[0], second[1] - second[0])
    return max(shared, 0) / longest if longest > 0 else 0.0


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def evaluate_quotes(
    annotations: Sequence[AnnotatedArticle],
    extract: Callable[[Article], Sequence[Quote]] = extract_quotes,
    params: QuoteParams | None = None,
) -> QuoteReport:
    """Score `extract` against the gold quotes (see the module docstring for the rules)."""
    params = params or QuoteParams()
    n_gold = n_predicted = n_matched = n_right_speaker = 0
    failures: list[str] = []
    for item in annotations:
        article_id = item.article.id
        predicted = [quote for quote in extract(item.article) if not is_fragment(quote, params)]
        gold = list(item.gold)
        n_gold += len(gold)
        n_predicted += len(predicted)
        pairs = sorted(
            (
                (span_overlap(g.span, p.mention.span), gi, pi)
                for gi, g in enumerate(gold)
                for pi, p in enumerate(predicted)
            ),
            reverse=True,
        )
        used_gold: set[int] = set()
        used_predicted: set[int] = set()
        for overlap, gi, pi in pairs:
            if overlap < MIN_SPAN_OVERLAP or gi in used_gold or pi in used_predicted:
                continue
            used_gold.add(gi)
            used_predicted.add(pi)
            n_matched += 1
            if speakers_match(gold[gi].speaker, predicted[pi].speaker):
                n_right_speaker += 1
            else:
                failures.append(
                    f"{article_id} {gold[gi].span}: speaker {predicted[pi].speaker!r}, "
                    f"gold {gold[gi].speaker!r}"
                )
        failures.extend(
            f"{article_id} {gold[gi].span}: missed ({gold[gi].speaker!r})"
            for gi in range(len(gold))
            if gi not in used_gold
        )
        failures.extend(
            f"{article_id} {predicted[pi].mention.span}: not in gold ({predicted[pi].speaker!r})"
            for pi in range(len(predicted))
            if pi not in used_predicted
        )
    return QuoteReport(
        precision=_ratio(n_matched, n_predicted),
        recall=_ratio(n_matched, n_gold),
        speaker_precision=_ratio(n_right_speaker, n_predicted),
        speaker_recall=_ratio(n_right_speaker, n_gold),
        speaker_accuracy=_ratio(n_right_speaker, n_matched),
        n_gold=n_gold,
        n_predicted=n_predicted,
        n_matched=n_matched,
        failures=tuple(failures),
    )
