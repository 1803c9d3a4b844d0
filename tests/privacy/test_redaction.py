"""Issue 12, defect 11: one scrubber for logs and crash reports, redaction by field name.

The rules themselves: NIKs in any grouping, MRZ lines and card data go; payment ids (UUIDs)
stay exactly as the central keeps them. The same exception text gives the same scrubbed words in
the log file and in the crash report.
"""

from __future__ import annotations

import io
import json
import logging
import sys

from hypothesis import given
from hypothesis import strategies as st

from kiosk.logging_setup import LOG_FILE, export_bundle, setup_logging, teardown_logging
from kiosk.redaction import log_fields, scrub_fields, scrub_text
from kiosk.runtime.crash import CrashGuard, scrub_message

NIK = "3273015708850003"
NIK_SPELLINGS = [
    NIK,
    "3273-0157-0885-0003",
    "3273 0157 0885 0003",
    "32.73.01.570885.0003",
    "32-73-01-57-08-85-0003",
    "3273/0157/0885/0003",
]
MRZ_1 = "P<IDNWULANDARI<<SITI<AMINAH<<<<<<<<<<<<<<<<<"
MRZ_2 = "C12345674IDN8503157F3101011<<<<<<<<<<<<<<02"
PAYMENT_ID = "3f2a1b4c-9d8e-4f70-a1b2-c3d4e5f60718"
DIGIT_PAYMENT_ID = "12345678-1234-4234-8234-123456789012"  # a UUID that happens to be all digits


def test_payment_ids_survive_intact():
    for pid in (PAYMENT_ID, PAYMENT_ID.upper(), DIGIT_PAYMENT_ID):
        text = f"payment {pid}: central not reachable (ConnectTimeout)"
        assert scrub_text(text) == text


def test_a_nik_in_any_grouping_is_removed():
    for spelling in NIK_SPELLINGS:
        out = scrub_text(f"lookup of {spelling} failed")
        assert out == "lookup of [nik] failed", spelling


def test_mrz_lines_are_removed_apart_or_joined():
    for text in (f"{MRZ_1}\n{MRZ_2}", MRZ_1 + MRZ_2, f"scanned {MRZ_2} ok"):
        out = scrub_text(text)
        assert "WULANDARI" not in out and "C1234567" not in out and "8503157" not in out, out
        assert "[mrz]" in out


def test_card_uids_go_ordinary_words_stay():
    assert scrub_text("card 04:a1:b2:c3 and A1B2C3D4 and 04A1B2C3D4E5F6") == "card [hex] and [hex] and [hex]"
    text = "ticket B-023, 12 people ahead, latency 12.5 ms, terminal DEMO-01, code 0x80100069, 2026-11-28"
    assert scrub_text(text) == text


def test_fields_are_redacted_by_name():
    fields = scrub_fields(
        {
            "nik": "3273015708850003",
            "name": "Siti",
            "card_uid": "A1B2C3D4",
            "mrz": MRZ_1,
            "payment_id": PAYMENT_ID,
            "reference": "ANJ3F2A1B4C9D8E4F70",
            "note": f"for {NIK}",
            "attempt": 2,
        }
    )
    assert fields == {
        "nik": "[removed]",
        "name": "[removed]",
        "card_uid": "[removed]",
        "mrz": "[removed]",
        "payment_id": PAYMENT_ID,
        "reference": "ANJ3F2A1B4C9D8E4F70",
        "note": "for [nik]",
        "attempt": 2,
    }


@given(st.uuids(), st.text(alphabet="abc XYZ.,:-()", max_size=20))
def test_any_uuid_survives(pid, around):
    text = f"{around} payment {pid} {around}"
    assert str(pid) in scrub_text(text)


@given(st.from_regex(r"\A[1-9][0-9]{15}\Z"), st.lists(st.sampled_from(["", "-", " ", "."]), min_size=15, max_size=15))
def test_any_nik_with_any_separators_is_removed(nik, seps):
    spelled = nik[0] + "".join(sep + digit for sep, digit in zip(seps, nik[1:], strict=False))
    out = scrub_text(f"NIK {spelled} dicari")
    assert out == "NIK [nik] dicari"


def _raise(message: str) -> None:
    raise ValueError(message)


def test_the_log_and_the_crash_report_scrub_alike(tmp_path):
    message = f"holder 'Siti Aminah' NIK {NIK_SPELLINGS[1]} mrz {MRZ_1} {MRZ_2} card A1B2C3D4 payment {PAYMENT_ID}"
    setup_logging(tmp_path / "logs", console=False)
    stream = io.StringIO()
    guard = CrashGuard(tmp_path / "data", "1.0", stream=stream)
    guard.install()
    try:
        try:
            _raise(message)
        except ValueError:
            logging.getLogger("kiosk.test").exception("lookup failed", extra=log_fields(payment_id=PAYMENT_ID, nik=NIK))
            sys.excepthook(*sys.exc_info())
    finally:
        guard.uninstall()
        teardown_logging()
    entry = json.loads((tmp_path / "logs" / LOG_FILE).read_text().splitlines()[0])
    marker = json.loads((tmp_path / "data" / "crash" / "marker.json").read_text())
    expected = "holder '…' NIK [nik] mrz [mrz] [mrz] card [hex] payment " + PAYMENT_ID
    assert marker["message"] == scrub_message(message) == expected
    assert entry["exc"].rstrip().endswith("ValueError: " + expected)
    assert entry["fields"] == {"payment_id": PAYMENT_ID, "nik": "[removed]"}
    assert expected in stream.getvalue()


def test_export_scrubs_old_lines_without_eating_the_json(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    old = {"msg": f"careless {NIK_SPELLINGS[1]} for payment {PAYMENT_ID}", "fields": {"name": "Siti"}}
    (logs / LOG_FILE).write_text(json.dumps(old) + "\n")
    from pathlib import Path

    from kiosk.config import load_config

    config = load_config(Path(__file__).resolve().parents[2] / "config" / "demo.toml")
    bundle = export_bundle(tmp_path / "usb", logs, config, [])
    entry = json.loads((bundle / "logs" / LOG_FILE).read_text())
    assert entry == {"msg": f"careless [nik] for payment {PAYMENT_ID}", "fields": {"name": "[removed]"}}


def test_a_library_template_with_quoted_placeholders_keeps_its_message(tmp_path):
    # urllib3 logs '%s://%s:%s "%s %s %s" %s %s': the quotes belong to the template, not to data.
    setup_logging(tmp_path / "logs", console=False)
    try:
        logging.getLogger("urllib3.test").warning(
            '%s://%s:%s "%s %s %s" %s %s',
            "http",
            "127.0.0.1",
            8780,
            "GET",
            f"/v1/payments/{PAYMENT_ID}",
            "HTTP/1.1",
            200,
            593,
        )
        try:
            _raise(f"holder 'Siti' {NIK}")
        except ValueError:
            logging.getLogger("kiosk.test").exception("failed")
    finally:
        teardown_logging()
    first, second = (json.loads(line) for line in (tmp_path / "logs" / LOG_FILE).read_text().splitlines())
    assert first["msg"] == f'http://127.0.0.1:8780 "GET /v1/payments/{PAYMENT_ID} HTTP/1.1" 200 593'
    assert 'test_redaction.py", line ' in second["exc"] and "in _raise" in second["exc"]  # where, kept
    assert "Siti" not in second["exc"] and NIK not in second["exc"]
