"""``python main.py COMMAND``: run, demo, check-config, central."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

from kiosk.config import ConfigError, load_config

DEFAULT_CONFIG = Path("/etc/anjungan/kiosk.toml")


def main(argv: list[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == ["central"]:  # the central has its own options (--db URL, --workers, migrate)
        from central.cli import main as central_main

        return central_main(args_in[1:], default_port=8780)
    parser = argparse.ArgumentParser(prog="main.py", description="Anjungan self-service kiosk")
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", help="run the kiosk (default)")
    run.add_argument("--config", type=Path, default=Path(os.environ.get("ANJUNGAN_CONFIG", DEFAULT_CONFIG)))
    run.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    demo = sub.add_parser("demo", help="the kiosk with the embedded reference central service and virtual devices")
    demo.add_argument(
        "--walkthrough",
        type=Path,
        metavar="DIR",
        help="run the scripted walk-through offscreen and write a PNG of every screen to DIR",
    )
    demo.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    check = sub.add_parser("check-config", help="validate a kiosk config file")
    check.add_argument("file", type=Path)
    default_config = Path(os.environ.get("ANJUNGAN_CONFIG", DEFAULT_CONFIG))
    diag = sub.add_parser("diagnose", help="check devices, central, disk, journal; exit 0 OK, 1 WARN, 2 FAIL")
    diag.add_argument("--config", type=Path, default=default_config)
    diag.add_argument("--json", action="store_true", help="one JSON document on stdout")
    diag.add_argument("--test-page", action="store_true", help="also print the printer's test page")
    diag.add_argument(
        "--acceptance", action="store_true", help="the site acceptance walk (asks; report saved); kiosk stopped"
    )
    enrol = sub.add_parser("enrol", help="exchange a one-time code for this terminal's token")
    enrol.add_argument("code")
    enrol.add_argument("--config", type=Path, default=default_config)
    enrol.add_argument("--terminal-id", help="enrol under this id instead of central.terminal_id")
    rotate = sub.add_parser("rotate-token", help="trade this terminal's token for a new one (restart the kiosk after)")
    rotate.add_argument("--config", type=Path, default=default_config)
    # Only for --help: `main.py central ...` is handed to central.cli above (--db URL, --workers,
    # migrate, issue-code, revoke).
    sub.add_parser(
        "central",
        help="run the central service (see `main.py central --help`; "
        "`central migrate`, `central issue-code`, `central revoke`)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    command = args.command or "run"
    if command == "check-config":
        return check_config(args.file)
    if command == "diagnose":
        from kiosk.diagnostics.cli import acceptance, diagnose

        if args.acceptance:
            return acceptance(args.config)
        return diagnose(args.config, as_json=args.json, test_page=args.test_page)
    if command == "enrol":
        from launcher.enrol import enrol as enrol_terminal

        return enrol_terminal(args.config, args.code, args.terminal_id)
    if command == "rotate-token":
        return rotate_token(args.config)
    if command == "demo":
        return run_demo(args.walkthrough, windowed=args.windowed)
    return run_kiosk(getattr(args, "config", DEFAULT_CONFIG), probe=getattr(args, "startup_probe", False))


def check_config(path: Path) -> int:
    try:
        config = load_config(path)
    except ConfigError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    from kiosk.config.warnings import config_warnings

    warnings = config_warnings(config, path)
    verdict = f"OK with {len(warnings)} warning(s)" if warnings else "OK"
    print(
        f"{path}: {verdict} (terminal {config.central.terminal_id}, printer {config.printer.backend}, "
        f"central {config.central.base_url})"
    )
    for warning in warnings:
        print(f"  warning: {warning}")
    return 0


def rotate_token(path: Path) -> int:
    from kiosk.admin.enrolment import rotate
    from kiosk.api.errors import CentralError

    try:
        token_file = rotate(load_config(path))
    except ConfigError as exc:
        print(exc.report(), file=sys.stderr)
        return 2
    except (CentralError, FileNotFoundError) as exc:
        print(f"token rotation refused or failed: {exc}", file=sys.stderr)
        return 1
    print(f"new token written to {token_file} (mode 0600); the old one no longer works: restart the kiosk")
    return 0


def run_kiosk(path: Path, probe: bool = False) -> int:
    try:
        config = load_config(path)
    except ConfigError as exc:
        print("The kiosk cannot start: its configuration has problems.\n" + exc.report(), file=sys.stderr)
        return 2
    from kiosk.runtime import crash
    from kiosk.ui.app import KioskApp
    from kiosk.ui.watchdog_qt import attach_watchdog

    # Installed before the app so that a crash while starting is recorded too; the next start
    # tells the technician (diagnostics) that it recovered.
    guard = crash.install(config.data.directory)
    try:
        token = config.central.read_token()
    except OSError as exc:  # unreadable: the kiosk says "out of service" (admin controller) instead of crash-looping
        logging.getLogger(__name__).error("terminal token cannot be read (%s)", exc.strerror)
        token = None
    app = KioskApp(config, token, config_path=path, defer_services=True)
    guard.on_fatal = lambda: app.qapp.exit(70)  # uncaught exception: stop cleanly, systemd restarts
    # systemd's watchdog is pinged from the GUI thread: a frozen screen is restarted (no-op
    # without NOTIFY_SOCKET, e.g. when run by hand).
    watchdog = attach_watchdog(app.qapp, app.window)
    _mark_started_once_up(app, config.data.directory)
    if probe:
        # bench/startup.py: say when the welcome screen is first painted, and when the services
        # are up and the catalogue is in (a citizen can start), then leave.
        app.window.first_frame.connect(lambda: print("first-frame", flush=True))

        def ready(view) -> None:
            if view.status.catalog is not None and app.runtime is not None:
                print("ready", flush=True)
                app.qapp.exit(0)

        if not app.refused:  # a refused kiosk (issue 20) has no flow and is never ready
            app.flow.subscribe(ready)
    try:
        return app.exec(before_exit=watchdog.stop)
    finally:
        guard.clean_exit()


def _mark_started_once_up(app, data_dir: Path) -> None:
    # For deploy/upgrade.sh's health check: queued after the first frame like the services'
    # build (kiosk/ui/app.py), so it runs after it and only when the services came up.
    from PySide6.QtCore import QTimer

    from kiosk import __version__
    from kiosk.runtime.started_marker import write_started_marker

    def mark() -> None:
        if app.runtime is not None:
            try:
                write_started_marker(data_dir, __version__)
            except OSError as exc:
                logging.getLogger(__name__).warning("could not write the started marker: %s", exc)

    app.window.first_frame.connect(lambda: QTimer.singleShot(0, mark))


DEMO_AUTOPAY_S = 8.0


def run_demo(walkthrough: Path | None, windowed: bool = False) -> int:
    from kiosk.ui.app import has_display

    if walkthrough is None and not has_display():
        walkthrough = Path("out/walkthrough")
        print(f"No display found: running the demo walk-through offscreen into {walkthrough}/")
    if walkthrough is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.ui.app import KioskApp
    from launcher.demo import demo_environment, seed_hall

    with tempfile.TemporaryDirectory(prefix="anjungan-demo-") as tmp:
        # QRIS for services with a fee. Nobody scans the code at a demo, so the reference
        # service's bank pays by itself a few seconds after it appears (the walk-through pays
        # through the service's test switch instead, at a moment it chooses).
        changes: dict = {"payments": {"enabled": True}}
        central_options = {"payment_autopay_s": DEMO_AUTOPAY_S} if walkthrough is None else {}
        if walkthrough is not None:
            changes["idle"] = {"warn_after_s": 10}  # the shortest allowed, so the demo shows it
        if windowed:
            changes["ui"] = {"fullscreen": False}
        # Fault switches only for the scripted walk-through (it shows an outage); a demo someone
        # plays with has none.
        with demo_environment(
            Path(tmp), central_options=central_options, faults=walkthrough is not None, **changes
        ) as env:
            print(f"Reference central service on {env.central_url}")
            print("\n".join(seed_hall(env)))  # counters, staff accounts, hall displays (issue 14)
            if walkthrough is None:
                print(
                    f"QRIS payments: the demo bank pays each code {DEMO_AUTOPAY_S:.0f} s after it appears. "
                    "Booking codes to check in: BDG-7K3P9, BDG-4M8T2 (valid today), "
                    "BDG-2H7W4 (expired), BDG-6N4V8 (tomorrow), BDG-3C8F5 (cancelled)."
                )
            from kiosk.admin.demo_pin import ensure_demo_pins
            from kiosk.admin.toml_edit import write_config_file

            config_path = Path(tmp) / "kiosk.toml"  # staff edit this copy from the admin screens
            write_config_file(env.config, config_path)
            pins = ensure_demo_pins(env.config)
            print(
                f"Admin mode: tap the top-left corner 5 times within 3 s, then PIN {pins['staff']} (staff) "
                f"or {pins['technician']} (technician)."
            )
            from central.supervisor.demo import demo_supervisor_line

            print(demo_supervisor_line(env.central))  # issue 15: the supervisor's URL and account
            app = KioskApp(env.config, env.token, config_path=config_path)
            if walkthrough is None:
                return app.exec()
            from launcher.walkthrough import Walkthrough

            app.start()
            try:
                written = Walkthrough(app, env.central_url, walkthrough).run()
            finally:
                app.stop()
            print(f"Walk-through done: {len(written)} PNG files in {walkthrough.resolve()}")
            for path in written:
                print(f"  {path}")
            return 0
