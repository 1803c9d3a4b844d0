"""The individual checks. Each is blocking and never raises for the problem it looks for: it
returns a ``CheckResult`` saying what was found and what to do. Run them off the GUI thread."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import platform
import shutil
import socket
import ssl
from pathlib import Path
from urllib.parse import urlsplit

from kiosk import __version__
from kiosk.config.models import KioskConfig
from kiosk.config.network_allow import Resolver, missing_addresses, resolve
from kiosk.diagnostics.result import CheckResult

DISK_WARN_BYTES = 500 * 1024 * 1024
DISK_FAIL_BYTES = 50 * 1024 * 1024
CERT_WARN_DAYS = 21
LIBRARIES = ("PySide6_Essentials", "pydantic", "requests", "python-escpos", "pyscard", "qrcode", "pillow")


def check_config(config_path: Path | None, config: KioskConfig | None = None) -> CheckResult:
    """The same validation as ``check-config`` (when the file is known)."""
    if config_path is None:
        return CheckResult("config", "OK" if config else "FAIL", "settings loaded in memory (no file given)")
    from kiosk.config.loader import ConfigError, load_config
    from kiosk.config.warnings import config_warnings

    try:
        loaded = load_config(config_path)
    except ConfigError as exc:
        return CheckResult(
            "config",
            "FAIL",
            f"{len(exc.problems)} problem(s) in {config_path}",
            "fix them (python main.py check-config FILE says where)",
            {"problems": exc.problems},
        )
    warnings = config_warnings(loaded, config_path)
    if warnings:
        return CheckResult(
            "config",
            "WARN",
            f"{config_path}: {warnings[0]}" + (f" (and {len(warnings) - 1} more)" if len(warnings) > 1 else ""),
            "python main.py check-config FILE lists them",
            {"warnings": warnings},
        )
    return CheckResult("config", "OK", f"{config_path} is valid")


def check_versions() -> CheckResult:
    versions: dict[str, str | None] = {"anjungan": __version__, "python": platform.python_version()}
    for lib in LIBRARIES:
        try:
            versions[lib] = importlib.metadata.version(lib)
        except importlib.metadata.PackageNotFoundError:
            versions[lib] = None
    missing = [k for k, v in versions.items() if v is None and k != "pyscard"]
    if missing:
        return CheckResult(
            "versions",
            "WARN",
            f"not installed: {', '.join(missing)}",
            "reinstall the kiosk (scripts/setup.sh)",
            versions,
        )
    return CheckResult("versions", "OK", f"anjungan {__version__}, Python {versions['python']}", details=versions)


def check_disk(directory: Path) -> CheckResult:
    directory.mkdir(parents=True, exist_ok=True)
    usage = shutil.disk_usage(directory)
    details = {"path": str(directory), "free_bytes": usage.free, "total_bytes": usage.total}
    free_mb = usage.free // (1024 * 1024)
    if usage.free < DISK_FAIL_BYTES:
        return CheckResult(
            "disk",
            "FAIL",
            f"only {free_mb} MB free for the data folder",
            "free space now: the journal cannot be written",
            details,
        )
    if usage.free < DISK_WARN_BYTES:
        return CheckResult(
            "disk",
            "WARN",
            f"{free_mb} MB free for the data folder",
            "free some space or export and remove old logs",
            details,
        )
    return CheckResult("disk", "OK", f"{free_mb} MB free", details=details)


def check_central(config: KioskConfig, token: str | None) -> CheckResult:
    from kiosk.api.client import CentralClient
    from kiosk.api.diagnostics import MAX_SKEW_S
    from kiosk.api.diagnostics import check_central as probe

    settings = config.central.model_copy(update={"retries": 0})  # the technician wants the truth now
    with CentralClient(settings, token) as client:
        result = probe(client)
    details = {
        "url": config.central.base_url,
        "latency_ms": result.latency_ms,
        "clock_skew_s": result.clock_skew_s,
        "authorized": result.authorized,
        "catalog_version": result.catalog_version,
    }
    if not result.reachable:
        return CheckResult(
            "central",
            "FAIL",
            result.problem or "central not reachable",
            "check the network cable/Wi-Fi and central.base_url; ask the central's operator",
            details,
        )
    if result.clock_skew_s is not None and abs(result.clock_skew_s) > MAX_SKEW_S:
        return CheckResult("central", "WARN", result.problem or "clock skew", "fix the time sync (NTP)", details)
    if not result.authorized:
        action = (
            "enrol this kiosk (python main.py enrol CODE)"
            if not token
            else "the token was refused: enrol again with a new code"
        )
        return CheckResult("central", "FAIL", result.problem or "not authorised", action, details)
    latency = f"{result.latency_ms:.0f} ms" if result.latency_ms is not None else "?"
    return CheckResult(
        "central", "OK", f"reachable in {latency}, clock skew {result.clock_skew_s:+.1f} s", details=details
    )


def check_tls(config: KioskConfig, timeout_s: float = 5.0) -> CheckResult:
    """Expiry of the certificate the central presents (the central check verifies the chain)."""
    parts = urlsplit(config.central.base_url)
    if parts.scheme != "https":
        return CheckResult("tls", "OK", "plain http to a loopback central: no certificate to check")
    from cryptography import x509

    host, port = parts.hostname or "", parts.port or 443
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # only reading the dates; trust is checked elsewhere
    try:
        with socket.create_connection((host, port), timeout=timeout_s) as raw:
            with context.wrap_socket(raw, server_hostname=host) as tls:
                der = tls.getpeercert(binary_form=True)
    except OSError as exc:
        return CheckResult(
            "tls", "FAIL", f"no TLS connection to {host}:{port}: {exc}", "check central.base_url and the network"
        )
    assert der is not None  # a handshake that completed has the peer's certificate (no anonymous suites)
    cert = x509.load_der_x509_certificate(der)
    expires = cert.not_valid_after_utc
    days = (expires - dt.datetime.now(dt.UTC)).total_seconds() / 86400
    details = {"expires": expires.isoformat(), "days_left": round(days, 1)}
    if days < 0:
        return CheckResult(
            "tls",
            "FAIL",
            f"the central's certificate expired on {expires:%Y-%m-%d}",
            "the central's operator must renew the certificate",
            details,
        )
    if days < CERT_WARN_DAYS:
        return CheckResult(
            "tls",
            "WARN",
            f"the central's certificate expires in {days:.0f} days",
            "tell the central's operator to renew it",
            details,
        )
    return CheckResult("tls", "OK", f"certificate valid until {expires:%Y-%m-%d}", details=details)


DROP_IN = Path("/etc/systemd/system/anjungan-kiosk.service.d/50-network.conf")


def check_network_allow(config: KioskConfig, drop_in: Path = DROP_IN, resolver: Resolver = resolve) -> CheckResult:
    """The unit's IP allow-list still holds the central's and the printer's addresses (a name can
    move to another IP; an address changed on the admin screens is not in it)."""

    try:
        text = drop_in.read_text(encoding="utf-8")
    except FileNotFoundError:
        return CheckResult("network_allow", "OK", "no IP allow-list drop-in here (not an installed terminal)")
    except OSError as exc:
        return CheckResult("network_allow", "WARN", f"cannot read {drop_in}: {exc.strerror}", "run diagnose with sudo")
    try:
        missing = missing_addresses(config, text, resolver)
    except OSError:
        return CheckResult("network_allow", "WARN", "the central's name does not resolve now", "check DNS")
    if missing:
        return CheckResult(
            "network_allow",
            "FAIL",
            f"the kiosk's unit may not reach {', '.join(missing[:4])} (not in {drop_in.name})",
            "sudo /opt/anjungan/app/deploy/network-allow.sh, then sudo systemctl restart anjungan-kiosk",
            {"missing": missing},
        )
    return CheckResult("network_allow", "OK", "the unit's IP allow-list holds the central and the printer")
