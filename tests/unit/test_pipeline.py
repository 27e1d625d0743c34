"""The stage runner: types checked at assembly, records in input order whether run here or in workers."""

from __future__ import annotations

import functools

import pytest

from storylens.errors import PipelineError
from storylens.model import Article, Document, Origin, RejectCode, Rejected, SourceFormat
from storylens.normalize import NormalizeParams, normalize_document
from storylens.pipeline import NORMALIZE, Stage, check_chain, run_stages, run_stages_parallel


def _documents(count: int) -> list[Document | Rejected]:
    records: list[Document | Rejected] = []
    for number in range(count):
        origin = Origin(location=f"inbox/{number}.txt", format=SourceFormat.TEXT)
        if number % 7 == 0:
            records.append(Rejected(origin=origin, code=RejectCode.EMPTY, reason="empty file"))
        elif number % 5 == 0:
            records.append(Document(origin=origin, text="Too short.", title="Short"))
        else:
            records.append(Document(origin=origin, title=f"Council vote {number}",
                                    text=f"The town council of Brell voted {number} to 3 on Tuesday to rebuild "
                                         "the harbour wall, the mayor said after the meeting."))
    return records


def test_a_stage_that_reads_what_nobody_writes_fails_at_assembly() -> None:
    wants_articles = Stage("summarize.v1", Article, (Article,), lambda article: article)
    with pytest.raises(PipelineError, match="reads Article"):
        check_chain((Document, Rejected), [wants_articles])


def test_workers_give_the_same_records_in_the_same_order_as_one_process() -> None:
    records = _documents(2500)  # more than one block, so the pool runs
    stage = Stage(NORMALIZE.name, Document, (Article, Rejected),
                  functools.partial(normalize_document, params=NormalizeParams()))

    alone = list(run_stages(records, [stage]))
    spread = list(run_stages_parallel(records, [stage], workers=2))

    assert spread == alone
    assert sum(isinstance(record, Rejected) for record in spread) > 2500 // 7
    assert [record.origin for record in spread] == [record.origin for record in records]
