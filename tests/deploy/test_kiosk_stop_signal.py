"""A stop request is never lost, whenever it lands: systemd's SIGTERM during start-up (while the
window is being shown, before the event loop runs) must end the kiosk as cleanly as one that
lands later. The lost case showed up under cage in CI: the kiosk ignored the SIGTERM that came
right after its first resize and ran until it was killed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "deploy" / "kiosk_probe.py"


def _start_probe(tmp_path: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NOTIFY_", "WATCHDOG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1", ANJUNGAN_PROBE_DATA=str(tmp_path / "data"))
    return subprocess.Popen(
        [sys.executable, str(PROBE)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=open(tmp_path / "probe.log", "ab"),
        start_new_session=True,
    )


@pytest.mark.parametrize("at_event", ["resized", "shown"])
def test_sigterm_ends_the_kiosk_cleanly_whenever_it_lands(tmp_path, at_event):
    # "resized" is reported from inside start() (the window being shown, the loop not yet
    # running); "shown" once the first frame is painted, with the loop running.
    probe = _start_probe(tmp_path)
    try:
        while True:
            line = probe.stdout.readline()
            assert line, f"the probe ended ({probe.wait(10)}) before {at_event}"
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("event") == at_event:
                break
        probe.send_signal(signal.SIGTERM)
        status = probe.wait(30)
    finally:
        if probe.poll() is None:
            os.killpg(probe.pid, signal.SIGKILL)
            probe.wait(10)
        probe.stdout.close()
    assert status == 0, (tmp_path / "probe.log").read_text()[-2000:]
    assert not (tmp_path / "data" / "crash" / "running").exists()  # a clean stop, nothing to recover
