"""Easy access split into what each person needs (issue 17): larger text, high contrast, read
aloud and slower speech each on its own, a volume control, all remembered for the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.steps import Step
from kiosk.runtime.scheduler import ManualScheduler
from kiosk.speech import Speaker, SpeechSettings
from kiosk.ui.theme import HIGH_CONTRAST, PALETTE, current_palette

from .test_screens import NeverIssuer, shown_window


@pytest.fixture
def kiosk(qtbot, qapp):
    sched = ManualScheduler()
    flow = CitizenFlow(NeverIssuer(), sched, FlowTiming())
    shown = shown_window(qtbot, qapp, flow, sched)
    win, flow, _ = next(shown)
    said: list[tuple[str, dict]] = []
    win.attach_speech(lambda text, language, **voice: said.append((text, voice)), lambda: None)
    yield win, flow, said
    next(shown, None)


def test_the_first_touch_turns_everything_on_and_shows_the_choices(kiosk, qtbot):
    win, flow, said = kiosk
    qtbot.mouseClick(win.header.access, qtbot_left())
    assert flow.session.accessible and flow.session.access_off == {"slow_speech"}
    assert win.access_panel.isVisible()
    assert [o for o, b in win.access_panel.options.items() if b.isChecked()] == [
        "large_text",
        "high_contrast",
        "read_aloud",
        "within_reach",
    ]
    assert win.metrics.accessible and current_palette() is HIGH_CONTRAST and said
    # A second touch of the header button only shows the choices again: nothing is lost.
    win.access_panel.done.click()
    qtbot.mouseClick(win.header.access, qtbot_left())
    assert flow.session.accessible and win.access_panel.isVisible()


def test_each_option_works_on_its_own(kiosk, qtbot):
    win, flow, said = kiosk
    flow.send("toggle_accessibility")
    win.access_panel.open()
    win.access_panel.options["high_contrast"].click()  # larger text, but the usual colours
    assert flow.session.access_off == {"high_contrast", "slow_speech"}
    assert win.metrics.accessible and current_palette() is PALETTE
    win.access_panel.options["high_contrast"].click()
    win.access_panel.options["large_text"].click()  # high contrast at the usual size
    assert not win.metrics.accessible and current_palette() is HIGH_CONTRAST
    flow.send("take_ticket")
    assert said[-1][0] == "Pilih instansi" and said[-1][1] == {"pace": 1.0, "loudness": 1.0}
    win.access_panel.options["slow_speech"].click()
    win.access_panel.quieter.click()
    win.access_panel.quieter.click()
    assert flow.session.volume == 2 and "2" in win.access_panel.volume.text()
    flow.send("choose_agency", agency_id="dukcapil")
    assert said[-1][1] == {"pace": 0.75, "loudness": 0.5}
    count = len(said)
    win.access_panel.options["read_aloud"].click()  # silence, while the rest stays
    flow.send("back")
    assert len(said) == count and flow.session.accessible
    assert not win.access_panel.options["slow_speech"].isEnabled()  # nothing to slow down


def test_the_choices_last_for_the_session_and_end_with_it(kiosk, qtbot):
    win, flow, _ = kiosk
    flow.send("toggle_accessibility")
    flow.send("toggle_access_option", option="read_aloud")
    flow.send("set_volume", volume=9)  # out of range: the loudest step
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="dukcapil")
    assert flow.session.access_off == {"read_aloud", "slow_speech"} and flow.session.volume == 4
    flow.send("toggle_access_option", option="nonsense")
    assert flow.session.access_off == {"read_aloud", "slow_speech"}
    win.access_panel.open()
    flow.send("cancel")  # the session ends: the next citizen starts from the usual screen
    assert not flow.session.accessible and flow.session.volume == 4
    assert not win.access_panel.isVisible()


def test_pace_and_loudness_scale_the_configured_voice(tmp_path: Path):
    speaker = Speaker(SpeechSettings(backend="off", rate_wpm=140, volume=100))
    try:
        cmd = speaker._command("halo", "id", None, (0.75, 0.5))
        assert cmd[cmd.index("-s") + 1] == "105" and cmd[cmd.index("-a") + 1] == "50"
        plain = speaker._command("halo", "id", None)
        assert plain[plain.index("-s") + 1] == "140" and plain[plain.index("-a") + 1] == "100"
    finally:
        speaker.close()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_within_reach_is_its_own_choice_on_a_portrait_panel(kiosk, qtbot):
    """On a portrait panel easy access brings the header down within reach from a wheelchair;
    a standing citizen who only wants larger text can keep it at the top."""
    from kiosk.ui.metrics import for_panel

    win, flow, _ = kiosk
    assert not win.access_panel.options["within_reach"].isVisibleTo(win.access_panel)  # landscape
    win.set_panel(for_panel(1080, 1920, 4.0), portrait=True)
    flow.send("toggle_accessibility")
    win.access_panel.open()
    assert win.access_panel.options["within_reach"].isVisibleTo(win.access_panel)
    column = win._column
    assert column.indexOf(win.header) == column.count() - 1  # lowered
    win.access_panel.options["within_reach"].click()
    assert flow.session.access_off == {"slow_speech", "within_reach"}
    assert column.indexOf(win.header) == 0  # back at the top, the rest of easy access stays
    assert win.metrics.accessible


def test_a_kiosk_that_cannot_speak_says_so_where_the_speech_options_are(kiosk, qtbot):
    win, flow, said = kiosk
    working = [True]
    win.attach_speech(lambda text, language, **voice: said.append((text, voice)), lambda: None, lambda: working[0])
    flow.send("toggle_accessibility")
    win.access_panel.open()
    assert not win.access_panel.no_speech.isVisibleTo(win.access_panel)
    assert win.access_panel.options["read_aloud"].isEnabled()
    working[0] = False  # e.g. the last utterance failed: no sound device
    flow.send("take_ticket")
    assert win.access_panel.no_speech.isVisibleTo(win.access_panel)
    assert "belum dapat bersuara" in win.access_panel.no_speech.text()  # Indonesian, the default
    assert not win.access_panel.options["read_aloud"].isEnabled()
    assert not win.access_panel.options["read_aloud"].isChecked()
    assert not win.access_panel.louder.isEnabled() and not win.access_panel.quieter.isEnabled()


def test_no_choices_open_while_a_ticket_is_being_issued(kiosk, qtbot):
    """The flow refuses easy access while the ticket prints: the header button must not open the
    choices of a mode that stayed off."""
    win, flow, _ = kiosk
    assert flow.send("take_ticket") and flow.send("choose_agency", agency_id="bpn")
    assert flow.send("choose_service", service_id="info-pertanahan") and flow.send("confirm")
    assert flow.step is Step.ISSUING
    qtbot.mouseClick(win.header.access, qtbot_left())
    assert not flow.session.accessible
    assert not win.access_panel.isVisible()
