"""Issue 12, defect 11: run the kiosk's real scenarios, then search its logs and crash reports.

A running kiosk (reference central on 127.0.0.1, pcscd + vpcd, virtual printer) with the crash
guard installed as ``main.py`` installs it, at DEBUG level so nothing is left out:

1. a citizen types her NIK on the keypad and takes a ticket;
2. a citizen puts his ID card (a UID card) on the reader and takes a ticket;
3. a citizen's e-passport is on the reader, an MRZ scanner types the two MRZ lines, and the fee
   is paid by QRIS (the central pays it by itself after a second);
4. a worker thread dies of an exception that quotes all of that (name, NIK with dashes, the MRZ
   lines, the card UID) and the payment id, and a worker logs the same exception.

Then every file the kiosk wrote (logs, crash marker, journals) and the journal stream are
searched for the NIKs in any grouping, the MRZ lines and document number, the names (any case)
and the card UID in any spelling. The payment id must be in the log and in the crash report,
exactly as the central keeps it.
"""

from __future__ import annotations

import io
import logging
import re
import sqlite3
import threading

import pytest
from PySide6.QtCore import Qt

from kiosk.flow.steps import Step
from kiosk.identity.mrz import MrzInfo
from kiosk.runtime.crash import CrashGuard
from launcher.demo import demo_environment
from tests.integration.helpers import confirm, tap, wait_step, walk_to_confirm
from tests.pcsc.cards import EmrtdCard, UidCard, td3_mrz

pytestmark = pytest.mark.pcsc

NIK, NAME = "3273015708850003", "Siti Rahmawati"  # typed on the keypad (a demo citizen)
CARD_UID, CARD_NIK, CARD_NAME = "A1B2C3D4", "3273022505600002", "Bambang Sutrisno"  # read from the card
PASSPORT = MrzInfo("C1234567", "850315", "310101")
MRZ = td3_mrz("C1234567", "IDN", "850315", "F", "310101", "WULANDARI", "SITI AMINAH")
MRZ_1, MRZ_2 = MRZ[:44], MRZ[44:]
NAMES = ["Siti", "Rahmawati", "Bambang", "Sutrisno", "Wulandari", "Aminah"]


def nik_spellings(nik: str) -> list[str]:
    groups = [nik[i : i + 4] for i in range(0, 16, 4)]
    return [nik, "-".join(groups), " ".join(groups), ".".join([nik[0:2], nik[2:4], nik[4:6], nik[6:12], nik[12:]])]


def byte_spellings() -> list[bytes]:
    uid = bytes.fromhex(CARD_UID)
    words = [
        *nik_spellings(NIK),
        *nik_spellings(CARD_NIK),
        MRZ_1,
        MRZ_2,
        "C1234567",
        uid.hex(),
        uid.hex().upper(),
        uid.hex(" "),
        uid.hex(" ").upper(),
        uid.hex(":").upper(),
    ]
    found = [w.encode("utf-8") for w in words]
    found += [w.encode("utf-16-le") for w in (NIK, CARD_NIK)]
    return [*found, uid]


def leaks_in(label: str, data: bytes) -> list[tuple[str, str]]:
    found = [(label, s.decode("utf-8", "replace")) for s in byte_spellings() if s in data]
    text = data.decode("utf-8", "replace")
    found += [(label, n) for n in NAMES if re.search(rf"\b{n}\b", text, re.IGNORECASE)]
    return found


@pytest.fixture
def kiosk(qtbot, tmp_path, vpcd):
    from kiosk.ui.app import KioskApp

    reader = {"backend": "pcsc", "poll_interval_s": 0.1, "read_timeout_s": 2.0, "removal_grace_s": 1.0}
    journal = io.StringIO()
    with demo_environment(
        tmp_path,
        ui={"fullscreen": False},
        card_reader=reader,
        payments={"enabled": True},
        central_options={"payment_autopay_s": 1.0},
    ) as env:
        # As main.py does: the guard first, so that the whole run is covered.
        guard = CrashGuard(env.config.data.directory, "test", stream=journal)
        guard.install()
        app = KioskApp(env.config, env.token)
        qtbot.addWidget(app.window)
        try:
            app.start()
            logging.getLogger().setLevel(logging.DEBUG)
            qtbot.waitUntil(lambda: app.runtime.flow.status.catalog is not None, timeout=10_000)
            qtbot.waitUntil(lambda: app.runtime.flow.status.reader == "ok", timeout=10_000)
            yield app, env, journal
        finally:
            if not getattr(app, "_stopped", False):
                app.stop()
            guard.clean_exit()
            guard.uninstall()


