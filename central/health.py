"""GET /healthz (the process answers), /readyz (database reachable, schema at the head) and
/metrics (Prometheus). /readyz answers 503 while not ready so a load balancer skips this worker."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from central import metrics
from central.store import HEAD, Store, current_version


def health_router(store: Store, waiting: Callable[[], dict[str, int]]) -> APIRouter:
    router = APIRouter(tags=["system"])

    @router.get("/healthz")
    def healthz() -> dict[str, str]:
        """Alive: the process answers HTTP (says nothing about the database)."""
        return {"status": "ok"}

    @router.get("/readyz", responses={503: {"description": "Database unreachable or schema not current"}})
    def readyz() -> JSONResponse:
        """Ready: the database answers and its schema is at the version this code expects."""
        try:
            with store.read() as conn:
                version = current_version(conn)
        except Exception:
            return JSONResponse(
                {"status": "unavailable", "engine": store.dialect, "detail": "database unreachable"}, status_code=503
            )
        body = {"engine": store.dialect, "schema_version": version, "schema_head": HEAD}
        if version != HEAD:
            return JSONResponse(
                {"status": "migrations_pending", **body, "detail": "run `main.py central migrate`"}, status_code=503
            )
        return JSONResponse({"status": "ready", **body})

    @router.get("/metrics", include_in_schema=False)
    def prometheus() -> Response:
        return Response(metrics.render(waiting, store.pool_stats), media_type="text/plain; version=0.0.4")

    return router
