"""Settings edits: permissions by role, check-config's validation, atomic save with a backup."""

import shutil
from pathlib import Path

import pytest

from kiosk.admin.settings_edit import SettingsEditor, SettingsRefused
from kiosk.admin.state import AdminStateStore
from kiosk.admin.toml_edit import set_value
from kiosk.config import load_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def config_file(tmp_path):
    path = tmp_path / "kiosk.toml"
    shutil.copy(ROOT / "config" / "demo.toml", path)
    return path


def test_staff_change_is_validated_saved_and_backed_up(config_file):
    before = config_file.read_text()
    editor = SettingsEditor(config_file)
    config = editor.save("staff", {"idle.warn_after_s": "90", "terminal.name": "Lobby, right"})
    assert config.idle.warn_after_s == 90 and config.terminal.name == "Lobby, right"
    assert load_config(config_file).idle.warn_after_s == 90
    text = config_file.read_text()
    assert "# The demo kiosk" in text  # comments survive the edit
    assert config_file.with_name("kiosk.toml.bak").read_text() == before
    assert not list(config_file.parent.glob(".*.tmp"))


def test_invalid_values_are_refused_with_check_configs_message(config_file):
    before = config_file.read_text()
    editor = SettingsEditor(config_file)
    with pytest.raises(SettingsRefused) as refused:
        editor.save("staff", {"idle.answer_s": "5"})
    assert refused.value.problems == ["idle.answer_s: Input should be greater than or equal to 20 (got 5.0)"]
    with pytest.raises(SettingsRefused, match="expected a number"):
        editor.save("staff", {"idle.warn_after_s": "soon"})
    assert config_file.read_text() == before
    assert not config_file.with_name("kiosk.toml.bak").exists()


def test_central_url_and_terminal_identity_need_the_technician(config_file):
    editor = SettingsEditor(config_file)
    with pytest.raises(SettingsRefused) as refused:
        editor.save("staff", {"central.base_url": "https://central.example.id", "central.terminal_id": "X-1"})
    assert refused.value.problems == [
        "central.base_url: needs the technician role",
        "central.terminal_id: needs the technician role",
    ]
    with pytest.raises(SettingsRefused, match="plain http to a non-loopback host"):
        editor.save("technician", {"central.base_url": "http://10.1.2.3"})
    config = editor.save("technician", {"central.base_url": "https://central.example.id", "central.terminal_id": "X-1"})
    assert config.central.base_url == "https://central.example.id" and config.central.terminal_id == "X-1"
    with pytest.raises(SettingsRefused, match="cannot be changed here"):
        editor.save("technician", {"data.directory": "/tmp"})


def test_new_keys_and_tables_are_added():
    text = '[terminal]\nname = "a"\n\n[central]\nbase_url = "x"\n'
    out = set_value(text, "terminal.name", 'b "quoted"')
    assert 'name = "b \\"quoted\\""' in out
    out = set_value(out, "terminal.extra", 3)
    assert out.index("extra = 3") < out.index("[central]")
    out = set_value(out, "idle.warn_after_s", 60.0)
    assert out.rstrip().endswith("[idle]\nwarn_after_s = 60.0")


def test_closed_for_the_day_ends_with_the_day_and_survives_a_restart(tmp_path):
    import datetime as dt

    day = [dt.date(2026, 11, 28)]
    store = AdminStateStore(tmp_path / "admin-state.json", today=lambda: day[0])
    store.close_for_day("Tutup: listrik padam")
    store.set_service_enabled("paspor-baru", False)
    again = AdminStateStore(tmp_path / "admin-state.json", today=lambda: day[0])
    assert again.closed_message() == "Tutup: listrik padam"
    assert again.state.disabled_services == {"paspor-baru"}
    day[0] = dt.date(2026, 11, 29)
    assert again.closed_message() is None
    assert again.state.disabled_services == {"paspor-baru"}  # switched-off services stay off
    with pytest.raises(ValueError):
        again.close_for_day("  ")
