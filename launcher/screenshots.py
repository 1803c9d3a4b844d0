"""Every citizen screen on every kiosk panel, in both languages and both modes, checked and saved
as PNG files for review:

    python -m launcher.screenshots DIR --panel 1366x768@15.6 [--panel ...] [--panel all] [--check-only]

A panel is ``WIDTHxHEIGHT@DIAGONAL`` (inches; leave out ``@...`` for a panel of unknown size, drawn
at the reference density); portrait when it is taller than wide. Without ``--panel``: 1920x1080
and 1080x1920 at 24". Each screen is checked (``launcher.panel_checks``): it fits the panel, no
text is clipped, nothing is off screen, every touch target is >= 15 mm, contrast >= 7:1. The exit
status is 1 when a check fails, with one line per problem naming panel, mode, screen and widget.

It drives the real kiosk against the embedded reference central service, as the demo walk-through
does, once: at each screen it renders every panel, mode and language (``set_panel`` on the same
window), so a long list of panels costs renders, not walks. Files are
``DIR/<panel>/<mode>-<language>-<nn>-<screen>.png``.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.flow.steps import Step

DEMO_NIK = "3273022505600002"  # a demo citizen born in 1960: shows the elderly suggestion
SCREENS = (
    "welcome",
    "access",  # the easy-access options over the welcome screen (easy access only)
    "agency",
    "service",
    "confirm",
    "identify",
    "confirm-identified",
    "payment",
    "ticket",
    "booking",
    "passport",
    "problem",
)
# Screens where a large panel could still go wrong (the longest text and the most keys); the
# small panels, where most can go wrong, render every screen.
LARGE_PANEL_SCREENS = ("welcome", "service", "confirm-identified", "identify", "passport", "ticket")
# ``--quick`` (the test command's choice, for 2 busy cores): large panels only the screens with the
# most keys and lines, in easy access (its larger text and targets are the tightest fit); English
# (the shorter text) only on the shortest panels (under 200 mm tall), where every line counts.
QUICK_LARGE_SCREENS = ("confirm-identified", "identify", "passport")


@dataclass(frozen=True)
class Panel:
    width: int
    height: int
    diagonal_in: float | None = None

    @property
    def name(self) -> str:
        return f"{self.width}x{self.height}" + (f"@{self.diagonal_in:g}" if self.diagonal_in else "")

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def px_per_mm(self) -> float:
        from kiosk.ui.metrics import REFERENCE_PX_PER_MM

        if not self.diagonal_in:
            return REFERENCE_PX_PER_MM
        return math.hypot(self.width, self.height) / (self.diagonal_in * 25.4)

    @property
    def small(self) -> bool:
        """Shorter than 300 mm, or fewer than 1080 pixels across its short side."""
        return min(self.width, self.height) < 1080 or min(self.width, self.height) / self.px_per_mm < 300

    def screens(self, quick: bool = False) -> tuple[str, ...]:
        if self.small:
            return SCREENS
        return QUICK_LARGE_SCREENS if quick else LARGE_PANEL_SCREENS

    def languages(self, quick: bool = False) -> tuple[str, ...]:
        shortest = min(self.width, self.height) / self.px_per_mm < 200
        return ("id", "en") if shortest or not quick else ("id",)

    def modes(self, quick: bool = False) -> tuple[bool, ...]:
        return (True,) if quick and not self.small else (False, True)


def parse_panel(text: str) -> Panel:
    size, _, diagonal = text.partition("@")
    width, _, height = size.lower().partition("x")
    try:
        return Panel(int(width), int(height), float(diagonal) if diagonal else None)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a panel (WIDTHxHEIGHT@INCHES): {text[:40]!r}") from None


# The panels issue 17 names (kiosk/ui must hold them all), and cage's headless 1280x720 output.
ALL_PANELS = tuple(
    parse_panel(p)
    for p in (
        "1920x1080@21.5",
        "1920x1080@24",
        "1920x1080@32",
        "1080x1920@21.5",
        "1080x1920@32",
        "1366x768@15.6",
        "1366x768@18.5",
        "1280x1024@17",
        "1280x1024@19",
        "1280x800@10.1",
        "2160x3840@43",
        "1280x720",
    )
)
DEFAULT_PANELS = (parse_panel("1920x1080@24"), parse_panel("1080x1920@24"))


class ScreenChecker:
    """At one screen of the walk: each panel, mode and language rendered, checked and saved."""

    def __init__(self, app, panels, out_dir: Path | None, quick: bool = False) -> None:
        self.app, self.panels, self.out_dir, self.quick = app, panels, out_dir, quick
        self.problems: list[str] = []
        self.rendered = 0
        self.index = 0

    def here(self, screen: str) -> None:
        from kiosk.ui.metrics import for_panel

        from .panel_checks import check_screen, pil_image

        self.index += 1
        flow, window = self.app.flow, self.app.window
        start = (flow.session.language, flow.session.accessible)
        for panel in self.panels:
            if screen not in panel.screens(self.quick):
                continue
            window.set_panel(for_panel(panel.width, panel.height, panel.px_per_mm), panel.portrait)
            window.setFixedSize(panel.width, panel.height)
            for accessible in panel.modes(self.quick):
                if screen == "access" and not accessible:
                    continue  # the options exist only in easy access
                if flow.session.accessible != accessible:
                    flow.send("toggle_accessibility")
                for language in panel.languages(self.quick):
                    flow.send("set_language", language=language)
                    if screen == "access":
                        window.access_panel.open()
                    self._settle()
                    image = window.grab().toImage()
                    mode = "accessible" if accessible else "standard"
                    found = check_screen(window, window.stack.currentWidget(), panel.px_per_mm, pil_image(image))
                    self.problems += [f"{panel.name} {mode}-{language} {screen}: {p}" for p in found]
                    self.rendered += 1
                    if self.out_dir is not None:
                        path = self.out_dir / panel.name / f"{mode}-{language}-{self.index:02d}-{screen}.png"
                        path.parent.mkdir(parents=True, exist_ok=True)
                        image.save(str(path), "PNG")
        # Back as the walk left it: it goes on in that language and mode.
        window.access_panel.hide()
        if flow.session.accessible != start[1]:
            flow.send("toggle_accessibility")
        flow.send("set_language", language=start[0])
        self._settle()

    def _settle(self) -> None:
        for _ in range(3):
            self.app.qapp.processEvents()


def check_panels(panels, out_dir: Path | None, quick: bool = False) -> ScreenChecker:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.app import KioskApp
    from launcher.demo import demo_environment
    from launcher.walkthrough import Walkthrough

    first = panels[0]
    ui = {
        "orientation": "portrait" if first.portrait else "landscape",
        "width_px": first.width,
        "height_px": first.height,
        "fullscreen": False,
        "demo_panel": False,
    }
    # Long time limits: the walk stays on each screen while every panel is rendered.
    idle = {"warn_after_s": 600, "answer_s": 300, "ticket_display_s": 120}
    with (
        tempfile.TemporaryDirectory(prefix="anjungan-shots-") as tmp,
        demo_environment(Path(tmp), ui=ui, idle=idle, payments={"enabled": True}) as env,
    ):
        app = KioskApp(env.config, env.token)
        app.start()
        try:
            checker = ScreenChecker(app, panels, out_dir, quick)
            _walk(Walkthrough(app, env.central_url, out_dir or Path(tmp)), checker.here)
            return checker
        finally:
            app.stop()
            # Gone before the next walk in this process makes its own window (a stopped window's
            # timers and threads outliving it crashed the second walk of a test session).
            from PySide6.QtCore import QCoreApplication, QEvent

            app.window.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _walk(tour, here) -> None:
    """Through every screen once, calling ``here(name)`` at each."""
    tour.wait(lambda: tour.flow.status.catalog is not None, "the catalogue")
    tour.wait(lambda: tour.flow.status.printer != "unknown", "the printer status")
    here("welcome")
    here("access")
    tour.click("TakeTicket")
    tour.at(Step.AGENCY)
    here("agency")
    tour.click("agency-imigrasi")
    tour.at(Step.SERVICE)
    here("service")
    tour.click("service-paspor-biasa")
    tour.at(Step.CONFIRM)
    here("confirm")
    tour.click("Confirm")
    tour.at(Step.IDENTIFY)
    for digit in DEMO_NIK[:9]:
        tour.flow.send("nik_key", key=digit)
    here("identify")
    for digit in DEMO_NIK[9:]:
        tour.flow.send("nik_key", key=digit)
    tour.flow.send("nik_submit")
    tour.at(Step.CONFIRM)
    here("confirm-identified")
    tour.flow.send("confirm")
    tour.wait(lambda: tour.flow.step is not Step.CONFIRM, "the step after confirm")
    if tour.flow.step is Step.PAYMENT:
        tour.wait(lambda: getattr(tour.flow.session.payment, "state", None) == "waiting", "the QR code")
        here("payment")
        tour.pay_when_shown()
    tour.at(Step.TICKET)
    here("ticket")
    tour.flow.send("done")
    tour.at(Step.WELCOME)
    tour.flow.send("check_in")
    tour.at(Step.BOOKING)
    for c in "BDG7K3":
        tour.flow.send("booking_key", key=c)
    here("booking")
    # An e-passport on the reader (no reader in the demo: the reader's event, sent as it would).
    tour.flow.send("cancel")
    tour.at(Step.WELCOME)
    tour.choose("imigrasi", "e-paspor")
    tour.flow.send("mrz_needed", session_id=tour.flow.session.id)
    tour.at(Step.PASSPORT)
    for c in "L898902C3":
        tour.flow.send("mrz_key", key=c)
    here("passport")
    # The central failing: the problem screen. Answers it cannot read, not an outage: through an
    # outage (HTTP 500, no answer) a free walk-in service is issued from the kiosk's lease.
    tour.flow.send("cancel")
    tour.at(Step.WELCOME)
    tour.central_fault("malformed")
    try:
        tour.choose("dukcapil", "akta-kelahiran")
        tour.flow.send("confirm")
        tour.wait(lambda: tour.flow.step in (Step.ISSUE_FAILED, Step.UNAVAILABLE), "the outage", 30)
        here("problem")
    finally:
        tour.central_fault("ok")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m launcher.screenshots", description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", nargs="?", default="out/screenshots", type=Path)
    parser.add_argument(
        "--panel",
        action="append",
        default=[],
        help="WIDTHxHEIGHT@INCHES (repeatable), or 'all' for every panel the kiosk must hold",
    )
    parser.add_argument("--check-only", action="store_true", help="check every screen, write no files")
    parser.add_argument("--quick", action="store_true", help="fewer screens and languages on the large panels")
    args = parser.parse_args(argv)
    panels: list[Panel] = []
    for text in args.panel:
        panels += ALL_PANELS if text == "all" else [parse_panel(text)]
    panels = list(dict.fromkeys(panels)) or list(DEFAULT_PANELS)
    started = time.monotonic()
    checker = check_panels(panels, None if args.check_only else args.out_dir, args.quick)
    for problem in checker.problems:
        print(problem)
    where = "" if args.check_only else f" in {args.out_dir.resolve()}"
    print(
        f"{checker.rendered} screens on {len(panels)} panels{where}, {time.monotonic() - started:.0f} s: "
        f"{len(checker.problems)} problems"
    )
    return 1 if checker.problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
