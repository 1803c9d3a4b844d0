"""``main.py diagnose --json`` against real parts, healthy and then broken one at a time."""

from __future__ import annotations

import pytest

from tests.pcsc.cards import UidCard

from .conftest import by_name, diagnose

pytestmark = pytest.mark.pcsc
CARD_UID = bytes.fromhex("04A1B2C3D4E5F6")


def wait_for_card(present: bool = True) -> None:
    import time

    from kiosk.devices.card.diagnostics import check_readers

    for _ in range(100):  # pcscd polls vpcd; the card shows up within a fraction of a second
        if bool(check_readers().cards_present) == present:
            return
        time.sleep(0.05)
    raise AssertionError("pcscd never saw the card")


def test_everything_healthy_with_a_card_on_the_reader(parts, vpcd):
    vpcd.insert(UidCard(CARD_UID))
    wait_for_card()
    code, report, stderr = diagnose(parts.config, "--test-page")
    checks = by_name(report)
    assert {c: checks[c]["status"] for c in checks} == {
        "config": "OK",
        "files": "OK",
        "card_reader": "OK",
        "printer": "OK",
        "central": "OK",
        "tls": "OK",
        "network_allow": "OK",
        "clock": "OK",
        "disk": "OK",
        "journal": "OK",
        "versions": "OK",
        "qt_binding": "OK",
        "test_page": "OK",
    }, report
    assert code == 0 and report["worst"] == "OK"
    card = checks["card_reader"]["details"]["card_test"]
    assert card["profile"] == "uid" and card["atr"].startswith("3B 8")
    assert checks["printer"]["details"]["raw"] == {"1": "12", "2": "12", "4": "12"}
    assert checks["central"]["details"]["authorized"] is True
    assert checks["central"]["details"]["latency_ms"] > 0
    # The test page really went to the printer.
    assert any("TEST PAGE / HALAMAN UJI" in line for job in parts.printer.jobs for line in job.lines)
    # The card's UID is never part of the report, in any spelling.
    everything = str(report) + stderr
    for spelling in (CARD_UID.hex(), CARD_UID.hex().upper(), CARD_UID.hex(" ").upper()):
        assert spelling not in everything


def test_central_stopped_is_a_failure(parts, vpcd):
    parts.central.stop()
    code, report, _ = diagnose(parts.config)
    central = by_name(report)["central"]
    assert central["status"] == "FAIL" and "not reachable" in central["reason"]
    assert central["action"]
    assert code == 2 and report["worst"] == "FAIL"


def test_printer_paper_near_end_is_a_warning(parts, vpcd):
    parts.printer.set_paper("near_end")
    code, report, _ = diagnose(parts.config)
    printer = by_name(report)["printer"]
    assert printer["status"] == "WARN" and "near end" in printer["reason"]
    assert code == 1 and report["worst"] == "WARN"


def test_printer_paper_out_is_a_failure(parts, vpcd):
    parts.printer.set_paper("out")
    code, report, _ = diagnose(parts.config)
    printer = by_name(report)["printer"]
    assert printer["status"] == "FAIL" and "paper out" in printer["reason"]
    assert printer["action"] == "load a new paper roll"
    assert code == 2


def test_printer_not_answering_is_unknown_never_ok(parts, vpcd):
    parts.printer.set_status_answer(False)
    code, report, _ = diagnose(parts.config)
    printer = by_name(report)["printer"]
    assert printer["status"] == "FAIL" and printer["details"]["summary"] == "unknown"
    assert code == 2


def test_pcscd_killed_is_a_failure(parts, vpcd):
    vpcd.kill()
    code, report, _ = diagnose(parts.config)
    reader = by_name(report)["card_reader"]
    assert reader["status"] == "FAIL" and "pcscd" in reader["action"]
    assert code == 2


def test_a_broken_config_is_a_failure_not_a_traceback(tmp_path):
    bad = tmp_path / "kiosk.toml"
    bad.write_text('[terminal]\nname = ""\n')
    code, report, stderr = diagnose(bad)
    assert code == 2
    assert report["checks"][0]["name"] == "config" and report["checks"][0]["details"]["problems"]
    assert "Traceback" not in stderr
