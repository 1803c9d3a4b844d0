"""An open admin session: who (role), how it was opened, and when it closes by itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kiosk.admin.permissions import editable_fields, may_edit
from kiosk.admin.pin import Role

Source = Literal["gesture", "staff_card"]


@dataclass(frozen=True)
class AdminSession:
    role: Role
    source: Source

    @property
    def is_technician(self) -> bool:
        return self.role == "technician"

    def may_edit(self, field: str) -> bool:
        return may_edit(self.role, field)

    def editable_fields(self) -> tuple[str, ...]:
        return editable_fields(self.role)
