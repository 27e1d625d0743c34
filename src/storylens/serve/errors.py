"""The one JSON error shape of the HTTP API, made here and nowhere else.

Every failure answers `{"error": {"code": ..., "message": ..., "fix": ...}}`: our own errors keep their
code and fix, request validation failures become 422, anything unexpected a 500 that names no internals.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from storylens.errors import IngestError, NotFoundError, SchemaVersionError, StoreError, StorylensError

logger = logging.getLogger("storylens.serve")


class ApiError(StorylensError):
    """A request the API refuses: bad parameters or body."""

    code = "api.bad_request"
    status = 400


class InvalidParameterError(ApiError):
    code = "api.invalid"
    status = 422


class UnauthorizedError(ApiError):
    code = "api.unauthorized"
    status = 401


class PayloadTooLargeError(ApiError):
    code = "api.too_large"
    status = 413


_STATUS_BY_ERROR: tuple[tuple[type[StorylensError], int], ...] = (
    (NotFoundError, 404),
    (SchemaVersionError, 500),
    (StoreError, 503),
    (IngestError, 400),
)


def status_for(error: StorylensError) -> int:
    """The HTTP status an error of ours answers with."""
    if isinstance(error, ApiError):
        return error.status
    for kind, status in _STATUS_BY_ERROR:
        if isinstance(error, kind):
            return status
    return 400


def error_body(code: str, message: str, fix: str | None = None) -> dict[str, Any]:
    """The body of every error response."""
    return {"error": {"code": code, "message": message, "fix": fix}}


def error_response(code: str, message: str, status: int, fix: str | None = None, *,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message, fix), status_code=status, headers=headers)


def _describe_validation(error: RequestValidationError) -> str:
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part != "body") or "request"
        parts.append(f"{where}: {item.get('msg', 'invalid')}")
    return "; ".join(parts) or "the request is invalid"


def install_error_handlers(app: FastAPI) -> None:
    """Make every error on `app` answer in the one shape."""

    async def on_storylens_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StorylensError)
        message = f"{error.message} ({error.subject})" if error.subject else error.message
        headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, UnauthorizedError) else None
        return error_response(error.code, message, status_for(error), error.fix, headers=headers)

    async def on_validation_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        return error_response("api.invalid", _describe_validation(error), 422,
                              "check the parameters and body against /api/docs")

    async def on_http_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 404:
            return error_response("api.not_found", f"no route {request.url.path}", 404,
                                  "see /api/docs for the routes")
        if error.status_code == 405:
            return error_response("api.method", f"{request.method} is not allowed on {request.url.path}", 405,
                                  "see /api/docs for the methods each route takes")
        return error_response(f"http.{error.status_code}", str(error.detail), error.status_code)

    async def on_unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response("internal", "something went wrong on the server", 500,
                              "try again; if it persists, report it with the server log")

    app.add_exception_handler(StorylensError, on_storylens_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)
