"""The command line end to end, in a subprocess, as a user or a script runs it."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import storylens


def run(*args: str | Path, db: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONPATH": str(Path(storylens.__file__).parent.parent), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "storylens", *map(str, args), "--db", str(db)],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def test_ingest_the_seeds_then_list_show_and_count(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    ingested = run("ingest", seeds_dir, "--json", db=db)
    assert ingested.returncode == 0, ingested.stderr
    report = json.loads(ingested.stdout)
    assert report["stored"] == 2
    assert (report["stories"]["new"], report["stories"]["stories"]) == (2, 1)  # the seeds are one story

    listed = json.loads(run("articles", "--json", db=db).stdout)
    assert sorted(article["outlet"] for article in listed) == ["EghtesadOnline", "Reuters"]

    reuters = next(article for article in listed if article["outlet"] == "Reuters")
    shown = run("show", reuters["id"][:6], db=db)
    assert shown.returncode == 0, shown.stderr
    assert "Kerry urges Russia" in shown.stdout
    assert "Paris" in shown.stdout

    counted = json.loads(run("stats", "--json", db=db).stdout)
    assert counted["articles"] == 2
    assert dict(map(tuple, counted["outlets"])) == {"Reuters": 1, "EghtesadOnline": 1}


def test_reingest_stores_nothing_twice(seeds_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    run("ingest", seeds_dir, db=db)
    again = json.loads(run("ingest", seeds_dir, "--json", db=db).stdout)
    assert (again["stored"], again["already_stored"]) == (0, 2)
    assert (again["stories"]["new"], again["stories"]["stories"]) == (0, 1)
    assert json.loads(run("stats", "--json", db=db).stdout)["articles"] == 2


def test_bad_inputs_are_named_and_good_ones_stored_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good = "Harbour cranes halted by strike\n\n" + "Dock workers in the port of Arden stopped work on Monday. " * 8
    (inbox / "good.txt").write_text(good, encoding="utf-8")
    (inbox / "good-copy.txt.gz").write_bytes(gzip.compress(good.encode()))
    (inbox / "empty.txt").write_text("", encoding="utf-8")
    (inbox / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inbox / "latin.txt").write_bytes(b"\xff\xfe\x00\xd8" * 40)
    (inbox / "broken.jsonl").write_text('{"title": "One", "text": "' + "word " * 40 + '"}\n{"title": \n',
                                        encoding="utf-8")
    db = tmp_path / "news.db"

    result = run("ingest", inbox, "--json", db=db)

    assert result.returncode == 1
    report = json.loads(result.stdout)
    rejected = {Path(item["input"].split("#")[0]).name: item["code"] for item in report["rejections"]}
    assert rejected["empty.txt"] == "empty"
    assert rejected["binary.txt"] == "binary"
    assert rejected["broken.jsonl"] == "malformed"
    assert "latin.txt" in rejected
    assert report["stored"] == 2  # good.txt (its gzip twin has the same text: the same article) + jsonl line 1
    assert report["already_stored"] == 1


def test_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    result = run("show", "nope", db=tmp_path / "news.db")
    assert result.returncode == 2
    assert "no article with an id starting 'nope'" in result.stderr


@pytest.mark.parametrize("command", ["ingest", "articles", "show", "stats", "cluster", "stories", "demo"])
def test_every_command_explains_itself(command: str, tmp_path: Path) -> None:
    result = run(command, "--help", db=tmp_path / "news.db")
    assert result.returncode == 0
    assert "Usage" in result.stdout
    if command != "demo":  # every other command names where its database comes from
        assert "env STORYLENS_DB" in " ".join(result.stdout.split())


def test_demo_finds_the_sample_stories_and_the_copy(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = run("demo", "--json", db=db)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["ingest"]["stored"] == 17
    assert (report["stories"]["stories"], report["stories"]["copies"]) == (6, 1)

    again = json.loads(run("demo", "--json", db=db).stdout)
    assert (again["ingest"]["stored"], again["ingest"]["already_stored"]) == (0, 17)
