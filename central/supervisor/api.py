"""HTTP of the supervisor (issue 15): kiosks' help requests (terminal token), their staff side
(any staff session), and the supervisor's view of the hall, alerts and daily recap (supervisor role).
"""

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Response
from fastapi.responses import HTMLResponse

from central.counters.staff import StaffDirectory, StaffMember, staff_auth
from central.errors import ApiProblem
from central.fleet import site_kiosks
from central.limits import IDEMPOTENCY_KEY
from central.reports.daily import read_facts, recap
from central.reports.export import to_csv, to_xlsx
from central.sites import SiteConfig, Sites
from central.store import Store, to_us
from central.supervisor.alerts import AlertDesk
from central.supervisor.help import HelpDesk, HelpRequest
from central.supervisor.overview import hall_today
from central.terminals import TerminalPrincipal
from kiosk.contract import ApiError
from kiosk.contract.help import HelpRequestCreate, HelpRequestView

STATIC = Path(__file__).resolve().parent / "static"
PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'"
_TERMINAL_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ApiError, "description": "Missing or wrong terminal token"},
    404: {"model": ApiError, "description": "No such help request for this terminal"},
    422: {"model": ApiError, "description": "Request does not match the contract"},
    503: {"model": ApiError, "description": "Central temporarily unavailable (retry later)"},
}
_STAFF_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ApiError, "description": "Missing, unknown or expired staff session"},
    403: {"model": ApiError, "description": "Supervisors only"},
    404: {"model": ApiError, "description": "No such help request"},
    409: {"model": ApiError, "description": "The kiosk's session ended"},
    422: {"model": ApiError, "description": "Request does not match the contract"},
}
HelpId = Annotated[str, Query(max_length=64)]


def _kiosk_view(r: HelpRequest) -> HelpRequestView:
    return HelpRequestView(
        id=r.id,
        state=r.state,  # type: ignore[arg-type]
        step=r.step,
        created_at=r.created_at,
        acknowledged_at=r.acknowledged_at,
        acknowledged_by=r.acknowledged_name,
    )


