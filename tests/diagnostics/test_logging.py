"""JSON-lines logs: rotation, the redaction filter as a last line of defence, the export bundle."""

from __future__ import annotations

import json
import logging

from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import load_config
from kiosk.logging_setup import LOG_FILE, export_bundle, redact, setup_logging, teardown_logging

NIK = "3273015708850003"


def test_records_are_json_lines_with_personal_data_scrubbed(tmp_path):
    setup_logging(tmp_path / "logs", console=False)
    try:
        log = logging.getLogger("kiosk.test")
        log.info("careless %s and uid %s for ticket %s", NIK, "04A1B2C3D4E5F6", "B-023")
        try:
            raise ValueError(f"lookup of {NIK} failed")
        except ValueError:
            log.exception("card 04:a1:b2:c3 gone")
    finally:
        teardown_logging()
    text = (tmp_path / "logs" / LOG_FILE).read_text()
    assert NIK not in text and "04A1B2C3D4E5F6" not in text and "04:a1:b2:c3" not in text
    entries = [json.loads(line) for line in text.splitlines()]
    assert entries[0]["msg"] == "careless [nik] and uid [hex] for ticket B-023"
    assert entries[0]["level"] == "INFO" and entries[0]["logger"] == "kiosk.test"
    assert "[nik]" in entries[1]["exc"] and entries[1]["msg"] == "card [hex] gone"


def test_logs_rotate(tmp_path):
    setup_logging(tmp_path / "logs", max_bytes=100_000, backups=2, console=False)
    try:
        for i in range(3000):
            logging.getLogger("kiosk.test").info("line %d %s", i, "x" * 80)
    finally:
        teardown_logging()
    files = sorted(p.name for p in (tmp_path / "logs").iterdir())
    assert files == [LOG_FILE, LOG_FILE + ".1", LOG_FILE + ".2"]
    assert all((tmp_path / "logs" / f).stat().st_size <= 100_000 for f in files)


@given(st.from_regex(r"\A[1-9][0-9]{15}\Z"), st.text(alphabet="abc XYZ.,-", max_size=20))
def test_any_sixteen_digit_number_is_scrubbed(nik, around):
    assert nik not in redact(f"{around}{nik} {around}")


def test_ordinary_words_and_numbers_survive():
    text = "ticket B-023, 12 people ahead, latency 12.5 ms, terminal DEMO-01, code 0x80100069, 2026-11-28"
    assert redact(text) == text


def test_export_bundle_has_logs_diagnose_and_config_without_secrets(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / LOG_FILE).write_text(json.dumps({"msg": f"old line with {NIK}"}) + "\n")
    config = load_config(__import__("pathlib").Path(__file__).resolve().parents[2] / "config" / "demo.toml")
    bundle = export_bundle(tmp_path / "usb", logs, config, [{"name": "disk", "status": "OK"}])
    assert NIK not in (bundle / "logs" / LOG_FILE).read_text()
    assert json.loads((bundle / "diagnose.json").read_text()) == [{"name": "disk", "status": "OK"}]
    exported = json.loads((bundle / "config.json").read_text())
    assert exported["central"]["terminal_id"] == "DEMO-01"
