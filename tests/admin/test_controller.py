"""The admin controller without Qt: timeout, staff card, per-kiosk state applied to the flow."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

import pytest

from kiosk.admin.controller import AdminController
from kiosk.admin.demo_pin import pin_file_for
from kiosk.admin.pin import PinStore
from kiosk.config import load_config
from kiosk.flow.status import KioskStatus
from kiosk.identification import SessionIdentity
from kiosk.runtime.scheduler import ManualScheduler

ROOT = Path(__file__).resolve().parents[2]


class FakeFlow:
    """Records what the controller asks of the citizen flow (its only contact with it)."""

    def __init__(self) -> None:
        self.status = KioskStatus()

    def update_status(self, **changes) -> None:
        self.status = self.status.with_(**changes)

    def on_staff_card(self, hook) -> None:
        self.staff_hook = hook


@pytest.fixture
def controller(tmp_path):
    config_path = tmp_path / "kiosk.toml"
    shutil.copy(ROOT / "config" / "demo.toml", config_path)
    config = load_config(config_path)
    config = config.model_copy(update={"data": config.data.model_copy(update={"directory": tmp_path / "data"})})
    PinStore(pin_file_for(config)).set_pin("staff", "246810")
    scheduler = ManualScheduler()
    flow = FakeFlow()
    ctl = AdminController(config, scheduler, flow, config_path=config_path, today=lambda: dt.date(2026, 11, 28))
    yield ctl, scheduler, flow
    ctl.stop()


def wait(scheduler: ManualScheduler, done: threading.Event) -> None:
    for _ in range(100):
        if done.is_set():
            return
        scheduler.wait_posted(0.1)
    raise AssertionError("no answer from the admin worker")


def test_staff_card_asks_for_the_pin_and_the_session_times_out(controller):
    ctl, scheduler, _flow = controller
    events = []
    ctl.add_listener(events.append)
    ctl.on_staff_card(SessionIdentity("card", None, None, None, is_staff=True, staff_role="staff"))
    assert events == ["requested"] and ctl.session is None
    answered = threading.Event()
    ctl.check_pin("246810", lambda r: answered.set())
    wait(scheduler, answered)
    assert ctl.session.role == "staff" and ctl.session.source == "staff_card"
    assert events[-1] == "opened"
    scheduler.advance(ctl.config.admin.session_timeout_s - 1)
    ctl.touch()  # a touch restarts the clock
    scheduler.advance(ctl.config.admin.session_timeout_s - 1)
    assert ctl.session is not None
    scheduler.advance(2)
    assert ctl.session is None and events[-1] == "closed"


def test_nothing_changes_without_a_session(controller):
    ctl, _, _ = controller
    with pytest.raises(PermissionError):
        ctl.close_for_day("Tutup", lambda r: None)
    with pytest.raises(PermissionError):
        ctl.save_settings({"terminal.name": "x"}, lambda r: None)


def test_closed_state_and_disabled_services_reach_the_flow(controller, tmp_path):
    ctl, scheduler, flow = controller
    ctl._open("staff")
    from central.catalog_file import load_catalog_file

    catalog = load_catalog_file(ROOT / "config" / "catalog.toml").catalog
    assert ctl.local_catalog(catalog) is catalog
    first = catalog.services[0].id
    done = threading.Event()
    ctl.set_service_enabled(first, False, lambda r: done.set())
    wait(scheduler, done)
    assert not flow.status.catalog.service(first).enabled
    assert ctl.local_catalog(catalog).service(first).enabled is False
    done.clear()
    ctl.close_for_day("Tutup hari ini", lambda r: done.set())
    wait(scheduler, done)
    assert flow.status.closed_message == "Tutup hari ini" and flow.status.blocking_reason() == "closed"
