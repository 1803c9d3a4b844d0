"""Helpers for tests and the demo that drive a reference central: a settable clock, catalogue
variants (other site time zones) and the fault switch."""

from __future__ import annotations

import shutil
import subprocess
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import requests

from central.cli import DEFAULT_CATALOG
from central.faults import FAULT_TOKENS

TEST_TERMINAL = "kiosk-test-01"
TEST_TOKEN = "test-token-0123456789abcdef"
OTHER_TERMINAL = "kiosk-test-02"
OTHER_TOKEN = "other-token-0123456789"


class SettableClock:
    """A clock the test moves by hand (thread-safe; the server reads it from its thread pool)."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("start must be tz-aware")
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> datetime:
        with self._lock:
            return self._now

    def set(self, when: datetime) -> None:
        with self._lock:
            self._now = when

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += timedelta(seconds=seconds)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def catalog_variant(dest: Path, *, timezone_name: str | None = None, replace: dict[str, str] | None = None) -> Path:
    """Copy the demo catalogue to ``dest`` with another site time zone and/or text replacements."""
    text = DEFAULT_CATALOG.read_text(encoding="utf-8")
    if timezone_name:
        text = text.replace('timezone = "Asia/Jakarta"', f'timezone = "{timezone_name}"', 1)
    for old, new in (replace or {}).items():
        if old not in text:
            raise ValueError(f"{old!r} not in the demo catalogue")
        text = text.replace(old, new, 1)
    dest.write_text(text, encoding="utf-8")
    return dest


def self_signed_cert(directory: Path) -> tuple[Path, Path]:
    """A throwaway certificate for IP 127.0.0.1 (openssl CLI); returns (cert.pem, key.pem)."""
    if shutil.which("openssl") is None:
        raise FileNotFoundError("openssl command not found")
    cert, key = directory / "central-cert.pem", directory / "central-key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return cert, key


def fault_headers(base_url: str, token: str | None = None) -> dict[str, str]:
    """The Authorization header for the fault switches of the central at ``base_url``: ``token``,
    or the one of a central this process started (``central.server.start``)."""
    token = token or FAULT_TOKENS.get(base_url)
    if not token:
        raise LookupError(f"no faults token known for {base_url}: pass the central's .faults_token")
    return {"Authorization": f"Bearer {token}"}


class Faults:
    """Switch the fault mode of a central started with ``faults_enabled=True`` (on loopback)."""

    def __init__(self, base_url: str, token: str | None = None) -> None:
        self.base_url = base_url
        self._headers = fault_headers(base_url, token)

    def set(self, mode: str, *, delay_s: float = 0.0, times: int | None = None, reset_counts: bool = True) -> None:
        body: dict[str, Any] = {"mode": mode, "delay_s": delay_s, "reset_counts": reset_counts}
        if times is not None:
            body["times"] = times
        r = requests.post(self.base_url + "/__faults__", json=body, headers=self._headers, timeout=5)
        r.raise_for_status()

    def requests(self, key: str) -> int:
        """How many times the server saw ``key`` ("GET /v1/queues") since the last reset."""
        r = requests.get(self.base_url + "/__faults__", headers=self._headers, timeout=5)
        r.raise_for_status()
        return int(r.json()["requests"].get(key, 0))

    def pay(self, payment_id: str) -> None:
        """Simulate the citizen's bank app paying a pending QRIS payment."""
        r = requests.post(f"{self.base_url}/__faults__/payments/{payment_id}/pay", headers=self._headers, timeout=5)
        r.raise_for_status()
