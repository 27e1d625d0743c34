"""A writer killed mid-run leaves a sound database: whole batches only, and a re-run fills in the rest."""

from __future__ import annotations

import os
import runpy
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import storylens
from storylens.store import SqliteStore

BATCH_SIZE = 50
BATCHES_BEFORE_KILL = 4

WRITER = '''
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storylens.model import Article, ArticleId, Origin, SourceFormat
from storylens.store import SqliteStore

BATCH_SIZE = {batch_size}


def batch(number):
    return [
        Article(
            id=ArticleId(f"b{{number:05d}}-{{item:03d}}"),
            title=f"Synthetic report {{number}}.{{item}}",
            body=" ".join(f"word{{(number * 7 + item + k) % 997}}" for k in range(300)),
            origin=Origin(location=f"synthetic/{{number}}.jsonl", format=SourceFormat.JSONL, record=item),
            content_hash=f"hash-{{number}}-{{item}}",
            language="en",
            outlet=f"Outlet {{item % 5}}",
            published=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=number * BATCH_SIZE + item),
        )
        for item in range(BATCH_SIZE)
    ]


if __name__ == "__main__":
    store = SqliteStore(Path(sys.argv[1]))
    for number in range(int(sys.argv[2])):
        result = store.add_articles(batch(number))
        print(number, len(result.stored), len(result.already_stored), flush=True)
    store.close()
'''


def start_writer(script: Path, db: Path, batches: int) -> subprocess.Popen[str]:
    env = os.environ | {"PYTHONPATH": str(Path(storylens.__file__).parent.parent)}
    return subprocess.Popen([sys.executable, str(script), str(db), str(batches)], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_a_killed_writer_leaves_whole_batches_and_a_rerun_stores_only_the_missing(tmp_path: Path) -> None:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(batch_size=BATCH_SIZE), encoding="utf-8")
    db = tmp_path / "crash" / "news.db"

    writer = start_writer(script, db, batches=100_000)
    assert writer.stdout is not None
    committed = 0
    try:
        while committed < BATCHES_BEFORE_KILL:
            line = writer.stdout.readline()
            assert line, f"the writer stopped early: {writer.stderr.read() if writer.stderr else ''}"
            committed += 1
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        connection.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")

    batch = runpy.run_path(str(script), run_name="writer")["batch"]
    with SqliteStore(db) as store:
        stored = list(store.iter_articles())
    assert len(stored) % BATCH_SIZE == 0
    whole_batches = len(stored) // BATCH_SIZE
    assert whole_batches >= committed
    assert stored == [article for number in range(whole_batches) for article in batch(number)]

    rerun = start_writer(script, db, batches=whole_batches + 2)
    output, errors = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, errors
    assert output.splitlines() == (
        [f"{number} 0 {BATCH_SIZE}" for number in range(whole_batches)]
        + [f"{number} {BATCH_SIZE} 0" for number in (whole_batches, whole_batches + 1)]
    )
