"""The satisfaction survey's client at the kiosk (Qt-free): is this ticket ready to be rated, and
send the rating. Both run on the service's own "survey" worker and answer with a future; a
failure is ``SurveyError`` whose ``reason`` picks what the citizen is told:

* ``not_found``: no such ticket today (a typo in the number, or another hall's ticket);
* ``not_served``: the ticket's service is not finished yet: rate it after the counter;
* ``already_rated``: one rating per ticket, and this one has it;
* ``unavailable``: the central cannot be asked now.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from typing import Literal
from urllib.parse import quote

from kiosk.api.client import CentralClient
from kiosk.api.errors import CentralError, CentralRejected
from kiosk.contract.survey import RatingReceipt, RatingRequest, RatingStatus
from kiosk.runtime.worker import Worker

log = logging.getLogger(__name__)

SurveyErrorReason = Literal["not_found", "not_served", "already_rated", "unavailable"]
_REASONS: dict[str, SurveyErrorReason] = {
    "ticket_not_found": "not_found",
    "not_served": "not_served",
    "already_rated": "already_rated",
}


class SurveyError(Exception):
    def __init__(self, reason: SurveyErrorReason, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason: SurveyErrorReason = reason


def _refusal(exc: CentralError) -> SurveyError:
    if isinstance(exc, CentralRejected):
        reason = _REASONS.get(exc.code)
        if reason is not None:
            return SurveyError(reason, exc.code)
    return SurveyError("unavailable", exc.message)


class SurveyClient:
    """Owns the "survey" worker and its ``CentralClient`` (closed by ``close``)."""

    def __init__(self, client: CentralClient) -> None:
        self._client = client
        self._worker = Worker("survey")

    def check(self, ticket: str) -> Future[RatingStatus]:
        """``ticket``: the id from the ticket's QR code, or today's number ("B-023")."""
        return self._worker.submit(self._check, ticket)

    def submit(self, rating: RatingRequest, key: str) -> Future[RatingReceipt]:
        """``key``: the rating's Idempotency-Key, the same for every attempt at one rating (the
        flow keeps it with the draft): an attempt after a lost answer gets the same receipt."""
        return self._worker.submit(self._submit, rating, key)

    def _check(self, ticket: str) -> RatingStatus:
        try:
            status = self._client.call("GET", f"/v1/ratings/{quote(ticket, safe='')}", RatingStatus, idempotent=True)
        except CentralError as exc:
            log.info("rating check refused or failed: %s", type(exc).__name__)
            raise _refusal(exc) from None
        if status.rated:
            raise SurveyError("already_rated")
        if not status.served:
            raise SurveyError("not_served")
        return status

    def _submit(self, rating: RatingRequest, key: str) -> RatingReceipt:
        try:
            receipt = self._client.call(
                "POST", "/v1/ratings", RatingReceipt, body=rating, headers={"Idempotency-Key": key}, idempotent=True
            )
        except CentralError as exc:
            log.info("rating not taken: %s", type(exc).__name__)
            raise _refusal(exc) from None
        log.info("rating taken for ticket %s", receipt.ticket_number)
        return receipt

    def close(self, timeout: float = 5.0) -> bool:
        self._client.close()
        return self._worker.stop(timeout)
