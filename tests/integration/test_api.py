"""The HTTP API through FastAPI's test client, and once against a real uvicorn server."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from storylens.config import Settings
from storylens.errors import ConfigError
from storylens.model import (
    Article,
    ArticleId,
    Assignment,
    Origin,
    SourceFormat,
    Story,
    StoryId,
)
from storylens.serve.access import check_bind, is_loopback
from storylens.serve.api import create_app
from storylens.store import open_store

REPO = Path(__file__).resolve().parents[2]

HARBOUR = Article(
    id=ArticleId("harbour-north"), title="Ferry strike closes the harbour for a second day",
    body=("Ferry crews in Porto Vento stayed off work on Tuesday, the union said, leaving the harbour closed "
          "for a second day.\n\nUnion leader Ada Brenner said \"we will not sail until the rota is fixed\" "
          "and called for talks with the port authority."),
    origin=Origin(location="test", format=SourceFormat.TEXT), content_hash="h-harbour-north", language="en",
    outlet="North Gazette", published=datetime(2024, 3, 5, 9, 0, tzinfo=UTC))
HARBOUR_2 = Article(
    id=ArticleId("harbour-coast"), title="Porto Vento harbour shut as ferry crews strike",
    body=("Ferry crews in Porto Vento stayed off work on Tuesday, leaving the harbour closed for a second "
          "day. Ada Brenner said \"we will not sail until the rota is fixed\".\n\n"
          "Tourists queued at the bus station."),
    origin=Origin(location="test", format=SourceFormat.TEXT), content_hash="h-harbour-coast", language="en",
    outlet="Coast Post", published=datetime(2024, 3, 5, 15, 30, tzinfo=UTC))
ORCHARD = Article(
    id=ArticleId("orchard-fair"), title="Orchard fair returns to Lindham",
    body="The apple fair returned to Lindham on Saturday after four years, organiser Tomas Ekdahl said.",
    origin=Origin(location="test", format=SourceFormat.TEXT), content_hash="h-orchard", language="en",
    outlet="Coast Post", published=datetime(2024, 3, 2, 12, 0, tzinfo=UTC))
STRIKE = Story(id=StoryId("story-strike"), title=HARBOUR.title, article_ids=(HARBOUR_2.id, HARBOUR.id),
               first_published=HARBOUR.published, last_published=HARBOUR_2.published,
               outlets=("Coast Post", "North Gazette"))
FAIR = Story(id=StoryId("story-fair"), title=ORCHARD.title, article_ids=(ORCHARD.id,),
             first_published=ORCHARD.published, last_published=ORCHARD.published, outlets=("Coast Post",))

NEW_ARTICLE = {
    "title": "Library extends opening hours in Kessel",
    "text": ("Kessel's public library will open until nine in the evening from May, the council said on "
             "Monday. Librarian Ines Morgado said students had asked for longer hours for two years."),
    "outlet": "Kessel Courier", "date": "2024-04-02T08:00:00Z", "author": "Jo Pell", "language": "en",
}


def _error(response: object) -> dict[str, object]:
    body = response.json()  # type: ignore[attr-defined]
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fix"}
    return body["error"]  # type: ignore[no-any-return]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "api.db"
    store = open_store(path)
    store.add_articles([HARBOUR, HARBOUR_2, ORCHARD])
    store.save_clustering(
        [STRIKE, FAIR],
        [Assignment(article_id=article_id, story_id=story.id, score=1.0, method="test")
         for story in (STRIKE, FAIR) for article_id in story.article_ids])
    store.close()
    return path


@pytest.fixture
def client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=db_path)), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def token_client(db_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db_path=db_path), token="s3cret-token")) as test_client:
        yield test_client


# -- stories ---------------------------------------------------------------------------------------------

def test_stories_are_listed_newest_first_with_total_and_next(client: TestClient) -> None:
    body = client.get("/api/stories", params={"limit": 1}).json()
    assert [item["id"] for item in body["items"]] == ["story-strike"]
    assert (body["total"], body["limit"], body["offset"], body["next"]) == (2, 1, 0, 1)
    assert body["items"][0]["sources"] == 2
    assert body["items"][0]["outlets"] == ["Coast Post", "North Gazette"]
    last = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert [item["id"] for item in last["items"]] == ["story-fair"]
    assert last["next"] is None


@pytest.mark.parametrize(("params", "expected"), [
    ({"outlet": "North Gazette"}, ["story-strike"]),
    ({"outlet": "Coast Post"}, ["story-strike", "story-fair"]),
    ({"q": "apple"}, ["story-fair"]),
    ({"entity": "Ada Brenner"}, ["story-strike"]),
    ({"since": "2024-03-04"}, ["story-strike"]),
    ({"until": "2024-03-02"}, ["story-fair"]),
    ({"since": "2024-03-01", "until": "2024-03-31", "q": "ferry"}, ["story-strike"]),
    ({"q": "volcano"}, []),
])
def test_stories_filter_by_outlet_words_entity_and_dates(client: TestClient, params: dict[str, str],
                                                         expected: list[str]) -> None:
    body = client.get("/api/stories", params=params).json()
    assert [item["id"] for item in body["items"]] == expected
    assert body["total"] == len(expected)


def test_one_story_comes_with_its_account(client: TestClient) -> None:
    body = client.get("/api/stories/story-strike").json()
    assert body["story"]["id"] == "story-strike"
    assert body["account"]["story_id"] == "story-strike"
    assert body["account"]["summary"]
    cited = {source for s in body["account"]["summary"] for source in s["sources"]}
    assert cited <= {"Coast Post", "North Gazette"}
    quotes = [q["text"] for q in body["account"]["quotes"]]
    assert any("we will not sail until the rota is fixed" in text for text in quotes)


def test_a_story_id_prefix_is_enough_when_it_is_unique(client: TestClient) -> None:
    assert client.get("/api/stories/story-st").json()["story"]["id"] == "story-strike"
    error = _error(client.get("/api/stories/story-"))
    assert error["code"] == "store.not_found"
    assert "2 stories" in str(error["message"])


def test_summary_length_follows_the_words_parameter(client: TestClient) -> None:
    short = client.get("/api/stories/story-strike", params={"words": 10}).json()["account"]["summary"]
    long = client.get("/api/stories/story-strike", params={"words": 400}).json()["account"]["summary"]
    assert len(short) <= len(long)


def test_story_articles_are_listed_oldest_first(client: TestClient) -> None:
    body = client.get("/api/stories/story-strike/articles").json()
    assert [article["id"] for article in body] == ["harbour-north", "harbour-coast"]
    assert body[0]["body"] == HARBOUR.body


# -- articles -----------------------------------------------------------------------------------------------

def test_articles_are_listed_with_filters_and_pages(client: TestClient) -> None:
    everything = client.get("/api/articles").json()
    assert [item["id"] for item in everything["items"]] == ["harbour-coast", "harbour-north", "orchard-fair"]
    assert everything["next"] is None
    page = client.get("/api/articles", params={"limit": 2}).json()
    assert (len(page["items"]), page["next"]) == (2, 2)
    coast = client.get("/api/articles", params={"outlet": "Coast Post"}).json()["items"]
    assert [i["id"] for i in coast] == ["harbour-coast", "orchard-fair"]
    assert [i["id"] for i in client.get("/api/articles", params={"q": "tourists"}).json()["items"]] == [
        "harbour-coast"]
    assert [i["id"] for i in client.get("/api/articles", params={"story": "story-fair"}).json()["items"]] == [
        "orchard-fair"]
    assert [i["id"] for i in client.get("/api/articles", params={"until": "2024-03-03"}).json()["items"]] == [
        "orchard-fair"]


def test_one_article_has_every_field(client: TestClient) -> None:
    body = client.get("/api/articles/orchard-fair").json()
    assert body["title"] == "Orchard fair returns to Lindham"
    assert body["outlet"] == "Coast Post"
    assert body["published"] == "2024-03-02T12:00:00Z"
    assert body["origin"] == "test"


def test_stats_and_health(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert (stats["articles"], stats["stories"]) == (3, 2)
    assert stats["outlets"] == {"Coast Post": 2, "North Gazette": 1}
    assert client.get("/healthz").json() == {"status": "ok"}


def test_openapi_documents_every_route(client: TestClient) -> None:
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert paths == {"/api/stories", "/api/stories/{story_id}", "/api/stories/{story_id}/articles",
                     "/api/articles", "/api/articles/{article_id}", "/api/compare", "/api/stats", "/healthz"}
    assert client.get("/api/docs").status_code == 200


def test_compare_scores_two_articles(client: TestClient) -> None:
    body = client.get("/api/compare", params={"a": "harbour-north", "b": "harbour-coast"}).json()
    assert (body["first"], body["second"]) == ("harbour-north", "harbour-coast")
    assert 1.0 <= body["score"] <= 4.0
    assert 0.0 <= body["similarity"] <= 1.0


# -- errors: one shape on every route -------------------------------------------------------------------

@pytest.mark.parametrize(("method", "url", "status", "code"), [
    ("get", "/api/stories/nope", 404, "store.not_found"),
    ("get", "/api/stories/nope/articles", 404, "store.not_found"),
    ("get", "/api/articles/nope", 404, "store.not_found"),
    ("get", "/api/compare?a=nope&b=harbour-coast", 404, "store.not_found"),
    ("get", "/api/stories?limit=0", 422, "api.invalid"),
    ("get", "/api/stories?since=yesterday", 422, "api.invalid"),
    ("get", "/api/articles?until=31/12/2024", 422, "api.invalid"),
    ("get", "/api/articles?offset=-1", 422, "api.invalid"),
    ("get", "/api/stories/story-strike?words=1", 422, "api.invalid"),
    ("get", "/api/compare?a=harbour-north", 422, "api.invalid"),
    ("get", "/api/nowhere", 404, "api.not_found"),
    ("delete", "/api/stories", 405, "api.method"),
    ("post", "/api/stats", 405, "api.method"),
])
def test_every_error_has_the_one_json_shape(client: TestClient, method: str, url: str, status: int,
                                            code: str) -> None:
    response = client.request(method.upper(), url)
    assert response.status_code == status
    error = _error(response)
    assert error["code"] == code
    assert error["message"]


def test_an_unexpected_failure_is_a_500_without_a_traceback(client: TestClient) -> None:
    state = client.app.state  # type: ignore[attr-defined]
    store, state.store = state.store, None  # a broken store: every read fails
    try:
        for url in ("/api/stories", "/api/stats", "/healthz", "/api/articles/harbour-north"):
            response = client.get(url)
            assert response.status_code == 500
            error = _error(response)
            assert error["code"] == "internal"
            assert "Traceback" not in response.text
            assert "NoneType" not in response.text
    finally:
        state.store = store


# -- ingest --------------------------------------------------------------------------------------------------

def test_posting_an_article_stores_it_and_a_repeat_is_idempotent(client: TestClient) -> None:
    first = client.post("/api/articles", json=NEW_ARTICLE)
    assert first.status_code == 201
    report = first.json()
    assert (report["read"], report["stored"], report["already_stored"], report["rejected"]) == (1, 1, 0, 0)
    assert report["stories"] >= 3
    again = client.post("/api/articles", json=NEW_ARTICLE)
    assert again.status_code == 200
    assert (again.json()["stored"], again.json()["already_stored"]) == (0, 1)
    found = client.get("/api/articles", params={"outlet": "Kessel Courier"}).json()["items"]
    assert [item["title"] for item in found] == ["Library extends opening hours in Kessel"]
    assert client.get("/api/stories", params={"q": "library"}).json()["total"] == 1


def test_posting_a_list_reports_rejections_by_name(client: TestClient) -> None:
    response = client.post("/api/articles", json=[NEW_ARTICLE, {**NEW_ARTICLE, "text": "   "}])
    assert response.status_code == 201
    report = response.json()
    assert (report["stored"], report["rejected"]) == (1, 1)
    assert report["rejections"][0]["input"] == "api#2"


def test_posting_only_bad_articles_is_refused_with_the_reasons(client: TestClient) -> None:
    response = client.post("/api/articles", json=[{**NEW_ARTICLE, "text": "   "}])
    assert response.status_code == 422
    error = _error(response)
    assert error["code"] == "api.rejected"
    assert "api#1" in str(error["message"])


@pytest.mark.parametrize(("body", "headers"), [
    ("[]", {"content-type": "application/json"}),
    ('{"title": "no text"}', {"content-type": "application/json"}),
    ('{"text": "x", "colour": "red"}', {"content-type": "application/json"}),
    ("{not json", {"content-type": "application/json"}),
])
def test_malformed_json_bodies_are_422(client: TestClient, body: str, headers: dict[str, str]) -> None:
    response = client.post("/api/articles", content=body, headers=headers)
    assert response.status_code == 422
    assert _error(response)["code"] == "api.invalid"


def test_other_media_types_are_415(client: TestClient) -> None:
    response = client.post("/api/articles", content="hello", headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert _error(response)["code"] == "api.media_type"


def test_uploading_files_ingests_them_like_the_command_line(client: TestClient) -> None:
    text = f"{NEW_ARTICLE['title']}\n\n{NEW_ARTICLE['text']}\n"
    records = json.dumps({**NEW_ARTICLE, "title": "Bridge reopens in Kessel",
                          "text": ("The old bridge in Kessel reopened to traffic on Friday after eight "
                                   "months of repairs, the council said.")})
    response = client.post("/api/articles", files=[
        ("files", ("library.txt", text.encode(), "text/plain")),
        ("files", ("more.jsonl", (records + "\n").encode(), "application/x-ndjson")),
    ])
    assert response.status_code == 201
    report = response.json()
    assert (report["read"], report["stored"], report["rejected"]) == (2, 2, 0)
    origins = {client.get(f"/api/articles/{item['id']}").json()["origin"]
               for item in client.get("/api/articles", params={"q": "Kessel"}).json()["items"]}
    assert origins == {"upload/library.txt", "upload/more.jsonl#1"}


def test_an_upload_keeps_only_a_harmless_file_name(client: TestClient) -> None:
    text = (b"Headline\n\nSome text about the harbour strike in Porto Vento, long enough to count as an "
            b"article body.")
    response = client.post("/api/articles", files=[("files", ("../../etc/evil.txt", text, "text/plain"))])
    assert response.status_code == 201
    item = client.get("/api/articles", params={"q": "Headline"}).json()["items"][0]
    assert client.get(f"/api/articles/{item['id']}").json()["origin"] == "upload/evil.txt"


# -- access -------------------------------------------------------------------------------------------------

def test_writes_need_the_token_when_the_app_has_one(token_client: TestClient) -> None:
    missing = token_client.post("/api/articles", json=NEW_ARTICLE)
    assert missing.status_code == 401
    assert _error(missing)["code"] == "api.unauthorized"
    assert missing.headers["www-authenticate"] == "Bearer"
    wrong = token_client.post("/api/articles", json=NEW_ARTICLE, headers={"Authorization": "Bearer guess"})
    assert wrong.status_code == 401
    right = token_client.post("/api/articles", json=NEW_ARTICLE,
                              headers={"Authorization": "Bearer s3cret-token"})
    assert right.status_code == 201
    assert token_client.get("/api/stories").status_code == 200  # reads stay open


@pytest.mark.parametrize(("host", "expected"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("example.org", False),
])
def test_only_loopback_addresses_count_as_local(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_serving_beyond_loopback_needs_a_token() -> None:
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "a-token")
    with pytest.raises(ConfigError, match="--token"):
        check_bind("0.0.0.0", None)


# -- untrusted text ----------------------------------------------------------------------------------------

HOSTILE = {
    "title": "Harbour news <script>alert(1)</script>",
    "text": ("Ferry crews in Porto Vento stayed off work on Tuesday <img src=x onerror=alert(2)> and the "
             "harbour closed. <a href=\"javascript:alert(3)\" onclick=\"alert(4)\">read more</a> said the "
             "quayside union."),
    "outlet": "Evil <b onmouseover=alert(5)>Outlet</b>", "url": "javascript:alert(6)", "date": "2024-03-05",
}


def test_hostile_article_text_is_escaped_on_every_page(client: TestClient) -> None:
    posted = client.post("/api/articles", json=HOSTILE)
    assert posted.status_code == 201
    article_id = client.get("/api/articles", params={"q": "quayside"}).json()["items"][0]["id"]
    story_id = client.get("/api/stories", params={"q": "quayside"}).json()["items"][0]["id"]
    searched = "/?q=%3Cscript%3Ealert(7)%3C/script%3E"
    for url in ("/", f"/stories/{story_id}", f"/articles/{article_id}", searched):
        page = client.get(url)
        assert page.status_code == 200
        html = page.text
        assert "<script>alert" not in html
        assert "<img" not in html
        assert "<b onmouseover" not in html
        assert 'href="javascript:' not in html
        assert page.headers["content-security-policy"].startswith("default-src 'self'")
    story_page = client.get(f"/stories/{story_id}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in story_page
    assert "&lt;img src=x onerror=alert(2)&gt;" in story_page


# -- a real server -------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, data: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_a_real_server_answers_over_http(db_path: Path) -> None:
    port = _free_port()
    code = ("import sys, uvicorn; from pathlib import Path; from storylens.config import Settings; "
            "from storylens.serve.api import create_app; "
            "uvicorn.run(create_app(Settings(db_path=Path(sys.argv[1])), token='t0ken'), host='127.0.0.1', "
            "port=int(sys.argv[2]), log_level='warning')")
    paths = os.pathsep.join([str(REPO / "src"), os.environ.get("PYTHONPATH", "")])
    environment = {**os.environ, "PYTHONPATH": paths}
    server = subprocess.Popen([sys.executable, "-c", code, str(db_path), str(port)], env=environment,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if _get(f"{base}/healthz")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                output = server.stdout.read().decode() if server.stdout and server.poll() is not None else ""
                pytest.fail(f"the server did not start: {output}")
            time.sleep(0.2)
        status, body = _get(f"{base}/api/stories?limit=1")
        assert (status, body["total"], body["next"]) == (200, 2, 1)
        status, body = _get(f"{base}/api/articles/nope")
        assert (status, body["error"]["code"]) == (404, "store.not_found")
        data = json.dumps(NEW_ARTICLE).encode()
        status, body = _get(f"{base}/api/articles", data, {"Content-Type": "application/json"})
        assert status == 401
        status, body = _get(f"{base}/api/articles", data,
                            {"Content-Type": "application/json", "Authorization": "Bearer t0ken"})
        assert (status, body["stored"]) == (201, 1)
        with urllib.request.urlopen(f"{base}/", timeout=30) as page:
            assert "Library extends opening hours in Kessel" in page.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=15)
