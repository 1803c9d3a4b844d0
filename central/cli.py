"""``python main.py central``: serve the central in the foreground (one or several worker
processes) until SIGTERM/Ctrl-C; ``python main.py central migrate``: bring the schema to the head;
``issue-code`` / ``revoke``: administrator commands on its database (``central.admin_cli``).

``--db`` takes a SQLite file (the default), ``sqlite:///FILE`` or ``postgresql://user@host/db``.
With ``--workers N`` there are N processes, each with its own listening socket on the port
(central.workers); they need no lock between them (the database serialises what must be serialised), so N is bounded only by cores and
the connection pool (``--pool-max`` per worker). Shutdown is graceful: uvicorn stops accepting,
finishes the requests in flight (up to ``--graceful-timeout`` s), then each worker closes its pool.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

import uvicorn

from central.admin_cli import add_admin_commands, run_admin
from central.http_protocol import OneSendHttpProtocol
from central.sites import load_sites

log = logging.getLogger(__name__)

DEFAULT_CATALOG = Path(__file__).resolve().parent.parent / "config" / "catalog.toml"
# The demo's halls: the default site (Bandung, WIB) and a second one (Badung, WITA). What
# `main.py central` serves when no --catalog is given.
DEMO_CATALOGS = (DEFAULT_CATALOG, DEFAULT_CATALOG.parent / "sites" / "badung.toml")
DEFAULT_DB = Path("var/central.sqlite3")
DEFAULT_PORT = 8470
_CONFIG_ENV = "ANJUNGAN_CENTRAL_WORKER_CONFIG"


def _db_target(db: Path | str) -> Path | str:
    """Database URLs stay strings; anything else is a SQLite file path."""
    text = str(db)
    return text if "://" in text else Path(text)


def _app_kwargs(cfg: dict[str, Any]) -> dict[str, Any]:
    kw: dict[str, Any] = {
        "faults_enabled": cfg["faults"],
        "pool_max": cfg["pool_max"],
        "hot_pool_max": cfg.get("hot_pool_max", 4),
        "faults_token": cfg.get("faults_token"),
    }
    if cfg.get("reservation_ttl_s") is not None:
        kw["reservation_ttl_s"] = cfg["reservation_ttl_s"]
    return kw


def app_from_env() -> Any:
    """The app of one worker process (uvicorn factory); its settings come from the supervisor
    through the environment, because uvicorn spawns workers that import us afresh."""
    from central.app import create_app

    cfg = json.loads(os.environ[_CONFIG_ENV])
    return create_app(
        _db_target(cfg["db"]),
        [Path(c) for c in cfg["catalog"]],
        cfg["terminals"],
        cfg["public_url"],
        migrate_schema=False,
        **_app_kwargs(cfg),
    )


def migrate_db(db: Path | str) -> int:
    """Apply the missing schema steps; prints what was done."""
    from central.store import HEAD, migrate, open_store, redact_url

    store = open_store(_db_target(db), pool_max=2)
    try:
        applied = migrate(store)
    finally:
        store.close()
    where = redact_url(str(db))
    print(
        f"central: {where}: applied {applied} (schema at {HEAD})"
        if applied
        else f"central: {where}: schema already at {HEAD}"
    )
    return 0


def run(
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    db: Path | str = DEFAULT_DB,
    catalog: Path | list[Path] | tuple[Path, ...] = DEMO_CATALOGS,
    *,
    terminals: dict[str, str] | None = None,
    public_url: str | None = None,
    faults_enabled: bool = False,
    workers: int = 1,
    pool_max: int = 10,
    hot_pool_max: int = 4,
    reservation_ttl_s: int | None = None,
    migrate_first: bool = True,
    graceful_timeout_s: int = 10,
    access_log: bool = False,
    faults_token_file: Path | None = None,
    trusted_proxy: str | None = None,
    log_format: str = "text",
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
    catalogs = [catalog] if isinstance(catalog, Path) else list(catalog)
    sites = load_sites(catalogs)
    if terminals is None:
        # none in the shipped catalogues: no token lives in the repo
        terminals = {tid: {"token": tok, "site": s.id} for s in sites for tid, tok in s.file.terminals.items()}
    if not terminals:
        for s in sites:
            codes = ", ".join(s.file.enrolment_codes) or "(none: add [demo] enrolment_codes)"
            print(
                f"central: site {s.id}: no terminal tokens yet; enrol a kiosk with `python main.py enrol CODE`"
                f" (one-time codes: {codes})"
            )
    url = public_url or f"http://{host}:{port}"
    from central.store import redact_url

    if migrate_first:
        migrate_db(db)
    faults_token = None
    if faults_enabled:
        faults_token = secrets.token_urlsafe(24)
        sqlite_file = _db_target(db)
        token_path = faults_token_file or (
            sqlite_file.with_suffix(".faults-token")
            if isinstance(sqlite_file, Path)
            else DEFAULT_DB.with_suffix(".faults-token")
        )
        _write_private(token_path, faults_token)
        print(f"central: fault switches on (loopback only); their bearer token is in {token_path}")
    # Workers get the same settings (and the faults token) through the environment: see app_from_env.
    cfg = {
        "db": str(db),
        "catalog": [str(c) for c in catalogs],
        "terminals": terminals,
        "public_url": url,
        "faults": faults_enabled,
        "faults_token": faults_token,
        "pool_max": pool_max,
        "hot_pool_max": hot_pool_max,
        "reservation_ttl_s": reservation_ttl_s,
    }
    print(
        f"central: serving {url} with {workers} worker(s) (db {redact_url(str(db))}, sites {', '.join(sites.ids)}, "
        f"terminals: {', '.join(terminals) or 'enrolment only'})",
        flush=True,
    )
    common = dict(
        host=host,
        port=port,
        log_config=None,
        # Behind a TLS proxy every peer is the proxy: rate limits need the client it forwards.
        proxy_headers=trusted_proxy is not None,
        forwarded_allow_ips=trusted_proxy,
        access_log=access_log,
        timeout_graceful_shutdown=graceful_timeout_s,
        lifespan="on",
        http=OneSendHttpProtocol,  # a response's headers and body in one send (central.http_protocol)
    )
    if workers <= 1:
        from central.app import create_app

        app = create_app(_db_target(db), sites, terminals, url, migrate_schema=False, **_app_kwargs(cfg))
        uvicorn.run(app, **common)
        return
    # Several processes: prometheus-client keeps each worker's samples in files in one folder.
    metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    own_dir = metrics_dir is None
    if own_dir:
        metrics_dir = tempfile.mkdtemp(prefix="anjungan-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    os.environ[_CONFIG_ENV] = json.dumps(cfg)
    try:
        from central.workers import WorkerSupervisor

        del common["host"], common["port"]
        supervisor = WorkerSupervisor(host, port, workers, log_format, common)
        status = supervisor.run()
        if status:
            raise SystemExit(status)
    finally:
        if own_dir:
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _write_private(path: Path, secret: str) -> None:
    """``secret`` into ``path`` readable by this user only (0600 from the first byte)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, secret.encode() + b"\n")
    finally:
        os.close(fd)


