"""Every failure leaves the API as a small JSON body ``{"error": "..."}`` with a 4xx status;
a 500 only for a bug, and then without internals."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from smishguard.api.schemas import NO_NUL
from smishguard.errors import (
    Conflict,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PolicyError,
    SmishguardError,
    StoreError,
    Unauthenticated,
)

log = logging.getLogger("smishguard.api")

STATUS = (
    (Unauthenticated, 401),
    (PermissionDenied, 403),
    (NotFound, 404),
    (Conflict, 409),
    (InvalidInput, 422),
    (PolicyError, 422),
    (StoreError, 503),
)


def status_of(exc: SmishguardError) -> int:
    for kind, status in STATUS:
        if isinstance(exc, kind):
            return status
    return 400


def error_response(status: int, message: str) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SmishguardError)
    async def smishguard_error(_request: Request, exc: SmishguardError) -> JSONResponse:
        return error_response(status_of(exc), str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, describe_validation(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request refused"
        response = error_response(exc.status_code, message)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, "internal error; it has been logged")


def describe_validation(exc: RequestValidationError) -> str:
    """One readable sentence from pydantic's list of problems."""
    problems = []
    for error in exc.errors()[:3]:
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
        message = str(error.get("msg", "invalid"))
        if error.get("type") == "json_invalid":
            return "the body is not valid JSON"
        if error.get("ctx", {}).get("pattern") == NO_NUL:
            message = "must not contain NUL characters"
        problems.append(f"{where}: {message}" if where else message)
    more = len(exc.errors()) - len(problems)
    suffix = f" (and {more} more)" if more > 0 else ""
    return "invalid request: " + "; ".join(problems) + suffix
