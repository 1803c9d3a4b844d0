"""Kiosk-wide facts the flow needs to decide what a citizen may do right now."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, TypedDict, Unpack

if TYPE_CHECKING:
    from kiosk.contract import Catalog, QueueStatus

# What the printer means for the citizen, not the raw status bits (those live in devices/).
PrinterReadiness = Literal["ok", "near_end", "virtual_only", "out_of_service", "unknown"]
ReaderState = Literal["none", "ok", "no_readers", "no_service", "stopped"]
UnavailableReason = Literal["no_catalog", "central_offline", "printer", "closed", "service_closed", "service_offline"]


class StatusChanges(TypedDict, total=False):
    """Any of ``KioskStatus``'s fields, by name (``KioskStatus.with_``, ``CitizenFlow.update_status``)."""

    catalog: Catalog | None
    catalog_from_cache: bool
    queues: dict[str, QueueStatus]
    central_online: bool
    printer: PrinterReadiness
    closed_message: str | None
    reader: ReaderState
    leased: frozenset[str]


@dataclass(frozen=True)
class KioskStatus:
    catalog: Catalog | None = None  # once loaded (live or from cache)
    catalog_from_cache: bool = False
    queues: dict[str, QueueStatus] = field(default_factory=dict)  # by service_id
    central_online: bool = True
    printer: PrinterReadiness = "unknown"
    closed_message: str | None = None
    reader: ReaderState = "none"  # "none": this kiosk has no card reader configured
    # Walk-in services this kiosk holds leased numbers for (issue 16): while the central is away,
    # these, and only these, still give tickets.
    leased: frozenset[str] = frozenset()

    def with_(self, **changes: Unpack[StatusChanges]) -> KioskStatus:
        return replace(self, **changes)

    @property
    def issuing_offline(self) -> bool:
        """The central is away and tickets come from leased numbers."""
        return not self.central_online and bool(self.leased)

    def available_offline(self, service_id: str) -> bool:
        return self.central_online or service_id in self.leased

    def blocking_reason(self) -> UnavailableReason | None:
        """Why no ticket can be taken now, or None when one can."""
        if self.closed_message:
            return "closed"
        if self.catalog is None:
            return "no_catalog"
        if not self.central_online and not self.leased:
            # Numbers come from the central service, or from this kiosk's leases while it is away.
            return "central_offline"
        if self.printer == "out_of_service":
            return "printer"
        return None
