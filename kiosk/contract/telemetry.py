"""Terminal health (heartbeat) and the event outbox. No personal data in either."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field

from kiosk.contract.base import RequestModel, ResponseModel, WireDatetime, WireInt

DeviceName = Annotated[str, Field(min_length=1, max_length=32)]
"""Key of ``Heartbeat.devices``, e.g. "printer"."""
DeviceState = Literal["ok", "degraded", "fault", "unknown"]
"""ok: works; degraded: works with a warning (paper near end); fault: unusable; unknown: no answer."""


class DeviceHealth(RequestModel):
    """One device's state in a heartbeat."""

    state: DeviceState
    """Summary state."""
    detail: str = Field(default="", max_length=200)
    """Short technical detail, e.g. "paper near end"."""


class Heartbeat(RequestModel):
    """Body of POST /v1/heartbeat, sent every minute or so; never retried (the next one follows)."""

    sent_at: WireDatetime
    """Kiosk clock when sent (the central compares it with its own for skew)."""
    app_version: str = Field(max_length=32)
    """Kiosk software version."""
    devices: dict[DeviceName, DeviceHealth] = Field(default_factory=dict, max_length=32)
    """Device name ("printer", "card_reader") -> health."""
    journal_backlog: WireInt = Field(default=0, ge=0, le=1_000_000_000)
    """Journal entries not yet reconciled with the central."""
    open_for_citizens: bool = True
    """False when staff closed the kiosk or it is out of service."""


class HeartbeatAck(ResponseModel):
    """Answer of POST /v1/heartbeat."""

    received_at: AwareDatetime
    """Central clock on receipt (UTC)."""
    clock_skew_s: float
    """Kiosk clock minus central clock, seconds (network delay included)."""


class KioskEvent(RequestModel):
    """One outbox entry: something that happened at the kiosk."""

    id: str = Field(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
    """Client-generated UUID; the central ignores ids it already has (safe replay)."""
    kind: str = Field(pattern=r"^[a-z][a-z0-9_.]{0,63}$")
    """Event type, e.g. "ticket.printed", "printer.paper_out", "admin.opened"."""
    at: WireDatetime
    """When it happened (kiosk clock)."""
    data: dict[str, Any] = Field(default_factory=dict)
    """Small JSON details; never a NIK, name or card data."""


class EventBatch(RequestModel):
    """Body of POST /v1/events."""

    events: list[KioskEvent] = Field(min_length=1, max_length=500)
    """Oldest first."""


class EventsAck(ResponseModel):
    """Answer of POST /v1/events."""

    accepted: int = Field(ge=0)
    """Events stored now."""
    duplicates: int = Field(ge=0)
    """Events the central already had (an earlier send whose answer was lost)."""
