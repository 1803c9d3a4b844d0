"""The IP addresses the kiosk's unit may talk to, as a systemd drop-in (deploy/network-allow.sh).

The unit allows loopback only (``IPAddressDeny=any``); this adds the central's addresses, the
network printer's and the name servers' (the kiosk resolves the central's name itself). Names are
resolved when this runs: after a change of the central's or the printer's address, or when the
central moves to another IP, run deploy/network-allow.sh again. When the central's name cannot be
resolved (an image built offline, no network yet), the drop-in lifts the deny rule and says why:
a kiosk that cannot reach its central is worse than one without an allow-list.

    python -m kiosk.config.network_allow /etc/anjungan/kiosk.toml   (the drop-in on stdout)
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from .loader import ConfigError, load_config
from .models import KioskConfig

Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    """Every address ``host`` has now (IPv4 and IPv6); OSError when it has none."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def _addresses(host: str, resolver: Resolver) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        return resolver(host)


def name_servers(resolv_conf: Path) -> list[str]:
    servers = []
    try:
        lines = resolv_conf.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for line in lines:
        parts = line.split()
        if len(parts) >= 2 and parts[0] == "nameserver":
            try:
                servers.append(str(ipaddress.ip_address(parts[1].split("%")[0])))
            except ValueError:
                continue
    return servers


def _allowed(
    config: KioskConfig, resolver: Resolver, resolv_conf: Path
) -> tuple[list[tuple[str, list[str]]], list[str]]:
    """(what -> its addresses now, comment lines). OSError when the central's name does not
    resolve now; a printer name that does not is only noted."""
    allowed = [("the central", _addresses(urlsplit(config.central.base_url).hostname or "", resolver))]
    notes = []
    if config.printer.backend == "network" and config.printer.host:
        try:
            allowed.append(("the printer", _addresses(config.printer.host, resolver)))
        except OSError:
            notes.append(f"# the printer {config.printer.host[:100]} could not be resolved")
    servers = [s for s in name_servers(resolv_conf) if not ipaddress.ip_address(s).is_loopback]
    if servers:
        allowed.append(("name servers", servers))
    return allowed, notes


def drop_in(config: KioskConfig, resolver: Resolver = resolve, resolv_conf: Path = Path("/etc/resolv.conf")) -> str:
    """The text of anjungan-kiosk.service.d/50-network.conf for ``config``."""
    lines = ["# Written by deploy/network-allow.sh from the kiosk's config: do not edit, run it again.", "[Service]"]
    try:
        allowed, notes = _allowed(config, resolver, resolv_conf)
    except OSError:
        central_host = urlsplit(config.central.base_url).hostname or ""
        return "\n".join(
            [
                *lines,
                f"# {central_host[:100]} could not be resolved: no IP allow-list until this runs again.",
                "IPAddressDeny=",
                "",
            ]
        )
    lines += notes
    for what, addresses in allowed:
        lines.append(f"# {what}")
        lines.append("IPAddressAllow=" + " ".join(addresses))
    return "\n".join([*lines, ""])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m kiosk.config.network_allow CONFIG_FILE", file=sys.stderr)
        return 2
    try:
        config = load_config(args[0])
    except ConfigError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    sys.stdout.write(drop_in(config))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def allowed_in(drop_in_text: str) -> set[str]:
    """The addresses an existing drop-in allows."""
    found: set[str] = set()
    for line in drop_in_text.splitlines():
        if line.startswith("IPAddressAllow="):
            found.update(line.split("=", 1)[1].split())
    return found


def missing_addresses(config: KioskConfig, drop_in_text: str, resolver: Resolver = resolve) -> list[str]:
    """Addresses the kiosk needs now that the drop-in does not allow ([] when the drop-in allows
    everything, i.e. it lifted the deny rule). OSError when the central's name does not resolve
    now (one lookup: the answer cannot change between a check and its use)."""
    if "\nIPAddressDeny=\n" in f"\n{drop_in_text}":
        return []
    allowed, _ = _allowed(config, resolver, Path("/nonexistent"))
    wanted = {address for _, addresses in allowed for address in addresses}
    return sorted(wanted - allowed_in(drop_in_text))
