"""Errors the central's domain code raises, and how the app turns every failure into an ApiError.

Rule (issue 12, defect 4): an error answer never echoes unbounded input. Messages are clipped,
validation locations are shortened, and a failure to build an error answer cannot itself turn
into a 500.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.contract import ApiError

log = logging.getLogger(__name__)

MAX_MESSAGE = 300
"""Longest ApiError message the central sends (the contract allows 2000)."""
_MAX_LOC_PART = 40


def clip(text: str, limit: int = MAX_MESSAGE) -> str:
    """``text`` cut to ``limit`` characters, marked with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ApiProblem(Exception):
    """An HTTP status + stable ApiError code + message for technicians (clipped: a message may
    name an id the client sent)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(clip(message))
        self.status = status
        self.code = code
        self.message = clip(message)


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    body = ApiError(code=clip(code, 64), message=clip(message)).model_dump()
    return JSONResponse(body, status_code=status, headers=headers)


def unavailable_response() -> JSONResponse:
    """The contract's 503 when the database is busy or unreachable: the kiosk retries (its calls
    are idempotent) or goes offline."""
    return error_response(
        503, "unavailable", "the central's database is busy or unreachable; retry later", headers={"Retry-After": "1"}
    )


def validation_message(exc: RequestValidationError) -> str:
    """Where and what, e.g. "body.devices.printer.state: Input should be 'ok', ...": each location
    part is shortened (a dict key is client input) and the input itself is never included."""
    errs = exc.errors()
    first = errs[0] if errs else {}
    loc = ".".join(clip(str(p), _MAX_LOC_PART) for p in first.get("loc", ()))
    more = f" (+{len(errs) - 1} more)" if len(errs) > 1 else ""
    return f"{loc}: {first.get('msg', 'invalid request')}{more}"


def _missing_header(exc: RequestValidationError, name: str) -> bool:
    return any(e.get("type") == "missing" and tuple(e.get("loc", ())) == ("header", name) for e in exc.errors())


def install_error_handlers(app: FastAPI) -> None:
    """Every non-2xx answer is an ApiError body; 405 keeps its Allow header."""

    @app.exception_handler(ApiProblem)
    async def _problem(_: Request, exc: ApiProblem) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        if _missing_header(exc, "idempotency-key"):
            return error_response(
                400, "idempotency_key_required", f"{request.method} {request.url.path} needs an Idempotency-Key header"
            )
        return error_response(422, "invalid_request", validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}.get(
            exc.status_code, f"http_{exc.status_code}"
        )
        return error_response(exc.status_code, code, str(exc.detail), headers=exc.headers)

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error: %s", type(exc).__name__, exc_info=exc)
        return error_response(500, "internal_error", "internal error in the central service")


COMMON_ERRORS: dict[str, str] = {
    "400": "Missing Idempotency-Key header, or a body that cannot be read (bad_request)",
    "413": "Request body larger than the central accepts (body_too_large)",
    "414": "Request path and query longer than the central accepts (uri_too_long)",
    "422": "Request does not match the contract (invalid_request)",
    # central/store: the database is busy or unreachable (pool exhausted, connection lost).
    "503": "The central cannot serve this now; retry after Retry-After seconds (unavailable)",
}


def document_common_errors(app: FastAPI) -> None:
    """Add the answers every /v1 operation can give (limits, unreadable bodies) to the OpenAPI
    document, so the published contract lists every status the server sends."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = build()
        ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ApiError"}}}}
        for path, item in schema.get("paths", {}).items():
            if not path.startswith("/v1/"):
                continue
            for op in item.values():
                responses = op.setdefault("responses", {})
                for status, description in COMMON_ERRORS.items():
                    responses.setdefault(status, {"description": description, **ref})
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