def main(argv: list[str] | None = None, *, default_port: int = DEFAULT_PORT) -> int:
    """Argument parsing for ``python -m central`` and ``main.py central``."""
    import argparse
    import sys

    argv = list(sys.argv[1:] if argv is None else argv)
    from central.logs import configure

    if argv[:1] in (["add-staff"], ["add-counter"], ["seed-demo"]):  # counters (issue 14)
        from central.counters.admin import main as counters_admin

        return counters_admin(argv, default_db=DEFAULT_DB, default_catalogs=DEMO_CATALOGS)
    if argv[:1] in (["backup"], ["restore"], ["retention"]):  # operations (issue 13)
        from central.ops.cli import main as ops_main

        return ops_main(argv, default_db=DEFAULT_DB)
    if argv[:1] == ["migrate"]:
        p = argparse.ArgumentParser(prog="central migrate", description="Bring the central's schema to the head.")
        p.add_argument("--db", default=str(DEFAULT_DB), help="SQLite file or database URL")
        args = p.parse_args(argv[1:])
        configure("text")
        return migrate_db(args.db)

    p = argparse.ArgumentParser(
        prog="central",
        description="Run the Anjungan central service (`central migrate --db URL` applies schema migrations;"
        " `central backup | restore | retention --help`: operations, docs/central-operations.md).",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; keep it on loopback)")
    p.add_argument("--port", type=int, default=default_port, help=f"TCP port (default {default_port})")
    p.add_argument(
        "--db",
        default=str(DEFAULT_DB),
        help=f"SQLite file, sqlite:///FILE or postgresql://user@host:port/db (default {DEFAULT_DB})",
    )
    p.add_argument(
        "--catalog",
        type=Path,
        action="append",
        default=None,
        help="a site's catalogue TOML; repeat for each site served, the first is the default site "
        "(default: the two demo sites, config/catalog.toml and config/sites/badung.toml)",
    )
    p.add_argument("--public-url", default=None, help="base URL printed in ticket QR codes")
    p.add_argument(
        "--faults", action="store_true", help="enable /__faults__ (tests and demos; loopback only, token-protected)"
    )
    p.add_argument(
        "--faults-token-file",
        type=Path,
        default=None,
        help="where --faults writes its bearer token (default: next to the SQLite file, var/ for URLs)",
    )
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--pool-max", type=int, default=10, help="database connections per worker (default 10)")
    p.add_argument(
        "--hot-pool-max",
        type=int,
        default=4,
        help="PostgreSQL: connections per worker for the ticket calls, all open from start (default 4;"
        " keep workers x this near 2-4 x the database's cores)",
    )
    p.add_argument(
        "--terminals",
        type=Path,
        default=None,
        help="JSON file {terminal_id: token} of pre-shared terminals (tests, benchmarks)",
    )
    p.add_argument("--reservation-ttl", type=int, default=None, help="seconds a reservation waits for confirm")
    p.add_argument("--no-migrate", action="store_true", help="do not migrate at start (readyz says if pending)")
    p.add_argument("--graceful-timeout", type=int, default=10, help="seconds to finish requests in flight")
    p.add_argument("--log-format", choices=("text", "json"), default="text", help="json: one object a line")
    p.add_argument("--access-log", action="store_true", help="log every request")
    p.add_argument(
        "--trusted-proxy",
        default=None,
        metavar="IPS",
        help="TLS proxy address(es) whose X-Forwarded-For is believed (e.g. 127.0.0.1); default: none",
    )
    add_admin_commands(p)  # issue-code / revoke
    args = p.parse_args(argv)
    configure(args.log_format)
    if args.admin_command:
        return run_admin(args)
    from central.catalog_file import CatalogFileError

    terminals = json.loads(args.terminals.read_text(encoding="utf-8")) if args.terminals else None
    try:
        run(
            args.host,
            args.port,
            args.db,
            args.catalog or DEMO_CATALOGS,
            terminals=terminals,
            public_url=args.public_url,
            faults_enabled=args.faults,
            workers=args.workers,
            pool_max=args.pool_max,
            hot_pool_max=args.hot_pool_max,
            reservation_ttl_s=args.reservation_ttl,
            migrate_first=not args.no_migrate,
            graceful_timeout_s=args.graceful_timeout,
            access_log=args.access_log,
            faults_token_file=args.faults_token_file,
            trusted_proxy=args.trusted_proxy,
            log_format=args.log_format,
        )
    except CatalogFileError as exc:
        raise SystemExit(f"central: the catalogue cannot be used:\n{exc}") from None
    return 0
