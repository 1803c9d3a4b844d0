"""The scripted demo walk-through: drives the real kiosk (real central service on loopback,
virtual printer) through every screen by clicking its buttons, and saves a PNG of each.

Used by ``main.py demo --walkthrough DIR`` when there is no display, and by reviewers who want
to see every screen without touching one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import requests

from kiosk.flow.steps import Step


class WalkthroughError(RuntimeError):
    pass


class Walkthrough:
    def __init__(self, app, central_url: str, out_dir: Path) -> None:
        self.app = app  # kiosk.ui.app.KioskApp, started
        self.flow = app.runtime.flow
        self.window = app.window
        self.central_url = central_url
        self.out = out_dir
        self.written: list[Path] = []
        self._papers: list[bytes] = []  # printed documents not saved yet, oldest first
        app.runtime.add_paper_listener(self._on_paper)

    # ---- helpers ---------------------------------------------------------------------------
    def _on_paper(self, png: bytes) -> None:
        self._papers.append(png)

    def wait(self, predicate: Callable[[], bool], what: str, timeout_s: float = 15.0) -> None:
        deadline = time.monotonic() + timeout_s
        while not predicate():
            if time.monotonic() > deadline:
                raise WalkthroughError(f"timed out waiting for {what} (step {self.flow.step.value})")
            self.app.qapp.processEvents()
            time.sleep(0.01)
        self.app.qapp.processEvents()

    def at(self, step: Step, timeout_s: float = 15.0) -> None:
        self.wait(lambda: self.flow.step is step, f"step {step.value}", timeout_s)

    def click(self, name: str) -> None:
        from PySide6.QtWidgets import QPushButton

        visible = [b for b in self.window.findChildren(QPushButton, name) if b.isVisible()]
        if len(visible) != 1:
            raise WalkthroughError(f"{len(visible)} visible buttons {name!r} on step {self.flow.step.value}")
        visible[0].click()
        self.app.qapp.processEvents()

    def shot(self, name: str) -> Path:
        from kiosk.ui.app import save_png

        self.app.qapp.processEvents()
        path = save_png(self.window, self.out / f"{len(self.written) + 1:02d}-{name}.png")
        self.written.append(path)
        return path

    def save_paper(self, name: str) -> Path:
        """The oldest printed document not saved yet (the ticket, then a paid ticket's receipt)."""
        self.wait(lambda: bool(self._papers), f"the printed {name} image")
        path = self.out / f"{len(self.written) + 1:02d}-{name}.png"
        path.write_bytes(self._papers.pop(0))
        self.written.append(path)
        return path

    def forget_paper(self) -> None:
        self._papers.clear()

    def pay_when_shown(self, shot_name: str | None = None) -> None:
        """On the QRIS step: wait for the code, optionally photograph it, then have the reference
        service's bank pay it (the demo's stand-in for a citizen's banking app)."""
        from central.testing import Faults

        self.at(Step.PAYMENT)
        self.wait(lambda: getattr(self.flow.session.payment, "state", None) == "waiting", "the QRIS code")
        if shot_name:
            # The code is drawn off the GUI thread: photograph it once it is on screen.
            self.wait(lambda: self.window.screen(Step.PAYMENT).qr_shown, "the QRIS code image")
            self.shot(shot_name)
        Faults(self.central_url).pay(self.flow.session.payment.payment_id)
        self.wait(lambda: self.flow.step is not Step.PAYMENT, "the payment to arrive", timeout_s=30)

    def central_fault(self, mode: str) -> None:
        from central.testing import Faults

        # Loopback only: the embedded service, whose faults token this process holds.
        Faults(self.central_url).set(mode, reset_counts=False)

    def set_paper(self, state: str) -> None:
        self.app.runtime.printer.virtual.set_paper(state)
        self.app.runtime.poll_printer()
        self.wait(
            lambda: self.flow.status.printer == ("ok" if state == "ok" else "virtual_only"),
            f"printer readiness after paper {state}",
        )

    # ---- the script ------------------------------------------------------------------------
    def run(self) -> list[Path]:
        self.wait(lambda: self.flow.status.catalog is not None, "the catalogue")
        self.wait(lambda: self.flow.status.printer != "unknown", "the printer status")
        self.at(Step.WELCOME)
        self.shot("welcome-id")
        self.click("lang-en")
        self.shot("welcome-en")
        self.click("lang-id")
        self.click("TakeTicket")
        self.at(Step.AGENCY)
        self.shot("agency")
        self.click("agency-imigrasi")
        self.at(Step.SERVICE)
        self.shot("service")
        first_service = self.flow.status.catalog.services_for("imigrasi")[0].id
        self.click(f"service-{first_service}")
        self.at(Step.CONFIRM)
        self.click("Confirm")
        self.at(Step.IDENTIFY)
        self.shot("identify")
        for digit in "3273022505600002":  # a demo citizen born in 1960 (config/catalog.toml)
            self.click(f"key-{digit}")
        self.shot("identify-nik-typed")
        self.click("NikSubmit")
        self.at(Step.CONFIRM)
        self.shot("confirm-identified")
        self.click("Confirm")
        self.wait(lambda: self.flow.step is not Step.CONFIRM, "the step after confirm")
        paid = self.flow.step is Step.PAYMENT
        if paid:
            self.pay_when_shown("payment-qris")
        self.at(Step.TICKET)
        taken = self.flow.session.outcome.ticket
        self.shot("ticket")
        self.save_paper("printed-ticket")
        if paid:
            self.save_paper("printed-receipt")
        self.click("Done")
        self.at(Step.WELCOME)

        # The hall: a counter calls that very ticket; the next citizen's ticket counts one fewer
        # ahead, and the kiosk's figures move with the central's stream, without a poll.
        self.queue_moves(taken)

        # Appointment check-in: the booking code on the keypad (a scanner would type it).
        self.click("CheckIn")
        self.at(Step.BOOKING)
        for c in "BDG7K3":
            self.click(f"bookingkey-{c}")
        self.shot("booking-code")
        for c in "P9":
            self.click(f"bookingkey-{c}")
        self.click("BookingSubmit")
        self.at(Step.TICKET)
        self.shot("booking-ticket")
        self.save_paper("printed-appointment-ticket")
        self.click("Done")
        self.at(Step.WELCOME)

        # Idle: warn, offer more time, then end the session.
        self.click("TakeTicket")
        self.at(Step.AGENCY)
        self.wait(lambda: self.window.overlay.isVisible(), "the idle warning", timeout_s=120)
        self.shot("idle-warning")
        self.click("EndSession")
        self.at(Step.WELCOME)

        # Printer out of paper: the welcome screen says so, the ticket comes on screen.
        self.set_paper("out")
        self.shot("welcome-printer-out")
        self.forget_paper()
        self._take_first_ticket("dukcapil")
        self.at(Step.TICKET)
        self.shot("virtual-ticket")
        self.click("Done")
        self.at(Step.WELCOME)
        self.set_paper("ok")

        # Central service failing: a clear state, nothing half-issued.
        self.central_fault("error500")
        try:
            self._take_first_ticket("bpjs-kesehatan")
            # Depending on timing the kiosk learns of the outage from the ticket call (issue
            # failed) or from its background refresh (unavailable); both must explain themselves.
            self.wait(
                lambda: self.flow.step in (Step.ISSUE_FAILED, Step.UNAVAILABLE),
                "the outage to be explained",
                timeout_s=30,
            )
            self.shot("issue-failed")
            self.click("Home")
            self.at(Step.WELCOME)
        finally:
            self.central_fault("ok")
        return self.written

    def call_from_counter(self, ticket) -> tuple[requests.Session, str]:
        """Call ``ticket`` as the hall's staff would from /counter: the demo supervisor signs in
        at a counter serving its service and presses Call next (it is the only real ticket)."""
        from central.counters.admin import DEMO_STAFF

        username, password, _ = next(s for s in DEMO_STAFF if s[2] == "supervisor")
        staff = requests.Session()
        login = staff.post(
            f"{self.central_url}/v1/staff/login", json={"username": username, "password": password}, timeout=10
        )
        login.raise_for_status()
        staff.headers["Authorization"] = f"Bearer {login.json()['token']}"
        counters = staff.get(f"{self.central_url}/v1/counters", timeout=10).json()
        counter = next(c for c in counters if ticket.service_id in c["services"])
        staff.post(f"{self.central_url}/v1/counters/{counter['id']}/sign-in", timeout=10).raise_for_status()
        answer = staff.post(f"{self.central_url}/v1/counters/{counter['id']}/call-next", timeout=10)
        answer.raise_for_status()
        called = answer.json()["ticket"]
        if called is None or called["number"] != ticket.number:
            raise WalkthroughError(f"the counter called {called and called['number']}, not {ticket.number}")
        return staff, called["id"]

    def queue_moves(self, taken) -> None:
        service = taken.service_id
        staff, ticket_id = self.call_from_counter(taken)
        # What the hall's snapshot says now; the kiosk learns it from the stream's "called" event
        # (its own poll of the figures would come only minutes later while the stream is up).
        snapshot = requests.get(f"{self.central_url}/v1/live/public/events", timeout=10).json()["events"][0]
        self.wait(
            lambda: self.flow.status.queues[service].waiting == snapshot["waiting"][service],
            "the kiosk's figures to follow the call",
            timeout_s=5,
        )
        phone = requests.get(f"{self.central_url}/v1/live/tickets/{ticket_id}", timeout=10).json()
        print(f"Counter {phone['counter']} called {taken.number} (its phone page: {phone['state']})")
        self._take_first_ticket(self.flow.status.catalog.service(service).agency_id)
        self.at(Step.TICKET)
        after = self.flow.session.outcome.ticket
        self.shot("ticket-after-a-call")
        self.save_paper("printed-ticket-after-a-call")
        self.forget_paper()  # a paid service's receipt
        print(
            f"{taken.number}: {taken.people_ahead} ahead when taken; {after.number}, taken after the call: "
            f"{after.people_ahead} ahead (one more without the call)"
        )
        if after.people_ahead != taken.people_ahead:
            raise WalkthroughError(f"{after.people_ahead} ahead of {after.number}: the call did not move the queue")
        staff.post(f"{self.central_url}/v1/tickets/{ticket_id}/done", timeout=10)
        self.click("Done")
        self.at(Step.WELCOME)

    def choose(self, agency_id: str, service_id: str | None = None) -> None:
        """From the welcome screen to the confirm screen of a service (the agency's first if None)."""
        self.click("TakeTicket")
        self.at(Step.AGENCY)
        self.click(f"agency-{agency_id}")
        self.at(Step.SERVICE)
        service = service_id or self.flow.status.catalog.services_for(agency_id)[0].id
        self.click(f"service-{service}")
        self.at(Step.CONFIRM)

    def _take_first_ticket(self, agency_id: str) -> None:
        self.choose(agency_id)
        self.click("Confirm")
        self.wait(lambda: self.flow.step is not Step.CONFIRM, "the next step")
        if self.flow.step is Step.IDENTIFY:
            for digit in "3273015708850003":
                self.click(f"key-{digit}")
            self.click("NikSubmit")
            self.at(Step.CONFIRM)
            self.click("Confirm")
        self.wait(lambda: self.flow.step is not Step.CONFIRM, "the step after confirm")
        if self.flow.step is Step.PAYMENT:
            self.pay_when_shown()
