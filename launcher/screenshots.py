"""Every citizen screen in both languages, both orientations, with and without accessibility
mode, as PNG files for review: ``python -m launcher.screenshots DIR`` (offscreen, ~1 min, 88 files).

It drives the real kiosk against the embedded reference central service, the same way the demo
walk-through does, and names each file ``<orientation>-<mode>-<language>-<nn>-<screen>.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from kiosk.flow.steps import Step

SIZES = {"landscape": (1920, 1080), "portrait": (1080, 1920)}
DEMO_NIK = "3273022505600002"  # a demo citizen born in 1960: shows the elderly suggestion


def capture_all(out_dir: Path) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    written: list[Path] = []
    for orientation, (width, height) in SIZES.items():
        for accessible in (False, True):
            for language in ("id", "en"):
                prefix = f"{orientation}-{'accessible' if accessible else 'standard'}-{language}"
                written += _tour(out_dir, prefix, orientation, width, height, accessible, language)
    return written


def _tour(out_dir, prefix, orientation, width, height, accessible, language) -> list[Path]:
    from launcher.demo import demo_environment
    from launcher.walkthrough import Walkthrough

    from kiosk.ui.app import KioskApp, save_png

    ui = {"orientation": orientation, "width_px": width, "height_px": height, "fullscreen": False,
          "demo_panel": False}
    with tempfile.TemporaryDirectory(prefix="anjungan-shots-") as tmp, \
            demo_environment(Path(tmp), ui=ui, payments={"enabled": True}) as env:
        app = KioskApp(env.config, env.token)
        app.start()
        try:
            tour = Walkthrough(app, env.central_url, out_dir)
            tour.wait(lambda: tour.flow.status.catalog is not None, "the catalogue")
            tour.wait(lambda: tour.flow.status.printer != "unknown", "the printer status")

            def session_settings() -> None:
                # Every session starts in the default language and mode: set this tour's again.
                if language != "id":
                    tour.click(f"lang-{language}")
                if accessible:
                    tour.click("AccessibilityToggle")

            def start_over() -> None:
                tour.flow.send("cancel")
                tour.at(Step.WELCOME)
                session_settings()

            def shot(name: str) -> None:
                tour.written.append(save_png(app.window, out_dir / f"{prefix}-{len(tour.written) + 1:02d}-{name}.png"))

            session_settings()

            shot("welcome")
            tour.click("TakeTicket")
            tour.at(Step.AGENCY)
            shot("agency")
            tour.click("agency-imigrasi")
            tour.at(Step.SERVICE)
            shot("service")
            tour.click("service-paspor-biasa")
            tour.at(Step.CONFIRM)
            shot("confirm")
            tour.click("Confirm")
            tour.at(Step.IDENTIFY)
            for digit in DEMO_NIK[:9]:
                tour.click(f"key-{digit}")
            shot("identify")
            for digit in DEMO_NIK[9:]:
                tour.click(f"key-{digit}")
            tour.click("NikSubmit")
            tour.at(Step.CONFIRM)
            shot("confirm-identified")
            tour.click("Confirm")
            tour.wait(lambda: tour.flow.step is not Step.CONFIRM, "the step after confirm")
            if tour.flow.step is Step.PAYMENT:
                tour.at(Step.PAYMENT)
                tour.wait(lambda: getattr(tour.flow.session.payment, "state", None) == "waiting", "the QR code")
                shot("payment")
                tour.pay_when_shown()
            tour.at(Step.TICKET)
            shot("ticket")
            tour.click("Done")
            tour.at(Step.WELCOME)
            session_settings()
            tour.click("CheckIn")
            tour.at(Step.BOOKING)
            for c in "BDG7K3":
                tour.click(f"bookingkey-{c}")
            shot("booking")
            # An e-passport on the reader (no reader in the demo: the reader's event, sent as it would).
            start_over()
            tour.choose("imigrasi", "e-paspor")
            tour.flow.send("mrz_needed", session_id=tour.flow.session.id)
            tour.at(Step.PASSPORT)
            for c in "L898902C3":
                tour.click(f"mrzkey-{c}")
            shot("passport")
            # The central failing: the problem screen.
            start_over()
            tour.central_fault("error500")
            try:
                tour.choose("dukcapil", "akta-kelahiran")
                tour.click("Confirm")
                tour.wait(lambda: tour.flow.step in (Step.ISSUE_FAILED, Step.UNAVAILABLE), "the outage", 30)
                shot("problem")
            finally:
                tour.central_fault("ok")
            return tour.written
        finally:
            app.stop()


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0] if argv else "out/screenshots")
    written = capture_all(out_dir)
    print(f"{len(written)} screenshots in {out_dir.resolve()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
