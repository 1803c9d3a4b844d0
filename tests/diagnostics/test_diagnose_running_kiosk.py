"""diagnose next to a running kiosk: it knows (the kiosk's started marker names a live main.py),
leaves the card reader to it and says how to run the full check."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from kiosk.runtime.started_marker import running_kiosk_pid, write_started_marker

ROOT = Path(__file__).resolve().parents[2]


def diagnose(config: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "diagnose", "--config", str(config), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
    )


def test_a_running_kiosk_is_named_and_left_its_reader(tmp_path):
    data = tmp_path / "data"
    config = tmp_path / "kiosk.toml"
    config.write_text(f"""
[terminal]
name = "Diagnose next to a kiosk"
[central]
base_url = "http://127.0.0.1:9"
terminal_id = "T-01"
connect_timeout_s = 0.5
read_timeout_s = 0.5
retries = 0
[printer]
backend = "virtual"
[card_reader]
backend = "none"
[data]
directory = "{data}"
""")
    # Stands in for the kiosk: a live process whose command line runs a main.py.
    kiosk = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)", "/opt/anjungan/app/main.py"])
    try:
        data.mkdir()
        (data / "release-started.json").write_text(json.dumps({"version": "1.0.0", "pid": kiosk.pid}))
        deadline = time.monotonic() + 10  # until the child has exec'd (before, /proc shows pytest's command)
        while running_kiosk_pid(data) is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert running_kiosk_pid(data) == kiosk.pid
        report = json.loads(diagnose(config, "--json").stdout)
        assert report["kiosk_running_pid"] == kiosk.pid
        assert f"note: the kiosk runs (pid {kiosk.pid}): no card test" in diagnose(config).stdout
    finally:
        kiosk.kill()
        kiosk.wait(10)
    assert running_kiosk_pid(data) is None  # gone
    write_started_marker(data, "1.0.0")  # this pid: alive, but not a kiosk
    assert running_kiosk_pid(data) is None
    assert json.loads(diagnose(config, "--json").stdout)["kiosk_running_pid"] is None
