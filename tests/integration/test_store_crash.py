"""A writer killed mid-run leaves a sound database: whole batches only, and a re-run fills in the rest."""

from __future__ import annotations

import json
import os
import runpy
import signal
import sqlite3
import subprocess
import sys
import time
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


def _count_articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_a_killed_parallel_ingest_keeps_whole_batches_and_a_rerun_completes_it(tmp_path: Path) -> None:
    records = 4000  # several blocks, so worker processes normalize them
    inbox = tmp_path / "wire.jsonl"
    inbox.write_text("".join(
        json.dumps({"title": f"Harbour board vote {number}", "outlet": f"Outlet {number % 7}",
                    "text": f"The Brell harbour board voted {number} to 2 on Tuesday to rebuild pier {number}, "
                            f"its chair said, after storms in week {number % 52} damaged the old wall."}) + "\n"
        for number in range(records)), encoding="utf-8")
    db = tmp_path / "parallel.db"
    env = os.environ | {"PYTHONPATH": str(Path(storylens.__file__).parent.parent), "STORYLENS_WORKERS": "2"}
    command = [sys.executable, "-m", "storylens", "ingest", str(inbox), "--db", str(db), "--no-cluster", "--json"]

    ingest = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while _count_articles(db) == 0 and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait(timeout=30)

    stored = _count_articles(db)
    assert 0 < stored < records
    assert stored % 500 == 0  # whole batches of Settings.batch_size
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    report = json.loads(rerun.stdout)
    assert (report["stored"], report["already_stored"]) == (records - stored, stored)
    assert _count_articles(db) == records
