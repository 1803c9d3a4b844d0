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


def test_survey_ticket_keypad_fits_the_tablet_in_easy_access(qtbot, qapp):
    # Easy access on a 10" tablet puts the header and navigation in a side column (side mode):
    # the booking keypad then goes eight across; the survey's, the same keypad, kept ten and
    # made the window 1347 px wide on a 1280 px panel.
    from concurrent.futures import Future
    from pathlib import Path

    from central.catalog_file import load_catalog_file
    from kiosk.flow.citizen import CitizenFlow, FlowTiming
    from kiosk.runtime.scheduler import ManualScheduler
    from kiosk.ui.metrics import current, for_panel, use
    from kiosk.ui.theme import style_sheet
    from kiosk.ui.window import KioskWindow
    from launcher.panel_checks import check_screen, pil_image
    from launcher.screenshots import parse_panel

    class NeverAnswers:  # the screen is only drawn: nothing is issued or rated
        def issue(self, request) -> Future:
            return Future()

        def check(self, ticket) -> Future:
            return Future()

    catalog = load_catalog_file(Path(__file__).resolve().parents[2] / "config" / "catalog.toml").catalog
    flow = CitizenFlow(NeverAnswers(), ManualScheduler(), FlowTiming(), ratings=NeverAnswers())
    flow.update_status(catalog=catalog, printer="ok")
    panel = parse_panel("1280x800@10.1")
    # The window sets the process-wide metrics and the application's style sheet: the tests after
    # this one get theirs back.
    metrics_before, style_before = current(), qapp.styleSheet()
    qapp.setStyleSheet(style_sheet())
    translations = Translations()
    win = KioskWindow(flow, translations)
    qtbot.addWidget(win)
    try:
        win.set_panel(for_panel(panel.width, panel.height, panel.px_per_mm), panel.portrait)
        win.setFixedSize(panel.width, panel.height)
        win.show()
        qtbot.waitExposed(win)
        flow.send("toggle_accessibility")
        flow.send("rate_service")
        for key in "D001":
            flow.send("survey_key", key=key)
        screen = win.stack.currentWidget()
        assert isinstance(screen, SurveyTicketScreen)
        qtbot.wait(50)  # laid out and painted
        problems = check_screen(win, screen, panel.px_per_mm, pil_image(win.grab().toImage()))
        assert problems == []
        assert screen.keypad.columns == 8
    finally:
        flow.send("cancel")
        translations.uninstall()
        win.close()
        use(metrics_before)
        qapp.setStyleSheet(style_before)
