"""The config file is root's; what staff change from the admin screens goes to the kiosk's own
settings file, laid over it. Only admin-editable settings may be in that file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from kiosk.admin.controller import AdminController
from kiosk.admin.demo_pin import pin_file_for
from kiosk.admin.pin import PinStore
from kiosk.admin.settings_edit import SettingsEditor, SettingsRefused
from kiosk.config import ConfigError, load_config
from kiosk.config.local_settings import local_settings_file
from kiosk.config.migrate import migrate_token_location
from kiosk.flow.status import KioskStatus
from kiosk.runtime.scheduler import ManualScheduler

CONFIG = """# Root's file: the kiosk must never change a byte of it.
[terminal]
name = "Lobby"

[central]
base_url = "http://127.0.0.1:9"
terminal_id = "T-01"
token_file = "{token}"   # written by enrolment

[printer]
backend = "virtual"

[data]
directory = "{data}"
"""


@pytest.fixture
def terminal(tmp_path):
    etc, data = tmp_path / "etc", tmp_path / "data"
    etc.mkdir()
    data.mkdir()
    config = etc / "kiosk.toml"
    config.write_text(CONFIG.format(token=data / "terminal.token", data=data))
    return config, data


def test_a_staff_change_goes_to_the_settings_file_and_the_config_file_stays_untouched(terminal):
    config_file, data = terminal
    before, inode = config_file.read_bytes(), config_file.stat().st_ino
    editor = SettingsEditor(config_file, data / "settings.toml")
    saved = editor.save("staff", {"terminal.name": "Lobby, right", "idle.warn_after_s": "90"})
    assert saved.terminal.name == "Lobby, right" and saved.idle.warn_after_s == 90
    assert config_file.read_bytes() == before and config_file.stat().st_ino == inode
    assert not config_file.with_name("kiosk.toml.bak").exists()
    local = data / "settings.toml"
    assert oct(stat.S_IMODE(local.stat().st_mode)) == "0o640"
    loaded = load_config(config_file)  # what the kiosk, check-config and diagnose read
    assert loaded.terminal.name == "Lobby, right" and loaded.idle.warn_after_s == 90
    assert load_config(config_file, local_settings=False).terminal.name == "Lobby"
    # A second change keeps the first, and the previous settings file as .bak.
    editor.save("staff", {"idle.answer_s": "40"})
    again = load_config(config_file)
    assert (again.idle.answer_s, again.idle.warn_after_s) == (40, 90)
    assert "warn_after_s = 90" in (data / "settings.toml.bak").read_text()


def test_a_setting_no_admin_role_may_change_is_refused_in_the_settings_file(terminal):
    config_file, data = terminal
    (data / "settings.toml").write_text('[data]\ndirectory = "/tmp"\n[central]\nverify_tls = false\n')
    with pytest.raises(ConfigError) as refused:
        load_config(config_file)
    assert refused.value.source == str(data / "settings.toml")
    assert refused.value.problems == [
        "data.directory: not a setting the admin screens change (set it in the config file)",
        "central.verify_tls: not a setting the admin screens change (set it in the config file)",
    ]


def test_an_invalid_value_in_the_settings_file_is_named_like_any_config_error(terminal):
    config_file, data = terminal
    (data / "settings.toml").write_text("[idle]\nanswer_s = 5\n")
    with pytest.raises(ConfigError) as refused:
        load_config(config_file)
    assert str(data / "settings.toml") in refused.value.source
    assert refused.value.problems == ["idle.answer_s: Input should be greater than or equal to 20 (got 5)"]
    editor = SettingsEditor(config_file, data / "settings.toml")
    with pytest.raises(SettingsRefused):
        editor.save("technician", {"central.base_url": "not a url"})


def test_the_running_kiosks_admin_controller_saves_to_its_own_settings_file(terminal):
    config_file, data = terminal
    config = load_config(config_file)
    PinStore(pin_file_for(config)).set_pin("technician", "135790")

    class Flow:
        status = KioskStatus()

        def update_status(self, **changes):
            self.status = self.status.with_(**changes)

    scheduler = ManualScheduler()
    ctl = AdminController(config, scheduler, Flow(), config_path=config_file)
    try:
        opened = threading.Event()
        ctl.request()
        ctl.check_pin("135790", lambda result: opened.set())
        _wait(scheduler, opened)
        assert ctl.session is not None and ctl.session.role == "technician"
        saved = threading.Event()
        results = []
        ctl.save_settings({"printer.on_fault": "out_of_service"}, lambda r: (results.append(r), saved.set()))
        _wait(scheduler, saved)
    finally:
        ctl.stop()
    assert not isinstance(results[0], BaseException), results
    assert config_file.read_text() == CONFIG.format(token=data / "terminal.token", data=data)
    assert local_settings_file(config) == data / "settings.toml"
    assert load_config(config_file).printer.on_fault == "out_of_service"


def _wait(scheduler: ManualScheduler, event: threading.Event) -> None:
    for _ in range(100):
        if event.is_set():
            return
        scheduler.wait_posted(0.1)
    raise AssertionError("the admin worker did not answer")


def test_upgrade_moves_the_token_out_of_the_config_folder_and_keeps_the_comments(tmp_path):
    etc, data = tmp_path / "etc", tmp_path / "data"
    etc.mkdir()
    data.mkdir()
    config_file = etc / "kiosk.toml"
    config_file.write_text(CONFIG.format(token=etc / "terminal.token", data=data))
    (etc / "terminal.token").write_text("token-from-enrolment\n")
    os.chmod(config_file, 0o640)
    done = migrate_token_location(config_file)
    assert done == [
        f"token moved from {etc / 'terminal.token'} to {data / 'terminal.token'}",
        f"{config_file}: central.token_file = {data / 'terminal.token'}",
    ]
    assert not (etc / "terminal.token").exists()
    assert (data / "terminal.token").read_text() == "token-from-enrolment\n"
    assert oct(stat.S_IMODE((data / "terminal.token").stat().st_mode)) == "0o600"
    assert config_file.read_text() == CONFIG.format(token=data / "terminal.token", data=data)
    assert oct(stat.S_IMODE(config_file.stat().st_mode)) == "0o640"
    assert load_config(config_file).central.token_file == data / "terminal.token"
    assert migrate_token_location(config_file) == []  # a second run changes nothing
    assert config_file.read_text() == CONFIG.format(token=data / "terminal.token", data=data)


def test_example_config_keeps_the_token_where_the_kiosk_may_replace_it():
    example = Path(__file__).resolve().parents[2] / "config" / "kiosk.example.toml"
    config = load_config(example, local_settings=False)
    assert config.central.token_file is not None
    assert config.central.token_file.parent == config.data.directory


@pytest.mark.skipif(os.geteuid() != 0, reason="chown needs root")
def test_diagnose_names_a_settings_file_the_kiosk_account_cannot_read(terminal):
    from kiosk.diagnostics.kiosk_files import check_kiosk_files

    config_file, data = terminal
    kiosk_uid = 65534  # the data folder's owner is the kiosk account
    os.chown(data, kiosk_uid, kiosk_uid)
    os.chmod(data, 0o750)
    local = data / "settings.toml"
    local.write_text('[terminal]\nname = "Edited by hand as root"\n')
    os.chmod(local, 0o600)  # root's, 0600: what `sudo nano` of a new file leaves
    result = check_kiosk_files(load_config(config_file))
    assert result.status == "FAIL" and "staff settings file unreadable" in result.reason
    assert str(local) in result.action
    os.chown(local, kiosk_uid, kiosk_uid)
    assert check_kiosk_files(load_config(config_file)).status == "OK"
