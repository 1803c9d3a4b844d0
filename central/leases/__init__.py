"""Leased numbers and offline tickets (issue 16): POST /v1/leases, /v1/leases/{id}/release and
/v1/offline-tickets. The rules are in ``desk.py``; docs/central.md explains them."""

from typing import Annotated, Any

from fastapi import APIRouter, Header
from fastapi import Path as PathParam

from central.leases.desk import LeaseDesk
from central.limits import IDEMPOTENCY_KEY
from kiosk.contract import ApiError
from kiosk.contract.leases import Lease, LeaseReleaseRequest, LeaseRequest, OfflineTicketBatch, OfflineTicketsAck

__all__ = ["LeaseDesk", "leases_router"]

_COMMON: dict[int | str, dict[str, Any]] = {
    401: {"model": ApiError, "description": "Missing or wrong terminal token"},
    422: {"model": ApiError, "description": "Request does not match the contract"},
    503: {"model": ApiError, "description": "Central temporarily unavailable (retry later)"},
}
LeaseId = Annotated[str, PathParam(max_length=64, description="Lease UUID")]


def leases_router(desk: LeaseDesk, terminal: Any) -> APIRouter:
    """``terminal`` is the app's authenticated-terminal dependency type (a ``TerminalPrincipal``)."""
    router = APIRouter(tags=["leases"])

    @router.post(
        "/v1/leases", response_model=Lease, responses={**_COMMON, 404: {"model": ApiError}, 409: {"model": ApiError}}
    )
    def grant_lease(
        body: LeaseRequest,
        who: terminal,  # type: ignore[valid-type]
        idempotency_key: Annotated[
            str, Header(description="Client-generated UUID; a replay returns the same lease", **IDEMPOTENCY_KEY)
        ],
    ) -> Lease:
        """A block of today's numbers of a walk-in service for this terminal to issue from while the
        central is unreachable; sized from its recent issue rate; expires at the end of the site's
        business day. Same key + same body -> the same lease; another body -> 409."""
        return desk.grant(who.site, who.id, idempotency_key, body)  # type: ignore[attr-defined]

    @router.post(
        "/v1/leases/{lease_id}/release",
        response_model=Lease,
        responses={**_COMMON, 404: {"model": ApiError}, 409: {"model": ApiError}},
    )
    def release_lease(lease_id: LeaseId, body: LeaseReleaseRequest, who: terminal) -> Lease:  # type: ignore[valid-type]
        """Give back the numbers from ``first_unused`` on: they are void and never called. A repeat
        is a no-op; a different ``first_unused`` after a release, or one below a number already
        queued, -> 409."""
        return desk.release(who.site, who.id, lease_id, body.first_unused)  # type: ignore[attr-defined]

    @router.post("/v1/offline-tickets", response_model=OfflineTicketsAck, responses=_COMMON)
    def post_offline_tickets(body: OfflineTicketBatch, who: terminal) -> OfflineTicketsAck:  # type: ignore[valid-type]
        """Tickets issued from this terminal's leases while offline, oldest first. Each is queued by
        the time it was issued (kiosk clock + the skew it measured, held within the lease's life)
        and announced to counters and displays at once. Idempotent per (terminal, number): a
        resent one answers "duplicate"; a number outside the terminal's lease is "refused"."""
        return OfflineTicketsAck(results=desk.take_offline(who.site, who.id, body.tickets))  # type: ignore[attr-defined]

    return router
