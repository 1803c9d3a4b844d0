"""HTTP of the live hall: the event stream (SSE) for staff and for the public, its JSON polling
fallback, a phone's ticket view, and the pages /display and /t/{id}.

SSE lines: ``retry:`` once, then per event ``id: N`` and ``data: {json}``; a comment line every
HEARTBEAT_S keeps proxies and the browser from dropping a quiet stream. A client resumes with the
``Last-Event-ID`` header (EventSource sends it on reconnect) or ``?after=N``; without one, or when
N was pruned, the first event is a ``snapshot`` carrying the id to resume from.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from central.counters.staff import StaffDirectory, StaffMember, staff_auth
from central.errors import ApiProblem
from central.live import events
from central.live.feed import LiveFeed
from central.live.hub import SiteHubs
from central.terminals import TerminalPrincipal

STATIC = Path(__file__).resolve().parent / "static"
LIVE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'"
Zone = Annotated[str | None, Query(max_length=32, pattern=r"^[A-Za-z0-9 ._-]*$")]
After = Annotated[int | None, Query(ge=0)]
SiteQ = Annotated[str | None, Query(max_length=64, pattern=r"^[A-Za-z0-9._-]*$")]


def _resume_from(after: int | None, last_event_id: str | None) -> int | None:
    if last_event_id is not None:
        text = last_event_id.strip()[:20]
        return int(text) if text.isdigit() else None
    return after


class _Encoded:
    """The SSE text of events as one view shows them ("" when it hides them), the last ``keep``
    remembered by id."""

    def __init__(self, view: Callable[[dict[str, Any]], dict[str, Any] | None], keep: int = 4096) -> None:
        self.view = view
        self.keep = keep
        self.texts: dict[int, str] = {}

    def __call__(self, event: dict[str, Any]) -> str:
        key = event["id"] if event["kind"] != "snapshot" else None  # a snapshot is per zone: not shared
        if key is not None and key in self.texts:
            return self.texts[key]
        shown = self.view(event)
        text = "" if shown is None else f"id: {event['id']}\ndata: {json.dumps(shown, separators=(',', ':'))}\n\n"
        if key is not None:
            if len(self.texts) >= self.keep:
                del self.texts[next(iter(self.texts))]  # the oldest (dicts keep insertion order)
            self.texts[key] = text
        return text


def live_router(
    feed: LiveFeed, hub: SiteHubs, staff_dir: StaffDirectory, terminal: Callable[..., Any] | None = None
) -> APIRouter:
    """``terminal``: the app's dependency that authenticates a kiosk and answers its principal
    (id and site)."""
    # Not in docs/openapi.json (the kiosks' contract): displays, phones and staff pages use these;
    # docs/central.md describes them.
    router = APIRouter(tags=["live"], include_in_schema=False)

    staff = staff_auth(staff_dir)

    def public_site(site: SiteQ = None, zone: Zone = None) -> str:
        """A hall TV or phone names no account: the site is ?site=, else the zone's, else the default."""
        found = feed.site_for(site, zone)
        if found is None:
            raise ApiProblem(404, "unknown_site", "this central does not serve that site")
        return found

    View = Callable[[dict[str, Any]], dict[str, Any] | None]
    # A thousand phones see the same public event: it is shaped and encoded once per view.
    shared = {events.for_public: _Encoded(events.for_public), events.for_staff: _Encoded(events.for_staff)}

    async def stream(site: str, zone: str | None, start: int | None, view: View) -> AsyncIterator[str]:
        # Ends when the client goes (Starlette cancels it) or the server stops (the hub ends it).
        # Event ids are one sequence over every site, so the shared encodings stay valid per id.
        encode = shared.get(view) or _Encoded(view, keep=64)
        yield "retry: 2000\n\n"
        async for batch in hub.follow(site, zone, start):
            if not batch:
                yield ": heartbeat\n\n"
            text = "".join(encode(event) for event in batch)
            if text:
                yield text

    def sse(site: str, zone: str | None, start: int | None, view: View) -> StreamingResponse:
        return StreamingResponse(
            stream(site, zone, start, view),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    def polled(site: str, zone: str | None, after: int | None, view: View) -> dict[str, Any]:
        found, next_after = feed.batch(zone, after, site)
        return {"events": [e for e in map(view, found) if e is not None], "next_after": next_after}

    @router.get("/v1/live")
    def live_staff(
        zone: Zone = None,
        after: After = None,
        last_event_id: Annotated[str | None, Header()] = None,
        me: StaffMember = Depends(staff),  # a default, not Annotated: the module's annotations are strings
    ) -> StreamingResponse:
        """Server-sent events of the staff member's site for a zone (all zones without one), with ticket ids."""
        return sse(me.site, zone or None, _resume_from(after, last_event_id), events.for_staff)

    @router.get("/v1/live/public")
    def live_public(
        zone: Zone = None,
        after: After = None,
        last_event_id: Annotated[str | None, Header()] = None,
        site: str = Depends(public_site),
    ) -> StreamingResponse:
        """The same stream for hall TVs and phones: numbers, counters and counts only, no token."""
        return sse(site, zone or None, _resume_from(after, last_event_id), events.for_public)

    if terminal is not None:

        @router.get("/v1/live/terminal")
        def live_terminal(
            after: After = None,
            last_event_id: Annotated[str | None, Header()] = None,
            me: TerminalPrincipal = Depends(terminal),  # a default, not an annotation: ``terminal`` is local
        ) -> StreamingResponse:
            """A kiosk's stream (its terminal token): its site's public queue events in every zone,
            for its queue figures, and the status changes of its own QRIS payments."""
            return sse(me.site, None, _resume_from(after, last_event_id), events.for_terminal(me.id))

    @router.get("/v1/live/events")
    def poll_staff(zone: Zone = None, after: After = None, me: StaffMember = Depends(staff)) -> dict[str, Any]:
        """The polling fallback: the events after ``after`` (a snapshot without it); ask again with
        ``after=next_after`` (it moves past other zones' events)."""
        return polled(me.site, zone or None, after, events.for_staff)

    @router.get("/v1/live/public/events")
    def poll_public(zone: Zone = None, after: After = None, site: str = Depends(public_site)) -> dict[str, Any]:
        return polled(site, zone or None, after, events.for_public)

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
