"""`storylens eval` as a user runs it: a table or one JSON object; exit 2 on a dataset problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import storylens.cluster
import storylens.normalize
from storylens.cli.eval import register

ENGINE_READY = (hasattr(storylens.cluster, "cluster_articles")
                and hasattr(storylens.normalize, "normalize_document"))


def eval_app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command, so `eval` stays a named sub-command as in the real app
        """Nothing."""

    return app


def test_missing_dataset_exits_2_naming_the_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_app(), ["eval", "multinews", str(tmp_path)])
    assert result.exit_code == 2
    assert "no multinews data" in result.output
    assert str(tmp_path) in result.output


def test_unknown_dataset_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(eval_app(), ["eval", "reuters", str(tmp_path)])
    assert result.exit_code == 2
    assert "reuters" in result.output


@pytest.mark.skipif(not ENGINE_READY, reason="the engine (normalize_document, cluster_articles) is absent")
def test_jsonl_json_output_has_the_issue_keys(tmp_path: Path) -> None:
    path = tmp_path / "labelled.jsonl"
    lines = [
        {"id": "a", "title": "Harbour ferry strike halts crossings", "text": "Ferry crews walked out at dawn "
         "and every crossing from the harbour was cancelled.", "event": "ferry"},
        {"id": "b", "title": "Volcano ash closes northern airports", "text": "An ash cloud drifted south and "
         "three airports closed their runways.", "event": "ash"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    result = CliRunner().invoke(eval_app(), ["eval", "jsonl", str(path), "--json", "--peers"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["n_articles"] == 2
    assert {"bcubed_precision", "bcubed_recall", "bcubed_f1", "pairwise_f1", "articles_per_second",
            "peak_memory_mb", "peers"} <= data.keys()
    assert set(data["peers"]) == {"peer.tfidf_single_link.v1", "peer.tfidf_svd_hdbscan.v1"}
