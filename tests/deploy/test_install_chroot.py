"""deploy/install.sh takes a fresh debootstrapped Debian 12 root to an installed kiosk: user,
modes, unit valid per `systemd-analyze verify`, udev rules, enabled unit; run twice it keeps the
configuration and the token; the installed kiosk starts from the installed tree; uninstall keeps
the data unless --purge.

Slow on the first run (debootstrap, apt, pip: a few minutes), fast afterwards thanks to the cache
in /var/cache/anjungan-tests. Needs root and the apt package debootstrap.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.runtime.started_marker import STARTED_MARKER

from .chroot_root import ChrootRoot

pytestmark = [
    pytest.mark.skipif(os.geteuid() != 0, reason="chroot and mount need root"),
    pytest.mark.skipif(shutil.which("debootstrap") is None, reason="needs apt package debootstrap"),
    pytest.mark.timeout(1200),
]


def _ids(root, name: str, table: str) -> int:
    for line in (root / "etc" / table).read_text().splitlines():
        fields = line.split(":")
        if fields[0] == name:
            return int(fields[2])
    raise AssertionError(f"{name} not in /etc/{table}")


def _mode_owner(path) -> tuple[str, int, int]:
    st = path.stat()
    return oct(stat.S_IMODE(st.st_mode)), st.st_uid, st.st_gid


@pytest.fixture(scope="module")
def installed():
    with ChrootRoot() as chroot:
        source = chroot.copy_checkout()
        started = time.monotonic()
        first = chroot.run(f"{source}/deploy/install.sh", timeout=1100)
        print(f"\ninstall.sh, first run in a fresh root: {time.monotonic() - started:.0f} s")
        yield chroot, source, first


def test_user_config_token_and_data_have_their_owners_and_modes(installed):
    chroot, _, _ = installed
    root = chroot.path
    uid, gid = _ids(root, "kiosk", "passwd"), _ids(root, "kiosk", "group")
    passwd = next(line for line in (root / "etc/passwd").read_text().splitlines() if line.startswith("kiosk:"))
    assert passwd.endswith(":/var/lib/anjungan:/usr/sbin/nologin")
    assert uid < 1000  # a system user
    groups = (root / "etc/group").read_text()
    assert any(line.startswith("dialout:") and "kiosk" in line.split(":")[3] for line in groups.splitlines())
    # The config is root's and read-only to the kiosk; its own files are in its data folder.
    assert _mode_owner(root / "etc/anjungan") == ("0o750", 0, gid)
    assert _mode_owner(root / "etc/anjungan/kiosk.toml") == ("0o640", 0, gid)
    assert _mode_owner(root / "etc/anjungan/kiosk.env") == ("0o640", 0, gid)
    assert not (root / "etc/anjungan/terminal.token").exists()
    assert _mode_owner(root / "var/lib/anjungan/terminal.token") == ("0o600", uid, gid)
    assert _mode_owner(root / "var/lib/anjungan") == ("0o750", uid, gid)
    as_kiosk = ["chroot", f"--userspec={uid}:{gid}", str(root), "/bin/sh", "-c"]
    for attempt in ("echo x >>/etc/anjungan/kiosk.toml", "touch /etc/anjungan/new", "echo x >>/etc/anjungan/kiosk.env"):
        assert subprocess.run([*as_kiosk, attempt], capture_output=True).returncode != 0, attempt
    assert subprocess.run([*as_kiosk, "cat /etc/anjungan/kiosk.toml"], capture_output=True).returncode == 0
    assert (root / "etc/anjungan/kiosk.toml").read_text() == (
        root / "opt/anjungan/app/config/kiosk.example.toml"
    ).read_text()


def test_unit_pam_udev_sysctl_are_in_place_and_enabled(installed):
    chroot, _, _ = installed
    root = chroot.path
    for rules in ("60-anjungan-receipt-printers.rules", "61-anjungan-card-readers.rules"):
        assert (root / "etc/udev/rules.d" / rules).is_file()
    assert "pam_systemd.so" in (root / "etc/pam.d/anjungan-kiosk").read_text()
    assert (root / "etc/sysctl.d/60-anjungan-kiosk.conf").is_file()
    link = root / "etc/systemd/system/graphical.target.wants/anjungan-kiosk.service"
    assert os.readlink(link) == "/etc/systemd/system/anjungan-kiosk.service"
    assert os.readlink(root / "etc/systemd/system/default.target").endswith("graphical.target")
    assert os.access(root / "opt/anjungan/app/deploy/run-kiosk.sh", os.X_OK)
    # The seat: power/sleep/reboot keys ignored, no autovt login prompts, no Ctrl+Alt+Del reboot.
    logind = (root / "etc/systemd/logind.conf.d/60-anjungan-kiosk.conf").read_text()
    assert "HandlePowerKey=ignore" in logind and "NAutoVTs=0" in logind
    for masked in ("ctrl-alt-del.target", "autovt@.service"):
        assert os.readlink(root / "etc/systemd/system" / masked) == "/dev/null"
    # The IP allow-list drop-in, from the config (the example's central does not resolve: no deny).
    network = (root / "etc/systemd/system/anjungan-kiosk.service.d/50-network.conf").read_text()
    assert network.splitlines()[1] == "[Service]" and "IPAddressDeny=\n" in network, network


def test_the_release_is_installed_side_by_side_with_its_version(installed):
    chroot, _, _ = installed
    root = chroot.path
    current = os.readlink(root / "opt/anjungan/current")
    version = (root / "opt/anjungan/app/VERSION").read_text().strip()
    assert current == f"releases/{version}" and version.startswith("0.1.0+local.")  # no .git in the copy
    assert os.readlink(root / "opt/anjungan/app") == "current/app"
    assert os.readlink(root / "opt/anjungan/venv") == "current/venv"
    assert (root / "opt/anjungan/releases/history").read_text().split() == [version]
    proc = chroot.run(
        "/bin/sh",
        "-c",
        "cd /opt/anjungan/app && /opt/anjungan/venv/bin/python -c 'import kiosk; print(kiosk.__version__)'",
    )
    assert proc.stdout.strip() == version  # what main.py (run from the app folder) reports


def test_unit_is_valid_per_systemd_analyze_verify(installed):
    chroot, _, _ = installed
    # Verified against the installed root: ExecStart, PAM service and user must exist there.
    proc = subprocess.run(
        ["systemd-analyze", "verify", f"--root={chroot.path}", "/etc/systemd/system/anjungan-kiosk.service"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    complaints = [line for line in (proc.stdout + proc.stderr).splitlines() if "anjungan-kiosk" in line]
    assert proc.returncode == 0 and not complaints, proc.stdout + proc.stderr
    inside = chroot.run("systemd-analyze", "verify", "anjungan-kiosk.service", check=False)
    assert not [line for line in (inside.stdout + inside.stderr).splitlines() if "anjungan-kiosk" in line], (
        inside.stdout + inside.stderr
    )


def test_installed_virtualenv_runs_the_kiosk_code(installed):
    chroot, _, _ = installed
    proc = chroot.run(
        "/opt/anjungan/venv/bin/python", "/opt/anjungan/app/main.py", "check-config", "/etc/anjungan/kiosk.toml"
    )
    assert "OK" in proc.stdout


def test_installed_virtualenv_holds_exactly_the_kiosk_lock(installed):
    # install.sh installs locks/kiosk.txt with --require-hashes and the app with --no-deps: the
    # terminal gets the locked versions, and no web stack (only the central needs it).
    chroot, _, _ = installed
    frozen = chroot.run("/opt/anjungan/venv/bin/python", "-m", "pip", "list", "--format=freeze").stdout
    installed_pins = {
        name.lower().replace("_", "-"): version
        for name, version in (line.split("==", 1) for line in frozen.splitlines() if "==" in line)
    }
    lock_text = (chroot.path / "opt/anjungan/app/locks/kiosk.txt").read_text()
    locked = {
        name.lower(): version
        for name, version in (
            line.split(" ")[0].split("==", 1)
            for line in lock_text.splitlines()
            if "==" in line and not line.startswith(" ")
        )
    }
    assert {name: installed_pins.get(name) for name in locked} == locked
    assert not {"fastapi", "uvicorn", "starlette"} & set(installed_pins)
    assert installed_pins.get("anjungan") == (chroot.path / "opt/anjungan/app/VERSION").read_text().strip()


TEST_CONFIG = """
[terminal]
name = "Installed kiosk under test"
[central]
base_url = "http://127.0.0.1:9"
terminal_id = "TEST-01"
connect_timeout_s = 0.5
read_timeout_s = 0.5
retries = 0
[printer]
backend = "virtual"
profile = "TM-T88V"
paper_width_mm = 80
[card_reader]
backend = "none"
[data]
directory = "/var/lib/anjungan"
"""


def test_installed_kiosk_starts_under_cage_as_the_kiosk_user_with_the_units_syscall_filter(installed, tmp_path):
    # The installed tree, the installed venv, run-kiosk.sh as the unit runs it, user kiosk; only
    # the seat differs (headless wlroots instead of tty1) and the config (no central reachable:
    # nothing listens on 127.0.0.1:9, so the kiosk must start anyway and say it is offline).
    chroot, _, _ = installed
    root = chroot.path
    uid, gid = _ids(root, "kiosk", "passwd"), _ids(root, "kiosk", "group")
    (root / "etc/anjungan/test-kiosk.toml").write_text(TEST_CONFIG)
    runtime = root / "run/kiosk-test"
    runtime.mkdir(mode=0o700)
    os.chown(runtime, uid, gid)
    env = [
        "env",
        "-i",
        "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME=/var/lib/anjungan",
        "LANG=C.UTF-8",
        "XDG_RUNTIME_DIR=/run/kiosk-test",
        "WLR_BACKENDS=headless",
        "WLR_LIBINPUT_NO_DEVICES=1",
        "WLR_RENDERER=pixman",
        "ANJUNGAN_CONFIG=/etc/anjungan/test-kiosk.toml",
        "XDG_CACHE_HOME=/var/cache/anjungan",
    ]
    # To a file, not a pipe: cage logs a lot, and a full pipe would stall the compositor.
    log = open(tmp_path / "run-kiosk.log", "wb")
    # Under the unit's own system call filter (tests/deploy/syscall_filter.py: no systemd here to
    # apply it), so a call the filter refuses and the kiosk needs would show as a failed start.
    unit = root / "etc/systemd/system/anjungan-kiosk.service"
    sandbox = [sys.executable, "-m", "tests.deploy.syscall_filter", str(root), str(uid), str(gid), str(unit), "--"]
    proc = subprocess.Popen(
        [*sandbox, *env, "/opt/anjungan/app/deploy/run-kiosk.sh"],
        cwd=Path(__file__).resolve().parents[2],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        shot = tmp_path / "installed.png"
        deadline = time.monotonic() + 90
        painted = False
        while time.monotonic() < deadline and proc.poll() is None and not painted:
            time.sleep(0.5)
            sockets = [p for p in runtime.glob("wayland-*") if not p.name.endswith(".lock")]
            if not sockets:
                continue
            grab = subprocess.run(
                ["grim", str(shot)],
                capture_output=True,
                timeout=30,
                env={**os.environ, "XDG_RUNTIME_DIR": str(runtime), "WAYLAND_DISPLAY": sockets[0].name},
            )
            if grab.returncode == 0:
                from PIL import Image

                painted = Image.open(shot).convert("RGB").getextrema() != ((0, 0), (0, 0), (0, 0))
            # grim captures a client exactly the size of cage's headless output as all black (the
            # window fits 1280x720 now; see test_cage_kiosk.py): the kiosk's own word that it painted
            # its first frame and built its services is the release-started marker.
            painted = painted or (root / "var/lib/anjungan" / STARTED_MARKER).exists()
        assert painted, f"the installed kiosk never showed a frame (status {proc.poll()})"
        # The welcome screen comes first, the services right after it: let them start (and log).
        while (
            time.monotonic() < deadline
            and proc.poll() is None
            and "kiosk.assembly" not in (tmp_path / "run-kiosk.log").read_text(errors="replace")
        ):
            time.sleep(0.2)
    finally:
        if proc.poll() is None:
            proc.terminate()  # SIGTERM to run-kiosk.sh, as systemd stops it
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, 9)
                proc.wait(30)
        log.close()
    output = "\n".join(
        line
        for line in (tmp_path / "run-kiosk.log").read_text(errors="replace").splitlines()
        if "Basic output test failed" not in line
    )
    assert proc.returncode == 0, output[-3000:]
    assert "kiosk.assembly" in output  # the kiosk's own log lines reached stderr (the journal)


def test_the_acceptance_walk_runs_on_the_installed_terminal_and_keeps_its_report(installed):
    # docs/field-guide.md's walk, as the technician runs it (answers typed: the ticket is fine, a
    # name). No card reader and no speech configured; no display, no central here: not accepted,
    # and it says why.
    chroot, _, _ = installed
    root = chroot.path
    uid = _ids(root, "kiosk", "passwd")
    (root / "etc/anjungan/acceptance.toml").write_text(TEST_CONFIG + '[speech]\nbackend = "off"\n')
    walk = chroot.run(
        "/bin/sh",
        "-c",
        "printf 'y\\nField Tester\\n' | /opt/anjungan/venv/bin/python /opt/anjungan/app/main.py "
        "diagnose --acceptance --config /etc/anjungan/acceptance.toml",
        check=False,
        offline=True,
    )
    print("\n" + walk.stdout)
    assert walk.returncode == 2, walk.stdout + walk.stderr
    for line in (
        "[PASS] config_owner",
        "[FAIL] central",
        "[PASS] ticket       ticket: printed and read by the technician",
        "[FAIL] panel        no connected display",
        "signed off by: Field Tester",
        "result: NOT ACCEPTED",
    ):
        assert line in walk.stdout, walk.stdout
    reports = list((root / "var/lib/anjungan/acceptance").glob("acceptance-*.txt"))
    assert len(reports) == 1 and reports[0].stat().st_uid == uid
    assert reports[0].read_text() in walk.stdout


def test_second_run_keeps_config_and_token_and_uninstall_keeps_data(installed):
    chroot, source, _ = installed
    root = chroot.path
    uid, gid = _ids(root, "kiosk", "passwd"), _ids(root, "kiosk", "group")
    # The layout of an install from before the config became root's: a config folder the kiosk
    # could write, a config it rewrote (so it owns it), the token beside it.
    config = root / "etc/anjungan/kiosk.toml"
    config.write_text(
        config.read_text().replace("/var/lib/anjungan/terminal.token", "/etc/anjungan/terminal.token")
        + "\n# edited by the site technician\n"
    )
    os.chown(config, uid, gid)
    os.chmod(root / "etc/anjungan", 0o770)
    (root / "var/lib/anjungan/terminal.token").unlink()
    old_token = root / "etc/anjungan/terminal.token"
    old_token.write_text("secret-token-from-enrolment\n")
    os.chmod(old_token, 0o644)  # someone widened it: the installer narrows it again
    (root / "var/lib/anjungan/journal.sqlite3").write_text("tickets")

    second = chroot.run(f"{source}/deploy/install.sh")
    assert "apt packages:" not in second.stdout and "installing Python packages" not in second.stdout
    assert "install: token moved from /etc/anjungan/terminal.token to /var/lib/anjungan/terminal.token" in second.stdout
    assert config.read_text().endswith("# edited by the site technician\n")
    assert 'token_file = "/var/lib/anjungan/terminal.token"   # written by' in config.read_text()
    assert _mode_owner(config) == ("0o640", 0, gid)
    assert _mode_owner(root / "etc/anjungan") == ("0o750", 0, gid)
    assert not old_token.exists()
    token = root / "var/lib/anjungan/terminal.token"
    assert token.read_text() == "secret-token-from-enrolment\n"
    assert _mode_owner(token) == ("0o600", uid, gid)

    chroot.run("/opt/anjungan/app/deploy/uninstall.sh")
    assert not (root / "opt/anjungan").exists()
    assert not (root / "etc/systemd/system/anjungan-kiosk.service").exists()
    assert not (root / "etc/systemd/system/graphical.target.wants/anjungan-kiosk.service").is_symlink()
    assert not (root / "etc/systemd/system/ctrl-alt-del.target").is_symlink()
    assert (root / "var/lib/anjungan/journal.sqlite3").read_text() == "tickets"
    assert token.read_text() == "secret-token-from-enrolment\n"

    chroot.run(f"{source}/deploy/install.sh")  # reinstall over the kept data, then purge
    chroot.run("/opt/anjungan/app/deploy/uninstall.sh", "--purge")
    assert not (root / "var/lib/anjungan").exists() and not (root / "etc/anjungan").exists()
    assert "kiosk:" not in (root / "etc/passwd").read_text()
