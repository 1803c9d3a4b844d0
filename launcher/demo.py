"""The demo environment: the reference central service on loopback plus a kiosk config for it."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import KioskConfig, load_config

ROOT = Path(__file__).resolve().parents[1]
DEMO_CONFIG = ROOT / "config" / "demo.toml"
CATALOG = ROOT / "config" / "catalog.toml"
# The central serves both demo halls; the kiosk's terminal is the first's (Bandung, the default site).
CATALOGS = (CATALOG, ROOT / "config" / "sites" / "badung.toml")


@dataclass
class DemoEnvironment:
    config: KioskConfig
    token: str
    central: object  # central.server.RunningCentral

    @property
    def central_url(self) -> str:
        return self.central.url


@contextmanager
def demo_environment(
    workdir: Path,
    config_path: Path = DEMO_CONFIG,
    catalog_path: Path | tuple[Path, ...] = CATALOGS,
    central_options: dict | None = None,
    faults: bool = True,
    **config_changes,
) -> Iterator[DemoEnvironment]:
    """Start the reference central service and yield a kiosk config pointing at it.

    ``central_options`` go to ``central.server.start`` (e.g. ``payment_autopay_s``). ``faults``:
    the central's fault switches, for tests and the scripted walk-through (on 127.0.0.1 only, behind
    a token made for this run: ``central.testing.Faults(env.central_url)`` finds it)."""
    from central.server import start

    workdir.mkdir(parents=True, exist_ok=True)
    base = load_config(config_path)
    # A fresh token per demo run: nothing secret is ever written into the repository.
    token = secrets.token_urlsafe(24)
    running = start(
        workdir / "central.sqlite3",
        catalog_path,
        {base.central.terminal_id: token},
        faults_enabled=faults,
        **(central_options or {}),
    )
    try:
        config = with_changes(
            base, central={"base_url": running.url}, data={"directory": workdir / "kiosk"}, **config_changes
        )
        yield DemoEnvironment(config, token, running)
    finally:
        running.stop()


def with_changes(config: KioskConfig, **sections: dict) -> KioskConfig:
    """A copy of ``config`` with some fields of some sections replaced, validated again."""
    raw = config.model_dump()
    for section, fields in sections.items():
        raw[section] = {**raw[section], **fields}
    return KioskConfig.model_validate(raw)


def seed_hall(env: DemoEnvironment) -> list[str]:
    """The hall side of the demo, at every site the central serves: the demo staff accounts (the
    default site keeps the printed passwords, the others their own: ``demo_password``) and one
    counter per agency, in the zone word of the agency's services ("Zona A · Loket 1–4" -> A,
    "Zona Dukcapil · Loket 1–2" -> Dukcapil), which is what /display?zone= takes. Returns what
    to print: the counter app, the displays, the accounts (demo passwords: nothing secret)."""
    from central.counters.admin import DEMO_STAFF, demo_password, demo_zone

    app = env.central.app  # type: ignore[attr-defined]
    url = env.central_url
    lines = [f"Counter app (loket): {url}/counter  (the password finds the account's site)"]
    for index, site in enumerate(app.state.sites):
        catalog = site.catalog
        accounts = []
        for username, password, role in DEMO_STAFF:
            password = demo_password(site, index, password)
            app.state.staff.add(username, password, role, site=site.id)
            accounts.append(f"{username} / {password}" + (" (supervisor: any counter)" if role == "supervisor" else ""))
        zones: list[str] = []
        for n, agency in enumerate(catalog.agencies, start=1):
            services = [s for s in catalog.services if s.agency_id == agency.id]
            if not services:
                continue
            zone = demo_zone(services[0].zone.get("id"))
            app.state.calls.add_counter(str(n), zone, [s.id for s in services], site=site.id)
            if zone not in zones:
                zones.append(zone)
        first = zones[0] if zones else "A"
        lines += [
            f"{catalog.site.name} ({site.id}): accounts {', '.join(accounts)}",
            f"  hall displays, one per zone ({', '.join(zones)}): {url}/display?site={site.id}&zone={first}",
        ]
    lines.append("Each ticket's QR code opens its live phone page (/t/<id>).")
    return lines
