"""The look is checked from the theme's own values and the real translation files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk.ui.theme import HIGH_CONTRAST, PALETTE, TOUCH_MIN

ROOT = Path(__file__).resolve().parents[2]


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


PAIRS = [
    ("text", "background"),
    ("text", "surface"),
    ("text_muted", "background"),
    ("text_muted", "surface"),
    ("on_primary", "primary"),
    ("on_primary", "primary_pressed"),
    ("primary", "surface"),
    ("primary", "background"),
    ("on_header", "header"),
    ("warning_text", "warning_surface"),
    ("ok_text", "ok_surface"),
    ("on_disabled", "disabled_primary"),
]


@pytest.mark.parametrize("palette", [PALETTE, HIGH_CONTRAST], ids=["standard", "high-contrast"])
@pytest.mark.parametrize("fg,bg", PAIRS)
def test_text_contrast_is_at_least_seven_to_one(fg, bg, palette):
    ratio = contrast(getattr(palette, fg), getattr(palette, bg))
    assert ratio >= 7.0, f"{fg} on {bg}: {ratio:.2f}:1"


def test_contrast_formula_matches_known_values():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_touch_targets_exceed_fifteen_millimetres_on_the_reference_panel():
    px_per_mm = 1920 / 527  # a 24" 16:9 panel is ~527 mm wide
    assert TOUCH_MIN / px_per_mm >= 15


def test_every_interface_string_has_an_indonesian_translation():
    tree = ET.parse(ROOT / "resources" / "i18n" / "anjungan_id.ts")
    messages = list(tree.iter("message"))
    assert len(messages) > 40
    untranslated = []
    for message in messages:
        translation = message.find("translation")
        text = "".join(translation.itertext()).strip()
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not text:
            untranslated.append(message.findtext("source"))
    assert untranslated == []


def test_translation_file_is_in_step_with_the_source(tmp_path):
    # Re-extract the strings from kiosk/ui and compare with the committed .ts: a string added in
    # code but not in the .ts (and so shown untranslated) fails here.
    import subprocess
    import sys

    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "kiosk" / "ui").rglob("*.py"))
    fresh = tmp_path / "fresh.ts"
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    wanted = {(m.findtext("../name"), m.findtext("source")) for m in ET.parse(fresh).iter("message")}
    have = set()
    for context in ET.parse(ROOT / "resources" / "i18n" / "anjungan_id.ts").iter("context"):
        have |= {(context.findtext("name"), m.findtext("source")) for m in context.iter("message")}
    wanted = set()
    for context in ET.parse(fresh).iter("context"):
        wanted |= {(context.findtext("name"), m.findtext("source")) for m in context.iter("message")}
    assert wanted - have == set(), "run scripts/build_translations.sh --update and translate the new strings"
