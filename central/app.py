"""The reference central service: FastAPI app over central/store (SQLite or PostgreSQL), built on
the shared contract models.

For demos, training and tests; production points kiosks at its own central implementing the same
contract (docs/openapi.json). Every error answer is an ``ApiError`` body.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from central.bookings import BookingDesk, bookings_router
from central.counters import install as install_counters
from central.errors import (
    ApiProblem,
    document_common_errors,
    error_response,
    install_error_handlers,
    unavailable_response,
)
from central.faults import FaultInjector, FaultMiddleware, fault_router
from central.fleet import fleet_router
from central.health import health_router
from central.hot_lane import HotLane
from central.identities import IdentityDirectory
from central.leases import LeaseDesk, leases_router
from central.limits import IDEMPOTENCY_KEY, RequestLimitsMiddleware
from central.live import install as install_live
from central.live.api import LIVE_CSP
from central.metrics import MetricsMiddleware
from central.pages import render_receipt_page, render_ticket_page
from central.payments import PaymentDesk
from central.sites import Sites, load_sites
from central.store import Store, StoreUnavailable, migrate, open_store
from central.store.migrations import adopt_unsited_rows
from central.supervisor import install as install_supervisor
from central.survey import install as install_survey
from central.telemetry import Telemetry
from central.terminals import HotCaller, TerminalPrincipal, TerminalRegistry
from central.throttle import RateLimited
from central.tickets import AUTHENTICATED, TicketDesk
from kiosk.contract import (
    ApiError,
    Catalog,
    EnrolRequest,
    EnrolResponse,
    EventBatch,
    EventsAck,
    Heartbeat,
    HeartbeatAck,
    IdentityResolveRequest,
    Payment,
    PaymentCreateRequest,
    PaymentRefundRequest,
    QueuesResponse,
    ResolvedIdentity,
    ServerTime,
    Ticket,
    TicketConfirmRequest,
    TicketFailRequest,
    TicketReserveRequest,
)

log = logging.getLogger(__name__)
PAYMENT_SETTLE_EVERY_S = 1.0  # demo autopay and expiry announced within this of their time

API_VERSION = "1.0.0"
_RETRY_AFTER = {
    "Retry-After": {"description": "Seconds until this client may try again", "schema": {"type": "integer"}}
}
_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ApiError, "description": "Missing or wrong terminal token"},
    422: {"model": ApiError, "description": "Request does not match the contract"},
    429: {"model": ApiError, "description": "Too many failed attempts from this client", "headers": _RETRY_AFTER},
    503: {"model": ApiError, "description": "Central temporarily unavailable (retry later)"},
}
TicketId = Annotated[str, PathParam(max_length=64, description="Ticket UUID")]
PaymentId = Annotated[str, PathParam(max_length=64, description="Payment UUID")]
_bearer = HTTPBearer(auto_error=False, description="Terminal token from enrolment")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _client(request: Request) -> str:
    """The peer address rate limits are kept for (proxy headers are not trusted)."""
    return request.client.host if request.client else ""


_IdemKey = Annotated[
    str | None,
    Header(
        description="Client-generated UUID; repeating the request with it after a lost answer "
        "gets the same token again",
        max_length=128,
    ),
]


def create_app(
    db_path: "Path | str | Store",
    catalog_path: "Path | str | Sequence[Path | str] | Sites",
    terminals: Mapping[str, Any],
    public_url: str,
    faults_enabled: bool = False,
    reservation_ttl_s: int = 120,
    clock: Callable[[], datetime] | None = None,
    enrolment_codes: list[str] | None = None,
    payment_ttl_s: int = 300,
    payment_autopay_s: float | None = None,
    enforce_hours: bool = False,
    migrate_schema: bool = True,
    pool_max: int = 10,
    hot_pool_max: int = 4,
    faults_token: str | None = None,
) -> FastAPI:
    """Build the app. ``catalog_path``: one catalogue file per site served, the first being the
    default site (central.sites). ``terminals`` maps terminal id -> token (the default site) or
    {"token": ..., "site": ...} (only hashes are kept); ``enrolment_codes`` are one-time codes of
    the default site for POST /v1/terminals/enrol (None = every catalogue's [demo] enrolment_codes,
    each for its site). ``payment_autopay_s``: demo payments turn "paid" that many seconds
    after creation (None = only through POST /__faults__/payments/{id}/pay). ``enforce_hours``:
    refuse reservations outside a service's opening hours (off by default so demos run any time).
    ``db_path``: a SQLite file, a ``sqlite:///`` or ``postgresql://`` URL, or an open Store;
    ``migrate_schema``: bring the schema to the head first (off for workers of a multi-process
    central, whose supervisor migrated once before starting them).
    ``faults_token``: the bearer token the /__faults__ switches demand (needed with ``faults_enabled``)."""
    sites = catalog_path if isinstance(catalog_path, Sites) else load_sites(catalog_path)
    default_site = sites.default
    db = db_path if isinstance(db_path, Store) else open_store(db_path, pool_max=pool_max, hot_pool_max=hot_pool_max)
    if migrate_schema:
        migrate(db)
    adopt_unsited_rows(db, default_site.id)  # rows from before sites: the default site's
    clock = clock or _utc_now
    desk = TicketDesk(
        db,
        sites,
        reservation_ttl_s=reservation_ttl_s,
        public_url=public_url,
        clock=clock,
        enforce_hours=enforce_hours,
    )
    identities = IdentityDirectory(db, sites)
    telemetry = Telemetry(db, clock)
    payments = PaymentDesk(db, sites, ttl_s=payment_ttl_s, autopay_s=payment_autopay_s, clock=clock)
    registry = TerminalRegistry(
        db,
        terminals,
        {site.id: site.file.enrolment_codes for site in sites} if enrolment_codes is None else enrolment_codes,
        clock,
        site_id=default_site.id,
        sites=tuple(sites.ids),
    )

    async def settle_payments() -> None:
        failing = False  # said once when it starts failing and once when it works again, not every second
        while True:
            await asyncio.sleep(PAYMENT_SETTLE_EVERY_S)
            try:
                await run_in_threadpool(payments.settle_due)
            except Exception as exc:  # a database hiccup: the next turn tries again
                if not failing:
                    log.warning("settling due payments failed (%s); trying every second", type(exc).__name__)
                failing = True
            else:
                if failing:
                    log.info("settling due payments works again")
                failing = False

    @asynccontextmanager
    async def lifespan(_: FastAPI):  # type: ignore[no-untyped-def]
        if db.aio is not None:
            await db.aio.open()  # in the loop that serves requests: the hot calls run on it
        settler = asyncio.create_task(settle_payments(), name="payment-settler")
        yield
        settler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await settler
        if db.aio is not None:
            await db.aio.close()
        db.close()  # after uvicorn finished the requests in flight (graceful shutdown)

    app = FastAPI(
        lifespan=lifespan,
        title="Anjungan central API",
        version=API_VERSION,
        description="Contract between Anjungan kiosks and the central service: catalogue and queues, "
        "queue tickets (reserve -> confirm/fail, lapse), QRIS payments, identities, terminal "
        "enrolment, heartbeat and events. Authenticate with `Authorization: Bearer <token>` plus "
        "`X-Terminal-Id`. Every non-2xx answer carries an ApiError body.",
    )
    app.state.desk = desk
    app.state.sites = sites
    app.state.store = db

    def on_loop() -> bool:
        """The hot calls (authentication, reserve, confirm) run on the event loop where the engine
        has an asyncio pool open in it (PostgreSQL, central.store.postgres_async); else sync."""
        return db.aio is not None and db.aio.usable()

    # Added first, so inside the metrics and the request limits (central.hot_lane).
    app.add_middleware(HotLane, registry=registry, desk=desk, on_loop=on_loop, routes=lambda: app.routes)
    app.add_middleware(MetricsMiddleware, pool_stats=db.pool_stats)
    app.state.telemetry = telemetry
    app.include_router(fleet_router())  # the old /fleet address: to /supervisor

    async def terminal(
        request: Request,
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
        x_terminal_id: Annotated[str | None, Header(description="This kiosk's terminal id")] = None,
    ) -> TerminalPrincipal:
        token = creds.credentials if creds is not None else None
        if on_loop():
            return await registry.authenticate_async(x_terminal_id, token, _client(request))
        return await run_in_threadpool(registry.authenticate, x_terminal_id, token, _client(request))

    Terminal = Annotated[TerminalPrincipal, Depends(terminal)]

    async def hot_terminal(
        request: Request,
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
        x_terminal_id: Annotated[str | None, Header(description="This kiosk's terminal id")] = None,
    ) -> HotCaller:
        """``terminal`` for reserve and confirm. On the loop's pool, a terminal this process
        authenticated before with this very token is not asked again: the one statement of its
        call checks that the token is still live (HotCaller.guard), which halves the statements
        of a ticket."""
        token = creds.credentials if creds is not None else None
        if on_loop():
            known = registry.vouched(x_terminal_id, token)
            if known is not None:
                return known
            principal = await registry.authenticate_async(x_terminal_id, token, _client(request))
            return registry.vouch(principal, token or "")
        principal = await run_in_threadpool(registry.authenticate, x_terminal_id, token, _client(request))
        return HotCaller(principal, AUTHENTICATED, vouched=False)

    HotTerminal = Annotated[HotCaller, Depends(hot_terminal)]

    async def in_full(caller: HotCaller, request: Request) -> TerminalPrincipal:
        """A hot call its guarded statement did not settle goes the sync way, authenticated in
        full first when this request was not: a token revoked or rotated meanwhile gets its 401."""
        if not caller.vouched:
            return caller.principal
        registry.forget(caller.principal.id)
        creds = await _bearer(request)
        token = creds.credentials if creds is not None else None
        principal = await registry.authenticate_async(request.headers.get("x-terminal-id"), token, _client(request))
        registry.vouch(principal, token or "")  # still good (a refusal, a repeat): its next call is quick again
        return principal

    app.state.bookings = BookingDesk(db, sites, desk)
    app.include_router(bookings_router(app.state.bookings, Terminal))
    app.include_router(leases_router(LeaseDesk(db, sites, clock, desk.public_url), Terminal))

    install_error_handlers(app)
    document_common_errors(app)
    app.add_middleware(RequestLimitsMiddleware)

    async def _unavailable(_: Request, exc: Exception) -> JSONResponse:
        return unavailable_response()

    for unavailable in (StoreUnavailable, *db.unavailable_errors):
        app.add_exception_handler(unavailable, _unavailable)

    @app.exception_handler(RateLimited)
    async def _rate_limited(_: Request, exc: RateLimited) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, headers={"Retry-After": str(exc.retry_after_s)})

    @app.post(
        "/v1/terminals/enrol",
        response_model=EnrolResponse,
        tags=["terminals"],
        responses={403: {"model": ApiError}, 409: {"model": ApiError}, 422: {"model": ApiError}, 429: _ERRORS[429]},
    )
    def enrol_terminal(request: Request, body: EnrolRequest, idempotency_key: _IdemKey = None) -> EnrolResponse:
        """One-time code -> terminal token. A code works once, for the terminal id or site it was
        issued for, and never for a terminal that is enrolled (revoke it first; 409). Repeating the
        same request with the same Idempotency-Key within 10 minutes answers the same token again
        (the earlier answer was lost); other reuse -> 409. Failed attempts slow the client down (429)."""
        return registry.enrol(body, idempotency_key, _client(request))

    @app.post(
        "/v1/terminals/rotate",
        response_model=EnrolResponse,
        tags=["terminals"],
        responses={**_ERRORS, 400: {"model": ApiError}, 409: {"model": ApiError}},
    )
    def rotate_token(
        request: Request,
        creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
        idempotency_key: Annotated[
            str,
            Header(
                description="Client-generated UUID; a replay with the old token answers the same new token",
                **IDEMPOTENCY_KEY,
            ),
        ],
        x_terminal_id: Annotated[str | None, Header(description="This kiosk's terminal id")] = None,
    ) -> EnrolResponse:
        """Current token -> new token; the current one stops working at once. Repeating the call
        with the old token and the same Idempotency-Key within 10 minutes answers the same new token
        (the earlier answer was lost). Terminals configured statically -> 409."""
        token = creds.credentials if creds is not None else None
        return registry.rotate(x_terminal_id, token, idempotency_key, _client(request))

    @app.get("/v1/catalog", response_model=Catalog, responses=_ERRORS, tags=["catalogue"])
    def get_catalog(me: Terminal) -> Catalog:
        """The catalogue of the terminal's site."""
        return desk.site(me.site).catalog

    @app.get("/v1/queues", response_model=QueuesResponse, responses=_ERRORS, tags=["catalogue"])
    def get_queues(me: Terminal) -> QueuesResponse:
        """The queues of the terminal's site, today in the site's time zone."""
        return desk.queues(me.site)

    @app.post(
        "/v1/tickets",
        response_model=Ticket,
        tags=["tickets"],
        responses={**_ERRORS, 404: {"model": ApiError}, 409: {"model": ApiError}},
    )
    async def reserve_ticket(
        request: Request,
        body: TicketReserveRequest,
        caller: HotTerminal,
        idempotency_key: Annotated[
            str,
            Header(description="Client-generated UUID; a replay returns the same ticket", **IDEMPOTENCY_KEY),
        ],
    ) -> Ticket:
        """Reserve the next number of the terminal's site (numbered per site, prefix and the site's
        business day). Same key + same body -> same ticket; different body -> 409."""
        if on_loop():
            ticket = await desk.reserve_async(caller, idempotency_key, body)
            if ticket is not None:
                return ticket
        me = await in_full(caller, request)
        return await run_in_threadpool(desk.reserve, me.site, me.id, idempotency_key, body)

    @app.post(
        "/v1/tickets/{ticket_id}/confirm",
        response_model=Ticket,
        tags=["tickets"],
        responses={**_ERRORS, 403: {"model": ApiError}, 404: {"model": ApiError}, 409: {"model": ApiError}},
    )
    async def confirm_ticket(
        request: Request, ticket_id: TicketId, body: TicketConfirmRequest, caller: HotTerminal
    ) -> Ticket:
        """The ticket reached the citizen. Idempotent; after the reservation lapsed -> 409;
        another site's ticket -> 404."""
        if on_loop():
            ticket = await desk.confirm_async(caller, ticket_id, body.mode)
            if ticket is not None:
                return ticket
        me = await in_full(caller, request)
        return await run_in_threadpool(desk.confirm, me.site, me.id, ticket_id, body.mode)

    @app.post(
        "/v1/tickets/{ticket_id}/fail",
        response_model=Ticket,
        tags=["tickets"],
        responses={**_ERRORS, 403: {"model": ApiError}, 404: {"model": ApiError}, 409: {"model": ApiError}},
    )
    def fail_ticket(ticket_id: TicketId, body: TicketFailRequest, me: Terminal) -> Ticket:
        """The ticket never reached the citizen; its number is never called. Idempotent."""
        return desk.fail(me.site, me.id, ticket_id, body.reason)

    @app.get(
        "/v1/tickets/{ticket_id}",
        response_model=Ticket,
        tags=["tickets"],
        responses={**_ERRORS, 404: {"model": ApiError}},
    )
    def get_ticket(ticket_id: TicketId, me: Terminal) -> Ticket:
        """A ticket of the terminal's site (another site's -> 404)."""
        return desk.get(ticket_id, me.site)

    @app.post(
        "/v1/payments",
        response_model=Payment,
        tags=["payments"],
        responses={**_ERRORS, 404: {"model": ApiError}, 409: {"model": ApiError}},
    )
    def create_payment(
        body: PaymentCreateRequest,
        me: Terminal,
        idempotency_key: Annotated[
            str,
            Header(description="Client-generated UUID; a replay returns the same payment", **IDEMPOTENCY_KEY),
        ],
    ) -> Payment:
        """Dynamic QRIS for a service fee. Same key + same body -> same payment; amount must equal the fee."""
        return payments.create(me.site, me.id, idempotency_key, body)

    @app.get(
        "/v1/payments/{payment_id}",
        response_model=Payment,
        tags=["payments"],
        responses={**_ERRORS, 404: {"model": ApiError}},
    )
    def get_payment(payment_id: PaymentId, me: Terminal) -> Payment:
        """A payment of the terminal's site (another site's -> 404)."""
        return payments.get(payment_id, me.site)

    @app.post(
        "/v1/payments/{payment_id}/cancel",
        response_model=Payment,
        tags=["payments"],
        responses={**_ERRORS, 403: {"model": ApiError}, 404: {"model": ApiError}},
    )
    def cancel_payment(payment_id: PaymentId, me: Terminal) -> Payment:
        """Cancel if still pending; always answers the payment as it now is ("paid" = it landed first)."""
        return payments.cancel(me.site, me.id, payment_id)

    @app.post(
        "/v1/payments/{payment_id}/refund",
        response_model=Payment,
        tags=["payments"],
        responses={**_ERRORS, 403: {"model": ApiError}, 404: {"model": ApiError}, 409: {"model": ApiError}},
    )
    def refund_payment(payment_id: PaymentId, body: PaymentRefundRequest, me: Terminal) -> Payment:
        """Flag a paid payment for refund (no ticket could be issued). Idempotent."""
        return payments.refund(me.site, me.id, payment_id, body.reason)

    @app.post("/v1/heartbeat", response_model=HeartbeatAck, responses=_ERRORS, tags=["terminals"])
    def heartbeat(body: Heartbeat, me: Terminal) -> HeartbeatAck:
        """Device health; the answer carries the clock skew the central measured."""
        return telemetry.heartbeat(me.id, body, me.site)

    @app.post("/v1/events", response_model=EventsAck, responses=_ERRORS, tags=["terminals"])
    def post_events(body: EventBatch, me: Terminal) -> EventsAck:
        """Outbox batch; events whose id the central already has are counted as duplicates."""
        return telemetry.events(me.id, body)

    @app.get("/v1/time", response_model=ServerTime, tags=["system"])
    def get_time() -> ServerTime:
        """Public (no token) so a technician can check clock skew before enrolment; the time zone
        is the default site's (a kiosk's own site's is in its catalogue)."""
        return ServerTime(now=desk.now().astimezone(UTC), site_timezone=default_site.catalog.site.timezone)

    @app.post("/v1/identities/resolve", response_model=ResolvedIdentity, responses=_ERRORS, tags=["identities"])
    def resolve_identity(body: IdentityResolveRequest, _: Terminal) -> ResolvedIdentity:
        """Card UID or NIK -> masked identity. The value is never logged."""
        return identities.resolve(body)

    install_counters(app, db, sites, desk, clock)  # staff, counters, calls (issue 14)
    install_live(app, db, sites, clock, terminal)  # events, /display, the live phone page (issue 14)
    # help requests, alerts, /supervisor (issue 15)
    install_supervisor(app, db, sites, clock, terminal, registry.site_of)
    install_survey(app, db, sites, registry.authenticate, clock)  # ratings and the IKM (issue 18)
    app.include_router(health_router(db, desk.waiting_by_service))  # /healthz, /readyz, /metrics

    @app.get("/t/{ticket_id}", response_class=HTMLResponse, include_in_schema=False)
    def track(ticket_id: str, lang: str = "id") -> HTMLResponse:
        try:
            ticket = desk.get(ticket_id)
        except ApiProblem:
            return HTMLResponse(
                "<!doctype html><title>404</title><h1>Tiket tidak ditemukan / Ticket not found</h1>", 404
            )
        return HTMLResponse(render_ticket_page(ticket, lang, live=True), headers={"Content-Security-Policy": LIVE_CSP})

    @app.get("/r/{reference}", response_class=HTMLResponse, include_in_schema=False)
    def receipt(reference: str, lang: str = "id") -> HTMLResponse:
        """The QR code on a QRIS receipt: is this payment on record, for what, and which ticket."""
        reference = reference[:64]
        found = payments.by_reference(reference)
        payment, hall = (found[0], sites.get(found[1])) if found and found[1] in sites else (None, default_site)
        service_name, number = "", None
        if payment is not None:
            try:
                service_name = hall.catalog.service(payment.service_id).name.get(lang if lang in ("id", "en") else "id")
            except KeyError:
                service_name = payment.service_id
            if payment.ticket_id:
                try:
                    number = desk.get(payment.ticket_id).number
                except ApiProblem:
                    number = None
        page = render_receipt_page(reference, payment, service_name, number, hall.tz, lang)
        return HTMLResponse(page, 200 if payment is not None else 404)

    if faults_enabled:
        injector = FaultInjector()
        app.state.faults = injector
        app.add_middleware(FaultMiddleware, injector=injector)
        app.include_router(fault_router(injector, faults_token or "", payments.mark_paid))

    return app
