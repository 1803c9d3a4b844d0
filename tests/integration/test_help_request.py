""" "Call staff" end to end: the kiosk's help caller against the real central (a late
acknowledgement never reaches the next citizen), and the real kiosk window's button reaching
/supervisor in a real browser within 1 s, then "<name> is coming" on the kiosk.
KIOSK_HELP_SCREENSHOTS=DIR saves the kiosk's help screens in id and en there."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
import requests

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import TEST_TERMINAL, TEST_TOKEN
from kiosk.api import CentralClient, CentralSettings
from kiosk.flow.steps import Step
from kiosk.help import HelpCaller
from kiosk.runtime.scheduler import ManualScheduler
from tests.central import browser
from tests.central.supervisor_helpers import login
from tests.integration.helpers import tap, wait_step


def _wait(scheduler: ManualScheduler, until, timeout_s: float = 10.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not until():
        assert time.monotonic() < deadline, "not reached in time"
        scheduler.wait_posted(0.1)


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    running = start(tmp_path_factory.mktemp("help") / "central.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN})
    running.clerk = login(running, "ani", name="Ani")
    yield running
    running.stop()


def test_the_caller_follows_its_session_only(central):
    scheduler = ManualScheduler()
    client = CentralClient(CentralSettings(base_url=central.url, terminal_id=TEST_TERMINAL, backoff_s=0.01), TEST_TOKEN)
    caller = HelpCaller(client, scheduler, poll_s=0.5)
    try:
        caller.request(1, "payment")
        caller.request(1, "payment")  # pressed twice: one request
        _wait(scheduler, lambda: caller.status.state == "waiting")
        first = caller.status.request_id
        ack = requests.post(
            f"{central.url}/v1/supervisor/help-requests/{first}/acknowledge", headers=central.clerk, timeout=10
        )
        assert ack.status_code == 200
        scheduler.advance(0.5)
        _wait(scheduler, lambda: caller.status.state == "coming")
        assert caller.status.staff_name == "Ani" and caller.status.session_id == 1

        caller.session_ended()  # the citizen left: withdrawn at the central, nothing shown any more
        assert caller.status.state == "idle"
        listed = requests.get(f"{central.url}/v1/supervisor/help-requests", headers=central.clerk, timeout=10)
        _wait(scheduler, lambda: caller._worker.submit(lambda: None).result() is None)
        state = requests.get(
            f"{central.url}/v1/help-requests/{first}",
            headers={"Authorization": f"Bearer {TEST_TOKEN}", "X-Terminal-Id": TEST_TERMINAL},
            timeout=10,
        ).json()["state"]
        assert state == "cancelled", listed.text

        # An answer that arrives after its session ended is dropped: the next citizen sees nothing.
        caller.request(2, "service")
        caller.session_ended()
        # The worker's answer did arrive (and was dropped): else the asserts below prove nothing.
        assert scheduler.wait_posted(5.0) >= 1
        scheduler.run_posted()
        assert caller.status.state == "idle" and caller.status.session_id is None
        # And the request that POST made was withdrawn: nothing left open on the staff's screens.
        caller._worker.submit(lambda: None).result(10)
        active = requests.get(f"{central.url}/v1/supervisor/help-requests", headers=central.clerk, timeout=10)
        assert active.status_code == 200
        mine = [r for r in active.json()["help_requests"] if r["terminal_id"] == TEST_TERMINAL]
        assert mine == [], mine
    finally:
        caller.close()


pytestmark_browser = pytest.mark.skipif(not browser.available(), reason="needs chromium and chromium-driver")


@pytestmark_browser
def test_the_kiosk_button_reaches_the_supervisor_and_shows_who_is_coming(qtbot, kiosk, demo_env):
    from kiosk.ui.app import save_png

    central = demo_env.central
    boss = login(central, "kepala", "supervisor", name="Bu Kepala")
    window = kiosk.window
    b = browser.Browser(1366, 768)
    try:
        d = b.driver
        d.get(f"{central.url}/supervisor")
        d.execute_script("sessionStorage.setItem('supervisorToken', arguments[0]);", boss["Authorization"].split()[1])
        d.get(f"{central.url}/supervisor")
        deadline = time.monotonic() + 5
        while not d.execute_script("return document.getElementById('link').classList.contains('up')"):
            assert time.monotonic() < deadline
            time.sleep(0.02)

        tap(qtbot, kiosk, "TakeTicket")
        wait_step(qtbot, kiosk, Step.AGENCY)
        pressed = time.monotonic()
        tap(qtbot, kiosk, "CallStaff")
        card = "return document.querySelector('.help-card.help-open')"
        while not d.execute_script(card):
            qtbot.wait(10)  # the kiosk's worker posts its answer to the Qt loop
            assert time.monotonic() - pressed < 1.0, "not on /supervisor within 1 s"
        assert "Help requested at Anjungan 1, on choosing an agency" in d.execute_script(card + ".textContent")
        qtbot.waitUntil(lambda: window.help_call.banner.isVisible(), timeout=3000)
        waiting_id = window.help_call.banner.text()
        shots = os.environ.get("KIOSK_HELP_SCREENSHOTS")
        if shots:
            save_png(window, Path(shots) / "kiosk-help-waiting-id.png")

        d.execute_script(card + ".querySelector('button.help-ack').click()")
        qtbot.waitUntil(lambda: "Bu Kepala" in window.help_call.banner.text(), timeout=5000)
        assert window.help_call.banner.text() != waiting_id
        assert kiosk.runtime.flow.session.help_pending  # the runtime told the flow: no idle end now
        if shots:
            save_png(window, Path(shots) / "kiosk-help-coming-id.png")
            kiosk.runtime.flow.send("set_language", language="en")
            qtbot.waitUntil(lambda: "is coming" in window.help_call.banner.text(), timeout=3000)
            qtbot.wait(300)  # the agency tiles are laid out again in English
            save_png(window, Path(shots) / "kiosk-help-coming-en.png")
        kiosk.runtime.flow.send("cancel")  # the citizen leaves: the next one sees no banner
        qtbot.waitUntil(lambda: not window.help_call.banner.isVisible(), timeout=3000)
    finally:
        b.stop()


def test_easy_access_says_that_staff_are_coming(qtbot, kiosk):
    window = kiosk.window
    tap(qtbot, kiosk, "TakeTicket")
    wait_step(qtbot, kiosk, Step.AGENCY)
    kiosk.runtime.flow.send("toggle_accessibility")
    qtbot.waitUntil(lambda: window.last_spoken.startswith("Pilih instansi"), timeout=3000)
    tap(qtbot, kiosk, "CallStaff")
    qtbot.waitUntil(lambda: window.last_spoken == "Petugas akan segera datang. Mohon tunggu di sini.", timeout=3000)


def test_an_unreachable_central_says_the_call_did_not_get_through_and_a_press_tries_again(central):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}"
    scheduler = ManualScheduler()
    settings = CentralSettings(base_url=dead, terminal_id=TEST_TERMINAL, retries=0, connect_timeout_s=0.5)
    caller = HelpCaller(CentralClient(settings, TEST_TOKEN), scheduler)
    try:
        caller.request(7, "payment")
        _wait(scheduler, lambda: caller.status.state == "failed")
        key = caller._key
        caller._client.settings = settings.model_copy(update={"base_url": central.url})  # the network is back
        caller.request(7, "payment")
        _wait(scheduler, lambda: caller.status.state == "waiting")
        assert caller._key == key  # the same request, if the first one did reach the central after all
    finally:
        caller.close()
