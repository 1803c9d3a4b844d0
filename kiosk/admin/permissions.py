"""Which settings each admin role may change on the kiosk's screen.

Explicit lists, not patterns: a setting added to the config later is editable by nobody until it
is placed here on purpose. Anything that decides which central the kiosk trusts, or who it is
there, needs the technician; day-to-day settings are open to staff too.
"""

from __future__ import annotations

from kiosk.admin.pin import Role

STAFF_FIELDS: tuple[str, ...] = (
    "terminal.name",
    "idle.warn_after_s",
    "idle.answer_s",
    "idle.ticket_display_s",
    "ui.languages",
    "printer.on_fault",
)

TECHNICIAN_FIELDS: tuple[str, ...] = (
    *STAFF_FIELDS,
    "central.base_url",
    "central.terminal_id",
    "central.token_file",
    "central.connect_timeout_s",
    "central.read_timeout_s",
    "central.offline_after_failures",
    "printer.backend",
    "printer.host",
    "printer.port",
    "printer.profile",
    "printer.paper_width_mm",
    "card_reader.backend",
    "admin.session_timeout_s",
)

_BY_ROLE: dict[str, tuple[str, ...]] = {"staff": STAFF_FIELDS, "technician": TECHNICIAN_FIELDS}


def editable_fields(role: Role) -> tuple[str, ...]:
    return _BY_ROLE.get(role, ())


def may_edit(role: Role, field: str) -> bool:
    return field in _BY_ROLE.get(role, ())


def required_role(field: str) -> Role | None:
    """The least role that may change ``field``; None when no role may."""
    if field in STAFF_FIELDS:
        return "staff"
    if field in TECHNICIAN_FIELDS:
        return "technician"
    return None
