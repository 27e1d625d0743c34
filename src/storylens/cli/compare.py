"""`storylens compare A B`: how likely two articles report the same story, and why."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import msgspec
import typer
from rich.table import Table

from storylens.analysis.embeddings import load_embedders
from storylens.cli.app import app
from storylens.cli.articles import resolve_article
from storylens.cli.options import (
    ConfigOption,
    DbOption,
    JsonOption,
    console,
    print_json,
    settings_for,
    store_for,
)
from storylens.cluster import compare_articles
from storylens.errors import IngestError
from storylens.ingest import ReadOptions, read_path
from storylens.model import Article, Rejected
from storylens.normalize import normalize_document
from storylens.store import Store

SCALE = {1: "same story", 2: "probably the same story", 3: "related, another story", 4: "unrelated"}


def _article_from_file(path: Path, max_bytes: int) -> Article:
    for document in read_path(path, ReadOptions(max_bytes=max_bytes)):
        if isinstance(document, Rejected):
            raise IngestError(document.reason, subject=str(document.origin), fix="give a readable article file")
        result = normalize_document(document)
        if isinstance(result, Rejected):
            raise IngestError(result.reason, subject=str(result.origin), fix="give a readable article file")
        return result
    raise IngestError("no article in this file", subject=str(path), fix="give a readable article file")


def _load(reference: str, store: Store, max_bytes: int) -> Article:
    path = Path(reference)
    return _article_from_file(path, max_bytes) if path.is_file() else resolve_article(store, reference)


@app.command()
def compare(
    first: Annotated[str, typer.Argument(help="An article file, or a stored article id.")],
    second: Annotated[str, typer.Argument(help="Another article file or id.")],
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
) -> None:
    """Score two articles on the SemEval-2022 scale (1 = same story … 4 = unrelated) with the evidence."""
    settings = settings_for(db, config)
    store = store_for(settings)
    try:
        a, b = _load(first, store, settings.max_input_bytes), _load(second, store, settings.max_input_bytes)
    finally:
        store.close()
    comparison = compare_articles(a, b, embedders=load_embedders(settings.embeddings))
    if json_output:
        print_json(msgspec.to_builtins(comparison))
        return
    verdict = SCALE[min(4, max(1, round(comparison.score)))]
    console.print(f"[bold]{comparison.score:.2f}[/] on 1–4: {verdict} (similarity {comparison.similarity:.2f})")
    console.print(f"  A: {a.outlet or '—'}: {a.title}\n  B: {b.outlet or '—'}: {b.title}", highlight=False)
    table = Table("evidence", "shared", "only A", "only B", "weight")
    for item in comparison.evidence:
        table.add_row(str(item.kind), "; ".join(item.shared), "; ".join(item.only_first),
                      "; ".join(item.only_second), f"{item.weight:+.2f}")
    console.print(table)
