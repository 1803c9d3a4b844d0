"""The service catalogue (agencies, services, hours) and the live queue figures."""

from __future__ import annotations

from datetime import datetime, time
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AwareDatetime, Field, PlainSerializer, WithJsonSchema, field_validator, model_validator

from kiosk.contract.base import LocalizedText, ResponseModel

IdentityRule = Literal["none", "optional", "required"]
"""Whether a citizen must identify (ID card / NIK) before taking a ticket for a service."""

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

LocalTime = Annotated[
    time,
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": "^(?:[01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["08:00"]}),
]
"""A wall-clock time in the site's zone, sent as "HH:MM". Not JSON Schema's ``format: time``,
which (RFC 3339) requires a UTC offset that opening hours do not have."""


class Site(ResponseModel):
    """The service hall the kiosk stands in; its time zone decides the business day."""

    id: str = Field(min_length=1, max_length=64)
    """Stable identifier of the site, e.g. "mpp-bandung"."""
    name: str = Field(min_length=1)
    """Display name, e.g. "MPP Kota Bandung"."""
    timezone: str
    """IANA time zone of the site: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT)."""

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown IANA time zone {value!r} (expected e.g. 'Asia/Jakarta', 'Asia/Makassar')"
            ) from None
        return value

    @property
    def tz(self) -> ZoneInfo:
        """The site's time zone object."""
        return ZoneInfo(self.timezone)


class OpeningHours(ResponseModel):
    """One opening window on one weekday, in the site's local time."""

    weekday: int = Field(ge=0, le=6)
    """Day of the week, 0 = Monday ... 6 = Sunday (Python's ``date.weekday()``)."""
    opens: LocalTime
    """Local time the service starts taking tickets."""
    closes: LocalTime
    """Local time the service stops taking tickets (after ``opens``)."""

    @model_validator(mode="after")
    def _opens_before_closes(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise ValueError(
                f"{_WEEKDAYS[self.weekday]}: closes {self.closes:%H:%M} must be after opens {self.opens:%H:%M}"
            )
        return self


class Agency(ResponseModel):
    """A government agency or provider with counters in the hall."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)
    """Slug identifier, lowercase letters, digits and dashes, e.g. "dukcapil"."""
    name: LocalizedText
    """Full name in both languages."""
    short_name: str = Field(min_length=1, max_length=32)
    """Short label for buttons and the printed ticket, e.g. "Imigrasi"."""
    short_name_en: str | None = Field(None, min_length=1, max_length=32)
    """The short label in English ("Immigration"); without it English shows ``short_name``."""
    color: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    """Brand colour as "#RRGGBB" (never the only cue: text always goes with it)."""

    def short(self, language: str) -> str:
        """The short label in ``language`` (English when it has one, else the Indonesian one)."""
        return self.short_name_en if language == "en" and self.short_name_en else self.short_name


class Service(ResponseModel):
    """One service a citizen can queue for."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64)
    """Slug identifier, unique in the catalogue, e.g. "paspor-baru"."""
    agency_id: str
    """The ``Agency.id`` that provides this service."""
    name: LocalizedText
    """Service name in both languages."""
    description: LocalizedText
    """One or two sentences explaining the service."""
    prefix: str = Field(pattern=r"^[A-Z]{1,2}$")
    """Ticket number prefix, 1-2 uppercase letters, unique in the catalogue (B in "B-023")."""
    fee_idr: int = Field(ge=0)
    """Fee in rupiah paid at the kiosk by QRIS; 0 means free."""
    identity: IdentityRule
    """Whether the citizen must, may, or need not identify first."""
    zone: LocalizedText
    """Where to wait / which counters, e.g. "Zona B · Loket 5–8"."""
    required_documents: list[LocalizedText] = Field(default_factory=list)
    """Documents to bring to the counter."""
    hours: list[OpeningHours] = Field(default_factory=list)
    """Opening windows per weekday, site local time; empty means closed."""
    avg_service_minutes: int = Field(gt=0)
    """Average minutes a counter spends per citizen (for the wait estimate)."""
    counters: int = Field(gt=0)
    """Number of counters serving this queue (for the wait estimate)."""
    enabled: bool = True
    """False when the central has switched the service off (not offered to citizens)."""

    def is_open_at(self, local: datetime) -> bool:
        """True when ``local`` (a datetime in the site's time zone) falls in an opening window."""
        t = local.timetz().replace(tzinfo=None)
        return any(h.weekday == local.weekday() and h.opens <= t < h.closes for h in self.hours)


class Catalog(ResponseModel):
    """Everything the kiosk needs to offer services; cached locally for offline use."""

    version: str = Field(min_length=1)
    """Catalogue version label; changes whenever the content changes."""
    generated_at: AwareDatetime
    """When the central produced this catalogue."""
    site: Site
    """The service hall."""
    agencies: list[Agency]
    """Agencies in display order."""
    services: list[Service]
    """Services in display order."""

    @model_validator(mode="after")
    def _consistent(self) -> Catalog:
        _unique("agency id", [a.id for a in self.agencies])
        _unique("service id", [s.id for s in self.services])
        _unique("service prefix", [s.prefix for s in self.services])
        known = {a.id for a in self.agencies}
        for s in self.services:
            if s.agency_id not in known:
                raise ValueError(f"service {s.id!r} names unknown agency_id {s.agency_id!r}")
        return self

    def services_for(self, agency_id: str, *, enabled_only: bool = False) -> list[Service]:
        """The agency's services in catalogue order (all of them unless ``enabled_only``)."""
        return [s for s in self.services if s.agency_id == agency_id and (s.enabled or not enabled_only)]

    def service(self, service_id: str) -> Service:
        """The service with this id; KeyError when the catalogue has none."""
        for s in self.services:
            if s.id == service_id:
                return s
        raise KeyError(f"no service {service_id!r} in catalogue {self.version!r}")

    def agency(self, agency_id: str) -> Agency:
        """The agency with this id; KeyError when the catalogue has none."""
        for a in self.agencies:
            if a.id == agency_id:
                return a
        raise KeyError(f"no agency {agency_id!r} in catalogue {self.version!r}")


def _unique(what: str, values: list[str]) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise ValueError(f"duplicate {what} {v!r}")
        seen.add(v)


class QueueStatus(ResponseModel):
    """Live figures for one service's queue."""

    service_id: str
    """The ``Service.id``."""
    waiting: int = Field(ge=0)
    """People currently waiting (tickets issued and not yet served)."""
    estimated_wait_minutes: int = Field(ge=0)
    """Estimate for someone taking a ticket now."""


class QueuesResponse(ResponseModel):
    """Answer of GET /v1/queues."""

    as_of: AwareDatetime
    """When the figures were computed."""
    queues: list[QueueStatus]
    """One entry per service in the catalogue."""

    def for_service(self, service_id: str) -> QueueStatus | None:
        """The figures for a service, or None when the central did not report it."""
        return next((q for q in self.queues if q.service_id == service_id), None)