def pay_by_passport(qtbot, app, vpcd) -> str:
    """Scenario 3; returns the payment id the kiosk was given."""
    service_id = walk_to_confirm(qtbot, app, "imigrasi")
    catalog = app.runtime.flow.status.catalog
    assert next(s for s in catalog.services_for("imigrasi") if s.id == service_id).fee_idr > 0
    tap(qtbot, app, "Confirm")
    wait_step(qtbot, app, Step.IDENTIFY)
    vpcd.insert(EmrtdCard(PASSPORT, MRZ))
    wait_step(qtbot, app, Step.PASSPORT, timeout_ms=10_000)
    qtbot.keyClicks(app.window, MRZ_1 + MRZ_2)  # an MRZ scanner types as a keyboard does
    qtbot.keyClick(app.window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.runtime.flow.session.identity is not None, timeout=15_000)
    assert app.runtime.flow.session.identity.source == "passport"
    if app.runtime.flow.step is Step.CONFIRM:
        tap(qtbot, app, "Confirm")
    wait_step(qtbot, app, Step.PAYMENT, timeout_ms=10_000)
    qtbot.waitUntil(
        lambda: (
            (app.runtime.flow.session.payment or None) is not None
            and app.runtime.flow.session.payment.payment_id is not None
        ),
        timeout=10_000,
    )
    payment_id = app.runtime.flow.session.payment.payment_id
    wait_step(qtbot, app, Step.TICKET, timeout_ms=20_000)
    tap(qtbot, app, "Done")
    wait_step(qtbot, app, Step.WELCOME)
    vpcd.remove_all()
    return payment_id


def test_logs_and_crash_reports_hold_no_personal_data_and_keep_payment_ids(qtbot, kiosk, vpcd):
    app, env, journal = kiosk
    # 1. NIK typed on the keypad.
    walk_to_confirm(qtbot, app, "bpjs-kesehatan")
    confirm(qtbot, app, NIK)
    wait_step(qtbot, app, Step.TICKET, timeout_ms=15_000)
    tap(qtbot, app, "Done")
    wait_step(qtbot, app, Step.WELCOME)
    # 2. ID card on the reader.
    vpcd.insert(UidCard(bytes.fromhex(CARD_UID)))
    wait_step(qtbot, app, Step.AGENCY, timeout_ms=10_000)
    assert app.runtime.flow.session.identity.masked_name
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
    # 3. E-passport, MRZ scanner, QRIS payment.
    payment_id = pay_by_passport(qtbot, app, vpcd)
    central_db = sqlite3.connect(env.config.data.directory.parent / "central.sqlite3")  # demo_environment's
    central_ids = [row[0] for row in central_db.execute("SELECT id FROM payments")]
    central_db.close()
    assert central_ids == [payment_id]
    # 4. A worker dies of an exception quoting everything; another logs the same exception.
    # Quoted, as exceptions quote the values they choke on (KeyError('…'), pydantic's input_value='…'):
    # a name in running text cannot be told from other words, which is why code logs named fields.
    careless = (
        f"no match for {CARD_NAME!r} / {NAME!r} ({NIK[:4]}-{NIK[4:8]}-{NIK[8:12]}-{NIK[12:]}), "
        f"card {CARD_UID}, passport {MRZ_1}\n{MRZ_2}, payment {payment_id}"
    )

    def identity_worker() -> None:
        try:
            raise LookupError(careless)
        except LookupError:
            logging.getLogger("kiosk.identification").exception("lookup failed")
            raise

    worker = threading.Thread(target=identity_worker, name="identity")
    worker.start()
    worker.join()
    app.stop()

    data_dir = env.config.data.directory
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert {"kiosk.jsonl", "marker.json"} <= {p.name for p in files}
    leaks = [leak for p in files for leak in leaks_in(str(p.relative_to(data_dir)), p.read_bytes())]
    leaks += leaks_in("journal stream", journal.getvalue().encode())
    assert leaks == []
    log_text = (data_dir / "logs" / "kiosk.jsonl").read_text()
    assert f'"payment_id": "{payment_id}"' in log_text  # the state changes, as a field
    assert f"payment {payment_id}" in log_text  # and inside the scrubbed exception text
    assert "test_logs_and_crash_reports.py" in log_text  # the traceback still says where
    marker = (data_dir / "crash" / "marker.json").read_text()
    assert f"payment {payment_id}" in marker and "[mrz]" in marker and "[nik]" in marker
    assert f"payment {payment_id}" in journal.getvalue()
