"""Blocking HTTP client for the central API (one requests.Session per client; one client per thread).

Every method blocks; the kiosk calls them on its API ``Worker`` thread, never on the GUI thread.
Rules from the design brief, all enforced here:
* a (connect, read) timeout on every request;
* retries with exponential backoff only for idempotent calls: GETs, reservations and payments
  (they carry an Idempotency-Key, so a replay returns the same ticket/payment), confirm/fail/
  cancel/refund (no-ops the second time), event batches (deduplicated by id) and identity
  resolution (a lookup). The heartbeat is sent once;
* one keep-alive session, TLS verified;
* every answer validated into its contract model; anything else is a ``CentralError``;
* the terminal token is a header only: never logged, never in ``repr``.
"""

from __future__ import annotations

import logging
import threading
import uuid
from typing import TypeVar
from urllib.parse import quote

import requests
from pydantic import BaseModel

from kiosk import __version__
from kiosk.api.connectivity import ConnectivityMonitor
from kiosk.api.decode import parse_body, raise_for_status
from kiosk.api.errors import CentralError, CentralProtocolError, CentralRejected, CentralUnavailable
from kiosk.api.settings import CentralSettings
from kiosk.contract import (
    BookingCheckIn,
    BookingCheckInRequest,
    Catalog,
    ConfirmMode,
    EnrolRequest,
    EnrolResponse,
    EventBatch,
    EventsAck,
    Heartbeat,
    HeartbeatAck,
    IdentityResolveRequest,
    Language,
    Lease,
    LeaseReleaseRequest,
    LeaseRequest,
    OfflineTicketBatch,
    OfflineTicketsAck,
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
M = TypeVar("M", bound=BaseModel)


def _describe(exc: requests.RequestException) -> str:
    if isinstance(exc, requests.ConnectTimeout):
        return "connect timeout"
    if isinstance(exc, requests.ReadTimeout):
        return "read timeout"
    if isinstance(exc, requests.ConnectionError):
        return "connection failed"
    return type(exc).__name__


class CentralClient:
    """Talks to one central on behalf of one terminal."""

    def __init__(
        self,
        settings: CentralSettings,
        token: str | None = None,
        session: requests.Session | None = None,
        *,
        monitor: ConnectivityMonitor | None = None,
    ) -> None:
        self.settings = settings
        self.monitor = monitor
        self._owns_session = session is None
        self._session = session if session is not None else requests.Session()
        self._closed = threading.Event()
        token = token if token is not None else settings.read_token()
        self._session.headers.update(
            {
                "Accept": "application/json",
                "User-Agent": f"anjungan-kiosk/{__version__}",
                "X-Terminal-Id": settings.terminal_id,
            }
        )
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"
        # Passed with every request, not set on the session: requests lets REQUESTS_CA_BUNDLE /
        # CURL_CA_BUNDLE from the environment override ``Session.verify``, which would silently
        # ignore the configured ca_bundle.
        self._verify: bool | str = str(settings.ca_bundle) if settings.ca_bundle else settings.verify_tls
        if self._verify is False:
            log.warning("TLS verification of %s is OFF (verify_tls=false): lab use only", settings.base_url)
        self._timeout = (settings.connect_timeout_s, settings.read_timeout_s)

    def __repr__(self) -> str:  # never shows the token
        return f"CentralClient({self.settings.base_url!r}, terminal={self.settings.terminal_id!r})"

    def __enter__(self) -> CentralClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop retry sleeps and close the session's connections (if this client created it)."""
        self._closed.set()
        if self._owns_session:
            self._session.close()

    def set_token(self, token: str | None) -> None:
        """Use ``token`` from now on (after enrolment), or send none."""
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"
        else:
            self._session.headers.pop("Authorization", None)

    # -- endpoints ------------------------------------------------------------------------------

    def enrol(self, req: EnrolRequest) -> EnrolResponse:
        """Trade a one-time code for a terminal token (store it with ``write_token_file``).

        Retried like the idempotent calls: every attempt carries the same random Idempotency-Key,
        and the central answers a repeat of that very request (within minutes) with the same token,
        so a lost answer costs nothing. Nobody without the key can reuse the code.
        """
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        return self.call("POST", "/v1/terminals/enrol", EnrolResponse, body=req, headers=headers, idempotent=True)

    def rotate_token(self) -> EnrolResponse:
        """Trade the current token for a new one; the old one stops working. Retried with one
        Idempotency-Key, like ``enrol``. Store the answer with ``write_token_file``, then
        ``set_token`` it."""
        headers = {"Idempotency-Key": str(uuid.uuid4())}
        return self.call("POST", "/v1/terminals/rotate", EnrolResponse, headers=headers, idempotent=True)

    def get_catalog(self) -> Catalog:
        return self.call("GET", "/v1/catalog", Catalog, idempotent=True)

    def get_queues(self) -> QueuesResponse:
        return self.call("GET", "/v1/queues", QueuesResponse, idempotent=True)

    def reserve_ticket(self, req: TicketReserveRequest, idempotency_key: str) -> Ticket:
        """Reserve a number; replaying the same key (after a timeout) returns the same ticket."""
        if not idempotency_key or len(idempotency_key) > 128:
            raise ValueError("idempotency_key must be 1-128 characters (use a uuid4)")
        return self.call(
            "POST",
            "/v1/tickets",
            Ticket,
            body=req,
            headers={"Idempotency-Key": idempotency_key},
            idempotent=True,
        )

    def confirm_ticket(self, ticket_id: str, mode: ConfirmMode) -> Ticket:
        """The ticket reached the citizen (printed, or shown as a virtual ticket)."""
        return self.call(
            "POST",
            f"/v1/tickets/{quote(ticket_id, safe='')}/confirm",
            Ticket,
            body=TicketConfirmRequest(mode=mode),
            idempotent=True,
        )

    def fail_ticket(self, ticket_id: str, reason: str) -> Ticket:
        """The ticket never reached the citizen; its number will not be called."""
        return self.call(
            "POST",
            f"/v1/tickets/{quote(ticket_id, safe='')}/fail",
            Ticket,
            body=TicketFailRequest(reason=reason),
            idempotent=True,
        )

    def get_ticket(self, ticket_id: str) -> Ticket:
        return self.call("GET", f"/v1/tickets/{quote(ticket_id, safe='')}", Ticket, idempotent=True)

    def get_time(self) -> ServerTime:
        return self.call("GET", "/v1/time", ServerTime, idempotent=True)

    def resolve_identity(self, req: IdentityResolveRequest) -> ResolvedIdentity:
        """Look up a card UID or NIK (a read: safe to retry)."""
        return self.call("POST", "/v1/identities/resolve", ResolvedIdentity, body=req, idempotent=True)

    def create_payment(self, req: PaymentCreateRequest, idempotency_key: str) -> Payment:
        """Dynamic QRIS for a fee; replaying the same key returns the same payment."""
        if not idempotency_key or len(idempotency_key) > 128:
            raise ValueError("idempotency_key must be 1-128 characters (use a uuid4)")
        return self.call(
            "POST",
            "/v1/payments",
            Payment,
            body=req,
            headers={"Idempotency-Key": idempotency_key},
            idempotent=True,
        )

    def get_payment(self, payment_id: str) -> Payment:
        return self.call("GET", f"/v1/payments/{quote(payment_id, safe='')}", Payment, idempotent=True)

    def cancel_payment(self, payment_id: str) -> Payment:
        """Cancel if still pending; the answer is the payment as it now is (check for "paid")."""
        return self.call("POST", f"/v1/payments/{quote(payment_id, safe='')}/cancel", Payment, idempotent=True)

    def request_refund(self, payment_id: str, reason: str) -> Payment:
        """Flag a paid payment for refund because no ticket could be issued."""
        return self.call(
            "POST",
            f"/v1/payments/{quote(payment_id, safe='')}/refund",
            Payment,
            body=PaymentRefundRequest(reason=reason),
            idempotent=True,
        )

    def check_in_booking(self, code: str, idempotency_key: str, language: Language = "id") -> BookingCheckIn:
        """Appointment check-in: booking code -> the booking and its reserved ticket (confirm it
        after printing like a walk-in ticket). Retried: the central answers a repeat with the same
        ticket. A refused code is ``CentralRejected`` booking_not_usable (one answer whatever the
        reason); a terminal slowed down after refused codes gets ``CentralUnavailable`` status 429."""
        if not idempotency_key or len(idempotency_key) > 128:
            raise ValueError("idempotency_key must be 1-128 characters (use a uuid4)")
        return self.call(
            "POST",
            "/v1/bookings/check-in",
            BookingCheckIn,
            body=BookingCheckInRequest(code=code, language=language),
            headers={"Idempotency-Key": idempotency_key},
            idempotent=True,
        )

    def grant_lease(self, req: LeaseRequest, idempotency_key: str) -> Lease:
        """A block of numbers to issue from offline; replaying the key returns the same lease."""
        if not idempotency_key or len(idempotency_key) > 128:
            raise ValueError("idempotency_key must be 1-128 characters (use a uuid4)")
        headers = {"Idempotency-Key": idempotency_key}
        return self.call("POST", "/v1/leases", Lease, body=req, headers=headers, idempotent=True)

    def release_lease(self, lease_id: str, first_unused: int) -> Lease:
        """Give back the lease's numbers from ``first_unused`` on (never called)."""
        path = f"/v1/leases/{quote(lease_id, safe='')}/release"
        body = LeaseReleaseRequest(first_unused=first_unused)
        return self.call("POST", path, Lease, body=body, idempotent=True)

    def post_offline_tickets(self, batch: OfflineTicketBatch) -> OfflineTicketsAck:
        """Tickets issued offline; retried, since the central answers a resent one "duplicate"."""
        return self.call("POST", "/v1/offline-tickets", OfflineTicketsAck, body=batch, idempotent=True)

    def send_heartbeat(self, hb: Heartbeat) -> HeartbeatAck:
        """Sent once, never retried: a late heartbeat is worthless, the next one follows."""
        return self.call("POST", "/v1/heartbeat", HeartbeatAck, body=hb, idempotent=False)

    def post_events(self, batch: EventBatch) -> EventsAck:
        """Outbox batch; retried, since the central drops event ids it already has."""
        return self.call("POST", "/v1/events", EventsAck, body=batch, idempotent=True)

    # -- transport ------------------------------------------------------------------------------

    def call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        body: BaseModel | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool,
    ) -> M:
        """One logical call: send, retry if allowed, validate into ``model``.

        The extension point for endpoints not wrapped above: pass ``idempotent=False`` for
        anything a replay could duplicate, and it is sent exactly once (no retries at all).
        """
        endpoint = f"{method} {path}"
        try:
            result = self._call(method, path, model, body, headers, idempotent, endpoint)
        except (CentralUnavailable, CentralProtocolError):
            if self.monitor is not None:
                self.monitor.record_failure()
            raise
        except CentralRejected:
            if self.monitor is not None:  # the central answered properly: it is reachable
                self.monitor.record_success()
            raise
        if self.monitor is not None:
            self.monitor.record_success()
        return result

    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        body: BaseModel | None,
        headers: dict[str, str] | None,
        idempotent: bool,
        endpoint: str,
    ) -> M:
        url = self.settings.base_url + path
        data = body.model_dump_json().encode("utf-8") if body is not None else None
        send_headers = dict(headers or {})
        if data is not None:
            send_headers["Content-Type"] = "application/json"
        attempts = 1 + (self.settings.retries if idempotent else 0)
        last: CentralError | None = None
        for attempt in range(attempts):
            if attempt:
                delay = self.settings.backoff_s * (2 ** (attempt - 1))
                if self._closed.wait(delay):
                    raise CentralUnavailable(f"{endpoint}: client closed while retrying")
                log.info("retrying %s (attempt %d/%d) after %s", endpoint, attempt + 1, attempts, last)
            if self._closed.is_set():
                raise CentralUnavailable(f"{endpoint}: client closed")
            try:
                resp = self._session.request(
                    method,
                    url,
                    data=data,
                    headers=send_headers,
                    timeout=self._timeout,
                    verify=self._verify,
                    allow_redirects=False,
                )
                content = resp.content
            except requests.exceptions.SSLError as exc:
                # A certificate problem is configuration, not weather: retrying cannot fix it.
                raise CentralUnavailable(
                    f"{endpoint}: TLS error (certificate not trusted, expired or for another host; "
                    f"check ca_bundle): {type(exc).__name__}"
                ) from None
            except requests.RequestException as exc:
                last = CentralUnavailable(f"{endpoint}: {_describe(exc)}")
                continue
            try:
                raise_for_status(endpoint, resp.status_code, content)
            except CentralUnavailable as exc:
                last = exc
                continue
            return parse_body(endpoint, content, model)
        assert last is not None
        raise last
