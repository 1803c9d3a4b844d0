"""The hall display and the phone page in a real browser (headless chromium): a counter calls
through the API; the display shows the call within a second and asks for its announcement (a
page hook records speech requests: a headless browser has no audio), and the ticket's phone page
turns into "go to counter 5". LIVE_SCREENSHOTS=DIR also saves the two pages as PNG files there."""

import os
import time
from pathlib import Path

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from tests.central import browser
from tests.central.conftest import client_for
from tests.central.counters_helpers import confirmed_ticket, open_counter, post, staff_session

pytestmark = pytest.mark.skipif(not browser.available(), reason="needs chromium and chromium-driver (scripts/setup.sh)")
KK = "kartu-keluarga"


@pytest.fixture
def central(tmp_path):
    running = start(
        tmp_path / "central.sqlite3",
        DEFAULT_CATALOG,
        {TEST_TERMINAL: TEST_TOKEN},
        clock=SettableClock(utc(2026, 11, 27, 5, 0, 0)),
    )
    yield running
    running.stop()


@pytest.fixture
def browsers():
    started: list[browser.Browser] = []

    def _open(width: int, height: int, mobile: bool = False) -> browser.Browser:
        b = browser.Browser(width, height, mobile=mobile)
        started.append(b)
        return b

    yield _open
    for b in started:
        b.stop()


def test_a_call_reaches_the_hall_display_and_the_phone(central, browsers):
    client = client_for(central)
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    earlier = confirmed_ticket(client, KK)
    post(central, f"/v1/counters/{counter}/call-next", headers)
    post(central, f"/v1/tickets/{earlier.id}/done", headers)  # a last call for the list
    ticket = confirmed_ticket(client, KK)
    confirmed_ticket(client, KK)  # someone still waiting after the call

    tv = browsers(1920, 1080).driver
    tv.get(f"{central.url}/display?zone=A")
    browser.wait_for(tv, "return window.liveDisplay && window.liveDisplay.events >= 1", 10)  # the snapshot
    phone = browsers(412, 860, mobile=True).driver
    phone.get(f"{central.url}/t/{ticket.id}?lang=en")
    browser.wait_for(phone, "return window.livePhone && window.livePhone.state === 'waiting'", 10)
    time.sleep(0.5)  # both streams connected

    called_at = time.monotonic()
    call = post(central, f"/v1/counters/{counter}/call-next", headers).json()["ticket"]
    assert call["number"] == ticket.number
    browser.wait_for(tv, f"return document.getElementById('now-number').textContent === '{ticket.number}'", 1.0)
    shown_s = time.monotonic() - called_at
    assert "5" in tv.find_element("id", "now-counter").text
    spoken = browser.wait_for(tv, "return window.liveDisplay.spoken.length >= 2 && window.liveDisplay.spoken", 3.0)
    assert spoken[0] == {"lang": "id", "text": call["announcement"]["id"]}
    assert spoken[1] == {"lang": "en", "text": call["announcement"]["en"]}
    assert tv.execute_script("return window.liveDisplay.chimes") == 1
    assert earlier.number in tv.find_element("id", "recent").text

    browser.wait_for(phone, "return document.getElementById('call').textContent === 'Go to counter 5 now'", 2.0)
    assert phone.find_element("id", "call").is_displayed()
    assert not phone.find_element("id", "ahead").is_displayed()  # no "people ahead" once called
    print(f"display showed the call {shown_s * 1000:.0f} ms after call-next answered")

    folder = os.environ.get("LIVE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tv.save_screenshot(str(Path(folder) / "live-display.png"))
        phone.save_screenshot(str(Path(folder) / "live-phone-called.png"))

    post(central, f"/v1/tickets/{ticket.id}/done", headers)
    browser.wait_for(phone, "return document.getElementById('call').textContent.startsWith('Thank you')", 2.0)


def test_the_display_falls_back_to_polling_without_server_sent_events(central, browsers):
    client = client_for(central)
    headers = staff_session(central, "sari")
    counter = open_counter(central, headers, "5", [KK])
    ticket = confirmed_ticket(client, KK)
    tv = browsers(1280, 720).driver
    # a browser (or a proxy) without working event streams
    tv.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": "delete window.EventSource;"})
    tv.get(f"{central.url}/display?zone=A")
    browser.wait_for(tv, "return window.liveDisplay && window.liveDisplay.events >= 1", 10)
    assert tv.execute_script("return window.liveDisplay.mode") == "poll"
    post(central, f"/v1/counters/{counter}/call-next", headers)
    browser.wait_for(tv, f"return document.getElementById('now-number').textContent === '{ticket.number}'", 3.0)
    browser.wait_for(tv, "return window.liveDisplay.spoken.length >= 1", 3.0)
