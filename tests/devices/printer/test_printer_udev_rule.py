"""The shipped udev rule grants group kiosk access and never matches a generic chip by vendor alone."""

import re
from pathlib import Path

RULES = Path(__file__).resolve().parents[3] / "deploy" / "udev" / "60-anjungan-receipt-printers.rules"
GENERIC_CHIP_VENDORS = {"0416", "0483", "1fc9", "28e9", "0fe6"}


def test_every_rule_line_is_well_formed():
    lines = [ln for ln in RULES.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    matches = [ln for ln in lines if "idVendor" in ln]
    assert len(matches) >= 5
    for ln in matches:
        assert 'GROUP="kiosk"' in ln and 'MODE="0660"' in ln, ln
        vendor = re.search(r'ATTR\{idVendor\}=="([0-9a-f]{4})"', ln)
        assert vendor, ln
        if vendor.group(1) in GENERIC_CHIP_VENDORS:
            assert re.search(r'ATTR\{idProduct\}=="[0-9a-f]{4}"', ln), ln
    assert any('"04b8"' in ln for ln in matches)  # Epson
    assert lines[-1] == 'LABEL="anjungan_printers_end"'
