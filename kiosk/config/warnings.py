"""Settings that load but that a technician should hear about: ``check-config`` prints them and
``diagnose`` reports them as WARN. Each one is a terminal that runs, but not as meant."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .models import KioskConfig

EXAMPLE_FILE = Path(__file__).resolve().parents[2] / "config" / "kiosk.example.toml"
# Hosts reserved for examples (RFC 2606), as in config/kiosk.example.toml.
EXAMPLE_HOSTS = ("example.com", "example.net", "example.org", "example.go.id", "example.id")


def _is_example_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return any(host == h or host.endswith("." + h) for h in EXAMPLE_HOSTS) or host.endswith(".example")


def config_warnings(config: KioskConfig, path: Path | None = None) -> list[str]:
    found = []
    try:
        unedited = path is not None and EXAMPLE_FILE.is_file() and Path(path).read_bytes() == EXAMPLE_FILE.read_bytes()
    except OSError:
        unedited = False
    if unedited:
        found.append(
            "this is the unedited example file: set terminal.name, central.base_url and "
            "central.terminal_id for this kiosk"
        )
    elif _is_example_host(urlsplit(config.central.base_url).hostname or ""):
        found.append("central.base_url still names the example host: set your central's address")
    central = config.central
    if not central.verify_tls:
        found.append(
            "central.verify_tls = false: the central's certificate is not checked, so anyone on "
            "the network can pose as the central and take the terminal token (lab benches only)"
        )
    if central.ca_bundle is not None and not central.ca_bundle.is_file():
        found.append(
            f"central.ca_bundle {str(central.ca_bundle)[:120]} does not exist: every connection to "
            "the central will fail its TLS check"
        )
    return found
