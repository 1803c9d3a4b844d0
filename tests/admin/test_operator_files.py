"""Operator commands run as root leave files the kiosk account can read; when one cannot be read
anyway the kiosk says "out of service" instead of crash-looping, and diagnose (even run as root)
names it. The kiosk account is played by "nobody" (uid 65534), owner of the data folder."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from central.cli import DEFAULT_CATALOG
from central.server import start
from kiosk.admin import set_pin
from kiosk.admin.pin import PinStore
from kiosk.config import load_config
from kiosk.diagnostics.kiosk_files import check_kiosk_files

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="plays root and the kiosk account")


@pytest.fixture
def tmp_path():
    # pytest's own tmp_path sits below a 0700 folder the kiosk account cannot enter.
    path = Path(tempfile.mkdtemp(prefix="anjungan-operator-files-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def kiosk_config(tmp_path: Path, base_url: str = "http://127.0.0.1:9", token_file: Path | None = None) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    os.chown(data, NOBODY, NOBODY)  # as install.sh / StateDirectory= leave it
    config = tmp_path / "kiosk.toml"
    config.write_text(f"""
[terminal]
name = "Operator files test"
[central]
base_url = "{base_url}"
terminal_id = "kiosk-enrol-01"
{f'token_file = "{token_file}"' if token_file else ""}
[printer]
backend = "virtual"
[card_reader]
backend = "none"
[data]
directory = "{data}"
""")
    config.chmod(0o644)
    return config


def test_set_pin_as_root_hands_the_pin_file_to_the_kiosk_account(tmp_path, monkeypatch):
    config = kiosk_config(tmp_path)
    monkeypatch.setattr(set_pin.getpass, "getpass", lambda prompt="": "246810")
    assert set_pin.main(["--config", str(config), "staff"]) == 0
    pin_file = tmp_path / "data" / "admin-pins.json"
    st = pin_file.stat()
    assert (st.st_uid, st.st_gid, oct(st.st_mode & 0o777)) == (NOBODY, NOBODY, "0o600")


def test_enrol_as_root_hands_the_token_to_the_kiosk_account(tmp_path):
    central = start(tmp_path / "central.sqlite3", DEFAULT_CATALOG, {})
    try:
        config = kiosk_config(tmp_path, central.url)
        proc = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "enrol", "MPP-BDG-ENROL-0002", "--config", str(config)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
    finally:
        central.stop()
    st = (tmp_path / "data" / "terminal.token").stat()
    assert (st.st_uid, oct(st.st_mode & 0o777)) == (NOBODY, "0o600")


# The admin controller as the kiosk builds it, run as the kiosk account, on a PIN file left
# root-owned 0600 (as set_pin used to): it must come up and put the kiosk out of service.
AS_KIOSK = """
import json, sys
from kiosk.admin.controller import AdminController
from kiosk.config import load_config
from kiosk.flow.configured import build_flow
from kiosk.runtime.scheduler import ManualScheduler

config = load_config(sys.argv[1])
scheduler = ManualScheduler()
flow = build_flow(config, scheduler)
ctl = AdminController(config, scheduler, flow)
ctl.start()
print(json.dumps({"closed": flow.status.closed_message, "blocking": flow.status.blocking_reason()}))
ctl.stop()
"""


def run_as_kiosk(config_path: Path, tmp_path: Path) -> dict:
    proc = subprocess.run(
        [
            "setpriv",
            f"--reuid={NOBODY}",
            f"--regid={NOBODY}",
            "--clear-groups",
            sys.executable,
            "-c",
            AS_KIOSK,
            str(config_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "HOME": str(tmp_path)},
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
def test_unreadable_token_puts_the_kiosk_out_of_service(tmp_path):
    token = tmp_path / "terminal.token"
    token.write_text("secret\n")
    token.chmod(0o600)  # root's, as enrol used to leave it
    seen = run_as_kiosk(kiosk_config(tmp_path, token_file=token), tmp_path)
    assert seen == {"closed": "out of service: terminal token unreadable", "blocking": "closed"}


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)")
def test_unreadable_pin_file_puts_the_kiosk_out_of_service_and_diagnose_as_root_says_so(tmp_path):
    config_path = kiosk_config(tmp_path)
    config = load_config(config_path)
    PinStore(tmp_path / "data" / "admin-pins.json").set_pin("staff", "246810")  # root-owned 0600

    seen = run_as_kiosk(config_path, tmp_path)
    assert seen == {"closed": "out of service: staff PIN file unreadable", "blocking": "closed"}

    result = check_kiosk_files(config)  # we are root, and can read it: still FAIL, for the kiosk
    assert result.status == "FAIL"
    assert result.reason.startswith("out of service: staff PIN file unreadable by nobody")
    assert str(tmp_path / "data" / "admin-pins.json") in result.action

    os.chown(tmp_path / "data" / "admin-pins.json", NOBODY, NOBODY)  # what the action says
    assert check_kiosk_files(config).status == "OK"
