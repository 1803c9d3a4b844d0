"""What the assembly adds for staff mode: the admin controller and the heartbeat, wired to the
running kiosk. Kept here so ``kiosk/assembly.py`` only needs a few lines for it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.admin.controller import AdminController
from kiosk.heartbeat import HeartbeatSender, HeartbeatSnapshot, printer_health, reader_health

if TYPE_CHECKING:
    from kiosk.assembly import KioskRuntime
    from kiosk.runtime.scheduler import Scheduler


def library_versions() -> str:
    import importlib.metadata

    parts = []
    for lib in ("PySide6_Essentials", "pydantic", "requests", "python-escpos", "pyscard"):
        try:
            parts.append(f"{lib} {importlib.metadata.version(lib)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return "; ".join(parts)[:200]


def build_admin(
    runtime: KioskRuntime, scheduler: Scheduler, config_path: Path | None, token: str | None
) -> AdminController:
    from kiosk.admin.event_outbox import EventOutbox
    from kiosk.api.client import CentralClient

    config = runtime.config
    # Its own HTTP session (used on the outbox's worker only), retried like any idempotent call.
    events = EventOutbox(config.data.directory / "events-outbox.json", CentralClient(config.central, token))
    admin = AdminController(
        config,
        scheduler,
        runtime.flow,
        config_path=config_path,
        printer=runtime.printer,
        card_service_running=runtime.card_reader is not None,
        token=token,
        events=events,
    )
    runtime.flow.on_staff_card(admin.on_staff_card)

    # Events kept while the central was away go out when it answers again.
    def central_back(online: bool) -> None:
        if online:
            events.flush()

    runtime.monitor.add_listener(central_back)
    return admin


def build_heartbeat(runtime: KioskRuntime, token: str | None) -> HeartbeatSender:
    from kiosk.api.client import CentralClient
    from kiosk.contract import DeviceHealth
    from kiosk.diagnostics.backlog import total_backlog

    config = runtime.config
    versions = library_versions()  # once: importlib.metadata reads files

    def snapshot() -> HeartbeatSnapshot:
        # On the heartbeat thread: read-only looks at immutable snapshots of the kiosk's state.
        status = runtime.flow.status
        backlog = sum(n for n in total_backlog(config.data.directory).values() if n and n > 0)
        return {
            "devices": {
                "printer": printer_health(runtime.printer.last_status),
                "card_reader": reader_health(status.reader),
                "software": DeviceHealth(state="ok", detail=versions),
            },
            "journal_backlog": backlog,
            "open_for_citizens": status.blocking_reason() is None,
        }

    # No connectivity monitor: a lost heartbeat must not mark the kiosk offline for citizens.
    client = CentralClient(config.central.model_copy(update={"retries": 0}), token)
    return HeartbeatSender(client, snapshot, config.admin.heartbeat_interval_s)
