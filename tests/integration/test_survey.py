"""The satisfaction survey through the real window and the real central (issue 18): a served
ticket rated once at the kiosk (number typed on the keypad), the second try (its QR code
scanned) refused, a ticket still waiting refused, and the rating in the supervisor's report."""

from __future__ import annotations

import os
from pathlib import Path

import requests
from PySide6.QtCore import Qt

from kiosk.api.client import CentralClient
from kiosk.flow.steps import Step
from tests.central.counters_helpers import staff_session
from tests.central.survey_helpers import Hall

from .helpers import tap, wait_step

# SKM_SCREENSHOTS=docs/screenshots saves every survey screen there, in both languages.
SHOTS = os.environ.get("SKM_SCREENSHOTS")


def shoot(qtbot, kiosk, name: str) -> None:
    if not SHOTS:
        return
    flow = kiosk.runtime.flow
    notice = flow.session.notice
    for lang in ("id", "en"):
        flow.send("set_language", language=lang)
        flow.session.notice = notice  # a touch clears the notice; the picture should show it
        flow.update_status()
        qtbot.wait(30)
        kiosk.window.grab().save(str(Path(SHOTS) / f"skm-{name}-{lang}.png"))
    flow.send("set_language", language="id")


def test_a_served_ticket_is_rated_once_at_the_kiosk(qtbot, kiosk, demo_env):
    central = demo_env.central
    client = CentralClient(demo_env.config.central, demo_env.token)
    hall = Hall(central, client, ["akta-kelahiran"])
    waiting = hall.waiting_ticket("akta-kelahiran")
    hall.serve(waiting)
    flow, window = kiosk.runtime.flow, kiosk.window
    kiosk.window.resize(1280, 800)

    shoot(qtbot, kiosk, "0-welcome")
    tap(qtbot, kiosk, "RateService")
    wait_step(qtbot, kiosk, Step.SURVEY_TICKET)
    for key in waiting.number.replace("-", ""):
        tap(qtbot, kiosk, f"surveykey-{key}")
    shoot(qtbot, kiosk, "1-ticket")
    tap(qtbot, kiosk, "SurveySubmit")
    wait_step(qtbot, kiosk, Step.SURVEY_QUESTION)
    scores = (4, 3, 2, 1, 4, 4, 4, 3, 3)
    for i, score in enumerate(scores):
        if i == 2:
            shoot(qtbot, kiosk, "2-question")
            # Easy access reads the question and every answer aloud.
            flow.send("toggle_accessibility")
            qtbot.waitUntil(lambda: "Kurang cepat" in window.last_spoken, timeout=5000)
            assert "Tidak cepat" in window.last_spoken and "Sangat cepat" in window.last_spoken
            flow.send("toggle_accessibility")
        tap(qtbot, kiosk, f"SurveyAnswer-{score}")
    wait_step(qtbot, kiosk, Step.SURVEY_ABOUT)
    flow.send("toggle_accessibility")  # the respondent questions are read with their answers
    qtbot.waitUntil(lambda: "Jenis kelamin: Laki-laki, Perempuan." in window.last_spoken, timeout=5000)
    flow.send("toggle_accessibility")
    tap(qtbot, kiosk, "SurveyAbout-sex-female")
    shoot(qtbot, kiosk, "3-about")
    tap(qtbot, kiosk, "SurveyNext")
    tap(qtbot, kiosk, "SurveyAbout-education-s1")
    shoot(qtbot, kiosk, "3-about-2")
    tap(qtbot, kiosk, "SurveyNext")
    wait_step(qtbot, kiosk, Step.SURVEY_SUGGESTION)
    for key in ("a", "n", "t", "r", "e", "a", "n", "space", "c", "e", "p", "a", "t"):
        tap(qtbot, kiosk, f"textkey-{key}")
    shoot(qtbot, kiosk, "4-suggestion")
    tap(qtbot, kiosk, "SurveySend")
    wait_step(qtbot, kiosk, Step.SURVEY_THANKS)
    shoot(qtbot, kiosk, "5-thanks")
    assert waiting.number in window.screen(Step.SURVEY_THANKS).lead.text()
    tap(qtbot, kiosk, "Done")
    wait_step(qtbot, kiosk, Step.WELCOME)

    # The same ticket's QR code under the scanner: already rated, and nothing more is stored.
    qtbot.keyClicks(window, waiting.track_url)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    wait_step(qtbot, kiosk, Step.SURVEY_TICKET)
    qtbot.waitUntil(lambda: flow.session.notice == "survey.already_rated", timeout=10_000)
    assert "sudah dinilai" in window.notice.text()  # the kiosk speaks Indonesian first
    shoot(qtbot, kiosk, "6-already-rated")
    tap(qtbot, kiosk, "Back")
    wait_step(qtbot, kiosk, Step.WELCOME)

    # A ticket still in the queue: not yet.
    later = hall.waiting_ticket("akta-kelahiran")
    qtbot.keyClicks(window, later.track_url)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.session.notice == "survey.not_served", timeout=10_000)

    # The supervisor's report has exactly this rating.
    supervisor = staff_session(central, "kepala", role="supervisor")
    day = waiting.business_date.isoformat()
    report = requests.get(
        f"{central.url}/v1/reports/ikm", params={"from": day, "to": day}, headers=supervisor, timeout=10
    ).json()
    akta = next(g for g in report["services"] if g["id"] == "akta-kelahiran")
    # (4+3+2+1+4+4+4+3+3) = 28; 28 / 9 x 25 = 77.78: B
    assert (akta["respondents"], akta["ikm"], akta["category"]) == (1, 77.78, "B")
    assert [e["average"] for e in akta["elements"]] == list(scores)
    assert report["respondent_profile"]["sex"] == {"female": 1}
    assert report["suggestions"] == ["antrean cepat"]
    client.close()
