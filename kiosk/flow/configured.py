"""The citizen flow as a kiosk's config describes it (time limits, languages, opening hours).

Apart from ``kiosk.assembly`` so the app can paint its first screen from the flow alone and
build the services (HTTP, printer, card reader) right after: see ``KioskApp``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from kiosk.runtime.scheduler import Scheduler

from .citizen import CitizenFlow, FlowTiming

if TYPE_CHECKING:
    from kiosk.config.models import KioskConfig


def build_flow(config: KioskConfig, scheduler: Scheduler) -> CitizenFlow:
    """A flow with no services attached yet (``CitizenFlow.attach``); until they are, no
    catalogue is loaded and the welcome screen says it is connecting."""
    idle = config.idle
    return CitizenFlow(
        None,
        scheduler,
        FlowTiming(idle.warn_after_s, idle.answer_s, idle.ticket_display_s),
        tuple(config.ui.languages),
        clock=(lambda: datetime.now(UTC)) if config.terminal.opening_hours else None,
    )
