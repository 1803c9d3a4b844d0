"""Admin mode for the running kiosk, Qt-free: the admin screens talk only to this.

Everything slow (scrypt, files, HTTP, diagnostics) runs on the one "admin" Worker; each result is
handed back on the flow's thread through ``Scheduler.post`` to the callback the caller gave, so
a screen never blocks and never touches a file. The controller also owns what staff decided for
the kiosk (services off, closed for the day) and applies it to the citizen flow.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, Unpack

from kiosk.admin.demo_pin import pin_file_for
from kiosk.admin.pin import PinCheck, PinLocked, PinStore, Role
from kiosk.admin.session import AdminSession, Source
from kiosk.admin.settings_edit import SettingsEditor
from kiosk.admin.state import AdminState, AdminStateStore
from kiosk.config.local_settings import local_settings_file
from kiosk.diagnostics.kiosk_files import out_of_service_reason, unreadable_kiosk_files
from kiosk.runtime.scheduler import Scheduler, Timer
from kiosk.runtime.worker import Worker

if TYPE_CHECKING:
    from kiosk.admin.enrolment import EnrolResult
    from kiosk.admin.event_outbox import EventOutbox
    from kiosk.config.models import KioskConfig
    from kiosk.contract import Catalog
    from kiosk.devices.printer.service import PrinterService
    from kiosk.diagnostics.result import CheckResult
    from kiosk.flow.status import KioskStatus, StatusChanges
    from kiosk.identification import SessionIdentity

log = logging.getLogger(__name__)

T = TypeVar("T")
Done = Callable[[T | BaseException], None]  # called on the flow's thread with the result or the exception
RECHECK_CLOSED_S = 60.0


class StatusTarget(Protocol):
    """What the controller needs of the citizen flow (tests/test_layering.py keeps services from
    importing kiosk.flow.citizen): its status, and a way to change it."""

    @property
    def status(self) -> KioskStatus: ...

    def update_status(self, **changes: Unpack[StatusChanges]) -> None: ...


class AdminController:
    def __init__(
        self,
        config: KioskConfig,
        scheduler: Scheduler,
        flow: StatusTarget,
        *,
        config_path: Path | None = None,
        printer: PrinterService | None = None,
        card_service_running: bool = False,
        token: str | None = None,
        log_dir: Path | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        events: EventOutbox | None = None,
    ) -> None:
        self.config = config
        self._scheduler = scheduler
        self._flow = flow
        self._printer = printer
        self._card_service_running = card_service_running
        self._token = token
        self.config_path = config_path
        self.log_dir = log_dir or config.data.directory / "logs"
        self._worker = Worker("admin")
        self.events = events  # lockouts are reported to the central through it
        self.pins: PinStore | None = None
        try:
            self.pins = PinStore(pin_file_for(config), config.admin.max_pin_attempts, config.admin.lockout_base_s)
        except OSError as exc:  # e.g. left root-owned 0600 by an operator: no crash loop, say why
            log.error("staff PIN file %s cannot be read (%s)", pin_file_for(config), exc.strerror)
        # Out of service (shown on the welcome screen, no tickets) while a file the kiosk needs
        # cannot be read; diagnose names the file and the fix.
        self.fault = out_of_service_reason(unreadable_kiosk_files(config)) or (
            "out of service: staff PIN file unreadable" if self.pins is None else None
        )
        self.state = AdminStateStore(config.data.directory / "admin-state.json", today)
        # Changes go to the kiosk's own settings file: the config file is root's (read-only here).
        local = local_settings_file(config)
        self.editor = SettingsEditor(config_path, local) if config_path is not None else None
        self.session: AdminSession | None = None
        self._pending_source: Source = "gesture"
        self._timeout: Timer | None = None
        self._recheck: Timer | None = None
        self._raw_catalog: Catalog | None = None
        self._listeners: list[Callable[[str], None]] = []
        self.last_diagnostics: list[CheckResult] = []
        self._stopped = False

    # ---- wiring ----------------------------------------------------------------------------
    def add_listener(self, listener: Callable[[str], None]) -> None:
        """``listener(event)`` on the flow's thread: "requested", "opened", "closed", "state"."""
        self._listeners.append(listener)

    def _emit(self, event: str) -> None:
        for listener in list(self._listeners):
            listener(event)

    def _later(self, future: Future[T], done: Done[T]) -> Future[T]:
        def finished(f: Future[T]) -> None:
            self._scheduler.post(lambda: None if self._stopped else done(f.exception() or f.result()))

        future.add_done_callback(finished)
        return future

    def start(self) -> None:
        self.apply_to_flow()
        if self.events is not None:
            self.events.flush()  # events a restart or an outage left on disk
        self._recheck = self._scheduler.call_later(RECHECK_CLOSED_S, self._recheck_closed)

    def stop(self) -> None:
        self._stopped = True
        for timer in (self._timeout, self._recheck):
            if timer is not None:
                timer.cancel()
        self._worker.stop()
        if self.events is not None:
            self.events.stop()

    # ---- opening and closing admin mode ------------------------------------------------------
    def request(self, source: Source = "gesture", card_role: str | None = None) -> None:
        """The hidden gesture or a staff card: ask for the PIN (the PIN decides the role)."""
        if self.session is not None:
            return
        self._pending_source = source
        log.info("admin mode requested (%s%s)", source, f", {card_role} card" if card_role else "")
        self._emit("requested")

    def on_staff_card(self, identity: SessionIdentity) -> None:
        self.request("staff_card", identity.staff_role)

    def check_pin(self, pin: str, done: Done[PinCheck | PinLocked]) -> Future[PinCheck | PinLocked]:
        """``done`` gets a ``PinCheck`` (role None = wrong) or ``PinLocked``."""

        def opened(result: PinCheck | PinLocked | BaseException) -> None:
            if isinstance(result, PinCheck) and result.role is not None:
                self._open(result.role)
            elif isinstance(result, PinCheck):
                log.warning(
                    "wrong admin PIN (%d attempt(s) left%s)",
                    result.attempts_left,
                    f", locked for {result.locked_for_s:.0f} s" if result.locked_for_s else "",
                )
            done(result)

        return self._later(self._worker.submit(self._check_pin, pin, self._pending_source), opened)

    def _check_pin(self, pin: str, path: Source) -> PinCheck | PinLocked:
        try:
            if self.pins is None:
                return PinCheck(role=None, attempts_left=0)
            result = self.pins.check(pin, path)
        except PinLocked as exc:
            return exc
        if result.locked_for_s and self.events is not None:
            # Someone is trying PINs: the fleet hears of every lockout (never the PINs tried).
            self.events.add(
                "admin.pin_lockout",
                {"path": path, "locked_for_s": round(result.locked_for_s), "lockout": result.lockout_number},
            )
        return result

    def _open(self, role: Role) -> None:
        self.session = AdminSession(role, self._pending_source)
        log.info("admin mode opened: %s via %s", role, self._pending_source)
        self.touch()
        self._emit("opened")

    def touch(self) -> None:
        """Any touch in admin mode: the inactivity timeout starts again."""
        if self._timeout is not None:
            self._timeout.cancel()
        if self.session is not None:
            self._timeout = self._scheduler.call_later(self.config.admin.session_timeout_s, self._timed_out)

    def _timed_out(self) -> None:
        log.info("admin mode timed out")
        self.close()

    def close(self) -> None:
        if self._timeout is not None:
            self._timeout.cancel()
            self._timeout = None
        was_open = self.session is not None
        self.session = None
        if was_open:
            log.info("admin mode closed")
        self._emit("closed")

    def _require(self, technician: bool = False) -> AdminSession:
        if self.session is None or (technician and not self.session.is_technician):
            raise PermissionError("needs the technician role" if technician else "admin mode is not open")
        return self.session

    # ---- per-kiosk state -----------------------------------------------------------------------
    @property
    def raw_catalog(self) -> Catalog | None:
        """The central's catalogue before this kiosk's switches (for the services page)."""
        return self._raw_catalog

    def local_catalog(self, catalog: Catalog | None) -> Catalog | None:
        """The catalogue with this kiosk's disabled services switched off (the assembly calls it)."""
        self._raw_catalog = catalog
        disabled = self.state.state.disabled_services
        if catalog is None or not disabled:
            return catalog
        services = [s.model_copy(update={"enabled": False}) if s.id in disabled else s for s in catalog.services]
        return catalog.model_copy(update={"services": services})

    def apply_to_flow(self) -> None:
        changes: StatusChanges = {"closed_message": self._closed_message()}
        if self._raw_catalog is not None:
            changes["catalog"] = self.local_catalog(self._raw_catalog)
        self._flow.update_status(**changes)
        self._emit("state")

    def _closed_message(self) -> str | None:
        return self.fault or self.state.closed_message()

    def _recheck_closed(self) -> None:
        # "Closed for the day" ends at midnight by itself.
        if self._flow.status.closed_message != self._closed_message():
            self.apply_to_flow()
        if not self._stopped:
            self._recheck = self._scheduler.call_later(RECHECK_CLOSED_S, self._recheck_closed)

    def _applied(self, done: Done[AdminState]) -> Done[AdminState]:
        def then(result: AdminState | BaseException) -> None:
            self.apply_to_flow()
            done(result)

        return then

    def set_service_enabled(self, service_id: str, enabled: bool, done: Done[AdminState]) -> Future[AdminState]:
        self._require()
        log.info("service %s %s on this kiosk", service_id, "enabled" if enabled else "disabled")
        future = self._worker.submit(self.state.set_service_enabled, service_id, enabled)
        return self._later(future, self._applied(done))

    def close_for_day(self, message: str, done: Done[AdminState]) -> Future[AdminState]:
        self._require()
        log.info("kiosk closed for the day by staff")
        return self._later(self._worker.submit(self.state.close_for_day, message), self._applied(done))

    def reopen(self, done: Done[AdminState]) -> Future[AdminState]:
        self._require()
        log.info("kiosk reopened by staff")
        return self._later(self._worker.submit(self.state.reopen), self._applied(done))

    # ---- settings and enrolment ----------------------------------------------------------------
    def load_settings(self, done: Done[KioskConfig]) -> Future[KioskConfig]:
        if self.editor is None:
            raise RuntimeError("this kiosk was started without a config file: settings cannot be edited")
        return self._later(self._worker.submit(self.editor.load), done)

    def save_settings(self, changes: dict[str, Any], done: Done[KioskConfig]) -> Future[KioskConfig]:
        """``done`` gets the new ``KioskConfig`` or ``SettingsRefused`` (its ``problems`` for the screen)."""
        session = self._require()
        if self.editor is None:
            raise RuntimeError("this kiosk was started without a config file: settings cannot be edited")
        return self._later(self._worker.submit(self.editor.save, session.role, changes), done)

    def enrol(self, code: str, terminal_id: str | None, done: Done[EnrolResult]) -> Future[EnrolResult]:
        """Technician only. ``done`` gets an ``EnrolResult`` or the central's error."""
        self._require(technician=True)
        return self._later(self._worker.submit(self._enrol, code, terminal_id), done)

    def _enrol(self, code: str, terminal_id: str | None) -> EnrolResult:
        from kiosk.admin.enrolment import enrol

        result = enrol(self.config, code, terminal_id)
        if self.editor is not None:
            changes: dict[str, Any] = {"central.terminal_id": result.terminal_id}
            if not result.token_file_configured:
                changes["central.token_file"] = str(result.token_file)
            self.editor.save("technician", changes)
        return result

    # ---- diagnostics ---------------------------------------------------------------------------
    def run_diagnostics(
        self, on_result: Callable[[CheckResult], None], done: Done[list[CheckResult]]
    ) -> Future[list[CheckResult]]:
        from kiosk.diagnostics.runner import DiagnosticsContext, run_checks

        ctx = DiagnosticsContext(
            self.config, self.config_path, self._token, self._printer, card_test=not self._card_service_running
        )

        def job() -> list[CheckResult]:
            results = run_checks(ctx, on_result=lambda r: self._scheduler.post(lambda: on_result(r)))
            self.last_diagnostics = results
            return results

        return self._later(self._worker.submit(job), done)

    def print_test_page(self, done: Done[CheckResult]) -> Future[CheckResult]:
        from kiosk.diagnostics.devices import print_test_page

        if self._printer is None:  # the assembly always gives one; a bare controller has none
            raise RuntimeError("this controller was built without the kiosk's printer service")
        return self._later(self._worker.submit(print_test_page, self._printer), done)

    def export_logs(self, folder: Path, done: Done[Path]) -> Future[Path]:
        from kiosk.logging_setup import export_bundle

        def job() -> Path:
            diagnose = [r.to_json() for r in self.last_diagnostics]
            path = export_bundle(folder, self.log_dir, self.config, diagnose)
            log.info("logs exported to %s", path)
            return path

        return self._later(self._worker.submit(job), done)

    def list_export_targets(self, done: Done[list[Path]]) -> Future[list[Path]]:
        return self._later(self._worker.submit(self.export_targets), done)

    def export_targets(self) -> list[Path]:
        """Folders offered for "export logs": mounted USB sticks first, then the data folder."""
        found: list[Path] = []
        for base in (Path("/media"), Path("/run/media")):
            try:
                found += [p for p in sorted(base.glob("*/*")) if p.is_dir() and p.stat().st_dev != base.stat().st_dev]
            except OSError:
                continue
        return [*found, self.config.data.directory / "exports"]
