"""A citizen takes a ticket through the real window, the real reference central service on
loopback and the virtual printer's ESC/POS path; then the same with the central failing."""

from __future__ import annotations

import re
import wave

from kiosk.api.client import CentralClient
from kiosk.flow.steps import Step
from kiosk.speech import english_cardinal

from .helpers import confirm, identify_by_nik, set_central_fault, tap, wait_step, walk_to_confirm

NUMBER = re.compile(r"^[A-Z]{1,2}-\d{3}$")


def central_client(demo_env) -> CentralClient:
    return CentralClient(demo_env.config.central, demo_env.token)


def waiting(demo_env, service_id: str) -> int:
    with central_client(demo_env) as client:
        return next(q.waiting for q in client.get_queues().queues if q.service_id == service_id)


def test_ticket_end_to_end(qtbot, kiosk, demo_env):
    service_id = walk_to_confirm(qtbot, kiosk, "imigrasi")
    before = waiting(demo_env, service_id)
    # A passport needs identity: the NIK typed on the keypad is checked with the central.
    tap(qtbot, kiosk, "Confirm")
    identify_by_nik(qtbot, kiosk, "3273022505600002")  # Bambang Sutrisno, born 1960
    session = kiosk.runtime.flow.session
    assert session.identity.masked_name and "Sutrisno" not in session.identity.masked_name
    assert kiosk.window.notice.isVisible() and session.identity.masked_name in kiosk.window.notice.text()
    assert session.priority == "elderly"  # 66 years old: suggested, visible on the confirm screen
    assert "60" in kiosk.window.screen(Step.CONFIRM).priority_title.text()
    tap(qtbot, kiosk, "Confirm")
    wait_step(qtbot, kiosk, Step.TICKET)

    outcome = kiosk.runtime.flow.session.outcome
    ticket = outcome.ticket
    assert NUMBER.match(ticket.number)
    assert outcome.delivery == "printed" and outcome.confirmed
    service = kiosk.runtime.flow.status.catalog.service(service_id)
    assert ticket.number.startswith(service.prefix + "-")
    # What the citizen sees.
    screen = kiosk.window.screen(Step.TICKET)
    assert screen.number.text() == ticket.number
    assert service.name.get("id") in screen.service.text()
    # What the central service holds: confirmed, and one more person in the queue.
    with central_client(demo_env) as client:
        assert client.get_ticket(ticket.id).status == "confirmed"
    assert waiting(demo_env, service_id) == before + 1
    # What went to the printer: the number, the service, a native QR of the tracking link, a cut.
    job = kiosk.runtime.printer.virtual.jobs[-1]
    assert job.complete and job.printed
    assert ticket.number in job.text
    assert service.name.get("id").split()[0] in job.text
    assert job.qr_codes == [ticket.track_url]
    assert b"\x1d(k" in bytes(job.raw) and job.rasters == []
    assert job.cuts == 1

    tap(qtbot, kiosk, "Done")
    wait_step(qtbot, kiosk, Step.WELCOME)
    assert kiosk.runtime.flow.session.outcome is None


def test_language_switch_changes_the_screens(qtbot, kiosk):
    welcome = kiosk.window.screen(Step.WELCOME)
    assert welcome.take.text() == "Ambil Antrean"
    tap(qtbot, kiosk, "lang-en")
    qtbot.waitUntil(lambda: welcome.take.text() == "Take a queue number")
    tap(qtbot, kiosk, "TakeTicket")
    wait_step(qtbot, kiosk, Step.AGENCY)
    assert kiosk.window.screen(Step.AGENCY).title.text() == "Choose an agency"
    tap(qtbot, kiosk, "Back")
    wait_step(qtbot, kiosk, Step.WELCOME)
    # A new session starts in the kiosk's default language again.
    qtbot.waitUntil(lambda: welcome.take.text() == "Ambil Antrean")


def test_central_stopped_mid_flow_gives_a_clear_state(qtbot, kiosk, demo_env):
    walk_to_confirm(qtbot, kiosk, "dukcapil")
    tap(qtbot, kiosk, "Confirm")
    identify_by_nik(qtbot, kiosk)
    demo_env.central.stop()
    tap(qtbot, kiosk, "Confirm")
    qtbot.waitUntil(lambda: kiosk.runtime.flow.step in (Step.ISSUE_FAILED, Step.UNAVAILABLE), timeout=30_000)
    problem = kiosk.window.screen(kiosk.runtime.flow.step)
    assert problem.title.text() == "Layanan sedang tidak tersedia"
    assert kiosk.runtime.printer.virtual.jobs == []  # nothing printed for a number never issued
    tap(qtbot, kiosk, "Home")
    wait_step(qtbot, kiosk, Step.WELCOME)


