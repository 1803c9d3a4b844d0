"""``python main.py central``: serve the reference central in the foreground until Ctrl-C."""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

import uvicorn

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
) -> None:
    """Serve until interrupted. Terminals default to the catalogue's [[demo.terminals]]."""
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback:
        log.warning("central binding to non-loopback address %s: anyone on that network can reach it", host)
    if terminals is None:
        terminals = load_catalog_file(catalog).terminals
    if not terminals:
        raise SystemExit(f"{catalog}: no [[demo.terminals]] and no terminals given: no kiosk could log in")
    url = public_url or f"http://{host}:{port}"
    app = create_app(Path(db), Path(catalog), terminals, url, faults_enabled=faults_enabled)
    print(f"central: serving {url} (db {db}, catalogue {catalog}, terminals: {', '.join(terminals)})")
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, lifespan="off")
