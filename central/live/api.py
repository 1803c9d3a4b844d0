"""HTTP of the live hall: the event stream (SSE) for staff and for the public, its JSON polling
fallback, a phone's ticket view, and the pages /display and /t/{id}.

SSE lines: ``retry:`` once, then per event ``id: N`` and ``data: {json}``; a comment line every
HEARTBEAT_S keeps proxies and the browser from dropping a quiet stream. A client resumes with the
``Last-Event-ID`` header (EventSource sends it on reconnect) or ``?after=N``; without one, or when
N was pruned, the first event is a ``snapshot`` carrying the id to resume from.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.responses import HTMLResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.counters.staff import StaffDirectory, StaffMember
from central.errors import ApiProblem
from central.live import events
from central.live.feed import HEARTBEAT_S, POLL_S, LiveFeed

STATIC = Path(__file__).resolve().parent / "static"
_bearer = HTTPBearer(auto_error=False, scheme_name="StaffSession")
LIVE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'"
Zone = Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z0-9 ._-]*$")]
After = Annotated[int | None, Query(ge=0)]
SiteQ = Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9._-]*$")]


def _resume_from(after: int | None, last_event_id: str | None) -> int | None:
    if last_event_id is not None:
        text = last_event_id.strip()[:20]
        return int(text) if text.isdigit() else None
    return after


def live_router(feed: LiveFeed, staff_dir: StaffDirectory) -> APIRouter:
    # Not in docs/openapi.json (the kiosks' contract): displays, phones and staff pages use these;
    # docs/central.md describes them.
    router = APIRouter(tags=["live"], include_in_schema=False)

    def staff(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> StaffMember:
        return staff_dir.authenticate(creds.credentials if creds is not None else None)

    def public_site(site: SiteQ = None, zone: Zone = None) -> str:
        """A hall TV or phone names no account: the site is ?site=, else the zone's, else the default."""
        found = feed.site_for(site, zone)
        if found is None:
            raise ApiProblem(404, "unknown_site", "this central does not serve that site")
        return found

    def shape(public: bool) -> Callable[[dict[str, Any]], dict[str, Any]]:
        return events.public if public else (lambda e: e)

    async def stream(
        request: Request, site: str, zone: str | None, start: int | None, public: bool
    ) -> AsyncIterator[str]:
        view = shape(public)
        yield "retry: 2000\n\n"
        cursor = start
        quiet_since = time.monotonic()
        while not await request.is_disconnected():
            batch, cursor = await anyio.to_thread.run_sync(feed.batch, zone or None, cursor, site)
            for event in batch:
                yield f"id: {event['id']}\ndata: {json.dumps(view(event), separators=(',', ':'))}\n\n"
            if batch:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= HEARTBEAT_S:
                quiet_since = time.monotonic()
                yield ": heartbeat\n\n"
            if len(batch) < events.READ_LIMIT:
                await asyncio.sleep(POLL_S)

    def sse(request: Request, site: str, zone: str | None, start: int | None, public: bool) -> StreamingResponse:
        return StreamingResponse(
            stream(request, site, zone, start, public),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    @router.get("/v1/live")
    def live_staff(
        request: Request,
        zone: Zone = None,
        after: After = None,
        last_event_id: Annotated[str | None, Header()] = None,
        me: StaffMember = Depends(staff),  # a default, not Annotated: the module's annotations are strings
    ) -> StreamingResponse:
        """Server-sent events of the staff member's site for a zone (all zones without one), with ticket ids."""
        return sse(request, me.site, zone, _resume_from(after, last_event_id), public=False)

    @router.get("/v1/live/public")
    def live_public(
        request: Request,
        zone: Zone = None,
        after: After = None,
        last_event_id: Annotated[str | None, Header()] = None,
        site: str = Depends(public_site),
    ) -> StreamingResponse:
        """The same stream for hall TVs and phones: numbers, counters and counts only, no token."""
        return sse(request, site, zone, _resume_from(after, last_event_id), public=True)

    @router.get("/v1/live/events")
    def poll_staff(zone: Zone = None, after: After = None, me: StaffMember = Depends(staff)) -> dict[str, Any]:
        """The polling fallback: the events after ``after`` (a snapshot without it); ask again with
        ``after=next_after`` (it moves past other zones' events)."""
        found, next_after = feed.batch(zone or None, after, me.site)
        return {"events": found, "next_after": next_after}

    @router.get("/v1/live/public/events")
    def poll_public(zone: Zone = None, after: After = None, site: str = Depends(public_site)) -> dict[str, Any]:
        found, next_after = feed.batch(zone or None, after, site)
        return {"events": [events.public(e) for e in found], "next_after": next_after}

    @router.get("/v1/live/tickets/{ticket_id}")
    def ticket_view(ticket_id: str) -> dict[str, Any]:
        """A phone's ticket: place, wait, and the counter once called (no personal data)."""
        view = feed.ticket(ticket_id[:64])
        if view is None:
            raise ApiProblem(404, "ticket_not_found", "no ticket with this id")
        return view

    def asset(name: str, media: str) -> Callable[[], Response]:
        body = (STATIC / name).read_bytes()

        def serve() -> Response:
            return Response(body, media_type=media, headers={"Cache-Control": "no-cache"})

        return serve

    for name, media in (("display.js", "text/javascript"), ("phone.js", "text/javascript"), ("live.css", "text/css")):
        router.get(f"/live/{name}", include_in_schema=False)(asset(name, media))

    display_page = (STATIC / "display.html").read_text(encoding="utf-8")

    @router.get("/display", response_class=HTMLResponse, include_in_schema=False)
    def display() -> HTMLResponse:
        """The hall TV: open /display?zone=A full screen."""
        return HTMLResponse(display_page, headers={"Cache-Control": "no-cache", "Content-Security-Policy": LIVE_CSP})

    return router