def test_malformed_answers_issue_nothing_and_recover(qtbot, kiosk, demo_env):
    service_id = walk_to_confirm(qtbot, kiosk, "polri")
    before = waiting(demo_env, service_id)
    tap(qtbot, kiosk, "Confirm")
    identify_by_nik(qtbot, kiosk)
    set_central_fault(demo_env.central_url, "malformed")
    tap(qtbot, kiosk, "Confirm")
    wait_step(qtbot, kiosk, Step.ISSUE_FAILED, timeout_ms=30_000)
    assert kiosk.runtime.flow.session.error_key.startswith("central")
    assert kiosk.runtime.printer.virtual.jobs == []
    set_central_fault(demo_env.central_url, "ok")
    assert waiting(demo_env, service_id) == before  # no confirmed ghost in the queue
    tap(qtbot, kiosk, "Retry")
    wait_step(qtbot, kiosk, Step.TICKET, timeout_ms=30_000)
    assert waiting(demo_env, service_id) == before + 1
    assert len(kiosk.runtime.printer.virtual.jobs) == 1


def test_printer_out_of_paper_gives_a_virtual_ticket_and_tells_central(qtbot, kiosk, demo_env):
    kiosk.runtime.printer.virtual.set_paper("out")
    kiosk.runtime.poll_printer()
    qtbot.waitUntil(lambda: kiosk.runtime.flow.status.printer == "virtual_only")
    welcome = kiosk.window.screen(Step.WELCOME)
    assert welcome.banner.isVisible() and "Kertas printer habis" in welcome.banner.text()
    walk_to_confirm(qtbot, kiosk, "samsat")
    confirm(qtbot, kiosk)
    wait_step(qtbot, kiosk, Step.TICKET)
    outcome = kiosk.runtime.flow.session.outcome
    assert outcome.delivery == "virtual" and outcome.virtual_png
    assert kiosk.window.screen(Step.TICKET).virtual.isVisible()
    with central_client(demo_env) as client:
        assert client.get_ticket(outcome.ticket.id).status == "virtual"
    assert all(not job.printed for job in kiosk.runtime.printer.virtual.jobs)


def test_full_flow_in_english_and_accessibility_mode(qtbot, kiosk, demo_env):
    tap(qtbot, kiosk, "lang-en")
    tap(qtbot, kiosk, "AccessibilityToggle")
    session = kiosk.runtime.flow.session
    assert session.accessible and session.language == "en"
    walk_to_confirm(qtbot, kiosk, "dukcapil")
    assert kiosk.window.screen(Step.CONFIRM).take.text() == "Take my number"
    confirm(qtbot, kiosk)
    wait_step(qtbot, kiosk, Step.TICKET)
    outcome = kiosk.runtime.flow.session.outcome
    assert outcome.delivery == "printed"
    assert kiosk.window.screen(Step.TICKET).title.text() == "Your queue number"
    # The printed ticket follows the session's language too.
    assert "Queue number" in kiosk.runtime.printer.virtual.jobs[-1].text
    # Spoken by the real espeak-ng: the number as the caller says it, in English, then where to go.
    _letter, digits = outcome.ticket.number.split("-")
    spoken = kiosk.window.last_spoken
    assert spoken.startswith("Your queue number is ") and english_cardinal(int(digits)) in spoken
    assert outcome.ticket.zone.get("en") in spoken
    speech_dir = demo_env.config.speech.wav_dir
    qtbot.waitUntil(
        lambda: kiosk.runtime.speaker.current_pid() is None and any(speech_dir.glob("*-en.wav")), timeout=10_000
    )
    last = max(speech_dir.glob("*.wav"))
    assert last.name.endswith("-en.wav")
    with wave.open(str(last)) as wav:  # a few seconds of speech, not an empty file
        assert wav.getnframes() / wav.getframerate() > 1.5
    tap(qtbot, kiosk, "Done")
    wait_step(qtbot, kiosk, Step.WELCOME)
    assert kiosk.window.last_spoken == ""  # silent again for the next citizen
    # The next citizen starts in the standard mode and the default language.
    assert not kiosk.runtime.flow.session.accessible
    assert kiosk.runtime.flow.session.language == "id"
