"""ROUGE of storylens' summaries against Multi-News references, beside peers from the same run.

Every system gets the same documents and the same word budget, and every output is cut to exactly
`max_words` words before scoring. Scores are ROUGE F-measures ×100 from `rouge-score` with the Porter
stemmer: ROUGE-1, ROUGE-2 and summary-level ROUGE-L (`rougeLsum`, sentences on their own lines, as
the Multi-News paper's pyrouge numbers are).

Peers:
    lead: the leading sentences of each document taken in turn (first of each, then second of each…).
    lexrank, textrank: sumy's summarizers over all documents, with sumy's English stemmer and stop
        words and our sentence splitter (sumy's own tokenizer needs NLTK data we cannot download).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

from storylens.analysis.sentences import split_sentences
from storylens.errors import DatasetError
from storylens.eval.datasets import DatasetName, LabelledCluster, dataset_path, read_multinews
from storylens.model import Article, ArticleId, Origin, SourceFormat
from storylens.synthesize.summary import SummaryParams, summarize

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
System = Callable[[Sequence[str], int], list[str]]


@dataclass(frozen=True, slots=True, kw_only=True)
class RougeScores:
    """Mean ROUGE F-measures ×100 over the clusters; `rougeL` is summary-level (rougeLsum)."""

    name: str
    rouge1: float
    rouge2: float
    rougeL: float
    seconds: float = 0.0

    def to_json_dict(self) -> dict[str, Any]:
        return {"rouge1": self.rouge1, "rouge2": self.rouge2, "rougeL": self.rougeL,
                "summary_seconds": round(self.seconds, 3)}


@dataclass(frozen=True, slots=True, kw_only=True)
class SummaryReport:
    """storylens' scores at the top level, each peer's under `peers`."""

    clusters: int
    max_words: int
    rouge1: float
    rouge2: float
    rougeL: float
    peers: tuple[RougeScores, ...] = ()
    seconds: float = 0.0

    def to_json_dict(self) -> dict[str, Any]:
        """`rouge1`, `rouge2`, `rougeL` at the top, `peers` {name: the same}, and the run's size."""
        result: dict[str, Any] = {
            "rouge1": self.rouge1, "rouge2": self.rouge2, "rougeL": self.rougeL,
            "summary_seconds": round(self.seconds, 3), "summary_clusters": self.clusters,
            "summary_max_words": self.max_words,
        }
        if self.peers:
            result["peers"] = {peer.name: peer.to_json_dict() for peer in self.peers}
        return result


def cluster_articles(cluster: LabelledCluster) -> tuple[Article, ...]:
    """A Multi-News cluster's documents as articles (no title or outlet: the data has neither)."""
    return tuple(
        Article(id=ArticleId(f"mn-{cluster.idx}-{position}"), title="", body=text,
                origin=Origin(location=cluster.location, format=SourceFormat.JSONL, record=cluster.idx),
                content_hash=hashlib.sha256(text.encode()).hexdigest(), language="en")
        for position, text in zip(cluster.doc_indices, cluster.documents, strict=True)
    )


def truncate_words(sentences: Iterable[str], max_words: int) -> list[str]:
    """The sentences cut to exactly `max_words` words in all (fewer if they run out)."""
    kept: list[str] = []
    left = max_words
    for sentence in sentences:
        if left <= 0:
            break
        words = sentence.split()
        if words:
            kept.append(" ".join(words[:left]))
            left -= len(words)
    return kept


def storylens_system(params: SummaryParams | None = None) -> System:
    """storylens' summarizer as a system: documents and a word budget in, sentences out."""
    def run(documents: Sequence[str], max_words: int) -> list[str]:
        cluster = LabelledCluster(idx=0, summary="", documents=tuple(documents),
                                  doc_indices=tuple(range(len(documents))), kept_doc_indices=(),
                                  location="memory")
        return [sentence.text for sentence in summarize(cluster_articles(cluster), max_words=max_words,
                                                        params=params)]
    return run


def lead_system(documents: Sequence[str], max_words: int) -> list[str]:
    """The first sentence of each document, then the second of each, … until the budget is spent."""
    split = [[document[start:end] for start, end in split_sentences(document)] for document in documents]
    chosen: list[str] = []
    words = 0
    for position in range(max((len(sentences) for sentences in split), default=0)):
        for sentences in split:
            if position < len(sentences) and words < max_words:
                chosen.append(sentences[position])
                words += len(sentences[position].split())
    return chosen


class _SentenceTokenizer:
    """What sumy asks of a tokenizer, backed by our splitter (sumy's own needs NLTK punkt data)."""

    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [paragraph[start:end] for start, end in split_sentences(paragraph)]

    def to_words(self, sentence: str) -> list[str]:
        return _WORD.findall(sentence)