def supervisor_router(
    db: Store,
    sites: Sites,
    clock: Callable[[], datetime],
    staff_dir: StaffDirectory,
    help_desk: HelpDesk,
    alerts: AlertDesk,
    terminal: Any,
) -> APIRouter:
    """Every site's: a kiosk acts on its own site's requests, a staff member sees the account's site."""
    router = APIRouter()

    def hall(me: StaffMember) -> SiteConfig:
        try:
            return sites.get(me.site)
        except KeyError:  # an account of a site this central no longer serves
            raise ApiProblem(404, "unknown_site", "this central does not serve the account's site") from None

    staff = staff_auth(staff_dir)

    def supervisor(me: Annotated[StaffMember, Depends(staff)]) -> StaffMember:
        if me.role != "supervisor":
            raise ApiProblem(403, "supervisor_only", "this view is for supervisors")
        return me

    Staff = Annotated[StaffMember, Depends(staff)]
    Supervisor = Annotated[StaffMember, Depends(supervisor)]
    Terminal = Annotated[TerminalPrincipal, Depends(terminal)]

    # ---- the kiosk's side (in docs/openapi.json: the kiosks' contract) -----------------------
    @router.post("/v1/help-requests", response_model=HelpRequestView, tags=["help"], responses=_TERMINAL_ERRORS)
    def raise_help(
        body: HelpRequestCreate,
        who: Terminal,
        idempotency_key: Annotated[
            str,
            Header(
                description="One key per citizen session: the same key answers the same request; a new key "
                "closes the terminal's older requests",
                **IDEMPOTENCY_KEY,
            ),
        ],
    ) -> HelpRequestView:
        """ "Call staff" at the kiosk: counters and the supervisor see where and at which step. No
        personal data travels (only the step)."""
        return _kiosk_view(help_desk.raise_request(who.site, who.id, idempotency_key, body.step))

    @router.get(
        "/v1/help-requests/{request_id}", response_model=HelpRequestView, tags=["help"], responses=_TERMINAL_ERRORS
    )
    def get_help(request_id: str, who: Terminal) -> HelpRequestView:
        """The request's state; once acknowledged, the name of the staff member who is coming."""
        return _kiosk_view(help_desk.for_terminal(who.site, who.id, request_id[:64]))

    @router.post(
        "/v1/help-requests/{request_id}/cancel",
        response_model=HelpRequestView,
        tags=["help"],
        responses=_TERMINAL_ERRORS,
    )
    def cancel_help(request_id: str, who: Terminal) -> HelpRequestView:
        """The citizen's session ended: nobody waits any more. Idempotent."""
        return _kiosk_view(help_desk.cancel(who.site, who.id, request_id[:64]))

    # ---- staff -------------------------------------------------------------------------------
    @router.get("/v1/supervisor/help-requests", tags=["supervisor"], responses=_STAFF_ERRORS)
    def list_help(me: Staff) -> dict[str, Any]:
        """Open help requests of the account's site, and those acknowledged in the last 30 minutes (any staff)."""
        site = hall(me)
        return {
            "help_requests": [r.staff_view() for r in help_desk.active(site.id)],
            "timezone": site.catalog.site.timezone,
        }

    @router.post("/v1/supervisor/help-requests/{request_id}/acknowledge", tags=["supervisor"], responses=_STAFF_ERRORS)
    def acknowledge_help(request_id: str, me: Staff) -> dict[str, Any]:
        """ "I am coming": the kiosk shows the staff member's name. The first acknowledgement stands."""
        return help_desk.acknowledge(request_id[:64], me).staff_view()

    @router.get("/v1/supervisor/alerts", tags=["supervisor"], responses=_STAFF_ERRORS)
    def list_alerts(me: Staff) -> dict[str, Any]:
        """Active kiosk alerts of the account's site, then those cleared in the last two hours."""
        return {"alerts": alerts.listing(hall(me).id)}

    @router.get("/v1/supervisor/overview", tags=["supervisor"], responses=_STAFF_ERRORS)
    def overview(me: Supervisor) -> dict[str, Any]:
        """The hall today: per service waiting / at a counter / served / no-show, the longest wait
        now, counters, alerts, help requests and the kiosks' last heartbeats; then follow
        ``/v1/live`` for changes."""
        now = clock()
        site = hall(me)
        day = now.astimezone(site.tz).date().isoformat()
        today = db.run_read(lambda conn: hall_today(conn, site.file, day, to_us(now)))
        return {
            **today,
            "alerts": alerts.listing(site.id),
            "kiosks": site_kiosks(db, alerts.site_of, site.id, now),
            "help_requests": [r.staff_view() for r in help_desk.active(site.id)],
        }

    @router.get(
        "/v1/reports/daily",
        tags=["supervisor"],
        responses={
            **_STAFF_ERRORS,
            200: {
                "content": {
                    "application/json": {},
                    "text/csv": {},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {},
                },
                "description": "The recap as JSON, CSV or XLSX",
            },
        },
    )
    def daily_report(
        me: Supervisor,
        date_: Annotated[date | None, Query(alias="date", description="The business day (site time); today")] = None,
        format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
    ) -> Response:
        """The daily recap of the site: tickets taken, served, no-shows, median and p90 wait, median
        service time; per service and per hour taken (docs/central.md says how each is counted)."""
        site = hall(me)
        service_names = {s.id: s.name.id for s in site.catalog.services}
        day = date_ or clock().astimezone(site.tz).date()
        report = recap(site.id, day, read_facts(db, site.id, day, site.tz, set(service_names)), service_names)
        name = f"rekap-{site.id}-{day.isoformat()}"
        if format == "csv":
            return Response(
                to_csv(report).encode("utf-8-sig"),  # the BOM: Excel opens UTF-8 CSV right with it
                media_type="text/csv; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
            )
        if format == "xlsx":
            return Response(
                to_xlsx(report),
                media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
            )
        import json

        return Response(json.dumps(report.as_dict()), media_type="application/json")

    # ---- the page ------------------------------------------------------------------------------
    def asset(name: str, media: str) -> Callable[[], Response]:
        body = (STATIC / name).read_bytes()

        def serve() -> Response:
            return Response(body, media_type=media, headers={"Cache-Control": "no-cache"})

        return serve

    for name, media in (
        ("supervisor.js", "text/javascript"),
        ("help.js", "text/javascript"),
        ("supervisor.css", "text/css"),
        ("help.css", "text/css"),
    ):
        router.get(f"/supervisor/{name}", include_in_schema=False)(asset(name, media))

    page = (STATIC / "supervisor.html").read_text(encoding="utf-8")

    @router.get("/supervisor", response_class=HTMLResponse, include_in_schema=False)
    def supervisor_page() -> HTMLResponse:
        """The supervisor view (sign in as a supervisor); one static page, no CDN."""
        return HTMLResponse(page, headers={"Cache-Control": "no-cache", "Content-Security-Policy": PAGE_CSP})

    return router
