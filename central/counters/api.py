"""HTTP endpoints of the counters: staff sign-in, counters, and the actions on called tickets.

Every endpoint but login takes a staff session (``Authorization: Bearer <session token>``), never a
terminal token: a kiosk cannot call tickets, and a counter cannot reserve them.
"""

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Response
from fastapi.responses import HTMLResponse
from pydantic import BaseModel, ConfigDict, Field

from central.counters.desk import CallDesk, CounterRow
from central.counters.staff import MAX_PASSWORD, StaffDirectory, StaffMember, bearer_token, staff_auth
from central.domain import CounterAction, QueueTicket, TicketAction
from kiosk.contract import ApiError

COUNTER_PAGE = Path(__file__).resolve().parent / "static" / "counter.html"
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ApiError, "description": "Missing, unknown or expired staff session"},
    403: {"model": ApiError, "description": "Not signed in to this counter"},
    404: {"model": ApiError, "description": "No such counter or ticket"},
    409: {"model": ApiError, "description": "Not allowed in the ticket's or counter's current state"},
    422: {"model": ApiError, "description": "Request does not match the contract"},
    503: {"model": ApiError, "description": "Central temporarily unavailable (retry later)"},
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StaffLogin(_Strict):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)
    site: str | None = Field(default=None, max_length=64)
    """The hall of the account; only needed when one username exists at several sites with one password."""


class StaffInfo(_Strict):
    username: str
    display_name: str
    role: Literal["counter_staff", "supervisor"]
    site: str
    """The hall the account belongs to."""


class StaffSession(_Strict):
    token: str
    """Send as ``Authorization: Bearer <token>``; only its hash is stored."""
    expires_at: datetime
    staff: StaffInfo


class CounterView(_Strict):
    id: str
    label: str
    """What the hall calls it ("5": "loket lima")."""
    zone: str
    services: list[str]
    """The services this counter may call for."""
    calling_for: list[str]
    """The services its staff picked at sign-in (all of ``services`` if none were picked)."""
    state: Literal["open", "paused", "closed"]
    signed_in: bool


class CounterSignIn(_Strict):
    services: list[Annotated[str, Field(max_length=64)]] | None = Field(default=None, max_length=50)
    """The services to call for now; omitted = all the counter serves."""


class TransferRequest(_Strict):
    service_id: str = Field(min_length=1, max_length=64)


class CalledTicket(_Strict):
    id: str
    number: str
    service_id: str
    state: Literal["waiting", "called", "serving", "done", "no_show"]
    counter_id: str | None
    counter_label: str | None
    announcements: int
    """How often it was announced at this call (the call and every recall)."""
    leg: int
    """0 for the first queue; each transfer adds one."""
    announcement: dict[str, str] | None
    """The caller's sentence per language ("id", "en") while the ticket is called."""


class CallNextAnswer(_Strict):
    ticket: CalledTicket | None
    """None: no one waits for this counter's services."""


def _counter_view(c: CounterRow) -> CounterView:
    return CounterView(
        id=c.counter.id,
        label=c.counter.label,
        zone=c.zone,
        services=list(c.all_services),
        calling_for=sorted(c.counter.services),
        state=c.counter.state.value,
        signed_in=c.staff_id is not None,
    )


