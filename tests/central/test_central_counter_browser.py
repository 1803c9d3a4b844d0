"""The counter app (/counter) in a real browser (headless chromium) at 1366x768, the smallest
screen the issue names: staff signs in, picks the counter, calls with the keyboard (N), the called
number shows; Recall (R), No-show (X), the next call, Done (D). LIVE_SCREENSHOTS=DIR saves the
desk as live-counter.png there."""

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import TEST_TERMINAL, TEST_TOKEN, SettableClock, utc
from tests.central import browser
from tests.central.conftest import client_for
from tests.central.counters_helpers import PASSWORD, confirmed_ticket

pytestmark = pytest.mark.skipif(not browser.available(), reason="needs chromium and chromium-driver (scripts/setup.sh)")
KK = "kartu-keluarga"


def _text_is(driver, element_id: str, text: str, within_s: float = 3.0) -> None:
    browser.wait_for(driver, f"return document.getElementById('{element_id}').textContent === {text!r}", within_s)


@pytest.fixture(scope="module")
def central(tmp_path_factory):
    running = start(
        tmp_path_factory.mktemp("counter") / "central.sqlite3",
        DEFAULT_CATALOG,
        {TEST_TERMINAL: TEST_TOKEN},
        clock=SettableClock(utc(2026, 11, 27, 5, 0, 0)),
    )
    yield running
    running.stop()


@pytest.fixture(scope="module")
def page():
    b = browser.Browser(1366, 768)
    yield b.driver
    b.stop()


def _key(driver, key: str) -> None:
    driver.find_element(By.TAG_NAME, "body").send_keys(key)


def test_staff_calls_recalls_skips_and_serves_at_the_counter(central, page):
    central.app.state.staff.add("sari", PASSWORD, "counter_staff", display_name="Sari Wulandari")
    central.app.state.calls.add_counter("5", "A", [KK])
    client = client_for(central)
    first = confirmed_ticket(client, KK)
    second = confirmed_ticket(client, KK)
    confirmed_ticket(client, KK)  # still waiting at the end

    page.get(f"{central.url}/counter")
    page.find_element(By.NAME, "username").send_keys("sari")
    page.find_element(By.NAME, "password").send_keys(PASSWORD + "\n")
    browser.wait_for(page, "return !document.getElementById('pick').hidden")
    assert "Sari Wulandari" in page.find_element(By.ID, "who").text
    page.find_element(By.CSS_SELECTOR, "#pick button[type=submit]").click()
    browser.wait_for(page, "return !document.getElementById('desk').hidden")

    _key(page, "n")  # Call next
    _text_is(page, "current", first.number)
    assert page.find_element(By.ID, "done").is_enabled() and not page.find_element(By.ID, "call").is_enabled()
    _key(page, "r")  # Recall: announced a second time
    browser.wait_for(page, "return document.getElementById('state').textContent.includes('2')")
    _key(page, "x")  # No-show
    browser.wait_for(page, "return document.getElementById('call').disabled === false")
    assert "no_show" in page.execute_script("return document.getElementById('current').dataset.state")
    _key(page, "n")
    _text_is(page, "current", second.number)
    _key(page, "d")  # Done
    browser.wait_for(page, "return document.getElementById('current').dataset.state === 'done'")
    _key(page, "n")  # and the next one, for the picture
    browser.wait_for(page, f"return document.getElementById('current').textContent !== {second.number!r}")
    assert page.find_element(By.ID, "message").text == ""

    folder = os.environ.get("LIVE_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.save_screenshot(str(Path(folder) / "live-counter.png"))
