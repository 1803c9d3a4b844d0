"""The keypads of the passport, booking and survey screens share their construction (base.Screen,
code_keypad.py): each must still carry its own keys, in the session's language."""

from __future__ import annotations

import pytest

from kiosk.flow.citizen import FlowView
from kiosk.flow.session import CitizenSession
from kiosk.flow.status import KioskStatus
from kiosk.flow.steps import Step
from kiosk.ui.i18n import Translations
from kiosk.ui.screens.booking import BookingScreen
from kiosk.ui.screens.passport import PassportScreen
from kiosk.ui.screens.survey import SurveySuggestionScreen, SurveyTicketScreen

SCREENS = [
    (PassportScreen, Step.PASSPORT),
    (BookingScreen, Step.BOOKING),
    (SurveyTicketScreen, Step.SURVEY_TICKET),
    (SurveySuggestionScreen, Step.SURVEY_SUGGESTION),
]


@pytest.fixture(scope="module")
def translations(qapp):
    shared = Translations()
    yield shared
    shared.uninstall()


@pytest.mark.parametrize(
    ("language", "clear", "delete"),
    [("id", "Hapus", "Hapus karakter terakhir"), ("en", "Clear", "Delete last character")],
)
@pytest.mark.parametrize(("make", "step"), SCREENS)
def test_edit_keys_speak_the_sessions_language(qtbot, translations, make, step, language, clear, delete):
    translations.use(language)
    screen = make()
    qtbot.addWidget(screen)
    screen.render(FlowView(step, CitizenSession(language), KioskStatus(), False, 30.0, ("id", "en")))
    assert screen.keys["clear"].text() == clear
    assert (screen.keys["back"].text(), screen.keys["back"].accessibleName()) == ("⌫", delete)


def test_booking_and_survey_ticket_keypads_are_the_same_keys_in_the_same_places(qtbot):
    booking, survey = BookingScreen(), SurveyTicketScreen()
    qtbot.addWidget(booking)
    qtbot.addWidget(survey)

    def places(screen, prefix):
        grid = screen.keypad.grid
        found = {}
        for key, b in screen.keys.items():
            assert b.objectName() == f"{prefix}-{key}"
            found[key] = grid.getItemPosition(grid.indexOf(b))
        return found

    assert places(booking, "bookingkey") == places(survey, "surveykey")
    # Ten across: digits, then 23 letters (no I, O, Q), then back (2 wide) and clear to the end.
    assert places(survey, "surveykey")["back"] == (3, 3, 1, 2)
    assert places(survey, "surveykey")["clear"] == (3, 5, 1, 5)
