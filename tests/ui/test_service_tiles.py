"""Service tiles are kept across queue refreshes (issue 20): a tap right after a refresh lands."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.contract.catalog import QueueStatus
from kiosk.flow.steps import Step
from kiosk.ui.widgets import Tile

from .test_screens import window  # noqa: F401 - the shown window fixture


def _tiles(screen) -> dict[str, Tile]:
    return {t.objectName(): t for t in screen.findChildren(Tile)}


def test_a_queue_refresh_updates_the_tiles_in_place_and_a_tap_right_after_lands(window, qtbot):
    win, flow, _ = window
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="dukcapil")
    qtbot.wait(50)
    screen = win.screen(Step.SERVICE)
    before = _tiles(screen)
    service = flow.status.catalog.services_for("dukcapil")[-1]
    tile = before[f"service-{service.id}"]
    centre = tile.mapTo(win, tile.rect().center())

    # The periodic refresh: new queue figures (a new dict), and the citizen taps at that moment,
    # before the event loop turns again.
    flow.update_status(queues={service.id: QueueStatus(service_id=service.id, waiting=7, estimated_wait_minutes=21)})
    under = win.childAt(centre)  # where the system would deliver the touch
    assert under is tile
    QTest.mouseClick(under, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, under.mapFrom(win, centre))
    assert flow.step is Step.CONFIRM and flow.session.service_id == service.id
    after = _tiles(screen)
    assert after.keys() == before.keys()
    assert all(after[name] is before[name] for name in before)  # the same widgets, not rebuilt
    assert "7 waiting" in tile.meta.text() or "7 menunggu" in tile.meta.text()


def test_tiles_are_made_again_when_the_services_change(window, qtbot):
    win, flow, _ = window
    flow.send("take_ticket")
    flow.send("choose_agency", agency_id="dukcapil")
    qtbot.wait(50)
    screen = win.screen(Step.SERVICE)
    dukcapil = set(_tiles(screen))
    flow.send("back")
    flow.send("choose_agency", agency_id="imigrasi")
    qtbot.wait(50)
    imigrasi = {name for name, t in _tiles(screen).items() if t.isVisible()}
    assert imigrasi == {f"service-{s.id}" for s in flow.status.catalog.services_for("imigrasi")}
    assert not imigrasi & dukcapil
