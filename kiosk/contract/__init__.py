"""The central API contract: pydantic models shared by the kiosk client and the reference central.

Qt-free and transport-free (no requests, no fastapi). Request bodies forbid unknown fields;
response bodies ignore them so a newer central keeps working with older kiosks.
docs/openapi.json is generated from the reference central built on these models.
"""

from kiosk.contract.base import LocalizedText, RequestModel, ResponseModel
from kiosk.contract.bookings import Booking, BookingCheckIn, BookingCheckInRequest, BookingStatus
from kiosk.contract.catalog import (
    Agency,
    Catalog,
    IdentityRule,
    OpeningHours,
    QueuesResponse,
    QueueStatus,
    Service,
    Site,
)
from kiosk.contract.identity import IdentityKind, IdentityResolveRequest, ResolvedIdentity
from kiosk.contract.leases import (
    Lease,
    LeaseReleaseRequest,
    LeaseRequest,
    OfflineTicket,
    OfflineTicketBatch,
    OfflineTicketResult,
    OfflineTicketsAck,
)
from kiosk.contract.payments import Payment, PaymentCreateRequest, PaymentRefundRequest, PaymentStatus
from kiosk.contract.system import ApiError, ServerTime
from kiosk.contract.telemetry import (
    DeviceHealth,
    DeviceState,
    EventBatch,
    EventsAck,
    Heartbeat,
    HeartbeatAck,
    KioskEvent,
)
from kiosk.contract.terminals import EnrolRequest, EnrolResponse
from kiosk.contract.tickets import (
    ConfirmMode,
    Language,
    Priority,
    Ticket,
    TicketConfirmRequest,
    TicketFailRequest,
    TicketReserveRequest,
    TicketStatus,
)

__all__ = [
    "Agency",
    "ApiError",
    "Booking",
    "BookingCheckIn",
    "BookingCheckInRequest",
    "BookingStatus",
    "Catalog",
    "ConfirmMode",
    "DeviceHealth",
    "DeviceState",
    "EnrolRequest",
    "EnrolResponse",
    "EventBatch",
    "EventsAck",
    "Heartbeat",
    "HeartbeatAck",
    "IdentityKind",
    "IdentityResolveRequest",
    "IdentityRule",
    "KioskEvent",
    "Language",
    "Lease",
    "LeaseReleaseRequest",
    "LeaseRequest",
    "LocalizedText",
    "OfflineTicket",
    "OfflineTicketBatch",
    "OfflineTicketResult",
    "OfflineTicketsAck",
    "OpeningHours",
    "Payment",
    "PaymentCreateRequest",
    "PaymentRefundRequest",
    "PaymentStatus",
    "Priority",
    "QueueStatus",
    "QueuesResponse",
    "RequestModel",
    "ResolvedIdentity",
    "ResponseModel",
    "ServerTime",
    "Service",
    "Site",
    "Ticket",
    "TicketConfirmRequest",
    "TicketFailRequest",
    "TicketReserveRequest",
    "TicketStatus",
]
