"""A full day in miniature, then every byte the kiosk wrote is searched for the personal data it
handled: a NIK typed on the keypad, a card read through pcscd + vpcd, the names the central
returned, the card UID. Logs (JSON lines), the journals, the config, the admin state, the
exported log bundle: none may hold any of them, in any spelling."""

from __future__ import annotations

import pytest

from kiosk.admin.toml_edit import write_config_file
from kiosk.flow.steps import Step
from launcher.demo import demo_environment
from tests.integration.helpers import confirm, tap, wait_step, walk_to_confirm
from tests.pcsc.cards import UidCard

pytestmark = pytest.mark.pcsc

NIK, NAME = "3273015708850003", "Siti Rahmawati"  # typed on the keypad
CARD_UID, CARD_NIK, CARD_NAME = "A1B2C3D4", "3273022505600002", "Bambang Sutrisno"  # read from the card


def spellings() -> list[bytes]:
    uid = bytes.fromhex(CARD_UID)
    words = [
        NIK,
        CARD_NIK,
        NAME,
        CARD_NAME,
        *NAME.split(),
        *CARD_NAME.split(),
        uid.hex(),
        uid.hex().upper(),
        uid.hex(" "),
        uid.hex(" ").upper(),
        uid.hex(":").upper(),
    ]
    found = [w.encode("utf-8") for w in words]
    found += [w.encode("utf-16-le") for w in (NIK, CARD_NIK)]
    found.append(uid)  # the raw bytes, in a binary file
    return found


@pytest.fixture
def kiosk(qtbot, tmp_path, vpcd):
    from kiosk.ui.app import KioskApp

    reader = {"backend": "pcsc", "poll_interval_s": 0.1, "read_timeout_s": 2.0, "removal_grace_s": 1.0}
    with demo_environment(tmp_path, ui={"fullscreen": False}, card_reader=reader) as env:
        config_path = tmp_path / "kiosk" / "kiosk.toml"
        config_path.parent.mkdir(parents=True, exist_ok=True)
        write_config_file(env.config, config_path)
        app = KioskApp(env.config, env.token, config_path=config_path)
        qtbot.addWidget(app.window)
        app.start()
        qtbot.waitUntil(lambda: app.runtime.flow.status.catalog is not None, timeout=10_000)
        qtbot.waitUntil(lambda: app.runtime.flow.status.reader == "ok", timeout=10_000)
        yield app, tmp_path
        if not getattr(app, "_stopped", False):
            app.stop()


def test_nothing_the_kiosk_wrote_holds_the_nik_name_or_card(qtbot, kiosk, vpcd):
    app, root = kiosk
    # 1. A citizen types her NIK for a service that needs identity and takes a ticket.
    walk_to_confirm(qtbot, app, "bpjs-kesehatan")  # free and needs identity: no payment step
    confirm(qtbot, app, NIK)
    wait_step(qtbot, app, Step.TICKET, timeout_ms=15_000)
    tap(qtbot, app, "Done")
    wait_step(qtbot, app, Step.WELCOME)
    # 2. A citizen puts his ID card on the reader and takes a ticket.
    vpcd.insert(UidCard(bytes.fromhex(CARD_UID)))
    wait_step(qtbot, app, Step.AGENCY, timeout_ms=10_000)
    assert app.runtime.flow.session.identity.masked_name  # he really was identified
    tap(qtbot, app, "agency-dukcapil")
    wait_step(qtbot, app, Step.SERVICE)
    service = app.runtime.flow.status.catalog.services_for("dukcapil")[0]
    tap(qtbot, app, f"service-{service.id}")
    wait_step(qtbot, app, Step.CONFIRM)
    tap(qtbot, app, "Confirm")
    wait_step(qtbot, app, Step.TICKET, timeout_ms=15_000)
    tap(qtbot, app, "Done")
    wait_step(qtbot, app, Step.WELCOME)
    vpcd.remove_all()
    # 3. A technician runs the diagnostics and exports the logs to a "USB stick".
    admin = app.runtime.admin
    admin._open("technician")
    done = []
    admin.run_diagnostics(lambda r: None, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    admin.export_logs(root / "usb", done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=10_000)
    assert (done[1] / "logs" / "kiosk.jsonl").stat().st_size > 0
    app.stop()

    kiosk_files = [p for p in (root / "kiosk").rglob("*") if p.is_file()]
    kiosk_files += [p for p in (root / "usb").rglob("*") if p.is_file()]
    names = {p.name for p in kiosk_files}
    assert {
        "kiosk.jsonl",
        "kiosk.toml",
        "pending-confirmations.sqlite3",
        "catalog.json",
        "diagnose.json",
        "config.json",
    } <= names
    log_text = (root / "kiosk" / "logs" / "kiosk.jsonl").read_text()
    assert "identity" in log_text or "ticket" in log_text  # the log did record the day
    leaks = [(str(p.relative_to(root)), s) for p in kiosk_files for s in spellings() if s in p.read_bytes()]
    assert leaks == []
