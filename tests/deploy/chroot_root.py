"""A throw-away Debian 12 root for the install script: debootstrap once, cached; then per run.

The minbase tarball, the apt archives and pip's cache live in a cache folder outside the
repository (ANJUNGAN_TEST_CACHE, default /var/cache/anjungan-tests), so a second run downloads
nothing. Everything mounted here is unmounted by the same object that mounted it.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CACHE = Path(os.environ.get("ANJUNGAN_TEST_CACHE", "/var/cache/anjungan-tests"))
MIRROR = os.environ.get("ANJUNGAN_TEST_MIRROR", "http://deb.debian.org/debian")
SUITE = "bookworm"
ROOT = Path(__file__).resolve().parents[2]


def base_tarball() -> Path:
    """The debootstrapped minbase root as a tarball, made on the first call only."""
    tarball = CACHE / f"{SUITE}-minbase.tar"
    if tarball.exists():
        return tarball
    CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="anjungan-debootstrap-", dir="/var/tmp"))
    try:
        proc = subprocess.run(
            ["debootstrap", "--variant=minbase", SUITE, str(work / "root"), MIRROR],
            capture_output=True,
            text=True,
            timeout=900,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"debootstrap failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
        partial = tarball.with_suffix(".tmp")
        subprocess.run(["tar", "-C", str(work / "root"), "-cf", str(partial), "."], check=True)
        partial.rename(tarball)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return tarball


class ChrootRoot:
    """A fresh root from the tarball with /proc and the download caches mounted."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="anjungan-chroot-", dir="/var/tmp"))
        self.mounts: list[Path] = []
        self._lock = None

    def __enter__(self) -> ChrootRoot:
        # One root at a time on this machine: they share apt's archive folder (apt refuses a
        # second user of its lock) and the two cores.
        CACHE.mkdir(parents=True, exist_ok=True)
        self._lock = open(CACHE / ".chroot.lock", "w")  # held until __exit__
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        try:
            subprocess.run(["tar", "-C", str(self.path), "-xf", str(base_tarball())], check=True)
            self._mount(["-t", "proc", "proc"], self.path / "proc")
            # wlroots allocates its shared-memory buffers with shm_open(): /dev/shm must exist.
            self._mount(["-t", "tmpfs", "-o", "mode=1777,size=256m", "shm"], self.path / "dev" / "shm")
            for cache, inside in (
                (CACHE / "apt-archives", "var/cache/apt/archives"),
                (CACHE / "pip", "root/.cache/pip"),
            ):
                cache.mkdir(parents=True, exist_ok=True)
                self._mount(["--bind", str(cache)], self.path / inside)
            shutil.copy("/etc/resolv.conf", self.path / "etc" / "resolv.conf")
            # The host's CA bundle, which may include a TLS-inspecting proxy's CA (as on this
            # workplace, and at some sites): pip inside the root then trusts what the host trusts.
            host_bundle = Path(os.environ.get("PIP_CERT") or "/etc/ssl/certs/ca-certificates.crt")
            if host_bundle.is_file():
                shutil.copy(host_bundle, self.path / "etc" / "anjungan-test-ca.pem")
            # The usual chroot guard: packages' maintainer scripts must not start services here.
            guard = self.path / "usr" / "sbin" / "policy-rc.d"
            guard.write_text("#!/bin/sh\nexit 101\n")
            guard.chmod(0o755)
            # Keep downloaded .debs for the next run (apt-get clean would empty the cache).
            (self.path / "etc/apt/apt.conf.d/01keep").write_text('Binary::apt::APT::Keep-Downloaded-Packages "true";\n')
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def _mount(self, args: list[str], target: Path) -> None:
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", *args, str(target)], check=True)
        self.mounts.append(target)

    def copy_checkout(self, inside: str = "usr/src/anjungan") -> str:
        dest = self.path / inside
        dest.mkdir(parents=True)
        excludes = [f"--exclude=./{name}" for name in (".git", ".venv", "var", "out", ".pytest_cache")]
        pack = subprocess.Popen(
            ["tar", "-C", str(ROOT), *excludes, "--exclude=__pycache__", "-cf", "-", "."], stdout=subprocess.PIPE
        )
        subprocess.run(["tar", "-C", str(dest), "-xf", "-"], stdin=pack.stdout, check=True)
        pack.stdout.close()
        assert pack.wait() == 0
        return "/" + inside

    def run(
        self, *argv: str, timeout: float = 900, check: bool = True, offline: bool = False
    ) -> subprocess.CompletedProcess:
        """``offline``: in a network namespace of its own (not even loopback is up), as a
        terminal without internet."""
        env = {
            "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "HOME": "/root",
            "LANG": "C.UTF-8",
            "DEBIAN_FRONTEND": "noninteractive",
        }
        if (self.path / "etc" / "anjungan-test-ca.pem").is_file():
            env["PIP_CERT"] = "/etc/anjungan-test-ca.pem"
        netns = ["unshare", "--net"] if offline else []
        proc = subprocess.run(
            [*netns, "chroot", str(self.path), *argv], env=env, capture_output=True, text=True, timeout=timeout
        )
        if check and proc.returncode != 0:
            raise AssertionError(f"{' '.join(argv)} -> {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
        return proc

    def __exit__(self, *exc) -> None:
        for target in reversed(self.mounts):
            subprocess.run(["umount", "--lazy", str(target)], check=False)
        self.mounts.clear()
        # Only delete when nothing is mounted below any more, or rmtree would empty the caches.
        mounted = Path("/proc/mounts").read_text()
        if str(self.path) not in mounted:
            shutil.rmtree(self.path, ignore_errors=True)
        if self._lock is not None:
            self._lock.close()  # releases the flock
            self._lock = None
