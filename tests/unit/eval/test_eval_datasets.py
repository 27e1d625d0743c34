"""Dataset readers on small files written here, in each dataset's layout."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storylens.errors import DatasetError
from storylens.eval.datasets import (
    DatasetName,
    dataset_path,
    gedikli_story_chains,
    read_gedikli,
    read_labelled_jsonl,
    read_multinews,
    read_semeval,
    read_uci,
)
from storylens.model import Document, Origin, SourceFormat


def write_multinews(path: Path) -> Path:
    lines = [
        {"idx": 4, "summary": "ferries stop.", "documents": ["ferry strike halts crossings.", "cookie"],
         "multinews_plus_kept_doc_indices": [0]},
        {"idx": 6, "summary": "a bridge opens.", "documents": json.dumps(["bridge opens.", "new bridge."]),
         "multinews_plus_kept_doc_indices": "[0, 1]"},
        {"idx": 8, "summary": "nothing kept.", "documents": ["menu page"],
         "multinews_plus_kept_doc_indices": []},
    ]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(line) + "\n" for line in lines)
    return path


def test_multinews_keeps_only_judged_documents_and_accepts_json_string_lists(tmp_path: Path) -> None:
    clusters = read_multinews(write_multinews(tmp_path / "mn.jsonl.gz"))
    assert [(c.idx, c.documents, c.doc_indices) for c in clusters] == [
        (4, ("ferry strike halts crossings.",), (0,)),
        (6, ("bridge opens.", "new bridge."), (0, 1)),
    ]
    assert [(a.id, a.event, a.title) for a in clusters[0].articles()] == [("mn-4-0", "mn-4", None)]


def test_multinews_all_documents_keep_noise_pages_in_their_cluster(tmp_path: Path) -> None:
    clusters = read_multinews(write_multinews(tmp_path / "mn.jsonl.gz"), kept_only=False)
    ids = [(a.id, a.event) for cluster in clusters for a in cluster.articles()]
    assert ids == [("mn-4-0", "mn-4"), ("mn-4-1", "mn-4"), ("mn-6-0", "mn-6"), ("mn-6-1", "mn-6"),
                   ("mn-8-0", "mn-8")]


def test_multinews_document_becomes_an_untitled_document(tmp_path: Path) -> None:
    path = write_multinews(tmp_path / "mn.jsonl.gz")
    document = read_multinews(path)[0].articles()[0].to_document()
    assert document == Document(origin=Origin(location=str(path), format=SourceFormat.JSONL, record=4),
                                text="ferry strike halts crossings.", title=None)


def test_multinews_kept_index_outside_the_documents_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({"idx": 1, "summary": "s", "documents": ["d"],
                                "multinews_plus_kept_doc_indices": [3]}) + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="fall outside") as error:
        read_multinews(path)
    assert error.value.subject == f"{path}#1"


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="not found") as error:
        read_multinews(tmp_path / "absent.jsonl.gz")
    assert error.value.subject == str(tmp_path / "absent.jsonl.gz")


UCI_CSV = """ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP
1,"Ferries stop, strike spreads",http://a.example/1,Alpha News,b,S1,a.example,1394470370698
2,Strike halts ferries,http://b.example/2,Beta Daily,b,S1,b.example,1394470371207
"""


def test_uci_headline_is_title_and_text_with_utc_time(tmp_path: Path) -> None:
    path = tmp_path / "uci.csv"
    path.write_text(UCI_CSV, encoding="utf-8")
    first, second = read_uci(path)
    assert (first.id, first.title, first.text, first.event, first.outlet, first.url) == (
        "uci-1", "Ferries stop, strike spreads", "Ferries stop, strike spreads", "S1", "Alpha News",
        "http://a.example/1")
    assert first.published == datetime(2014, 3, 10, 16, 52, 50, 698000, tzinfo=UTC)
    assert second.id == "uci-2"


def test_uci_without_story_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "uci.csv"
    path.write_text("ID,TITLE\n1,x\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="header lacks URL, PUBLISHER, STORY, TIMESTAMP"):
        list(read_uci(path))


def test_uci_row_with_too_many_cells_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "uci.csv"
    path.write_text(UCI_CSV + "3,a,b,c,d,e,f,1,extra\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="row 3 has the wrong number of cells"):
        list(read_uci(path))


def write_gedikli(folder: Path) -> Path:
    folder.mkdir()
    (folder / "x-2021-06-29-article_texts.csv").write_text(
        '"url","paperurl","title","date","text"\n'
        '"u1","p1","Wind farm approved","2021-06-01 00:00:00","A wind farm won approval."\n'
        '"u2","p2","Wind farm starts","2021-06-20 00:00:00","The approved wind farm began work."\n'
        '"u3","p1","Solar tariff cut","2021-06-02 00:00:00","A tariff on panels was cut."\n',
        encoding="utf-8")
    (folder / "x-2021-06-29.csv").write_text(
        "\ufeffurl1;url2;relation;title1\nu1;u2;1;t\nu1;u3;0;t\nu2;u3;0;t\n", encoding="utf-8")
    return folder


def test_gedikli_reads_articles_and_pairs_and_chains(tmp_path: Path) -> None:
    dataset = read_gedikli(write_gedikli(tmp_path / "gedikli"))
    assert [(a.id, a.title, a.published) for a in dataset.articles] == [
        ("u1", "Wind farm approved", datetime(2021, 6, 1, tzinfo=UTC)),
        ("u2", "Wind farm starts", datetime(2021, 6, 20, tzinfo=UTC)),
        ("u3", "Solar tariff cut", datetime(2021, 6, 2, tzinfo=UTC)),
    ]
    assert [(p.first.id, p.second.id, p.is_same_story) for p in dataset.pairs] == [
        ("u1", "u2", True), ("u1", "u3", False), ("u2", "u3", False)]
    chains = [(a.id, a.event) for a in gedikli_story_chains(dataset)]
    assert chains == [("u1", "u1"), ("u2", "u1"), ("u3", "u3")]


def test_gedikli_pair_naming_an_unknown_article_is_an_error(tmp_path: Path) -> None:
    folder = write_gedikli(tmp_path / "gedikli")
    (folder / "x-2021-06-29.csv").write_text("url1;url2;relation\nu1;u9;1\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="not in the texts file: u9"):
        read_gedikli(folder)


SEMEVAL_CSV = (
    "pair_id,lang1,lang2,text1,text2,Geography,Entities,Time,Narrative,Overall,Style,Tone\n"
    '1_2,en,de,"Ferries stop\nA strike halted ferries.","Fähren stehen\nEin Streik.",1.0,2.0,1.0,1.5,'
    "1.3333333333333333,2.0,1.0\n"
)


def test_semeval_splits_title_from_text(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(SEMEVAL_CSV, encoding="utf-8")
    (pair,) = read_semeval(path)
    assert (pair.pair_id, pair.language_pair) == ("1_2", "en-de")
    assert pair.overall == pytest.approx(4 / 3)
    assert (pair.first.id, pair.first.title) == ("1_2-1", "Ferries stop")
    assert pair.first.text == "A strike halted ferries."
    assert (pair.second.title, pair.second.text) == ("Fähren stehen", "Ein Streik.")
    assert dict(pair.scores) == {"geography": 1.0, "entities": 2.0, "time": 1.0, "narrative": 1.5,
                                 "style": 2.0, "tone": 1.0}


def test_semeval_score_that_is_not_a_number_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "pairs.csv"
    path.write_text(SEMEVAL_CSV.replace("1.3333333333333333", "high"), encoding="utf-8")
    with pytest.raises(DatasetError, match="Overall is 'high', not a number"):
        list(read_semeval(path))


def test_jsonl_reads_labels_and_optional_fields(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        '{"id": "a1", "title": "Ferries stop", "text": "A strike.", "event": "e1", "outlet": "Alpha",'
        ' "date": "2024-05-01T08:00:00+02:00"}\n'
        "\n"
        '{"id": "a2", "text": "A strike.", "event": "e1", "dup_of": "a1"}\n', encoding="utf-8")
    first, second = read_labelled_jsonl(path)
    assert (first.id, first.title, first.outlet, first.dup_of) == ("a1", "Ferries stop", "Alpha", None)
    assert first.published == datetime(2024, 5, 1, 6, 0, tzinfo=UTC)
    assert (second.id, second.title, second.event, second.dup_of) == ("a2", None, "e1", "a1")
    assert second.origin.record == 3


@pytest.mark.parametrize(("line", "problem"), [
    ('{"id": "a1", "text": "t"}', "needs id, text and event"),
    ("[1, 2]", "not a JSON object"),
    ("{oops", "not JSON"),
])
def test_jsonl_bad_line_is_an_error_naming_the_line(tmp_path: Path, line: str, problem: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=problem) as error:
        list(read_labelled_jsonl(path))
    assert error.value.subject == f"{path}#1"


def test_jsonl_repeated_id_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": "a", "text": "t", "event": "e"}\n' * 2, encoding="utf-8")
    with pytest.raises(DatasetError, match="repeats id 'a'"):
        list(read_labelled_jsonl(path))


def test_dataset_path_finds_the_file_under_the_data_folder(tmp_path: Path) -> None:
    (tmp_path / "multinews").mkdir()
    path = write_multinews(tmp_path / "multinews" / "dev.jsonl.gz")
    gedikli = write_gedikli(tmp_path / "gedikli")
    assert dataset_path(DatasetName.MULTINEWS, tmp_path) == path
    assert dataset_path(DatasetName.MULTINEWS, path) == path
    assert dataset_path(DatasetName.GEDIKLI, tmp_path) == gedikli
    with pytest.raises(DatasetError, match="no semeval data"):
        dataset_path(DatasetName.SEMEVAL, tmp_path)
