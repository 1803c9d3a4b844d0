"""check-config accepts these files (the kiosk runs) but warns: the unedited example, TLS checks
off, a CA bundle that is not there. diagnose reports the same as WARN."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from kiosk.diagnostics.checks import check_config

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "config" / "kiosk.example.toml"


def check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check-config", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        check=False,
    )


def edited(tmp_path: Path, *replacements: tuple[str, str]) -> Path:
    text = EXAMPLE.read_text()
    for old, new in (('"https://central.mpp.example.go.id"', '"https://central.mpp-bandung.go.id"'), *replacements):
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "kiosk.toml"
    path.write_text(text)
    return path


def test_the_unedited_example_file_is_accepted_with_a_warning(tmp_path):
    copy = tmp_path / "kiosk.toml"
    copy.write_bytes(EXAMPLE.read_bytes())  # as install.sh puts it in /etc/anjungan
    proc = check(copy)
    assert proc.returncode == 0
    assert "OK with 1 warning(s)" in proc.stdout
    assert "warning: this is the unedited example file" in proc.stdout
    assert check_config(copy).status == "WARN"


def test_tls_checks_off_and_a_missing_ca_bundle_are_both_named(tmp_path):
    path = edited(tmp_path, ("verify_tls = true", f'verify_tls = false\nca_bundle = "{tmp_path}/no-such-ca.pem"'))
    proc = check(path)
    assert proc.returncode == 0 and "OK with 2 warning(s)" in proc.stdout
    assert "warning: central.verify_tls = false: the central's certificate is not checked" in proc.stdout
    assert f"warning: central.ca_bundle {tmp_path}/no-such-ca.pem does not exist" in proc.stdout


def test_an_edited_file_with_tls_checked_has_no_warning(tmp_path):
    proc = check(edited(tmp_path))
    assert proc.returncode == 0 and "OK (terminal" in proc.stdout and "warning" not in proc.stdout
    assert check_config(tmp_path / "kiosk.toml").status == "OK"
