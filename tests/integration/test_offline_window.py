"""Through the real kiosk window (offscreen): the central goes away, the welcome screen says what
still works, a citizen takes a walk-in ticket from the kiosk's lease, it is printed on the virtual
printer with the offline mark, and it reaches the central once the connection is back.

With ANJUNGAN_SCREENSHOTS=DIR the screens and the printed tickets are saved there
(docs/screenshots/offline-*.png were made so)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.api.client import CentralClient
from kiosk.api.errors import CentralError
from kiosk.flow.steps import Step
from kiosk.printing.image_render import render_png

from .helpers import set_central_fault, tap, wait_step

SERVICE, AGENCY = "akta-kelahiran", "dukcapil"  # free, identity optional: issuable offline


def _save(name: str, png: bytes | None = None, widget=None) -> None:
    target = os.environ.get("ANJUNGAN_SCREENSHOTS")
    if not target:
        return
    path = Path(target) / f"offline-{name}.png"
    if widget is not None:
        widget.grab().save(str(path))
    else:
        path.write_bytes(png or b"")


def _call(demo_env, kiosk, ok: bool) -> None:
    """One real call through the kiosk's connectivity monitor (the catalogue poll, sooner)."""
    settings = demo_env.config.central.model_copy(update={"retries": 0})
    with CentralClient(settings, demo_env.token, monitor=kiosk.runtime.monitor) as client:
        try:
            client.get_queues()
        except CentralError:
            assert not ok


def _take(qtbot, kiosk, shot: str | None = None):
    tap(qtbot, kiosk, "TakeTicket")
    wait_step(qtbot, kiosk, Step.AGENCY)
    tap(qtbot, kiosk, f"agency-{AGENCY}")
    wait_step(qtbot, kiosk, Step.SERVICE)
    if shot:
        qtbot.wait(50)
        _save(shot, widget=kiosk.window)
    tap(qtbot, kiosk, f"service-{SERVICE}")
    wait_step(qtbot, kiosk, Step.CONFIRM)
    tap(qtbot, kiosk, "Confirm")
    wait_step(qtbot, kiosk, Step.TICKET)
    return kiosk.runtime.flow.session.outcome


@pytest.mark.timeout(120)
def test_a_ticket_issued_offline_through_the_window_is_printed_marked_and_synced(qtbot, kiosk, demo_env):
    runtime = kiosk.runtime
    offered = {s.id for s in runtime.offline.keeper.services()}
    qtbot.waitUntil(lambda: runtime.offline.leased_services() == offered, timeout=15_000)  # the keeper's round
    set_central_fault(demo_env.central_url, "drop")
    for _ in range(10):  # a call that was already under way may still succeed: fail until offline
        _call(demo_env, kiosk, ok=False)
        qtbot.wait(20)
        if runtime.flow.status.issuing_offline:
            break
    assert runtime.flow.status.issuing_offline

    welcome = kiosk.window.screen(Step.WELCOME)
    qtbot.waitUntil(lambda: welcome.banner.isVisible(), timeout=5_000)
    assert "offline" in welcome.banner.text() and "QRIS" not in welcome.banner.text()
    assert "check-in" in welcome.banner.text() and not welcome.check_in.isVisible()
    _save("welcome-id", widget=kiosk.window)

    outcome_id = _take(qtbot, kiosk)  # in Indonesian, the kiosk's default
    screen = kiosk.window.screen(Step.TICKET)
    assert outcome_id.ticket.issued_offline and outcome_id.delivery == "printed"
    assert "offline" in screen.title.text() and "perkiraan" in screen.ahead.text()
    job = runtime.printer.virtual.jobs[-1]
    assert job.printed and outcome_id.ticket.number in job.text and "Dicetak saat offline" in job.text
    _save("ticket-id", widget=kiosk.window)
    _save("printed-id", render_png(outcome_id.document, 576))
    tap(qtbot, kiosk, "Done")
    wait_step(qtbot, kiosk, Step.WELCOME)

    tap(qtbot, kiosk, "lang-en")
    qtbot.waitUntil(lambda: "Working offline" in welcome.banner.text(), timeout=5_000)
    _save("welcome-en", widget=kiosk.window)
    outcome_en = _take(qtbot, kiosk, shot="services-en")
    services = kiosk.window.screen(Step.SERVICE)
    assert not services._tiles["ktp-el"].isEnabled()  # its ID check needs the central
    assert "(estimate)" in screen.ahead.text()
    assert "Issued offline" in runtime.printer.virtual.jobs[-1].text
    _save("ticket-en", widget=kiosk.window)
    _save("printed-en", render_png(outcome_en.document, 576))
    assert outcome_en.ticket.sequence == outcome_id.ticket.sequence + 1

    # The connection returns: the outbox goes out, the central queues both, once.
    set_central_fault(demo_env.central_url, "ok")
    _call(demo_env, kiosk, ok=True)
    qtbot.waitUntil(lambda: runtime.offline.ledger.unsent_count() == 0, timeout=15_000)
    with CentralClient(demo_env.config.central, demo_env.token) as client:
        for outcome in (outcome_id, outcome_en):
            held = client.get_ticket(outcome.ticket.id)
            assert held.issued_offline and held.status == "confirmed" and held.number == outcome.ticket.number
