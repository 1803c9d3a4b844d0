"""Kiosk-wide facts the flow needs to decide what a citizen may do right now."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal, TypedDict, Unpack

if TYPE_CHECKING:
    from kiosk.contract import Catalog, QueueStatus

# What the printer means for the citizen, not the raw status bits (those live in devices/).
PrinterReadiness = Literal["ok", "near_end", "virtual_only", "out_of_service", "unknown"]
ReaderState = Literal["none", "ok", "no_readers", "no_service", "stopped"]
UnavailableReason = Literal["no_catalog", "central_offline", "printer", "closed", "service_closed"]


class StatusChanges(TypedDict, total=False):
    """Any of ``KioskStatus``'s fields, by name (``KioskStatus.with_``, ``CitizenFlow.update_status``)."""

    catalog: Catalog | None
    catalog_from_cache: bool
    queues: dict[str, QueueStatus]
    central_online: bool
    printer: PrinterReadiness
    closed_message: str | None
    reader: ReaderState


@dataclass(frozen=True)
class KioskStatus:
    catalog: Catalog | None = None  # once loaded (live or from cache)
    catalog_from_cache: bool = False
    queues: dict[str, QueueStatus] = field(default_factory=dict)  # by service_id
    central_online: bool = True
    printer: PrinterReadiness = "unknown"
    closed_message: str | None = None
    reader: ReaderState = "none"  # "none": this kiosk has no card reader configured

    def with_(self, **changes: Unpack[StatusChanges]) -> KioskStatus:
        return replace(self, **changes)

    def blocking_reason(self) -> UnavailableReason | None:
        """Why no ticket can be taken now, or None when one can."""
        if self.closed_message:
            return "closed"
        if self.catalog is None:
            return "no_catalog"
        if not self.central_online:
            # Numbers come from the central service; until leased blocks exist, none offline.
            return "central_offline"
        if self.printer == "out_of_service":
            return "printer"
        return None
