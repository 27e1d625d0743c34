"""`storylens eval DATASET PATH`: measure the engine on labelled data, optionally beside its peers."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from storylens.cli.options import ConfigOption, JsonOption, console, errors, print_json, settings_for
from storylens.errors import DatasetError
from storylens.eval.datasets import DatasetName
from storylens.eval.harness import evaluate_dataset
from storylens.eval.reports import ClusteringReport, CopyReport, DatasetReport, PairReport
from storylens.eval.summaries import (
    SummaryReport,
    evaluate_multinews_summaries,
    require_multinews,
    with_summary_scores,
)


def _number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def _clustering_table(report: ClusteringReport) -> Table:
    table = Table(title=f"{report.dataset}: {report.n_articles} articles, "
                        f"{report.n_gold_stories} gold stories, {report.n_rejected} rejected")
    has_labelled_pairs = report.system.labelled_pairs_f1 is not None
    columns = ["system", "B³ P", "B³ R", "B³ F1", "pair F1",
               *(["labelled pair F1"] if has_labelled_pairs else []), "stories", "articles/s", "peak MB"]
    for column in columns:
        if column == "system":
            table.add_column(column, overflow="fold")
        else:
            table.add_column(column, justify="right")
    for scores in (report.system, *report.peers):
        table.add_row(scores.name, _number(scores.bcubed_precision), _number(scores.bcubed_recall),
                      _number(scores.bcubed_f1), _number(scores.pairwise_f1),
                      *([_number(scores.labelled_pairs_f1)] if has_labelled_pairs else []),
                      str(scores.n_predicted_stories), f"{scores.articles_per_second:.0f}",
                      f"{scores.peak_memory_mb:.0f}")
    return table


def _pair_table(report: PairReport) -> Table:
    table = Table(title=f"{report.dataset}: {report.n_pairs} pairs ({report.n_skipped} skipped); "
                        "Pearson (Spearman) against Overall")
    systems = (report.system, *report.peers)
    table.add_column("languages")
    table.add_column("n", justify="right")
    for scores in systems:
        table.add_column(scores.name, justify="right", overflow="fold")
    table.add_row("all", str(report.system.overall.n),
                  *(f"{_number(s.overall.pearson)} ({_number(s.overall.spearman)})" for s in systems))
    for position, (language, correlation) in enumerate(report.system.by_language_pair):
        cells = []
        for scores in systems:
            value = scores.by_language_pair[position][1]
            cells.append(f"{_number(value.pearson)} ({_number(value.spearman)})")
        table.add_row(language, str(correlation.n), *cells)
    table.caption = "  ".join(f"{s.name}: {s.articles_per_second:.0f} articles/s, {s.peak_memory_mb:.0f} MB"
                              for s in systems)
    return table


def _copies_line(report: CopyReport) -> str:
    return (f"copies: {report.n_gold_copies} labelled, {report.n_predicted_links} found; precision "
            f"{_number(report.precision)}, recall {_number(report.recall)}, F1 {_number(report.f1)}")


def _summary_table(report: SummaryReport) -> Table:
    table = Table(title=f"summaries: {report.clusters} clusters, {report.max_words} words; "
                        "ROUGE F ×100 (stemmed), rougeL = rougeLsum")
    for column in ("system", "ROUGE-1", "ROUGE-2", "ROUGE-L", "seconds"):
        table.add_column(column, justify="left" if column == "system" else "right")
    table.add_row("storylens", f"{report.rouge1:.2f}", f"{report.rouge2:.2f}", f"{report.rougeL:.2f}", "")
    for peer in report.peers:
        table.add_row(peer.name, f"{peer.rouge1:.2f}", f"{peer.rouge2:.2f}", f"{peer.rougeL:.2f}",
                      f"{peer.seconds:.0f}")
    return table


def render(report: DatasetReport, summary: SummaryReport | None = None) -> None:
    """Rich tables for each part of the report."""
    if report.clustering is not None:
        console.print(_clustering_table(report.clustering))
    if report.pairs is not None:
        console.print(_pair_table(report.pairs))
    if report.copies is not None:
        console.print(_copies_line(report.copies))
    if summary is not None:
        console.print(_summary_table(summary))


def register(app: typer.Typer) -> None:
    """Add the `eval` command to `app`."""

    @app.command(name="eval")
    def eval_command(
        *,
        dataset: Annotated[DatasetName, typer.Argument(help="Which labelled dataset PATH holds.")],
        path: Annotated[Path, typer.Argument(help="The dataset's file, its folder, or the data folder "
                                                  "(../shared/data).")],
        json_output: JsonOption = False,
        config: ConfigOption = None,
        peers: Annotated[bool, typer.Option("--peers", help="Also run the TF-IDF single-link and HDBSCAN "
                                                            "peers (TF-IDF cosine for pairs).")] = False,
        limit: Annotated[int | None, typer.Option(min=1, help="Only the first N articles (pairs for "
                                                              "semeval).")] = None,
        all_docs: Annotated[bool, typer.Option("--all-docs", help="multinews: include the noise pages "
                                                                  "scraped with each story.")] = False,
        seed: Annotated[int, typer.Option(help="Seed of the arrival order of undated articles.")] = 0,
        arrivals: Annotated[int | None, typer.Option(
            min=1, help="Cluster as articles arrive, N at a time, stored in a temporary SQLite database with "
                        "stories updated after each batch (as `storylens ingest` does), not in one batch.")] = None,
        summaries: Annotated[bool, typer.Option(
            "--summaries",
            help="multinews: also score 250-word summaries (ROUGE-1/2/L F ×100, stemmed) against the "
                 "references, beside the lead, sumy LexRank and sumy TextRank peers; always over every "
                 "document, noise pages included. Clustering still runs; JSON adds rouge1, rouge2, rougeL "
                 "at the top and each summary peer under peers. With --limit N: the leading clusters "
                 "holding at most N documents.")] = False,
    ) -> None:
        """Measure clustering (B-cubed, pairwise F1), pair scoring (Pearson) or summaries (ROUGE).

        Pair scores use the dense embeddings of the setting `embeddings` (STORYLENS_EMBEDDINGS) when set.
        """
        try:
            if summaries:
                require_multinews(dataset)
            report = evaluate_dataset(dataset, path, with_peers=peers, limit=limit, all_docs=all_docs,
                                      seed=seed, arrivals=arrivals,
                                      embeddings=settings_for(None, config).embeddings)
            summary = evaluate_multinews_summaries(path, max_documents=limit) if summaries else None
        except DatasetError as error:
            errors.print(f"storylens: {error}", markup=False, highlight=False)
            raise typer.Exit(code=2) from None
        if json_output:
            result = report.to_json_dict()
            print_json(with_summary_scores(result, summary) if summary is not None else result)
        else:
            render(report, summary)
