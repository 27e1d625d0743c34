"""The HTTP API under /api/ and the web reader, built per settings by `create_app`.

Routes are thin: they parse, call `catalog` or the pipeline, and convert records to `schemas` at the edge.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

import msgspec
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from storylens.config import Settings
from storylens.ingest import ReadOptions
from storylens.model import Document, Rejected
from storylens.pipeline import RunReport, ingest_documents, update_stories
from storylens.serve import catalog, schemas
from storylens.serve.access import check_authorization
from storylens.serve.errors import (
    ApiError,
    InvalidParameterError,
    PayloadTooLargeError,
    install_error_handlers,
)
from storylens.serve.pages import mount_reader
from storylens.serve.params import get_store, parse_time
from storylens.serve.uploads import documents_from_records, documents_from_upload
from storylens.store import ArticleFilter, Store, open_store

MAX_PAGE = 200
_ARTICLES_BODY = TypeAdapter(schemas.ArticleIn | list[schemas.ArticleIn])
_bearer = HTTPBearer(auto_error=False, description="Needed for writes when the server has a token.")


class UnsupportedMediaError(ApiError):
    code = "api.media_type"
    status = 415


class NothingStoredError(ApiError):
    code = "api.rejected"
    status = 422


def require_writer(request: Request,
                   credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """Writes need `Authorization: Bearer <token>` when the app has a token."""
    check_authorization(request.headers.get("authorization"), request.app.state.token)


StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page size.")]
Offset = Annotated[int, Query(ge=0, description="Items skipped before the page.")]
Since = Annotated[str | None, Query(description="Reported on or after (YYYY-MM-DD or ISO 8601).")]
Until = Annotated[str | None, Query(description="Reported on or before (YYYY-MM-DD or ISO 8601).")]

_INGEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"anyOf": [
                {"$ref": "#/components/schemas/ArticleIn"},
                {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
            ]}},
            "multipart/form-data": {"schema": {
                "type": "object",
                "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}},
                "required": ["files"],
            }},
        },
    },
}


def _story_query(*, since: str | None, until: str | None, outlet: str | None, entity: str | None,
                 q: str | None, limit: int, offset: int) -> catalog.StoryQuery:
    return catalog.StoryQuery(since=parse_time(since, "since"), until=parse_time(until, "until", is_end=True),
                              outlet=outlet, entity=entity, text=q, limit=limit, offset=offset)


async def _posted_documents(request: Request, options: ReadOptions) -> list[Document | Rejected]:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > options.max_bytes:
        raise PayloadTooLargeError(f"the request carries {int(length)} bytes", subject="content-length",
                                   fix=f"send at most {options.max_bytes} bytes per request")
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/json":
        try:
            posted = _ARTICLES_BODY.validate_json(await request.body())
        except ValidationError as error:
            raise RequestValidationError(error.errors(include_url=False)) from error
        items = posted if isinstance(posted, list) else [posted]
        if not items:
            raise InvalidParameterError("the list of articles is empty", subject="body",
                                        fix="post one article object or a non-empty list of them")
        return documents_from_records([item.as_record() for item in items], options)
    if media == "multipart/form-data":
        form = await request.form(max_files=100, max_part_size=options.max_bytes)
        uploads = [item for key in ("files", "file") for item in form.getlist(key)
                   if isinstance(item, UploadFile)]
        if not uploads:
            raise InvalidParameterError("no file in the form", subject="files",
                                        fix="send the files in a form field named `files`")
        documents: list[Document | Rejected] = []
        for upload in uploads:
            documents += documents_from_upload(upload.filename or "upload.txt", await upload.read(), options)
        return documents
    raise UnsupportedMediaError(f"cannot read a {media or 'missing'} body", subject="content-type",
                                fix="post application/json or multipart/form-data with `files`")


def _ingest_response(report: RunReport, stories: int) -> JSONResponse:
    data = report.to_json_dict()
    body = schemas.IngestReportOut(
        read=data["read"], stored=data["stored"], already_stored=data["already_stored"],
        rejected=data["rejected"], rejected_by_code=data["rejected_by_code"],
        rejections=[schemas.RejectionOut(**item) for item in data["rejections"]], stories=stories,
        seconds=data["seconds"])
    if report.stored == 0 and report.already_stored == 0:
        reasons = "; ".join(f"{item.origin}: {item.reason}" for item in report.rejected) or "nothing was read"
        raise NothingStoredError(f"no article could be stored: {reasons}", subject="body",
                                 fix="send article text in `text` (JSON) or a .txt/.html/.jsonl/.csv file")
    status = 201 if report.stored else 200
    return JSONResponse(msgspec.json.decode(body.model_dump_json()), status_code=status)


def api_router() -> APIRouter:
    router = APIRouter(prefix="/api")

    @router.get("/stories", response_model=schemas.StoryPage, summary="List stories")
    def list_stories(store: StoreDep, *, since: Since = None, until: Until = None,
                     outlet: Annotated[str | None, Query(description="Only this outlet's stories.")] = None,
                     entity: Annotated[str | None, Query(description="Only stories naming it.")] = None,
                     q: Annotated[str | None, Query(description="Words in the stories' articles.")] = None,
                     limit: Limit = 20, offset: Offset = 0) -> schemas.StoryPage:
        query = _story_query(since=since, until=until, outlet=outlet, entity=entity, q=q, limit=limit,
                             offset=offset)
        found = catalog.find_stories(store, query)
        return schemas.StoryPage(items=[schemas.story_out(s) for s in found.stories], total=found.total,
                                 limit=found.limit, offset=found.offset, next=found.next_offset)

    @router.get("/stories/{story_id}", response_model=schemas.StoryDetail,
                summary="One story and its account")
    def get_story(story_id: str, store: StoreDep,
                  words: Annotated[int, Query(ge=10, le=2000, description="Summary length in words.")] = 120,
                  ) -> schemas.StoryDetail:
        story = catalog.resolve_story(store, story_id)
        account = catalog.story_account(store, story, catalog.story_articles(store, story), max_words=words)
        return schemas.StoryDetail(story=schemas.story_out(story), account=schemas.account_out(account))

    @router.get("/stories/{story_id}/articles", response_model=list[schemas.ArticleOut],
                summary="A story's articles")
    def get_story_articles(story_id: str, store: StoreDep) -> list[schemas.ArticleOut]:
        story = catalog.resolve_story(store, story_id)
        return [schemas.article_out(a) for a in catalog.story_articles(store, story)]

    @router.get("/articles", response_model=schemas.ArticlePage, summary="List articles")
    def list_articles(store: StoreDep, *, since: Since = None, until: Until = None,
                      outlet: Annotated[str | None, Query(description="Only this outlet.")] = None,
                      language: Annotated[str | None, Query(description="Only this language code.")] = None,
                      q: Annotated[str | None, Query(description="Words in the title or body.")] = None,
                      story: Annotated[str | None, Query(description="Only this story's articles.")] = None,
                      limit: Limit = 20, offset: Offset = 0) -> schemas.ArticlePage:
        story_id = catalog.resolve_story(store, story).id if story else None
        where = ArticleFilter(outlet=outlet or None, language=language or None,
                              since=parse_time(since, "since"), until=parse_time(until, "until", is_end=True),
                              text=q or None, story_id=story_id, limit=limit + 1, offset=offset)
        found = catalog.list_articles(store, where)
        return schemas.ArticlePage(items=[schemas.article_summary_out(a) for a in found[:limit]], limit=limit,
                                   offset=offset, next=offset + limit if len(found) > limit else None)

    @router.get("/articles/{article_id}", response_model=schemas.ArticleOut, summary="One article")
    def get_article(article_id: str, store: StoreDep) -> schemas.ArticleOut:
        return schemas.article_out(catalog.resolve_article(store, article_id))

    @router.post("/articles", response_model=schemas.IngestReportOut, status_code=201,
                 summary="Ingest articles (JSON or files)", openapi_extra=_INGEST_BODY,
                 dependencies=[Depends(require_writer)],
                 responses={200: {"description": "Every article was already stored."},
                            401: {"description": "A token is needed."},
                            415: {"description": "Neither JSON nor a form."},
                            422: {"description": "Nothing could be stored; the rejections are named."}})
    async def post_articles(request: Request) -> JSONResponse:
        settings: Settings = request.app.state.settings
        options = ReadOptions(max_bytes=settings.max_input_bytes)
        documents = await _posted_documents(request, options)
        store: Store = request.app.state.store
        lock: threading.Lock = request.app.state.write_lock

        def run() -> tuple[RunReport, int]:
            with lock:
                report = ingest_documents(documents, store, settings)
                stories = update_stories(store).stories if report.stored else store.count_stories()
            return report, stories

        report, stories = await run_in_threadpool(run)
        return _ingest_response(report, stories)

    @router.get("/compare", response_model=schemas.ComparisonOut, summary="Compare two articles")
    def compare(store: StoreDep, a: Annotated[str, Query(description="First article id (or prefix).")],
                b: Annotated[str, Query(description="Second article id (or prefix).")],
                ) -> schemas.ComparisonOut:
        from storylens.cluster import compare_articles  # noqa: PLC0415  (heavy: loaded when first asked)

        first, second = catalog.resolve_article(store, a), catalog.resolve_article(store, b)
        return schemas.comparison_out(compare_articles(first, second))

    @router.get("/stats", response_model=schemas.StatsOut, summary="What the store holds")
    def stats(store: StoreDep) -> schemas.StatsOut:
        return schemas.stats_out(store.stats())

    return router


def create_app(settings: Settings, *, token: str | None = None) -> FastAPI:
    """The API and web reader over the store at `settings.db_path`.

    Args:
        settings: where the store is, and ingest limits.
        token: when given, every write must send `Authorization: Bearer <token>`.

    Returns:
        An ASGI app that opens its own store at start-up and closes it at shutdown.
    """
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.store = open_store(settings.db_path)
        try:
            yield
        finally:
            app.state.store.close()

    app = FastAPI(title="storylens", summary="Stories from many outlets' reports of the news.",
                  version="1", docs_url="/api/docs", redoc_url=None, openapi_url="/api/openapi.json",
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.token = token or None
    app.state.write_lock = threading.Lock()
    install_error_handlers(app)

    @app.get("/healthz", response_model=schemas.HealthOut, summary="Liveness", tags=["health"])
    def healthz(store: StoreDep) -> schemas.HealthOut:
        store.count_articles()
        return schemas.HealthOut(status="ok")

    app.include_router(api_router(), tags=["api"])
    mount_reader(app)
    return app
