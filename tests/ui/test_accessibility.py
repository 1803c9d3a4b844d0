"""Accessibility measured on the rendered widgets: contrast from the pixels Qt drew, target and
letter sizes in millimetres on the configured panel, controls within reach in portrait mode."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QLabel, QPushButton

from central.catalog_file import load_catalog_file
from kiosk.flow.citizen import CitizenFlow, FlowTiming
from kiosk.runtime.scheduler import ManualScheduler
from kiosk.ui.i18n import Translations
from kiosk.ui.window import KioskWindow

ROOT = Path(__file__).resolve().parents[2]
CATALOG = load_catalog_file(ROOT / "config" / "catalog.toml").catalog
PANEL_MM = {"landscape": 527.0, "portrait": 296.0}  # a 24" 16:9 panel, mounted either way
SIZE = {"landscape": (1920, 1080), "portrait": (1080, 1920)}


class NeverIssuer:
    def issue(self, request) -> Future:
        return Future()


def luminance(rgb) -> float:
    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)


def rendered_contrast(window_image, widget, window) -> float:
    """Contrast between the lightest and darkest pixels Qt drew where the widget is on screen
    (its text against whatever ground it sits on, parents' backgrounds included)."""
    from PySide6.QtCore import QRect

    top_left = widget.mapTo(window, widget.rect().topLeft())
    image = window_image.copy(QRect(top_left, widget.size()))
    values = sorted(
        luminance(image.pixelColor(x, y).getRgb()[:3])
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    # A few samples trimmed at each end against stray pixels; not a share of the area: in a wide
    # key the "1" is a sliver, and a share would cut all of its ink and measure the border instead.
    trim = min(4, len(values) // 200)
    lo, hi = values[trim], values[-1 - trim]
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture(params=["landscape", "portrait"])
def kiosk(request, qtbot, qapp):
    yield from make_kiosk(request.param, qtbot)


@pytest.fixture
def portrait_kiosk(qtbot, qapp):
    yield from make_kiosk("portrait", qtbot)


def make_kiosk(orientation, qtbot):
    flow = CitizenFlow(NeverIssuer(), ManualScheduler(), FlowTiming())
    flow.update_status(catalog=CATALOG, printer="ok")
    translations = Translations()
    win = KioskWindow(flow, translations, portrait=orientation == "portrait")
    qtbot.addWidget(win)
    win.setFixedSize(*SIZE[orientation])
    win.show()
    qtbot.waitExposed(win)
    yield win, flow, SIZE[orientation][0] / PANEL_MM[orientation], orientation
    flow.send("cancel")
    translations.uninstall()  # last: the render after "cancel" would install it again


def visit(flow, step: str) -> None:
    if step == "booking":
        flow.send("check_in")
        for c in "BDG7K3":
            flow.send("booking_key", key=c)
        return
    flow.send("take_ticket")
    if step in ("service", "confirm", "identify"):
        flow.send("choose_agency", agency_id="imigrasi")
    if step in ("confirm", "identify"):
        flow.send("choose_service", service_id="paspor-biasa")
    if step == "identify":
        flow.send("confirm")  # the service requires identity: the NIK keypad
        for c in "3273015708":
            flow.send("nik_key", key=c)


def shown(win, kind):
    return [w for w in win.findChildren(kind) if w.isVisible() and w.width() > 0]


@pytest.mark.parametrize("accessible", [False, True], ids=["standard", "accessible"])
@pytest.mark.parametrize("step", ["welcome", "agency", "service", "confirm", "identify", "booking"])
def test_touch_targets_are_at_least_15_mm_and_text_contrast_7_to_1(kiosk, qtbot, step, accessible):
    win, flow, px_per_mm, _ = kiosk
    if accessible:
        flow.send("toggle_accessibility")
    if step != "welcome":
        visit(flow, step)
    qtbot.wait(30)
    buttons = shown(win, QPushButton)
    assert buttons
    for b in buttons:
        assert min(b.width(), b.height()) / px_per_mm >= 15, (b.objectName(), b.width(), b.height())
    frame = win.grab().toImage()
    for widget in [*buttons, *[label for label in shown(win, QLabel) if label.text().strip()]]:
        ratio = rendered_contrast(frame, widget, win)
        assert ratio >= 7.0, (widget.objectName(), widget.text()[:30], round(ratio, 2))


@pytest.mark.parametrize("step", ["welcome", "agency", "confirm"])
def test_large_text_mode_has_capitals_of_at_least_6_mm(kiosk, qtbot, step):
    win, flow, px_per_mm, _ = kiosk
    flow.send("toggle_accessibility")
    if step != "welcome":
        visit(flow, step)
    qtbot.wait(30)
    texts = [w for w in [*shown(win, QLabel), *shown(win, QPushButton)] if w.text().strip()]
    assert texts
    small = [
        (w.objectName(), w.text()[:20], round(QFontMetricsF(w.font()).capHeight() / px_per_mm, 2))
        for w in texts
        if QFontMetricsF(w.font()).capHeight() / px_per_mm < 6.0
    ]
    assert small == []


def test_standard_mode_text_is_smaller_than_large_text_mode(kiosk, qtbot):
    win, flow, _px_per_mm, _ = kiosk
    title = win.screens[flow.step].title
    standard = QFontMetricsF(title.font()).capHeight()
    flow.send("toggle_accessibility")
    qtbot.wait(30)
    assert QFontMetricsF(title.font()).capHeight() > standard * 1.2


@pytest.mark.parametrize("step", ["welcome", "agency", "confirm"])
def test_portrait_accessibility_mode_puts_every_control_within_reach(portrait_kiosk, qtbot, step):
    win, flow, _, _ = portrait_kiosk
    flow.send("toggle_accessibility")
    if step != "welcome":
        visit(flow, step)
    qtbot.wait(30)
    buttons = shown(win, QPushButton)
    assert len(buttons) >= 3
    for b in buttons:
        top = b.mapTo(win, b.rect().topLeft()).y()
        assert top >= win.height() * 0.4, (step, b.objectName(), top)