def sumy_system(kind: str) -> System:
    """sumy's LexRank (`kind="lexrank"`) or TextRank (`"textrank"`) as a system."""
    summarizer: Any = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = _SentenceTokenizer()

    def run(documents: Sequence[str], max_words: int) -> list[str]:
        def within_budget(ranked: list[Any]) -> list[Any]:
            taken: list[Any] = []
            words = 0
            for info in ranked:
                if words >= max_words:
                    break
                taken.append(info)
                words += len(str(info.sentence).split())
            return taken

        text = "\n\n".join(" ".join(document.split()) for document in documents)
        parsed = PlaintextParser.from_string(text, tokenizer)
        return [str(sentence) for sentence in summarizer(parsed.document, within_budget)]
    return run


def _reference_lines(summary: str) -> str:
    return "\n".join(summary[start:end] for start, end in split_sentences(summary))


def score_system(system: System, clusters: Sequence[LabelledCluster], *, name: str,
                 max_words: int = 250) -> RougeScores:
    """Mean ROUGE-1/2/Lsum F ×100 of `system` over `clusters`, every output cut to `max_words` words."""
    started = time.perf_counter()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    for cluster in clusters:
        output = "\n".join(truncate_words(system(cluster.documents, max_words), max_words))
        scores = scorer.score(_reference_lines(cluster.summary), output)
        for key in totals:
            totals[key] += scores[key].fmeasure
    count = max(len(clusters), 1)
    return RougeScores(name=name, rouge1=round(100 * totals["rouge1"] / count, 2),
                       rouge2=round(100 * totals["rouge2"] / count, 2),
                       rougeL=round(100 * totals["rougeLsum"] / count, 2),
                       seconds=time.perf_counter() - started)


def evaluate_summaries(clusters: Sequence[LabelledCluster], *, max_words: int = 250, peers: bool = True,
                       limit: int | None = None, params: SummaryParams | None = None) -> SummaryReport:
    """Score storylens' summaries, and optionally its peers', against the clusters' references.

    Args:
        clusters: Multi-News clusters, as `read_multinews` returns them (all 2,811 with
            `kept_only=False`: the summarizer meets the noise pages too).
        max_words: the word budget every system gets and is cut to.
        peers: also score lead, sumy LexRank and sumy TextRank.
        limit: score only the first `limit` clusters.
        params: summarizer settings; the defaults by default.

    Returns:
        The report; rougeL is summary-level ROUGE-L (rougeLsum).
    """
    chosen = list(clusters[:limit] if limit is not None else clusters)
    own = score_system(storylens_system(params), chosen, name="storylens", max_words=max_words)
    peer_scores: tuple[RougeScores, ...] = ()
    if peers:
        peer_scores = (
            score_system(lead_system, chosen, name="lead", max_words=max_words),
            score_system(sumy_system("lexrank"), chosen, name="lexrank", max_words=max_words),
            score_system(sumy_system("textrank"), chosen, name="textrank", max_words=max_words),
        )
    return SummaryReport(clusters=len(chosen), max_words=max_words, rouge1=own.rouge1, rouge2=own.rouge2,
                         rougeL=own.rougeL, peers=peer_scores, seconds=own.seconds)


def evaluate_multinews_summaries(path: Path, *, max_documents: int | None = None,
                                 max_words: int = 250) -> SummaryReport:
    """Score storylens and its peers on Multi-News, every document of each cluster included.

    Args:
        path: the Multi-News file, its folder, or the data folder (../shared/data).
        max_documents: only the leading clusters, in file order, whose documents add up to at most this.
        max_words: the word budget every system gets and is cut to.

    Returns:
        The report, peers (lead, lexrank, textrank) included.

    Raises:
        DatasetError: no Multi-News file at `path`.
    """
    clusters = read_multinews(dataset_path(DatasetName.MULTINEWS, path), kept_only=False)
    if max_documents is not None:
        kept: list[LabelledCluster] = []
        documents = 0
        for cluster in clusters:
            documents += len(cluster.documents)
            if documents > max_documents:
                break
            kept.append(cluster)
        clusters = kept
    return evaluate_summaries(clusters, max_words=max_words)


def with_summary_scores(report: Mapping[str, Any], summary: SummaryReport) -> dict[str, Any]:
    """A report's JSON with the summary scores added: ROUGE at the top, each summary peer under `peers`.

    Peers already in `report` (the clustering peers) keep their entries; names do not collide.
    """
    added = summary.to_json_dict()
    result = {**report, **{key: value for key, value in added.items() if key != "peers"}}
    peers = {**report.get("peers", {}), **added.get("peers", {})}
    if peers:
        result["peers"] = peers
    return result


def require_multinews(name: DatasetName) -> None:
    """Raise unless `name` is Multi-News, the only dataset with reference summaries.

    Raises:
        DatasetError: for any other dataset.
    """
    if name is not DatasetName.MULTINEWS:
        raise DatasetError("only multinews has reference summaries", subject=str(name),
                           fix="drop --summaries, or run `storylens eval multinews PATH --summaries`")
