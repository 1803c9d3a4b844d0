"""Issue 12, defect 10: saving settings must not lose or change anything else in the file.

Every shipped config is round-tripped: setting a key to the value it already has leaves the file
byte for byte as it was, and changing one key changes only that value, keeping every comment
(inline ones too) and every other value. Multi-line arrays and multi-line strings are edited as
TOML, not as lines.
"""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from kiosk.admin.settings_edit import SettingsEditor
from kiosk.admin.toml_edit import set_value
from kiosk.config import load_config

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "config").glob("*.toml"))
KIOSK_CONFIGS = [p for p in SHIPPED if "terminal" in tomllib.loads(p.read_text())]


def leaf_keys(data: dict, prefix: str = ""):
    """(table, key, value) for every key one table level deep (what set_value edits)."""
    for table, fields in data.items():
        if isinstance(fields, dict):
            for key, value in fields.items():
                if not isinstance(value, dict) and not (
                    isinstance(value, list) and value and isinstance(value[0], dict)
                ):
                    yield table, key, value


def changed(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 7
    if isinstance(value, str):
        return value + " (changed)"
    if isinstance(value, list):
        return [*value, "xx"] if all(isinstance(v, str) for v in value) else value + value[:1]
    raise AssertionError(type(value))


def comments(text: str) -> list[str]:
    return [m.group(0).strip() for m in re.finditer(r"#[^\n]*", text)]


def test_there_are_shipped_configs_to_check():
    assert {p.name for p in KIOSK_CONFIGS} >= {"demo.toml", "kiosk.example.toml"}
    assert any(
        "#" in line.split("=", 1)[-1] for p in KIOSK_CONFIGS for line in p.read_text().splitlines() if "=" in line
    )  # inline comments are among what must survive


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_setting_every_key_to_its_own_value_changes_no_byte(path):
    text = path.read_text()
    for table, key, value in leaf_keys(tomllib.loads(text)):
        assert set_value(text, f"{table}.{key}", value) == text, f"{table}.{key}"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_changing_one_key_keeps_every_comment_and_every_other_value(path):
    text = path.read_text()
    before = tomllib.loads(text)
    for table, key, value in leaf_keys(before):
        out = set_value(text, f"{table}.{key}", changed(value))
        after = tomllib.loads(out)
        assert after[table][key] == changed(value), f"{table}.{key}"
        after[table][key] = value
        assert after == before, f"{table}.{key} changed something else"
        assert comments(out) == comments(text), f"{table}.{key} lost a comment"
        old_lines, new_lines = text.splitlines(), out.splitlines()
        if len(old_lines) == len(new_lines):  # a one-line value: only its own line differs
            assert sum(a != b for a, b in zip(old_lines, new_lines, strict=False)) == 1, f"{table}.{key}"


EDGES = '''# Kiosk with the forms the old line editor broke.
[terminal]
name = """Lobby
opening_hours = true
"""   # a multi-line string with a line that looks like a key
opening_hours = false  # keep me

[ui]
languages = [
    "id",  # Bahasa Indonesia first
    "en",
]
orientation = "portrait"  # the screen is mounted upright
'''


def test_multi_line_string_is_not_edited_as_lines():
    out = set_value(EDGES, "terminal.opening_hours", True)
    data = tomllib.loads(out)
    assert data["terminal"]["name"] == "Lobby\nopening_hours = true\n"
    assert data["terminal"]["opening_hours"] is True
    assert "opening_hours = true  # keep me" in out


def test_multi_line_array_is_replaced_whole_and_stays_multi_line():
    out = set_value(EDGES, "ui.languages", ["id", "en", "jv"])
    data = tomllib.loads(out)
    assert data["ui"]["languages"] == ["id", "en", "jv"]
    assert data["ui"]["orientation"] == "portrait"
    assert '"jv",\n' in out  # one item per line, as it was
    assert 'orientation = "portrait"  # the screen is mounted upright' in out
    out = set_value(EDGES, "ui.orientation", "landscape")
    assert 'orientation = "landscape"  # the screen is mounted upright' in out
    assert '"id",  # Bahasa Indonesia first' in out


def test_the_admin_editor_saves_the_example_config_keeping_inline_comments(tmp_path):
    path = tmp_path / "kiosk.toml"
    shutil.copy(ROOT / "config" / "kiosk.example.toml", path)
    before = path.read_text()
    config = SettingsEditor(path).save(
        "technician", {"printer.port": "9101", "idle.warn_after_s": "50", "printer.host": "192.0.2.51"}
    )
    assert (
        config.printer.host == "192.0.2.51"
        and config.printer.port == 9101
        and load_config(path).idle.warn_after_s == 50
    )
    text = path.read_text()
    assert comments(text) == comments(before)
    assert "port = 9101\n" in text and 'backend = "network"          # virtual | network' in text
    diff = [(a, b) for a, b in zip(before.splitlines(), text.splitlines(), strict=False) if a != b]
    assert diff == [
        (
            "host = \"192.0.2.50\"          # the printer's address on the kiosk's own network segment",
            "host = \"192.0.2.51\"          # the printer's address on the kiosk's own network segment",
        ),
        ("port = 9100", "port = 9101"),
        ("warn_after_s = 45", "warn_after_s = 50.0"),
    ]


def test_a_file_that_is_not_toml_is_refused_not_raised(tmp_path):
    from kiosk.admin.settings_edit import SettingsRefused

    path = tmp_path / "kiosk.toml"
    path.write_text("[terminal\nname = 'x'\n")
    with pytest.raises(SettingsRefused, match="not valid TOML"):
        SettingsEditor(path).save("staff", {"idle.warn_after_s": "50"})
