"""Every printer fault, end to end: the kiosk window, the reference central service and a
network printer that is the loopback ESC/POS emulator over real TCP on 127.0.0.1.

For each fault: what the citizen sees, what the central service recorded, and that no ticket
was lost (every number either printed, shown on screen and confirmed virtual, or given back)
or printed twice.
"""

from __future__ import annotations

import re

import pytest

from kiosk.api.client import CentralClient
from kiosk.devices.printer.emulator import LoopbackPrinter
from kiosk.flow.steps import Step
from launcher.demo import demo_environment

from .helpers import confirm, tap, wait_step, walk_to_confirm

TICKET_NUMBER = re.compile(r"^[A-Z]{1,2}-\d{3}$")


@pytest.fixture
def printer():
    with LoopbackPrinter() as emulator:
        yield emulator


@pytest.fixture
def kiosk(qtbot, tmp_path, printer):
    from kiosk.ui.app import KioskApp

    with demo_environment(
        tmp_path,
        ui={"fullscreen": False},
        printer={"backend": "network", "host": "127.0.0.1", "port": printer.port, "status_timeout_s": 1.0},
    ) as env:
        app = KioskApp(env.config, env.token)
        qtbot.addWidget(app.window)
        app.start()
        qtbot.waitUntil(lambda: app.runtime.flow.status.catalog is not None, timeout=10_000)
        app.env = env
        yield app
        app.stop()


def central_status(app, ticket_id: str) -> str:
    with CentralClient(app.env.config.central, app.env.token) as client:
        return client.get_ticket(ticket_id).status


def take_ticket(qtbot, app, agency: str = "dukcapil"):
    walk_to_confirm(qtbot, app, agency)
    confirm(qtbot, app)
    wait_step(qtbot, app, Step.TICKET, timeout_ms=20_000)
    outcome = app.runtime.flow.session.outcome
    tap(qtbot, app, "Done")
    wait_step(qtbot, app, Step.WELCOME)
    return outcome


def printed_numbers(printer) -> list[str]:
    numbers = []
    for job in printer.jobs:
        if job.printed and job.complete:
            numbers += [w for w in job.text.split() if TICKET_NUMBER.match(w)]
    return numbers


def refresh_printer(qtbot, app, expected: str) -> None:
    app.runtime.poll_printer()
    qtbot.waitUntil(lambda: app.runtime.flow.status.printer == expected, timeout=10_000)


def test_healthy_printer_prints_over_tcp_and_confirms(qtbot, kiosk, printer):
    refresh_printer(qtbot, kiosk, "ok")
    outcome = take_ticket(qtbot, kiosk)
    assert outcome.delivery == "printed"
    assert central_status(kiosk, outcome.ticket.id) == "confirmed"
    assert printed_numbers(printer) == [outcome.ticket.number]
    assert printer.jobs[-1].qr_codes == [outcome.ticket.track_url]


@pytest.mark.parametrize("fault", ["paper_out", "cover_open"])
def test_fault_known_before_the_citizen_starts(qtbot, kiosk, printer, fault):
    printer.set_paper("out") if fault == "paper_out" else printer.set_cover_open(True)
    refresh_printer(qtbot, kiosk, "virtual_only")
    banner = kiosk.window.screen(Step.WELCOME).banner
    assert banner.isVisible() and "tiket Anda akan ditampilkan di layar" in banner.text()
    outcome = take_ticket(qtbot, kiosk)
    assert outcome.delivery == "virtual" and outcome.virtual_png
    assert central_status(kiosk, outcome.ticket.id) == "virtual"
    assert printed_numbers(printer) == []
    # After the refill the next ticket prints, and only the next one: nothing queued reprints.
    printer.heal()
    refresh_printer(qtbot, kiosk, "ok")
    second = take_ticket(qtbot, kiosk)
    assert second.delivery == "printed"
    assert printed_numbers(printer) == [second.ticket.number]


def test_paper_near_end_still_prints_and_is_flagged(qtbot, kiosk, printer):
    printer.set_paper("near_end")
    refresh_printer(qtbot, kiosk, "near_end")
    outcome = take_ticket(qtbot, kiosk)
    assert outcome.delivery == "printed"
    assert central_status(kiosk, outcome.ticket.id) == "confirmed"
    assert printed_numbers(printer) == [outcome.ticket.number]
    assert kiosk.window.screen(Step.WELCOME).banner.isHidden()


def test_connection_dropped_mid_job_shows_the_ticket_and_recovers(qtbot, kiosk, printer):
    refresh_printer(qtbot, kiosk, "ok")
    printer.drop_after(40)
    outcome = take_ticket(qtbot, kiosk)
    assert outcome.delivery == "virtual"
    assert central_status(kiosk, outcome.ticket.id) == "virtual"
    assert printed_numbers(printer) == []  # the cut-off job is not a ticket in anyone's hand
    refresh_printer(qtbot, kiosk, "ok")  # the connection is made again by itself
    second = take_ticket(qtbot, kiosk)
    assert second.delivery == "printed"
    assert printed_numbers(printer) == [second.ticket.number]


def test_printer_that_does_not_answer_status_is_never_assumed_ok(qtbot, kiosk, printer):
    refresh_printer(qtbot, kiosk, "ok")
    printer.set_status_answer(False)
    refresh_printer(qtbot, kiosk, "unknown")
    outcome = take_ticket(qtbot, kiosk)
    assert outcome.delivery == "virtual"
    assert central_status(kiosk, outcome.ticket.id) == "virtual"
    assert printed_numbers(printer) == []