def counters_router(desk: CallDesk, staff_dir: StaffDirectory) -> APIRouter:
    router = APIRouter(tags=["counters"])

    Staff = Annotated[StaffMember, Depends(staff_auth(staff_dir))]

    def called(ticket: QueueTicket, counter: CounterRow | None, site: str) -> CalledTicket:
        return CalledTicket(
            id=ticket.id,
            number=ticket.number,
            service_id=ticket.service_id,
            state=ticket.state.value,
            counter_id=ticket.counter_id,
            counter_label=counter.counter.label if counter and ticket.counter_id else None,
            announcements=ticket.announcements,
            leg=ticket.leg,
            announcement=desk.announcement(ticket, counter, site),
        )

    @router.post(
        "/v1/staff/login",
        response_model=StaffSession,
        responses={
            401: _ERRORS[401],
            422: _ERRORS[422],
            429: {"model": ApiError, "description": "Too many wrong passwords for this account; wait"},
        },
    )
    def staff_login(body: StaffLogin) -> StaffSession:
        """Username and password -> a session token that expires (a working day). After 5 wrong
        passwords in a row the account waits 30 s, doubling with each further one (at most 15 min)."""
        session = staff_dir.login(body.username, body.password, body.site)
        s = session.staff
        return StaffSession(
            token=session.token,
            expires_at=session.expires_at,
            staff=StaffInfo(username=s.username, display_name=s.display_name, role=s.role, site=s.site),
        )

    @router.post("/v1/staff/logout", status_code=204, responses={401: _ERRORS[401]})
    def staff_logout(_: Staff, raw: Annotated[str | None, Depends(bearer_token)]) -> Response:
        staff_dir.logout(raw or "")
        return Response(status_code=204)

    @router.get("/v1/staff/me", response_model=StaffInfo, responses={401: _ERRORS[401]})
    def staff_me(me: Staff) -> StaffInfo:
        return StaffInfo(username=me.username, display_name=me.display_name, role=me.role, site=me.site)

    @router.get("/v1/counters", response_model=list[CounterView], responses={401: _ERRORS[401]})
    def list_counters(me: Staff) -> list[CounterView]:
        """The counters of the staff member's site."""
        return [_counter_view(c) for c in desk.counters(me.site)]

    @router.post("/v1/counters/{counter_id}/sign-in", response_model=CounterView, responses=_ERRORS)
    def counter_sign_in(counter_id: str, me: Staff, body: CounterSignIn | None = None) -> CounterView:
        """Take the counter (it opens) and pick the services to call for."""
        return _counter_view(desk.sign_in(counter_id[:64], me, body.services if body else None))

    @router.post("/v1/counters/{counter_id}/sign-out", response_model=CounterView, responses=_ERRORS)
    def counter_sign_out(counter_id: str, me: Staff) -> CounterView:
        """Leave the counter (it closes)."""
        return _counter_view(desk.sign_out(counter_id[:64], me))

    @router.post("/v1/counters/{counter_id}/pause", response_model=CounterView, responses=_ERRORS)
    def counter_pause(counter_id: str, me: Staff) -> CounterView:
        """Stop calling (a break); the citizen at the counter stays."""
        return _counter_view(desk.pause_resume(counter_id[:64], me, CounterAction.PAUSE))

    @router.post("/v1/counters/{counter_id}/resume", response_model=CounterView, responses=_ERRORS)
    def counter_resume(counter_id: str, me: Staff) -> CounterView:
        return _counter_view(desk.pause_resume(counter_id[:64], me, CounterAction.RESUME))

    @router.post("/v1/counters/{counter_id}/call-next", response_model=CallNextAnswer, responses=_ERRORS)
    def counter_call_next(counter_id: str, me: Staff) -> CallNextAnswer:
        """Call the next ticket by the queue rules (appointments due, priority ratio, longest wait).
        Two counters calling at once never get the same ticket. 409 while the counter still has a
        called or serving ticket, or is paused or closed."""
        answer = desk.call_next(counter_id[:64], me)
        return CallNextAnswer(ticket=called(*answer, me.site) if answer else None)

    def ticket_action(action: TicketAction, path: str, doc: str) -> None:
        def endpoint(ticket_id: str, me: Staff) -> CalledTicket:
            return called(*desk.act(ticket_id, me, action), me.site)

        endpoint.__doc__ = doc
        router.post(
            path,
            response_model=CalledTicket,
            responses=_ERRORS,
            name=f"ticket_{action.value}",
            operation_id=f"ticket_{action.value}",
        )(endpoint)

    ticket_action(TicketAction.RECALL, "/v1/tickets/{ticket_id}/recall", "Announce the called ticket again.")
    ticket_action(TicketAction.SERVE, "/v1/tickets/{ticket_id}/serve", "The citizen arrived at the counter.")
    ticket_action(
        TicketAction.DONE, "/v1/tickets/{ticket_id}/done", "Service finished (from serving, or straight from called)."
    )
    ticket_action(
        TicketAction.NO_SHOW,
        "/v1/tickets/{ticket_id}/no-show",
        "The citizen did not come; within the site's no-show window they can be put back (restore).",
    )
    ticket_action(
        TicketAction.RESTORE,
        "/v1/tickets/{ticket_id}/restore",
        "A late citizen put back in the queue after a no-show, within the window (at their "
        "original time or the end, as the site's policy says); 409 after the window.",
    )

    @router.post("/v1/tickets/{ticket_id}/transfer", response_model=CalledTicket, responses=_ERRORS)
    def ticket_transfer(ticket_id: str, body: TransferRequest, me: Staff) -> CalledTicket:
        """Send a called or serving ticket to another service's queue; it keeps its number and, as
        the site's policy says, its original time or the end of that queue."""
        return called(*desk.act(ticket_id, me, TicketAction.TRANSFER, body.service_id), me.site)

    page = COUNTER_PAGE.read_text(encoding="utf-8")

    @router.get("/counter", response_class=HTMLResponse, include_in_schema=False)
    def counter_page() -> HTMLResponse:
        """The counter app: one static page (no CDN, no framework) over the endpoints above."""
        return HTMLResponse(
            page,
            headers={
                "Cache-Control": "no-cache",
                # 'self': the help requests' panel (/supervisor/help.js, help.css)
                "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline';"
                " style-src 'self' 'unsafe-inline'",
            },
        )

    return router
