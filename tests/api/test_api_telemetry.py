"""Heartbeat (sent once) and event outbox (retried, deduplicated), counted on the server."""

import uuid
from datetime import UTC, datetime

import pytest

from kiosk.api import CentralUnavailable
from kiosk.contract import DeviceHealth, EventBatch, Heartbeat, KioskEvent


def _events(n: int) -> list[KioskEvent]:
    now = datetime.now(UTC)
    return [
        KioskEvent(id=str(uuid.uuid4()), kind="ticket.printed", at=now, data={"number": f"A-{i:03d}"}) for i in range(n)
    ]


def _heartbeat() -> Heartbeat:
    return Heartbeat(
        sent_at=datetime.now(UTC),
        app_version="0.1.0",
        devices={"printer": DeviceHealth(state="degraded", detail="paper near end")},
        journal_backlog=2,
    )


def test_heartbeat_is_acknowledged(client, central):
    ack = client.send_heartbeat(_heartbeat())
    assert ack.received_at.utcoffset().total_seconds() == 0
    stored = central.app.state.telemetry.last_heartbeat("kiosk-test-01")
    assert stored.devices["printer"].detail == "paper near end" and stored.journal_backlog == 2


def test_heartbeat_is_never_retried(client, faults):
    faults.set("error500")
    with pytest.raises(CentralUnavailable):
        client.send_heartbeat(_heartbeat())
    assert faults.requests("POST /v1/heartbeat") == 1


def test_events_replay_is_deduplicated(client):
    events = _events(3)
    first = client.post_events(EventBatch(events=events))
    assert (first.accepted, first.duplicates) == (3, 0)
    again = client.post_events(EventBatch(events=events[1:] + _events(1)))
    assert (again.accepted, again.duplicates) == (1, 2)


def test_events_are_retried_after_a_lost_answer(client, faults):
    faults.set("drop", times=1)
    ack = client.post_events(EventBatch(events=_events(2)))
    assert (ack.accepted, ack.duplicates) == (2, 0)
    assert faults.requests("POST /v1/events") == 2
