"""Screens rendered for real (offscreen) from flow views, without any service behind them."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from central.catalog_file import load_catalog_file
from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.flow.steps import Step
from kiosk.runtime.scheduler import ManualScheduler
from kiosk.ui.app_wide import set_style_sheet
from kiosk.ui.i18n import Translations
from kiosk.ui.theme import TOUCH_MIN, style_sheet
from kiosk.ui.window import KioskWindow

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog_file(ROOT / "config" / "catalog.toml").catalog


class NeverIssuer:
    def issue(self, request) -> Future:
        return Future()


@pytest.fixture
def window(qtbot, qapp):
    sched = ManualScheduler()
    flow = CitizenFlow(NeverIssuer(), sched, FlowTiming(idle_warn_after_s=45, idle_answer_s=30))
    yield from shown_window(qtbot, qapp, flow, sched)


def shown_window(qtbot, qapp, flow, sched):
    set_style_sheet(style_sheet())  # as the window does: no collection while Qt polishes (app_wide)
    flow.update_status(catalog=CATALOG, printer="ok")
    translations = Translations()
    win = KioskWindow(flow, translations)
    qtbot.addWidget(win)
    win.setFixedSize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    yield win, flow, sched
    flow.send("cancel")
    translations.uninstall()


def visible_buttons(win):
    from PySide6.QtWidgets import QPushButton

    return [b for b in win.findChildren(QPushButton) if b.isVisible()]


@pytest.mark.parametrize("steps", [[], ["take_ticket"], ["take_ticket", ("choose_agency", "dukcapil")]])
def test_every_visible_button_is_a_large_touch_target(window, qtbot, steps):
    win, flow, _ = window
    for step in steps:
        if isinstance(step, tuple):
            flow.send(step[0], agency_id=step[1])
        else:
            flow.send(step)
    qtbot.wait(50)
    buttons = visible_buttons(win)
    assert buttons
    small = [
        (b.objectName(), b.width(), b.height()) for b in buttons if min(b.width(), b.height()) < min(TOUCH_MIN, 72)
    ]
    assert small == []


def test_navigation_sits_in_the_lower_part_of_the_screen(window, qtbot):
    win, flow, _ = window
    flow.send("take_ticket")
    qtbot.wait(50)
    back = next(b for b in visible_buttons(win) if b.objectName() == "Back")
    top = back.mapTo(win, back.rect().topLeft()).y()
    assert top > win.height() * 0.75


def test_idle_warning_overlay_offers_more_time_and_counts_down(window, qtbot):
    win, flow, sched = window
    flow.send("take_ticket")
    sched.advance(46)
    qtbot.waitUntil(win.overlay.isVisible)
    assert "30" in win.overlay.countdown.text()
    qtbot.mouseClick(win.overlay.more, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton)
    assert not win.overlay.isVisible()
    assert flow.step is Step.AGENCY
    sched.advance(46 + 30)
    assert flow.step is Step.WELCOME
    assert not win.overlay.isVisible()


def test_keys_that_could_leave_the_kiosk_do_nothing(window, qtbot):
    from PySide6.QtCore import Qt

    win, flow, _ = window
    flow.send("take_ticket")
    qtbot.keyClick(win, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert win.isVisible() and flow.step is Step.AGENCY
    assert win.close() is False and win.isVisible()


def test_service_screen_shows_fee_and_queue(window, qtbot):
    from kiosk.contract import QueueStatus

    win, flow, _ = window
    flow.update_status(
        queues={"paspor-biasa": QueueStatus(service_id="paspor-biasa", waiting=14, estimated_wait_minutes=70)}
    )
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="imigrasi")
    tiles = {b.objectName(): b for b in visible_buttons(win)}
    paspor = next(t for name, t in tiles.items() if name.startswith("service-paspor"))
    assert "Rp350.000" in paspor.meta.text() or "Rp" in paspor.meta.text()


def test_closed_services_are_greyed_and_say_when_they_open(qtbot, qapp, tmp_path):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kiosk.ui.widgets import Tile

    saturday_afternoon = datetime(2026, 11, 28, 13, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    flow = CitizenFlow(
        NeverIssuer(), ManualScheduler(), FlowTiming(), languages=("en", "id"), clock=lambda: saturday_afternoon
    )
    shown = shown_window(qtbot, qapp, flow, None)
    win, _, _ = next(shown)
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="dukcapil")
    qtbot.wait(50)
    tiles = {t.objectName(): t for t in win.findChildren(Tile) if t.isVisible()}
    kk = tiles["service-kartu-keluarga"]
    assert not kk.isEnabled()
    assert kk.meta.text().endswith("Closed now · opens Monday at 08:00")
    ktp = tiles["service-ktp-el"]  # open on Saturdays, but only until 12:00
    assert not ktp.isEnabled() and ktp.meta.text().endswith("Closed now · opens Monday at 08:00")
    assert not flow.send("choose_service", service_id="kartu-keluarga")
    win.grab().save(str(tmp_path / "service-closed.png"))
    next(shown, None)  # the teardown: cancel, uninstall the translator


def test_kiosk_paints_before_its_services_exist_then_builds_them(qtbot, tmp_path):
    # The kiosk command's start-up order: the welcome screen first ("connecting"), then the
    # central client, printer and staff mode, then the catalogue.
    from kiosk.ui.app import KioskApp
    from launcher.demo import demo_environment

    with demo_environment(tmp_path, ui={"fullscreen": False}) as env:
        app = KioskApp(env.config, env.token, defer_services=True)
        qtbot.addWidget(app.window)
        assert app.runtime is None and app.flow.status.catalog is None
        painted = []
        app.window.first_frame.connect(lambda: painted.append(app.runtime))
        app.start()
        try:
            qtbot.waitUntil(lambda: bool(painted), timeout=5_000)
            assert painted == [None]  # the first frame came before any service was built
            welcome = app.window.screen(Step.WELCOME)
            assert "Connecting" in welcome.banner.text() or "Menghubungkan" in welcome.banner.text()
            qtbot.waitUntil(lambda: app.runtime is not None and app.flow.status.catalog is not None, timeout=10_000)
            assert app.runtime.flow is app.flow
            assert welcome.banner.isHidden()
            app.flow.send("take_ticket")
            assert app.flow.step is Step.AGENCY
        finally:
            app.stop()


def test_easy_access_speaks_each_screen_and_the_idle_question(window, qtbot):
    win, flow, sched = window
    said: list[tuple[str, str]] = []
    stops: list[bool] = []
    win.attach_speech(lambda text, language, **voice: said.append((text, language)), lambda: stops.append(True))
    flow.send("set_language", language="en")
    flow.send("take_ticket")
    assert said == []  # silent unless easy access is on
    flow.send("toggle_accessibility")
    assert said[-1] == ("Choose an agency", "en")
    flow.send("choose_agency", agency_id="dukcapil")
    assert said[-1][0].startswith("Population and Civil Registration Office Choose the service you need.")
    count = len(said)
    flow.update_status(printer="near_end")  # redrawn, but the same screen: nothing said again
    assert len(said) == count
    sched.advance(91)  # accessibility doubles the 45 s limit
    qtbot.waitUntil(win.overlay.isVisible)
    text, _ = said[-1]
    assert text.startswith("Do you need more time?") and "60 seconds" in text
    assert "Yes, more time please." in text and "No, I am finished." in text
    flow.send("more_time")
    assert said[-1][0].startswith("Population and Civil Registration Office")  # the screen again
    flow.send("toggle_accessibility")
    assert stops == [True] and win.last_spoken == ""


@pytest.mark.parametrize("accessible", [False, True], ids=["standard", "large-text"])
def test_service_tiles_show_every_line_whole_with_four_services(window, qtbot, accessible):
    # Dukcapil offers four services: in one column on a 1080-high landscape panel, large text
    # squeezed the tiles and cut their lines; side by side each line has its full height.
    from kiosk.ui.widgets import Tile

    win, flow, _ = window
    if accessible:
        flow.send("toggle_accessibility")
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="dukcapil")
    qtbot.wait(30)
    tiles = [t for t in win.findChildren(Tile) if t.isVisible()]
    assert len(tiles) == 4
    for tile in tiles:
        for line in (tile.heading, tile.detail, tile.meta):
            assert line.height() >= line.heightForWidth(line.width()), (tile.objectName(), line.objectName())
