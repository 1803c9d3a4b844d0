"""HTTP side of the survey: take a rating (kiosk or phone), say whether a ticket may be rated,
and the supervisor's IKM report (JSON, CSV, XLSX, printable HTML)."""

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.counters.staff import StaffDirectory, StaffMember
from central.errors import ApiProblem
from central.sites import Sites
from central.survey.ratings import RatingBook
from central.survey.report import IkmReport, build_report, to_csv, to_html, to_xlsx
from central.terminals import TerminalPrincipal
from kiosk.contract import ApiError
from kiosk.contract.survey import (
    TICKET_ID_PATTERN,
    TICKET_NUMBER_PATTERN,
    RatingReceipt,
    RatingRequest,
    RatingStatus,
)

PHONE_SCRIPT = Path(__file__).resolve().parent / "static" / "survey.js"
MAX_PERIOD_DAYS = 400  # a year's report and a little: bounds the rows one request reads
_bearer = HTTPBearer(auto_error=False, scheme_name="TerminalOrStaff", description="Terminal token or staff session")
_E = {"model": ApiError}
_FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
}


def survey_router(
    book: RatingBook,
    staff_dir: StaffDirectory,
    sites: Sites,
    authenticate_terminal: Callable[[str | None, str | None, str], TerminalPrincipal],
    clock: Callable[[], datetime],
) -> APIRouter:
    router = APIRouter(tags=["survey"])

    def creds_token(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str | None:
        return creds.credentials if creds is not None else None

    def maybe_terminal(
        request: Request,
        token: Annotated[str | None, Depends(creds_token)],
        x_terminal_id: Annotated[str | None, Header(description="The kiosk's terminal id (kiosks only)")] = None,
    ) -> TerminalPrincipal | None:
        # The phone page sends neither: the ticket's id is its proof. Anything sent is checked.
        if token is None and x_terminal_id is None:
            return None
        client = request.client.host if request.client else ""
        return authenticate_terminal(x_terminal_id, token, client)

    def supervisor(token: Annotated[str | None, Depends(creds_token)]) -> StaffMember:
        me = staff_dir.authenticate(token)
        if me.role != "supervisor":
            raise ApiProblem(403, "supervisor_only", "the IKM report is for supervisors")
        return me

    @router.post(
        "/v1/ratings",
        response_model=RatingReceipt,
        status_code=201,
        responses={401: _E, 404: _E, 409: _E, 422: _E, 503: _E},
    )
    def rate(
        body: RatingRequest,
        who: Annotated[TerminalPrincipal | None, Depends(maybe_terminal)],
        idempotency_key: Annotated[
            str | None,
            Header(
                description="Kiosks: a UUID per rating; a replay after a lost answer gets the same answer",
                max_length=128,
            ),
        ] = None,
    ) -> RatingReceipt:
        """The citizen's rating of a served ticket (SKM, PermenPANRB 14/2017): nine elements 1..4,
        optional respondent bands and suggestion. Once per ticket: again -> 409 ``already_rated``;
        not served yet -> 409 ``not_served``. Without a terminal token the ticket must be named by
        ``ticket_id`` (the phone page); by ``ticket_number`` (today's) only with one."""
        if who is None:
            return book.rate(body, "phone", None, idempotency_key)
        return book.rate(body, "kiosk", who.id, idempotency_key, site=who.site)

    @router.get("/v1/ratings/{ticket}", response_model=RatingStatus, responses={401: _E, 404: _E, 422: _E, 503: _E})
    def rating_status(
        ticket: Annotated[
            str,
            PathParam(
                # Both alternatives anchored: "^id|number$" let "a-b-A-001" through to a crash (500).
                pattern=f"^(?:{TICKET_ID_PATTERN[1:-1]}|{TICKET_NUMBER_PATTERN[1:-1]})$",
                description="Ticket UUID, or today's number (terminals only)",
            ),
        ],
        who: Annotated[TerminalPrincipal | None, Depends(maybe_terminal)],
    ) -> RatingStatus:
        """Whether the ticket was served and already rated: the kiosk asks before its questions,
        the phone page before it shows the survey."""
        if "-" in ticket and len(ticket) < 36:
            if who is None:
                raise ApiProblem(401, "terminal_auth_required", "only a terminal may name a ticket by its number")
            return book.status(number=ticket, site=who.site)
        return book.status(ticket_id=ticket, site=who.site if who else None)

    @router.get(
        "/v1/reports/ikm",
        response_model=IkmReport,
        responses={
            200: {"content": {t: {} for t in _FORMATS.values()}},
            401: _E,
            403: _E,
            422: _E,
            503: _E,
        },
    )
    def ikm_report(
        me: Annotated[StaffMember, Depends(supervisor)],
        first: Annotated[date, Query(alias="from", description="First business day (site time zone)")],
        last: Annotated[date, Query(alias="to", description="Last business day, inclusive")],
        format: Literal["json", "csv", "xlsx", "html"] = "json",
        lang: Literal["id", "en"] = "id",
    ) -> Any:
        """IKM per service, per agency and for the hall over the period, with respondents and the
        lowest-scoring elements (supervisors). ``format``: json, csv, xlsx or html (printable)."""
        if last < first:
            raise ApiProblem(422, "bad_period", "the period ends before it starts")
        if (last - first).days >= MAX_PERIOD_DAYS:
            raise ApiProblem(422, "bad_period", f"a report covers at most {MAX_PERIOD_DAYS} days")
        site = me.site  # the supervisor's own hall
        if site not in sites:
            raise ApiProblem(404, "unknown_site", "this central does not serve the account's site")
        hall = sites.get(site)
        report = build_report(hall.file, site, first, last, book.between(site, first, last), clock(), lang)
        if format == "json":
            return report
        name = f"ikm-{site}-{first}-{last}"
        if format == "csv":
            return Response(
                to_csv(report, lang),
                media_type=_FORMATS["csv"],
                headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
            )
        if format == "xlsx":
            return Response(
                to_xlsx(report, lang),
                media_type=_FORMATS["xlsx"],
                headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'},
            )
        return HTMLResponse(
            to_html(report, lang), headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"}
        )

    @router.get("/survey/survey.js", include_in_schema=False)
    def phone_script() -> FileResponse:
        return FileResponse(PHONE_SCRIPT, media_type="text/javascript", headers={"Cache-Control": "no-cache"})

    return router
