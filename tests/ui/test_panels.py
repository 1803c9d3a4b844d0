"""Every panel the kiosk must hold (issue 17), checked by the screenshot tool on the real kiosk
and the reference central service: fits, no clipped text, nothing off screen, targets >= 15 mm,
contrast >= 7:1. Also the density rules on their own."""

from __future__ import annotations

import math

import pytest

from kiosk.ui.metrics import (
    REFERENCE_PX_PER_MM,
    Metrics,
    for_panel,
    px_per_mm,
    reading_scale,
)
from launcher.screenshots import ALL_PANELS, parse_panel


def test_density_comes_from_the_configured_width_then_diagonal_then_the_display():
    assert px_per_mm(1366, 768, width_mm=344.0) == pytest.approx(1366 / 344)
    assert px_per_mm(1366, 768, diagonal_in=15.6) == pytest.approx(math.hypot(1366, 768) / (15.6 * 25.4))
    assert px_per_mm(1920, 1080, reported_mm=(477.0, 268.0)) == pytest.approx(1920 / 477)
    # What some EDIDs say (nothing, or a projector's size): the reference density instead.
    assert px_per_mm(1280, 720, reported_mm=(0.0, 0.0)) == REFERENCE_PX_PER_MM
    assert px_per_mm(1280, 720, reported_mm=(1600.0, 300.0)) == REFERENCE_PX_PER_MM


@pytest.mark.parametrize("panel", ALL_PANELS, ids=lambda p: p.name)
@pytest.mark.parametrize("accessible", [False, True])
def test_touch_size_is_at_least_15_mm_on_every_panel(panel, accessible):
    metrics = for_panel(panel.width, panel.height, panel.px_per_mm).with_mode(accessible)
    assert metrics.touch / panel.px_per_mm >= 15
    if accessible:
        assert metrics.touch > for_panel(panel.width, panel.height, panel.px_per_mm).touch


def test_text_is_smaller_in_mm_only_on_panels_read_from_closer():
    assert reading_scale(300) == 1.0  # a 24" landscape panel: read at 500 mm
    assert reading_scale(136) == pytest.approx(0.7)  # a 10.1" tablet: at arm's length
    tablet = for_panel(1280, 800, parse_panel("1280x800@10.1").px_per_mm)
    caption_mm = tablet.with_mode(True).type_px()["caption"] / tablet.px_per_mm
    # Capitals (~0.73 em) of 6 mm at 500 mm are 4.2 mm at 350 mm: the same size to the eye.
    assert caption_mm * 0.73 >= 6 * 0.7 - 0.1
    assert Metrics(accessible=True).type_px()["caption"] * 0.73 / REFERENCE_PX_PER_MM >= 6


def test_panel_names_parse_and_bad_ones_are_refused():
    assert parse_panel("1366x768@15.6").name == "1366x768@15.6"
    assert parse_panel("1080x1920@21.5").portrait
    with pytest.raises(Exception, match="not a panel"):
        parse_panel("big")


# The panels in groups, one walk each (each well inside the per-test time limit); ``--quick`` (see
# launcher/screenshots.py): small panels render every screen, the large ones the fullest three.
GROUPS = {
    "short-landscape": ["1366x768@15.6", "1366x768@18.5", "1280x720"],
    "five-by-four": ["1280x1024@17", "1280x1024@19"],
    "large": ["1920x1080@21.5", "1920x1080@24", "1920x1080@32", "1080x1920@21.5", "1080x1920@32", "2160x3840@43"],
    "tablet": ["1280x800@10.1"],
}
_runs: dict = {}


def panel_problems(group: str) -> tuple[int, list[str]]:
    """Rendered screens and problems of one walk over the group's panels (once per test session)."""
    from launcher.screenshots import check_panels

    if group not in _runs:
        run = check_panels([parse_panel(p) for p in GROUPS[group]], None, quick=True)
        _runs[group] = (run.rendered, run.problems)
    return _runs[group]


def test_the_groups_cover_every_panel():
    assert sorted(p for names in GROUPS.values() for p in names) == sorted(p.name for p in ALL_PANELS)


@pytest.mark.parametrize("group", list(GROUPS))
def test_every_screen_passes_the_checks_on_every_panel(qapp, group):
    rendered, problems = panel_problems(group)
    assert rendered >= 18
    assert problems == []


def test_easy_access_on_the_tablet_puts_header_and_navigation_beside_the_content(qapp):
    # The tablet's walk ran above (the group's problems are []), easy access included: every
    # screen fits its 136 mm height because the header and the buttons stand in a side column.
    rendered, problems = panel_problems("tablet")
    # 11 screens x 2 modes x 2 languages, and the easy-access options in both languages.
    assert rendered == 46 and problems == []


def test_a_failing_check_names_the_widget(qtbot, qapp):
    # The kiosk laid out for the reference panel, checked as if its pixels were twice as dense:
    # the 16 mm buttons are then 8 mm, and the check must say so, naming each one.
    from concurrent.futures import Future
    from pathlib import Path

    from central.catalog_file import load_catalog_file
    from kiosk.flow.citizen import CitizenFlow, FlowTiming
    from kiosk.runtime.scheduler import ManualScheduler
    from kiosk.ui.i18n import Translations
    from kiosk.ui.window import KioskWindow
    from launcher.panel_checks import check_screen, pil_image

    class NeverIssuer:
        def issue(self, request) -> Future:
            return Future()

    flow = CitizenFlow(NeverIssuer(), ManualScheduler(), FlowTiming())
    flow.update_status(
        catalog=load_catalog_file(Path(__file__).resolve().parents[2] / "config" / "catalog.toml").catalog, printer="ok"
    )
    translations = Translations()
    win = KioskWindow(flow, translations)
    qtbot.addWidget(win)
    win.setFixedSize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    qtbot.wait(50)  # laid out and painted
    frame = pil_image(win.grab().toImage())
    assert check_screen(win, win.stack.currentWidget(), REFERENCE_PX_PER_MM, frame) == []
    problems = check_screen(win, win.stack.currentWidget(), 2 * REFERENCE_PX_PER_MM, frame)
    assert any(p.startswith("QPushButton CheckIn") and "touch target 8.0 mm" in p for p in problems), problems
    translations.uninstall()
