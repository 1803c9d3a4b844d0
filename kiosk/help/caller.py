"""Help requests from the kiosk (issue 15): "Call staff" -> the central -> a staff member says
they are coming -> the kiosk shows who.

Qt-free. HTTP runs on the caller's own Worker (never the GUI thread); results come back through
the scheduler. A request belongs to the citizen session that made it: the session's end cancels
it at the central and forgets it here, and an answer about an older session is dropped when it
arrives, so a late acknowledgement is never shown to the next citizen. Pressing again in the same
session repeats the same Idempotency-Key: the central answers the same request. Only the step is
sent, never anything about the citizen.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import quote

from kiosk.api.client import CentralClient
from kiosk.api.errors import CentralError
from kiosk.contract.help import HelpRequestCreate, HelpRequestView
from kiosk.runtime.scheduler import Scheduler, Timer
from kiosk.runtime.worker import Worker, WorkerStopped

log = logging.getLogger(__name__)

POLL_S = 2.0  # how soon "Ani is coming" appears after the acknowledgement
HelpState = Literal["idle", "sending", "waiting", "coming", "failed"]
PENDING: frozenset[str] = frozenset({"sending", "waiting", "coming"})  # the citizen waits for staff


@dataclass(frozen=True)
class HelpStatus:
    session_id: int | None = None
    state: HelpState = "idle"
    staff_name: str | None = None  # set when coming
    request_id: str | None = None


class HelpCaller:
    def __init__(self, client: CentralClient, scheduler: Scheduler, poll_s: float = POLL_S) -> None:
        self._client = client  # used only on this caller's worker
        self._scheduler = scheduler
        self._poll_s = poll_s
        self._worker = Worker("help")
        self._key: str | None = None
        self._raising: Future[HelpRequestView | None] | None = None  # the request's POST, until answered
        self._poll: Timer | None = None
        self.status = HelpStatus()
        self._listeners: list[Callable[[HelpStatus], None]] = []

    def add_listener(self, listener: Callable[[HelpStatus], None]) -> None:
        self._listeners.append(listener)

    def _set(self, status: HelpStatus) -> None:
        self.status = status
        for listener in list(self._listeners):
            listener(status)

    # ---- on the scheduler's (GUI) thread -----------------------------------------------------
    def request(self, session_id: int, step: str) -> None:
        """The citizen pressed "Call staff" in session ``session_id`` on ``step``."""
        if self.status.session_id != session_id:
            self._forget()
        if self.status.state in ("sending", "waiting", "coming"):
            return  # already asked in this session
        self._key = self._key or str(uuid.uuid4())
        self._set(HelpStatus(session_id, "sending"))
        key = self._key
        self._raising = self._submit(lambda: self._raise(step, key), session_id)

    def session_ended(self) -> None:
        """The citizen left (or the session was wiped): withdraw the request, show nothing more."""
        request_id = self.status.request_id if self.status.state in ("waiting", "coming") else None
        raising = self._raising if self.status.state == "sending" else None
        self._forget()
        if request_id is not None:
            self._submit(lambda: self._cancel(request_id), None)
        elif raising is not None:
            # Pressed just before the end: the POST is still on its way, so its id is not known
            # here yet. The worker runs jobs in order, so this one finds the POST answered, and
            # withdraws what it made; else it stayed open on the staff's screens for no one.
            self._submit(lambda: self._withdraw_raised(raising), None)

    def close(self) -> None:
        self._forget()
        self._client.close()
        self._worker.stop()

    def _forget(self) -> None:
        if self._poll is not None:
            self._poll.cancel()
            self._poll = None
        self._key = None
        self._raising = None
        if self.status.state != "idle" or self.status.session_id is not None:
            self._set(HelpStatus())

    def _submit(
        self, job: Callable[[], HelpRequestView | None], session_id: int | None
    ) -> Future[HelpRequestView | None] | None:
        try:
            future = self._worker.submit(job)
        except WorkerStopped:
            return None
        if session_id is not None:
            future.add_done_callback(lambda done: self._scheduler.post(lambda: self._answered(session_id, done)))
        return future

    def _answered(self, session_id: int, done) -> None:  # type: ignore[no-untyped-def]
        if self.status.session_id != session_id or self.status.state == "idle":
            return  # an answer about a session that is over: not for this citizen
        exc = done.exception()
        view: HelpRequestView | None = None if exc is not None else done.result()
        if view is None:
            if self.status.state == "sending":
                self._set(replace(self.status, state="failed"))
            else:
                self._schedule_poll(session_id)  # a lost poll: ask again
            return
        if view.state == "acknowledged":
            self._set(replace(self.status, state="coming", staff_name=view.acknowledged_by, request_id=view.id))
        elif view.state == "open":
            self._set(replace(self.status, state="waiting", request_id=view.id))
            self._schedule_poll(session_id)
        else:  # closed or cancelled at the central: nobody is coming for this request
            self._set(replace(self.status, state="failed", request_id=view.id))

    def _schedule_poll(self, session_id: int) -> None:
        request_id = self.status.request_id
        if request_id is None:
            return

        def poll() -> None:
            self._poll = None
            if self.status.session_id == session_id and self.status.state == "waiting":
                self._submit(lambda: self._get(request_id), session_id)

        self._poll = self._scheduler.call_later(self._poll_s, poll)

    # ---- on the worker -------------------------------------------------------------------------
    def _raise(self, step: str, key: str) -> HelpRequestView | None:
        try:
            return self._client.call(
                "POST",
                "/v1/help-requests",
                HelpRequestView,
                body=HelpRequestCreate(step=step),  # type: ignore[arg-type]
                headers={"Idempotency-Key": key},
                idempotent=True,
            )
        except CentralError as exc:
            log.info("help request not delivered: %s", exc)
            return None
        except ValueError:  # the request could not be built: a step the contract does not know
            log.warning("help request not sent: step %r is not in the contract", step[:40])
            return None

    def _get(self, request_id: str) -> HelpRequestView | None:
        try:
            return self._client.call(
                "GET", f"/v1/help-requests/{quote(request_id, safe='')}", HelpRequestView, idempotent=True
            )
        except CentralError as exc:
            log.info("help request not read: %s", exc)
            return None

    def _withdraw_raised(self, raising: Future[HelpRequestView | None]) -> HelpRequestView | None:
        """On the worker, after the POST (jobs run in order): cancel the request it made, if any."""
        try:
            view = raising.result(timeout=0)
        except Exception:  # the POST failed: nothing was made that we know of
            return None
        if view is None or view.state not in ("open", "acknowledged"):
            return None
        return self._cancel(view.id)

    def _cancel(self, request_id: str) -> HelpRequestView | None:
        try:
            return self._client.call(
                "POST", f"/v1/help-requests/{quote(request_id, safe='')}/cancel", HelpRequestView, idempotent=True
            )
        except CentralError as exc:
            log.info("help request not withdrawn: %s", exc)
            return None
