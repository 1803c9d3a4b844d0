"""``python main.py central``: serve the reference central in the foreground until Ctrl-C, or run
an administrator command on its database (``issue-code``, ``revoke``)."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import secrets
from pathlib import Path

import uvicorn

from central.admin_cli import add_admin_commands, run_admin
from central.app import create_app
from central.catalog_file import load_catalog_file

log = logging.getLogger(__name__)

DEFAULT_CATALOG = Path(__file__).resolve().parent.parent / "config" / "catalog.toml"
DEFAULT_DB = Path("var/central.sqlite3")
DEFAULT_PORT = 8470


def run(
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    db: Path = DEFAULT_DB,
    catalog: Path = DEFAULT_CATALOG,
    *,
    terminals: dict[str, str] | None = None,
    public_url: str | None = None,
    faults_enabled: bool = False,
    faults_token_file: Path | None = None,
) -> None:
    """Serve until interrupted. Kiosks log in with a token from enrolment (``main.py enrol CODE``,
    codes in the catalogue's [demo] section); ``terminals`` adds pre-shared ones (tests)."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if faults_enabled and not loopback:
        raise SystemExit("central: --faults is a test/demo mode and only runs on a loopback address (127.0.0.1)")
    if not loopback:
        log.warning("central binding to non-loopback address %s: anyone on that network can reach it", host)
    catalog_file = load_catalog_file(catalog)
    if terminals is None:
        terminals = catalog_file.terminals  # none in the shipped catalogue: no token lives in the repo
    if not terminals:
        codes = ", ".join(catalog_file.enrolment_codes) or "(none: add [demo] enrolment_codes)"
        print(f"central: no terminal tokens yet; enrol a kiosk with `python main.py enrol CODE` "
              f"(one-time codes: {codes})")
    url = public_url or f"http://{host}:{port}"
    faults_token = None
    if faults_enabled:
        faults_token = secrets.token_urlsafe(24)
        token_path = faults_token_file or Path(db).with_suffix(".faults-token")
        _write_private(token_path, faults_token)
        print(f"central: fault switches on (loopback only); their bearer token is in {token_path}")
    app = create_app(Path(db), Path(catalog), terminals, url, faults_enabled=faults_enabled, faults_token=faults_token)
    print(f"central: serving {url} (db {db}, catalogue {catalog}, terminals: {', '.join(terminals) or 'enrolment only'})")
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, lifespan="off")


def _write_private(path: Path, secret: str) -> None:
    """``secret`` into ``path`` readable by this user only (0600 from the first byte)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, secret.encode() + b"\n")
    finally:
        os.close(fd)


def main(argv: list[str] | None = None) -> None:
    """Argument parsing for ``python -m central`` (main.py may call this or ``run`` directly)."""
    p = argparse.ArgumentParser(prog="central", description="Run the Anjungan reference central service.")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; keep it on loopback)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"TCP port (default {DEFAULT_PORT})")
    p.add_argument("--db", type=Path, default=DEFAULT_DB, help=f"SQLite file (default {DEFAULT_DB})")
    p.add_argument("--catalog", type=Path, default=DEFAULT_CATALOG, help="catalogue TOML")
    p.add_argument("--public-url", default=None, help="base URL printed in ticket QR codes")
    p.add_argument("--faults", action="store_true", help="enable /__faults__ (tests and demos; loopback only, token-protected)")
    add_admin_commands(p)
    args = p.parse_args(argv)
    if args.admin_command:
        raise SystemExit(run_admin(args))
    from central.catalog_file import CatalogFileError

    try:
        run(args.host, args.port, args.db, args.catalog, public_url=args.public_url, faults_enabled=args.faults)
    except CatalogFileError as exc:
        raise SystemExit(f"central: the catalogue cannot be used:\n{exc}") from None
