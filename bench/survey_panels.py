"""The survey's screens on every panel the kiosk must hold (issue 17's list), in both languages
and both modes, checked like ``launcher.screenshots`` checks the ticket journey: fits, nothing
clipped or outside, every button >= 15 mm, text contrast >= 7:1. Also the taps and seconds one
rating takes when every answer is touched at once. Prints JSON; exit 1 on any problem.

    python -m bench.survey_panels [--panel all] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

SURVEY_SCREENS = (
    "survey-ticket",
    "survey-question",
    "survey-about",
    "survey-about-2",
    "survey-suggestion",
    "survey-thanks",
)


def _served_tickets(central, client, count: int) -> list:
    """Tickets of the demo central finished at a counter (its staff and counter made here)."""
    import requests

    from kiosk.contract import TicketReserveRequest

    central.app.state.staff.add("bench-clerk", "bench-password-1", "counter_staff")
    token = requests.post(
        f"{central.url}/v1/staff/login", json={"username": "bench-clerk", "password": "bench-password-1"}, timeout=10
    ).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    counter = central.app.state.calls.add_counter("99", "A", ["kia"]).counter.id
    requests.post(f"{central.url}/v1/counters/{counter}/sign-in", headers=auth, timeout=10).raise_for_status()
    tickets = []
    for _ in range(count):
        ticket = client.reserve_ticket(TicketReserveRequest(service_id="kia"), str(uuid.uuid4()))
        client.confirm_ticket(ticket.id, "printed")
        for path in (f"/v1/counters/{counter}/call-next", f"/v1/tickets/{ticket.id}/done"):
            requests.post(f"{central.url}{path}", headers=auth, timeout=10).raise_for_status()
        tickets.append(ticket)
    return tickets


def run() -> list[dict]:
    """For ``python -m bench``: the two default panels."""
    return [survey_panels([])]


def main(argv: list[str]) -> int:
    figures = survey_panels(argv)
    print(json.dumps(figures, indent=1))
    return 1 if figures["problems"] else 0


def survey_panels(argv: list[str]) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.api.client import CentralClient
    from kiosk.flow.steps import Step
    from kiosk.ui.app import KioskApp
    from launcher.demo import demo_environment
    from launcher.screenshots import ALL_PANELS, DEFAULT_PANELS, Panel, ScreenChecker, parse_panel
    from launcher.walkthrough import Walkthrough

    parser = argparse.ArgumentParser(prog="python -m bench.survey_panels")
    parser.add_argument("--panel", action="append", default=[])
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    panels: list[Panel] = []
    for text in args.panel:
        panels += ALL_PANELS if text == "all" else [parse_panel(text)]

    @dataclass(frozen=True)
    class SurveyPanel(Panel):
        def screens(self, quick: bool = False) -> tuple[str, ...]:
            return SURVEY_SCREENS

        def languages(self, quick: bool = False) -> tuple[str, ...]:
            return ("id", "en")

    chosen = [SurveyPanel(p.width, p.height, p.diagonal_in) for p in (panels or DEFAULT_PANELS)]
    idle = {"warn_after_s": 600, "answer_s": 300, "ticket_display_s": 120}
    first = chosen[0]
    ui = {
        "orientation": "portrait" if first.portrait else "landscape",
        "width_px": first.width,
        "height_px": first.height,
        "fullscreen": False,
        "demo_panel": False,
    }
    with (
        tempfile.TemporaryDirectory(prefix="anjungan-skm-") as tmp,
        demo_environment(Path(tmp), ui=ui, idle=idle) as env,
    ):
        client = CentralClient(env.config.central, env.token)
        tickets = _served_tickets(env.central, client, 2)
        app = KioskApp(env.config, env.token)
        app.start()
        try:
            tour = Walkthrough(app, env.central_url, Path(tmp))
            tour.wait(lambda: tour.flow.status.catalog is not None, "the catalogue")
            checker = ScreenChecker(app, chosen, args.out)
            # One rating with a check at every screen, then one timed straight through.
            figures = {}
            for n, ticket in enumerate(tickets):
                check = checker.here if n == 0 else (lambda _name: None)
                started, taps = time.monotonic(), 0

                def tap(name: str) -> None:
                    nonlocal taps
                    tour.click(name)
                    taps += 1

                tap("RateService")
                tour.at(Step.SURVEY_TICKET)
                for key in ticket.number.replace("-", ""):
                    tap(f"surveykey-{key}")
                check("survey-ticket")
                tap("SurveySubmit")
                tour.at(Step.SURVEY_QUESTION)
                for i in range(9):
                    if i == 3:
                        check("survey-question")
                    tap(f"SurveyAnswer-{1 + i % 4}")
                tour.at(Step.SURVEY_ABOUT)
                tap("SurveyAbout-sex-female")
                check("survey-about")
                tap("SurveyNext")
                tap("SurveyAbout-occupation-self_employed")
                check("survey-about-2")
                tap("SurveyNext")
                tour.at(Step.SURVEY_SUGGESTION)
                for key in "cepat":
                    tap(f"textkey-{key}")
                check("survey-suggestion")
                tap("SurveySend")
                tour.at(Step.SURVEY_THANKS)
                check("survey-thanks")
                tap("Done")
                tour.at(Step.WELCOME)
                if n == 1:
                    figures = {"taps": taps, "seconds_machine": round(time.monotonic() - started, 2)}
        finally:
            app.stop()
            client.close()
    return {
        "panels": [p.name for p in chosen],
        "screens_rendered": checker.rendered,
        "problems": checker.problems,
        "one_rating": figures,
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
