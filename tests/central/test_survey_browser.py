"""The survey on the citizen's phone page in a real browser (headless chromium): the ticket's page
offers the survey once a counter finished the service, sends it once, and says so when opened
again; the supervisor's printable report shows the rating. SKM_SCREENSHOTS=DIR saves the phone
survey and the report page there as PNG files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from central.cli import DEFAULT_CATALOG
from central.server import start
from central.testing import TEST_TERMINAL, TEST_TOKEN
from tests.central import browser
from tests.central.conftest import client_for
from tests.central.counters_helpers import staff_session
from tests.central.survey_helpers import Hall

pytestmark = pytest.mark.skipif(not browser.available(), reason="needs chromium and chromium-driver (scripts/setup.sh)")
SHOTS = os.environ.get("SKM_SCREENSHOTS")
SCORES = (4, 4, 3, 2, 4, 3, 4, 3, 4)  # sum 31: 31 / 9 x 25 = 86.11, B


@pytest.fixture
def hall(tmp_path):
    central = start(tmp_path / "central.sqlite3", DEFAULT_CATALOG, {TEST_TERMINAL: TEST_TOKEN})
    client = client_for(central)
    try:
        yield Hall(central, client, ["kia"])
    finally:
        client.close()
        central.stop()


def test_the_phone_page_offers_the_survey_once_the_ticket_is_served(hall, tmp_path):
    ticket = hall.waiting_ticket("kia")
    phone = browser.Browser(412, 860, mobile=True)
    desk = None
    try:
        driver = phone.driver
        driver.get(f"{hall.central.url}/t/{ticket.id}?lang=en")
        browser.wait_for(driver, "return window.livePhone && window.livePhone.state === 'waiting'", 10)
        assert driver.execute_script("return window.phoneSurvey.shown") is False

        hall.serve(ticket)
        browser.wait_for(driver, "return window.phoneSurvey.shown", 10)
        for i, score in enumerate(SCORES, start=1):
            driver.find_element(By.CSS_SELECTOR, f'input[name="u{i}"][value="{score}"]').click()
        Select(driver.find_element(By.NAME, "age_band")).select_by_value("40_49")
        driver.find_element(By.NAME, "suggestion").send_keys("More seats, please")
        if SHOTS:
            driver.save_screenshot(str(Path(SHOTS) / "skm-phone-survey-en.png"))
        driver.find_element(By.CSS_SELECTOR, "#survey-form button").click()
        browser.wait_for(driver, "return window.phoneSurvey.sent", 10)
        assert "Thank you" in driver.find_element(By.ID, "survey").text

        status = requests.get(f"{hall.central.url}/v1/ratings/{ticket.id}", timeout=10).json()
        assert status["rated"] is True
        day = ticket.business_date
        stored = hall.central.app.state.ratings.between(hall.central.app.state.sites.default.id, day, day)
        assert [r.scores for r in stored] == [SCORES]
        assert stored[0].respondent["age_band"] == "40_49" and stored[0].suggestion == "More seats, please"

        # Opened again (or in another tab): no second survey, it says it was rated.
        driver.get(f"{hall.central.url}/t/{ticket.id}?lang=id")
        browser.wait_for(driver, "return window.phoneSurvey.message", 10)
        assert "sudah dinilai" in driver.find_element(By.ID, "survey").text
        assert driver.find_elements(By.ID, "survey-form") == []

        # The supervisor's printable report, as a browser shows it.
        supervisor = staff_session(hall.central, "kepala", role="supervisor")
        page = requests.get(
            f"{hall.central.url}/v1/reports/ikm",
            params={"from": day.isoformat(), "to": day.isoformat(), "format": "html", "lang": "id"},
            headers=supervisor,
            timeout=10,
        )
        assert "<td>Layanan</td><td>Kartu Identitas Anak (KIA)</td><td>1</td><td>86.11</td><td>B</td>" in page.text
        assert '<p class="ikm">86.11 <span>B · Baik</span></p>' in page.text
        if SHOTS:  # a second browser only for the picture
            report = tmp_path / "report.html"
            report.write_text(page.text, encoding="utf-8")
            desk = browser.Browser(1400, 1000)
            desk.driver.get(report.as_uri())
            desk.driver.save_screenshot(str(Path(SHOTS) / "skm-report-id.png"))
    finally:
        phone.stop()
        if desk is not None:
            desk.stop()
